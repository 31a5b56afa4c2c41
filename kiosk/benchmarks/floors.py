"""The floors of `kiosk bench` and the paired runs that time them (docs/benchmarks.md).

A floor is the minimal plain-Python / fpdf2 program that produces the same output as the figure
it measures: screening's floor reads our results file with csv and writes it again (the same
bytes, checked), `kiosk --help`'s floor writes the same help text, a cold motion's floor writes
the same pages of the same text in the same fonts with bare fpdf2. Ours and the floor run back
to back, several times, on the same data, in the same bench run; the figures are the medians
and the minimums, and the ratio of each pair."""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.resources import resource_path

# Each floor program is run as `python -c PROGRAM ARGS...`: a cold process, like ours.
CSV_COPY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f, open(sys.argv[2], "w", newline="", encoding="utf-8") as g:
    csv.writer(g).writerows(csv.reader(f))
"""

PRINT_TEXT = """
import sys
sys.stdout.write(sys.argv[1])
"""

# the pages' text (as pypdf reads it back from ours) in the same fonts, one PDF per document
FPDF_PAGES = """
import json, sys
from fpdf import FPDF
spec = json.load(open(sys.argv[1], encoding="utf-8"))
for doc in spec["documents"]:
    pdf = FPDF(format="letter")
    pdf.add_font("serif", "", doc["regular"])
    pdf.add_font("serif", "B", doc["bold"])
    pdf.set_auto_page_break(False)
    for text in doc["pages"]:
        pdf.add_page()
        pdf.set_font("serif", "B", 12)
        lines = text.splitlines()
        pdf.cell(0, 6, lines[0] if lines else "", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("serif", "", 12)
        for line in lines[1:]:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(doc["out"])
"""

# peak resident memory of the process itself, printed at exit (ru_maxrss would carry a parent's)
PEAK = ("import atexit, sys\n"
        "def _peak():\n"
        "    s = open('/proc/self/status').read()\n"
        "    print('VmHWM', s.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
        "atexit.register(_peak)\n")


def installed_env(extra: dict | None = None) -> dict:
    """The environment of a measured process: as installed, Python's compiled bytecode is used
    (pip and the frozen build write it; for a source tree the warm-up run writes it), even where
    the shell says PYTHONDONTWRITEBYTECODE."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def run_timed(argv: list[str], *, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, env=env or installed_env(), timeout=3600)
    took = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited {p.returncode}: {p.stderr.strip()[-300:]}")
    return took, p


def peak_mb(p: subprocess.CompletedProcess) -> float:
    return int(p.stderr.split("VmHWM")[-1].split()[0]) / 1024


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def paired(ours: Callable[[], float], floor: Callable[[], float], runs: int) -> dict:
    """Ours then the floor, back to back, `runs` times (after one untimed warm-up pair)."""
    ours(), floor()
    o, f = [], []
    for _ in range(runs):
        o.append(ours())
        f.append(floor())
    return summary(o, f)


def summary(ours: list[float], floor: list[float]) -> dict:
    """Paired times (ours[i] ran just before floor[i]): medians, minimums, the median and lowest
    per-pair ratio."""
    ratios = [a / b for a, b in zip(ours, floor, strict=True)]
    return {"ours_s": round(statistics.median(ours), 4), "floor_s": round(statistics.median(floor), 4),
            "ratio": round(statistics.median(ratios), 2), "ours_min_s": round(min(ours), 4),
            "floor_min_s": round(min(floor), 4), "ratio_min": round(min(ratios), 2), "runs": len(ours)}


def row(name: str, figures: dict, target: str, **extra: object) -> dict:
    return {"name": name, **figures, "target": target, **extra}


def same_bytes(a: Path, b: Path) -> None:
    if a.read_bytes() != b.read_bytes():
        raise RuntimeError(f"the floor's output {b.name} differs from ours ({a.name}): not a like-for-like floor")


def pages_spec(path: Path, docs: dict[str, bytes], out_dir: Path) -> None:
    """The input of FPDF_PAGES: each document ("packet", "receipt") with its page texts read back
    from our PDF and the regular and bold faces of its family."""

    from pypdf import PdfReader  # lazy: pypdf is a test dependency, only this floor reads PDFs

    family = {"packet": "Serif", "receipt": "Sans"}  # the papers' faces (kiosk/papers/frame.py)
    spec = {"documents": [{
        "out": str(out_dir / f"floor-{name}.pdf"),
        "regular": str(resource_path("fonts", f"Liberation{family[name]}-Regular.ttf")),
        "bold": str(resource_path("fonts", f"Liberation{family[name]}-Bold.ttf")),
        "pages": [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages],
    } for name, data in docs.items()]}
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
