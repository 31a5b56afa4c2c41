"""`kiosk bench`: every hot path timed against a floor measured in the same run on the same data.

A floor is the least work that could produce the same result with the same tools (plain sqlite3,
plain fpdf2, plain age encryption); the ratio says what our validation, rules and layout cost on
top. Figures print as a table and are written as JSON: a list of
{"name", "ours_s", "floor_s", "ratio", "target"}."""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
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


def _best(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _row(name: str, ours: float, floor: float | None, target: str) -> dict:
    return {"name": name, "ours_s": round(ours, 6), "floor_s": None if floor is None else round(floor, 6),
            "ratio": None if not floor else round(ours / floor, 2), "target": target}


# --- screening ----------------------------------------------------------------------------------

def floor_screen(src: Path, dst: Path) -> None:
    """Plain sqlite3: load the CSV, one join against the rules' offense conditions, write results."""
    from .rules import load_packs

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE rules (token TEXT, rule_id TEXT, outcome TEXT)")
    conn.executemany("INSERT INTO rules VALUES (?, ?, ?)",
                     [(t, r.id, r.outcome) for p in load_packs() for r in p.rules for c in r.conditions
                      for t in c.tokens if t.startswith("offense:")])
    with open(src, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        conn.execute(f"CREATE TABLE x ({', '.join(h + ' TEXT' for h in header)})")
        conn.executemany(f"INSERT INTO x VALUES ({','.join('?' * len(header))})", reader)
    rows = conn.execute(
        "SELECT x.*, group_concat(r.rule_id, ';'), max(r.outcome) FROM x "
        "LEFT JOIN rules r ON r.token = 'offense:' || substr(x.offense, 4) GROUP BY x.rowid ORDER BY x.rowid")
    with open(dst, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def bench_screen(tmp: Path, rows: int, results: list, large: bool = False) -> None:
    from .bulk import screen_file

    src, dst = tmp / f"extract-{rows}.csv", tmp / f"out-{rows}.csv"
    write_extract(src, rows)
    if not large:
        ours = _best(lambda: screen_file(str(src), str(dst), as_of=AS_OF, progress=False))
        floor = _best(lambda: floor_screen(src, tmp / "floor.csv"))
        results.append(_row(f"screen {rows:,} records (in process)", ours, floor, "ratio <= 2"))
    # the CLI as a user runs it, reporting its own peak memory at exit (VmHWM: ru_maxrss would
    # carry this benchmark's own peak across exec)
    code = ("import atexit, sys\n"
            "def peak():\n"
            "    s = open('/proc/self/status').read()\n"
            "    print('VmHWM', s.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
            "atexit.register(peak)\n"
            "from kiosk.cli import main\n"
            f"main(['screen', {str(src)!r}, '--out', {str(dst)!r}, '--as-of', '2018-09-21', '--quiet'])\n")
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak_mb = int(p.stderr.split("VmHWM")[1].split()[0]) / 1024
    target = "< 1 s incl. start-up" if rows <= 20_000 else "peak < 300 MB"
    results.append(_row(f"screen {rows:,} records, CLI wall (peak {peak_mb:.0f} MB)", wall, None, target))


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


def bench_papers(tmp: Path, results: list) -> None:
    import io

    from pypdf import PdfReader

    from .bulk_motions import MotionWriter
    from .documents import build_packet
    from .services import evaluate_raw

    applicant, dets = evaluate_raw(sample_applicant(1), as_of=AS_OF)
    created = datetime(2018, 9, 21, tzinfo=UTC)
    build_packet(applicant, dets, attorney=None, event=None, created_at=created)  # warm font caches
    doc = build_packet(applicant, dets, attorney=None, event=None, created_at=created)
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(doc.data)).pages]
    floor_packet(texts)
    ours = _best(lambda: build_packet(applicant, dets, attorney=None, event=None, created_at=created), 7)
    floor = _best(lambda: floor_packet(texts), 7)
    results.append(_row(f"one motion packet ({doc.pages} pages)", ours, floor, "< 150 ms, ratio <= 2"))

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


# --- sync, start-up -----------------------------------------------------------------------------

def bench_sync(tmp: Path, results: list, applicants: int) -> None:
    from .bench_sync import bench_export_import

    results.extend(bench_export_import(tmp, applicants))


def bench_office_files(tmp: Path, results: list, large: bool) -> None:
    from .bench_office import bench_hostile

    results.extend(bench_hostile(tmp, large=large))


def bench_startup(results: list) -> None:
    """Start-up to the first window shown (offscreen), and the GUI's peak memory after one applicant."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "ui.bench"], capture_output=True, text=True, env=env,
                          timeout=120)
    if proc.returncode != 0:
        click.echo(f"start-up figures failed: {proc.stderr.strip().splitlines()[-1:]}", err=True)
        return
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            results.append(json.loads(line))


def run_bench(json_path: str | None, large: bool) -> list[dict]:
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as d:
        tmp = Path(d)
        steps = [
            ("screening", lambda: bench_screen(tmp, 20_000, results)),
            ("evaluation", lambda: bench_evaluate(results)),
            ("papers", lambda: bench_papers(tmp, results)),
            ("sync", lambda: bench_sync(tmp, results, 20_000)),
            ("office files", lambda: bench_office_files(tmp, results, large)),
            ("start-up", lambda: bench_startup(results)),
        ]
        if large:
            steps.insert(1, ("screening 1M", lambda: bench_screen(tmp, 1_000_000, results, large=True)))
        for label, step in steps:
            click.echo(f"… {label}", err=True)
            step()
    click.echo(f"{'figure':<62} {'ours (s)':>10} {'floor (s)':>10} {'ratio':>6}  target")
    for r in results:
        floor = "" if r["floor_s"] is None else f"{r['floor_s']:.4f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        click.echo(f"{r['name']:<62} {r['ours_s']:>10.4f} {floor:>10} {ratio:>6}  {r['target']}")
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results
