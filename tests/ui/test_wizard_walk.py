"""Whole walks through the applicant wizard for each persona, driven by accessible names, and
"Next applicant" clearing the screen."""

from __future__ import annotations

import pytest

from kiosk import services
from kiosk.wizard import Step
from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS, QUEENS, SALE

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
