"""The office's age writer (kiosk/caselist/passphrase_age.py): every file it writes opens with
age itself (pyrage), at every chunk boundary, only with its passphrase, and carries the fixed
scrypt work factor in its header; a changed byte anywhere is refused by age."""

from __future__ import annotations

import os

import pytest
from pyrage import DecryptError
from pyrage import passphrase as age

from kiosk.caselist import passphrase_age

PASSPHRASE = "correct horse battery staple"
CHUNK = 64 * 1024


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])
def test_age_opens_what_the_office_writes_at_every_chunk_boundary(size):
    plain = os.urandom(size)
    sealed = passphrase_age.encrypt(plain, PASSPHRASE, work_factor=10)  # a cheap factor: the format is the same
    assert age.decrypt(sealed, PASSPHRASE) == plain
    with pytest.raises(DecryptError):
        age.decrypt(sealed, PASSPHRASE + "!")


def test_the_header_names_the_work_factor_and_two_files_share_no_salt_or_key(monkeypatch):
    monkeypatch.setattr(passphrase_age, "WORK_FACTOR", 11)  # the default is read when a file is written
    first, second = (passphrase_age.encrypt(b"same list", PASSPHRASE) for _ in range(2))
    lines = first.split(b"\n")
    assert lines[0] == b"age-encryption.org/v1"
    stanza = lines[1].split(b" ")
    assert stanza[:2] == [b"->", b"scrypt"] and stanza[3] == b"11" and len(stanza[2]) == 22  # 16-byte salt
    assert first.split(b"\n")[1] != second.split(b"\n")[1] and first[-40:] != second[-40:]
    assert age.decrypt(first, PASSPHRASE) == age.decrypt(second, PASSPHRASE) == b"same list"


@pytest.mark.parametrize("where", ["stanza", "mac", "payload"])
def test_a_changed_byte_anywhere_is_refused_by_age(where):
    sealed = bytearray(passphrase_age.encrypt(b"x" * (CHUNK + 100), PASSPHRASE, work_factor=10))
    at = {"stanza": sealed.index(b"\n", 30) + 5, "mac": sealed.index(b"--- ") + 6, "payload": len(sealed) - 50}[where]
    sealed[at] ^= 0x01
    with pytest.raises(DecryptError):
        age.decrypt(bytes(sealed), PASSPHRASE)
