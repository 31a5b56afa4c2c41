"""Printing the papers on site: Qt's print dialog, a worker thread that rasterises each page onto
the QPrinter, progress with cancel, "Print all pending", and "Save as PDF" as the fallback.

Why rasterise: QtPdf can only render pages to images, so each page is drawn as a greyscale image
at no more than 300 dpi (sharp for 12-point text, small enough to spool fast), losslessly (JPEG
blurs text). Under each image the page's text is laid as a hidden text layer at the positions
QtPdf reports, so the spooled file stays searchable and a test can read back what came out.

The court copy, the DA copy and the applicant copy are copies of the motion packet, followed by
one receipt: all of one applicant's pages are one print job, in order, so another laptop's job
on a shared printer cannot land between them. Each page is rendered once and drawn for every
copy; Qt's PDF engine then stores the image once, which keeps the spool small.

Nothing is marked printed until the printer has accepted the whole job: a printer error or a
cancel leaves the applicant unprinted (kiosk.papers.record_printed runs only after success).
Print job titles carry the reference number only, never a name (CUPS shows titles to anyone on
the network and keeps them in its page log).

Where the pages pass on their way: Qt's CUPS engine writes the job to a temp file (TMPDIR), hands
it to cupsd and deletes it; cupsd keeps its copy in its spool until the job is printed. Those are
the printing system's and last as long as the job. A cancelled or failed job to a PDF file has its
partial file removed."""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QProgressDialog, QPushButton, QWidget

from kiosk.errors import KioskError

from .pdfdoc import MemoryPdf

log = logging.getLogger("kiosk.ui")

MAX_DPI = 300
PACKET_COPY_NAMES = ("court", "DA", "applicant")
KIND_NAMES = {"packet": "motion papers", "receipt": "receipt"}
# Keep rendered pages for reuse across copies only up to this much memory (greyscale bytes).
PAGE_CACHE_BYTES = 256 * 1024 * 1024
PDF_FILE_LABEL = "PDF file"


class PrintError(KioskError):
    """The printer refused or failed the job; the message says what to do in plain words."""


class PrintCancelled(Exception):
    """The user pressed Cancel; the job was aborted before it reached the printer."""


# --- what to print ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PrintDocument:
    kind: str
    data: bytes
    sha256: str
    pages: int
    copies: int


@dataclass(frozen=True)
class PrintJob:
    """One applicant's papers, printed as one job: the packet `copies` times, then the receipt."""

    applicant_id: str
    reference: str
    documents: tuple[PrintDocument, ...]

    @property
    def total_pages(self) -> int:
        return sum(d.pages * d.copies for d in self.documents)

    @property
    def record(self) -> list[dict]:
        return [{"kind": d.kind, "sha256": d.sha256, "pages": d.pages, "copies": d.copies}
                for d in self.documents]

    @property
    def title(self) -> str:
        return f"{self.reference} papers"


def job_for(applicant_id: str, reference: str, docs: Sequence[Any], *, packet_copies: int = 3) -> PrintJob:
    """A job from BuiltDocuments: the packet `packet_copies` times (court, DA, applicant), the
    receipt once (it is the applicant's), in that order."""
    order = {"packet": 0, "receipt": 1}
    items = sorted(docs, key=lambda d: order.get(d.kind, 2))
    return PrintJob(applicant_id, reference, tuple(
        PrintDocument(d.kind, bytes(d.data), d.sha256, d.pages, packet_copies if d.kind == "packet" else 1)
        for d in items))


def describe(job: PrintJob) -> str:
    """ "motion papers (3 copies: court, DA, applicant) and the receipt" """
    parts = []
    for d in job.documents:
        name = KIND_NAMES.get(d.kind, d.kind)
        if d.kind == "packet" and d.copies > 1:
            named = ", ".join(PACKET_COPY_NAMES[: d.copies]) if d.copies <= len(PACKET_COPY_NAMES) else ""
            name += f" ({d.copies} copies{': ' + named if named else ''})"
        elif d.copies > 1:
            name += f" ({d.copies} copies)"
        parts.append(name if d.kind == "packet" else f"the {name}")
    return " and ".join(parts)


# --- where to print ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PrinterSettings:
    """The printer chosen in the dialog, as plain values a worker thread can use.

    `output_file` selects Qt's PDF output format instead of a printer (Qt's "Print to File",
    and the tests): one job writes that file; several jobs write `<stem>-<reference>.pdf`."""

    printer_name: str = ""
    output_file: str = ""
    duplex: QPrinter.DuplexMode = QPrinter.DuplexMode.DuplexNone
    max_dpi: int = MAX_DPI

    @classmethod
    def from_printer(cls, printer: QPrinter) -> PrinterSettings:
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return cls(output_file=printer.outputFileName(), duplex=printer.duplex())
        return cls(printer_name=printer.printerName(), duplex=printer.duplex())

    @property
    def label(self) -> str:
        return PDF_FILE_LABEL if self.output_file else self.printer_name

    def output_for(self, job: PrintJob, jobs: int) -> str:
        if not self.output_file or jobs <= 1:
            return self.output_file
        p = Path(self.output_file)
        return str(p.with_name(f"{p.stem}-{re.sub(r'[^A-Za-z0-9_-]', '_', job.reference)}{p.suffix or '.pdf'}"))

    def make_printer(self, job: PrintJob, jobs: int = 1) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.output_file:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self.output_for(job, jobs))
        else:
            printer.setPrinterName(self.printer_name)
        printer.setDocName(job.title)
        printer.setCreator("Begin Again Kiosk")
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
        printer.setCopyCount(1)  # copies are laid out in the job itself (court, DA, applicant)
        printer.setDuplex(self.duplex)
        return printer


def check_printer(settings: PrinterSettings) -> None:
    """Refuse early, in plain words, when the chosen printer is gone or reports a fault."""
    if settings.output_file:
        folder = Path(settings.output_file).parent
        if not folder.is_dir():
            raise PrintError("the PDF file cannot be written there: that folder does not exist")
        return
    name = settings.printer_name
    if not name:
        raise PrintError("no printer is chosen; pick a printer, or use Save as PDF")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise PrintError(f"the printer \u201c{name}\u201d is not available; check that it is switched on "
                         "and connected, pick another printer, or use Save as PDF")
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintError(f"the printer \u201c{name}\u201d reports a problem (offline, out of paper or "
                         "jammed?); fix it and print again, or use Save as PDF")


# --- rendering (runs on the print thread) --------------------------------------------------------

def render_page(pdf: MemoryPdf, page: int, dpi: int) -> QImage:
    """One page as a greyscale image on white, `dpi` dots per inch (pdfium leaves the page
    transparent, which would print black once flattened)."""
    points = pdf.page_points(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    raw = pdf.document.render(page, size, options)
    flat = QImage(size, QImage.Format.Format_Grayscale8)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, raw)
    painter.end()
    return flat


_BREAKS = re.compile("[\r\n\ufffe]")


def text_lines(document: QPdfDocument, page: int) -> list[tuple[QRectF, str]]:
    """The page's text, line by line, with each line's box in points (for the hidden text layer)."""
    text = document.getAllText(page).text()
    out = []
    start = 0
    for piece in _BREAKS.split(text):
        if piece.strip():
            box = document.getSelectionAtIndex(page, start, len(piece)).boundingRectangle()
            if box.height() < 1:  # a line of underscores (a blank to fill in) has no height
                box = QRectF(box.left(), box.top() - 9, box.width(), 10)
            if box.width() > 0:
                out.append((box, piece.strip()))
        start += len(piece) + 1
    return out


def draw_text_layer(painter: QPainter, lines: list[tuple[QRectF, str]], scale: float, origin: QPointF) -> None:
    """Lay each line's text into its box (scaled to the box's width), before the page image is
    drawn over it: invisible on paper, but the spooled PDF keeps the words."""
    font = QFont("Liberation Serif")
    font.setFeature(QFont.Tag("liga"), 0)  # the layer keeps words searchable: "affirmation", never "aﬃrmation"
    painter.save()
    painter.setPen(QColor(0, 0, 0))
    for box, words in lines:
        height = box.height() * scale
        font.setPixelSize(max(1, round(height * 0.8)))
        painter.setFont(font)
        width = QFontMetricsF(font).horizontalAdvance(words)
        if width <= 0:
            continue
        painter.save()
        painter.translate(origin.x() + box.left() * scale, origin.y() + box.top() * scale + height * 0.8)
        painter.scale(box.width() * scale / width, 1.0)
        painter.drawText(QPointF(0, 0), words)
        painter.restore()
    painter.restore()


def print_job(job: PrintJob, settings: PrinterSettings, *, jobs: int = 1,
              cancelled: Callable[[], bool] = lambda: False,
              progress: Callable[[int, int], None] = lambda done, total: None) -> None:
    """Spool one job (call on any thread; it creates its own QPrinter and QPdfDocuments).
    Raises PrintError or PrintCancelled; returns when the printer has the whole job."""
    check_printer(settings)
    printer = settings.make_printer(job, jobs)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer could not start the print job; check the printer, pick another "
                         "one, or use Save as PDF")
    finished = False
    try:
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        dpi = max(72, min(printer.resolution(), settings.max_dpi))
        total, done, first = job.total_pages, 0, True
        progress(0, total)
        for doc in job.documents:
            pdf = MemoryPdf(doc.data)
            try:
                keep = doc.copies > 1 and pdf.page_count * 2550 * 3300 <= PAGE_CACHE_BYTES
                cache: dict[int, tuple[QImage, list[tuple[QRectF, str]]]] = {}
                for _copy in range(doc.copies):
                    for page in range(pdf.page_count):
                        if cancelled():
                            raise PrintCancelled()
                        if page in cache:
                            image, lines = cache[page]
                        else:
                            image, lines = render_page(pdf, page, dpi), text_lines(pdf.document, page)
                            if keep:
                                cache[page] = (image, lines)
                        if not first and not printer.newPage():
                            raise PrintError("the printer stopped in the middle of the job; nothing was marked "
                                             "printed, print again")
                        first = False
                        points = pdf.page_points(page)
                        scale = min(paper.width() / points.width(), paper.height() / points.height())
                        target = QRectF(0, 0, points.width() * scale, points.height() * scale)
                        target.moveCenter(QRectF(paper).center() - QPointF(paper.left(), paper.top()))
                        draw_text_layer(painter, lines, scale, target.topLeft())
                        painter.drawImage(target, image)
                        done += 1
                        progress(done, total)
            finally:
                pdf.close()
        finished = True
    finally:
        if not finished:
            printer.abort()  # nothing reaches the printer; Qt drops its spool file
            painter.end()
            if settings.output_file:  # Qt's PDF output leaves the pages drawn so far: they hold a name
                Path(settings.output_for(job, jobs)).unlink(missing_ok=True)
    if not painter.end():
        raise PrintError("the printer did not accept the job; nothing was marked printed")
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintError("the printer reported an error; nothing was marked printed, check the printer "
                         "and print again, or use Save as PDF")


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
        from kiosk import services

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
                from kiosk import services

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
        from kiosk import papers

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
        from kiosk import papers

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
                from .errors import plain_message

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
        from kiosk import papers

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
        from .errors import plain_message

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
        from kiosk import papers

        def saved(paths: list[Path]) -> None:
            if on_saved is not None:
                on_saved(paths)

        self.call(papers.save_papers, applicant_id, folder, reference, list(docs), language,
                  actor=self.actor(), on_done=saved, on_error=self._error)
