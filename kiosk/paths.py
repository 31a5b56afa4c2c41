"""Where the kiosk keeps its data by default (import-light: the app's first window needs it)."""

from __future__ import annotations

from pathlib import Path


def default_data_dir() -> Path:
    """The per-user data folder (its path only: whoever writes there creates it, owner-only)."""
    from platformdirs import user_data_dir  # lazy: platformdirs loads only when a default path is needed

    return Path(user_data_dir("begin-again-kiosk", appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / "kiosk.db"
