"""Bulk screening of a DA records extract (CSV, one conviction a row), streamed in batches so
memory stays flat from 20,000 rows to a statewide million. A bad row gets an error naming the
field and never stops the run."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .. import store
from ..eligibility import evaluate_signatures, signature
from ..errors import InputError
from ..models import MOTION_OUTCOMES, OUTCOMES, Applicant, Conviction, Determination
from ..validate import parse_bool, parse_conviction, parse_date, parse_name
from .overlong import MAX_CELL, Rereader
from .rows import CACHE_LIMIT, make_checker

if TYPE_CHECKING:
    from sqlite_utils import Database

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


def screen_extract(db: Database, rows: Iterable[list[str]], layout: Layout, as_of: date,
                   write: Callable[[str], object], on_batch: Callable[[int], None] | None = None,
                   on_eligible: Callable[[dict, Applicant, Conviction, Determination], None] | None = None,
                   ) -> dict[str, int]:
    """Write each row with its result columns (CSV lines, input order) through `write`; return how
    many rows got each outcome ("error" for bad rows).

    One process (docs/benchmarks.md): rows are checked at the cost of dictionary look-ups
    (screen_rows.py), SQLite is asked once per batch about signatures not seen before, and
    csv.writer formats each line. A row is written as soon as its answer is known; from the
    first row of a batch with a new signature on, rows wait for the batch's query.
    `on_eligible` (bulk motions) gets the parsed records of every row that qualifies."""
    today = date.today()
    thresholds = store.date_thresholds(db)
    names, keep, n = layout.names, layout.keep, len(layout.header)
    check = make_checker(names, today, thresholds)
    sig_of_key: dict[tuple, tuple[str, ...]] = {}
    answers: dict[tuple[str, ...], tuple[str, str, Determination]] = {}
    answer_of_key: dict[tuple, tuple[str, str, Determination]] = {}  # the common case: one look-up
    counts = dict.fromkeys((*OUTCOMES, "error"), 0)
    buf = io.StringIO()
    writerow, tell, seek, put = csv.writer(buf).writerow, buf.tell, buf.seek, buf.write
    line = _Line()
    whole = keep == list(range(n))
    # csv.writer quotes a line holding one empty value ('""'); the results have always been
    # written after that line as it stands, so one kept column is formatted on its own
    alone = len(keep) <= 1

    def full(values: list[str]) -> tuple[str, ...] | str:
        try:
            a, c = parse_row(dict(zip(names, values, strict=True)), today=today)
        except InputError as e:
            return f"{_field(e)}: {e.message}"
        return signature(a, c, thresholds)

    def emit(values: list[str], results: str, outcome: str, d: Determination | None) -> None:
        counts[outcome] += 1
        if on_eligible and d and outcome in MOTION_OUTCOMES:
            row = dict(zip(names, values, strict=True))
            on_eligible(row, *parse_row(row, today=today), d)
        kept = values if whole and len(values) == n else [values[i] if i < len(values) else "" for i in keep]
        if not alone:  # the kept values as csv.writer writes them, then the results before the line end
            writerow(kept)
            seek(tell() - 2)
            put(results)
        elif keep:
            put(line(kept) + results)
        else:
            put(results[1:])

    def error(values: list[str], text: str) -> None:
        emit(values, "," + line(["", "", "", text]) + "\r\n", "error", None)

    waiting: list[tuple[list[str], tuple[str, ...] | str]] = []
    new: set[tuple[str, ...]] = set()
    done = 0

    def flush() -> None:
        fresh = list(new)
        for sig, d in zip(fresh, evaluate_signatures(db, fresh, as_of), strict=True):
            answers[sig] = ("," + line([d.outcome, ";".join(d.rules), " | ".join(d.reasons), ""]) + "\r\n",
                            d.outcome, d)
        for values, res in waiting:
            if res.__class__ is str:
                error(values, res)  # type: ignore[arg-type]
            else:
                emit(values, *answers[res])  # type: ignore[index]
        waiting.clear()
        new.clear()
        write(buf.getvalue())
        seek(0)
        buf.truncate()
        if on_batch:
            on_batch(done)

    for values in rows:
        key = None
        if values.__class__ is not list:
            res: tuple[str, ...] | str = values.error  # type: ignore[attr-defined]
        elif len(values) != n:
            res = f"row: has {len(values)} values where the header has {n}"
        elif (key := check(values)) is None:
            res = full(values)
        elif not waiting and (answer := answer_of_key.get(key)) is not None:
            results, outcome, d = answer
            counts[outcome] += 1
            if on_eligible and outcome in MOTION_OUTCOMES:
                row = dict(zip(names, values, strict=True))
                on_eligible(row, *parse_row(row, today=today), d)
            if whole:
                writerow(values)
                seek(tell() - 2)
                put(results)
            else:
                emit(values, results, outcome, None)
            done += 1
            if done == BATCH:
                flush()
                done = 0
            continue
        elif (known := sig_of_key.get(key)) is not None:
            res = known
        else:
            res = full(values)
            if res.__class__ is tuple:
                if len(sig_of_key) >= CACHE_LIMIT:
                    sig_of_key.clear()
                sig_of_key[key] = res  # type: ignore[assignment]
        if key is not None and res.__class__ is tuple and (answer := answers.get(res)) is not None:  # type: ignore[arg-type]
            if len(answer_of_key) >= CACHE_LIMIT:
                answer_of_key.clear()
            answer_of_key[key] = answer
        if waiting:
            waiting.append((values, res))
            if res.__class__ is tuple and res not in answers:
                new.add(res)  # type: ignore[arg-type]
        elif res.__class__ is str:
            error(values, res)  # type: ignore[arg-type]
        elif (answer := answers.get(res)) is not None:  # type: ignore[arg-type]
            emit(values, *answer)
        else:
            waiting.append((values, res))
            new.add(res)  # type: ignore[arg-type]
        done += 1
        if done == BATCH:
            flush()
            done = 0
    flush()
    return {k: v for k, v in counts.items() if v}


def read_extract(f: IO[str], column_map: dict[str, str],
                 reopen: Callable[[], IO[str]] | None = None) -> tuple[Layout, Iterator[list[str]]]:
    """The extract's layout and its rows as lists of values.

    Values are looked up by our names only, so a mapping that swaps two headers
    (offense=original_charge, CHG=offense) reads and writes each value under the right column.
    A cell longer than MAX_CELL makes its row an OverLongRow (read again through `reopen`, a
    second handle on the same file), and reading goes on."""
    reader = csv.reader(f)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("header", "the file is empty; the first line must name the columns") from None
    except csv.Error as e:
        raise InputError("header", f"cannot be read as CSV ({e})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    names = [column_map.get(h, h) for h in header]
    if len(header) == 1 and header[0].count(";") >= 1:
        raise InputError("header", "has its columns separated by semicolons; save the extract as CSV with commas "
                         "(in Excel: CSV UTF-8, comma delimited)")
    if "offense" not in names or "conviction_date" not in names:
        raise InputError("header", "needs at least the columns offense and conviction_date "
                         "(use --columns to map your extract's headers)")
    if len(set(names)) != len(names):
        raise InputError("header", "names the same column twice")

    def rows() -> Iterator[list[str]]:
        line = 1
        start = reader.line_num  # physical lines before the record being read
        skipped = 0  # lines of recovered records passed over outside the reader
        again = Rereader(reopen, names)
        previous = csv.field_size_limit(MAX_CELL)
        try:
            while True:
                try:
                    for values in reader:
                        line += 1
                        if values:
                            yield values
                        start = reader.line_num
                    return
                except csv.Error as e:
                    if not str(e).startswith("field larger than field limit"):
                        raise InputError("file", f"line {line} cannot be read as CSV ({e})") from None
                    failed_at = reader.line_num + skipped
                    row, end = again.record(start + skipped, failed_at)
                    for _ in range(end - failed_at):
                        next(f, None)
                    skipped += end - failed_at
                    line += 1
                    yield row
                    start = reader.line_num
        finally:
            csv.field_size_limit(previous)
            again.close()

    return Layout(header, names), rows()
