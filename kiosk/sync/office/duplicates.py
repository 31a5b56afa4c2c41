"""Possible duplicates across the whole office database, recomputed after each import with flat
memory: every applicant's keys (kiosk.duplicates.person_keys) stream into a TEMP table, SQL groups
the keys two or more records share, and each group's flags come from duplicates.group_pairs,
the same rules as find_duplicates. 10^6 applicants never sit in memory at once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from sqlite_utils import Database

from ...duplicates import SAME_NAME, SWAPPED, Person, group_pairs, person_keys

_BATCH = 20_000


def _people(db: Database) -> Iterator[Person]:
    """Every applicant with personal data, with aliases and dockets, in id order (a merge join)."""
    aliases = groupby(db.execute("SELECT applicant_id, name FROM aliases ORDER BY applicant_id, position, id"),
                      key=itemgetter(0))
    dockets = groupby(db.execute("SELECT applicant_id, docket FROM convictions WHERE docket != '' "
                                 "ORDER BY applicant_id, position, id"), key=itemgetter(0))
    next_alias, next_docket = next(aliases, None), next(dockets, None)
    for aid, ref, first, middle, last, dob in db.execute(
            "SELECT id, reference, first_name, middle_name, last_name, date_of_birth FROM applicants "
            "WHERE purged_at IS NULL ORDER BY id"):
        p = Person(id=aid, reference=ref, first=first, middle=middle, last=last, date_of_birth=dob)
        while next_alias is not None and next_alias[0] < aid:
            next_alias = next(aliases, None)
        if next_alias is not None and next_alias[0] == aid:
            p.aliases = [r[1] for r in next_alias[1]]
            next_alias = next(aliases, None)
        while next_docket is not None and next_docket[0] < aid:
            next_docket = next(dockets, None)
        if next_docket is not None and next_docket[0] == aid:
            p.dockets = [r[1] for r in next_docket[1]]
            next_docket = next(dockets, None)
        yield p


def refresh(db: Database) -> int:
    """Replace every duplicate flag with those the merged data gives; the number of pairs."""
    conn = db.conn
    conn.execute("DROP TABLE IF EXISTS temp.dup_keys")
    conn.execute("DROP TABLE IF EXISTS temp.dup_pairs")
    conn.execute("CREATE TEMP TABLE dup_keys (key TEXT, kind TEXT, id TEXT, dob TEXT)")
    conn.execute("CREATE TEMP TABLE dup_pairs (a TEXT, b TEXT, reason TEXT, PRIMARY KEY (a, b, reason))")
    batch: list[tuple] = []
    for p in _people(db):
        batch.extend((key, kind, p.id, p.date_of_birth) for key, kind in person_keys(p))
        if len(batch) >= _BATCH:
            conn.executemany("INSERT INTO temp.dup_keys VALUES (?, ?, ?, ?)", batch)
            batch = []
    conn.executemany("INSERT INTO temp.dup_keys VALUES (?, ?, ?, ?)", batch)
    conn.execute("CREATE INDEX temp.dup_keys_key ON dup_keys(key)")
    shared = conn.execute(
        "SELECT key, kind, id, dob FROM temp.dup_keys WHERE key IN "
        "(SELECT key FROM temp.dup_keys GROUP BY key HAVING COUNT(DISTINCT id) > 1) ORDER BY key, id")
    write = conn.cursor()
    out: list[tuple[str, str, str]] = []
    for _, rows in groupby(shared, key=itemgetter(0)):
        out.extend(group_pairs((kind, pid, dob) for _, kind, pid, dob in rows))
        if len(out) >= _BATCH:
            write.executemany("INSERT OR IGNORE INTO temp.dup_pairs VALUES (?, ?, ?)", out)
            out = []
    write.executemany("INSERT OR IGNORE INTO temp.dup_pairs VALUES (?, ?, ?)", out)
    conn.execute("DELETE FROM temp.dup_pairs WHERE reason LIKE ? AND EXISTS (SELECT 1 FROM temp.dup_pairs s "
                 "WHERE s.a = dup_pairs.a AND s.b = dup_pairs.b AND (s.reason = ? OR s.reason LIKE ?))",
                 [SWAPPED + "%", SAME_NAME, SAME_NAME + ";%"])
    conn.execute("DELETE FROM duplicate_flags")
    conn.execute("INSERT INTO duplicate_flags(applicant_id, other_id, reason) SELECT a, b, group_concat(reason, '; ') "
                 "FROM (SELECT a, b, reason FROM temp.dup_pairs ORDER BY a, b, reason) GROUP BY a, b")
    n = conn.execute("SELECT COUNT(*) FROM duplicate_flags").fetchone()[0]
    conn.execute("DROP TABLE temp.dup_keys")
    conn.execute("DROP TABLE temp.dup_pairs")
    return n
