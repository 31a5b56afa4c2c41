"""Setting up the event: its details, the DA office's key, the README's demo event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import store
from ..models import Event
from ..office_key import guard_change, wrap_for_office
from ..validate import parse_event

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_EVENT = {
    "name": "Begin Again: Brooklyn marijuana conviction vacatur",
    "starts_on": "2018-09-21", "ends_on": "2018-09-22",
    "venue": "Lenox Road Baptist Church",
    "address": "1356 Nostrand Ave, Brooklyn, NY 11226",
    "county": "kings",
}


def configure_event(db: Database, event: Event, *, actor: str = "") -> str:
    with store.transaction(db):
        eid = store.save_event(db, event)
        store.set_setting(db, "current_event_id", eid)
        store.audit(db, "event.configured", actor=actor, record_type="event", record_id=eid)
    if event.office_recipient:
        wrap_for_office(db, event.office_recipient)  # the office can recover this laptop's database
    return eid


def ensure_demo_event(db: Database) -> Event:
    """The demo event of the README's run command (Sept 21-22, 2018, Lenox Road Baptist Church)."""
    ev = store.current_event(db)
    if ev:
        return ev
    ev = parse_event(DEMO_EVENT)
    configure_event(db, ev)
    return ev


def setup_event(db: Database, raw: dict, *, actor: str = "", passphrase: str | None = None) -> Event:
    """First-run event set-up (or a later edit) from the form's raw fields. Changing an office key
    already set needs the event `passphrase` (kiosk.office_key)."""
    event = parse_event(raw)
    if guard_change(db, event.office_recipient, passphrase):
        with store.transaction(db):
            store.audit(db, "event.office_key_changed", actor=actor, detail=f"recipient={event.office_recipient}")
    configure_event(db, event, actor=actor)
    return event


def current_event(db: Database) -> Event | None:
    return store.current_event(db)
