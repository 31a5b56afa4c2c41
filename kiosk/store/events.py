"""Events (one legal-clinic day at a venue) and the attorneys who sign in at them, with their PINs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .. import pins
from ..errors import AuthError, NotFoundError
from ..models import Attorney, Event
from .settings import _stamp, get_setting, new_id

if TYPE_CHECKING:
    from sqlite_utils import Database


def save_event(db: Database, event: Event) -> str:
    event.id = event.id or new_id()
    row = _stamp(db, {
        "id": event.id, "name": event.name, "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(), "venue": event.venue, "address": event.address,
        "county": event.county, "laptop_name": event.laptop_name,
        "office_recipient": event.office_recipient, "part": event.part,
        "return_date": event.return_date.isoformat() if event.return_date else None,
    })
    existing = db.execute("SELECT created_at FROM events WHERE id = ?", [event.id]).fetchone()
    if existing:
        row["created_at"] = existing[0]
        db.table("events").update(event.id, row)
    else:
        db.table("events").insert(row)
    return event.id


def _event_from_row(r: dict) -> Event:
    return Event(
        id=r["id"], name=r["name"], starts_on=date.fromisoformat(r["starts_on"]),
        ends_on=date.fromisoformat(r["ends_on"]), venue=r["venue"], address=r["address"],
        county=r["county"], laptop_name=r["laptop_name"], office_recipient=r["office_recipient"],
        part=r["part"], return_date=date.fromisoformat(r["return_date"]) if r["return_date"] else None,
    )


def get_event(db: Database, event_id: str) -> Event:
    rows = list(db.query("SELECT * FROM events WHERE id = ?", [event_id]))
    if not rows:
        raise NotFoundError("that event does not exist on this laptop")
    return _event_from_row(rows[0])


def current_event(db: Database) -> Event | None:
    eid = get_setting(db, "current_event_id")
    if not eid:
        return None
    try:
        return get_event(db, eid)
    except NotFoundError:
        return None


def list_events(db: Database) -> list[Event]:
    return [_event_from_row(r) for r in db.query("SELECT * FROM events ORDER BY starts_on DESC")]


def save_attorney(db: Database, attorney: Attorney, pin: str | None = None) -> str:
    attorney.id = attorney.id or new_id()
    row: dict[str, Any] = {
        "id": attorney.id, "name": attorney.name, "organization": attorney.organization,
        "registration_number": attorney.registration_number, "phone": attorney.phone,
        "office_address": attorney.office_address, "typed_signature": int(attorney.typed_signature),
    }
    if pin is not None:
        row["pin_salt"], row["pin_hash"] = "", pins.hash_pin(pin)
    existing = db.execute("SELECT created_at FROM attorneys WHERE id = ?", [attorney.id]).fetchone()
    if existing:
        db.table("attorneys").update(attorney.id, _stamp(db, row, created=existing[0]))
    else:
        row.setdefault("pin_salt", "")
        row.setdefault("pin_hash", "")
        db.table("attorneys").insert(_stamp(db, row))
    return attorney.id


def _attorney_from_row(r: dict) -> Attorney:
    return Attorney(id=r["id"], name=r["name"], organization=r["organization"],
                    registration_number=r["registration_number"], phone=r["phone"],
                    office_address=r["office_address"], typed_signature=bool(r["typed_signature"]))


def get_attorney(db: Database, attorney_id: str) -> Attorney:
    rows = list(db.query("SELECT * FROM attorneys WHERE id = ?", [attorney_id]))
    if not rows:
        raise NotFoundError("that attorney does not exist on this laptop")
    return _attorney_from_row(rows[0])


def attorney_exists(db: Database, attorney_id: str) -> bool:
    return db.execute("SELECT 1 FROM attorneys WHERE id = ?", [attorney_id]).fetchone() is not None


def list_attorneys(db: Database) -> list[Attorney]:
    return [_attorney_from_row(r) for r in db.query("SELECT * FROM attorneys ORDER BY name")]


def check_pin(db: Database, attorney_id: str, pin: str) -> bool:
    row = db.execute("SELECT pin_hash, pin_salt FROM attorneys WHERE id = ?", [attorney_id]).fetchone()
    if not row:
        raise AuthError("that attorney does not exist on this laptop")
    return pins.verify_pin(row[0], row[1], pin)
