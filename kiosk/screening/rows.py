"""Screening's per-row work at the cost of a few dictionary look-ups (docs/benchmarks.md).

An extract repeats its offenses, courts, counties, booleans, dates and names thousands of times,
so each distinct value (or combination) is judged once by the validators of kiosk/validate.py and
remembered. A row whose every part was judged good, and whose parts agree with each other, gets
its evaluation key without building any object; anything else (a bad value, a rare column, a
mismatch) goes through the full `parse_row`, which names the first fault exactly as before. The
evaluation signature of a key is taken once from `parse_row` itself, so both paths always agree."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from operator import itemgetter

from ..errors import InputError
from ..validate import (
    _SHAPE_FIELDS,
    DOCKET_COUNTIES,
    _conviction_shape,
    _this_year,
    docket_year_of,
    parse_bool,
    parse_date,
    parse_docket,
    parse_name,
)

# the applicant's own booleans, read in this order by parse_row before the conviction
PERSON_FLAGS = ("violent_felony", "sex_offense", "open_case_or_warrant")
# columns that are usually absent; a row that fills one takes the full path
RARE = ("arrest_number", "docket_source", "id")
CACHE_LIMIT = 50_000

_BAD = object()
# the common docket form, exactly as parse_docket reads it when the cell needs no clean-up
_PLAIN_LEGACY = re.compile(r"(\d{4})(KN|NY|BX|QN|RI)\d{6}", re.ASCII)


def _remember(cache: dict, key: object, value: object) -> object:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def make_checker(names: Sequence[str], today: date, thresholds: list[str]) -> Callable[[list[str]], tuple | None]:
    """A function from a row's values (as many as `names`) to its evaluation key, or None when the
    row must take the full path. Equal keys have equal signatures (for one checker)."""
    n = len(names)
    pos = {name: i for i, name in enumerate(names)}
    pad = n  # a missing column reads as None, as row.get() does in parse_row

    def at(name: str) -> int:
        return pos.get(name, pad)

    padded = any(c not in pos for c in (*_SHAPE_FIELDS, *PERSON_FLAGS, "first_name", "last_name",
                                         "date_of_birth", "docket", "arrest_date"))
    shape_of = itemgetter(*(at(c) for c in (*_SHAPE_FIELDS, *PERSON_FLAGS)))
    i_first, i_last, i_dob = at("first_name"), at("last_name"), at("date_of_birth")
    i_docket, i_conv, i_arrest = at("docket"), at("conviction_date"), at("arrest_date")
    rare = [pos[c] for c in RARE if c in pos]
    this_year = str(_this_year())
    legacy = _PLAIN_LEGACY.fullmatch

    names_ok: dict = {None: True}
    dates: dict = {None: None}
    shapes: dict = {}
    buckets: dict = {}

    def name_ok(raw: object) -> bool:
        try:
            parse_name(raw, "name")
            ok = True
        except InputError:
            ok = False
        return _remember(names_ok, raw, ok)  # type: ignore[return-value]

    def iso(raw: object) -> object:
        try:
            d = parse_date(raw, "date", today=today)
            value: object = d.isoformat() if d else None
        except InputError:
            value = _BAD
        return _remember(dates, raw, value)

    serial = iter(range(1 << 62))  # an id per distinct shape, never reused (even after a clear)

    def shape(key: tuple) -> object:
        try:
            for raw, flag in zip(key[-3:], PERSON_FLAGS, strict=True):
                parse_bool(raw, flag)
            s = _conviction_shape(key[:-3], "conviction.")
            # court, county ("" when the row leaves them blank), and a short id standing for the key
            value: object = (s[0], s[1], next(serial))
        except InputError:
            value = _BAD
        return _remember(shapes, key, value)

    def bucket(conv: str) -> str:
        rep = "0000-00-00"
        for t in thresholds:
            if t <= conv:
                rep = t
            else:
                break
        return _remember(buckets, conv, rep)  # type: ignore[return-value]

    def check(v: list) -> tuple | None:
        if padded:
            v = [*v, None]
        if rare and any(v[i] for i in rare):
            return None
        dob = dates.get(v[i_dob], _BAD)
        if dob is _BAD and ((dob := iso(v[i_dob])) is _BAD):
            return None
        ok = names_ok.get(v[i_first]) or name_ok(v[i_first])
        if not (ok and (names_ok.get(v[i_last]) or name_ok(v[i_last]))):
            return None
        key = shape_of(v)
        s = shapes.get(key) or shape(key)
        if s is _BAD:
            return None
        court, county, shape_id = s  # type: ignore[misc]
        raw = v[i_docket]
        if raw and legacy(raw) and "1960" <= raw[:4] <= this_year:
            kind, docket_county, docket_year, docketed = "legacy", DOCKET_COUNTIES[raw[4:6]], raw[:4], True
        else:
            try:
                docket, kind, docket_county = parse_docket(raw, "docket")
            except InputError:
                return None
            year = docket_year_of(docket, kind)
            docket_year, docketed = (f"{year:04d}" if year else ""), bool(docket)
        if not county:
            if not docket_county:
                return None
            county = docket_county
        elif docket_county and docket_county != county:
            return None
        if not court:
            court = "supreme" if kind == "indictment" else "criminal"
        elif court == "supreme" and kind in ("legacy", "current") or court == "criminal" and kind == "indictment":
            return None
        conv = dates.get(v[i_conv], _BAD)
        if conv is _BAD and ((conv := iso(v[i_conv])) is _BAD):
            return None
        if conv is None:
            return None
        arrest = dates.get(v[i_arrest], _BAD)
        if arrest is _BAD and ((arrest := iso(v[i_arrest])) is _BAD):
            return None
        if dob and (conv < dob or (arrest and arrest < dob)):  # type: ignore[operator]
            return None
        if docket_year and conv[:4] < docket_year:  # type: ignore[index]
            return None
        if arrest and arrest > conv:  # type: ignore[operator]
            return None
        return shape_id, court, county, docketed, buckets.get(conv) or bucket(conv)  # type: ignore[arg-type]

    return check
