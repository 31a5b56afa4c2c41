"""The controller the window uses to print one applicant's papers or every pending applicant's,
and to save them as PDF when no printer works."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QProgressDialog, QPushButton, QWidget

from kiosk import papers, services

from ..errors import plain_message
from .jobs import PrinterSettings, PrintJob, job_for
from .thread import JobResult, PrintSummary, PrintThread

# --- the controller the window uses --------------------------------------------------------------

Call = Callable[..., Any]  # ui.backend.Backend.call: call(fn, *args, on_done=..., on_error=..., **kw)


class PrintController(QObject):
    """Print one applicant's papers, or every pending applicant's, from the GUI thread.

    `call` runs a kiosk function on the database thread (ui.backend.Backend.call). Dialogs open
    with `.open()` so a test can drive them: `controller.dialog` is the print dialog while it is
    open, `controller.progress` the progress dialog while printing."""

    finished = Signal(object)  # PrintSummary
    recorded = Signal(str)  # applicant id now marked printed

    def __init__(self, parent: QWidget, call: Call, *, actor: Callable[[], str] = lambda: "",
                 on_summary: Callable[[PrintSummary], None] | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.call = call
        self.actor = actor
        self.on_summary = on_summary
        self.dialog: QPrintDialog | None = None
        self.folder_dialog: QFileDialog | None = None
        self.progress: QProgressDialog | None = None
        self.thread: PrintThread | None = None
        self._printer: QPrinter | None = None
        self._pending_records = 0
        self._results: list[JobResult] | None = None
        self._unrecorded: list[str] = []
        self._settings = PrinterSettings()
        self._count = 0

    @property
    def busy(self) -> bool:
        return self.thread is not None

    # -- choosing the printer --------------------------------------------------------------------
    def ask_printer(self, on_chosen: Callable[[PrinterSettings, int], None], *, title: str) -> None:
        """Open Qt's print dialog on the last printer and copies used on this laptop; call
        `on_chosen(settings, packet_copies)` if the user prints."""
        self.call(services.session_settings, on_done=lambda prefs: self._open_dialog(prefs, on_chosen, title),
                  on_error=self._error)

    def _open_dialog(self, prefs: Any, on_chosen: Callable[[PrinterSettings, int], None], title: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if prefs.printer and prefs.printer in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(prefs.printer)
        printer.setCopyCount(prefs.packet_copies)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        dialog = QPrintDialog(printer, self.parent_widget)
        dialog.setWindowTitle(title)
        option = QAbstractPrintDialog.PrintDialogOption
        dialog.setOptions(option.PrintToFile | option.PrintShowPageSize)
        self._printer = printer  # the dialog edits it; keep it alive until it closes
        self.dialog = dialog

        def accepted() -> None:
            copies = max(1, min(10, printer.copyCount()))
            settings = PrinterSettings.from_printer(printer)
            if settings.printer_name:
                self.call(services.remember_printer, settings.printer_name, copies, on_error=self._error)
            on_chosen(settings, copies)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(self._dialog_closed)
        QDialog.open(dialog)  # PySide6's QPrintDialog.open() wants a receiver; the plain one never blocks
        # Qt's own dialog on Linux hides the copies behind "Options >>": show them, they matter here
        more = next((b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "").startswith("Options")),
                    None)
        if more is not None:
            more.click()
        # every page is printed, in order: page ranges and reverse order would be silently ignored,
        # so they are neither offered nor shown ("Pages from 1 to 1" only confused)
        for name in ("printRange", "from", "to", "pagesRadioButton", "pagesLineEdit", "printCurrentPage",
                     "printSelection", "pageSetCombo", "reverse"):
            for w in dialog.findChildren(QWidget, name):
                w.setEnabled(False)
                w.hide()
        hidden = {w for name in ("from", "to", "pageSetCombo") for w in dialog.findChildren(QWidget, name)}
        for lb in dialog.findChildren(QLabel):
            if lb.buddy() in hidden or lb.text().replace("&", "").strip() in ("to", "Page Set:"):
                lb.hide()
            elif lb.buddy() is not None and lb.buddy().objectName() == "copies":
                lb.setText("&Sets of motion papers (court, DA, applicant):")  # the receipt prints once
        # Print is the main action here too: it looks like every other main button
        for b in dialog.findChildren(QPushButton):
            if b.text().replace("&", "") == "Print":
                b.setObjectName("primary")
                b.style().unpolish(b)
                b.style().polish(b)

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    # -- one applicant ----------------------------------------------------------------------------
    def print_papers(self, applicant_id: str, reference: str, docs: Sequence[Any]) -> None:
        """The documents step's Print: ask for the printer, then print packet copies + receipt."""
        if self.busy:
            return
        self.ask_printer(lambda settings, copies: self.start(
            [job_for(applicant_id, reference, docs, packet_copies=copies)], settings),
            title=f"Print {reference}: Copies = sets of motion papers (court, DA, applicant)")

    # -- every pending applicant ------------------------------------------------------------------
    def print_all_pending(self) -> None:
        """The dashboard's "Print all pending": every evaluated, unprinted applicant with a motion."""
        if self.busy:
            return
        self.call(papers.pending_print, on_done=self._got_pending, on_error=self._error)

    def _got_pending(self, rows: list[dict]) -> None:
        if not rows:
            self._finish(PrintSummary("", []))
            return
        self.ask_printer(lambda settings, copies: self.start_pending(rows, settings, copies),
                         title=f"Print all pending ({len(rows)} applicant{'s' if len(rows) != 1 else ''}): "
                               "copies = motion papers per applicant")

    def start_pending(self, rows: list[dict], settings: PrinterSettings, packet_copies: int) -> None:
        """Build each applicant's papers on the database thread, in order, and print each as soon
        as it is built (one progress bar over all of them)."""
        thread = self._start_thread(settings, len(rows))
        answered = [0]

        def answer() -> None:
            answered[0] += 1
            if answered[0] == len(rows):
                thread.close_queue()

        for row in rows:
            def built(result: Any, row: dict = row) -> None:
                applicant, docs = result
                thread.add(job_for(row["id"], row["reference"], docs, packet_copies=packet_copies))
                answer()

            def failed(exc: BaseException, row: dict = row) -> None:
                thread.add_failure(JobResult(row["id"], row["reference"], "failed",
                                             message="the papers could not be made: " + plain_message(exc).rstrip(".")))
                answer()

            self.call(papers.papers_for_applicant, row["id"], actor=self.actor(), on_done=built, on_error=failed)

    # -- running ----------------------------------------------------------------------------------
    def start(self, jobs: list[PrintJob], settings: PrinterSettings) -> PrintThread:
        """Print these jobs now (no dialog): the path tests and `print_papers` use."""
        thread = self._start_thread(settings, len(jobs))
        for job in jobs:
            thread.add(job)
        thread.close_queue()
        return thread

    def _start_thread(self, settings: PrinterSettings, count: int) -> PrintThread:
        thread = PrintThread(settings, self)
        thread.expected_jobs = count
        self.thread = thread
        self._settings = settings
        self._count = count
        self._results = None
        self._pending_records = 0
        self._unrecorded = []
        progress = QProgressDialog("Preparing the papers\u2026", "&Cancel", 0, count * 1000, self.parent_widget)
        progress.setWindowTitle("Printing")
        progress.setAccessibleName("Printing progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(thread.cancel)
        progress.setValue(0)
        progress.forceShow()
        self.progress = progress
        # bound methods of this GUI-thread object: Qt queues the print thread's signals to them
        thread.page_printed.connect(self._page_printed)
        thread.job_finished.connect(self._job_finished)
        thread.all_finished.connect(self._all_finished)
        thread.start()
        return thread

    @Slot(int, str, int, int)
    def _page_printed(self, index: int, reference: str, done: int, total: int) -> None:
        progress = self.progress
        if progress is None or not total:
            return
        who = f"applicant {index + 1} of {self._count} ({reference})" if self._count > 1 else reference
        progress.setLabelText(f"Printing {who}: page {done} of {total}")
        # last: a modal progress dialog processes events in setValue, which may finish the run
        progress.setValue(index * 1000 + done * 1000 // total)

    @Slot(object)
    def _job_finished(self, result: JobResult) -> None:
        if result.status != "printed":
            return

        self._pending_records += 1

        def done(_r: Any) -> None:
            self._pending_records -= 1
            self.recorded.emit(result.applicant_id)
            self._maybe_done()

        def failed(_exc: BaseException) -> None:
            self._pending_records -= 1
            self._unrecorded.append(result.reference)
            self._maybe_done()

        self.call(papers.record_printed, result.applicant_id, result.record, printer=self._settings.label,
                  actor=self.actor(), on_done=done, on_error=failed)

    @Slot(list)
    def _all_finished(self, results: list[JobResult]) -> None:
        self._results = results
        if self.thread is not None:
            self.thread.wait()
            self.thread.deleteLater()
        self.thread = None
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
        self.progress = None
        self._maybe_done()

    def _maybe_done(self) -> None:
        if self._results is None or self._pending_records:
            return
        summary = PrintSummary(self._settings.label, self._results, list(self._unrecorded))
        self._results = None
        self._finish(summary)

    def _finish(self, summary: PrintSummary) -> None:
        if self.on_summary is not None:
            self.on_summary(summary)
        self.finished.emit(summary)

    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel()

    def _error(self, exc: BaseException) -> None:
        self._finish(PrintSummary("", [], error=plain_message(exc)))

    # -- save as PDF --------------------------------------------------------------------------------
    def save_as_pdf(self, applicant_id: str, reference: str, docs: Sequence[Any], language: str = "",
                    on_saved: Callable[[list[Path]], None] | None = None) -> None:
        """Ask for a folder (a USB stick) and write the papers there; nothing is marked printed."""
        dialog = QFileDialog(self.parent_widget, "Save the papers as PDF in a folder or on a USB stick")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.folder_dialog = dialog

        def chosen(folder: str) -> None:
            self.folder_dialog = None
            if folder:
                self.save_to(folder, applicant_id, reference, docs, language, on_saved)

        dialog.fileSelected.connect(chosen)
        dialog.rejected.connect(lambda: setattr(self, "folder_dialog", None))
        dialog.open()

    def save_to(self, folder: str, applicant_id: str, reference: str, docs: Sequence[Any], language: str = "",
                on_saved: Callable[[list[Path]], None] | None = None) -> None:
        def saved(paths: list[Path]) -> None:
            if on_saved is not None:
                on_saved(paths)

        self.call(papers.save_papers, applicant_id, folder, reference, list(docs), language,
                  actor=self.actor(), on_done=saved, on_error=self._error)
