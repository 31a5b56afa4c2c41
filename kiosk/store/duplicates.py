"""The SQL of the office's duplicate flags (kiosk.office_duplicates decides what a pair is): every
applicant's personal data streamed in id order, and the TEMP tables where the keys that two or
more records share are grouped, so 10^6 applicants never sit in memory at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import groupby, islice
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

BATCH = 20_000
Pair = tuple[str, str, str]  # (applicant id, other applicant id, reason)


def people_streams(db: Database) -> tuple[Iterator[tuple], Iterator[tuple], Iterator[tuple]]:
    """(applicants, aliases, dockets), each a cursor in applicant id order for a merge join:
    (id, reference, first, middle, last, dob) of applicants with personal data, (applicant id,
    alias), (applicant id, docket)."""
    aliases = db.execute("SELECT applicant_id, name FROM aliases ORDER BY applicant_id, position, id")
    dockets = db.execute("SELECT applicant_id, docket FROM convictions WHERE docket != '' "
                         "ORDER BY applicant_id, position, id")
    people = db.execute("SELECT id, reference, first_name, middle_name, last_name, date_of_birth FROM applicants "
                        "WHERE purged_at IS NULL ORDER BY id")
    return people, aliases, dockets


def replace_flags(db: Database, keys: Iterable[tuple[str, str, str, str | None]],
                  pairs_of: Callable[[Iterable[tuple[str, str, str]]], Iterable[Pair]], *,
                  swapped: str, same_name: str) -> int:
    """Replace every duplicate flag: `keys` are (key, kind, applicant id, dob); each group of rows
    sharing a key goes to `pairs_of` as (kind, id, dob) and gives pairs; a pair flagged as
    `swapped` is dropped when the same pair has the `same_name` reason. Returns the pairs flagged."""
    conn = db.conn
    conn.execute("DROP TABLE IF EXISTS temp.dup_keys")
    conn.execute("DROP TABLE IF EXISTS temp.dup_pairs")
    conn.execute("CREATE TEMP TABLE dup_keys (key TEXT, kind TEXT, id TEXT, dob TEXT)")
    conn.execute("CREATE TEMP TABLE dup_pairs (a TEXT, b TEXT, reason TEXT, PRIMARY KEY (a, b, reason))")
    it = iter(keys)
    while batch := list(islice(it, BATCH)):
        conn.executemany("INSERT INTO temp.dup_keys VALUES (?, ?, ?, ?)", batch)
    conn.execute("CREATE INDEX temp.dup_keys_key ON dup_keys(key)")
    shared = conn.execute(
        "SELECT key, kind, id, dob FROM temp.dup_keys WHERE key IN "
        "(SELECT key FROM temp.dup_keys GROUP BY key HAVING COUNT(DISTINCT id) > 1) ORDER BY key, id")
    write = conn.cursor()
    out: list[Pair] = []
    for _, rows in groupby(shared, key=itemgetter(0)):
        out.extend(pairs_of((kind, pid, dob) for _, kind, pid, dob in rows))
        if len(out) >= BATCH:
            write.executemany("INSERT OR IGNORE INTO temp.dup_pairs VALUES (?, ?, ?)", out)
            out = []
    write.executemany("INSERT OR IGNORE INTO temp.dup_pairs VALUES (?, ?, ?)", out)
    conn.execute("DELETE FROM temp.dup_pairs WHERE reason LIKE ? AND EXISTS (SELECT 1 FROM temp.dup_pairs s "
                 "WHERE s.a = dup_pairs.a AND s.b = dup_pairs.b AND (s.reason = ? OR s.reason LIKE ?))",
                 [swapped + "%", same_name, same_name + ";%"])
    conn.execute("DELETE FROM duplicate_flags")
    conn.execute("INSERT INTO duplicate_flags(applicant_id, other_id, reason) SELECT a, b, group_concat(reason, '; ') "
                 "FROM (SELECT a, b, reason FROM temp.dup_pairs ORDER BY a, b, reason) GROUP BY a, b")
    n = conn.execute("SELECT COUNT(*) FROM duplicate_flags").fetchone()[0]
    conn.execute("DROP TABLE temp.dup_keys")
    conn.execute("DROP TABLE temp.dup_pairs")
    return n
