"""check_applicant reports every problem at once, and agrees with parse_applicant: the first
problem is the one parse_applicant raises, and no problem means parse_applicant accepts."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import InputError
from kiosk.validate import FieldError, check_applicant, check_conviction, parse_applicant, parse_conviction
from tests.core.conftest import applicant_dict, conviction_dict


def paths(errors: list[FieldError]) -> list[str]:
    return [e.path for e in errors]


def test_a_valid_applicant_has_no_errors():
    assert check_applicant(applicant_dict()) == []


def test_every_error_at_once_in_the_order_parse_reads_them():
    raw = applicant_dict(date_of_birth="1980-02-30", first_name="J4ne", aliases=["ok", "b@d"],
                         contact={"phone": "call me", "email": "nope", "address": ""},
                         convictions=[conviction_dict(plea="maybe", arrest_number="K-1"),
                                      conviction_dict(offense="", conviction_date="")])
    errors = check_applicant(raw)
    assert paths(errors) == [
        "date_of_birth", "aliases[1]", "contact.phone", "contact.email",
        "convictions[0].plea", "convictions[0].arrest_number",
        "convictions[1].offense", "convictions[1].conviction_date", "first_name",
    ]
    assert errors[0] == FieldError("date_of_birth", "is not a real calendar date")
    try:
        parse_applicant(raw)
    except InputError as e:
        assert (e.field, e.message) == (errors[0].path, errors[0].message)


def test_cross_field_checks_run_beside_field_errors():
    """A conviction date before the docket's year is reported with a bad plea (the old wizard
    found one only when the other was fixed)."""
    errors = check_conviction(conviction_dict(conviction_date="2015-06-01", plea="maybe", arrest_date=""), "c")
    assert [(e.path, e.message) for e in errors] == [
        ("c.plea", "must be one of guilty, verdict"),
        ("c.conviction_date", "is before the year in the docket number; check both"),
    ]


def test_a_field_that_failed_is_not_compared_again():
    """A docket that cannot be read is one error, not also a county or court mismatch."""
    errors = check_conviction(conviction_dict(docket="2016XX074376", county="queens", court="supreme"), "c")
    assert paths(errors) == ["c.docket"]
    old = conviction_dict(conviction_date="1901-01-01", arrest_date="")
    errors = check_applicant(applicant_dict(date_of_birth="soon", convictions=[old]))
    assert paths(errors) == ["date_of_birth", "convictions[0].conviction_date"]  # before its docket's year


def test_shapes_that_are_not_records():
    assert check_applicant([]) == [FieldError("applicant", "must be a JSON object with the applicant's fields")]
    assert paths(check_applicant(applicant_dict(convictions="x", contact=[], aliases={}))) == [
        "aliases", "contact", "convictions"]
    assert paths(check_applicant(applicant_dict(colour="red", convictions=[conviction_dict(flavour=1)]))) == [
        "colour", "convictions[0].flavour"]


JUNK = st.sampled_from(["", None, 0, 1, True, "x", "2016KN074376", "1980-13-01", "03/21/2016", "2099-01-01",
                        "PL 221.10(3)", "bronx", "guilty", "yes", "K12345678", [], {}, "a\x00b", "Ω" * 90])
APPLICANT_KEYS = ["first_name", "last_name", "record_name", "aliases", "date_of_birth", "nysid", "language",
                  "consent_to_share", "open_case_or_warrant", "id", "contact", "other_convictions"]
CONVICTION_KEYS = ["court", "county", "docket", "docket_source", "offense", "attempt", "arrest_date",
                   "arrest_number", "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
                   "original_charge", "other_counts_dismissed", "driving_involved", "id"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(APPLICANT_KEYS), JUNK), max_size=3),
       st.lists(st.tuples(st.integers(0, 1), st.sampled_from(CONVICTION_KEYS), JUNK), max_size=4))
def test_check_agrees_with_parse(top, nested):
    raw = applicant_dict(convictions=[conviction_dict(), conviction_dict(docket="CR-004766-24KN",
                                                                         conviction_date="2024-02-01")])
    for key, value in top:
        raw[key] = copy.deepcopy(value)
    for i, key, value in nested:
        raw["convictions"][i][key] = copy.deepcopy(value)
    errors = check_applicant(raw)
    try:
        parse_applicant(raw)
    except InputError as e:
        assert errors and (errors[0].path, errors[0].message) == (e.field, e.message)
    else:
        assert errors == []
    assert len(set(errors)) == len(errors)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CONVICTION_KEYS), JUNK), max_size=4))
def test_check_conviction_agrees_with_parse_conviction(changes):
    raw = conviction_dict()
    for key, value in changes:
        raw[key] = copy.deepcopy(value)
    errors = check_conviction(raw, "c")
    try:
        parse_conviction(raw, "c")
    except InputError as e:
        assert errors and (errors[0].path, errors[0].message) == (e.field, e.message)
    else:
        assert errors == []
