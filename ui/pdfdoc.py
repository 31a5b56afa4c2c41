"""QtPdf documents loaded from bytes in memory, shared by the preview and the printer.

The papers hold a name, a date of birth and case numbers, so they never go through a temp file:
the bytes sit in a QByteArray behind a QBuffer for as long as the QPdfDocument lives. pdfium is
not thread-safe, but QtPdf serialises every call into it with one global lock, so each thread
(the preview on the GUI thread, the print worker on its own) may use its own QPdfDocument made
from the same bytes."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QObject, QSizeF, QTimer
from PySide6.QtPdf import QPdfDocument

from kiosk.errors import KioskError

LOAD_TIMEOUT_MS = 10_000


class PdfLoadError(KioskError):
    """The PDF bytes could not be opened by QtPdf (corrupt or not a PDF)."""


class MemoryPdf(QObject):
    """A QPdfDocument over bytes held in memory; `close()` drops both the document and the bytes."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() == QPdfDocument.Status.Loading:
            loop = QEventLoop()
            self.document.statusChanged.connect(lambda _s: loop.quit())
            QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
            loop.exec()
        if self.document.status() != QPdfDocument.Status.Ready:
            problem = self.document.error().name
            self.close()
            raise PdfLoadError(f"the papers could not be opened for display or printing ({problem})")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def page_points(self, page: int) -> QSizeF:
        return self.document.pagePointSize(page)

    def close(self) -> None:
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self._bytes = QByteArray()
