"""The database key's file: the key wrapped under the passphrase and the office key, replaced
whole and owner-only, a spare copy that puts back a lost one, and plain refusals."""

from __future__ import annotations

import os
import stat

import pytest

from kiosk import keyfile
from kiosk.errors import AuthError, StorageError
from tests.core.sync_support import Office


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A stand-in database file (its first 16 bytes are the salt the spare copy is named by)."""
    monkeypatch.setenv("KIOSK_KEYRING_DIR", str(tmp_path / "keyring"))
    path = tmp_path / "kiosk.db"
    path.write_bytes(os.urandom(64))
    return path


def test_file_state_tells_missing_plain_and_encrypted_apart(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "plain").write_bytes(keyfile.SQLITE_MAGIC + b"rest")
    (tmp_path / "enc").write_bytes(os.urandom(32))
    states = [keyfile.file_state(tmp_path / n) for n in ("none", "empty", "plain", "enc")]
    assert states == ["missing", "missing", "plain", "encrypted"]


def test_the_key_opens_with_its_passphrase_only_and_a_new_one_replaces_it(database):
    key, data = keyfile.new_key_file("four words make a passphrase")
    keyfile.write(database, data)
    assert stat.S_IMODE(keyfile.key_path(database).stat().st_mode) == 0o600
    assert keyfile.unlock(database, "four words make a passphrase") == key and len(key) == keyfile.KEY_BYTES
    with pytest.raises(AuthError, match="wrong passphrase"):
        keyfile.unlock(database, "another passphrase entirely")
    keyfile.set_passphrase(database, key, "a new passphrase for the laptop")
    assert keyfile.check_passphrase(database, "a new passphrase for the laptop") == key
    with pytest.raises(AuthError):
        keyfile.unlock(database, "four words make a passphrase")


def test_the_office_identity_recovers_the_key_once_it_was_wrapped_for_it(database, tmp_path):
    key, data = keyfile.new_key_file("four words make a passphrase")
    keyfile.write(database, data)
    office = Office(tmp_path)
    with pytest.raises(StorageError, match="never wrapped for the DA office"):
        keyfile.recover(database, office.identities)
    keyfile.set_office(database, key, office.recipient)
    assert keyfile.office_recipient(database) == office.recipient
    assert keyfile.recover(database, office.identities) == key
    (tmp_path / "other").mkdir()
    with pytest.raises(AuthError, match="does not open"):
        keyfile.recover(database, Office(tmp_path / "other").identities)


def test_a_lost_key_file_comes_back_from_the_spare_and_a_damaged_one_is_named(database):
    key, data = keyfile.new_key_file("four words make a passphrase")
    keyfile.write(database, data)
    keyfile.remember(database)
    keyfile.key_path(database).unlink()
    assert keyfile.unlock(database, "four words make a passphrase") == key
    assert keyfile.key_path(database).exists()  # put back beside the database
    keyfile.key_path(database).write_text("{not json")
    with pytest.raises(StorageError, match="kiosk.db.keys is damaged"):
        keyfile.read(database)
    for spare in keyfile.keyring_dir().iterdir():
        spare.unlink()
    keyfile.key_path(database).unlink()
    with pytest.raises(StorageError, match="is missing"):
        keyfile.read(database)
