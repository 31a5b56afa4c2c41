"""Where the kiosk keeps its data by default (import-light: the app's first window needs it)."""

from __future__ import annotations

import os
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def default_data_dir() -> Path:
    """The per-user data folder (its path only: whoever writes there creates it, owner-only)."""
    from platformdirs import user_data_dir  # lazy: platformdirs loads only when a default path is needed

    return Path(user_data_dir("begin-again-kiosk", appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / "kiosk.db"


def file_state(path: str | os.PathLike) -> str:
    """"missing" (no file or an empty one), "plain" (an unencrypted SQLite file) or "encrypted"."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "missing"
    return "plain" if head == SQLITE_MAGIC else "encrypted"


def key_path(db_path: str | os.PathLike) -> Path:
    """Where a database's wrapped key lives (kiosk.keyfile): beside it, same name plus `.keys`."""
    p = Path(db_path)
    return p.with_name(p.name + ".keys")
