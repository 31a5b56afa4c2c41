"""kiosk.sync.office.importer: files imported at the office; the same file twice, or an older export
superseded by a newer one, changes nothing."""

from __future__ import annotations

from pathlib import Path

from kiosk import services, store, sync
from kiosk.sync.office import importer as office_import
from tests.core.sync_support import central, full_digest, run_cli

ROOT = Path(__file__).resolve().parents[4]


def test_the_same_file_twice_changes_nothing(tmp_path, office, one_laptop):
    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    c = central(tmp_path / "c.db")
    office_import.import_files(c, [tmp_path / "x.sync"], office.identities, trust_new=True)
    before = full_digest(c)
    again = office_import.import_files(c, [tmp_path / "x.sync", tmp_path / "x.sync"], office.identities, trust_new=True)
    assert [f.status for f in again.files] == ["already imported", "already imported"]
    assert "imported before" in again.files[0].reason and again.rejected == 0
    assert full_digest(c) == before
    code, text = run_cli("import", "--trust-new", str(tmp_path / "x.sync"), "--into", str(tmp_path / "c.db"),
                         "--identity", str(office.identity_path))
    assert code == 0 and "already imported" in text and "0 rejected" in text



def test_an_older_superseded_export_is_reported_and_changes_nothing(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "old.sync", scope="all")
    services.set_attorney_note(db, a.id, "changed after the first export", actor="attorney-1")
    sync.export_batch(db, tmp_path / "new.sync", scope="all")
    c = central(tmp_path / "c.db")
    office_import.import_files(c, [tmp_path / "new.sync"], office.identities, trust_new=True)
    before = full_digest(c)
    late = office_import.import_files(c, [tmp_path / "old.sync"], office.identities, trust_new=True)
    assert late.files[0].status == "already imported" and "superseded" in late.files[0].reason
    assert full_digest(c) == before
    assert store.applicant_row(c, a.id)["attorney_note"] == "changed after the first export"


def test_a_file_from_a_key_not_enrolled_is_rejected_with_the_enroll_hint_until_enrolled(tmp_path, office, one_laptop):
    from tests.core.sync_support import enroll

    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    c = central(tmp_path / "c.db")
    before = full_digest(c)
    refused = office_import.import_files(c, [tmp_path / "x.sync"], office.identities)
    fingerprint = sync.laptop_key(db).fingerprint
    assert refused.rejected == 1 and refused.files[0].reason == office_import.unknown_key_reason(fingerprint)
    assert full_digest(c) == before
    enroll(c, db)
    accepted = office_import.import_files(c, [tmp_path / "x.sync"], office.identities)
    assert accepted.rejected == 0 and accepted.totals()["new"] == 2
    assert "2 new, 0 updated, 0 unchanged, 0 conflicts, 0 rejected" in accepted.lines()[-1]


def test_on_one_core_the_records_are_checked_before_the_merge_not_beside_it(tmp_path, office, one_laptop, monkeypatch):
    """A second thread only takes turns with the merge on one core: nothing runs beside it."""
    from kiosk.sync.office import parallel

    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    threads = []
    monkeypatch.setattr(parallel, "Beside", lambda name, *args: threads.append(name))
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    s = office_import.import_files(central(tmp_path / "c.db"), [tmp_path / "x.sync"], office.identities,
                                   trust_new=True)
    assert s.files[0].status == "imported" and s.totals()["new"] == 2 and s.duplicate_pairs == 0
    assert threads == []


def test_the_cycle_collector_is_paused_for_the_import_and_left_as_it_was(tmp_path, office, one_laptop, monkeypatch):
    import gc

    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    during = []
    real = office_import._import_one

    def watched(*args, **kw):
        during.append(gc.isenabled())
        return real(*args, **kw)
    monkeypatch.setattr(office_import, "_import_one", watched)
    c = central(tmp_path / "c.db")
    assert gc.isenabled()
    office_import.import_files(c, [tmp_path / "x.sync"], office.identities, trust_new=True)
    assert during == [False] and gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        office_import.import_files(c, [tmp_path / "x.sync"], office.identities, trust_new=True)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_large_file_is_staged_the_lean_way_and_merges_the_same(tmp_path, office, one_laptop, monkeypatch):
    """Above IN_MEMORY_ROWS a file is staged in a temporary database and checked streamed
    from it: the same rows land as when it is staged in memory and checked beside the merge."""
    from kiosk.store import office_merge

    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    staged_in = []
    real = office_merge.staging_area

    def spy(conn, *, in_memory):
        staged_in.append(in_memory)
        return real(conn, in_memory=in_memory)
    monkeypatch.setattr(office_merge, "staging_area", spy)
    rows = {}
    for name, limit in (("memory", 250_000), ("file", 2)):  # 2 applicants, but more rows than 2
        monkeypatch.setattr(office_import, "IN_MEMORY_ROWS", limit)
        c = central(tmp_path / f"{name}.db")
        s = office_import.import_files(c, [tmp_path / "x.sync"], office.identities, trust_new=True)
        assert s.totals()["new"] == 2
        rows[name] = [c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in sync.EXPORT_TABLES]
        assert "stage" not in [r[1] for r in c.execute("PRAGMA database_list")]
    assert staged_in == [True, False] and rows["memory"] == rows["file"] and rows["memory"][2]
