"""The set-up and sign-in forms show one sentence per field, every field at once, with the PIN
rules beside the attorney's fields."""

from __future__ import annotations

from kiosk.forms import COUNTIES, sentence
from kiosk.forms.event_setup import event_errors
from kiosk.forms.sign_in import attorney_errors


def test_sentence():
    assert sentence("Last name", "is required") == "Last name is required."
    assert sentence("Phone", "is it?") == "Phone is it?"


def test_event_form_reports_every_field():
    errors = event_errors({"name": "", "starts_on": "2018-09-21", "ends_on": "2018-09-20",
                           "return_date": "31/12/2018"})
    assert errors == {
        "ends_on": "Last day is before the first day.",
        "name": "Event name is required.",
        "return_date": "Return date must be written month first, MM/DD/YYYY (or YYYY-MM-DD): there is no month 31.",
    }
    assert event_errors({"name": "Begin Again", "starts_on": "2018-09-21"}) == {}


def test_attorney_form_reports_every_field_and_the_pin():
    errors = attorney_errors({"name": "", "registration_number": "12a"}, pin="1", pin_repeat="2")
    assert set(errors) == {"name", "registration_number", "pin"}
    assert errors["registration_number"] == ("Registration number must be digits only (the attorney "
                                             "registration number).")
    ok = attorney_errors({"name": "Ana Ruiz"}, pin="482913", pin_repeat="482914")
    assert ok == {"pin_repeat": "The two PINs are not the same."}


def test_county_picker_lists_the_city_first():
    assert [c for c, _ in COUNTIES[:5]] == ["kings", "new-york", "bronx", "queens", "richmond"]
    assert len(COUNTIES) == 62
