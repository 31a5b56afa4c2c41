"""The papers on screen before they are printed: QtPdf's view over the PDF bytes in memory.

All pages scroll in one view, fitted to the width by default, with zoom in and out and a
"Page x of y" line that follows the scroll. One document at a time (the motion papers or the
receipt), picked from a list that says what each is and how many pages it has.

No temp file: each document is a MemoryPdf (a QBuffer over the bytes). `clear()` drops every
document, so nothing of the applicant stays in memory behind a hidden page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .forms import Mnemonics, button, label
from .pdfdoc import MemoryPdf

KIND_TITLES = {"packet": "Motion papers", "receipt": "Receipt"}
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0


class PaperPreview(QWidget):
    """Shows BuiltDocument-like objects (`kind`, `data`, `pages`); asks the window to print or save."""

    print_requested = Signal()
    save_requested = Signal()
    page_changed = Signal(int, int)  # current page (from 1), page count

    def __init__(self, parent: QWidget | None = None, *, mnemonics: Mnemonics | None = None,
                 actions: bool = True) -> None:
        """`actions=False` leaves out Print and Save (the papers step has its own, above)."""
        super().__init__(parent)
        self.setAccessibleName("Preview of the papers")
        m = mnemonics or Mnemonics()
        self._docs: list[Any] = []
        self._pdf: MemoryPdf | None = None
        # shown when there is nothing to show (QPdfView warns when given no document at all)
        self._empty = QPdfDocument(self)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.chooser = QComboBox()
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser_label = QLabel(m.mark("Document"))
        self.chooser_label.setBuddy(self.chooser)
        self.chooser.setAccessibleName("Document")
        self.zoom_out_button = button("Zoom out", mnemonics=m)
        self.zoom_in_button = button("Zoom in", mnemonics=m)
        self.fit_button = button("Fit width", mnemonics=m)
        self.page_label = label("", wrap=False)
        self.page_label.setAccessibleName("Page")
        self.print_button = button("Print\u2026", primary=True, mnemonics=m if actions else None)
        self.save_button = button("Save as PDF\u2026", mnemonics=m if actions else None)
        for w in (self.chooser_label, self.chooser, self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        if actions:
            bar.addWidget(self.save_button)
            bar.addWidget(self.print_button)
        else:
            self.save_button.setParent(self)
            self.print_button.setParent(self)
            self.save_button.hide()
            self.print_button.hide()

        self.view = QPdfView(self)
        self.view.setAccessibleName("Papers")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setMinimumHeight(200)  # the Papers step must fit a 1366x768 laptop with the preview in it
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self.view.setDocument(self._empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.chooser.currentIndexChanged.connect(self._show_index)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_width)
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)
        self._set_enabled(False)

    # -- documents --------------------------------------------------------------------------------
    def set_documents(self, docs: Sequence[Any], *, show: str = "") -> None:
        """Show these documents (packet first); `show` picks which one is displayed first."""
        self.clear()
        order = {"packet": 0, "receipt": 1}
        self._docs = sorted(docs, key=lambda d: order.get(d.kind, 2))
        self.chooser.blockSignals(True)
        for d in self._docs:
            pages = f"{d.pages} page{'s' if d.pages != 1 else ''}"
            self.chooser.addItem(f"{KIND_TITLES.get(d.kind, d.kind)} ({pages})", d.kind)
        self.chooser.blockSignals(False)
        if self._docs:
            index = max(0, self.chooser.findData(show)) if show else 0
            self.chooser.setCurrentIndex(index)
            self._show_index(index)
        self._set_enabled(bool(self._docs))

    def documents(self) -> list[Any]:
        return list(self._docs)

    def show_kind(self, kind: str) -> None:
        index = self.chooser.findData(kind)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def current_kind(self) -> str:
        return self.chooser.currentData() or ""

    def clear(self) -> None:
        """Forget every document (the bytes too): on lock, on the next applicant."""
        self.view.setDocument(self._empty)
        if self._pdf is not None:
            self._pdf.close()
            self._pdf.deleteLater()
        self._pdf = None
        self._docs = []
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.blockSignals(False)
        self.page_label.setText("")
        self._set_enabled(False)

    def _show_index(self, index: int) -> None:
        if not 0 <= index < len(self._docs):
            return
        self.view.setDocument(self._empty)
        if self._pdf is not None:
            self._pdf.close()
            self._pdf.deleteLater()
        self._pdf = MemoryPdf(self._docs[index].data, self)
        self.view.setDocument(self._pdf.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._update_page_label()

    # -- pages and zoom -----------------------------------------------------------------------------
    def page_count(self) -> int:
        return self._pdf.page_count if self._pdf is not None else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() + 1 if self._pdf is not None else 0

    def go_to_page(self, page: int) -> None:
        """Scroll to a page (from 1)."""
        if self._pdf is not None and 1 <= page <= self.page_count():
            self.view.pageNavigator().jump(page - 1, QPointF(), self.view.zoomFactor())

    def _update_page_label(self, *_: Any) -> None:
        count = self.page_count()
        text = f"Page {self.current_page()} of {count}" if count else ""
        self.page_label.setText(text)
        self.page_label.setAccessibleDescription(text)
        self.page_changed.emit(self.current_page(), count)

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        current = self.effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def effective_zoom(self) -> float:
        """The zoom in use: in fit-to-width, the factor that fits the first page to the view."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self._pdf is None:
            return self.view.zoomFactor()
        points = self._pdf.page_points(0)
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        dpi = self.view.logicalDpiX() / 72.0
        return max(MIN_ZOOM, usable / (points.width() * dpi)) if points.width() else 1.0

    def _set_enabled(self, on: bool) -> None:
        for w in (self.chooser, self.zoom_in_button, self.zoom_out_button, self.fit_button, self.print_button,
                  self.save_button):
            w.setEnabled(on)

