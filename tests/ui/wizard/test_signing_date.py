"""ui.wizard.signing_date: the Papers step shows the date of signing (asked when the laptop's date
is outside the event), lists needed facts still missing and asks once more before blanks."""

from __future__ import annotations

from datetime import date

from tests.ui.drive import Driver
from tests.ui.test_wizard_walk import KINGS


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
