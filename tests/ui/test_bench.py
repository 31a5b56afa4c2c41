"""ui.bench: the GUI's peak memory is this process's own (VmHWM), with a fallback where /proc is
missing. The figures themselves start processes and are run by `kiosk bench` (docs/benchmarks.md)."""

from __future__ import annotations

import resource
from pathlib import Path

from ui import bench


def test_peak_memory_is_this_processs_high_water_mark_and_falls_back_without_proc(monkeypatch):
    status = Path("/proc/self/status").read_text()
    current_mb = int(status.split("VmRSS:")[1].split()[0]) / 1024
    assert bench.peak_rss_mb() >= current_mb > 0

    class NoProc:
        def __init__(self, _path: str) -> None:
            pass

        def read_text(self) -> str:
            raise OSError("no /proc here")

    monkeypatch.setattr(bench, "Path", NoProc)
    assert bench.peak_rss_mb() == resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
