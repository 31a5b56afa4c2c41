"""Whether the office import may run work on a second thread: only where this process has a
second core to run it on. On one core the thread would only take turns with SQLite, paying for
the hand-overs and gaining nothing (docs/benchmarks.md, "Sync")."""

from __future__ import annotations

import os


def cores() -> int:
    """Cores this process may run on (its CPU affinity where the system says, else the count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no affinity call
        return os.cpu_count() or 1
