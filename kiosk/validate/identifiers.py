"""The identifiers of a conviction: counties, docket and indictment numbers, offenses and the
NYSID, read as people and court papers write them (docs/legal.md, "Identifiers")."""

from __future__ import annotations

import functools
import re
import time
from datetime import date
from typing import Any

from ..errors import InputError
from .fields import _memo, _text

# docket county codes (docs/legal.md, "Identifiers") → county slug
DOCKET_COUNTIES = {"KN": "kings", "NY": "new-york", "BX": "bronx", "QN": "queens", "RI": "richmond"}
COUNTY_CODES = {v: k for k, v in DOCKET_COUNTIES.items()}

NY_COUNTIES = (
    "albany allegany bronx broome cattaraugus cayuga chautauqua chemung chenango clinton columbia "
    "cortland delaware dutchess erie essex franklin fulton genesee greene hamilton herkimer jefferson "
    "kings lewis livingston madison monroe montgomery nassau new-york niagara oneida onondaga ontario "
    "orange orleans oswego otsego putnam queens rensselaer richmond rockland st-lawrence saratoga "
    "schenectady schoharie schuyler seneca steuben suffolk sullivan tioga tompkins ulster warren "
    "washington wayne westchester wyoming yates"
).split()
COUNTY_ALIASES = {
    "brooklyn": "kings", "manhattan": "new-york", "new-york-county": "new-york",
    "staten-island": "richmond", "the-bronx": "bronx", "saint-lawrence": "st-lawrence",
}

_LEGACY = re.compile(r"(\d{4})([A-Z]{2})(\d{6})", re.ASCII)
_CURRENT = re.compile(r"CR-(\d{6})-(\d{2})([A-Z]{2})", re.ASCII)
_INDICTMENT = re.compile(r"(\d{1,6})/(\d{2}|\d{4})", re.ASCII)
_UNKNOWN_DOCKET = {"", "UNKNOWN", "N/A", "NA", "NONE", "?"}

_OFFENSE = re.compile(
    r"""^(?:(?P<law>PL|VTL)\s*)?
        (?:(?P<att>110)(?:\.00)?\s*[/-]\s*)?
        (?P<sec>\d{2,4}(?:\.\d{2})?)
        \s*(?:\((?P<sub1>\d{1,2})\)|(?:SUBD?(?:IVISION)?\.?|SUB\.)\s*(?P<sub2>\d{1,2}))?$""",
    re.X | re.ASCII,
)
_NYSID = re.compile(r"\d{7,8}[A-Z]", re.ASCII)
_ARREST_NO = re.compile(r"[A-Z]\d{8}", re.ASCII)

# Which subdivisions exist for the sections whose subdivisions change the outcome.
KNOWN_SUBDIVISIONS = {"221.10": ("1", "2")}


@_memo
def parse_county(raw: Any, field: str) -> str:
    """A New York county as a slug ("kings", "new-york"); accepts "Brooklyn", "Staten Island", ..."""
    value = _text(raw, field, limit=40)
    if not value:
        return ""
    slug = re.sub(r"[\s_]+", "-", value.lower().replace(" county", "")).replace(".", "")
    slug = COUNTY_ALIASES.get(slug, slug)
    if slug not in NY_COUNTIES:
        raise InputError(field, "is not a New York county (e.g. kings, new-york, bronx, queens, richmond)")
    return slug


@functools.lru_cache(maxsize=1)
def _year_cache(hour: int) -> int:
    return date.today().year


def _this_year() -> int:
    return _year_cache(int(time.time() // 3600))


def parse_docket(raw: Any, field: str = "docket") -> tuple[str, str, str]:
    """→ (canonical docket, kind, county slug or "").

    Kinds: "legacy" (2016KN074376), "current" (CR-004766-24KN), "indictment" (5957/2014),
    "unknown" (blank or "unknown": allowed, the record is marked unverified)."""
    value = _text(raw, field, limit=40).upper().replace(" ", "")
    if value in _UNKNOWN_DOCKET:
        return "", "unknown", ""
    if m := _LEGACY.fullmatch(value):
        year, code, _ = m.groups()
        if not 1960 <= int(year) <= _this_year():
            raise InputError(field, "has a year that cannot be right (legacy dockets start with the year)")
        if code not in DOCKET_COUNTIES:
            raise InputError(field, f"has an unknown county code '{code}' (KN, NY, BX, QN or RI)")
        return value, "legacy", DOCKET_COUNTIES[code]
    if m := _CURRENT.fullmatch(value):
        _, yy, code = m.groups()
        if 2000 + int(yy) > _this_year():
            raise InputError(field, "has a year that cannot be right (the two digits after the number are the year)")
        if code not in DOCKET_COUNTIES:
            raise InputError(field, f"has an unknown county code '{code}' (KN, NY, BX, QN or RI)")
        return value, "current", DOCKET_COUNTIES[code]
    if m := _INDICTMENT.fullmatch(value):
        number, year = m.groups()
        if len(year) == 4 and not 1960 <= int(year) <= _this_year():
            raise InputError(field, "has an indictment year that cannot be right")
        return f"{int(number)}/{year}", "indictment", ""
    raise InputError(
        field,
        "is not a docket format we know: use 2016KN074376, CR-004766-24KN, an indictment number "
        "like 5957/2014, or leave it blank if unknown",
    )


def docket_year_of(docket: str, kind: str) -> int:
    """The year a docket or indictment number carries (0 when it carries none)."""
    if kind == "legacy":
        return int(docket[:4])
    if kind == "current":
        return 2000 + int(docket[-4:-2])
    if kind == "indictment":
        year = docket.rsplit("/", 1)[1]
        return int(year) if len(year) == 4 else 0
    return 0


@_memo
def parse_offense(raw: Any, field: str = "offense", *, attempt: bool = False,
                  required: bool = True) -> tuple[str, str, str, bool]:
    """→ (canonical "PL 221.10(1)", section "221.10", subdivision "1", attempt).

    Accepts "221.10", "PL 221.10(1)", "PL § 221.10 sub 1", "Penal Law 221.10(2)",
    "PL 110/221.10" (an attempt), "VTL 1192(3)"."""
    value = _text(raw, field, limit=60).upper()
    if not value:
        if required:
            raise InputError(field, "is required (e.g. PL 221.10(1))")
        return "", "", "", attempt
    value = (value.replace("§", " ").replace("PENAL LAW", "PL").replace("NYPL", "PL")
             .replace("P.L.", "PL").replace("SECTION", " "))
    value = " ".join(value.split())
    m = _OFFENSE.match(value)
    if not m:
        raise InputError(field, "is not an offense we can read: write it like PL 221.10(1) or 221.05")
    law = m["law"] or "PL"
    sec = m["sec"]
    if law == "PL" and "." not in sec:
        raise InputError(field, "needs a Penal Law section with a dot, e.g. 221.10")
    if law == "VTL" and "." in sec:
        raise InputError(field, "is not a Vehicle and Traffic Law section we can read (e.g. VTL 1192(3))")
    sub = m["sub1"] or m["sub2"] or ""
    if sub:
        sub = str(int(sub))
    allowed = KNOWN_SUBDIVISIONS.get(sec)
    if allowed and sub and sub not in allowed:
        raise InputError(field, f"PL {sec} has subdivisions {' and '.join(allowed)} only")
    is_attempt = attempt or bool(m["att"])
    if is_attempt and law != "PL":
        raise InputError(field, "an attempt (PL 110) must name a Penal Law section")
    section = sec if law == "PL" else f"{law} {sec}"
    canonical = f"{law} {'110/' if is_attempt else ''}{sec}{f'({sub})' if sub else ''}"
    return canonical, section, sub, is_attempt


def parse_nysid(raw: Any, field: str = "nysid") -> str:
    """Loose and optional: never blocks (docs/legal.md, "Identifiers"); only absurd input is refused."""
    value = _text(raw, field, limit=20).upper().replace(" ", "")
    if value and not value.isalnum():
        raise InputError(field, "may contain only letters and digits")
    return value


def nysid_looks_valid(value: str) -> bool:
    return bool(_NYSID.fullmatch(value))


