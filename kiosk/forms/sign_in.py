"""The attorneys' sign-in screen: the new-attorney form's labels and checks
(kiosk.validate.check_attorney, and the PIN rules of kiosk.pins)."""

from __future__ import annotations

from typing import Any

from .. import pins
from ..validate import check_attorney
from . import by_field, sentence

ATTORNEY_LABELS = {
    "name": "Name", "organization": "Organization", "registration_number": "Registration number",
    "phone": "Office phone", "office_address": "Office address",
    "typed_signature": "Sign papers with a typed /s/ signature",
    "pin": "Choose a PIN", "pin_repeat": "Repeat the PIN",
}
ORGANIZATIONS = ("The Legal Aid Society", "Brooklyn Defender Services")
_CHECKED = ("name", "organization", "registration_number", "phone", "office_address")


def _key(path: str) -> str | None:
    key = path.removeprefix("attorney.")
    return key if key in _CHECKED else None


def attorney_errors(raw: dict[str, Any], pin: str | None = None, pin_repeat: str | None = None) -> dict[str, str]:
    """Field key → sentence, every problem of the new-attorney form at once (the PIN included)."""
    out = by_field(check_attorney(raw, "attorney"), _key, ATTORNEY_LABELS.__getitem__)
    if pin is not None:
        if pins.pin_problem(pin):
            out["pin"] = sentence(ATTORNEY_LABELS["pin"], pins.pin_problem(pin))
        elif pin_repeat is not None and pin_repeat != pin:
            out["pin_repeat"] = "The two PINs are not the same."
    return out
