"""kiosk.sync.export: one export batch, encrypted to the office key, since the last export or all,
recorded only once the file reads back right; in the caller's thread or a worker."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from kiosk import services, store, sync
from kiosk.errors import InputError, StorageError
from tests.core.sync_support import laptop, laptop_digest, person, run_cli

ROOT = Path(__file__).resolve().parents[3]


def test_the_file_holds_no_plaintext_and_no_temp_file_is_left(tmp_path, one_laptop):
    db, a, b = one_laptop
    out = tmp_path / "usb"
    out.mkdir()
    sync.export_batch(db, out / "day1.sync")
    data = (out / "day1.sync").read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    for secret in ("Sample", "Janie", "Wójcik", "2016KN074376", "2012KN000777", "1980-04-02", "01234567L",
                   "718-555-0100", "jane@example.org", "begin-again-sync"):
        assert secret.encode() not in data, secret
    assert sorted(p.name for p in out.iterdir()) == ["day1.sync"]



def test_export_without_an_office_key_refuses_and_writes_nothing(tmp_path):
    db = laptop(tmp_path / "l.db", None)
    services.intake(db, person("Jane", "Sample"))
    sync.laptop_key(db)
    before = laptop_digest(db)
    with pytest.raises(InputError, match="no office key is set") as e:
        sync.export_batch(db, tmp_path / "x.sync")
    assert "unencrypted" in str(e.value) and "--recipient" in str(e.value)
    assert not (tmp_path / "x.sync").exists()
    assert laptop_digest(db) == before
    code, out = run_cli("export", "--db", str(tmp_path / "l.db"), "--out", str(tmp_path / "y.sync"))
    assert code == 2 and "no office key" in out and "Traceback" not in out
    assert not (tmp_path / "y.sync").exists()
    with pytest.raises(InputError, match="not an age public key"):
        sync.export_batch(db, tmp_path / "x.sync", recipient="age1nonsense")



def test_recipient_option_overrides_a_missing_event_key(tmp_path, office):
    db = laptop(tmp_path / "l.db", None)
    services.intake(db, person("Jane", "Sample"))
    result = sync.export_batch(db, tmp_path / "x.sync", recipient=office.recipient)
    assert result.applicants == 1
    sf = sync.open_sync_file((tmp_path / "x.sync").read_bytes(), office.identities)
    assert sf.manifest["counts"]["applicants"] == 1



def test_export_never_overwrites_an_earlier_export(tmp_path, one_laptop):
    db, *_ = one_laptop
    target = tmp_path / "day.sync"
    target.write_bytes(b"an earlier export")
    with pytest.raises(InputError, match="already exists"):
        sync.export_batch(db, target)
    assert target.read_bytes() == b"an earlier export"



def test_since_last_carries_only_new_and_changed_records(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    first = sync.export_batch(db, tmp_path / "1.sync")
    assert sync.export_status(db).waiting == 0 and sync.export_status(db).exported == 2
    second = sync.export_batch(db, tmp_path / "2.sync")
    assert second.applicants == 0
    assert second.counts["audit_log"] == 1  # only the first export's own entry
    services.set_attorney_note(db, a.id, "called back", actor="attorney-1")
    c, _ = services.intake(db, person("Marcus", "Johnson", docket="2011KN000001"))
    assert sync.export_status(db).waiting == 2
    third = sync.export_batch(db, tmp_path / "3.sync")
    sf = sync.open_sync_file((tmp_path / "3.sync").read_bytes(), office.identities)
    cols, rows = sf.tables["applicants"]
    assert sorted(r[cols.index("id")] for r in rows) == sorted([a.id, c.id])
    assert third.applicants == 2
    everything = sync.export_batch(db, tmp_path / "all.sync", scope="all")
    assert everything.applicants == 3
    # every audit entry names the batch that first carried it, in every later file too
    sf_all = sync.open_sync_file((tmp_path / "all.sync").read_bytes(), office.identities)
    sf_first = sync.open_sync_file((tmp_path / "1.sync").read_bytes(), office.identities)
    cols, rows = sf_all.tables["audit_log"]
    batch = {r[cols.index("id")]: r[cols.index("export_batch")] for r in rows}
    fcols, frows = sf_first.tables["audit_log"]
    assert all(batch[r[fcols.index("id")]] == first.export_id for r in frows)



def test_export_reports_progress_from_start_to_done(tmp_path, one_laptop):
    db, *_ = one_laptop
    seen = []
    sync.export_batch(db, tmp_path / "x.sync", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] < 0.1 and fractions[-1] == 1.0
    assert seen[-1][1] == "done"



def test_export_runs_in_a_worker_thread_on_its_own_connection(tmp_path, office, one_laptop):
    import threading

    db, *_ = one_laptop
    results, seen = [], []
    worker = threading.Thread(target=lambda: results.append(sync.export_in_worker(
        tmp_path / "laptop.db", tmp_path / "w.sync", progress=lambda f, m: seen.append(f))))
    worker.start()
    worker.join()
    assert results[0].applicants == 2 and seen[-1] == 1.0
    assert sync.export_status(db).waiting == 0  # recorded in the same database file
    assert sync.open_sync_file((tmp_path / "w.sync").read_bytes(), office.identities).manifest["counts"][
        "applicants"] == 2



def test_contact_details_leave_the_laptop_only_with_consent(tmp_path):
    """Data minimisation: without consent to share, phone, email and address are not exported."""
    from kiosk import services
    from kiosk.sync import decrypt_to_dir, export_batch, office_keygen

    ident = tmp_path / "office.txt"
    recipient = office_keygen(ident)
    db = services.open_kiosk(str(tmp_path / "laptop.db"))
    contact = {"phone": "718 555 0142", "email": "kept@example.org", "address": "9 Consent Pl"}
    for consent, last in ((True, "Yes"), (False, "No")):
        services.intake(db, {"first_name": "Pat", "last_name": last, "consent_to_share": consent, "contact": contact,
                             "convictions": [{"docket": "2012KN000111", "offense": "PL 221.10",
                                              "conviction_date": "2012-05-05"}]})
    export_batch(db, tmp_path / "day.export", recipient=recipient)
    decrypt_to_dir(tmp_path / "day.export", ident, tmp_path / "out")
    records = json.loads((tmp_path / "out" / "records.json").read_text(encoding="utf-8"))
    by_name = {r["last_name"]: r for r in records["applicants"]}
    assert by_name["Yes"]["phone"] == "718 555 0142" and by_name["Yes"]["email"] == "kept@example.org"
    assert by_name["No"]["phone"] == by_name["No"]["email"] == by_name["No"]["address"] == ""


def test_a_failure_while_reading_stops_the_gzip_thread_and_records_nothing(tmp_path, one_laptop, monkeypatch):
    db = one_laptop[0]
    sync.laptop_key(db)  # made once per laptop, by its first export
    before, threads = laptop_digest(db), threading.active_count()
    real = store.sync_rows_json

    def fail_on_documents(db, table, *args, **kwargs):
        if table == "documents":
            raise StorageError("disk I/O error")
        return real(db, table, *args, **kwargs)

    monkeypatch.setattr(store, "sync_rows_json", fail_on_documents)
    with pytest.raises(StorageError, match="disk I/O error"):
        sync.export_batch(db, tmp_path / "x.sync")
    assert threading.active_count() == threads
    assert not (tmp_path / "x.sync").exists() and laptop_digest(db) == before
