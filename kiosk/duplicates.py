"""Possible duplicate applicants at the DA's office: flagged for a person to review, never merged.

Court records carry misspelt names, missing dates of birth and aliases, and the same person
may have walked up to two laptops. Two records are flagged when they share a
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

    def alias_keys(self) -> set[str]:
        return {k for k in map(fold, self.aliases) if k} if self.aliases else set()


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


def _dob_note(a: str | None, b: str | None) -> str | None:
    """None when the dates of birth rule the pair out; else the qualifier for the reason."""
    if a and b:
        return "" if a == b else None
    if a or b:
        return "; date of birth missing on one record"
    return "; no date of birth on either record"


# a group sharing one key with at most this many pairs is flagged pair by pair; a larger crowd
# (4,000 copies of one person) is linked to its first member, so the flags grow with the records
ALL_PAIRS_UP_TO = 28
SWAPPED = "same name with first and last swapped"
SAME_NAME = "same name"


def _links(xs: Iterable[str], ys: Iterable[str]) -> Iterable[tuple[str, str]]:
    """Pairs (x, y), x != y, linking every x to ys: each to each while that stays small, else each
    x to the first y (by id) other than itself."""
    xs, ys = sorted(set(xs)), sorted(set(ys))
    if len(xs) * len(ys) <= 2 * ALL_PAIRS_UP_TO:
        return ((x, y) for x in xs for y in ys if x != y)
    first = ys[0]
    if len(ys) == 1:
        return ((x, first) for x in xs if x != first)
    second = ys[1]
    return ((x, first if x != first else second) for x in xs)


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


def person_keys(p: Person) -> Iterable[tuple[str, str]]:
    """(key, kind) of every key a person is found by: dockets, reference, names, the swapped name,
    aliases. Names, swapped names and aliases share one key space (an alias matches a name).
    Each name is folded once; a name key needs a last name, the swapped one both names."""
    for d in p.dockets:
        d = d.strip()
        if d:  # an unknown docket is no key: two people without one are not the same docket
            yield "d:" + d.upper(), "docket"
    if p.reference:
        yield "r:" + p.reference, "reference"
    first, last = fold(p.first), fold(p.last)
    if last:
        yield "n:" + first + last, "name"
        middle = fold(p.middle)
        if middle:
            yield "n:" + first + middle + last, "name"
        if first:
            yield "n:" + last + first, "swapped"
    for k in p.alias_keys():
        yield "n:" + k, "alias"


def group_pairs(entries: Iterable[tuple[str, str, str | None]]) -> Iterable[tuple[str, str, str]]:
    """The flags one key gives: entries are (kind, id, date of birth) of everyone found by it;
    yields (id, other id, reason) with id < other id."""
    by: dict[str, dict[str | None, set[str]]] = defaultdict(lambda: defaultdict(set))
    dobs: dict[str, str | None] = {}
    for kind, pid, dob in entries:
        by[kind][dob or None].add(pid)
        dobs[pid] = dob or None

    def flags(pairs: Iterable[tuple[str, str]], reason: str, check_dob: bool = True):
        for x, y in pairs:
            a, b = (x, y) if x < y else (y, x)
            note = _dob_note(dobs[a], dobs[b]) if check_dob else ""
            if note is not None:
                yield a, b, reason + note

    for kind, reason in (("docket", "same docket"), ("reference", "same reference number on two different records")):
        if kind in by:
            ids = set().union(*by[kind].values())
            yield from flags(_links(ids, ids), reason, check_dob=False)
    name, swapped, alias = by.get("name"), by.get("swapped"), by.get("alias")
    if name:
        yield from flags(_pairs_by_dob(name, name), SAME_NAME)
        if swapped:
            yield from flags(_pairs_by_dob(swapped, name), SWAPPED)
    if alias:
        for target in (name, swapped):
            if target:
                yield from flags(_pairs_by_dob(alias, target), "an alias matches the other's name")
        yield from flags(_pairs_by_dob(alias, alias), "same alias")


def combine(pairs: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """One row per pair, its reasons sorted and joined by "; "; a pair with the same name is not
    also flagged as swapped (docs/sync-format.md)."""
    reasons: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, b, why in pairs:
        reasons[(a, b)].add(why)
    out = []
    for (a, b), whys in sorted(reasons.items()):
        if any(w == SAME_NAME or w.startswith(SAME_NAME + ";") for w in whys):
            whys = {w for w in whys if not w.startswith(SWAPPED)}
        out.append((a, b, "; ".join(sorted(whys))))
    return out


def find_duplicates(people: list[Person]) -> list[tuple[str, str, str]]:
    """(id, other id, reasons) for every flagged pair, id < other id, one row per pair with its
    reasons joined by "; ", sorted: the same people give the same flags whatever order they were
    imported in. Blocked by keys: the work grows with the records, not their square."""
    groups: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for p in people:
        for key, kind in person_keys(p):
            groups[key].append((kind, p.id, p.date_of_birth))
    return combine(pair for entries in groups.values() if len(entries) > 1 and len({e[1] for e in entries}) > 1
                   for pair in group_pairs(entries))
