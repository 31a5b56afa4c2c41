"""The SQL of the DA's case list on a laptop (store-side, like the rest of kiosk.store): load, look up,
remove. The caller groups writes in one `store.transaction`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..caselist.listfile import CONVICTION_FIELDS
from ..caselist.match import person_keys, trigram_query

if TYPE_CHECKING:
    from sqlite_utils import Database

TABLES = ("caselist_keys", "caselist_words", "caselist_convictions", "caselist_people", "caselist_files")
NAMES_PER_PERSON = 64  # caselist_keys rowid = person id * 64 + name number (at most 20 aliases)
_CONVICTION_COLUMNS = ("person_id", *CONVICTION_FIELDS)  # the file's conviction arrays go in as they are
_CHUNK = 2000


def delete_all(db: Database) -> int:
    """Remove every row of the list (secure_delete overwrites the freed pages); returns the rows
    the list held, 0 when none was loaded."""
    row = db.execute("SELECT rows FROM caselist_files").fetchone()
    before = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = ON")
    for table in TABLES:
        db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
    if fts(db):  # FTS5 keeps deleted words in its index segments until they merge: rebuild them empty
        db.execute("INSERT INTO caselist_keys(caselist_keys) VALUES ('rebuild')")
        db.execute("INSERT INTO caselist_words(caselist_words) VALUES ('rebuild')")
    db.execute(f"PRAGMA secure_delete = {int(before)}")
    return row[0] if row else 0


def insert(db: Database, people: list[list[Any]], info: dict[str, Any],
           progress: Callable[[float], None] | None = None, *, shipped_keys: bool = False) -> None:
    """Insert a verified list (people as the file's arrays, kiosk.caselist.PERSON_FIELDS) and its
    file row. With `shipped_keys` each person's name keys come from the file (the office folded
    the names with this same version of the folding), else they are worked out here."""
    conn = db.conn
    words: set[str] = set()
    total = max(len(people), 1)
    for start in range(0, len(people), _CHUNK):
        people_rows: list[tuple] = []
        conviction_rows: list[tuple] = []
        key_docs: list[tuple[int, str]] = []
        for pid, p in enumerate(people[start:start + _CHUNK], start + 1):
            first, middle, last, suffix, dob, nysid, aliases, keys, convictions = p
            people_rows.append((pid, first, middle, last, suffix, dob, nysid, "\n".join(aliases)))
            conviction_rows.extend((pid, *c) for c in convictions)
            if not shipped_keys:
                keys = person_keys({"first_name": first, "middle_name": middle, "last_name": last,
                                    "aliases": aliases})
            groups = keys.split("|")
            base = pid * NAMES_PER_PERSON
            key_docs.extend((base + no, group) for no, group in enumerate(groups) if group)
            words.update(keys.replace("|", " ").split())
        conn.executemany("INSERT INTO caselist_people VALUES (?, ?, ?, ?, ?, ?, ?, ?)", people_rows)
        conn.executemany(f"INSERT INTO caselist_convictions({', '.join(_CONVICTION_COLUMNS)}) "
                         f"VALUES ({', '.join('?' * len(_CONVICTION_COLUMNS))})", conviction_rows)
        conn.executemany("INSERT INTO caselist_keys(rowid, keys) VALUES (?, ?)", key_docs)
        if progress:
            progress(0.9 * min(start + _CHUNK, total) / total)
    conn.executemany("INSERT INTO caselist_words(token) VALUES (?)", ((w,) for w in sorted(words)))
    conn.execute("INSERT INTO caselist_files(id, created_at, as_of, loaded_at, rows, people, file_bytes, "
                 "file_sha256, rule_packs, packs_match) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 [info["created_at"], info["as_of"], info["loaded_at"], info["rows"], info["people"],
                  info["file_bytes"], info["file_sha256"], json.dumps(info["rule_packs"], sort_keys=True),
                  int(info["packs_match"])])


def info(db: Database) -> dict[str, Any] | None:
    """The loaded list's file row, or None."""
    cur = db.execute("SELECT created_at, as_of, loaded_at, rows, people, file_bytes, file_sha256, rule_packs, "
                     "packs_match FROM caselist_files")
    row = cur.fetchone()
    if row is None:
        return None
    out = dict(zip([d[0] for d in cur.description], row, strict=True))
    out["rule_packs"] = json.loads(out["rule_packs"])
    out["packs_match"] = bool(out["packs_match"])
    return out


def fts(db: Database) -> bool:
    """Whether the case list's name indexes are FTS5 tables (the migration falls back to plain
    tables on a SQLite build without FTS5)."""
    cached = getattr(db, "_kiosk_caselist_fts", None)
    if cached is None:
        row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'caselist_keys'").fetchone()
        cached = bool(row and "fts5" in row[0].lower())
        db._kiosk_caselist_fts = cached  # type: ignore[attr-defined]
    return cached


def known_words(db: Database, candidates: Iterable[str]) -> set[str]:
    """Which of `candidates` are name keys of someone in the list."""
    values = sorted(set(candidates))
    if not values:
        return set()
    table, column = ("caselist_keys_terms", "term") if fts(db) else ("caselist_words", "token")
    out: set[str] = set()
    for i in range(0, len(values), 900):
        chunk = values[i:i + 900]
        out.update(r[0] for r in db.execute(f"SELECT {column} FROM {table} WHERE {column} IN "
                                            f"({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def similar_words(db: Database, word: str) -> list[str]:
    """Name keys sharing a trigram with `word` and within one letter of its length (FTS5's trigram
    index narrows 20,000 people's keys to a handful for the one-typo check)."""
    return [r[0] for r in db.execute(
        "SELECT token FROM caselist_words WHERE caselist_words MATCH ? AND length(token) BETWEEN ? AND ?",
        [trigram_query(word), len(word) - 1, len(word) + 1]).fetchall()]


def name_groups(db: Database, tokens: Iterable[str], required: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """(person id, name number, the name's keys joined by spaces) for every name with one of
    `tokens`, and when `required` is given, also one of those."""
    values, needed = sorted(set(tokens)), sorted(set(required))
    if not values:
        return []
    if fts(db):
        expr = " OR ".join(f'"{v}"' for v in values)
        if needed:
            expr = f"({expr}) AND ({' OR '.join(f'{chr(34)}{v}{chr(34)}' for v in needed)})"
        rows = db.execute("SELECT rowid, keys FROM caselist_keys WHERE caselist_keys MATCH ?", [expr]).fetchall()
    else:  # no FTS5: a scan of ~25,000 short rows
        where = "(" + " OR ".join("instr(' ' || keys || ' ', ?)" for _ in values) + ")"
        if needed:
            where += " AND (" + " OR ".join("instr(' ' || keys || ' ', ?)" for _ in needed) + ")"
        rows = db.execute(f"SELECT rowid, keys FROM caselist_keys WHERE {where}",
                          [f" {v} " for v in values + needed]).fetchall()
    return [(rowid // NAMES_PER_PERSON, rowid % NAMES_PER_PERSON, keys) for rowid, keys in rows]


def nysid_people(db: Database, nysid: str) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM caselist_people WHERE nysid = ? AND nysid != ''",
                                     [nysid]).fetchall()]


def people(db: Database, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    values = sorted(set(ids))
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(values), 500):
        chunk = values[i:i + 500]
        cur = db.execute("SELECT id, first_name, middle_name, last_name, suffix, date_of_birth, nysid, aliases "
                         f"FROM caselist_people WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        cols = [d[0] for d in cur.description]
        for row in cur.fetchall():
            d = dict(zip(cols, row, strict=True))
            d["aliases"] = d["aliases"].split("\n") if d["aliases"] else []
            out[d["id"]] = d
    return out


def convictions(db: Database, person_ids: Iterable[int]) -> list[dict[str, Any]]:
    values = sorted(set(person_ids))
    if not values:
        return []
    cur = db.execute(f"SELECT id, {', '.join(_CONVICTION_COLUMNS)} FROM caselist_convictions "
                     f"WHERE person_id IN ({','.join('?' * len(values))}) ORDER BY person_id, conviction_date, id",
                     values)
    cols = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        d = dict(zip(cols, row, strict=True))
        for flag in ("attempt", "other_counts_dismissed", "driving_involved"):
            d[flag] = bool(d[flag])
        for answer in ("sentence_complete", "fines_owed"):  # yes / no / unknown (None)
            d[answer] = None if d[answer] is None else bool(d[answer])
        d["rules"] = d["rules"].split(";") if d["rules"] else []
        out.append(d)
    return out
