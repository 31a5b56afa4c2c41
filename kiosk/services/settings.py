"""The laptop's session settings: idle lock, kiosk mode, the printer and packet copies last used.
Kept in the laptop's own database, so they are per laptop and survive a restart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import store
from ..errors import InputError

if TYPE_CHECKING:
    from sqlite_utils import Database

IDLE_LOCK_DEFAULT_MINUTES = 3
PACKET_COPIES_DEFAULT = 3  # court copy, DA copy, applicant copy


@dataclass
class SessionSettings:
    idle_lock_minutes: int
    kiosk_mode: bool
    printer: str  # "" until a print dialog chose one
    packet_copies: int


@dataclass
class LaptopSettings(SessionSettings):
    """The Laptop settings dialog: the session settings, this laptop's id and the fingerprint of
    its signing key, which the office compares with the export receipt."""

    laptop_id: str
    fingerprint: str


def session_settings(db: Database) -> SessionSettings:
    """Idle-lock minutes, whether kiosk mode is on, and the printer and packet copies last used."""
    def number(key: str, default: int, low: int, high: int) -> int:
        try:
            return min(high, max(low, int(store.get_setting(db, key, str(default)))))
        except ValueError:
            return default

    return SessionSettings(idle_lock_minutes=number("idle_lock_minutes", IDLE_LOCK_DEFAULT_MINUTES, 1, 60),
                           kiosk_mode=store.get_setting(db, "kiosk_mode") == "1",
                           printer=store.get_setting(db, "last_printer"),
                           packet_copies=number("packet_copies", PACKET_COPIES_DEFAULT, 1, 10))


def laptop_settings(db: Database) -> LaptopSettings:
    """The session settings plus this laptop's id and its signing key's fingerprint (created on first use)."""
    from ..sync import laptop_key_fingerprint  # lazy: the key's module loads only for this dialog

    s = session_settings(db)
    return LaptopSettings(idle_lock_minutes=s.idle_lock_minutes, kiosk_mode=s.kiosk_mode, printer=s.printer,
                          packet_copies=s.packet_copies, laptop_id=store.laptop_id(db),
                          fingerprint=laptop_key_fingerprint(db))


def set_idle_lock_minutes(db: Database, minutes: int, *, actor: str = "") -> None:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 60:
        raise InputError("idle_lock_minutes", "must be a whole number of minutes from 1 to 60")
    with store.transaction(db):
        store.set_setting(db, "idle_lock_minutes", str(minutes))
        store.audit(db, "settings.idle_lock", actor=actor, detail=f"minutes={minutes}")


def set_kiosk_mode(db: Database, enabled: bool, *, actor: str = "") -> None:
    with store.transaction(db):
        store.set_setting(db, "kiosk_mode", "1" if enabled else "0")
        store.audit(db, "settings.kiosk_mode", actor=actor, detail=f"on={int(bool(enabled))}")


def save_laptop_settings(db: Database, *, idle_lock_minutes: int, kiosk_mode: bool,
                         actor: str = "") -> SessionSettings:
    """The laptop settings dialog's Save: both settings in one transaction; returns them all."""
    with store.transaction(db):
        set_idle_lock_minutes(db, idle_lock_minutes, actor=actor)
        set_kiosk_mode(db, kiosk_mode, actor=actor)
    return session_settings(db)
