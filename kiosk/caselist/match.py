"""How a name typed at the table is matched against the DA's case list (docs/caselist.md).

Names are reduced to folded words: no case, no accents, hyphens and spaces split words,
apostrophes vanish ("José Álvarez-Núñez" → jose, alvarez, nunez; "O'Brien" → obrien). Word order
does not matter. A multi-word part of a name is also kept joined ("De La Cruz" → delacruz), and
the typed words may be joined too ("Mc Donald" finds McDonald). One typo (a letter wrong, missing,
extra, or two swapped) is tolerated in the whole name. Pure functions: kiosk.store.caselist asks
SQLite for the words, this module decides which people match."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..duplicates import fold

KEYS_VERSION = 1  # bump when words() or name_tokens() change: a list made before is keyed again on load
MAX_WORDS = 8
MAX_JOIN = 3  # at most this many typed words are tried joined into one
MIN_TYPO_LENGTH = 4  # shorter words must be exact: one letter off a 3-letter name is another name
TRIGRAM_LENGTH = 7  # from this length any one edit leaves a trigram intact to find the word by
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015,./_]+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`\u00b4\u02bc")


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (fold(p) for p in _SEPARATORS.split(text.translate(_APOSTROPHES))) if w)


def words(text: str) -> list[str]:
    """Folded words of a name, in order."""
    return list(_words(text))


def name_tokens(parts: Iterable[str]) -> set[str]:
    """The indexed words of one name (legal name parts, or one alias): every word, and within a
    part of several words, all of them joined and each pair of neighbours joined ("De La Cruz"
    → de, la, cruz, delacruz, dela, lacruz)."""
    out: set[str] = set()
    for part in parts:
        out.update(_part_tokens(part)[1])
    return out


@functools.lru_cache(maxsize=65536)
def _part_tokens(part: str) -> tuple[tuple[str, ...], frozenset[str]]:
    ws = _words(part)
    tokens = set(ws)
    if len(ws) > 1:
        tokens.add("".join(ws))
        tokens.update(a + b for a, b in itertools.pairwise(ws))
    return ws, frozenset(tokens)


def person_keys(p: Mapping[str, Any]) -> str:
    """A person's name keys as the file carries them: one group per name (the legal name, then
    each alias) separated by "|", the keys of a group by spaces (keys are letters and digits)."""
    names = [name_tokens((p["first_name"], p["middle_name"], p["last_name"]))]
    names.extend(name_tokens((alias,)) for alias in p["aliases"])
    return "|".join(" ".join(sorted(tokens)) for tokens in names)


def key_rows(keys: str) -> list[tuple[str, int]]:
    """(name key, name number) from person_keys' text: 0 the legal name, 1.. each alias."""
    return [(t, no) for no, group in enumerate(keys.split("|")) for t in group.split(" ") if t]


def query_words(name: str) -> list[str]:
    """The typed words that name the person: initials ("J.", "E") and suffixes ("Jr", "III") are
    left out when other words remain, as court records write them one way or another."""
    ws = words(name)
    kept = [w for w in ws if not ((len(w) == 1 and w.isascii()) or w in _SUFFIXES)]
    return (kept or ws)[:MAX_WORDS]


def query_groups(name: str) -> tuple[list[str], dict[tuple[int, int], str]]:
    """The typed words, and every run of up to MAX_JOIN neighbouring words joined, by (start, end)."""
    ws = query_words(name)
    groups = {(i, j): "".join(ws[i:j]) for i in range(len(ws)) for j in range(i + 1, min(len(ws), i + MAX_JOIN) + 1)}
    return ws, groups


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one letter changed, added, dropped, or two neighbours swapped."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    return a[i:] == b[i + 1:]


def edits(word: str) -> set[str]:
    """Every ASCII word one edit away (Norvig's candidates), for short words where a typo can
    break every trigram ("jsoe" shares none with "jose"); looked up in the name-key index."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    out.update(a + c + b for a, b in splits for c in _LETTERS)
    out.discard(word)
    return out


def trigram_query(word: str) -> str:
    """An FTS5 MATCH expression for the vocabulary words sharing a trigram with `word`."""
    grams = sorted({word[i:i + 3] for i in range(len(word) - 2)})
    return " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)


def segmentations(n: int) -> list[list[tuple[int, int]]]:
    """Every way to cut n words into runs of 1..MAX_JOIN neighbours."""
    if n == 0:
        return [[]]
    out: list[list[tuple[int, int]]] = []

    def walk(start: int, acc: list[tuple[int, int]]) -> None:
        if start == n:
            out.append(list(acc))
            return
        for j in range(start + 1, min(n, start + MAX_JOIN) + 1):
            acc.append((start, j))
            walk(j, acc)
            acc.pop()

    walk(0, [])
    return out


@dataclass(frozen=True)
class Match:
    tier: int  # 0 every word exact, 1 one typo, 2 all words but one (exact)
    name_no: int  # 0 the legal name, else the alias's number


def best_match(n_words: int, options: Mapping[tuple[int, int], list[tuple[str, int]]],
               cuts: list[list[tuple[int, int]]]) -> int | None:
    """The best tier a person's name reaches: `options` maps each run of typed words to the
    person's words it matches, with the cost (0 exact, 1 a typo). Each person word serves one run."""
    best: int | None = None
    for cut in cuts:
        tier = _assign(cut, options)
        if tier is not None and (best is None or tier < best):
            best = tier
            if best == 0:
                return 0
    return best


def _assign(cut: list[tuple[int, int]], options: Mapping[tuple[int, int], list[tuple[str, int]]]) -> int | None:
    choices = [options.get(g, []) for g in cut]
    missing = sum(1 for c in choices if not c)
    if missing > 1 or (missing == 1 and len(cut) - 1 < 2):
        return None
    present = [c for c in choices if c]
    best_cost: int | None = None

    def walk(k: int, used: set[str], cost: int) -> None:
        nonlocal best_cost
        if cost > 1 or (best_cost is not None and cost >= best_cost):
            return
        if k == len(present):
            best_cost = cost
            return
        for token, c in present[k]:
            if token not in used:
                used.add(token)
                walk(k + 1, used, cost + c)
                used.discard(token)

    walk(0, set(), 0)
    if best_cost is None:
        return None
    if missing:
        return 2 if best_cost == 0 else None
    return best_cost
