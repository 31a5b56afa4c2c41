"""Possible duplicates across the whole office database, recomputed after each import with flat
memory: every applicant's keys (kiosk.duplicates.person_keys) stream into a TEMP table
(kiosk.store.duplicates), SQL groups the keys two or more records share, and each group's flags
come from duplicates.group_pairs, the same rules as find_duplicates. 10^6 applicants never sit
in memory at once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from sqlite_utils import Database

from ... import store
from ...duplicates import SAME_NAME, SWAPPED, Person, find_duplicates, group_pairs, people_from_rows, person_keys
from ...store import duplicates as duplicate_rows
from ...store import office_merge as office_store
from . import parallel

IN_MEMORY_DUPLICATES = 100_000  # above this many applicants, duplicates are found through the database


def _people(db: Database) -> Iterator[Person]:
    """Every applicant with personal data, with aliases and dockets, in id order (a merge join)."""
    people, alias_rows, docket_rows = duplicate_rows.people_streams(db)
    aliases = groupby(alias_rows, key=itemgetter(0))
    dockets = groupby(docket_rows, key=itemgetter(0))
    next_alias, next_docket = next(aliases, None), next(dockets, None)
    for aid, ref, first, middle, last, dob in people:
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
    keys = ((key, kind, p.id, p.date_of_birth) for p in _people(db) for key, kind in person_keys(p))
    return duplicate_rows.replace_flags(db, keys, group_pairs, swapped=SWAPPED, same_name=SAME_NAME)


def refresh_duplicates(db: Database, flags: list[tuple[str, str, str]] | None = None) -> int:
    """Recompute every possible-duplicate flag from the merged data (so they never depend on the
    order files came in); `flags` are those FlagsAhead found in the same data. Returns the number
    of flagged pairs."""
    if flags is None:
        if office_store.applicant_count(db) > IN_MEMORY_DUPLICATES:
            return refresh(db)  # flat memory: the same flags, through the database
        flags = find_duplicates(people_from_rows(*store.sync_people(db)))
    store.sync_set_duplicate_flags(db, flags)
    return len(flags)


class FlagsAhead:
    """The duplicate flags of the merged data, found on a second thread while the last file's
    transaction commits (SQLite frees the interpreter while it writes and syncs). The people are
    read inside that transaction, after its merge: the data the flags would be found in after the
    commit. Used only if that file is imported; above IN_MEMORY_DUPLICATES it never starts."""

    def __init__(self) -> None:
        self._work: parallel.Beside | None = None

    def start(self, db: Database) -> None:
        if office_store.applicant_count(db) > IN_MEMORY_DUPLICATES or parallel.cores() < 2:
            return
        people, aliases, dockets = store.sync_people(db)
        self._work = parallel.Beside("office-duplicates", lambda: find_duplicates(people_from_rows(
            people, aliases, dockets)))

    def flags(self) -> list[tuple[str, str, str]] | None:
        """Wait for the flags; None if they were never started."""
        work, self._work = self._work, None
        return None if work is None else work.result()

    def discard(self) -> None:
        """Wait for the flags, if started, and drop them (and any error): they are not used."""
        work, self._work = self._work, None
        if work is not None:
            work.discard()
