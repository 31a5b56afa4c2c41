"""One conviction's facts as the papers word them: dates in English whatever the locale, ordinals,
the offense cited with its name, and the county whose court and DA the papers address."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.errors import InputError
from kiosk.papers.packet_case import case_county, describe_offense, english_date, ordinal
from kiosk.papers.templates import common, pack_templates
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict, conviction_dict


def test_dates_and_ordinals_read_as_court_papers_write_them():
    assert english_date(date(2018, 9, 21)) == "September 21, 2018"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"]


def test_the_offense_is_cited_with_its_name_and_an_attempt_says_so():
    names = {"221.10": "Criminal Possession of Marihuana in the Fifth Degree"}
    assert describe_offense("PL 221.10(1)", names) == (
        "PL § 221.10(1)", "PL § 221.10(1) (Criminal Possession of Marihuana in the Fifth Degree)")
    assert describe_offense("PL 110/221.10", names)[1] == \
        "PL §§ 110.00/221.10 (attempted Criminal Possession of Marihuana in the Fifth Degree)"
    assert describe_offense("VTL 1192(3)", names) == ("VTL § 1192(3)", "VTL § 1192(3)")
    assert describe_offense("something else", names) == ("something else", "something else")


def test_the_papers_address_the_convictions_own_county_and_refuse_one_the_pack_does_not_cover():
    def conviction(**over):
        return parse_applicant(applicant_dict(convictions=[conviction_dict(**over)])).convictions[0]

    statewide = pack_templates("ny-2019-decrim")
    queens = conviction(docket="2015QN022318", county=None)
    assert case_county(common(), queens, statewide, 0).caption == common().counties["queens"].caption
    with pytest.raises(InputError) as e:
        case_county(common(), queens, pack_templates("kings-2018-consent"), 2)
    assert e.value.field == "convictions[2].county" and "kings-2018-consent" in e.value.message
    with pytest.raises(InputError, match="five counties"):
        case_county(common(), conviction(docket="", county="westchester"), statewide, 0)
