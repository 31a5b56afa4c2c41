"""The field readers every record shares: names, yes/no answers and dates, each read to one form or
refused naming the field, never by echoing the value."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.errors import InputError
from kiosk.validate.fields import iso_date_text, parse_bool, parse_date, parse_name


def test_names_are_nfc_normalised():
    decomposed = "Nguye\u0302\u0303n"
    assert parse_name(decomposed, "n") == "Nguyễn"


@pytest.mark.parametrize(("raw", "value"), [
    (True, True), (False, False), ("true", True), ("FALSE", False), ("yes", True), ("No", False),
    ("1", True), ("0", False), (1, True), (0, False), ("", False), (None, False), (" Y ", True)])
def test_booleans(raw, value):
    assert parse_bool(raw, "b") is value


@pytest.mark.parametrize("raw", [2, -1, 1.0, "maybe", [], {}])
def test_bad_booleans(raw):
    with pytest.raises(InputError):
        parse_bool(raw, "b")


@pytest.mark.parametrize("typed", ["03/14/1985", "3/14/1985", "03/14/1985 ", "1985-03-14"])
def test_month_first_slash_dates_are_accepted_as_the_iso_date(typed):
    assert parse_date(typed, "date_of_birth") == date(1985, 3, 14)
    assert iso_date_text(typed) == "1985-03-14"


@pytest.mark.parametrize(("typed", "said"), [
    ("14/03/1985", "month first, MM/DD/YYYY (or YYYY-MM-DD): there is no month 14"),
    ("3/32/1985", "is not a real calendar date"), ("02/30/2016", "is not a real calendar date")])
def test_day_first_or_impossible_slash_dates_are_refused_never_swapped(typed, said):
    with pytest.raises(InputError) as e:
        parse_date(typed, "date_of_birth")
    assert e.value.field == "date_of_birth" and said in e.value.message


def test_the_date_message_names_both_formats():
    with pytest.raises(InputError) as e:
        parse_date("March 1985", "date_of_birth")
    assert "MM/DD/YYYY" in e.value.message and "YYYY-MM-DD" in e.value.message


@pytest.mark.parametrize(("raw", "value"), [(None, None), ("", None), (" Unknown ", None), ("?", None),
                                            ("yes", True), ("no", False), (False, False)])
def test_an_unanswered_question_stays_unknown_never_a_default(raw, value):
    from kiosk.validate.fields import parse_answer

    assert parse_answer(raw, "a") is value


def test_a_bad_answer_names_the_three_choices():
    from kiosk.validate.fields import parse_answer

    with pytest.raises(InputError) as e:
        parse_answer("perhaps", "convictions[0].fines_owed")
    assert e.value.field == "convictions[0].fines_owed" and "yes, no or unknown" in e.value.message


def test_the_record_name_is_in_latin_letters_as_on_court_papers():
    from kiosk.validate.fields import parse_record_name

    assert parse_record_name("WANG, XIUYING") == "WANG, XIUYING"
    with pytest.raises(InputError, match="Latin letters") as e:
        parse_record_name("王秀英")
    assert e.value.field == "record_name"


def test_a_language_outside_the_list_is_refused_naming_the_choices():
    from kiosk.validate.fields import parse_language

    assert parse_language("") == "en" and parse_language("ES") == "es"
    with pytest.raises(InputError) as e:
        parse_language("fr")
    assert e.value.field == "language" and "en, es" in e.value.message
