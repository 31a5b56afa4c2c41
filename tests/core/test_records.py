"""The reads the papers, the signing date and the services share: an applicant with each
conviction's determination, and who signs for which event."""

from __future__ import annotations

from kiosk import records, services, store
from kiosk.models import Attorney
from tests.core.conftest import applicant_dict


def test_a_record_saved_before_sign_in_is_signed_by_the_attorney_signed_in_now(db):
    applicant, _ = services.intake(db, applicant_dict())
    row = store.applicant_row(db, applicant.id)
    assert records.signed_in_attorney(db) is None and records.attorney_and_event(db, row) == (None, None)
    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    services.sign_in(db, aid, "2468")
    services.ensure_demo_event(db)
    attorney, event = records.attorney_and_event(db, row)
    assert attorney.name == "Ada Counsel" and event.starts_on.isoformat() == "2018-09-21"
    store.set_setting(db, "signed_in_attorney_id", "an attorney since removed")
    assert records.signed_in_attorney(db) is None


def test_each_conviction_comes_with_its_determination(db):
    applicant, dets = services.intake(db, applicant_dict())
    stored, loaded = records.load_applicant(db, applicant.id)
    assert stored.id == applicant.id and len(loaded) == len(stored.convictions) == 1
    assert loaded[0].standing_outcome == dets[0].standing_outcome
