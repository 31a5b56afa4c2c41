"""What to print and where: one applicant's papers as a print job (packet copies for the court,
the DA and the applicant, then the receipt), and the printer settings chosen in Qt's dialog."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.errors import KioskError

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
