"""kiosk.store.office_merge: the office's enrolled keys, the TEMP tables a file is staged in and
checked on, and the other laptops' versions kept beside the owner's for review."""

from __future__ import annotations

import pytest

from kiosk import store
from kiosk.store import office_merge
from kiosk.store.connection import INTEGRITY_ERRORS, open_db

STAMP = "2018-09-21T10:00:00.000000+00:00"
LATER = "2018-09-21T11:00:00.000000+00:00"


@pytest.fixture
def central(tmp_path):
    return open_db(tmp_path / "central.db")


def test_a_key_is_enrolled_once_and_a_first_use_pin_is_told_apart(central):
    assert office_merge.enroll(central, "FP-ONE", "Table 3", "enrolled", STAMP) is True
    assert office_merge.enroll(central, "FP-ONE", "", "enrolled", LATER) is False  # no name: kept
    assert office_merge.enrolled(central, "FP-ONE")["name"] == "Table 3"
    assert office_merge.enrolled(central, "FP-TWO") is None
    store.sync_pin_key(central, "l1", "KEY-ONE", "FP-ONE")
    store.sync_pin_key(central, "l2", "KEY-TWO", "FP-TWO")
    assert not office_merge.pinned_key_trusted_new(central, "l1") and office_merge.pinned_key_trusted_new(central, "l2")
    office_merge.repin(central, "l2", "KEY-ONE", "FP-ONE")
    assert store.sync_pinned_key(central, "l2") == "KEY-ONE"
    assert [(k["key_fingerprint"], k["laptops"]) for k in office_merge.enrolled_keys(central)] == [
        ("FP-ONE", "l1 l2")]


@pytest.mark.parametrize("in_memory", [True, False])
def test_a_staged_table_is_checked_as_a_whole_and_a_repeated_id_is_refused(central, in_memory):
    cols = ["id", "name", "starts_on", "ends_on", "updated_at", "laptop_id"]
    with office_merge.staging_area(central, in_memory=in_memory), central.atomic():
        office_merge.stage_create(central, "events", cols)
        office_merge.stage_insert(central, "events", cols, [["e2", "B", "2018-09-21", "2018-09-21", STAMP, "l1"],
                                                            ["e1", "A", "2018-09-21", "2018-09-21", STAMP, "l1"]])
        office_merge.stage_index(central, "events")
        assert [r[0] for r in office_merge.stage_rows(central, "events", ["id"])] == ["e1", "e2"]
        assert office_merge.stage_problem(central, "events", cols, "l1", LATER) == ""
        assert "changed after the file was made" in office_merge.stage_problem(central, "events", cols, "l1",
                                                                                "2018-09-21T09:00:00.000000+00:00")
        with pytest.raises(INTEGRITY_ERRORS):
            office_merge.stage_insert(central, "events", cols, [["e1", "A", "2018-09-21", "2018-09-21", STAMP, "l1"]])
        office_merge.stage_insert(central, "events", cols, [["e3", "C", "2018-09-21", "2018-09-21", "yesterday", ""]])
        assert office_merge.stage_problem(central, "events", cols, "l1", LATER) == \
            "damaged: the events table has records without laptop_id"
        assert central.execute("SELECT count(*) FROM stage.sqlite_master WHERE name = 'stage_events'").fetchone()[0]
    # detached: the staging tables and their memory are gone, the office's tables untouched
    assert "stage" not in [r[1] for r in central.execute("PRAGMA database_list")]
    assert central.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_another_laptops_version_is_kept_once_per_laptop_the_greatest_winning(central):
    assert office_merge.put_conflict(central, "applicant", "a1", "l2", STAMP, "h1", STAMP, '{"v": 1}') is True
    assert office_merge.put_conflict(central, "applicant", "a1", "l2", STAMP, "h0", STAMP, '{"v": 0}') is False
    assert office_merge.put_conflict(central, "applicant", "a1", "l2", LATER, "h2", STAMP, '{"v": 2}') is True
    assert office_merge.conflict_versions(central, "applicant", "a1") == [("l2", LATER, '{"v": 2}')]
    store.sync_put_versions(central, "applicant", [("a1", "l1", STAMP, "h-owner")])
    assert office_merge.conflict_candidates(central) == [("applicant", "a1", "h-owner", "h2")]
    assert office_merge.duplicate_pair_count(central) == 0
