"""kiosk.cli_sync: the office and laptop commands behind the sync file (keygen, export, decrypt,
import, report, purge) keep their contract: a refusal is one line and exit 2, and a command that
needs the laptop's passphrase opens nothing without it."""

from __future__ import annotations

from kiosk import services, store
from tests.core.sync_support import Office, laptop, person, run_cli


def test_purge_without_the_flag_refuses(tmp_path):
    services.open_kiosk(tmp_path / "laptop.db").conn.close()
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"))
    assert code == 2 and "--exported" in text


def test_laptop_key_and_status_print_the_fingerprint_and_the_counts(tmp_path):
    db = laptop(tmp_path / "laptop.db", None)
    services.intake(db, person("Pat", "Sample"))
    code, text = run_cli("laptop", "key", "--db", str(tmp_path / "laptop.db"))
    assert code == 0 and f"laptop id:       {store.laptop_id(db)}" in text
    from kiosk.sync import laptop_key_fingerprint

    assert f"key fingerprint: {laptop_key_fingerprint(db)}" in text
    code, text = run_cli("laptop", "status", "--db", str(tmp_path / "laptop.db"))
    assert code == 0 and text.splitlines() == ["waiting for export: 1", "exported, can be purged: 0", "purged: 0",
                                               "last export: never"]


def test_export_prints_the_receipt_and_enroll_refuses_without_a_key(tmp_path):
    office = Office(tmp_path)
    db = laptop(tmp_path / "laptop.db", office)
    services.intake(db, person("Pat", "Sample"))
    code, text = run_cli("export", "--db", str(tmp_path / "laptop.db"), "--out", str(tmp_path / "day.sync"))
    assert code == 0 and "day.sync" in text and (tmp_path / "day.sync").exists()
    code, text = run_cli("office", "enroll", "--into", str(tmp_path / "central.db"))
    assert code == 2 and "FINGERPRINT" in text and text.count("\n") == 1
    assert not (tmp_path / "central.db").exists()
