"""The office database's side of an import: enrolled laptop keys, the per-file staging tables a
payload streams into, and the set-based SQL that merges them (docs/sync-format.md, "How the
office merges"). kiosk.sync.office.importer decides; these functions only read and write.

Staging tables live in a database attached to the import's connection for one file
(staging_area: in memory, or a temporary database for a large file); they are created inside
the file's transaction, so a refused file leaves nothing behind, and detaching frees them.
Table and column names come from the code or from a payload whose column names were checked to
be plain identifiers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .applicants import applicant_count  # noqa: F401  (the office's counts read it here too)
from .export import SYNC_CHILD_TABLES, _ident, _load_ids

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICANT_TABLES = ("applicants", *SYNC_CHILD_TABLES)
# how each kind of record is found: its table(s) and the column that names the record
UNITS = {
    "event": (("events", "id"),),
    "attorney": (("attorneys", "id"),),
    "applicant": (("applicants", "id"), *((t, "applicant_id") for t in SYNC_CHILD_TABLES)),
    "audit": (("audit_log", "id"),),
}
VERSION_COLUMN = {"audit_log": "at"}
# a stamp as the laptops write it (kiosk.store.settings.now), as a GLOB pattern
_D = "[0-9]"
STAMP = f"{_D * 4}-{_D * 2}-{_D * 2}T{_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}+00:00"


# --- enrollment ------------------------------------------------------------------------------------

def enrolled(db: Database, fingerprint: str) -> dict | None:
    rows = list(db.query("SELECT * FROM sync_enrolled WHERE key_fingerprint = ?", [fingerprint]))
    return dict(rows[0]) if rows else None


def enroll(db: Database, fingerprint: str, name: str, how: str, at: str) -> bool:
    """Record an expected key; False when it was enrolled already (its name is then updated)."""
    if enrolled(db, fingerprint):
        if name:
            db.execute("UPDATE sync_enrolled SET name = ? WHERE key_fingerprint = ?", [name, fingerprint])
        return False
    db.execute("INSERT INTO sync_enrolled(key_fingerprint, name, how, enrolled_at) VALUES (?, ?, ?, ?)",
               [fingerprint, name, how, at])
    return True


def pinned_key_trusted_new(db: Database, laptop: str) -> bool:
    """Whether the key pinned to this laptop id came in by first-use trust, not enrollment."""
    row = db.execute("SELECT e.how FROM sync_laptops l LEFT JOIN sync_enrolled e "
                     "ON e.key_fingerprint = l.key_fingerprint WHERE l.laptop_id = ?", [laptop]).fetchone()
    return bool(row) and row[0] != "enrolled"


def repin(db: Database, laptop: str, public_key: str, fingerprint: str) -> None:
    db.execute("UPDATE sync_laptops SET public_key = ?, key_fingerprint = ? WHERE laptop_id = ?",
               [public_key, fingerprint, laptop])


def enrolled_keys(db: Database) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT e.*, (SELECT group_concat(l.laptop_id, ' ') FROM sync_laptops l "
        "WHERE l.key_fingerprint = e.key_fingerprint) AS laptops FROM sync_enrolled e "
        "ORDER BY e.name, e.key_fingerprint")]


def duplicate_pair_count(db: Database) -> int:
    """Flagged pairs (one row per pair since the office's import writes them so; older rows
    kept one per reason)."""
    return db.execute("SELECT COUNT(*) FROM (SELECT DISTINCT applicant_id, other_id "
                      "FROM duplicate_flags)").fetchone()[0]


# --- staging ---------------------------------------------------------------------------------------

def stage_create(db: Database, table: str, columns: list[str]) -> None:
    """A staging table for one payload table, filled without indexes (stage_index adds them after)."""
    db.execute(f"DROP TABLE IF EXISTS stage.{_ident('stage_' + table)}")
    db.execute(f"CREATE TABLE stage.{_ident('stage_' + table)} ({', '.join(_ident(c) for c in columns)})")


def stage_index(db: Database, table: str) -> None:
    """Index a filled staging table: a unique id (a repeated id raises IntegrityError) and, for an
    applicant's rows, the applicant. Built after the rows are in: one sort instead of a B-tree
    insert per row."""
    t = _ident("stage_" + table)  # unqualified after ON: the index's own schema
    db.execute(f"CREATE UNIQUE INDEX stage.{_ident('stage_' + table + '_id')} ON {t}(id)")
    if table in SYNC_CHILD_TABLES:
        db.execute(f"CREATE INDEX stage.{_ident('stage_' + table + '_app')} ON {t}(applicant_id, id)")


def stage_insert(db: Database, table: str, columns: list[str], rows: list[list]) -> None:
    db.conn.executemany(f"INSERT INTO stage.{_ident('stage_' + table)} VALUES ({', '.join('?' * len(columns))})",
                        rows)


@contextmanager
def staging_area(db: Database, *, in_memory: bool) -> Iterator[None]:
    """A database attached as `stage` for one file's staging tables: an in-memory database (a
    small file: the fastest to fill and read), or a temporary database, which SQLite keeps as it
    keeps the connection's TEMP tables (temp_store=MEMORY: never on the disk) and which took ~90 MB
    less for a file of 20,000 applicants (a large file). Detaching frees the tables at once;
    dropping them walked every page (0.14 s for a file of 20,000 applicants). Must be entered
    outside a transaction (SQLite attaches and detaches only there)."""
    if in_memory:
        db.execute("ATTACH DATABASE ':memory:' AS stage KEY ''")  # RAM needs no encryption
    else:
        db.execute("ATTACH DATABASE '' AS stage KEY ''")  # a temporary database, as TEMP tables are
    try:
        yield
    finally:
        db.execute("DETACH DATABASE stage")


def not_null_columns(db: Database, table: str) -> list[str]:
    """The office table's columns that may not hold NULL."""
    return [r[1] for r in db.execute(f"PRAGMA table_info({_ident(table)})").fetchall() if r[3]]


def stage_problem(db: Database, table: str, columns: list[str], laptop: str, created_at: str,
                  filled: Iterable[str] = ()) -> str:
    """What is wrong with a staged table as a whole, or '': required cells, stamps, time bounds,
    then a NULL in any of the `filled` columns (one pass over the table: a CASE names the first
    check a row fails)."""
    checks = [(f"typeof({c}) != 'text' OR {c} = ''", f"damaged: the {table} table has records without {c}")
              for c in ("id", "applicant_id", "laptop_id", "updated_at", "at") if c in columns]
    v = VERSION_COLUMN.get(table, "updated_at")
    if v in columns:
        checks.append((f"NOT ({v} GLOB '{STAMP}')", f"damaged: the {table} table has a malformed {v}"))
        checks.append((f"{v} > :made", f"the {table} table has a record changed after the file was made ({v} "
                                       "later than the manifest's created_at): a forged file or a wrong clock"))
    if table in SYNC_CHILD_TABLES:
        checks.append(("NOT EXISTS (SELECT 1 FROM stage.stage_applicants a WHERE a.id = applicant_id)",
                       f"damaged: {table} records without their applicant"))
    checks += [(f"{_ident(c)} IS NULL", f"damaged: the {table} table has records without {c}")
               for c in filled if c in columns]
    case = " ".join(f"WHEN {cond} THEN {n}" for n, (cond, _) in enumerate(checks))
    row = db.execute(f"SELECT CASE {case} END AS bad FROM stage.{_ident('stage_' + table)} "
                     "WHERE bad IS NOT NULL LIMIT 1", {"made": created_at}).fetchone()
    return checks[row[0]][1] if row else ""


def stage_first_failing(db: Database, table: str, checks: list[tuple[str, str]], args: list[str]) -> str:
    """The column of the first of `checks` (column, SQL condition of a bad row) that a row of the
    staged table fails, or '' (one pass: a CASE names the first check a row fails)."""
    case = " ".join(f"WHEN {bad} THEN '{column}'" for column, bad in checks)
    row = db.execute(f"SELECT CASE {case} END AS bad FROM stage.{_ident('stage_' + table)} "
                     "WHERE bad IS NOT NULL LIMIT 1", args).fetchone()
    return row[0] if row else ""


def stage_rows(db: Database, table: str, columns: list[str], *, order: str = "id") -> Iterator[tuple]:
    cols = ", ".join(_ident(c) for c in columns)
    return iter(db.execute(f"SELECT {cols} FROM stage.{_ident('stage_' + table)} ORDER BY {order}"))


# --- merging ---------------------------------------------------------------------------------------

def stage_versions(db: Database, rtype: str) -> None:
    """stage.stage_ver(id, version): each staged record's version (its newest stamp)."""
    parts = " UNION ALL ".join(f"SELECT {key} AS rid, {VERSION_COLUMN.get(t, 'updated_at')} AS v "
                               f"FROM stage.stage_{t}" for t, key in UNITS[rtype])
    db.execute("DROP TABLE IF EXISTS stage.stage_ver")
    db.execute(f"CREATE TABLE stage.stage_ver AS SELECT rid AS id, MAX(v) AS version FROM ({parts}) GROUP BY rid")
    db.execute("CREATE UNIQUE INDEX stage.stage_ver_id ON stage_ver(id)")


def classify(db: Database, rtype: str, laptop: str) -> tuple[int, list[tuple], list[tuple]]:
    """(number of new records, [(id, incoming version, stored version)] of records this laptop
    owns, [(id, incoming version, owner, owner's first export)] of records another laptop owns).
    New ids stay in SQL: a file of 10^6 new applicants never lists them in memory."""
    new = db.execute(
        "SELECT COUNT(*) FROM stage.stage_ver s WHERE NOT EXISTS (SELECT 1 FROM sync_versions v "
        "WHERE v.record_type = ? AND v.record_id = s.id)", [rtype]).fetchone()[0]
    mine, others = [], []
    for rid, version, owner, stored, first in db.execute(
            "SELECT s.id, s.version, v.laptop_id, v.version, COALESCE(f.first_export, '') FROM stage.stage_ver s "
            "JOIN sync_versions v ON v.record_type = ? AND v.record_id = s.id "
            "LEFT JOIN sync_first_seen f ON f.record_type = v.record_type AND f.record_id = s.id "
            "ORDER BY s.id", [rtype]):
        if owner == laptop:
            mine.append((rid, version, stored))
        else:
            others.append((rid, version, owner, first))
    return new, mine, others


def insert_new(db: Database, rtype: str, columns: dict[str, list[str]], laptop: str, created_at: str,
               *, only: Iterable[str] | None = None) -> None:
    """Copy the staged records with no stored version (or the ids in `only`) into the office
    tables, set-based, and record this laptop as their owner."""

    if only is not None:
        _load_ids(db, only)
        pick = "IN (SELECT id FROM temp.sync_ids)"
    else:
        pick = (f"IN (SELECT s.id FROM stage.stage_ver s WHERE NOT EXISTS (SELECT 1 FROM sync_versions v "
                f"WHERE v.record_type = '{rtype}' AND v.record_id = s.id))")
    verb = "INSERT OR REPLACE" if rtype == "audit" else "INSERT"
    for t, key in UNITS[rtype]:
        cols = ", ".join(_ident(c) for c in columns[t])
        if rtype in ("event", "attorney") and only is not None:
            sets = ", ".join(f"{_ident(c)} = excluded.{_ident(c)}" for c in columns[t] if c != "id")
            db.execute(f"INSERT INTO {_ident(t)}({cols}) SELECT {cols} FROM stage.stage_{t} "
                       f"WHERE {key} {pick} ORDER BY {key} ON CONFLICT(id) DO UPDATE SET {sets}")
        else:
            db.execute(f"{verb} INTO {_ident(t)}({cols}) SELECT {cols} FROM stage.stage_{t} "
                       f"WHERE {key} {pick} ORDER BY {key}")
    # first-seen before the versions: `pick` may select by the absence of a version
    db.execute(
        "INSERT INTO sync_first_seen(record_type, record_id, first_export) "
        f"SELECT ?, s.id, ? FROM stage.stage_ver s WHERE s.id {pick} "
        "ON CONFLICT(record_type, record_id) DO NOTHING", [rtype, created_at])
    db.execute(
        "INSERT INTO sync_versions(record_type, record_id, laptop_id, version, content_sha256) "
        f"SELECT ?, s.id, ?, s.version, '' FROM stage.stage_ver s WHERE s.id {pick} "
        "ON CONFLICT(record_type, record_id, laptop_id) DO UPDATE SET version = excluded.version, "
        "content_sha256 = ''", [rtype, laptop])


def delete_records(db: Database, rtype: str, ids: Iterable[str]) -> None:
    """Remove stored records before their replacement goes in (an applicant's rows cascade)."""

    _load_ids(db, ids)
    if rtype in ("event", "attorney"):
        return  # updated in place: applicants refer to them
    table = UNITS[rtype][0][0]
    db.execute(f"DELETE FROM {_ident(table)} WHERE id IN (SELECT id FROM temp.sync_ids)")


def stored_version(db: Database, rtype: str, rid: str) -> str:
    return db.execute("SELECT version FROM sync_versions WHERE record_type = ? AND record_id = ?",
                      [rtype, rid]).fetchone()[0]


def drop_owner(db: Database, rtype: str, rid: str) -> None:
    db.execute("DELETE FROM sync_versions WHERE record_type = ? AND record_id = ?", [rtype, rid])
    db.execute("DELETE FROM sync_first_seen WHERE record_type = ? AND record_id = ?", [rtype, rid])


def needs_owner_hash(db: Database, rtype: str) -> list[str]:
    """Records whose owner's hash is not computed while another laptop's version waits beside it."""
    return [r[0] for r in db.execute(
        "SELECT v.record_id FROM sync_versions v WHERE v.record_type = ? AND v.content_sha256 = '' "
        "AND EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.record_type = v.record_type "
        "AND c.record_id = v.record_id) ORDER BY 1", [rtype])]


def differing(db: Database, rtype: str, columns: dict[str, list[str]], ids: list[str]) -> set[str]:
    """Of these records, those whose staged rows are not exactly the stored ones (set-based)."""

    _load_ids(db, ids)
    out: set[str] = set()
    for t, key in UNITS[rtype]:
        eq = " AND ".join(f"s.{_ident(c)} IS m.{_ident(c)}" for c in columns[t])
        out.update(r[0] for r in db.execute(
            f"SELECT s.{key} FROM stage.stage_{t} s WHERE s.{key} IN (SELECT id FROM temp.sync_ids) "
            f"AND NOT EXISTS (SELECT 1 FROM {_ident(t)} m WHERE m.id = s.id AND {eq})"))
        out.update(r[0] for r in db.execute(
            f"SELECT m.{key} FROM {_ident(t)} m WHERE m.{key} IN (SELECT id FROM temp.sync_ids) "
            f"AND NOT EXISTS (SELECT 1 FROM stage.stage_{t} s WHERE s.id = m.id AND s.{key} = m.{key})"))
    return out


def set_hash(db: Database, rtype: str, rid: str, digest: str) -> None:
    db.execute("UPDATE sync_versions SET content_sha256 = ? WHERE record_type = ? AND record_id = ?",
               [digest, rtype, rid])


def record_rows(db: Database, rtype: str, rid: str, columns: dict[str, list[str]], *,
                staged: bool) -> list[tuple[str, list[str], list[tuple]]]:
    """One record's rows (table, columns, rows by id) as stored, or as staged."""
    out = []
    for t, key in UNITS[rtype]:
        cols = columns[t]
        src = f"stage.stage_{t}" if staged else _ident(t)
        rows = db.execute(f"SELECT {', '.join(_ident(c) for c in cols)} FROM {src} WHERE {key} = ? ORDER BY id",
                          [rid]).fetchall()
        if rows:
            out.append((t, cols, [tuple(r) for r in rows]))
    return out


def put_conflict(db: Database, rtype: str, rid: str, laptop: str, version: str, digest: str,
                 first_export: str, content: str) -> bool:
    """Keep a non-owner's version for review (the greatest (version, hash) each laptop sent);
    True when that changed what is kept."""
    return db.execute(
        "INSERT INTO sync_conflicts(record_type, record_id, laptop_id, version, content_sha256, first_export, "
        "content) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(record_type, record_id, laptop_id) DO UPDATE SET "
        "version = excluded.version, content_sha256 = excluded.content_sha256, content = excluded.content "
        "WHERE (excluded.version, excluded.content_sha256) > (version, content_sha256)",
        [rtype, rid, laptop, version, digest, first_export, content]).rowcount > 0


def conflict_candidates(db: Database) -> list[tuple[str, str, str, str]]:
    """(type, id, owner's stored hash, conflicting hash) where a non-owner sent a version not older
    than the owner's; the caller compares the hashes (the owner's may not be computed yet)."""
    return db.execute(
        "SELECT c.record_type, c.record_id, v.content_sha256, c.content_sha256 FROM sync_conflicts c "
        "JOIN sync_versions v ON v.record_type = c.record_type AND v.record_id = c.record_id "
        "WHERE c.version >= v.version ORDER BY 1, 2").fetchall()


def conflict_versions(db: Database, rtype: str, rid: str) -> list[tuple[str, str, str]]:
    """(laptop, version, content JSON) of the versions other laptops sent of one record."""
    return db.execute("SELECT laptop_id, version, content FROM sync_conflicts WHERE record_type = ? "
                      "AND record_id = ? ORDER BY laptop_id", [rtype, rid]).fetchall()
