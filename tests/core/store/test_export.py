"""kiosk.store.export: which key each applicant's newest verified export went to (what makes a
purge safe, kiosk.export_safety)."""

import json

from kiosk import store


def _export(db, eid, created, recipient, items, *, verified=True):
    """Record an export of these (applicant id, version) pairs, or of sync_select_export's choice (None)."""
    store.sync_record_export(db, {
        "id": eid, "created_at": created, "laptop_id": "L", "scope": "all", "applicants": len(items or ()),
        "payload_sha256": "0" * 64, "file_sha256": "0" * 64, "size": 1, "recipient": recipient,
        "verified_at": created if verified else None}, items, [] if items is not None else None)


def test_the_newest_verified_export_of_each_applicant_names_its_key(db):
    with store.transaction(db):
        _export(db, "e1", "2026-01-01T00:00:00", "age1office", [("a", "v1"), ("b", "v1")])
        _export(db, "e2", "2026-01-02T00:00:00", "age1thief", [("a", "v2")])
        _export(db, "e3", "2026-01-03T00:00:00", "age1other", [("a", "v3"), ("b", "v3")], verified=False)
    assert store.sync_last_recipients(db) == {"a": ("age1thief", "v2"), "b": ("age1office", "v1")}


def _stamp(t: str) -> str:
    return f"2026-01-01T00:00:0{t}.000000+00:00"


def test_an_export_carries_each_applicants_rows_in_applicant_then_id_order_and_records_its_versions(db):
    """Rows written in any order leave grouped under their applicant, by id; a purged applicant
    is not chosen; an export records each version, and only a newer row chooses it again."""
    row = ["created_at", "updated_at", "laptop_id"]
    with store.transaction(db):
        store.sync_insert_rows(db, "applicants", ["id", "reference", *row, "purged_at"], [
            ["b", "BA-000002", _stamp(1), _stamp(1), "L", None], ["a", "BA-000001", _stamp(1), _stamp(2), "L", None],
            ["c", "BA-000003", _stamp(1), _stamp(1), "L", _stamp(1)]])
        store.sync_insert_rows(db, "aliases", ["id", "applicant_id", "position", "name", *row], [
            [i, a, 0, "N", _stamp(1), _stamp(u), "L"]
            for i, a, u in [("z1", "a", 1), ("b2", "b", 3), ("a9", "a", 1), ("b1", "b", 1), ("c1", "c", 5)]])
    with store.transaction(db):
        assert store.sync_select_export(db, since_last=False) == 2
        n, rows = store.sync_rows_json(db, "aliases", ["id", "applicant_id"], selected=True)
    assert (n, json.loads(rows)) == (4, [["a9", "a"], ["z1", "a"], ["b1", "b"], ["b2", "b"]])
    with store.transaction(db):
        _export(db, "e1", "2026-01-02T00:00:00", "age1office", None)
    assert store.sync_last_recipients(db) == {"a": ("age1office", _stamp(2)), "b": ("age1office", _stamp(3))}
    with store.transaction(db):
        assert store.sync_select_export(db, since_last=True) == 0
        store.sync_insert_rows(db, "aliases", ["id", "applicant_id", "position", "name", *row],
                               [["b3", "b", 1, "M", _stamp(4), _stamp(4), "L"]])
        assert store.sync_select_export(db, since_last=True) == 1
