"""Which database a command opens, and whether it may create one.

A mistyped `--db` must never become a new, empty database that then evaluates as of today instead
of the event's day: commands that read a database refuse a missing one, naming the path; `intake`
and `gui` create one and say so in one line on stderr (README, "Where the data lives")."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .paths import default_db_path


def _path(db_path: str | None) -> Path | None:
    if db_path == ":memory:":
        return None
    if db_path:
        return Path(db_path)
    return default_db_path()


def require_existing(db_path: str | None) -> None:
    """Refuse (exit 2) when the database `--db` names, or the default one, does not exist."""
    path = _path(db_path)
    if path is not None and not path.exists():
        raise InputError("--db", f"no database at {path} (check the path; `kiosk intake` or `kiosk gui` "
                                 "creates one)")


def missing_database(db_path: str | None) -> Path | None:
    """The database `--db` names (or the default one) when it does not exist yet, else None."""
    path = _path(db_path)
    return path if path is not None and not path.exists() else None


def announce_new(path: Path) -> None:
    import click  # lazy: `kiosk gui` reads this module without click; it loads for this one line

    click.echo(f"kiosk: creating a new database at {path}", err=True)


def announce_if_new(db_path: str | None) -> None:
    """Say in one line on stderr that a new database is about to be created, and where."""
    path = missing_database(db_path)
    if path is not None:
        announce_new(path)
