"""GUI figures for `kiosk bench`: start-up to the first window shown (offscreen, from source, in a
fresh process) and the GUI's peak memory after one full applicant walked through the wizard by
accessible names. Prints one JSON line per figure."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def startup_seconds(db_path: Path, runs: int = 3) -> float:
    """Median time to the first window over fresh processes (the first run warms the disk cache)."""
    times = []
    for _ in range(runs + 1):
        p = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "entry_gui.py"), "--measure-startup",
                            "--demo", "--db", str(db_path)], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        m = re.search(r"first window exposed ([0-9.]+) s", p.stdout)
        if not m:
            raise RuntimeError("the app did not report its first window")
        times.append(float(m.group(1)))
    times = sorted(times[1:])
    return times[len(times) // 2]


def one_applicant_peak_mb(db_path: Path) -> tuple[float, float]:
    """Walk one applicant through the wizard to the papers; return (seconds, peak RSS in MB)."""
    from ui.app import create_app, create_window
    from ui.automation import Bot, Driver

    create_app()
    window = create_window(str(db_path), demo=True)
    window.resize(1366, 768)
    window.show()
    d = Driver(window, Bot(), db_path)
    d.qtbot.waitUntil(lambda: window.current_page_name() in ("setup", "signin"), timeout=20_000)
    start = time.perf_counter()
    d.add_attorney(pin="246813")  # new PINs have 6 digits or more (kiosk.pins)
    d.walk_to_result([{"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
                       "sentence": "Time served"}])
    d.next()
    d.click("Finish")
    d.idle()
    took = time.perf_counter() - start
    window.close()
    return took, peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's own peak resident memory. (ru_maxrss would carry the peak of the parent that
    started us across exec on Linux, so a benchmark parent holding 500 MB would show here.)"""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-gui-bench-") as d:
        s = startup_seconds(Path(d) / "startup.db")
        print(json.dumps({"name": "start-up to first window (offscreen, source)", "ours_s": round(s, 4),
                          "floor_s": None, "ratio": None, "target": "< 1 s"}), flush=True)
        took, peak = one_applicant_peak_mb(Path(d) / "walk.db")
        print(json.dumps({"name": f"GUI: one full applicant walked through (peak {peak:.0f} MB)",
                          "ours_s": round(took, 4), "floor_s": None, "ratio": None, "target": "peak memory"}),
              flush=True)


if __name__ == "__main__":
    main()
