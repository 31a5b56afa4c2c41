"""The preview shows the built papers from memory: every page, page x of y, zoom, no temp files."""

from __future__ import annotations

import os

import pytest
from PySide6.QtPdfWidgets import QPdfView

from ui.preview import PaperPreview

from .papers_support import add_applicant, build, new_db


@pytest.fixture(scope="module")
def docs():
    db = new_db()
    _applicant, built = build(db, add_applicant(db))
    return built


@pytest.fixture
def preview(qtbot, docs, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # Qt's temp folder: must stay empty
    w = PaperPreview()
    qtbot.addWidget(w)
    w.resize(900, 700)
    w.show()
    qtbot.waitExposed(w)
    w.set_documents(docs)
    return w


def test_shows_every_page_of_the_packet_first(preview, docs):
    packet = next(d for d in docs if d.kind == "packet")
    assert packet.pages >= 4  # notice, affirmation, consent, order
    assert preview.current_kind() == "packet"
    assert preview.page_count() == packet.pages
    assert preview.view.document().pageCount() == packet.pages
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.page_label.text() == f"Page 1 of {packet.pages}"
    assert [preview.chooser.itemData(i) for i in range(preview.chooser.count())] == ["packet", "receipt"]
    assert f"{packet.pages} pages" in preview.chooser.itemText(0)


def test_page_label_follows_navigation_and_document_choice(preview, docs, qtbot):
    packet = next(d for d in docs if d.kind == "packet")
    preview.go_to_page(3)
    qtbot.waitUntil(lambda: preview.page_label.text() == f"Page 3 of {packet.pages}")
    preview.show_kind("receipt")
    receipt = next(d for d in docs if d.kind == "receipt")
    assert preview.page_count() == receipt.pages
    assert preview.page_label.text() == f"Page 1 of {receipt.pages}"


def test_zoom_in_out_and_back_to_fit_width(preview):
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fitted = preview.effective_zoom()
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25, rel=1e-3)
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(fitted / 1.25, rel=1e-3)
    preview.fit_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_loads_from_memory_and_clear_forgets_everything(preview, tmp_path):
    assert os.listdir(tmp_path) == []  # no temp file holding the papers
    assert preview.print_button.isEnabled()
    preview.clear()
    assert preview.view.document().pageCount() == 0
    assert preview.page_count() == 0
    assert preview.chooser.count() == 0
    assert preview.page_label.text() == ""
    assert not preview.print_button.isEnabled()


def test_buttons_ask_the_window_to_print_or_save(preview, qtbot):
    with qtbot.waitSignal(preview.print_requested, timeout=1000):
        preview.print_button.click()
    with qtbot.waitSignal(preview.save_requested, timeout=1000):
        preview.save_button.click()
