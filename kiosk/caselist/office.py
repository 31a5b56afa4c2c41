"""`kiosk office caselist`: the office screens its records extract with the event's rules (the
same reading and the same evaluation as `kiosk screen`) and writes the case list file the laptops
load (kiosk.caselist.listfile). Rows are grouped into people by NYSID, else by folded name and date of
birth. A bad row is reported by its line and left out; it never stops the file."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from .. import __version__, store
from ..duplicates import fold
from ..eligibility import evaluate_signatures, signature
from ..errors import InputError
from ..passphrase import check_new_passphrase
from ..screening.extract import COLUMNS, parse_column_map, parse_row, read_extract
from ..services.session import open_kiosk
from ..validate import MAX_ALIASES, parse_name, parse_nysid
from . import listfile
from .match import KEYS_VERSION, person_keys

# columns a case list reads beyond the screening extract's (docs/caselist.md)
PERSON_COLUMNS = ("middle_name", "suffix", "nysid", "aliases", "arrest_number")
CASELIST_COLUMNS = COLUMNS + PERSON_COLUMNS
_ALIAS_SEPARATORS = (";", "|")


class _Lines:
    """A text file's lines, counted as csv.reader takes them, so a row can be named by its line."""

    def __init__(self, f: IO[str]) -> None:
        self.f = f
        self.line = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = next(self.f)
        self.line += 1
        return text


@dataclass
class BuildResult:
    path: str
    people: int
    rows: int
    bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (line, what is wrong)
    seconds: float = 0.0

    def summary(self) -> str:
        bad = len(self.bad_rows)
        return (f"wrote {Path(self.path).name}: {self.rows} conviction(s) of {self.people} people"
                f"{f', {bad} bad row(s) left out' if bad else ''} in {self.seconds:.1f} s")


def _aliases(raw: str | None) -> list[str]:
    text = raw or ""
    for sep in _ALIAS_SEPARATORS[1:]:
        text = text.replace(sep, _ALIAS_SEPARATORS[0])
    names = [parse_name(a, "aliases") for a in text.split(_ALIAS_SEPARATORS[0])]
    names = [n for n in names if n]
    if len(names) > MAX_ALIASES:
        raise InputError("aliases", f"has more than {MAX_ALIASES} names")
    return names


def _person_key(p: dict) -> tuple:
    if p["nysid"]:
        return ("nysid", p["nysid"])
    return ("name", fold(p["first_name"]), fold(p["middle_name"]), fold(p["last_name"]), p["date_of_birth"])


def read_people(f: IO[str], column_map: dict[str, str], as_of: date,
                db, on_row: Callable[[], None] | None = None) -> tuple[list[dict], list[tuple[int, str]]]:
    """Every good row of an extract as people with their screened convictions; bad rows by line."""
    lines = _Lines(f)
    layout, rows = read_extract(lines, column_map)  # type: ignore[arg-type]
    thresholds = store.date_thresholds(db)
    n = len(layout.header)
    people: dict[tuple, dict] = {}
    bad: list[tuple[int, str]] = []
    pending: list[tuple[dict, tuple]] = []
    for values in rows:
        line = lines.line - sum(v.count("\n") for v in values)
        if on_row:
            on_row()
        if len(values) != n:
            bad.append((line, f"row: has {len(values)} values where the header has {n}"))
            continue
        row = dict(zip(layout.names, values, strict=True))
        try:
            applicant, conviction = parse_row(row)
            person = {"first_name": applicant.first_name,
                      "middle_name": parse_name(row.get("middle_name"), "middle_name"),
                      "last_name": applicant.last_name, "suffix": parse_name(row.get("suffix"), "suffix", limit=10),
                      "date_of_birth": applicant.date_of_birth.isoformat() if applicant.date_of_birth else "",
                      "nysid": parse_nysid(row.get("nysid")), "aliases": _aliases(row.get("aliases"))}
            if not person["last_name"]:
                raise InputError("last_name", "is required in a case list (the list is searched by name)")
            if not conviction.docket:
                raise InputError("docket", "is required in a case list (the list gives the applicant's docket)")
        except InputError as e:
            bad.append((line, f"{e.field.removeprefix('conviction.')}: {e.message}"))
            continue
        c = conviction
        record = {
            "record_id": (row.get("record_id") or "").strip()[:80], "court": c.court, "county": c.county,
            "docket": c.docket, "offense": c.offense, "attempt": c.attempt,
            "arrest_date": c.arrest_date.isoformat() if c.arrest_date else "", "arrest_number": c.arrest_number,
            "conviction_date": c.conviction_date.isoformat(), "plea": c.plea, "sentence": c.sentence,
            "sentence_complete": c.sentence_complete, "fines_owed": c.fines_owed,
            "original_charge": c.original_charge, "other_counts_dismissed": c.other_counts_dismissed,
            "driving_involved": c.driving_involved,
        }
        key = _person_key(person)
        entry = people.setdefault(key, {**person, "convictions": []})
        for a in person["aliases"]:
            if a not in entry["aliases"] and len(entry["aliases"]) < MAX_ALIASES:
                entry["aliases"].append(a)
        entry["convictions"].append(record)
        pending.append((record, signature(applicant, conviction, thresholds)))
    for entry in people.values():
        entry["keys"] = person_keys(entry)
    sigs = list(dict.fromkeys(sig for _, sig in pending))
    decided = dict(zip(sigs, evaluate_signatures(db, sigs, as_of), strict=True))
    for record, sig in pending:
        d = decided[sig]
        record["outcome"], record["rules"] = d.outcome, list(d.rules)
    return list(people.values()), bad


def check_inputs(records: str, out_path: str, columns: str | None) -> dict[str, str]:
    """The extract exists, the output does not, the column map is good; returns the map."""
    column_map = parse_column_map(columns, CASELIST_COLUMNS)
    if not os.path.isfile(records):
        raise InputError(Path(records).name, "no such file")
    if Path(out_path).exists():
        raise InputError("--out", f"{Path(out_path).name} already exists; choose a new file name")
    return column_map


def build(records: str, out_path: str, passphrase: str, *, as_of: date, columns: str | None = None,
          on_row: Callable[[], None] | None = None) -> BuildResult:
    """Screen `records` and write the encrypted case list to `out_path` (never overwritten)."""
    start = time.perf_counter()
    name = Path(records).name
    column_map = check_inputs(records, out_path, columns)
    check_new_passphrase(passphrase)
    db = open_kiosk(":memory:")
    try:
        with open(records, encoding="utf-8-sig", newline="") as f:
            people, bad = read_people(f, column_map, as_of, db, on_row)
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 text (save the extract as CSV UTF-8)") from None
    if not people:
        raise InputError(name, "has no good rows: nothing to put in a case list")
    manifest = {"name_keys_version": KEYS_VERSION, "as_of": as_of.isoformat(),
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "rule_packs": store.packs_loaded(db), "bad_rows": len(bad), "app_version": __version__}
    listfile.write(out_path, listfile.encode(people, manifest, passphrase))
    return BuildResult(path=out_path, people=len(people), rows=sum(len(p["convictions"]) for p in people),
                       bad_rows=bad, seconds=time.perf_counter() - start)
