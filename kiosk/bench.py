"""`kiosk bench`: every hot path timed against a floor measured in the same run on the same data.

A floor is the minimal plain-Python / SQLite / fpdf2 program that produces the same output as the
figure it measures (kiosk/bench_floors.py; what each one does: docs/benchmarks.md). Ours and the
floor run back to back, several times; the table shows medians, the median ratio and the lowest
ratio. Figures print as a table and are written as JSON: a list of {"name", "ours_s", "floor_s",
"ratio", "target"} (medians), with "ours_min_s", "floor_min_s", "ratio_min" and "runs" where paired."""

from __future__ import annotations

import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from . import bench_floors as floors

AS_OF = date(2018, 9, 21)
OFFENSES = ["PL 221.05", "PL 221.10(1)", "PL 221.10(2)", "PL 221.15", "PL 221.20", "PL 221.35",
            "PL 240.20", "PL 110/221.10", "PL 221.10(1)", "PL 221.10(1)"]
FIRST = ["Tamika", "José", "Nguyễn", "Łukasz", "Aisha", "Marcus", "Wei", "Olga", "Darnell", "María"]
LAST = ["Sample", "Núñez", "O'Brien", "Wójcik", "Johnson", "Baptiste", "Chen", "Ivanova", "Smith", "Lee"]
EXTRACT_COLUMNS = ["record_id", "first_name", "last_name", "date_of_birth", "violent_felony", "sex_offense",
                   "open_case_or_warrant", "court", "county", "docket", "offense", "attempt", "arrest_date",
                   "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
                   "original_charge", "other_counts_dismissed", "driving_involved"]


def write_extract(path: Path, rows: int, seed: int = 7) -> None:
    """A synthetic DA extract: mostly Kings 221.10 pleas, some other counties, felonies, bad rows."""
    rnd = random.Random(seed)
    counties = [("KN", "kings")] * 8 + [("QN", "queens"), ("NY", "new-york")]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(EXTRACT_COLUMNS)
        for i in range(rows):
            y = rnd.randint(1991, 2018)
            code, county = rnd.choice(counties)
            docket = f"{y}{code}{i % 1_000_000:06d}" if rnd.random() > 0.005 else f"{y}{code}{i % 100000:05d}"
            dob = f"{y - rnd.randint(18, 50)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}"
            w.writerow([f"r{i}", rnd.choice(FIRST), rnd.choice(LAST), dob,
                        "true" if rnd.random() < 0.02 else "false", "false",
                        "true" if rnd.random() < 0.03 else "false", "criminal", county, docket,
                        rnd.choice(OFFENSES), "false", f"{y}-03-01", f"{y}-03-0{rnd.randint(2, 9)}",
                        "guilty", rnd.choice(["time served", "conditional discharge", "$100 fine"]),
                        "true", "false", "", "false", "true" if rnd.random() < 0.01 else "false"])


def sample_applicant(i: int = 0, convictions: int = 1) -> dict:
    rnd = random.Random(i)
    return {
        "first_name": FIRST[i % 10], "last_name": LAST[(i // 10) % 10], "date_of_birth": "1985-02-11",
        "language": rnd.choice(["en", "es"]), "consent_to_share": True,
        "convictions": [{
            "court": "criminal", "county": "kings", "docket": f"{2010 + k}KN{(i * 7 + k) % 1_000_000:06d}",
            "docket_source": "document", "offense": "PL 221.10(1)", "arrest_date": f"{2010 + k}-03-01",
            "conviction_date": f"{2010 + k}-03-02", "sentence": "conditional discharge",
        } for k in range(convictions)],
    }


def _row(name: str, ours: float, floor: float | None, target: str) -> dict:
    return {"name": name, "ours_s": round(ours, 6), "floor_s": None if floor is None else round(floor, 6),
            "ratio": None if not floor else round(ours / floor, 2), "target": target}


# --- screening ----------------------------------------------------------------------------------

def bench_screen(tmp: Path, rows: int, results: list, runs: int) -> None:
    """`kiosk screen` as a user runs it (a new process, start-up included) against csv reading our
    results file and writing it again in a new process: the same bytes with no validation, no
    rules and no SQL (docs/benchmarks.md). Peak memory is each process's own."""
    src, dst, copy = tmp / f"extract-{rows}.csv", tmp / f"out-{rows}.csv", tmp / f"floor-{rows}.csv"
    write_extract(src, rows)
    screen = floors.python(floors.PEAK + "from kiosk.cli import main\n"
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
    from .eligibility import evaluate_applicant
    from .services import open_kiosk
    from .validate import parse_applicant

    db = open_kiosk(":memory:")
    applicant = parse_applicant(sample_applicant(3, convictions=2))
    times = []
    for _ in range(400):
        t = time.perf_counter()
        evaluate_applicant(db, applicant, AS_OF)
        times.append(time.perf_counter() - t)
    times.sort()
    target = "interactive (< 50 ms)"
    results.append(_row("evaluate one applicant, p50", statistics.median(times), None, target))
    results.append(_row("evaluate one applicant, p99", times[int(len(times) * 0.99) - 1], None, target))


# --- papers --------------------------------------------------------------------------------------

def floor_packet(page_texts: list[str]) -> bytes:
    """fpdf2 writing the same pages of the same text in the same font, with no layout logic."""
    from fpdf import FPDF

    from .resources import resource_path

    pdf = FPDF(format="letter")
    pdf.add_font("serif", "", str(resource_path("fonts", "LiberationSerif-Regular.ttf")))
    pdf.set_font("serif", size=12)
    pdf.set_auto_page_break(False)
    for text in page_texts:
        pdf.add_page()
        for line in text.splitlines():
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def bench_papers(tmp: Path, results: list, runs: int) -> None:
    import io

    from pypdf import PdfReader

    from .documents import build_packet
    from .screening.motions import MotionWriter
    from .services import evaluate_raw

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
    bench_motion_cold(tmp, results, runs)

    n = 200
    writer = MotionWriter(str(tmp / "motions"), as_of=AS_OF)
    c = applicant.convictions[0]
    t = time.perf_counter()
    for i in range(n):
        writer.add({"record_id": f"r{i}"}, applicant, c, dets[0])
    written = writer.finish(progress=False)
    took = time.perf_counter() - t
    results.append(_row(f"bulk packets, {written} on {writer.workers} cores ({written / took:.0f}/s)", took, None,
                        "packets/s"))


def bench_motion_cold(tmp: Path, results: list, runs: int) -> None:
    """`kiosk motion APPLICANT.json` in a new process against a new process of bare fpdf2 writing
    the same pages' text in the same two faces of each document's family."""
    applicant_file, out = tmp / "applicant.json", tmp / "motion-out"
    applicant_file.write_text(json.dumps(sample_applicant(1)), encoding="utf-8")
    motion = [sys.executable, "-c", "from kiosk.cli import main; main()", "motion", str(applicant_file),
              "--out", str(out), "--as-of", AS_OF.isoformat()]
    floors.run_timed(motion)
    docs = {("receipt" if "receipt" in p.name else "packet"): p.read_bytes() for p in out.glob("*.pdf")}
    spec = tmp / "pages.json"
    floors.pages_spec(spec, docs, tmp)
    floor = floors.python(floors.FPDF_PAGES, str(spec))
    figures = floors.paired(lambda: floors.run_timed(motion)[0], lambda: floors.run_timed(floor)[0], runs)
    results.append(floors.row("kiosk motion APPLICANT.json, cold (packet and receipt)", figures, "< 1 s"))


def bench_help(results: list, runs: int) -> None:
    """`kiosk --help` against a new process that writes the same text."""
    helps = [sys.executable, "-c", "from kiosk.cli import main; main()", "--help"]
    text = floors.run_timed(helps)[1].stdout
    floor = floors.python(floors.PRINT_TEXT, text)
    figures = floors.paired(lambda: floors.run_timed(helps)[0], lambda: floors.run_timed(floor)[0], runs * 3)
    results.append(floors.row("kiosk --help", figures, "ratio <= 2"))


# --- sync, start-up -----------------------------------------------------------------------------

def bench_sync(tmp: Path, results: list, applicants: int) -> None:
    from .bench_sync import bench_export_import

    results.extend(bench_export_import(tmp, applicants))


def _bench_atrest(tmp: Path, results: list, applicants: int) -> None:
    from .bench_atrest import bench_atrest

    bench_atrest(tmp, results, applicants)


def bench_office_files(tmp: Path, results: list, large: bool) -> None:
    from .bench_office import bench_hostile

    results.extend(bench_hostile(tmp, large=large))


def bench_startup(results: list, runs: int) -> None:
    """The GUI's figures (ui/bench.py): first window against a bare PySide6 window, the papers
    step's preview, and peak memory after one applicant."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "ui.bench", str(runs)], capture_output=True, text=True, env=env,
                          timeout=600)
    if proc.returncode != 0:
        click.echo(f"start-up figures failed: {proc.stderr.strip().splitlines()[-1:]}", err=True)
        return
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            results.append(json.loads(line))


def bench_starts(results: list, runs: int) -> None:
    bench_help(results, runs)
    bench_startup(results, runs)


def run_bench(json_path: str | None, large: bool, runs: int = 3) -> list[dict]:
    from .bench_caselist import bench_caselist

    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as d:
        tmp = Path(d)
        steps = [
            ("screening", lambda: bench_screen(tmp, 20_000, results, runs)),
            ("evaluation", lambda: bench_evaluate(results)),
            ("papers", lambda: bench_papers(tmp, results, runs)),
            ("sync", lambda: bench_sync(tmp, results, 20_000)),
            ("encryption at rest", lambda: _bench_atrest(tmp, results, 20_000)),
            ("case list", lambda: bench_caselist(tmp, results)),
            ("office files", lambda: bench_office_files(tmp, results, large)),
            ("start-up", lambda: bench_starts(results, runs)),
        ]
        if large:
            steps.insert(1, ("screening 1M", lambda: bench_screen(tmp, 1_000_000, results, runs)))
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
