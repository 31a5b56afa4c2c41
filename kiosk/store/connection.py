"""Opening the kiosk's SQLite database: pragmas for durability, owner-only files, migrations.

WAL with synchronous=FULL means a save the user saw confirmed survives a power cut; foreign keys
keep convictions from outliving their applicant."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .. import keyfile
from ..errors import InputError, StorageError
from ..passphrase import ENV
from ..paths import default_data_dir, default_db_path
from . import cipher
from .cipher import DB_ERRORS, INTEGRITY_ERRORS

__all__ = ["DB_ERRORS", "INTEGRITY_ERRORS", "default_data_dir", "default_db_path", "open_db"]

if TYPE_CHECKING:
    from sqlite_utils import Database


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)


def open_db(path: str | os.PathLike | None = None, *, migrate: bool = True, passphrase: str | None = None,
            key: bytes | None = None, encrypted: bool = True) -> Database:
    """Open (creating if needed) a kiosk database and bring its schema up to date.

    A laptop database file is encrypted (docs/storage-encryption.md): it opens with `key` (the
    raw database key) or `passphrase`, else the `KIOSK_PASSPHRASE` environment variable; a new
    file is created encrypted under that passphrase, and a plain one is converted on the way
    (`db.converted` is then True). The strength rule for a new passphrase is applied where a
    person chooses one (the set-up screen, the command-line prompt). `encrypted=False` is for the
    DA office's central database: a new or plain file stays plain (an encrypted one still opens).
    `path=":memory:"` gives a throwaway database (bulk screening, tests).
    AuthError for a wrong passphrase or key, InputError when none was given."""
    from sqlite_utils import Database  # lazy: sqlite-utils loads when a database opens

    from .migrations import MIGRATIONS  # lazy: migrations load sqlite-utils, only when a database opens

    if path is None:
        path = default_db_path()
    memory = str(path) == ":memory:"
    converted = False
    try:
        if not memory:
            p = Path(path)
            if p.parent != Path(""):
                created = not p.parent.exists()
                _private_dir(p.parent)
                if created:
                    os.chmod(p.parent, 0o700)
            if p.exists() and p.is_dir():
                raise StorageError(f"{p.name} is a folder, not a database file")
            if not encrypted and cipher.file_state(p) == "encrypted":
                encrypted = True  # an encrypted file opens as one, whoever asks
            if encrypted:
                key, converted = _database_key(p, passphrase, key)
            if not p.exists():
                fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            if encrypted:
                conn = cipher.connect(p, key)
                cipher.check_key(conn)
            else:
                conn = sqlite3.connect(str(p), timeout=10)
        else:
            conn = sqlite3.connect(":memory:")
        db = Database(conn, execute_plugins=False)
        conn.execute("PRAGMA foreign_keys=ON")
        if not memory:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=10000")
        if migrate:
            MIGRATIONS.apply(db)
    except DB_ERRORS as e:
        raise StorageError(_plain(e)) from None
    except PermissionError:
        raise StorageError("the database folder cannot be written (read-only or no permission)") from None
    except OSError as e:
        raise StorageError(f"the database cannot be opened ({e.strerror or e.__class__.__name__})") from None
    if not memory and encrypted:
        keyfile.remember(Path(path))
    db.kiosk_path = None if memory else Path(path)  # type: ignore[attr-defined]
    db.kiosk_key = key if not memory and encrypted else None  # type: ignore[attr-defined]
    db.converted = converted  # type: ignore[attr-defined]
    return db


def database_key(db: Database) -> bytes | None:
    """The raw key an open laptop database was unlocked with (for a worker thread's own
    connection: `open_db(path, key=...)`); None for a plain or in-memory database."""
    return getattr(db, "kiosk_key", None)


def _database_key(p: Path, passphrase: str | None, key: bytes | None) -> tuple[bytes, bool]:
    """(the database key, whether a plain file was converted to get it)."""
    state = cipher.file_state(p)
    if state == "encrypted" and not keyfile.key_path(p).exists():
        try:
            keyfile.read(p)  # puts back the spare from the per-user key folder, if there is one
        except StorageError:
            pass
    if state == "encrypted" and not keyfile.key_path(p).exists():
        raise StorageError(f"this file is not a kiosk database, or it is damaged, or its key file "
                           f"({keyfile.key_path(p).name}) is missing: restore that from the backup beside "
                           "the database, or ask the DA office to recover the laptop")
    if state == "encrypted" or (state == "missing" and keyfile.key_path(p).exists()):
        if key is not None:
            return key, False
        return keyfile.unlock(p, _given(passphrase)), False
    # a new database, or a plain one to convert: both need the passphrase itself (the key is new)
    secret = _given(passphrase)
    if state == "plain":
        return cipher.convert_plain(p, secret, cipher.event_office_recipient), True
    new_key, data = keyfile.new_key_file(secret)
    keyfile.write(p, data)
    return new_key, False


def _given(passphrase: str | None) -> str:
    secret = passphrase if passphrase is not None else os.environ.get(ENV, "")
    if not secret:
        raise InputError("passphrase", f"this database is encrypted: give the event passphrase "
                                       f"(--passphrase-file FILE, or the {ENV} environment variable)")
    return secret


def _plain(e: Exception) -> str:
    """A database error in words a user can act on (never the SQL or the data)."""
    msg = str(e).lower()
    if "full" in msg:
        return "the disk is full: free some space (or use another drive) and try again; nothing was lost"
    if "readonly" in msg or "read-only" in msg:
        return "the database is on read-only media or its file is read-only; nothing was changed"
    if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
        return "this file is not a kiosk database, or it is damaged"
    if "disk i/o error" in msg or "ioerr" in msg:
        return ("the disk could not be written (full, removed or failing): check the drive; "
                "what was saved before is kept")
    if "locked" in msg or "busy" in msg:
        return "the database is busy in another window or program; close it and try again"
    return "the database refused the change; nothing was saved"


plain_db_error = _plain


def checkpoint(db: Database, mode: str = "PASSIVE") -> None:
    """Copy the WAL back into the database file (TRUNCATE also empties the WAL file: removed rows'
    old pages leave the disk, not only the database)."""
    if mode not in ("PASSIVE", "TRUNCATE"):
        raise ValueError("a checkpoint mode is PASSIVE or TRUNCATE")
    db.execute(f"PRAGMA wal_checkpoint({mode})")


def cipher_version(db: Database) -> str:
    """SQLCipher's version string, "" when the connection has no encryption."""
    row = db.execute("PRAGMA cipher_version").fetchone()
    return row[0] if row and row[0] else ""
