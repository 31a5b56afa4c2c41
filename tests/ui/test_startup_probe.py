"""ui.startup_probe: the process's age counts from the build script's launch time when it is given,
and `--measure-startup` stops the real app at its first window."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from ui import startup_probe
from ui.startup_probe import process_age

ROOT = Path(__file__).resolve().parents[2]


def test_the_age_counts_from_the_launch_time_when_the_build_script_gives_it(monkeypatch):
    monkeypatch.setenv("KIOSK_LAUNCHED_AT", str(time.time() - 5))
    seconds, how = process_age()
    assert how == "since launch" and 5 <= seconds < 6
    monkeypatch.setenv("KIOSK_LAUNCHED_AT", "not a time")  # ignored, never a crash: Linux's /proc says
    seconds, how = process_age()
    imported = time.perf_counter() - startup_probe._IMPORTED  # this process started before the module loaded
    assert how == "since process start" and imported <= seconds < 3600  # a test process, not the machine's uptime


def test_measure_startup_stops_at_the_first_window(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_LAUNCHED_AT", None)
    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "entry_gui.py"), "--measure-startup",
                          "--demo", "--db", str(tmp_path / "kiosk.db")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert re.fullmatch(r"startup: first window exposed \d+\.\d{3} s since [\w ]+ \(source\)", out.stdout.strip())
