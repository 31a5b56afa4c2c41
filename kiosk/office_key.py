"""The DA office's key on a laptop: where exports go, and the laptop database's recovery key.

The office key recorded with the event decides where every export goes and which applicants a
purge may remove (kiosk.export_safety), so changing it once set needs the event passphrase, even
in an unlocked session, and is audited. Each time it is set, the database key is wrapped for it
again, so the office can open the laptop database if the passphrase is lost
(`kiosk office recover`; docs/storage-encryption.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import keyfile, store
from .errors import AuthError, InputError
from .store.connection import open_db
from .validate import parse_recipient

if TYPE_CHECKING:
    from sqlite_utils import Database


def wrap_for_office(db: Database, recipient: str) -> None:
    """Wrap the open database's key for the office key (no-op for a database without a key file)."""
    path, key = getattr(db, "kiosk_path", None), getattr(db, "kiosk_key", None)
    if path is None or key is None:
        return
    if keyfile.office_recipient(path) != recipient:
        keyfile.set_office(path, key, recipient)


def guard_change(db: Database, new_recipient: str, passphrase: str | None) -> bool:
    """Check that a change of the event's office key may happen; True when it is a change.
    AuthError without the right event passphrase."""
    event = store.current_event(db)
    old = event.office_recipient if event else ""
    if not old or old == new_recipient:
        return False
    path = getattr(db, "kiosk_path", None)
    if path is None or getattr(db, "kiosk_key", None) is None:
        return True
    if not passphrase:
        raise AuthError("changing the DA office key needs the event passphrase; nothing was changed")
    keyfile.check_passphrase(path, passphrase)
    return True


def set_office_key(db: Database, recipient: str, *, passphrase: str | None, actor: str = "") -> str:
    """Record a new office key for the current event (needs the passphrase once one is set)."""
    recipient = parse_recipient(recipient, "recipient")
    event = store.current_event(db)
    if event is None:
        raise InputError("event", "set up the event first (kiosk gui), then its office key")
    changed = guard_change(db, recipient, passphrase)
    event.office_recipient = recipient
    with store.transaction(db):
        store.save_event(db, event)
        store.audit(db, "event.office_key_changed" if changed else "event.office_key_set", actor=actor,
                    record_type="event", record_id=event.id, detail=f"recipient={recipient}")
    wrap_for_office(db, recipient)
    return recipient


def recover(db_path: str | os.PathLike, identity: str | os.PathLike, new_passphrase: str) -> dict[str, Any]:
    """Open a laptop database with the office identity alone, check it, and wrap its key under a
    new passphrase. Returns {"applicants": n, "laptop_id": ...} (no personal data)."""
    from .sync import read_identities  # lazy: the sync file loads cryptography, only for recovery

    path = Path(db_path)
    if not path.exists():
        raise InputError("LAPTOP_DB", f"{path.name}: no such database")
    key = keyfile.recover(path, read_identities(identity))
    db = open_db(path, key=key, migrate=False)
    try:
        applicants = store.applicant_count(db)
        laptop = store.get_setting(db, "laptop_id")
        keyfile.set_passphrase(path, key, new_passphrase)
        with store.transaction(db):
            store.audit(db, "laptop.recovered_by_office", actor="office")
    finally:
        db.conn.close()
    return {"applicants": applicants, "laptop_id": laptop}
