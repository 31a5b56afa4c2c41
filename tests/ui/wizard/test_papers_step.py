"""The papers step at the table: print first (one main action over a summary the attorney
confirms), Done says what happened to each document, Finish without printing asks once, and the
dashboard keeps an unprinted applicant visible as "papers not printed"."""

from __future__ import annotations

from kiosk import papers, services
from tests.ui.drive import Driver
from tests.ui.print_dialog_support import print_through_the_dialog
from tests.ui.walk_support import KINGS, QUEENS
from ui.wizard.papers_step import PaperStatus, print_action_text

PRINT = "Print papers (3 copies) and receipt"
CONSENT = "Consent: I agree to share my information with the DA's office"


FILL_BY_HAND = "Print lines to fill in by hand for the missing facts"


def to_papers(d: Driver, convictions: list[dict]) -> None:
    d.walk_to_result(convictions)
    d.next()
    d.qtbot.waitUntil(lambda: d.view.documents_page.preview.page_count() > 0, timeout=60_000)
    d.idle()


def summary(d: Driver) -> dict[str, str]:
    page = d.view.documents_page
    return {name: value.text() for name, (key, value) in page.summary_rows.items() if value.isVisible()}



def back_to_the_dashboard_with_one_row(d: Driver):
    """From the done step: the dashboard's table once it lists the one applicant."""
    d.click("Back to the dashboard")
    d.wait_page("dashboard")
    table = d.field("Applicants")
    d.qtbot.waitUntil(lambda: table.rowCount() == 1)
    return table

def test_a_walk_from_welcome_to_done_prints_and_done_says_what_was_printed(signed_in: Driver, tmp_path):
    d = signed_in
    d.start_applicant()
    d.set("Language", "Español")
    d.set(CONSENT, True)
    d.next()
    d.fill_identity(first="Lucía", last="Fernández", dob="03/09/1984")
    d.next()
    d.next()
    d.fill_conviction(**KINGS)
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=15_000)
    d.next()
    d.qtbot.waitUntil(lambda: d.view.documents_page.preview.page_count() > 0, timeout=60_000)
    d.idle()
    # one main action, at the top, over the summary the attorney confirms
    assert d.field(PRINT).objectName() == "primary" and d.field(PRINT).hasFocus()
    packet_pages = d.view.documents_page.pages["packet"]
    shown = summary(d)
    assert shown["Motion papers"] == f"{packet_pages} pages \u00d7 3 copies (court, DA, applicant)"
    assert shown["Applicant's receipt"] == "1 page \u00d7 1 copy"
    assert shown["Total"].startswith(f"{packet_pages * 3 + 1} pages")
    # the demo event names no Part or return date: the attorney confirms printing them as lines
    assert "Court Part" in d.value("Needed facts missing")
    d.set(FILL_BY_HAND, True)
    d.click(PRINT)  # no printer used on this laptop yet: the print dialog asks which
    out = tmp_path / "printed.pdf"
    print_through_the_dialog(d, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert d.field("Papers status").text().startswith(f"Printed {d.view.wizard.reference} on PDF file")
    d.click("Finish")  # printed: no question asked
    d.idle()
    assert d.view.finish_prompt is None and d.step() == "done"
    assert d.value("Reference number") == f"Reference number: {d.view.wizard.reference}"
    assert d.value("Motion papers status") == "Motion papers: printed, 3 copies on PDF file"
    assert d.value("Applicant's receipt status") == "Applicant's receipt: printed, 1 copy on PDF file"
    table = back_to_the_dashboard_with_one_row(d)
    assert table.item(0, 5).text() == "Yes: papers \u00d73, receipt \u00d71"


def test_finish_without_printing_asks_once_and_done_and_the_dashboard_say_not_printed(signed_in: Driver):
    d = signed_in
    to_papers(d, [KINGS])
    d.click("Finish")
    prompt = d.view.finish_prompt
    assert prompt is not None and prompt.isVisible() and prompt.windowTitle() == "Finish without printing?"
    assert d.step() == "documents"
    prompt.back_button.click()  # "Go back and print": nothing happens, the print button has focus
    d.idle()
    assert d.step() == "documents" and d.view.finish_prompt is None
    d.click("Finish")
    d.view.finish_prompt.finish_button.click()
    d.idle()
    assert d.step() == "done"
    assert d.value("Motion papers status") == "Motion papers: not printed"
    assert d.value("Applicant's receipt status") == "Applicant's receipt: not printed"
    table = back_to_the_dashboard_with_one_row(d)
    assert table.item(0, 5).text() == "Papers not printed"
    db = services.open_kiosk(d.db_path)
    assert [r["reference"] for r in papers.pending_print(db)] == [table.item(0, 0).text()]
    db.close()


def test_saving_as_pdf_is_the_secondary_path_and_done_says_saved_not_printed(signed_in: Driver, tmp_path,
                                                                             monkeypatch):
    from ui import dialogs

    target = tmp_path / "receipt.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, title, suggested, callback, **kw: callback(
        str(target)))
    d = signed_in
    to_papers(d, [QUEENS])  # no motion: only the receipt
    assert d.has("Print the receipt") and not d.has("Save packet PDF\u2026")
    assert "Motion papers" not in summary(d)
    assert d.field("Save receipt PDF\u2026").objectName() != "primary"
    d.click("Save receipt PDF\u2026")
    d.idle()
    assert target.read_bytes().startswith(b"%PDF")
    d.finish()  # saved is not printed: Finish still asks
    assert d.value("Applicant's receipt status").startswith("Applicant's receipt: saved as PDF (")
    assert d.value("Applicant's receipt status").endswith("not printed")
    assert not d.has("Motion papers status")


def test_the_preview_is_not_inside_a_scrolling_page(signed_in: Driver):
    d = signed_in
    to_papers(d, [KINGS])
    page = d.view.documents_page
    assert page.scroll is None  # the step does not scroll: the preview has the rest of its height
    preview = page.preview.view

    def clear_of_the_buttons() -> bool:
        bottom = preview.mapTo(d.window, preview.rect().bottomLeft()).y()
        return bottom <= d.view.nav.mapTo(d.window, d.view.nav.rect().topLeft()).y()
    # once the layout has settled (the summary's texts arrive from the database thread and the
    # layout takes them in its own pass: on a busy machine the geometry was read before it)
    d.qtbot.waitUntil(clear_of_the_buttons, timeout=5_000)
    assert preview.height() >= 200


def test_with_a_printer_used_before_the_main_button_prints_there_without_a_dialog(signed_in: Driver,
                                                                                 monkeypatch):
    from PySide6.QtPrintSupport import QPrinterInfo

    db = services.open_kiosk(signed_in.db_path)
    services.remember_printer(db, "Front-Desk-Laser", 2)
    db.close()
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Front-Desk-Laser"]))
    d = signed_in
    to_papers(d, [KINGS])
    shown = summary(d)
    assert shown["Printer"] == "Front-Desk-Laser"
    assert shown["Motion papers"].endswith("\u00d7 2 copies")
    chosen = []
    monkeypatch.setattr(d.view, "print_to", lambda settings: chosen.append(settings))
    d.click("Print papers (2 copies) and receipt")
    assert [s.printer_name for s in chosen] == ["Front-Desk-Laser"]
    assert d.view.printing.dialog is None


def test_the_status_line_says_what_happened_to_each_document():
    status = PaperStatus(printed={"packet": 3, "receipt": 0}, saved={"receipt": "/media/usb"}, printer="Hall-A")
    assert status.any_printed()
    assert status.line("packet").endswith(": printed, 3 copies on Hall-A")
    assert status.line("receipt").endswith(": saved as PDF (/media/usb), not printed")
    assert not PaperStatus().any_printed() and PaperStatus().line("packet").endswith(": not printed")
    assert print_action_text(("packet", "receipt"), 1) == "Print papers (1 copy) and receipt"
    assert print_action_text(("receipt",), 3) == "Print the receipt"
