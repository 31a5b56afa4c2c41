"""kiosk.store.office_import: the office's bookkeeping of imports (pinned laptop keys, the files
imported, each record's versions) and the rows it merges in as the laptop wrote them."""

from __future__ import annotations

import pytest

from kiosk import store
from kiosk.store.connection import INTEGRITY_ERRORS, open_db

EVENT_COLUMNS = ["id", "name", "starts_on", "ends_on", "created_at", "updated_at", "laptop_id"]
STAMP = "2018-09-21T10:00:00.000000+00:00"


@pytest.fixture
def central(tmp_path):
    return open_db(tmp_path / "central.db")


def test_a_laptops_first_key_stays_pinned(central):
    assert store.sync_pinned_key(central, "l1") is None
    store.sync_pin_key(central, "l1", "KEY-ONE", "FP-ONE")
    store.sync_pin_key(central, "l1", "KEY-TWO", "FP-TWO")  # a second key never replaces the first
    assert store.sync_pinned_key(central, "l1") == "KEY-ONE"


def test_an_import_is_logged_by_its_export_id(central):
    row = {"export_id": "x1", "laptop_id": "l1", "key_fingerprint": "FP", "created_at": STAMP, "scope": "all",
           "file_sha256": "a" * 64, "payload_sha256": "b" * 64, "imported_at": STAMP, "new": 2, "updated": 0,
           "unchanged": 0, "conflicts": 0}
    assert store.sync_import_logged(central, "x1") is None
    store.sync_log_import(central, row)
    assert store.sync_import_logged(central, "x1") == {**row, "file_name": ""}


def test_each_laptops_newest_version_of_a_record_is_kept(central):
    store.sync_put_versions(central, "applicant", [("a1", "l1", STAMP, "h1"), ("a1", "l2", STAMP, "h2")])
    store.sync_put_versions(central, "applicant", [("a1", "l1", "2018-09-22T10:00:00.000000+00:00", "h3")])
    assert store.sync_versions_for(central, "applicant", ["a1", "a2"]) == {
        "a1": {"l1": ("2018-09-22T10:00:00.000000+00:00", "h3"), "l2": (STAMP, "h2")}}
    assert store.sync_versions_for(central, "event", ["a1"]) == {}


def test_rows_go_in_as_written_and_each_mode_treats_an_existing_id_its_own_way(central):
    row = ["e1", "Begin Again", "2018-09-21", "2018-09-22", STAMP, STAMP, "l1"]
    store.sync_insert_rows(central, "events", EVENT_COLUMNS, [row])
    assert store.sync_rows_by_id(central, "events", EVENT_COLUMNS, ["e1", "e2"]) == {"e1": tuple(row)}
    with pytest.raises(INTEGRITY_ERRORS):
        store.sync_insert_rows(central, "events", EVENT_COLUMNS, [row])
    store.sync_insert_rows(central, "events", EVENT_COLUMNS, [[*row[:1], "Renamed", *row[2:]]], mode="upsert")
    assert store.sync_rows_by_id(central, "events", ["id", "name"], ["e1"]) == {"e1": ("e1", "Renamed")}


def test_duplicate_flags_are_replaced_as_a_whole_and_the_digest_follows_the_data(central, tmp_path):
    empty = store.data_digest(central)
    assert empty == store.data_digest(open_db(tmp_path / "other.db"))  # equal data, equal digest
    store.sync_set_duplicate_flags(central, [("a1", "a2", "same name"), ("a1", "a2", "same name")])
    store.sync_set_duplicate_flags(central, [("a1", "a3", "same docket")])
    assert store.sync_duplicate_flags(central) == [("a1", "a3", "same docket")]
    store.sync_insert_rows(central, "events", EVENT_COLUMNS,
                           [["e1", "Begin Again", "2018-09-21", "2018-09-22", STAMP, STAMP, "l1"]])
    assert store.data_digest(central) != empty


def test_the_bulk_cache_is_the_connections_own_size_again_after_the_block(central):
    before = central.execute("PRAGMA cache_size").fetchone()[0]
    with store.sync_bulk_cache(central):
        assert central.execute("PRAGMA cache_size").fetchone()[0] == -131072
    assert central.execute("PRAGMA cache_size").fetchone()[0] == before != -131072
    with pytest.raises(ZeroDivisionError), store.sync_bulk_cache(central):
        1 / 0  # noqa: B018 (an export that fails half-way)
    assert central.execute("PRAGMA cache_size").fetchone()[0] == before
