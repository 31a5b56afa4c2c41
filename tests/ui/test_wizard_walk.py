"""Whole walks through the applicant wizard for the personas of issue 4, driven by accessible
names, plus Back/Forward, inline validation, Enter for Next and "Next applicant"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk import services
from kiosk.wizard import Step
from tests.ui.drive import Driver

KINGS = {"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
         "sentence": "Time served"}
QUEENS = {"docket": "2015QN022318", "offense": "PL 221.05", "conviction_date": "2015-06-01"}
SALE = {"docket": "2014KN001234", "offense": "PL 221.40", "conviction_date": "2014-02-03",
        "other_counts_dismissed": True}
NO_PAPERS = {"docket_source": "Unknown", "county": "Kings (Brooklyn)", "offense": "PL 221.05",
             "conviction_date": "2012-06-01"}

PERSONAS = {
    "one eligible conviction": ([KINGS], ["ELIGIBLE"], ("packet", "receipt")),
    "three convictions, mixed outcomes": ([KINGS, QUEENS, SALE], ["ELIGIBLE", "NOT ELIGIBLE", "NEEDS REVIEW"],
                                          ("packet", "receipt")),
    "a Queens conviction": ([QUEENS], ["NOT ELIGIBLE"], ("receipt",)),
    "no papers": ([NO_PAPERS], ["ELIGIBLE"], ("receipt", "packet")),
}


def outcome_words(d: Driver) -> list[str]:
    return [card.word.text() for card in d.view.result_page.cards]


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_a_full_walk_saves_evaluates_and_offers_the_right_papers(signed_in: Driver, persona):
    d = signed_in
    convictions, words, papers = PERSONAS[persona]
    d.walk_to_result(convictions, screening=("Immigration concern",))
    assert d.step() == "result"
    assert outcome_words(d) == words
    reference = d.view.wizard.reference
    assert reference.startswith("BA-") and d.value("Applicant reference") == f"Reference {reference}"
    if persona == "a Queens conviction":
        assert "K18-08" in d.visible_text()  # only the Queens DA can consent: the referral is shown
    else:  # the immigration answer reached the engine: its advisory is shown
        assert "K18-14" in d.visible_text()
    d.set("Attorney note", "Applicant brought a rap sheet.")
    d.next()
    assert d.step() == "documents"
    shown = {k for k, (box, _) in d.view.documents_page.rows.items() if box.isVisible()}
    assert shown == set(papers)
    assert d.has("Save receipt PDF…") and d.has("Save packet PDF…") == ("packet" in papers)
    d.finish()
    assert d.step() == "done"
    assert d.value("Reference number") == f"Reference number: {reference}"
    # the record is complete in the database, and the wizard no longer counts as open
    db = services.open_kiosk(d.db_path)
    rows = services.dashboard_rows(db)
    assert [(r.reference, r.status, r.step) for r in rows] == [(reference, "evaluated", "done")]
    assert services.unfinished_applicant(db) is None
    info = services.resume_applicant(db, rows[0].id)
    assert info.note == "Applicant brought a rap sheet."
    assert info.applicant.immigration_concern is True
    assert len(info.applicant.convictions) == len(convictions)
    db.close()


def test_back_and_forward_keep_every_value(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.fill_identity(aliases="Mary Nguyen\nMaría R.")
    d.type("Phone", "347-555-0100")
    d.next()
    d.set("Open case or warrant", True)
    d.next()
    d.fill_conviction(docket="2016KN074376", offense="PL 221.10(1)")
    d.click("Back")
    d.idle()
    assert d.step() == "screening" and d.value("Open case or warrant") is True
    d.click("Back")
    d.idle()
    assert d.step() == "identity"
    assert (d.value("First name"), d.value("Last name"), d.value("Date of birth")) == (
        "Maria", "Nguyễn-Rodríguez", "1985-03-14")
    assert d.value("Aliases") == "Mary Nguyen\nMaría R." and d.value("Phone") == "347-555-0100"
    d.click("Back")
    d.idle()
    assert d.step() == "language_consent"
    assert d.value("Consent: I agree to share my information with the DA's office") is True
    assert not d.enabled("Back")
    d.next()
    d.next()
    d.next()
    assert d.step() == "convictions"
    assert d.value("Docket number") == "2016KN074376"
    assert d.value("Offense").startswith("PL 221.10(1)")
    assert d.value("County") == "Kings (Brooklyn)"


def test_validation_blocks_next_with_a_visible_message_attached_to_the_field(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    assert not d.enabled("Next")
    assert "agrees to share" in d.field("What is missing").text()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.type("Last name", "Doe")
    d.type("Date of birth", "1985-02-30")
    assert not d.enabled("Next")
    message = "Date of birth is not a real calendar date."
    assert d.error_of("Date of birth") == message  # shown as the field was left
    assert d.field("Date of birth").accessibleDescription() == message
    assert message in d.field("What is missing").text()
    d.type("Date of birth", "1985-02-03")
    assert d.error_of("Date of birth") == "" and d.enabled("Next")
    assert d.field("Date of birth").accessibleDescription() == "MM/DD/YYYY or YYYY-MM-DD."


def test_dates_typed_month_first_are_accepted_and_shown_back_as_stored(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.type("Last name", "Doe")
    assert "MM/DD/YYYY" in d.field("Date of birth").placeholderText()  # the field says what it takes
    d.type("Date of birth", "3/14/1985")
    assert d.value("Date of birth") == "1985-03-14" and d.error_of("Date of birth") == ""
    assert d.view.wizard.get("date_of_birth") == "1985-03-14"
    d.type("Date of birth", "14/03/1985")  # day first is refused, never read as March 14
    assert "month first" in d.error_of("Date of birth")
    assert d.value("Date of birth") == "14/03/1985" and not d.enabled("Next")
    d.type("Date of birth", "03/14/1985")
    d.next()
    d.next()
    d.fill_conviction(offense="PL 221.10(1)", conviction_date="05/02/2016")
    assert d.value("Conviction date") == "2016-05-02"
    assert d.view.wizard.draft["convictions"][0]["conviction_date"] == "2016-05-02"
    assert d.enabled("Next")


def test_pressing_enter_on_an_incomplete_step_shows_every_problem_and_focuses_the_first(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.set("First name", "J4ne")  # typed, never left: no message yet
    assert d.error_of("First name") == ""
    d.qtbot.keyClick(d.field("First name"), Qt.Key.Key_Return)
    assert d.step() == "identity"
    assert d.error_of("First name").startswith("First name may contain only letters")
    assert d.error_of("Last name") == "Last name is required."
    assert d.field("First name").hasFocus()


def test_enter_moves_to_the_next_step_when_the_step_is_complete(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.qtbot.keyClick(d.field("Language"), Qt.Key.Key_Return)
    d.idle()
    assert d.step() == "identity"
    d.type("Last name", "Doe")
    d.field("Last name").setFocus()
    d.qtbot.keyClick(d.field("Last name"), Qt.Key.Key_Enter)
    d.idle()
    assert d.step() == "screening"


def test_a_conviction_form_can_be_added_edited_and_removed(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.type("Last name", "Doe")
    d.next()
    d.next()
    d.fill_conviction(**KINGS)
    d.click("Add another conviction")
    assert d.value("Docket number") == "" and d.field("Convictions").count() == 2
    d.fill_conviction(docket="2015QN022318")
    assert d.value("County") == "Queens"  # the docket names its county
    d.fill_conviction(offense="PL 221.05", conviction_date="2099-01-01")
    assert d.error_of("Conviction date") == "Conviction date is in the future."
    assert "Conviction 2: Conviction date is in the future." in d.field("What is missing").text()
    d.field("Convictions").setCurrentRow(0)
    assert d.value("Docket number") == "2016KN074376"
    d.field("Convictions").setCurrentRow(1)
    d.click("Remove conviction")
    assert d.field("Convictions").count() == 1 and d.value("Docket number") == "2016KN074376"
    assert d.enabled("Next")
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes == ["ELIGIBLE"])


def test_next_applicant_clears_every_field_from_the_screen(signed_in: Driver):
    d = signed_in
    d.walk_to_result([KINGS], first="Zbigniew", last="Quattlebaum")
    d.next()
    d.finish()
    assert d.view.pages[Step.IDENTITY].fields["last_name"].value() == "Quattlebaum"
    old_view = d.view
    d.click("Next applicant")
    d.idle()
    assert d.page() == "wizard" and d.view is not old_view and d.step() == "language_consent"
    d.qtbot.waitUntil(lambda: not old_view.isVisible())
    text = d.visible_text(include_hidden=True)
    assert "Quattlebaum" not in text and "Zbigniew" not in text and "2016KN074376" not in text
    assert d.view.wizard.draft["last_name"] == "" and d.view.wizard.applicant_id == ""
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    assert d.value("Last name") == "" and d.value("First name") == ""


def test_save_and_close_keeps_the_draft_for_resume_from_the_dashboard(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.fill_identity(first="Ana", last="Ortiz")
    d.next()
    d.set("Sex offense conviction", True)  # typed on the current step, then closed
    d.click("Save and close")
    d.wait_page("dashboard")
    table = d.field("Applicants")
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (1, 2, 4)] == ["Ana Ortiz", "Draft", "A few questions"]
    table.selectRow(0)
    d.click("Resume")
    d.wait_page("wizard")
    assert d.step() == "screening" and d.value("Sex offense conviction") is True
    d.click("Back")
    d.idle()
    assert (d.value("First name"), d.value("Last name")) == ("Ana", "Ortiz")


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
