"""The day's dashboard: statuses in words, search by name, alias, reference or docket, and
Resume from a selected row."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from kiosk import services
from kiosk.wizard import Wizard
from tests.ui.drive import PIN, Driver


@pytest.fixture()
def busy_day(open_window, template_db, tmp_path) -> tuple[Driver, dict[str, str]]:
    """Three applicants saved through the services, as three attorneys' wizards would have."""
    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    db = services.open_kiosk(target)
    refs = {}
    for first, last, alias, conv in (
        ("Maria", "Nguyễn", "Mary Wynn", {"docket": "2016KN074376", "offense": "PL 221.10(1)",
                                          "conviction_date": "2016-05-02"}),
        ("Tomás", "Ortiz", "", {"docket": "2015QN022318", "offense": "PL 221.05", "conviction_date": "2015-06-01"}),
    ):
        w = Wizard.start()
        w.draft.update({"first_name": first, "last_name": last, "aliases": [alias] if alias else [],
                        "consent_to_share": True})
        for key, value in conv.items():
            w.set_conviction(0, key, value)
        r = services.autosave_wizard(db, w.draft, "result", evaluate=True)
        refs[last] = r.reference
    draft = Wizard.start().draft
    draft["last_name"] = "Okafor"
    refs["Okafor"] = services.autosave_wizard(db, draft, "identity", keep_open=False).reference
    services.close_applicant(db)
    db.close()
    d = open_window(target)
    d.sign_in()
    return d, refs


def shown(d: Driver) -> list[tuple[str, ...]]:
    t = d.field("Applicants")
    return [tuple(t.item(r, c).text() for c in range(4)) for r in range(t.rowCount())]


def search(d: Driver, text: str) -> None:
    d.field("Search").setText(text)
    d.qtbot.waitUntil(lambda: not d.window.pages["dashboard"]._timer.isActive())
    d.idle()


def test_the_dashboard_lists_todays_applicants_with_status_and_outcome_in_words(busy_day):
    d, refs = busy_day
    rows = shown(d)
    assert sorted(rows) == sorted([
        (refs["Okafor"], "Okafor", "Draft", "\u2014"),
        (refs["Ortiz"], "Tomás Ortiz", "Evaluated", "1 not eligible"),
        (refs["Nguyễn"], "Maria Nguyễn", "Evaluated", "1 eligible"),
    ])
    assert d.field("Applicants").item(0, 0).text() == refs["Okafor"]  # newest first
    assert "3 applicants shown." in d.visible_text()


@pytest.mark.parametrize(("query", "who"), [
    ("maria", "Nguyễn"), ("NGUYỄN", "Nguyễn"), ("wynn", "Nguyễn"), ("2016kn0743", "Nguyễn"),
    ("2015QN022318", "Ortiz"), ("tomás ortiz", "Ortiz"), ("okaf", "Okafor"),
])
def test_search_finds_by_name_alias_reference_or_docket(busy_day, query, who):
    d, refs = busy_day
    search(d, query)
    assert [r[0] for r in shown(d)] == [refs[who]]
    search(d, refs[who].lower())
    assert [r[0] for r in shown(d)] == [refs[who]]


def test_a_search_with_no_match_says_so_and_clearing_it_lists_everyone_again(busy_day):
    d, _ = busy_day
    search(d, "zzz")
    assert shown(d) == [] and "No applicant matches this search." in d.visible_text()
    assert not d.enabled("Resume")
    search(d, "")
    assert len(shown(d)) == 3


def test_enter_on_a_selected_row_resumes_that_applicant(busy_day):
    d, refs = busy_day
    search(d, "ortiz")
    table = d.field("Applicants")
    table.setFocus()
    table.selectRow(0)
    assert d.enabled("Resume")
    d.qtbot.keyClick(table, Qt.Key.Key_Return)
    d.wait_page("wizard")
    assert d.view.wizard.reference == refs["Ortiz"] and d.step() == "result"
    assert [c.word.text() for c in d.view.result_page.cards] == ["NOT ELIGIBLE"]


def test_lock_forgets_the_rows_and_unlock_lists_them_again(busy_day):
    d, refs = busy_day
    d.click("Lock now")
    d.wait_page("lock")
    assert not d.has("Applicants")
    assert d.window.pages["dashboard"].table.rowCount() == 0
    assert "Nguyễn" not in d.visible_text(include_hidden=True)
    d.type("PIN", PIN)
    d.click("Unlock")
    d.wait_page("dashboard")
    assert len(shown(d)) == 3


def test_columns_count_outcomes_say_the_step_reached_and_whether_papers_were_printed(busy_day):
    from ui.dashboard import outcome_text

    d, refs = busy_day
    t = d.field("Applicants")
    headers = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert headers == ["Reference", "Name", "Status", "Outcome", "Step reached", "Papers printed", "Updated"]
    row = {t.item(r, 0).text(): [t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())}
    assert row[refs["Ortiz"]][4:6] == ["Result", "Papers not printed"]
    assert row[refs["Okafor"]][4:6] == ["About you", "\u2014"]
    mixed = services.DashboardRow(id="a", reference="BA-1", name="", status="evaluated", step="result",
                                  outcomes=["ELIGIBLE", "INELIGIBLE", "ELIGIBLE"], overridden=[False, False, True],
                                  updated_at="2018-09-21T10:00:00.000000+00:00", convictions=3)
    assert outcome_text(mixed) == "2 eligible \u00b7 1 not eligible (1 overridden)"
