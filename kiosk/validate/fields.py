"""Small field parsers, each usable on its own by the GUI: text, names, yes/no answers, dates,
languages and the helpers the record parsers share (a cache, object and key checks).

Each raises an InputError naming the field; messages never echo the value back (it may be
personal data)."""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from ..errors import InputError
from ..models import LANGUAGES

MAX_NAME = 80
MAX_ALIASES = 20
MAX_TEXT = 300

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_PHONE = re.compile(r"[0-9+()\-. x]{7,30}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,24}")
# control characters and lone surrogates (JSON "\ud800"): they cannot be stored, printed or exported
_BAD_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


# --- small field parsers (each usable on its own by the GUI) ---------------------------------

_F = TypeVar("_F", bound=Callable[..., Any])


def _memo(fn: _F) -> _F:
    """Cache a pure parser: an extract repeats offenses, counties, dates and names thousands of
    times, and bulk screening must stay under a second. Errors are not cached (they re-raise each
    time); unhashable input (a list from JSON) bypasses the cache."""
    cache: dict[tuple, Any] = {}

    @functools.wraps(fn)
    def wrapper(raw: Any, *args: Any, **kw: Any) -> Any:
        key = (type(raw), raw, args, *kw.items())
        try:
            return cache[key]
        except KeyError:
            pass
        except TypeError:
            return fn(raw, *args, **kw)
        value = fn(raw, *args, **kw)
        if len(cache) >= 16384:
            cache.clear()
        cache[key] = value
        return value

    return wrapper  # type: ignore[return-value]


def _text(raw: Any, field: str, *, limit: int = MAX_TEXT, required: bool = False) -> str:
    if raw is None or (type(raw) is str and not raw):  # blank: the usual optional field
        if required:
            raise InputError(field, "is required")
        return ""
    if not isinstance(raw, str):
        raise InputError(field, "must be text")
    value = " ".join(raw.split())
    if _BAD_CHARS.search(value):
        raise InputError(field, "contains a character that is not allowed")
    if required and not value:
        raise InputError(field, "is required")
    if len(value) > limit:
        raise InputError(field, f"is too long ({len(value)} characters; at most {limit})")
    return value


@_memo
def parse_name(raw: Any, field: str, *, required: bool = False, limit: int = MAX_NAME) -> str:
    """A personal name: any script's letters and marks, spaces, hyphens, apostrophes, periods."""
    value = unicodedata.normalize("NFC", _text(raw, field, limit=limit, required=required))
    for ch in value:
        if ch in " -'’.,":
            continue
        cat = unicodedata.category(ch)
        if cat[0] not in "LM":
            raise InputError(field, "may contain only letters, spaces, hyphens, apostrophes and periods")
    if value and not any(unicodedata.category(c)[0] == "L" for c in value):
        raise InputError(field, "must contain at least one letter")
    return value


_BOOL_TEXT = {**{t: True for t in _TRUE}, **{t: False for t in _FALSE - {""}},
              **{t.upper(): True for t in _TRUE}, **{t.upper(): False for t in _FALSE - {""}},
              "True": True, "False": False, "Yes": True, "No": False}


def parse_bool(raw: Any, field: str, default: bool = False) -> bool:
    if raw is None or raw == "":
        return default
    if type(raw) is str and raw in _BOOL_TEXT:
        return _BOOL_TEXT[raw]
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        low = raw.strip().lower()
        if low == "":
            return default
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    raise InputError(field, "must be true or false (also yes/no, 1/0)")


_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
DATE_FORMATS = "YYYY-MM-DD or MM/DD/YYYY"


def iso_date_text(raw: str) -> str:
    """A date as people and rap sheets write it (MM/DD/YYYY or M/D/YYYY, month first, never
    day first) rewritten as YYYY-MM-DD; any other text is returned stripped, unchanged, for
    `parse_date` to judge."""
    text = raw.strip()
    m = _US_DATE.fullmatch(text)
    if m:
        month, day, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


_UNKNOWN = {"unknown", "?", "null"}


def parse_answer(raw: Any, field: str) -> bool | None:
    """A yes / no / unknown answer ("Sentence completed?"): blank, null or "unknown" is unknown
    (None), never a default yes or no, because the papers state only what was answered."""
    if raw is None or (isinstance(raw, str) and (not raw.strip() or raw.strip().lower() in _UNKNOWN)):
        return None
    try:
        return parse_bool(raw, field)
    except InputError:
        raise InputError(field, "must be yes, no or unknown (true, false or null)") from None


def parse_record_name(raw: Any, field: str = "record_name") -> str:
    """The name as court records carry it: Latin letters (accents allowed), spaces, hyphens,
    apostrophes, periods and commas ("WANG, XIUYING")."""
    value = parse_name(raw, field, limit=3 * MAX_NAME)
    for ch in value:
        if unicodedata.category(ch)[0] == "L" and "LATIN" not in unicodedata.name(ch, ""):
            raise InputError(field, "must be written in Latin letters, as on court papers")
    return value


@_memo
def parse_date(raw: Any, field: str, *, required: bool = False, today: date | None = None) -> date | None:
    """YYYY-MM-DD, or MM/DD/YYYY as written in the US; never in the future, never before 1900."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise InputError(field, "is required (YYYY-MM-DD)")
        return None
    text = iso_date_text(raw) if isinstance(raw, str) else ""
    slashed = _US_DATE.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if slashed and int(slashed.group(1)) > 12:
        raise InputError(field, f"must be written month first, MM/DD/YYYY (or YYYY-MM-DD): there is no "
                                f"month {int(slashed.group(1))}")
    if not _ISO_DATE.fullmatch(text):
        raise InputError(field, f"must be a date written {DATE_FORMATS}, e.g. 2016-03-21 or 03/21/2016")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise InputError(field, "is not a real calendar date") from None
    if value > (today or date.today()):
        raise InputError(field, "is in the future")
    if value.year < 1900:
        raise InputError(field, "is before 1900; check the year")
    return value



@_memo
def parse_language(raw: Any, field: str = "language") -> str:
    value = _text(raw, field, limit=10).lower() or "en"
    if value not in LANGUAGES:
        raise InputError(field, f"must be one of {', '.join(LANGUAGES)}")
    return value


@_memo
def _choice(raw: Any, field: str, choices: tuple[str, ...], default: str) -> str:
    value = _text(raw, field, limit=20).lower() or default
    if value not in choices:
        raise InputError(field, f"must be one of {', '.join(choices)}")
    return value


def _obj(raw: Any, field: str) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(field, "must be an object with named fields")
    return raw


def _unknown_keys(raw: dict, allowed: set[str], prefix: str) -> list[str]:
    """The paths of the keys that are not fields of this record, in the record's order."""
    out = []
    for key in raw:
        if key not in allowed:
            # echo only identifier-like keys: one line, and a stray value used as a key may be personal data
            ok = isinstance(key, str) and re.fullmatch(r"[a-z_$][a-z0-9_]{0,39}", key) is not None
            out.append(f"{prefix}{key if ok else '(a field)'}")
    return out


UNKNOWN_KEY = "is not a field we know; check its spelling"


def _check_keys(raw: dict, allowed: set[str], prefix: str, errors: list[FieldError] | None = None) -> None:
    if raw.keys() <= allowed:  # the usual case, one set comparison in C
        return
    for path in _unknown_keys(raw, allowed, prefix):
        _refuse(errors, path, UNKNOWN_KEY)


# --- one implementation, two modes: raise the first error, or collect every one ---------------

@dataclass(frozen=True)
class FieldError:
    """One problem with one field: its path as the applicant format names it
    (``last_name``, ``contact.phone``, ``convictions[1].docket``) and a plain message."""

    path: str
    message: str


class _Failed:
    """The value of a field that did not parse (collecting mode): checks that read it are skipped."""

    def __repr__(self) -> str:
        return "FAILED"


FAILED: Any = _Failed()


def _getter(errors: list[FieldError] | None) -> Callable[..., Any]:
    """How a builder calls a field parser: `get(fn, *args)`. Parsing calls `fn` straight (a C-level
    `operator.call`: 31 calls per applicant made a Python wrapper cost ~30% of parse_applicant);
    collecting records an InputError in `errors` and returns FAILED."""
    if errors is None:
        return operator.call

    def get(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except InputError as e:
            errors.append(FieldError(e.field, e.message))
            return FAILED

    return get


def _first_error(build: Callable[..., Any], *args: Any) -> Any:
    """Parse mode of a record builder (its last argument is the error list): the value, or the
    first InputError raised."""
    value = build(*args, None)
    assert value is not None  # a builder returns None only when it collected errors
    return value


def _every_error(build: Callable[..., Any], *args: Any) -> list[FieldError]:
    """Check mode of the same builder: every problem, in the order parse mode meets them."""
    errors: list[FieldError] = []
    build(*args, errors)
    return errors


def _refuse(errors: list[FieldError] | None, path: str, message: str) -> None:
    """Raise (parsing) or record (collecting) one problem."""
    if errors is None:
        raise InputError(path, message)
    errors.append(FieldError(path, message))
