"""Work the office import runs on a second thread while SQLite works on the first (SQLite
releases Python's interpreter while it runs a statement), and whether to: only where this
process has a second core. On one core the thread would only take turns with SQLite, paying for
the hand-overs and gaining nothing (docs/benchmarks.md, "Sync")."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any


def cores() -> int:
    """Cores this process may run on (its CPU affinity where the system says, else the count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no affinity call
        return os.cpu_count() or 1


class Beside:
    """`work(*args)` on a thread of its own, started at once; `result()` waits for it and returns
    its value, or raises what it raised, in the calling thread (a refusal, a MemoryError).

    Not a concurrent.futures Future (as the export's gzip thread uses): a Future keeps the error
    it raises, whose traceback then holds the frames that hold the Future, a cycle that keeps a
    refused file's rows alive while the import pauses the collector (892 objects after four
    refused files; tests/reliability/test_office_trust.py). This one lets go of the error first."""

    def __init__(self, name: str, work: Callable[..., Any], *args: Any):
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work, *args), name=name, daemon=True)
        self._thread.start()

    def _run(self, work: Callable[..., Any], *args: Any) -> None:
        try:
            self._value = work(*args)
        except BaseException as e:  # handed over by result()
            self._error = e

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            try:
                raise error
            finally:  # this frame would sit in the error's traceback, holding the error: a cycle
                del error  # that keeps the work's frames and data alive while the collector is paused
        return self._value

    def discard(self) -> None:
        """Wait for the work and drop what it gave or raised (the caller is failing already)."""
        self._thread.join()
        self._value = self._error = None
