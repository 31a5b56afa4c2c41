"""`--measure-startup`: open the real app, stop as soon as its first window is exposed and print
the seconds since the process started. Kept apart from the self-test so that measuring imports
nothing the app itself would not (kiosk bench's GUI figures, docs/benchmarks.md)."""

from __future__ import annotations

import os
import sys
import time


def process_age() -> tuple[float, str]:
    """Seconds since this process started, and how that was measured.

    The build script passes its launch time (KIOSK_LAUNCHED_AT, Unix seconds) so the figure covers
    the bootloader and the interpreter's start too; without it Linux's /proc gives the process
    start to 10 ms; elsewhere only the time since Python started this module is known."""
    launched = os.environ.get("KIOSK_LAUNCHED_AT", "")
    if launched:
        try:
            return time.time() - float(launched), "since launch"
        except ValueError:
            pass
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after the command name
        return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK"), "since process start"
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED, "since Python started the app"


_IMPORTED = time.perf_counter()


def measure_startup(*, db_path: str | None, kiosk_mode: bool = False, demo: bool = False,
                    timeout_ms: int = 30_000) -> int:
    """Run the app until its first window is exposed; print the time; exit 0 (3 if none appeared).

    The moment is taken from the main window's own `exposed` signal (a filter on its window
    handle), not from an application-wide event filter: such a filter has every object's every
    event wrapped for Python, which costs the app tens of milliseconds it never spends unwatched.
    The bare window it is compared with is watched the same way (ui/bench.py)."""
    from PySide6.QtCore import QTimer  # lazy: Qt loads when the measured app starts

    from ui import app as app_module  # lazy: the app loads when it is measured

    app = app_module.create_app()
    shown: list[tuple[float, str]] = []

    def first_exposed() -> None:
        if not shown:
            shown.append(process_age())
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(timeout_ms, app.quit)
    app_module.run(db_path=db_path, kiosk_mode=kiosk_mode, demo=demo,
                   on_window=lambda window: window.exposed.connect(first_exposed))
    if not shown:
        if sys.stderr is not None:
            print(f"startup: no window appeared within {timeout_ms / 1000:.0f} s", file=sys.stderr)
        return 3
    seconds, how = shown[0]
    mode = "frozen" if getattr(sys, "frozen", False) else "source"
    if sys.stdout is not None:  # a windowed executable on Windows has no console
        print(f"startup: first window exposed {seconds:.3f} s {how} ({mode})", flush=True)
    return 0
