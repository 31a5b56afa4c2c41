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
