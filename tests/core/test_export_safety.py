"""What makes a purge safe (the last verified export went to the event's office key, unchanged
since) and the partial exports a kill leaves behind, removed at the next start."""

from __future__ import annotations

from kiosk import export_safety, services, store
from tests.core.sync_support import Office, laptop, person


def record_export(db, eid: str, recipient: str, items: list[tuple[str, str]]) -> None:
    with store.transaction(db):
        store.sync_record_export(db, {
            "id": eid, "created_at": f"2026-01-0{eid[-1]}T00:00:00", "laptop_id": "L", "scope": "all",
            "applicants": len(items), "payload_sha256": "0" * 64, "file_sha256": "0" * 64, "size": 1,
            "recipient": recipient, "verified_at": f"2026-01-0{eid[-1]}T00:00:00"}, items, [])


def test_only_records_last_exported_unchanged_to_the_office_key_are_ready(tmp_path):
    office = Office(tmp_path)
    db = laptop(tmp_path / "laptop.db", office)
    ids = [services.intake(db, person("Pat", f"Person{c}"))[0].id for c in "abc"]
    versions = store.sync_applicant_versions(db)
    record_export(db, "e1", office.recipient, [(ids[0], versions[ids[0]])])
    record_export(db, "e2", "age1somebodyelse", [(ids[1], versions[ids[1]])])
    plan = export_safety.purge_plan(db)
    assert (plan.ready, plan.waiting, plan.other_key) == ([ids[0]], 1, 1)
    assert plan.kept_reasons() == ["1 still waiting for export", "1 exported, but their last export went to "
                                   "another key than the event's office key: export them to the office key first"]


def test_a_partial_export_a_kill_left_is_removed_and_forgotten(db, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    recorded, swept, foreign = usb / ".a.sync.1.part", usb / ".b.sync.2.part", usb / ".notes.part"
    export_safety.note_partial(db, recorded)
    recorded.write_bytes(b"age-encryption.org/v1\n...")
    swept.write_bytes(b"age-encryption.org/v1\n...")  # its note never reached the database
    foreign.write_bytes(b"not ours")
    assert store.get_setting(db, "sync.partial_exports")
    assert export_safety.remove_leftovers(db, usb) == 2
    assert [p.name for p in usb.iterdir()] == [".notes.part"]
    assert store.get_setting(db, "sync.partial_exports") == ""  # nothing left to look for


def test_a_finished_export_forgets_its_partial_path(db, tmp_path):
    export_safety.note_partial(db, tmp_path / ".x.part")
    export_safety.done_partial(db, tmp_path / ".x.part")
    assert store.get_setting(db, "sync.partial_exports") == ""
