"""Attorneys and the screen lock: registering, signing in, the PIN that unlocks the screen or
leaves kiosk mode. Every wrong PIN counts toward a wait kept in the database (kiosk.pin_wait)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import pin_wait, pins, store
from ..errors import AuthError, InputError
from ..models import Attorney
from ..records import signed_in_attorney
from ..validate import parse_attorney

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["add_attorney", "check_exit_pin", "list_attorneys", "lock_session", "pin_wait_state", "register_attorney",
           "sign_in", "signed_in_attorney", "unlock_session", "update_attorney"]


def add_attorney(db: Database, attorney: Attorney, pin: str) -> str:
    if pins.pin_problem(pin):
        raise InputError("pin", pins.pin_problem(pin))
    with store.transaction(db):
        aid = store.save_attorney(db, attorney, pin)
        store.audit(db, "attorney.added", actor=aid, record_type="attorney", record_id=aid)
    return aid


def update_attorney(db: Database, attorney: Attorney, *, pin: str | None = None) -> None:
    if pin is not None and pins.pin_problem(pin):
        raise InputError("pin", pins.pin_problem(pin))
    with store.transaction(db):
        store.save_attorney(db, attorney, pin)
        store.audit(db, "attorney.updated", actor=attorney.id, record_type="attorney", record_id=attorney.id)


def sign_in(db: Database, attorney_id: str, pin: str) -> Attorney:
    ok = store.check_pin(db, attorney_id, pin)
    with store.transaction(db):
        store.audit(db, "attorney.sign_in" if ok else "attorney.sign_in_failed", actor=attorney_id,
                    record_type="attorney", record_id=attorney_id)
        _count_pin(db, ok)
        if ok:
            store.set_setting(db, "signed_in_attorney_id", attorney_id)
    if not ok:
        raise AuthError("wrong PIN")
    return store.get_attorney(db, attorney_id)


def _count_pin(db: Database, ok: bool) -> None:
    """Keep the wrong-PIN wait in the database (inside the caller's transaction): it survives a restart."""
    if ok:
        pin_wait.succeeded(db)
    else:
        pin_wait.failed(db)


def pin_wait_state(db: Database) -> tuple[int, float]:
    """(wrong PINs in a row, seconds still to wait) as kept in the database (kiosk.pin_wait)."""
    return pin_wait.state(db)


def list_attorneys(db: Database) -> list[Attorney]:
    return store.list_attorneys(db)


def register_attorney(db: Database, raw: dict, pin: str, vouch_pin: str = "") -> Attorney:
    """Add an attorney from the sign-in form and sign them in (one transaction).

    The first attorney on a laptop registers freely. After that an attorney already on the laptop
    must confirm with their PIN: otherwise anyone at a locked laptop could add themselves and
    reach the day's applicants."""
    attorney = parse_attorney(raw)
    existing = store.list_attorneys(db)
    voucher = ""
    if existing:
        if not vouch_pin:
            raise AuthError("an attorney already on this laptop must confirm a new attorney with their PIN")
        voucher = next((a.id for a in existing if store.check_pin(db, a.id, vouch_pin)), "")
        if not voucher:
            with store.transaction(db):
                store.audit(db, "attorney.add_refused", record_type="attorney")
                _count_pin(db, False)
            raise AuthError("that PIN does not belong to an attorney on this laptop")
    with store.transaction(db):
        aid = add_attorney(db, attorney, pin)
        if voucher:
            store.audit(db, "attorney.vouched", actor=voucher, record_type="attorney", record_id=aid)
        signed = sign_in(db, aid, pin)
    return signed


def lock_session(db: Database, *, reason: str, actor: str = "") -> None:
    """Audit that the screen locked ("idle" or "manual"); the lock itself is the GUI's."""
    with store.transaction(db):
        store.audit(db, "session.locked", actor=actor, detail=f"reason={reason}")


def unlock_session(db: Database, pin: str) -> Attorney:
    """Unlock with the signed-in attorney's PIN (audited either way). Raises AuthError."""
    attorney = signed_in_attorney(db)
    if attorney is None:
        raise AuthError("no attorney is signed in; sign in to continue")
    ok = store.check_pin(db, attorney.id, pin)
    with store.transaction(db):
        store.audit(db, "session.unlocked" if ok else "session.unlock_failed", actor=attorney.id,
                    record_type="attorney", record_id=attorney.id)
        _count_pin(db, ok)
    if not ok:
        raise AuthError("wrong PIN")
    return attorney


def check_exit_pin(db: Database, pin: str) -> str:
    """Leaving kiosk mode (closing the app) needs the signed-in attorney's PIN; before anyone has
    signed in, any registered attorney's PIN; on a laptop with no attorney yet, nothing. Returns
    the id of the attorney whose PIN it was ("" for none). Raises AuthError; audited either way."""
    signed = signed_in_attorney(db)
    candidates = [signed] if signed is not None else store.list_attorneys(db)
    who = next((a.id for a in candidates if store.check_pin(db, a.id, pin)), None) if candidates else ""
    with store.transaction(db):
        store.audit(db, "session.kiosk_exit" if who is not None else "session.kiosk_exit_refused",
                    actor=who or (signed.id if signed else ""))
        if candidates:
            _count_pin(db, who is not None)
    if who is None:
        raise AuthError("wrong PIN")
    return who
