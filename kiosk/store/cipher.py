"""SQLCipher connections, and turning a plain database into an encrypted one (docs/storage-encryption.md).

SQLCipher encrypts every page of the database, its WAL and its temporary files with AES-256 and
checks each page's HMAC, so a wrong key or a changed byte is refused instead of misread. The
key is the random one from kiosk.keyfile, given raw (SQLCipher's own passphrase KDF is skipped:
Argon2id already guards the passphrase, and each connection opens in milliseconds)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

from .. import keyfile
from ..errors import AuthError, StorageError

# Every database error this project's connections raise (SQLCipher's DB-API has its own classes);
# kept here, below both the connection and the migrations, so neither imports the other for them.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlcipher3.IntegrityError)
file_state = keyfile.file_state


def connect(path: str | os.PathLike, key: bytes | None, *, timeout: float = 10) -> Any:
    """A DB-API connection; with a key, every page in and out of the file is encrypted."""
    conn = sqlcipher3.connect(str(path), timeout=timeout)
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # first: before anything reads the file
        conn.execute("PRAGMA cipher_memory_security = OFF")  # page buffers are wiped on free anyway
    conn.execute("PRAGMA temp_store = MEMORY")  # sorts and temp tables never reach the disk
    # a page read from the file is decrypted and its HMAC checked: keep up to 64 MB of decrypted
    # pages so an export's several passes over the same tables pay that once
    try:
        conn.execute("PRAGMA cache_size = -65536")
    except sqlcipher3.DatabaseError:
        if key is None:
            raise
        # this pragma reads the first page, so a wrong key fails here already: check_key words it
    return conn


def check_key(conn: Any) -> None:
    """Read the first page: SQLCipher refuses a wrong key here ("file is not a database")."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as e:
        conn.close()
        if "not a database" not in str(e).lower():
            raise  # read-only media, a locked file...: the caller words it
        raise AuthError("the key does not open this database (wrong passphrase, or the key file belongs "
                        "to another database)") from None


def _row_counts(conn: Any) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def convert_plain(path: Path, passphrase: str, office_recipient_of: Any = None) -> bytes:
    """Encrypt a plain database in place; return its new key.

    Order matters for a crash (SIGKILL, power cut) at any point: the plain file stays the
    database until the verified encrypted copy is renamed over it in one step, and the key file
    is written before that rename. A crash before the rename leaves the plain database, which the
    next start converts again from scratch; after it, the encrypted one with its key."""
    tmp = path.with_name(path.name + ".encrypting")
    for leftover in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal")):
        leftover.unlink(missing_ok=True)
    plain = sqlcipher3.connect(str(path), timeout=10)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _row_counts(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        recipient = office_recipient_of(plain) if office_recipient_of else ""
        key, data = keyfile.new_key_file(passphrase, recipient)
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", [str(tmp)])
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    enc = connect(tmp, key)
    try:
        check_key(enc)
        ok = enc.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok" or _row_counts(enc) != before:
            raise StorageError("the encrypted copy did not match the database; the plain database is "
                               "kept unchanged")
    finally:
        enc.close()
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    keyfile.write(path, data)
    for side in ("-wal", "-shm", "-journal"):
        Path(str(path) + side).unlink(missing_ok=True)
    os.replace(tmp, path)
    keyfile.fsync_dir(path.parent)
    return key


def event_office_recipient(conn: Any) -> str:
    """The current event's office key in a plain database being converted ("" when none)."""
    try:
        row = conn.execute(
            "SELECT e.office_recipient FROM events e JOIN settings s ON s.value = e.id "
            "WHERE s.key = 'current_event_id'").fetchone()
    except sqlcipher3.Error:
        return ""
    return row[0] if row and row[0] else ""
