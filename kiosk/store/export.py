"""The laptop's side of the sync file: what changed since the last verified export, the rows an
export carries, recording it, and purging personal data once the office has it
(docs/sync-format.md). kiosk.sync decides; these functions only read and write. Table and
column names passed in come from the code or from a verified file's column list, and are checked
to be plain identifiers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


SYNC_CHILD_TABLES = ("aliases", "convictions", "determinations", "documents", "print_jobs")
# the tables whose rows make the merged data at the office (compared by data_digest)
SYNC_DATA_TABLES = ("events", "attorneys", "applicants", *SYNC_CHILD_TABLES, "audit_log",
                    "sync_versions", "duplicate_flags")


def _ident(name: str) -> str:
    if not (name.isidentifier() and name.isascii() and name == name.lower()):
        raise ValueError("not a table or column name")
    return f'"{name}"'


def table_columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({_ident(table)})").fetchall()]


@contextmanager
def savepoint(db: Database) -> Iterator[Database]:
    """A nested transaction, undone on its own when its block raises (one file of an import)."""
    with db.atomic():
        yield db


def _load_ids(db: Database, ids: Iterable[str]) -> None:
    """Put a set of ids in a temp table, so a query can join on thousands of them at once."""
    db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_ids (id TEXT PRIMARY KEY)")
    db.conn.execute("DELETE FROM temp.sync_ids")
    db.conn.executemany("INSERT OR IGNORE INTO temp.sync_ids(id) VALUES (?)", ((i,) for i in ids))


_VERSIONS_SQL = """
WITH v(aid, u) AS (
    SELECT id, updated_at FROM applicants
    UNION ALL SELECT applicant_id, updated_at FROM aliases
    UNION ALL SELECT applicant_id, updated_at FROM convictions
    UNION ALL SELECT applicant_id, updated_at FROM determinations
    UNION ALL SELECT applicant_id, updated_at FROM documents
    UNION ALL SELECT applicant_id, updated_at FROM print_jobs)
SELECT v.aid, MAX(v.u) FROM v GROUP BY v.aid
HAVING v.aid IN (SELECT id FROM applicants WHERE purged_at IS NULL)"""
# grouping first and then keeping the unpurged applicants' groups takes half the time of joining
# every row to its applicant before grouping (docs/benchmarks.md, "Sync")


def sync_applicant_versions(db: Database) -> dict[str, str]:
    """Each unpurged applicant's version: the latest updated_at among its rows, so an edit, an
    override or a print anywhere in the record makes it newer."""
    return dict(db.execute(_VERSIONS_SQL).fetchall())


_LAST_EXPORT_SQL = """
SELECT applicant_id, recipient, updated_at FROM (
  SELECT i.applicant_id, e.recipient, i.updated_at,
         ROW_NUMBER() OVER (PARTITION BY i.applicant_id ORDER BY e.created_at DESC, e.id DESC) AS rn
  FROM export_items i JOIN exports e ON e.id = i.export_id WHERE e.verified_at IS NOT NULL)
WHERE rn = 1"""


def sync_last_recipients(db: Database) -> dict[str, tuple[str, str]]:
    """Per applicant, (the recipient, the version) of the newest verified export that carried it."""
    return {a: (r, v) for a, r, v in db.execute(_LAST_EXPORT_SQL).fetchall()}


def _new_selection(db: Database) -> None:
    """Empty temp tables for an export's selection (executescript would commit the snapshot)."""
    db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS export_versions (id TEXT PRIMARY KEY, version TEXT NOT NULL)")
    db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS export_audit (id TEXT PRIMARY KEY)")
    db.conn.execute("DELETE FROM temp.export_versions")
    db.conn.execute("DELETE FROM temp.export_audit")


_CHANGED_SINCE_EXPORT = """
WITH cur(aid, v) AS ({versions}),
done(aid, v) AS (SELECT i.applicant_id, MAX(i.updated_at) FROM export_items i
                 JOIN exports e ON e.id = i.export_id WHERE e.verified_at IS NOT NULL GROUP BY i.applicant_id)
SELECT cur.aid, cur.v FROM cur LEFT JOIN done ON done.aid = cur.aid WHERE done.v IS NULL OR done.v < cur.v"""


def sync_select_export(db: Database, *, since_last: bool) -> int:
    """Choose what the next export carries, kept in temp tables on this connection until it is
    recorded: each unpurged applicant with its version (with `since_last`, only those no
    verified export carried in that version) and the audit entries no export carried yet.
    Returns the applicants chosen. Set-based, so 20,000 ids never pass through Python."""
    _new_selection(db)
    chosen = _CHANGED_SINCE_EXPORT.format(versions=_VERSIONS_SQL) if since_last else _VERSIONS_SQL
    db.execute(f"INSERT INTO temp.export_versions(id, version) {chosen}")
    db.execute("INSERT INTO temp.export_audit(id) SELECT id FROM audit_log WHERE export_batch = ''")
    return db.execute("SELECT COUNT(*) FROM temp.export_versions").fetchone()[0]


CONTACT_COLUMNS = ("phone", "email", "address")


def _sync_select(table: str, columns: list[str], *, ids_from: str, unexported_audit: bool,
                 audit_batch: bool) -> str:
    exprs = []
    for c in columns:
        q = _ident(c)
        if audit_batch and table == "audit_log" and c == "export_batch":
            q = f"CASE WHEN {q} = '' THEN :batch ELSE {q} END AS {q}"
        elif table == "applicants" and c in CONTACT_COLUMNS:
            # follow-up contact leaves the laptop only with the applicant's consent to share it
            q = f"CASE WHEN consent_to_share THEN {q} ELSE '' END AS {q}"
        exprs.append(q)
    t = _ident(table)
    if ids_from:
        key = "id" if table == "applicants" else "applicant_id"
        where, order = f"WHERE {key} IN (SELECT id FROM temp.{ids_from})", f"{key}, id"
    elif table == "audit_log":
        where, order = ("WHERE export_batch = ''" if unexported_audit else ""), "at, id"
    else:
        where, order = "", "id"
    # sort the row ids alone, then read each row by its id in that order: the sorter moves a
    # few bytes a row instead of whole rows (a third less time; docs/benchmarks.md, "Sync").
    # MATERIALIZED carries the order: without it SQLite flattens the CTE and drops its ORDER BY;
    # tests/core/store/test_export.py fails if the rows ever come out in another order
    # (the office re-sorts what it reads, so only the file's bytes would change)
    return (f"WITH in_order(row_id) AS MATERIALIZED (SELECT rowid FROM {t} {where} ORDER BY {order}) "
            f"SELECT {', '.join(exprs)} FROM in_order CROSS JOIN {t} ON {t}.rowid = in_order.row_id")


def sync_rows(db: Database, table: str, columns: list[str], *, applicant_ids: Iterable[str] | None = None,
              unexported_audit: bool = False) -> list[tuple]:
    """Rows of one table: an applicant table limited to `applicant_ids`, the audit log
    (optionally only rows no export carried yet), or a whole small table (events, attorneys)."""
    if applicant_ids is not None:
        _load_ids(db, applicant_ids)
    sql = _sync_select(table, columns, ids_from="sync_ids" if applicant_ids is not None else "",
                       unexported_audit=unexported_audit, audit_batch=False)
    return db.execute(sql).fetchall()


def sync_rows_json(db: Database, table: str, columns: list[str], *, selected: bool = False,
                   unexported_audit: bool = False, batch: str = "") -> tuple[int, bytes]:
    """(row count, the rows as a UTF-8 JSON array of arrays) for an export, written by SQLite
    itself (20,000 applicants' rows never become Python objects, nor text to encode again).
    Applicant tables read the applicants of `sync_select_export` when `selected`; an audit entry
    no export carried yet gets `batch` as its export batch."""
    sql = _sync_select(table, columns, ids_from="export_versions" if selected else "",
                       unexported_audit=unexported_audit, audit_batch=bool(batch))
    cols = ", ".join(_ident(c) for c in columns)
    row = db.execute(f"SELECT COUNT(*), CAST(COALESCE(json_group_array(json_array({cols})), '[]') AS BLOB) "
                     f"FROM ({sql})", {"batch": batch}).fetchone()
    return row[0], row[1]


def sync_record_export(db: Database, export: dict[str, Any], items: list[tuple[str, str]] | None = None,
                       audit_ids: list[str] | None = None) -> None:
    """Record a verified export: the export, the version of each applicant it carried, the
    applicants' exported_at (updated_at untouched: that is not an edit), the audit rows' batch.
    What it carried is the selection of `sync_select_export`, or the given (applicant id,
    version) pairs and audit ids."""
    if items is not None or audit_ids is not None:
        _new_selection(db)
        db.conn.executemany("INSERT INTO temp.export_versions(id, version) VALUES (?, ?)", items or [])
        db.conn.executemany("INSERT INTO temp.export_audit(id) VALUES (?)", ((i,) for i in audit_ids or []))
    cols = list(export)
    db.execute(f"INSERT INTO exports({', '.join(_ident(c) for c in cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})", list(export.values()))
    db.execute("INSERT INTO export_items(export_id, applicant_id, updated_at) "
               "SELECT ?, id, version FROM temp.export_versions", [export["id"]])
    db.execute("UPDATE applicants SET exported_at = ? WHERE id IN (SELECT id FROM temp.export_versions)",
               [export["created_at"]])
    db.execute("UPDATE audit_log SET export_batch = ? WHERE export_batch = '' "
               "AND id IN (SELECT id FROM temp.export_audit)", [export["id"]])


def sync_last_export(db: Database) -> dict | None:
    rows = list(db.query("SELECT * FROM exports WHERE verified_at IS NOT NULL "
                         "ORDER BY created_at DESC, id DESC LIMIT 1"))
    return dict(rows[0]) if rows else None


def sync_purged_count(db: Database) -> int:
    return db.execute("SELECT COUNT(*) FROM applicants WHERE purged_at IS NOT NULL").fetchone()[0]


def sync_purge_applicants(db: Database, ids: list[str], at: str) -> int:
    """Remove the personal data of these applicants, keeping the row (reference, status, event,
    attorney, language, consent), its convictions' offense/court/dates and determinations for the
    day's counts. updated_at is left alone so a purge never looks like an edit to export."""
    _load_ids(db, ids)
    sel = "(SELECT id FROM temp.sync_ids)"
    n = db.execute(
        "UPDATE applicants SET first_name = '', middle_name = '', last_name = '', suffix = '', "
        "date_of_birth = NULL, nysid = '', phone = '', email = '', address = '', draft = '{}', "
        "attorney_note = '', violent_felony = 0, sex_offense = 0, open_case_or_warrant = 0, "
        f"immigration_concern = 0, purged_at = ? WHERE purged_at IS NULL AND id IN {sel}", [at]).rowcount
    db.execute(f"DELETE FROM aliases WHERE applicant_id IN {sel}")
    db.execute("UPDATE convictions SET docket = '', arrest_number = '', arrest_date = NULL, sentence = '' "
               f"WHERE applicant_id IN {sel}")
    db.execute(f"UPDATE determinations SET override_reason = '' WHERE applicant_id IN {sel}")
    return n
