"""Bulk screening of a DA records extract (CSV, one conviction a row), streamed in batches so
memory stays flat from 20,000 rows to a statewide million. A bad row gets an error naming the
field and never stops the run."""

from __future__ import annotations

import collections
import csv
import io
import itertools
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from . import store
from .eligibility import evaluate_signatures, signature
from .errors import InputError
from .models import MOTION_OUTCOMES, Applicant, Conviction, Determination
from .validate import parse_bool, parse_conviction, parse_date, parse_name

COLUMNS = (
    "record_id", "first_name", "last_name", "date_of_birth", "violent_felony", "sex_offense",
    "open_case_or_warrant", "court", "county", "docket", "offense", "attempt", "arrest_date",
    "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed", "original_charge",
    "other_counts_dismissed", "driving_involved",
)
RESULT_COLUMNS = ("outcome", "rules", "reasons", "error")
BATCH = 2500


def parse_column_map(spec: str | None, columns: tuple[str, ...] = COLUMNS) -> dict[str, str]:
    """--columns: "THEIR_HEADER=our_name,..." or a JSON file holding {"THEIR_HEADER": "our_name"};
    each our_name one of `columns`."""
    if not spec:
        return {}
    path = Path(spec)
    if path.suffix.lower() == ".json" or path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError("--columns", "cannot be read as a JSON object of header → column name") from None
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise InputError("--columns", "must map each extract header to one of our column names")
        mapping = data
    else:
        mapping = {}
        for part in spec.split(","):
            if "=" not in part:
                raise InputError("--columns", "write it as THEIR_HEADER=our_name,OTHER=docket")
            k, v = part.split("=", 1)
            mapping[k.strip()] = v.strip()
    for v in mapping.values():
        if v not in columns:
            raise InputError("--columns", f"'{v[:40]}' is not one of our columns ({', '.join(columns)})")
    return mapping


def parse_row(row: dict[str, str], *, today: date | None = None) -> tuple[Applicant, Conviction]:
    """One extract row → (applicant, conviction), or an InputError naming the column."""
    dob = parse_date(row.get("date_of_birth"), "date_of_birth", today=today)
    applicant = Applicant(
        first_name=parse_name(row.get("first_name"), "first_name"),
        last_name=parse_name(row.get("last_name"), "last_name"),
        date_of_birth=dob,
        violent_felony=parse_bool(row.get("violent_felony"), "violent_felony"),
        sex_offense=parse_bool(row.get("sex_offense"), "sex_offense"),
        open_case_or_warrant=parse_bool(row.get("open_case_or_warrant"), "open_case_or_warrant"),
    )
    # an extract's docket is read off court records, so it counts as a document
    conviction = parse_conviction(row, "conviction", date_of_birth=dob, today=today, check_keys=False)
    if conviction.docket:
        conviction.docket_source = "document"
    return applicant, conviction


def _field(e: InputError) -> str:
    return e.field.removeprefix("conviction.")


class Layout:
    """Where an extract's values go: our name for each input column, and which input columns are
    written back (every one but a stale result column)."""

    def __init__(self, header: list[str], names: list[str]):
        self.header, self.names = header, names
        self.keep = [i for i, h in enumerate(header) if h not in RESULT_COLUMNS]
        self.out_header = [header[i] for i in self.keep] + list(RESULT_COLUMNS)


class _Line:
    """Formats CSV text the way csv.writer writes a file, one row at a time."""

    def __init__(self) -> None:
        self.buf = io.StringIO()
        self.writer = csv.writer(self.buf)

    def __call__(self, values: list[str]) -> str:
        self.buf.seek(0)
        self.buf.truncate()
        self.writer.writerow(values)
        return self.buf.getvalue()[:-2]  # without csv's "\r\n"


def _screen_batch(rows: list[list[str]], layout: Layout, thresholds: list[str], today: date,
                  keep_records: bool = False) -> list[tuple[bool, object, str, object]]:
    """Worker side of screening: each row → (parsed?, signature or error text, the row's input
    columns as CSV text, the parsed records when asked for). Formatting the output here keeps the
    reading process free to read, evaluate and write."""
    line = _Line()
    n = len(layout.header)
    out: list[tuple[bool, object, str, object]] = []
    for values in rows:
        prefix = line([values[i] if i < len(values) else "" for i in layout.keep])
        if len(values) != n:
            out.append((False, f"row: has {len(values)} values where the header has {n}", prefix, None))
            continue
        try:
            a, c = parse_row(dict(zip(layout.names, values, strict=True)), today=today)
            out.append((True, signature(a, c, thresholds), prefix, (a, c) if keep_records else None))
        except InputError as e:
            out.append((False, f"{_field(e)}: {e.message}", prefix, None))
    return out


def _parallel_ok() -> bool:
    """Forked workers start in milliseconds with everything imported; elsewhere the start-up of a
    spawned interpreter costs more than it saves, so screening stays in one process."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


def screen_lines(db: Database, rows: Iterable[list[str]], layout: Layout, as_of: date,
                 on_batch: Callable[[int], None] | None = None,
                 on_eligible: Callable[[dict, Applicant, Conviction, Determination], None] | None = None,
                 ) -> Iterator[tuple[str, str]]:
    """Yield (output line without its line end, outcome or "error") for each row, in input order.

    Rows are parsed and formatted in batches on every core (forked workers) while this process
    reads, asks SQLite about signatures it has not seen yet and writes; with `on_eligible` (bulk
    motions, which need the parsed records) everything stays in this process."""
    today = date.today()
    thresholds = store.date_thresholds(db)
    known: dict[tuple, tuple[str, str, Determination]] = {}
    line = _Line()

    def finish(batch: list[list[str]], parsed: list[tuple[bool, object, str, object]]) -> Iterator[tuple[str, str]]:
        new: list[tuple[str, ...]] = list({sig for ok, sig, _, _ in parsed if ok and sig not in known})  # type: ignore[misc]
        for sig, d in zip(new, evaluate_signatures(db, new, as_of), strict=True):
            known[sig] = (line([d.outcome, ";".join(d.rules), " | ".join(d.reasons), ""]), d.outcome, d)
        for values, (ok, value, prefix, record) in zip(batch, parsed, strict=True):
            if ok:
                results, outcome, d = known[value]  # type: ignore[index]
                if on_eligible and record and outcome in MOTION_OUTCOMES:
                    row = dict(zip(layout.names, values, strict=True))
                    on_eligible(row, record[0], record[1], d)  # type: ignore[index]
                yield f"{prefix},{results}" if layout.keep else results, outcome
            else:
                results = line(["", "", "", value])  # type: ignore[list-item]
                yield f"{prefix},{results}" if layout.keep else results, "error"
        if on_batch:
            on_batch(len(batch))

    it = iter(rows)
    first = list(itertools.islice(it, BATCH))
    if on_eligible or len(first) < BATCH or not _parallel_ok():
        batch = first
        while batch:
            yield from finish(batch, _screen_batch(batch, layout, thresholds, today, keep_records=bool(on_eligible)))
            batch = list(itertools.islice(it, BATCH))
        return
    workers = os.cpu_count() or 2
    queue: collections.deque = collections.deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        batch = first
        while batch:
            queue.append((batch, pool.submit(_screen_batch, batch, layout, thresholds, today)))
            while len(queue) > workers:
                done, fut = queue.popleft()
                yield from finish(done, fut.result())
            batch = list(itertools.islice(it, BATCH))
        while queue:
            done, fut = queue.popleft()
            yield from finish(done, fut.result())


def read_extract(f: IO[str], column_map: dict[str, str]) -> tuple[Layout, Iterator[list[str]]]:
    """The extract's layout and its rows as lists of values.

    Values are looked up by our names only, so a mapping that swaps two headers
    (offense=original_charge, CHG=offense) reads and writes each value under the right column."""
    reader = csv.reader(f)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("header", "the file is empty; the first line must name the columns") from None
    except csv.Error as e:
        raise InputError("header", f"cannot be read as CSV ({e})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    names = [column_map.get(h, h) for h in header]
    if "offense" not in names or "conviction_date" not in names:
        raise InputError("header", "needs at least the columns offense and conviction_date "
                         "(use --columns to map your extract's headers)")
    if len(set(names)) != len(names):
        raise InputError("header", "names the same column twice")

    def rows() -> Iterator[list[str]]:
        line = 1
        try:
            for values in reader:
                line += 1
                if values:
                    yield values
        except csv.Error as e:
            raise InputError("file", f"line {line} cannot be read as CSV ({e})") from None

    return Layout(header, names), rows()
