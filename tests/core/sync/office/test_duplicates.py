"""kiosk.sync.office.duplicates: after each import every flag is recomputed from the whole merged
data, streamed in id order, by the same rules as kiosk.duplicates."""

from __future__ import annotations

from kiosk import services, store
from kiosk.duplicates import find_duplicates, people_from_rows
from kiosk.sync.office.duplicates import refresh
from tests.core.sync_support import person


def test_flags_follow_the_rules_and_are_replaced_when_the_data_changes(db):
    jane, _ = services.intake(db, person("Jane", "Sample", aliases=["Janie Q"]))
    caps, _ = services.intake(db, person("JANE", "SAMPLE", dob=None, docket="2017KN000003"))
    services.intake(db, person("Wei", "Chen", docket="2014KN000004", dob="1988-08-08", aliases=["Janie Q"]))
    expected = find_duplicates(people_from_rows(*store.sync_people(db)))
    assert refresh(db) == 1 and store.sync_duplicate_flags(db) == expected
    assert {(a, b) for a, b, _ in expected} == {tuple(sorted((jane.id, caps.id)))}
    assert "date of birth missing on one record" in expected[0][2]
    store.update_applicant_fields(db, caps.id, purged_at=store.now())  # a purged record has no name to compare
    assert refresh(db) == 0 and store.sync_duplicate_flags(db) == []
