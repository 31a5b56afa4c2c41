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

from ...duplicates import SAME_NAME, SWAPPED, Person, group_pairs, person_keys
from ...store import duplicates as duplicate_rows


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
