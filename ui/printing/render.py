"""Drawing a print job onto the QPrinter (runs on the print thread): each page rasterised once in
greyscale at no more than 300 dpi, with its text laid underneath as a hidden, searchable layer."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from ..pdfdoc import MemoryPdf
from .jobs import PAGE_CACHE_BYTES, PrintCancelled, PrintError, PrinterSettings, PrintJob, check_printer

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
