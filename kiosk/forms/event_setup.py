"""The first-run event set-up form: its labels and its checks (kiosk.validate.check_event)."""

from __future__ import annotations

from typing import Any

from ..validate import check_event
from . import COUNTIES, by_field

__all__ = ["COUNTIES", "EVENT_LABELS", "event_errors"]

# Names unique across the whole app (the applicant's "Phone" and "County" are the wizard's), so a
# script that looks a field up by name among every widget, shown or not, finds the right one.
EVENT_LABELS = {
    "name": "Event name", "starts_on": "First day", "ends_on": "Last day", "venue": "Venue",
    "address": "Venue address", "county": "Event county", "laptop_name": "Laptop name",
    "office_recipient": "DA office public key", "part": "Court Part", "return_date": "Return date",
}


def _key(path: str) -> str | None:
    key = path.removeprefix("event.")
    return key if key in EVENT_LABELS else None


def event_errors(raw: dict[str, Any]) -> dict[str, str]:
    """Field key → sentence, every problem of the form at once."""
    return by_field(check_event(raw, "event"), _key, EVENT_LABELS.__getitem__)
