"""ui.pdfdoc: PDF bytes opened by QtPdf from memory (never a temp file), dropped on close; a corrupt
file is a plain error."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from ui.pdfdoc import MemoryPdf
from ui.preview import PaperPreview


def test_a_corrupt_document_is_a_plain_error(qtbot):
    from kiosk.papers import BuiltDocument
    from ui.pdfdoc import PdfLoadError

    w = PaperPreview()
    qtbot.addWidget(w)
    with pytest.raises(PdfLoadError, match="could not be opened"):
        w.set_documents([BuiltDocument("packet", b"%PDF-1.4 not really", 1, "0" * 64)])


def test_pdf_bytes_open_from_memory_with_their_pages_and_close_forgets_them(qapp):
    p = FPDF(format="letter")
    for _ in range(2):
        p.add_page()
    pdf = MemoryPdf(bytes(p.output()))
    assert pdf.page_count == 2
    size = pdf.page_points(1)
    assert (round(size.width()), round(size.height())) == (612, 792)
    pdf.close()
    assert pdf.page_count == 0
