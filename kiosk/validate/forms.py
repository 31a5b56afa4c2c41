"""The forms beside the applicant: the event (first-run set-up) and an attorney (sign-in), plus
the DA office's public key. `parse_*` raise the first problem, `check_*` return every one."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..errors import InputError
from ..models import Attorney, Event
from .fields import (
    FAILED,
    FieldError,
    _check_keys,
    _every_error,
    _first_error,
    _getter,
    _obj,
    _refuse,
    _text,
    parse_bool,
    parse_date,
    parse_name,
)
from .identifiers import parse_county
from .records import _phone

ATTORNEY_FIELDS = {"name", "organization", "registration_number", "phone", "office_address",
                   "typed_signature", "id"}
EVENT_FIELDS = {"name", "starts_on", "ends_on", "venue", "address", "county", "laptop_name",
                "office_recipient", "part", "return_date", "id"}


def _registration(raw: Any, field: str) -> str:
    reg = _text(raw, field, limit=20)
    if reg and not reg.isdigit():
        raise InputError(field, "must be digits only (the attorney registration number)")
    return reg


def _attorney(raw: Any, field: str, errors: list[FieldError] | None) -> Attorney | None:
    get = _getter(errors)
    raw = get(_obj, raw, field)
    if raw is FAILED:
        return None
    _check_keys(raw, ATTORNEY_FIELDS, f"{field}.", errors)
    reg = get(_registration, raw.get("registration_number"), f"{field}.registration_number")
    phone = get(_phone, raw.get("phone"), f"{field}.phone")
    values = dict(
        name=get(parse_name, raw.get("name"), f"{field}.name", required=True, limit=120),
        organization=get(_text, raw.get("organization"), f"{field}.organization", limit=120),
        office_address=get(_text, raw.get("office_address"), f"{field}.office_address", limit=200),
        typed_signature=get(parse_bool, raw.get("typed_signature"), f"{field}.typed_signature"),
        id=get(_text, raw.get("id"), f"{field}.id", limit=40),
    )
    if errors:
        return None
    return Attorney(registration_number=reg, phone=phone, **values)


def parse_attorney(raw: Any, field: str = "attorney") -> Attorney:
    return _first_error(_attorney, raw, field)


def check_attorney(raw: Any, field: str = "attorney") -> list[FieldError]:
    """Every problem of an attorney's form at once (empty: `parse_attorney` accepts it)."""
    return _every_error(_attorney, raw, field)


def parse_recipient(raw: Any, field: str = "office_recipient") -> str:
    """The DA office's age public key (age1...), or "" when not configured yet."""
    value = _text(raw, field, limit=100).strip()
    if value and not re.fullmatch(r"age1[02-9ac-hj-np-z]{58}", value):
        raise InputError(field, "is not an age public key (it starts with age1 and has 62 characters)")
    return value


def _event(raw: Any, field: str, errors: list[FieldError] | None) -> Event | None:
    get = _getter(errors)
    raw = get(_obj, raw, field)
    if raw is FAILED:
        return None
    _check_keys(raw, EVENT_FIELDS, f"{field}.", errors)
    far = date(date.today().year + 5, 12, 31)  # events are planned ahead: allow future dates
    starts = get(parse_date, raw.get("starts_on"), f"{field}.starts_on", required=True, today=far)
    ends = get(parse_date, raw.get("ends_on"), f"{field}.ends_on", today=far) or starts
    if starts is not FAILED and ends is not FAILED and ends < starts:
        _refuse(errors, f"{field}.ends_on", "is before the first day")
    values = dict(
        name=get(_text, raw.get("name"), f"{field}.name", limit=120, required=True),
        venue=get(_text, raw.get("venue"), f"{field}.venue", limit=120),
        address=get(_text, raw.get("address"), f"{field}.address", limit=200),
        county=get(parse_county, raw.get("county"), f"{field}.county") or "kings",
        laptop_name=get(_text, raw.get("laptop_name"), f"{field}.laptop_name", limit=60),
        office_recipient=get(parse_recipient, raw.get("office_recipient"), f"{field}.office_recipient"),
        part=get(_text, raw.get("part"), f"{field}.part", limit=20),
        return_date=get(parse_date, raw.get("return_date"), f"{field}.return_date", today=far),
        id=get(_text, raw.get("id"), f"{field}.id", limit=40),
    )
    if errors:
        return None
    return Event(starts_on=starts, ends_on=ends, **values)


def parse_event(raw: Any, field: str = "event") -> Event:
    return _first_error(_event, raw, field)


def check_event(raw: Any, field: str = "event") -> list[FieldError]:
    """Every problem of the event's form at once (empty: `parse_event` accepts it)."""
    return _every_error(_event, raw, field)
