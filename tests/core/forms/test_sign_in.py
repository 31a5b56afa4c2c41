"""The attorneys' sign-in form: one sentence per field, with the PIN rules beside the attorney's fields."""

from __future__ import annotations

from kiosk.forms.sign_in import attorney_errors


def test_attorney_form_reports_every_field_and_the_pin():
    errors = attorney_errors({"name": "", "registration_number": "12a"}, pin="1", pin_repeat="2")
    assert set(errors) == {"name", "registration_number", "pin"}
    assert errors["registration_number"] == ("Registration number must be digits only (the attorney "
                                             "registration number).")
    ok = attorney_errors({"name": "Ana Ruiz"}, pin="482913", pin_repeat="482914")
    assert ok == {"pin_repeat": "The two PINs are not the same."}


def test_attorney_form_checks_fields_and_the_pin_twice():
    errors = attorney_errors({"name": "", "registration_number": "12a", "phone": "none"}, "12", "12")
    assert set(errors) == {"name", "registration_number", "phone", "pin"}
    assert errors["pin"] == "Choose a PIN must be 4 to 12 digits."
    assert attorney_errors({"name": "A B"}, "2468", "2469") == {"pin_repeat": "The two PINs are not the same."}
    assert attorney_errors({"name": "A B"}, "2468", "2468") == {}
