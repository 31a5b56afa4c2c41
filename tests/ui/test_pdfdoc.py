"""ui.pdfdoc: PDF bytes opened by QtPdf from memory; a corrupt file is a plain error."""

from __future__ import annotations

import pytest

from ui.preview import PaperPreview


def test_a_corrupt_document_is_a_plain_error(qtbot):
    from kiosk.papers import BuiltDocument
    from ui.pdfdoc import PdfLoadError

    w = PaperPreview()
    qtbot.addWidget(w)
    with pytest.raises(PdfLoadError, match="could not be opened"):
        w.set_documents([BuiltDocument("packet", b"%PDF-1.4 not really", 1, "0" * 64)])
