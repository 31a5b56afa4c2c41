"""ui.wizard.print_first: dates typed month first are shown back as stored (ISO)."""

from __future__ import annotations

from tests.ui.drive import Driver


def test_dates_typed_month_first_are_accepted_and_shown_back_as_stored(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
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
