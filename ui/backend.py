"""The one thread that owns the database (docs/architecture.md).

A sqlite-utils Database must not be used from two threads, and the window must never freeze on
a disk write or a PDF. So every database and PDF job runs, in order, on one worker thread that
opened the database itself; results and errors come back to the GUI thread by signal, where the
caller's callback runs. Worker code never touches widgets."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.errors import StorageError

log = logging.getLogger("kiosk.ui")

Callback = Callable[[Any], None]


class _Worker(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.db: Any = None

    @Slot(int, object)
    def run_job(self, job_id: int, job: Callable[[_Worker], Any]) -> None:
        if job_id < 0:  # the stop sentinel: every earlier job has run (signals queue in order)
            self.close()
            thread = QThread.currentThread()
            thread.quit()
            return
        try:
            result = job(self)
        except Exception as e:  # reported to the GUI thread; never kills the worker
            self.failed.emit(job_id, e)
        else:
            self.done.emit(job_id, result)

    def open(self, path: Any, passphrase: str | None = None) -> Any:
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.close()
        self.db = services.open_kiosk(path, passphrase=passphrase)
        return self.db

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except Exception:  # closing a broken connection: nothing left to save
                log.warning("database close failed")
            self.db = None


class Backend(QObject):
    """Queue jobs for the database thread: ``backend.call(fn, *args, on_done=..., on_error=...)``
    runs ``fn(db, *args)`` there and calls back here. `pending` counts jobs not yet answered."""

    job_requested = Signal(int, object)
    idle = Signal()
    error = Signal(object)  # an exception no on_error callback took: the window's presenter shows it
    progressed = Signal(float, str)  # a long job's progress, reported from the database thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("kiosk-db")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self.job_requested.connect(self._worker.run_job)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._next_id = 0
        self._stopped = False
        self._thread.start()

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    @property
    def running(self) -> bool:
        return not self._stopped

    def open(self, path: Any, *, passphrase: str | None = None, on_done: Callback | None = None,
             on_error: Callback | None = None, after: threading.Event | None = None) -> int:
        """Open (unlock) the database on its thread; without `passphrase`, KIOSK_PASSPHRASE is used.
        With `after`, once it is set (or after 2 s), so that the opening's imports do not compete
        with the first window for the processor."""
        def job(w: _Worker) -> Any:
            if after is not None:
                after.wait(2.0)
            return w.open(path, passphrase)
        return self._submit(job, on_done, on_error)

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
             on_error: Callback | None = None, **kw: Any) -> int:
        """Run ``fn(db, *args, **kw)`` on the database thread."""
        def job(w: _Worker) -> Any:
            if w.db is None:
                raise StorageError("the database is not open")
            return fn(w.db, *args, **kw)

        return self._submit(job, on_done, on_error)

    def _submit(self, job: Callable[[_Worker], Any], on_done: Callback | None, on_error: Callback | None) -> int:
        if self._stopped:
            return -1
        self._next_id += 1
        self._callbacks[self._next_id] = (on_done, on_error)
        self.job_requested.emit(self._next_id, job)
        return self._next_id

    @Slot(int, object)
    def _on_done(self, job_id: int, result: Any) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if on_done is not None:
            on_done(result)
        self._maybe_idle()

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: Any) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        if on_error is not None:
            on_error(exc)
        else:
            self.error.emit(exc)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._callbacks:
            self.idle.emit()

    def report(self, fraction: float, message: str) -> None:
        """Called by a job on the database thread; the signal reaches the GUI thread queued."""
        self.progressed.emit(float(fraction), message)

    def stop(self) -> None:
        """Run every queued job, close the database, end the thread (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        self.job_requested.emit(-1, None)
        self._thread.wait()
        self._callbacks.clear()
