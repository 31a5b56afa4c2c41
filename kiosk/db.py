"""Opening the kiosk's SQLite database: pragmas for durability, owner-only files, migrations.

WAL with synchronous=FULL means a save the user saw confirmed survives a power cut; foreign keys
keep convictions from outliving their applicant."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database


def default_data_dir() -> Path:
    """The per-user data folder (created owner-only)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("begin-again-kiosk", appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / "kiosk.db"


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)


def open_db(path: str | os.PathLike | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) a kiosk database and bring its schema up to date.

    `path=":memory:"` gives a throwaway database (bulk screening, tests)."""
    from sqlite_utils import Database

    from .migrations import MIGRATIONS

    if path is None:
        path = default_db_path()
    memory = str(path) == ":memory:"
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
            if not p.exists():
                fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
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
    except sqlite3.DatabaseError as e:
        raise StorageError(_plain(e)) from None
    except PermissionError:
        raise StorageError("the database folder cannot be written (read-only or no permission)") from None
    except OSError as e:
        raise StorageError(f"the database cannot be opened ({e.strerror or e.__class__.__name__})") from None
    return db


def _plain(e: sqlite3.Error) -> str:
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
