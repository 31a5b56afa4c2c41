"""The pinned Qt bindings keep the reference counts of None, True and False.

PySide6 6.12 on Python 3.11 drops a reference to None on every void call (``setText``) and to
True on every ``Signal.emit``; after a few thousand the interpreter aborts while collecting
garbage. requirements/ pins a PySide6 without that bug (docs/dependencies.md). The calls run in
a child process, so a draining Qt fails this test instead of crashing the test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CALLS = 10_000

PROBE = f"""
import json, sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Source(QObject):
    ping = Signal(int)
    flag = Signal(bool)

app = QApplication([])
label = QLabel()
source = Source()
seen = []
source.ping.connect(seen.append)
source.flag.connect(seen.append)
before = {{"None": sys.getrefcount(None), "True": sys.getrefcount(True), "False": sys.getrefcount(False)}}
for i in range({CALLS}):
    label.setText("x")
    source.ping.emit(i)
    source.flag.emit(i % 2 == 0)
seen.clear()
after = {{"None": sys.getrefcount(None), "True": sys.getrefcount(True), "False": sys.getrefcount(False)}}
print(json.dumps({{"before": before, "after": after, "calls": {CALLS}}}))
"""


def test_ten_thousand_set_text_and_emit_calls_leave_none_true_and_false_counts_standing():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("None", "True", "False"):
        # a draining binding loses one reference per call: thousands, never a handful
        assert counts["after"][name] >= counts["before"][name] - 100, (name, counts)
