"""`kiosk bench`: every hot path timed against a floor measured in the same run on the same data.

A floor is the minimal plain-Python / SQLite / fpdf2 program that produces the same output as the
figure it measures (kiosk/benchmarks/floors.py; what each one does: docs/benchmarks.md). Ours and the
floor run back to back, several times; the table shows medians, the median ratio and the lowest
ratio. Figures print as a table and are written as JSON: a list of {"name", "ours_s", "floor_s",
"ratio", "target"} (medians), with "ours_min_s", "floor_min_s", "ratio_min" and "runs" where paired.

The core's figures only: the GUI layer's `kiosk bench` (ui/cli.py) passes its own entry module and
its window figures in, so nothing here names the Qt layer (docs/architecture.md)."""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from fpdf import FPDF

from kiosk.eligibility import evaluate_applicant
from kiosk.papers import build_packet
from kiosk.resources import resource_path
from kiosk.screening.motions import MotionWriter
from kiosk.services import evaluate_raw, open_kiosk
from kiosk.validate import parse_applicant

from . import floors
from .atrest_figures import bench_atrest
from .caselist_figures import bench_caselist
from .office_figures import bench_hostile
from .samples import AS_OF, figure_row, sample_applicant, write_extract
from .sync_figures import bench_export_import

# The module whose main() is the `kiosk` command measured; the GUI layer passes its own front door.
CORE_ENTRY = "kiosk.cli"
# Extra figures the GUI layer adds to the start-up step: (tmp folder, results, runs).
GuiFigures = Callable[[Path, list, int], None]

# --- screening ----------------------------------------------------------------------------------

def bench_screen(tmp: Path, rows: int, results: list, runs: int, entry: str = CORE_ENTRY) -> None:
    """`kiosk screen` as a user runs it (a new process, start-up included) against csv reading our
    results file and writing it again in a new process: the same bytes with no validation, no
    rules and no SQL (docs/benchmarks.md). Peak memory is each process's own."""
    src, dst, copy = tmp / f"extract-{rows}.csv", tmp / f"out-{rows}.csv", tmp / f"floor-{rows}.csv"
    write_extract(src, rows)
    screen = floors.python(floors.PEAK + f"from {entry} import main\n"
                           f"main(['screen', {str(src)!r}, '--out', {str(dst)!r}, '--as-of', "
                           f"{AS_OF.isoformat()!r}, '--quiet'])\n")
    floor = floors.python(floors.PEAK + floors.CSV_COPY, str(dst), str(copy))
    peaks: dict[str, float] = {}

    def ours() -> float:
        took, p = floors.run_timed(screen)
        peaks["ours"] = max(peaks.get("ours", 0), floors.peak_mb(p))
        return took

    def plain() -> float:
        took, p = floors.run_timed(floor)
        peaks["floor"] = max(peaks.get("floor", 0), floors.peak_mb(p))
        return took

    figures = floors.paired(ours, plain, runs)
    floors.same_bytes(dst, copy)
    target = "< 0.7 s incl. start-up" if rows <= 20_000 else "ratio <= 3, peak < 100 MB"
    results.append(floors.row(f"screen {rows:,} rows, CLI wall (peak {peaks['ours']:.0f} MB; floor "
                              f"{peaks['floor']:.0f} MB)", figures, target))


# --- evaluation -----------------------------------------------------------------------------------

def bench_evaluate(results: list) -> None:
    db = open_kiosk(":memory:")
    applicant = parse_applicant(sample_applicant(3, convictions=2))
    times = []
    for _ in range(400):
        t = time.perf_counter()
        evaluate_applicant(db, applicant, AS_OF)
        times.append(time.perf_counter() - t)
    times.sort()
    target = "interactive (< 50 ms)"
    results.append(figure_row("evaluate one applicant, p50", statistics.median(times), None, target))
    results.append(figure_row("evaluate one applicant, p99", times[int(len(times) * 0.99) - 1], None, target))


# --- papers --------------------------------------------------------------------------------------

def floor_packet(page_texts: list[str]) -> bytes:
    """fpdf2 writing the same pages of the same text in the same font, with no layout logic."""
    pdf = FPDF(format="letter")
    pdf.add_font("serif", "", str(resource_path("fonts", "LiberationSerif-Regular.ttf")))
    pdf.set_font("serif", size=12)
    pdf.set_auto_page_break(False)
    for text in page_texts:
        pdf.add_page()
        for line in text.splitlines():
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def bench_papers(tmp: Path, results: list, runs: int, entry: str = CORE_ENTRY) -> None:
    from pypdf import PdfReader  # lazy: pypdf is a test dependency, only this figure needs it

    applicant, dets = evaluate_raw(sample_applicant(1), as_of=AS_OF)
    created = datetime(2018, 9, 21, tzinfo=UTC)
    doc = build_packet(applicant, dets, attorney=None, event=None, created_at=created)  # fonts parsed
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(doc.data)).pages]

    def timed(fn: Callable[[], Any]) -> Callable[[], float]:
        def run() -> float:
            t = time.perf_counter()
            fn()
            return time.perf_counter() - t
        return run

    figures = floors.paired(timed(lambda: build_packet(applicant, dets, attorney=None, event=None,
                                                       created_at=created)),
                            timed(lambda: floor_packet(texts)), runs * 3)
    results.append(floors.row(f"one motion packet, warm process ({doc.pages} pages)", figures,
                              "< 150 ms, ratio <= 2"))
    bench_motion_cold(tmp, results, runs, entry)

    n = 200
    writer = MotionWriter(str(tmp / "motions"), as_of=AS_OF)
    c = applicant.convictions[0]
    t = time.perf_counter()
    for i in range(n):
        writer.add({"record_id": f"r{i}"}, applicant, c, dets[0])
    written = writer.finish(progress=False)
    took = time.perf_counter() - t
    results.append(figure_row(f"bulk packets, {written} on {writer.workers} cores ({written / took:.0f}/s)", took, None,
                        "packets/s"))


def bench_motion_cold(tmp: Path, results: list, runs: int, entry: str = CORE_ENTRY) -> None:
    """`kiosk motion APPLICANT.json` in a new process against a new process of bare fpdf2 writing
    the same pages' text in the same two faces of each document's family."""
    applicant_file, out = tmp / "applicant.json", tmp / "motion-out"
    applicant_file.write_text(json.dumps(sample_applicant(1)), encoding="utf-8")
    motion = [sys.executable, "-c", f"from {entry} import main; main()", "motion", str(applicant_file),
              "--out", str(out), "--as-of", AS_OF.isoformat()]
    floors.run_timed(motion)
    docs = {("receipt" if "receipt" in p.name else "packet"): p.read_bytes() for p in out.glob("*.pdf")}
    spec = tmp / "pages.json"
    floors.pages_spec(spec, docs, tmp)
    floor = floors.python(floors.FPDF_PAGES, str(spec))
    figures = floors.paired(lambda: floors.run_timed(motion)[0], lambda: floors.run_timed(floor)[0], runs)
    results.append(floors.row("kiosk motion APPLICANT.json, cold (packet and receipt)", figures, "< 1 s"))


def bench_help(results: list, runs: int, entry: str = CORE_ENTRY) -> None:
    """`kiosk --help` against a new process that writes the same text."""
    helps = [sys.executable, "-c", f"from {entry} import main; main()", "--help"]
    text = floors.run_timed(helps)[1].stdout
    floor = floors.python(floors.PRINT_TEXT, text)
    figures = floors.paired(lambda: floors.run_timed(helps)[0], lambda: floors.run_timed(floor)[0], runs * 3)
    results.append(floors.row("kiosk --help", figures, "ratio <= 2"))


# --- all of them -----------------------------------------------------------------------------------

def run_bench(json_path: str | None, large: bool, runs: int = 3, *, entry: str = CORE_ENTRY,
              gui_figures: GuiFigures | None = None) -> list[dict]:
    """Every figure in order, printed as a table (and written as JSON). `entry` names the module
    whose main() the command-line figures start; `gui_figures` adds the window's figures."""
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as d:
        tmp = Path(d)
        steps = [
            ("screening", lambda: bench_screen(tmp, 20_000, results, runs, entry)),
            ("evaluation", lambda: bench_evaluate(results)),
            ("papers", lambda: bench_papers(tmp, results, runs, entry)),
            ("sync", lambda: results.extend(bench_export_import(tmp, 20_000, runs=runs))),
            ("encryption at rest", lambda: bench_atrest(tmp, results, 20_000)),
            ("case list", lambda: bench_caselist(tmp, results)),
            ("office files", lambda: results.extend(bench_hostile(tmp, large=large))),
            ("start-up", lambda: bench_help(results, runs, entry)),
        ]
        if large:
            steps.insert(1, ("screening 1M", lambda: bench_screen(tmp, 1_000_000, results, runs, entry)))
        if gui_figures is not None:
            steps.append(("start-up (window)", lambda: gui_figures(tmp, results, runs)))
        for label, step in steps:
            click.echo(f"… {label}", err=True)
            step()
    click.echo(f"{'figure':<66} {'ours (s)':>9} {'floor (s)':>9} {'ratio':>6} {'min':>6}  target")
    for r in results:
        floor = "" if r["floor_s"] is None else f"{r['floor_s']:.4f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        low = f"{r['ratio_min']:.2f}" if r.get("ratio_min") is not None else ""
        click.echo(f"{r['name']:<66} {r['ours_s']:>9.4f} {floor:>9} {ratio:>6} {low:>6}  {r['target']}")
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results
