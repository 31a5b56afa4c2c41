"""The print thread, which prints queued jobs in order, and the summary of what printed and what
did not that the window shows afterwards."""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.errors import KioskError

from .jobs import PrintCancelled, PrintError, PrinterSettings, PrintJob, describe
from .render import print_job

log = logging.getLogger("kiosk.ui")


# --- the print thread ------------------------------------------------------------------------------

@dataclass
class JobResult:
    applicant_id: str
    reference: str
    status: str  # "printed" | "failed" | "cancelled" | "skipped"
    pages: int = 0
    message: str = ""
    record: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    what: str = ""  # "motion papers (3 copies: court, DA, applicant) and the receipt"


class PrintThread(QThread):
    """Prints queued jobs in order on its own thread. After a printer error it stops printing
    (the rest would fail the same way) and reports the remaining jobs as not printed."""

    page_printed = Signal(int, str, int, int)  # job number (from 0), reference, pages done, pages in job
    job_finished = Signal(object)  # JobResult
    all_finished = Signal(list)  # every JobResult, in order

    def __init__(self, settings: PrinterSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.expected_jobs = 1
        self._queue: queue.Queue[PrintJob | JobResult | None] = queue.Queue()
        self._cancel = threading.Event()

    def add(self, job: PrintJob) -> None:
        self._queue.put(job)

    def add_failure(self, result: JobResult) -> None:
        """A job that could not even be prepared (its papers failed to build): keep its place."""
        self._queue.put(result)

    def close_queue(self) -> None:
        self._queue.put(None)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # the print thread
        results: list[JobResult] = []
        stopped = ""
        index = 0
        while True:
            item = self._queue.get()
            if item is None:
                break
            if isinstance(item, JobResult):
                results.append(item)
                self.job_finished.emit(item)
                index += 1
                continue
            job = item
            result = JobResult(job.applicant_id, job.reference, "printed", job.total_pages, record=job.record,
                               what=describe(job))
            if self._cancel.is_set():
                result.status, result.message = "cancelled", "cancelled before it started"
            elif stopped:
                result.status, result.message = "skipped", stopped
            else:
                started = time.perf_counter()
                try:
                    print_job(job, self.settings, jobs=self.expected_jobs, cancelled=self._cancel.is_set,
                              progress=lambda done, total, i=index, ref=job.reference:
                              self.page_printed.emit(i, ref, done, total))
                except PrintCancelled:
                    result.status, result.message = "cancelled", "cancelled; nothing of it was printed"
                except PrintError as e:
                    result.status, result.message = "failed", str(e)
                    stopped = "not sent: printing stopped after the printer problem"
                except KioskError as e:
                    result.status, result.message = "failed", str(e)
                except Exception as e:  # a bug must not kill the thread; never log the text (personal data)
                    log.error("printing failed with %s", type(e).__name__)
                    result.status, result.message = "failed", "an unexpected error stopped this job"
                result.seconds = time.perf_counter() - started
            results.append(result)
            self.job_finished.emit(result)
            index += 1
        self.all_finished.emit(results)




# --- summary ---------------------------------------------------------------------------------------

@dataclass
class PrintSummary:
    printer: str
    results: list[JobResult]
    unrecorded: list[str] = field(default_factory=list)  # printed, but the record failed to save
    error: str = ""  # a problem before anything was printed (settings, saving as PDF)

    @property
    def printed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "printed"]

    @property
    def not_printed(self) -> list[JobResult]:
        return [r for r in self.results if r.status != "printed"]

    @property
    def ok(self) -> bool:
        return bool(self.results) and not self.not_printed and not self.unrecorded and not self.error

    def text(self) -> str:
        if self.error:
            return self.error
        if not self.results:
            return "Nothing to print: every evaluated applicant's papers are already printed."
        lines = []
        if len(self.results) == 1:
            r = self.results[0]
            if r.status == "printed":
                lines.append(f"Printed {r.reference} on {self.printer}: {r.what or 'the papers'}, {r.pages} pages.")
            else:
                lines.append(f"Not printed: {r.reference}: {r.message}. Nothing was marked printed.")
        else:
            printed = self.printed
            lines.append(f"Printed {len(printed)} of {len(self.results)} applicants on {self.printer}"
                         + (": " + ", ".join(r.reference for r in printed) + "." if printed else "."))
            for r in self.not_printed:
                lines.append(f"Not printed: {r.reference}: {r.message}.")
        for ref in self.unrecorded:
            lines.append(f"{ref} was printed but could not be marked printed; check the dashboard.")
        return "\n".join(lines)
