"""Possible duplicate applicants at the DA's office: flagged for a person to review, never merged.

Court records carry misspelt names, missing dates of birth and aliases, and the same person
may have walked up to two laptops (domain.md §8). Two records are flagged when they share a
docket, or when their names match after folding (case, accents, hyphens, spaces, apostrophes),
through an alias, or with first and last name swapped, and their dates of birth agree or one is
missing. Each flag says why. Pure functions over plain tuples: the caller reads and writes."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

# letters NFKD does not take apart
_FOLD_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
                             "ı": "i", "ŀ": "l"})


def fold(text: str) -> str:
    """A name reduced for comparison: no accents, no case, only letters and digits.

    "José Pérez-Gómez", "JOSE PEREZ GOMEZ" and "jose perezgomez" all fold to "joseperezgomez"."""
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
        keys = {fold(self.first + self.last)}
        if self.middle:
            keys.add(fold(self.first + self.middle + self.last))
        keys.discard("")
        return keys if fold(self.last) else set()

    def swapped_key(self) -> str:
        return fold(self.last + self.first) if fold(self.first) and fold(self.last) else ""

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


def find_duplicates(people: list[Person]) -> list[tuple[str, str, str]]:
    """(id, other id, reason) for every flagged pair, id < other id, sorted: the same people give
    the same flags whatever order they were imported in."""
    flags: set[tuple[str, str, str]] = set()
    by_id = {p.id: p for p in people}

    def pair(x: str, y: str, reason: str, *, check_dob: bool = True) -> None:
        if x == y:
            return
        a, b = sorted((x, y))
        if check_dob:
            note = _dob_note(by_id[a], by_id[b])
            if note is None:
                return
            reason += note
        flags.add((a, b, reason))

    def groups(index: dict[str, set[str]]) -> Iterable[tuple[str, str]]:
        for ids in index.values():
            yield from combinations(sorted(ids), 2)

    docket: dict[str, set[str]] = defaultdict(set)
    name: dict[str, set[str]] = defaultdict(set)
    swapped: dict[str, set[str]] = defaultdict(set)
    alias: dict[str, set[str]] = defaultdict(set)
    reference: dict[str, set[str]] = defaultdict(set)
    for p in people:
        for d in p.dockets:
            docket[d.upper()].add(p.id)
        for k in p.name_keys():
            name[k].add(p.id)
        if p.swapped_key():
            swapped[p.swapped_key()].add(p.id)
        for k in p.alias_keys():
            alias[k].add(p.id)
        if p.reference:
            reference[p.reference].add(p.id)

    for a, b in groups(docket):
        pair(a, b, "same docket", check_dob=False)
    for a, b in groups(reference):
        pair(a, b, "same reference number on two different records", check_dob=False)
    same_name = set()
    for a, b in groups(name):
        same_name.add((a, b))
        pair(a, b, "same name")
    for key, ids in swapped.items():
        for x in ids:
            for y in name.get(key, ()):
                if tuple(sorted((x, y))) not in same_name:
                    pair(x, y, "same name with first and last swapped")
    for key, ids in alias.items():
        for x in ids:
            for y in name.get(key, set()) | swapped.get(key, set()):
                pair(x, y, "an alias matches the other's name")
        for x, y in combinations(sorted(ids), 2):
            pair(x, y, "same alias")
    return sorted(flags)
