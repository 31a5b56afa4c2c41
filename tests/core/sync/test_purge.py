"""kiosk.sync.purge: after a verified export to the office key, the personal data of records exported
and not changed since leaves the laptop; the outcome and the reference stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import services, store, sync
from kiosk.errors import AuthError
from tests.core.sync_support import person, run_cli

ROOT = Path(__file__).resolve().parents[3]


def test_purge_removes_only_exported_unchanged_personal_data(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "1.sync")
    services.set_attorney_note(db, b.id, "changed after export", actor="attorney-1")  # b: waiting again
    c, _ = services.intake(db, person("Never", "Exported", docket="2011KN000009"))  # never exported
    audit_before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    status = sync.export_status(db)
    assert (status.waiting, status.exported) == (2, 1)
    from kiosk.models import Attorney

    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    (tmp_path / "pin.txt").write_text("2468\n")
    audit_before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"), "--exported",
                         "--pin-file", str(tmp_path / "pin.txt"))
    assert code == 0 and "purged 1" in text and "2 still waiting" in text
    assert db.execute("SELECT actor FROM audit_log WHERE action = 'sync.purge'").fetchone()[0] == aid
    db = services.open_kiosk(tmp_path / "laptop.db")
    gone = store.applicant_row(db, a.id)
    assert gone["purged_at"] and (gone["first_name"], gone["last_name"], gone["date_of_birth"], gone["nysid"],
                                  gone["phone"], gone["email"], gone["address"]) == ("", "", None, "", "", "", "")
    assert gone["reference"] == a.reference
    assert db.execute("SELECT COUNT(*) FROM aliases WHERE applicant_id = ?", [a.id]).fetchone()[0] == 0
    assert db.execute("SELECT docket FROM convictions WHERE applicant_id = ?", [a.id]).fetchall() == [("",)]
    assert store.get_determinations(db, a.id)  # the outcome stays for the day's counts
    for kept in (b.id, c.id):
        row = store.applicant_row(db, kept)
        assert row["purged_at"] is None and row["last_name"]
    assert store.get_applicant(db, b.id).convictions[0].docket == "2012KN000777"
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == audit_before + 1
    assert sync.export_status(db).purged == 1
    # a purged record is never exported again, so it cannot blank the office's copy
    assert sync.export_batch(db, tmp_path / "all.sync", scope="all").applicants == 2
    plain = sync.open_sync_file((tmp_path / "all.sync").read_bytes(), office.identities)
    cols, rows = plain.tables["applicants"]
    assert a.id not in {r[cols.index("id")] for r in rows}



def test_purge_with_pin_checks_the_attorney(tmp_path, one_laptop):
    from kiosk.models import Attorney

    db, a, b = one_laptop
    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    sync.export_batch(db, tmp_path / "1.sync")
    with pytest.raises(AuthError, match="wrong PIN"):
        sync.purge_exported_with_pin(db, aid, "1111")
    assert sync.export_status(db).purged == 0
    result = sync.purge_exported_with_pin(db, aid, "2468")
    assert (result.purged, result.waiting) == (2, 0)
    assert sync.export_status(db).purged == 2
