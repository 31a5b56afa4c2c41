"""An override cannot make another county's conviction a motion of this program: only that
county's District Attorney can consent to clear it."""

from __future__ import annotations

import pytest

from kiosk import services
from kiosk.errors import NotFoundError
from kiosk.overrides import county_refusal
from tests.core.conftest import applicant_dict, conviction_dict


def test_only_a_conviction_outside_the_deciding_packs_counties_is_refused(db):
    queens = conviction_dict(docket="2015QN022318", county=None, conviction_date="2015-08-12",
                             arrest_date="2015-08-01")
    services.ensure_demo_event(db)  # evaluated on September 21, 2018: the Kings program decides
    applicant, _ = services.intake(db, applicant_dict(convictions=[conviction_dict(), queens]))
    kings_id, queens_id = (c.id for c in applicant.convictions)
    assert county_refusal(db, applicant.id, kings_id) == ""
    refusal = county_refusal(db, applicant.id, queens_id)
    assert "Queens County" in refusal and "only the District Attorney of Queens County" in refusal
    with pytest.raises(NotFoundError):
        county_refusal(db, applicant.id, "no-such-conviction")
