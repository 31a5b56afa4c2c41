"""The office's side of the sync file: pinned laptop keys, the import log, record versions, the
merged rows, duplicate flags and the review report (docs/sync-format.md). kiosk.office_import
decides; these functions only read and write."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .export import SYNC_DATA_TABLES, _ident, _load_ids, table_columns

if TYPE_CHECKING:
    from sqlite_utils import Database


@contextmanager
def sync_bulk_cache(db: Database) -> Iterator[None]:
    """A larger page cache for this connection while the block runs: merging 20,000 applicants
    inserts ~200,000 rows under random UUID keys, which thrash SQLite's default 2 MB cache; an
    export reads every table twice (versions, then rows), and the second pass finds the decrypted
    pages still here. The connection's own size comes back after, so the GUI's long-lived
    connection does not keep 128 MiB of decrypted pages for the rest of the session."""
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute("PRAGMA cache_size = -131072")  # 128 MiB, allocated only as used
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


def sync_pinned_key(db: Database, laptop: str) -> str | None:
    row = db.execute("SELECT public_key FROM sync_laptops WHERE laptop_id = ?", [laptop]).fetchone()
    return row[0] if row else None


def sync_pin_key(db: Database, laptop: str, public_key: str, fingerprint: str) -> None:
    db.execute("INSERT OR IGNORE INTO sync_laptops(laptop_id, public_key, key_fingerprint) VALUES (?, ?, ?)",
               [laptop, public_key, fingerprint])


def sync_import_logged(db: Database, export_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM sync_imports WHERE export_id = ?", [export_id]))
    return dict(rows[0]) if rows else None


def sync_log_import(db: Database, row: dict[str, Any]) -> None:
    cols = list(row)
    db.execute(f"INSERT INTO sync_imports({', '.join(_ident(c) for c in cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})", list(row.values()))


def sync_versions_for(db: Database, record_type: str, ids: Iterable[str]) -> dict[str, dict[str, tuple[str, str]]]:
    """For each record id: {laptop id: (version, content sha256)} of the newest version each sent."""
    _load_ids(db, ids)
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for rid, laptop, version, digest in db.execute(
            "SELECT record_id, laptop_id, version, content_sha256 FROM sync_versions "
            "WHERE record_type = ? AND record_id IN (SELECT id FROM temp.sync_ids)", [record_type]):
        out.setdefault(rid, {})[laptop] = (version, digest)
    return out


def sync_put_versions(db: Database, record_type: str, rows: list[tuple[str, str, str, str]]) -> None:
    """Rows are (record id, laptop id, version, content sha256); the caller only passes newer ones."""
    db.conn.executemany(
        "INSERT INTO sync_versions(record_type, record_id, laptop_id, version, content_sha256) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(record_type, record_id, laptop_id) DO UPDATE SET "
        "version = excluded.version, content_sha256 = excluded.content_sha256",
        [(record_type, *r) for r in rows])


def sync_delete_applicants(db: Database, ids: Iterable[str]) -> None:
    """Delete applicants with all their rows (foreign keys cascade), before a newer version goes in."""
    _load_ids(db, ids)
    db.execute("DELETE FROM applicants WHERE id IN (SELECT id FROM temp.sync_ids)")


def sync_insert_rows(db: Database, table: str, columns: list[str], rows: Iterable[Any], *,
                     mode: str = "insert") -> None:
    """Insert rows as given (no stamping: merged rows keep the values the laptop wrote).

    mode "insert" fails on an existing id, "upsert" updates it in place (events and attorneys,
    which applicants reference), "replace" swaps the whole row (audit entries)."""
    cols = [_ident(c) for c in columns]
    head = "INSERT OR REPLACE" if mode == "replace" else "INSERT"
    sql = f"{head} INTO {_ident(table)}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    if mode == "upsert":
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != '"id"')
        sql += f" ON CONFLICT(id) DO UPDATE SET {sets}"
    db.conn.executemany(sql, rows)


def sync_rows_by_id(db: Database, table: str, columns: list[str], ids: Iterable[str]) -> dict[str, tuple]:
    """Existing rows of `table` with these ids, as tuples in `columns` order, by id."""
    _load_ids(db, ids)
    cols = ", ".join(_ident(c) for c in columns)
    rows = db.execute(f"SELECT {cols} FROM {_ident(table)} WHERE id IN (SELECT id FROM temp.sync_ids)")
    i = columns.index("id")
    return {r[i]: tuple(r) for r in rows}


def sync_people(db: Database) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """What duplicate detection compares: (id, reference, first, middle, last, dob) of every
    applicant with personal data, their (applicant id, alias) and (applicant id, docket) pairs."""
    people = db.execute("SELECT id, reference, first_name, middle_name, last_name, date_of_birth "
                        "FROM applicants WHERE purged_at IS NULL ORDER BY id").fetchall()
    aliases = db.execute("SELECT applicant_id, name FROM aliases ORDER BY applicant_id, position, id").fetchall()
    dockets = db.execute("SELECT applicant_id, docket FROM convictions WHERE docket != '' "
                         "ORDER BY applicant_id, position, id").fetchall()
    return people, aliases, dockets


def sync_set_duplicate_flags(db: Database, flags: Iterable[tuple[str, str, str]]) -> None:
    """Replace every flag: they are recomputed from the whole merged data after each import."""
    db.execute("DELETE FROM duplicate_flags")
    db.conn.executemany("INSERT OR IGNORE INTO duplicate_flags(applicant_id, other_id, reason) VALUES (?, ?, ?)",
                        flags)


def sync_duplicate_flags(db: Database) -> list[tuple[str, str, str]]:
    return db.execute("SELECT applicant_id, other_id, reason FROM duplicate_flags ORDER BY 1, 2, 3").fetchall()


def sync_conflicted(db: Database) -> list[tuple[str, str]]:
    """(record type, id) of records another laptop than their owner sent with other content, in a
    version not older than the owner's (kiosk.office_merge keeps both)."""
    return db.execute("SELECT DISTINCT c.record_type, c.record_id FROM sync_conflicts c JOIN sync_versions v "
                      "ON v.record_type = c.record_type AND v.record_id = c.record_id "
                      "WHERE c.version >= v.version AND c.content_sha256 != v.content_sha256 "
                      "ORDER BY 1, 2").fetchall()


_REPORT_SQL = """
SELECT a.reference, a.id AS applicant_id, a.first_name, a.middle_name, a.last_name, a.suffix,
       a.date_of_birth, a.status, a.laptop_id, a.purged_at, c.id AS conviction_id, c.position,
       c.docket, c.court, c.county, c.offense, c.conviction_date, d.outcome, d.override_outcome,
       d.override_reason, d.hits, t.name AS attorney, t.organization, e.name AS event, e.laptop_name,
       (SELECT COALESCE(SUM(p.copies), 0) FROM print_jobs p WHERE p.applicant_id = a.id) AS copies
FROM convictions c JOIN applicants a ON a.id = c.applicant_id
LEFT JOIN determinations d ON d.conviction_id = c.id
LEFT JOIN attorneys t ON t.id = a.attorney_id
LEFT JOIN events e ON e.id = a.event_id
ORDER BY a.reference, a.id, c.position, c.id"""


def sync_report_rows(db: Database) -> list[dict]:
    """One row per conviction with its applicant, determination, attorney, event and copies printed."""
    return [dict(r) for r in db.query(_REPORT_SQL)]


def sync_applicant_summary(db: Database) -> list[tuple]:
    """(laptop id, status, convictions) per applicant, for the summary's counts."""
    return db.execute("SELECT a.laptop_id, a.status, (SELECT COUNT(*) FROM convictions c "
                      "WHERE c.applicant_id = a.id) FROM applicants a ORDER BY a.id").fetchall()


def data_digest(db: Database, tables: Iterable[str] = SYNC_DATA_TABLES) -> str:
    """SHA-256 over the rows of these tables in a fixed order: equal digests = the same data."""
    h = hashlib.sha256()
    for table in tables:
        cols = table_columns(db, table)
        order = ", ".join(str(i + 1) for i in range(len(cols)))
        h.update(f"{table}:{','.join(cols)}\n".encode())
        for row in db.execute(f"SELECT * FROM {_ident(table)} ORDER BY {order}"):
            h.update(json.dumps(list(row), ensure_ascii=False, default=bytes.hex).encode() + b"\n")
    return h.hexdigest()
