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
