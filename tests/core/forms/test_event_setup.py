"""The first-run event set-up form: one sentence per field, every problem of the form at once."""

from __future__ import annotations

from kiosk.forms.event_setup import event_errors


def test_event_form_reports_every_field():
    errors = event_errors({"name": "", "starts_on": "2018-09-21", "ends_on": "2018-09-20",
                           "return_date": "31/12/2018"})
    assert errors == {
        "ends_on": "Last day is before the first day.",
        "name": "Event name is required.",
        "return_date": "Return date must be written month first, MM/DD/YYYY (or YYYY-MM-DD): there is no month 31.",
    }
    assert event_errors({"name": "Begin Again", "starts_on": "2018-09-21"}) == {}


def test_event_form_checks_each_field_with_the_core_validator():
    assert event_errors({"name": "", "starts_on": "2018-09-21"}) == {"name": "Event name is required."}
    errors = event_errors({"name": "Begin Again", "starts_on": "2018-09-22", "ends_on": "2018-09-21",
                           "office_recipient": "age1short", "county": "atlantis", "return_date": "x"})
    assert set(errors) == {"ends_on", "office_recipient", "county", "return_date"}
    assert errors["ends_on"] == "Last day is before the first day."
    assert event_errors({"name": "x", "starts_on": "2018-09-21", "office_recipient": ""}) == {}
