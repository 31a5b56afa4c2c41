"""kiosk.sync.reading: the office opens a sync file with its identity and checks it, or writes it out
as verified JSON and CSV (`kiosk decrypt`)."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import pytest

from kiosk import store, sync
from kiosk.errors import SyncFileError
from tests.core.sync_support import Office, run_cli

ROOT = Path(__file__).resolve().parents[3]


def test_decrypt_writes_verified_json_and_csv(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    out = tmp_path / "plain"
    code, text = run_cli("decrypt", str(tmp_path / "x.sync"), "--identity", str(office.identity_path),
                         "--out", str(out))
    assert code == 0, text
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["laptop_id"] == store.laptop_id(db) and manifest["counts"]["applicants"] == 2
    records = json.loads((out / "records.json").read_text())
    assert {r["last_name"] for r in records["applicants"]} == {"Sample", "Wójcik-Nguyễn"}
    with open(out / "convictions.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["docket"] for r in rows) == ["2012KN000777", "2016KN074376"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())
    code, text = run_cli("decrypt", str(tmp_path / "x.sync"), "--identity", str(office.identity_path),
                         "--out", str(out))
    assert code == 2 and "empty folder" in text



def test_a_wrong_identity_cannot_decrypt(tmp_path, one_laptop):
    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    stranger = Office(tmp_path)
    with pytest.raises(SyncFileError, match="not encrypted to this office key"):
        sync.open_sync_file((tmp_path / "x.sync").read_bytes(), stranger.identities)
    code, text = run_cli("decrypt", str(tmp_path / "x.sync"), "--identity", str(stranger.identity_path),
                         "--out", str(tmp_path / "o"))
    assert code == 1 and "rejected" in text and "Traceback" not in text
    assert not (tmp_path / "o").exists()
