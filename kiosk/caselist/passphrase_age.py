"""Writing an age passphrase file (age-encryption.org/v1, one scrypt stanza) at a fixed scrypt cost.

age picks the scrypt work factor by timing the machine that encrypts, and on a fast office machine
it picks 2^19-2^20: every laptop then spends 1.5-3.5 s and up to 1 GiB unlocking the case list.
pyrage offers no way to set the factor, so the office writes the file itself, following the age
specification, at 2^18 (256 MiB, ~0.9 s on the project's 2-core machine: docs/caselist.md). Only
writing is done here: the laptops read the file with age itself (pyrage), which checks every part
of it, and the tests prove each file written here opens there.

The layout (c2sp.org/age): a text header (the version line, the scrypt stanza wrapping a random
16-byte file key under scrypt(passphrase, label || salt), and an HMAC-SHA-256 of the header under
a key derived from the file key), then a random 16-byte nonce and the payload in 64 KiB
ChaCha20-Poly1305 chunks under a key derived from the file key and that nonce."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

WORK_FACTOR = 18  # log2 of scrypt's N; r = 8, p = 1 as age requires (tests/conftest.py lowers it)
_SALT_LABEL = b"age-encryption.org/v1/scrypt"
_CHUNK = 64 * 1024


def _b64(data: bytes) -> bytes:
    """Canonical base64 without padding, as age writes it."""
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _stream(key: bytes, plain: bytes) -> bytes:
    """age's STREAM: 64 KiB chunks, each sealed with its 11-byte counter and a last-chunk flag."""
    aead = ChaCha20Poly1305(key)
    starts = range(0, max(len(plain), 1), _CHUNK)
    out = []
    for counter, start in enumerate(starts):
        last = start + _CHUNK >= len(plain)
        nonce = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        out.append(aead.encrypt(nonce, plain[start:start + _CHUNK], None))
    return b"".join(out)


def encrypt(plain: bytes, passphrase: str, *, work_factor: int | None = None) -> bytes:
    """`plain` as an age file that `passphrase` opens (pyrage.passphrase.decrypt, `age -d`), at
    WORK_FACTOR unless told otherwise."""
    work_factor = WORK_FACTOR if work_factor is None else work_factor
    file_key, salt, nonce = os.urandom(16), os.urandom(16), os.urandom(16)
    n = 1 << work_factor
    wrap_key = hashlib.scrypt(passphrase.encode(), salt=_SALT_LABEL + salt, n=n, r=8, p=1, dklen=32,
                              maxmem=129 * 8 * n + (1 << 20))
    body = ChaCha20Poly1305(wrap_key).encrypt(b"\x00" * 12, file_key, None)
    header = (b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" " + str(work_factor).encode() + b"\n"
              + _b64(body) + b"\n---")
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    return header + b" " + _b64(mac) + b"\n" + nonce + _stream(_hkdf(file_key, nonce, b"payload"), plain)
