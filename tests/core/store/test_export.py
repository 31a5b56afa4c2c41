"""kiosk.store.export: which key each applicant's newest verified export went to (what makes a
purge safe, kiosk.export_safety)."""

from kiosk import store


def _export(db, eid, created, recipient, items, *, verified=True):
    store.sync_record_export(db, {
        "id": eid, "created_at": created, "laptop_id": "L", "scope": "all", "applicants": len(items),
        "payload_sha256": "0" * 64, "file_sha256": "0" * 64, "size": 1, "recipient": recipient,
        "verified_at": created if verified else None}, items, [])


def test_the_newest_verified_export_of_each_applicant_names_its_key(db):
    with store.transaction(db):
        _export(db, "e1", "2026-01-01T00:00:00", "age1office", [("a", "v1"), ("b", "v1")])
        _export(db, "e2", "2026-01-02T00:00:00", "age1thief", [("a", "v2")])
        _export(db, "e3", "2026-01-03T00:00:00", "age1other", [("a", "v3"), ("b", "v3")], verified=False)
    assert store.sync_last_recipients(db) == {"a": ("age1thief", "v2"), "b": ("age1office", "v1")}
