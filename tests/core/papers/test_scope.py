"""Which county a pack's papers may address: a Kings program's motion is never made for another
county's conviction, and the receipt sends that applicant to their own county's DA."""

from __future__ import annotations

from kiosk.papers.scope import motion_allowed, outside_pack, referral_for, referrals
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict, conviction_dict
from tests.core.papers.builders_support import det


def conviction(**over):
    return parse_applicant(applicant_dict(convictions=[conviction_dict(**over)])).convictions[0]


def test_a_kings_pack_motion_covers_only_kings_convictions():
    kings, queens = conviction(), conviction(docket="2015QN022318", county=None)
    assert motion_allowed(kings, det()) and not outside_pack(kings, det())
    assert not motion_allowed(queens, det()) and outside_pack(queens, det())
    assert not motion_allowed(kings, det("INELIGIBLE")) and not motion_allowed(kings, None)
    assert motion_allowed(queens, det("NEEDS_REVIEW", pack="ny-2019-decrim", rule="NY19-02"))  # statewide


def test_a_conviction_outside_the_pack_is_referred_to_its_own_county():
    queens = conviction(docket="2015QN022318", county=None)
    referral = referral_for(queens, det("INELIGIBLE", rule="K18-08"))
    assert referral is not None and referral.county == "queens" and "Queens" in referral.district_attorney
    assert referral.defenders and referral.confirmed is False  # printed "to confirm"
    assert referrals("ny-2019-decrim") == {}  # a statewide pack ships no referrals
