"""Possible duplicate applicants at the DA's office: flagged for a person to review, never merged.

Court records carry misspelt names, missing dates of birth and aliases, and the same person
may have walked up to two laptops (domain.md §8). Two records are flagged when they share a
docket, or when their names match after folding (case, accents, hyphens, spaces, apostrophes),
through an alias, or with first and last name swapped, and their dates of birth agree or one is
missing. Each flag says why. Pure functions over plain tuples: the caller reads and writes."""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# letters NFKD does not take apart
_FOLD_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
                             "ı": "i", "ŀ": "l"})


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name reduced for comparison: no accents, no case, only letters and digits.

    "José Pérez-Gómez", "JOSE PEREZ GOMEZ" and "jose perezgomez" all fold to "joseperezgomez".
    Folding works character by character, so fold(a + b) == fold(a) + fold(b)."""
    if text.isascii():
        return "".join(filter(str.isalnum, text.lower()))
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@dataclass
class Person:
    id: str
    reference: str = ""
    first: str = ""
    middle: str = ""
    last: str = ""
    date_of_birth: str | None = None
    aliases: list[str] = field(default_factory=list)
    dockets: list[str] = field(default_factory=list)

    def name_keys(self) -> set[str]:
        first, middle, last = fold(self.first), fold(self.middle), fold(self.last)
        if not last:
            return set()
        return {first + last, first + middle + last}

    def swapped_key(self) -> str:
        first, last = fold(self.first), fold(self.last)
        return last + first if first and last else ""

    def alias_keys(self) -> set[str]:
        return {k for k in (fold(a) for a in self.aliases) if k}


def people_from_rows(applicants: Iterable[tuple], aliases: Iterable[tuple], dockets: Iterable[tuple]) -> list[Person]:
    """Rows as store.sync_people returns them → Person objects."""
    people = {r[0]: Person(id=r[0], reference=r[1], first=r[2], middle=r[3], last=r[4], date_of_birth=r[5])
              for r in applicants}
    for aid, name in aliases:
        if aid in people:
            people[aid].aliases.append(name)
    for aid, docket in dockets:
        if aid in people:
            people[aid].dockets.append(docket)
    return list(people.values())


def _dob_note(a: Person, b: Person) -> str | None:
    """None when the dates of birth rule the pair out; else the qualifier for the reason."""
    if a.date_of_birth and b.date_of_birth:
        return "" if a.date_of_birth == b.date_of_birth else None
    if a.date_of_birth or b.date_of_birth:
        return "; date of birth missing on one record"
    return "; no date of birth on either record"


_Index = dict[str, dict[str | None, set[str]]]  # key → date of birth (None: missing) → ids


# a group sharing one key with at most this many pairs is flagged pair by pair; a larger crowd
# (4,000 copies of one person) is linked to its first member, so the flags grow with the records
ALL_PAIRS_UP_TO = 28


def _links(xs: Iterable[str], ys: Iterable[str]) -> Iterable[tuple[str, str]]:
    """Pairs (x, y), x != y, linking every x to ys: each to each while that stays small, else each
    x to the first y (by id) other than itself."""
    xs, ys = sorted(set(xs)), sorted(set(ys))
    if len(xs) * len(ys) <= 2 * ALL_PAIRS_UP_TO:
        return ((x, y) for x in xs for y in ys if x != y)
    first, second = ys[0], (ys[1] if len(ys) > 1 else None)
    return ((x, first if x != first else second) for x in xs if (x != first or second is not None))


def _pairs_by_dob(xs: dict[str | None, set[str]], ys: dict[str | None, set[str]]) -> Iterable[tuple[str, str]]:
    """Pairs (x, y) whose dates of birth agree or where one is missing: a common name shared by
    many people with different dates of birth costs nothing (no all-pairs comparison)."""
    for dob, group in xs.items():
        if dob is None:
            others = set().union(*ys.values()) if ys else set()
        else:
            others = ys.get(dob, set()) | ys.get(None, set())
        if others:
            yield from _links(group, others)


def find_duplicates(people: list[Person]) -> list[tuple[str, str, str]]:
    """(id, other id, reasons) for every flagged pair, id < other id, one row per pair with its
    reasons joined by "; ", sorted: the same people give the same flags whatever order they were
    imported in. Blocked by keys: the work grows with the records, not their square."""
    flags: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_id = {p.id: p for p in people}

    def flag(x: str, y: str, reason: str, *, check_dob: bool = True) -> None:
        a, b = (x, y) if x < y else (y, x)
        if check_dob:
            note = _dob_note(by_id[a], by_id[b])
            if note is None:
                return
            reason += note
        flags[(a, b)].add(reason)

    docket: dict[str, set[str]] = defaultdict(set)
    reference: dict[str, set[str]] = defaultdict(set)
    name: _Index = defaultdict(lambda: defaultdict(set))
    swapped: _Index = defaultdict(lambda: defaultdict(set))
    alias: _Index = defaultdict(lambda: defaultdict(set))
    for p in people:
        dob = p.date_of_birth or None
        for d in p.dockets:
            docket[d.upper()].add(p.id)
        if p.reference:
            reference[p.reference].add(p.id)
        for k in p.name_keys():
            name[k][dob].add(p.id)
        if p.swapped_key():
            swapped[p.swapped_key()][dob].add(p.id)
        for k in p.alias_keys():
            alias[k][dob].add(p.id)

    for ids in docket.values():
        for x, y in _links(ids, ids):
            flag(x, y, "same docket", check_dob=False)
    for ids in reference.values():
        for x, y in _links(ids, ids):
            flag(x, y, "same reference number on two different records", check_dob=False)
    same_name = set()
    for groups in name.values():
        for x, y in _pairs_by_dob(groups, groups):
            same_name.add((x, y) if x < y else (y, x))
            flag(x, y, "same name")
    for key, groups in swapped.items():
        if key in name:
            for x, y in _pairs_by_dob(groups, name[key]):
                if ((x, y) if x < y else (y, x)) not in same_name:
                    flag(x, y, "same name with first and last swapped")
    for key, groups in alias.items():
        for target in (name.get(key), swapped.get(key)):
            if target:
                for x, y in _pairs_by_dob(groups, target):
                    flag(x, y, "an alias matches the other's name")
        for x, y in _pairs_by_dob(groups, groups):
            flag(x, y, "same alias")
    return sorted((a, b, "; ".join(sorted(why))) for (a, b), why in flags.items())
