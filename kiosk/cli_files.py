"""What the commands read from the person typing them: applicant files, `--as-of` dates and the
laptop database named by `--db`. Each problem is an InputError naming the file or option, shown
as one line with exit 2 by kiosk.cli.main."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from .cli_db import announce_new, missing_database, require_existing
from .cli_unlock import open_laptop
from .errors import InputError

MAX_JSON_BYTES = 5 * 1024 * 1024


def read_json_file(path: str) -> Any:
    """A JSON input file, or an InputError naming the file and what is wrong with it."""
    name = Path(path).name
    try:
        size = os.path.getsize(path)
        if size > MAX_JSON_BYTES:
            raise InputError(name, "is larger than 5 MB; an applicant file is a few kilobytes")
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark (CSV extracts accept it too)
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        if not text.strip():
            raise InputError(name, "is empty; an applicant file holds one JSON object (see examples/)")
        return json.loads(text)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(name, "cannot be read (no permission)") from None
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise InputError(name, f"is not valid JSON (line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise InputError(name, "is nested too deeply to be an applicant file") from None


def in_file(path: str, fn, *args, **kw):
    """Run a parser on a file's content; prefix an InputError with the file's name."""
    try:
        return fn(*args, **kw)
    except InputError as e:
        if e.field.startswith(Path(path).name):
            raise
        raise InputError(f"{Path(path).name}: {e.field}", e.message, row=e.row) from None


def as_of_date(value: str | None, db=None) -> date:
    """The evaluation date of `--as-of`; without it, the event's date in `db`, else today."""
    from .services import default_as_of  # lazy: the services load SQLite and the rules: not for --help

    if not value:
        return default_as_of(db)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("--as-of", "must be a date written YYYY-MM-DD") from None


def open_db(db_path: str | None, passphrase_file: str | None = None, *, create: bool = False):
    """A laptop database, unlocked with the event passphrase (kiosk.cli_unlock); a missing one is
    created only when `create`, and said on stderr once it was (a command refused for want of a
    passphrase creates nothing, so it announces nothing)."""
    if not create:
        require_existing(db_path)
    new = missing_database(db_path) if create else None
    db = open_laptop(db_path, passphrase_file)
    if new is not None:
        announce_new(new)
    return db
