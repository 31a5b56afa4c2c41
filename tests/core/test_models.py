"""The models' derived facts: which outcome stands, which pack decided, when a docket counts as
verified, and the name as the applicant wrote it."""

from __future__ import annotations

from datetime import date

from kiosk.models import Applicant, Conviction, Determination, PackRef, RuleHit


def test_an_override_stands_over_the_engine_and_the_deciding_hit_names_the_pack():
    hits = [RuleHit("K18-17", "kings-2018-consent", "ADVISORY", "check the sentence"),
            RuleHit("NY19-02", "ny-2019-decrim", "NEEDS_REVIEW", "decided here", deciding=True)]
    det = Determination("NEEDS_REVIEW", date(2018, 9, 21), hits, [PackRef("ny-2019-decrim", "h")])
    assert (det.standing_outcome, det.overridden, det.deciding_pack) == ("NEEDS_REVIEW", False, "ny-2019-decrim")
    assert det.rules == ["K18-17", "NY19-02"] and det.advisories == ["check the sentence"]
    det.override_outcome = "ELIGIBLE"
    assert (det.standing_outcome, det.overridden) == ("ELIGIBLE", True)
    assert Determination("INELIGIBLE", date(2018, 9, 21), [], []).deciding_pack == ""


def test_a_docket_is_verified_only_from_papers_or_the_case_list():
    def conviction(docket: str, source: str) -> Conviction:
        return Conviction("supreme", "kings", "PL 221.10(1)", "221.10", "1", date(2016, 3, 21),
                          docket=docket, docket_source=source)

    assert conviction("2016KN074376", "document").verified and conviction("2016KN074376", "caselist").verified
    assert not conviction("2016KN074376", "memory").verified and not conviction("", "document").verified
    assert conviction("", "unknown").article == "221" and conviction("", "unknown").court_name == "Supreme Court"


def test_the_full_name_skips_blank_parts_and_keeps_the_suffix():
    assert Applicant(first_name="Jane", last_name="Sample").full_name == "Jane Sample"
    assert Applicant(first_name="Jane", middle_name="Q", last_name="Sample", suffix="Jr.").full_name == \
        "Jane Q Sample, Jr."
