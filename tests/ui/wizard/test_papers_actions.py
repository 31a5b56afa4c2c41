"""ui.wizard.papers_actions: saving the packet as a PDF where the attorney chooses, asked once more
when needed facts are missing."""

from __future__ import annotations

from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS


def test_the_papers_step_saves_the_packet_pdf_where_the_attorney_chooses(signed_in: Driver, tmp_path,
                                                                        monkeypatch):
    from ui import dialogs

    target = tmp_path / "usb" / "packet.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, title, suggested, callback, **kw: callback(
        str(target)))
    d = signed_in
    d.walk_to_result([KINGS])
    d.next()
    facts = d.view.documents_page.facts
    d.qtbot.waitUntil(facts.isVisible, timeout=15_000)
    d.click("Save packet PDF…")  # the demo event has no Part or return date: asked once more first
    d.idle()
    assert not target.exists() and "Needed facts are missing" in d.field("Papers status").text()
    d.set("Print lines to fill in by hand for the missing facts", True)
    d.click("Save packet PDF…")
    d.idle()
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert "Motion papers saved (" in d.field("Papers status").text()
