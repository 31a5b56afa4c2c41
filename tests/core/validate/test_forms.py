"""check_event and check_attorney report every problem of the form at once and agree with parse_*."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.validate import check_attorney, check_event, parse_attorney, parse_event

EVENT = {"name": "Begin Again", "starts_on": "2018-09-21", "ends_on": "2018-09-22", "county": "kings"}
ATTORNEY = {"name": "Ana Ruiz", "organization": "The Legal Aid Society", "registration_number": "4455667",
            "phone": "718-555-0199"}


def test_valid_forms_have_no_errors():
    assert check_event(EVENT) == [] and check_attorney(ATTORNEY) == []


@pytest.mark.parametrize("check, parse, raw, expected", [
    (check_event, parse_event, {**EVENT, "name": "", "ends_on": "2018-09-20", "county": "atlantis",
                                "office_recipient": "age1short"},
     ["event.ends_on", "event.name", "event.county", "event.office_recipient"]),
    (check_event, parse_event, {**EVENT, "starts_on": "soon", "ends_on": "2018-09-20"}, ["event.starts_on"]),
    (check_attorney, parse_attorney, {**ATTORNEY, "name": "", "registration_number": "12a", "phone": "?",
                                      "typo": 1},
     ["attorney.typo", "attorney.registration_number", "attorney.phone", "attorney.name"]),
])
def test_every_problem_at_once_first_as_parse_raises(check, parse, raw, expected):
    errors = check(raw)
    assert [e.path for e in errors] == expected
    with pytest.raises(InputError) as e:
        parse(raw)
    assert (e.value.field, e.value.message) == (errors[0].path, errors[0].message)
