"""kiosk.sync.keys: the office key pair that `kiosk office keygen` writes, the identity file it is
read back from, and the laptop's own signing key and its fingerprint."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kiosk import services, store, sync
from kiosk.errors import InputError
from tests.core.sync_support import laptop, run_cli

ROOT = Path(__file__).resolve().parents[3]


def test_office_keygen_is_owner_only_prints_recipient_and_never_overwrites(tmp_path):
    path = tmp_path / "office-identity.txt"
    code, out = run_cli("office", "keygen", "--out", str(path))
    assert code == 0
    recipient = out.strip().splitlines()[0]  # stdout (the recipient alone) comes first
    assert recipient.startswith("age1") and len(recipient) == 62
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    identities = sync.read_identities(path)
    assert str(identities[0].to_public()) == recipient
    before = path.read_bytes()
    code, out = run_cli("office", "keygen", "--out", str(path))
    assert code == 2 and "never overwritten" in out and "Traceback" not in out
    assert path.read_bytes() == before



def test_identity_file_errors_are_input_errors(tmp_path):
    bad = tmp_path / "not-a-key.txt"
    bad.write_text("hello\n")
    with pytest.raises(InputError, match="not an age identity"):
        sync.read_identities(bad)
    with pytest.raises(InputError, match="no such file"):
        sync.read_identities(tmp_path / "missing.txt")



def test_laptop_key_is_made_once_and_its_fingerprint_is_stable(tmp_path, office):
    db = laptop(tmp_path / "l.db", office)
    k1 = sync.laptop_key(db)
    k2 = sync.laptop_key(services.open_kiosk(tmp_path / "l.db"))
    assert k1 == k2
    assert len(k1.fingerprint) == 39 and k1.fingerprint.count("-") == 7
    assert k1.laptop_id == store.laptop_id(db)
    assert sync.laptop_key_fingerprint(db) == k1.fingerprint
    other = laptop(tmp_path / "other.db", office)
    assert sync.laptop_key(other).fingerprint != k1.fingerprint
