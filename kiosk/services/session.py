"""Opening the laptop's database and what the first screen needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import pin_wait, store
from ..export_safety import remove_leftovers
from ..models import Attorney, Event
from ..rules import load_packs
from ..store.connection import open_db

if TYPE_CHECKING:
    from sqlite_utils import Database


def open_kiosk(path: str | Path | None = None, *, passphrase: str | None = None,
               key: bytes | None = None) -> Database:
    """Open the database, apply migrations and (re)load the shipped rule packs if they changed.

    The file is encrypted: `passphrase` or `key` unlocks it, else `KIOSK_PASSPHRASE` (kiosk.db.open_db)."""
    db = open_db(path, passphrase=passphrase, key=key)
    with store.transaction(db):
        store.load_rule_packs(db, load_packs())
    store.laptop_id(db)
    remove_leftovers(db)  # a partial export a kill left on a drive still plugged in
    return db


def default_as_of(db: Database | None) -> date:
    """The configured event's first day (so a 2018 event evaluates under 2018 rules), else today."""
    if db is not None:
        ev = store.current_event(db)
        if ev:
            return ev.starts_on
    return date.today()


@dataclass
class StartupState:
    """What the first screen needs."""

    event: Event | None  # None on first run: the set-up screen comes first
    attorneys: list[Attorney]  # who can sign in
    laptop_id: str
    pin_wait: tuple[int, float]  # (wrong PINs in a row, seconds still to wait), kept across restarts


def startup_state(db: Database) -> StartupState:
    return StartupState(event=store.current_event(db), attorneys=store.list_attorneys(db),
                        laptop_id=store.laptop_id(db), pin_wait=pin_wait.state(db))
