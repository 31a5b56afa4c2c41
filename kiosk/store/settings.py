"""Ids, timestamps, transactions, the settings table, the laptop's identity and the audit log:
what every other store module stamps its rows with."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..errors import StorageError
from .connection import DB_ERRORS, plain_db_error

if TYPE_CHECKING:
    from sqlite_utils import Database


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One user action = one transaction; a database error becomes a plain StorageError."""
    try:
        with db.atomic():
            yield db
    except DB_ERRORS as e:
        raise StorageError(plain_db_error(e)) from None


@contextmanager
def reading(db: Database) -> Iterator[Database]:
    try:
        yield db
    except DB_ERRORS as e:
        raise StorageError(plain_db_error(e)) from None


# --- settings and laptop identity ----------------------------------------------------------

def get_setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def laptop_id(db: Database) -> str:
    """This laptop's id, created on first use and kept in the database (cached per connection)."""
    cached = getattr(db, "_kiosk_laptop_id", "")
    if cached:
        return cached
    value = get_setting(db, "laptop_id")
    if not value:
        value = new_id()
        with db.atomic():
            set_setting(db, "laptop_id", value)
    db._kiosk_laptop_id = value  # type: ignore[attr-defined]
    return value


def _stamp(db: Database, row: dict, *, created: str | None = None) -> dict:
    t = now()
    row.setdefault("created_at", created or t)
    row["updated_at"] = t
    row["laptop_id"] = laptop_id(db)
    return row


def audit(db: Database, action: str, *, actor: str = "", record_type: str = "", record_id: str = "",
          detail: str = "") -> None:
    """Append to the audit log. `detail` must never hold personal data (ids, counts, outcomes only)."""
    db.execute(
        "INSERT INTO audit_log(id, at, laptop_id, actor, action, record_type, record_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [new_id(), now(), laptop_id(db), actor, action, record_type, record_id, detail],
    )


# --- counts --------------------------------------------------------------------------------------

def counts(db: Database) -> dict[str, int]:
    out = {}
    for table in ("applicants", "convictions", "determinations", "documents", "audit_log"):
        out[table] = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    return out


def file_owner_only(path: str) -> bool:
    return (os.stat(path).st_mode & 0o077) == 0


def delete_setting(db: Database, key: str) -> None:
    db.execute("DELETE FROM settings WHERE key = ?", [key])
