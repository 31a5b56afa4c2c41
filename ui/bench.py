"""GUI figures for `kiosk bench` (ui/cli.py adds them to the core's): start-up to the first window
shown (offscreen, from source, in a fresh process), start-up to the unlock prompt of an encrypted
laptop, and the GUI's peak memory after one full applicant walked through the wizard by accessible
names. Run as `python -m ui.bench RUNS`, a process of its own, it prints one JSON line per figure."""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk import services
from kiosk.benchmarks.floors import installed_env, paired
from kiosk.benchmarks.samples import figure_row
from kiosk.benchmarks.sync_figures import BENCH_PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent


# The floor of the first window: a bare PySide6 QMainWindow of the same size, measured the same
# way (process age when its first window is exposed, ui/startup_probe.process_age, seen by a filter
# on the window's handle installed when it is shown, as the app's main window does).
BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow
def age():
    with open("/proc/self/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / os.sysconf("SC_CLK_TCK")
app = QApplication(sys.argv[:1])
shown = []
class First(QObject):
    def eventFilter(self, obj, event):
        if not shown and event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) and obj.isExposed():
            shown.append(age())
            QTimer.singleShot(0, app.quit)
        return False
first = First()
class Window(QMainWindow):
    def showEvent(self, event):
        super().showEvent(event)
        self.windowHandle().installEventFilter(first)
window = Window()
window.showMaximized()
QTimer.singleShot(30000, app.quit)
app.exec()
print(f"first window exposed {shown[0]:.3f} s")
"""


def _first_window(argv: list[str]) -> float:
    p = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                       env=installed_env({"QT_QPA_PLATFORM": "offscreen"}))
    m = re.search(r"first window exposed ([0-9.]+) s", p.stdout)
    if not m:
        raise RuntimeError("no first window was reported")
    return float(m.group(1))


def startup_figures(db_path: Path, runs: int = 3) -> dict:
    """The app's first window against a bare window: fresh processes, back to back (one untimed
    warm-up pair), medians, minimums and ratios (kiosk/benchmarks/floors.py)."""
    ours = [sys.executable, str(ROOT / "build_scripts" / "entry_gui.py"), "--measure-startup", "--demo",
            "--db", str(db_path)]
    bare = [sys.executable, "-c", BARE_WINDOW]
    return paired(lambda: _first_window(ours), lambda: _first_window(bare), runs)


def unlock_prompt_s(db_path: Path, runs: int = 3) -> float:
    """Start-up to the first window of an encrypted laptop, which is the unlock prompt (median of
    fresh processes after one warm-up; docs/storage-encryption.md)."""
    services.open_kiosk(db_path, passphrase=BENCH_PASSPHRASE).conn.close()
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_PASSPHRASE"} | {"QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs + 1):
        p = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "entry_gui.py"), "--measure-startup",
                            "--db", str(db_path)], capture_output=True, text=True, timeout=120, env=env)
        m = re.search(r"first window exposed ([0-9.]+) s", p.stdout)
        if not m:
            raise RuntimeError("the app did not report its first window")
        times.append(float(m.group(1)))
    return statistics.median(times[1:])


def one_applicant_peak_mb(db_path: Path) -> tuple[float, float, float]:
    """Walk one applicant through the wizard to the papers; return (seconds for the whole walk,
    seconds from leaving the result step until the papers' preview shows a page, peak RSS in MB)."""
    from ui.app import create_app, create_window  # lazy: Qt loads only for the window's figures
    from ui.automation import Bot, Driver  # lazy: Qt loads only for the window's figures

    create_app()
    window = create_window(str(db_path), demo=True)
    window.resize(1366, 768)
    window.show()
    d = Driver(window, Bot(), db_path)
    d.qtbot.waitUntil(lambda: window.current_page_name() in ("setup", "signin"), timeout=20_000)
    start = time.perf_counter()
    d.add_attorney()
    d.walk_to_result([{"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
                       "sentence": "Time served"}])
    reached = time.perf_counter()
    d.next()
    preview = d.view.documents_page.preview
    d.qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=30_000)
    papers = time.perf_counter() - reached
    d.finish()
    took = time.perf_counter() - start
    window.close()
    return took, papers, peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's own peak resident memory. (ru_maxrss would carry the peak of the parent that
    started us across exec on Linux, so a benchmark parent holding 500 MB would show here.)"""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gui_figures(tmp: Path, results: list, runs: int) -> None:
    """`kiosk bench`'s window figures: this module in a process of its own (Qt starts there, not in
    the bench), its JSON lines appended to `results`."""
    try:
        results.append(figure_row("start-up to the unlock prompt (offscreen, source)",
                                  unlock_prompt_s(tmp / "prompt.db"), None, "< 1 s"))
    except (RuntimeError, subprocess.SubprocessError) as e:
        results.append(figure_row(f"start-up to the unlock prompt: not measured ({e})", 0.0, None, "< 1 s"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "ui.bench", str(runs)], capture_output=True, text=True, env=env,
                          timeout=600)
    if proc.returncode != 0:
        print(f"start-up figures failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            results.append(json.loads(line))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory(prefix="kiosk-gui-bench-") as d:
        figures = startup_figures(Path(d) / "startup.db", runs)
        print(json.dumps({"name": "GUI start-up to first window (offscreen, source)", **figures,
                          "target": "ratio <= 1.5"}), flush=True)
        took, papers, peak = one_applicant_peak_mb(Path(d) / "walk.db")
        print(json.dumps({"name": "GUI papers step: preview shown after Next on the result step",
                          "ours_s": round(papers, 4), "floor_s": None, "ratio": None, "target": "< 1 s"}),
              flush=True)
        print(json.dumps({"name": f"GUI: one full applicant walked through (peak {peak:.0f} MB)",
                          "ours_s": round(took, 4), "floor_s": None, "ratio": None, "target": "peak memory"}),
              flush=True)


if __name__ == "__main__":
    main()
