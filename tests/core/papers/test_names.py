"""The defendant's name as the court's record carries it: initials with their period, the record
name when one is given, a Chinese name family name first."""

from __future__ import annotations

import pytest

from kiosk.papers.names import court_name, is_cjk, with_initial_periods
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict


@pytest.mark.parametrize(("typed", "printed"), [("L", "L."), ("J R", "J. R."), ("Ann", "Ann"), ("L.", "L."),
                                                ("王", "王"), ("", "")])
def test_a_lone_letter_is_an_initial_and_takes_a_period(typed, printed):
    assert with_initial_periods(typed) == printed


def test_the_court_name_prefers_the_record_name_and_keeps_the_suffix():
    app = parse_applicant(applicant_dict(first_name="Tamika", middle_name="L", last_name="Sample", suffix="Jr."))
    assert court_name(app) == "Tamika L. Sample, Jr."
    chinese = parse_applicant(applicant_dict(first_name="秀英", middle_name="", last_name="王", aliases=[]))
    assert is_cjk("王秀英") and not is_cjk("Nguyễn") and court_name(chinese) == "王秀英"
    recorded = parse_applicant(applicant_dict(first_name="秀英", middle_name="", last_name="王", aliases=[],
                                              record_name="WANG,   XIUYING"))
    assert court_name(recorded) == "WANG, XIUYING"
