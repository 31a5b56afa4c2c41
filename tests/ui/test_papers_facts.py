"""The wizard's part in papers true to the record: the sentence and fines questions have no
default answer, the court-record name can be given, and the Papers step shows the date of signing
(asking when the laptop's date is outside the event), lists needed facts still missing and asks
once more before printing lines to fill in by hand."""

from __future__ import annotations

from datetime import date

from kiosk import services, store
from tests.ui.drive import Driver

KINGS = {"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
         "sentence": "Time served"}


def test_answers_start_unanswered_and_reach_the_record_and_papers(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.fill_identity(first="秀英", last="王")
    d.type("Name on court records (Latin letters)", "WANG, XIUYING")
    d.next()
    d.next()
    assert d.field("Sentence completed").currentText() == "Not answered yet"
    assert d.field("Fines owed").currentText() == "Not answered yet"
    d.fill_conviction(**KINGS, sentence_complete="Yes", fines_owed="Unknown")
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=15_000)
    db = services.open_kiosk(d.db_path)
    a = store.get_applicant(db, d.view.wizard.applicant_id)
    assert (a.record_name, a.convictions[0].sentence_complete, a.convictions[0].fines_owed) == \
        ("WANG, XIUYING", True, None)


def test_the_papers_step_asks_the_date_lists_missing_facts_and_confirms_blanks(signed_in: Driver):
    d = signed_in
    d.walk_to_result([{**KINGS, "docket": "", "docket_source": "Unknown", "county": "Kings (Brooklyn)"}])
    d.next()
    assert d.step() == "documents"
    facts = d.view.documents_page.facts
    d.qtbot.waitUntil(lambda: facts.isVisible() and bool(getattr(d.view, "papers", None)), timeout=20_000)
    # the demo event is Sept 21-22, 2018: today is outside it, so the date is asked, the event's day first
    assert date.today() > date(2018, 9, 22)
    assert facts.choice.isVisible() and facts.choice.itemText(0) == "September 21, 2018"
    assert facts.signed_on == date(2018, 9, 21)
    assert "Docket number" in facts.missing.text() and "Court Part" in facts.missing.text()
    d.view._print_papers()
    assert "Needed facts are missing" in d.view.documents_page.status.text()
    before = d.view.papers
    facts.choice.setCurrentIndex(1)  # September 22, 2018: the papers are made again with that date
    d.qtbot.waitUntil(lambda: d.view.papers is not before, timeout=20_000)
    assert facts.signed_on == date(2018, 9, 22)
    facts.confirm.setChecked(True)
    assert not facts.needs_confirmation()


def test_an_override_of_a_queens_conviction_is_refused_with_the_reason(signed_in: Driver):
    d = signed_in
    d.walk_to_result([{"docket": "2015QN022318", "offense": "PL 221.05", "conviction_date": "2015-06-01"}])
    d.click("Override the outcome\u2026")
    d.set("New outcome", "ELIGIBLE")
    d.set("Reason for override", "The DA's office at the table agreed to consent.")
    d.click("Apply override")
    d.idle()
    text = d.visible_text()
    assert "Override is refused: this conviction is from Queens County" in text
    assert "only the District Attorney of Queens County can consent" in text
    db = services.open_kiosk(d.db_path)
    dets = store.get_determinations(db, d.view.wizard.applicant_id)
    assert [x.override_outcome for x in dets.values()] == [""]
