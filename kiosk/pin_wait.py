"""The wrong-PIN wait, kept in the (encrypted) database so a restart gives no fresh tries.

The first FREE_TRIES wrong PINs cost nothing; from the fifth on, each one makes the next try
wait twice as long as the last (30 s, 1 min, ..., at most 15 min); a right PIN starts over. The
wait is stored as wall-clock seconds with the clock reading it was recorded at: if the clock is
later found set back before that reading, the whole wait starts again from now."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import store

if TYPE_CHECKING:
    from sqlite_utils import Database

FREE_TRIES = 5
FIRST_DELAY = 30.0
MAX_DELAY = 15 * 60.0
_KEY = "pin_wait"

clock: Callable[[], float] = time.time


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - FREE_TRIES))


def _load(db: Database) -> tuple[int, float, float]:
    raw = store.get_setting(db, _KEY)
    try:
        failures, at, wait = raw.split()
        return int(failures), float(at), float(wait)
    except ValueError:
        return 0, 0.0, 0.0


def state(db: Database) -> tuple[int, float]:
    """(wrong PINs in a row, seconds still to wait)."""
    failures, at, wait = _load(db)
    now = clock()
    if now < at:  # the clock was set back: the wait counts again from now
        return failures, wait
    return failures, max(0.0, at + wait - now)


def failed(db: Database) -> float:
    """Count a wrong PIN (inside the caller's transaction); return the wait it starts."""
    failures = _load(db)[0] + 1
    wait = delay_after(failures)
    store.set_setting(db, _KEY, f"{failures} {clock():.3f} {wait:.3f}")
    return wait


def succeeded(db: Database) -> None:
    if store.get_setting(db, _KEY):
        store.set_setting(db, _KEY, "0 0 0")


def message(seconds: float) -> str:
    """What a PIN prompt says while the wait lasts ("" when a PIN may be tried)."""
    if seconds <= 0:
        return ""
    s = int(seconds + 0.999)
    when = ("1 second" if s == 1 else f"{s} seconds") if s < 120 else f"{(s + 59) // 60} minutes"
    return f"Too many wrong PINs. Try again in {when}."
