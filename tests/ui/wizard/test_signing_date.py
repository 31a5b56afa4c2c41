"""ui.wizard.signing_date: the Papers step shows the date of signing (asked when the laptop's date
is outside the event), lists needed facts still missing and asks once more before blanks."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS
from ui.wizard.signing_date import PapersFacts


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


def test_on_an_event_day_the_date_is_stated_and_with_nothing_missing_no_confirmation_is_asked(qtbot):
    facts = PapersFacts()
    qtbot.addWidget(facts)
    facts.show()
    day = date(2018, 9, 21)
    facts.show_facts({"signing": SimpleNamespace(default=day, choices=[day], ask=False), "missing": []})
    assert facts.signed_on == day and facts.choice.isHidden()
    assert facts.date_line.text() == "Date of signing printed on the papers: September 21, 2018"
    assert not facts.needs_confirmation()
    blank = SimpleNamespace(label="Court Part", why="printed on the notice of motion")
    facts.show_facts({"signing": SimpleNamespace(default=day, choices=[day], ask=False), "missing": [blank]})
    assert facts.missing.text() == "Needed facts missing: Court Part." and facts.needs_confirmation()
    facts.confirm.setChecked(True)
    assert not facts.needs_confirmation()
    facts.show_facts(None)
    assert facts.isHidden()
