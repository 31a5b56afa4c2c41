"""Raw input (a dict from JSON, a CSV row, a wizard field) → typed models, or an InputError that
names the field and says in plain words what is wrong.

Formats follow domain.md §4 and §6. The same functions serve the CLI, bulk screening and the
GUI's inline validation, so a field is judged the same way everywhere. Messages never echo the
value back: it may be personal data."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from .errors import InputError
from .models import (
    DOCKET_SOURCES,
    LANGUAGES,
    PLEAS,
    Applicant,
    Attorney,
    Contact,
    Conviction,
    Event,
)

MAX_NAME = 80
MAX_ALIASES = 20
MAX_TEXT = 300

# docket county codes (domain.md §4) → county slug
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
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_PHONE = re.compile(r"[0-9+()\-. x]{7,30}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,24}")
# control characters and lone surrogates (JSON "\ud800"): they cannot be stored, printed or exported
_BAD_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NYSID = re.compile(r"\d{7,8}[A-Z]", re.ASCII)
_ARREST_NO = re.compile(r"[A-Z]\d{8}", re.ASCII)

# Which subdivisions exist for the sections whose subdivisions change the outcome.
KNOWN_SUBDIVISIONS = {"221.10": ("1", "2")}

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
    if raw is None:
        raw = ""
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
    import time

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
    """Loose and optional: never blocks (domain.md §4); only absurd input is refused."""
    value = _text(raw, field, limit=20).upper().replace(" ", "")
    if value and not value.isalnum():
        raise InputError(field, "may contain only letters and digits")
    return value


def nysid_looks_valid(value: str) -> bool:
    return bool(_NYSID.fullmatch(value))


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


def _check_keys(raw: dict, allowed: set[str], prefix: str) -> None:
    for key in raw:
        if key not in allowed:
            # echo only identifier-like keys: one line, and a stray value used as a key may be personal data
            ok = isinstance(key, str) and re.fullmatch(r"[a-z_$][a-z0-9_]{0,39}", key) is not None
            name = key if ok else "(a field)"
            raise InputError(f"{prefix}{name}", "is not a field we know; check its spelling")


# --- records ------------------------------------------------------------------------------

APPLICANT_FIELDS = {
    "first_name", "middle_name", "last_name", "suffix", "record_name", "aliases", "date_of_birth", "nysid",
    "language", "contact", "consent_to_share", "other_convictions", "open_case_or_warrant",
    "immigration_concern", "convictions",
    # accepted and used elsewhere (documents, sync), or ignored
    "attorney", "event", "id", "reference", "$schema",
}
CONVICTION_FIELDS = {
    "court", "county", "docket", "docket_source", "offense", "attempt", "arrest_date",
    "arrest_number", "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
    "original_charge", "other_counts_dismissed", "driving_involved", "id",
}


_SHAPE_FIELDS = ("court", "county", "offense", "attempt", "original_charge", "plea", "sentence",
                 "sentence_complete", "fines_owed", "other_counts_dismissed", "driving_involved")


@_memo
def _conviction_shape(values: tuple, p: str) -> tuple:
    """The fields of a conviction that repeat across records (court, county, offense, flags...),
    parsed once per distinct combination: the per-record work is then the docket and the dates."""
    court_raw, county_raw, offense_raw, attempt_raw, original_raw, plea, sentence, complete, fines, \
        dismissed, driving = values
    court = _text(court_raw, p + "court", limit=20).lower()
    if court and court not in ("criminal", "supreme"):
        raise InputError(p + "court", "must be criminal or supreme")
    county = parse_county(county_raw, p + "county")
    attempt = parse_bool(attempt_raw, p + "attempt")
    offense, section, sub, attempt = parse_offense(offense_raw, p + "offense", attempt=attempt)
    original = parse_offense(original_raw, p + "original_charge", required=False)[0]
    return (court, county, offense, section, sub, attempt, original,
            _choice(plea, p + "plea", PLEAS, "guilty"),
            _text(sentence, p + "sentence", limit=200),
            parse_answer(complete, p + "sentence_complete"),
            parse_answer(fines, p + "fines_owed"),
            parse_bool(dismissed, p + "other_counts_dismissed"),
            parse_bool(driving, p + "driving_involved"))


def parse_conviction(raw: Any, field: str = "conviction", *, date_of_birth: date | None = None,
                     today: date | None = None, check_keys: bool = True) -> Conviction:
    """One conviction. `check_keys=False` lets an extract row carry its other columns."""
    raw = _obj(raw, field)
    if check_keys:
        _check_keys(raw, CONVICTION_FIELDS, f"{field}.")
    p = f"{field}."
    (court, county, offense, section, sub, attempt, original, plea, sentence, sentence_complete,
     fines_owed, dismissed, driving) = _conviction_shape(tuple(map(raw.get, _SHAPE_FIELDS)), p)
    docket, kind, docket_county = parse_docket(raw.get("docket"), p + "docket")
    docket_year = docket_year_of(docket, kind)
    if not county:
        county = docket_county or ""
        if not county:
            raise InputError(p + "county", "is required when the docket is unknown or has no county code")
    elif docket_county and docket_county != county:
        raise InputError(p + "county", f"does not match the docket's county code ({COUNTY_CODES[docket_county]})")
    court = court or ("supreme" if kind == "indictment" else "criminal")
    if court == "supreme" and kind in ("legacy", "current"):
        raise InputError(p + "docket", "is a Criminal Court docket but the court is Supreme Court")
    if court == "criminal" and kind == "indictment":
        raise InputError(p + "docket", "is an indictment number but the court is Criminal Court")
    source = _choice(raw.get("docket_source"), p + "docket_source", DOCKET_SOURCES,
                     "document" if docket else "unknown")
    conv_date = parse_date(raw.get("conviction_date"), p + "conviction_date", required=True, today=today)
    arrest_date = parse_date(raw.get("arrest_date"), p + "arrest_date", today=today)
    assert conv_date is not None
    if date_of_birth and conv_date < date_of_birth:
        raise InputError(p + "conviction_date", "is before the date of birth")
    if date_of_birth and arrest_date and arrest_date < date_of_birth:
        raise InputError(p + "arrest_date", "is before the date of birth")
    if docket_year and conv_date.year < docket_year:
        raise InputError(p + "conviction_date", "is before the year in the docket number; check both")
    if arrest_date and arrest_date > conv_date:
        raise InputError(p + "arrest_date", "is after the conviction date")
    arrest_number = raw.get("arrest_number")
    if arrest_number is not None and arrest_number != "":  # 0 or false is a wrong type, not blank
        arrest_number = _text(arrest_number, p + "arrest_number", limit=20).upper().replace(" ", "")
        if arrest_number and not arrest_number.isalnum():
            raise InputError(p + "arrest_number", "may contain only letters and digits")
    cid = raw.get("id")
    return Conviction(
        court=court, county=county, offense=offense, section=section, subdivision=sub,
        conviction_date=conv_date, docket=docket, docket_kind=kind, docket_source=source,
        attempt=attempt, arrest_date=arrest_date, arrest_number=arrest_number or "",
        plea=plea, sentence=sentence, sentence_complete=sentence_complete, fines_owed=fines_owed,
        original_charge=original, other_counts_dismissed=dismissed, driving_involved=driving,
        id=_text(cid, p + "id", limit=40) if cid is not None and cid != "" else "",
    )


def parse_applicant(raw: Any, *, today: date | None = None, require_convictions: bool = True) -> Applicant:
    """Validate a whole applicant (the JSON file format of the README) into an Applicant."""
    if not isinstance(raw, dict):
        raise InputError("applicant", "must be a JSON object with the applicant's fields")
    _check_keys(raw, APPLICANT_FIELDS, "")
    dob = parse_date(raw.get("date_of_birth"), "date_of_birth", today=today)
    aliases_raw = raw.get("aliases")
    if aliases_raw is None:
        aliases_raw = []
    if not isinstance(aliases_raw, list):
        raise InputError("aliases", "must be a list of names")
    if len(aliases_raw) > MAX_ALIASES:
        raise InputError("aliases", f"has more than {MAX_ALIASES} names")
    aliases = [parse_name(a, f"aliases[{i}]", required=True, limit=3 * MAX_NAME)
               for i, a in enumerate(aliases_raw)]
    contact = _obj(raw.get("contact"), "contact")
    _check_keys(contact, {"phone", "email", "address"}, "contact.")
    phone = _text(contact.get("phone"), "contact.phone", limit=30)
    if phone and not _PHONE.fullmatch(phone):
        raise InputError("contact.phone", "must be a phone number (digits, spaces, + ( ) - .)")
    email = _text(contact.get("email"), "contact.email", limit=254)
    if email and not _EMAIL.fullmatch(email):
        raise InputError("contact.email", "is not an email address")
    other = _obj(raw.get("other_convictions"), "other_convictions")
    _check_keys(other, {"violent_felony", "sex_offense"}, "other_convictions.")
    convs_raw = raw.get("convictions")
    if convs_raw is None:
        convs_raw = []
    if not isinstance(convs_raw, list):
        raise InputError("convictions", "must be a list")
    if require_convictions and not convs_raw:
        raise InputError("convictions", "needs at least one conviction")
    if len(convs_raw) > 50:
        raise InputError("convictions", "has more than 50 convictions; split the record")
    convictions = [parse_conviction(c, f"convictions[{i}]", date_of_birth=dob, today=today)
                   for i, c in enumerate(convs_raw)]
    return Applicant(
        first_name=parse_name(raw.get("first_name"), "first_name"),
        middle_name=parse_name(raw.get("middle_name"), "middle_name"),
        last_name=parse_name(raw.get("last_name"), "last_name", required=True),
        suffix=parse_name(raw.get("suffix"), "suffix", limit=10),
        record_name=parse_record_name(raw.get("record_name")),
        aliases=aliases,
        date_of_birth=dob,
        nysid=parse_nysid(raw.get("nysid")),
        language=parse_language(raw.get("language")),
        contact=Contact(phone=phone, email=email,
                        address=_text(contact.get("address"), "contact.address")),
        consent_to_share=parse_bool(raw.get("consent_to_share"), "consent_to_share"),
        violent_felony=parse_bool(other.get("violent_felony"), "other_convictions.violent_felony"),
        sex_offense=parse_bool(other.get("sex_offense"), "other_convictions.sex_offense"),
        open_case_or_warrant=parse_bool(raw.get("open_case_or_warrant"), "open_case_or_warrant"),
        immigration_concern=parse_bool(raw.get("immigration_concern"), "immigration_concern"),
        convictions=convictions,
        id=_text(raw.get("id"), "id", limit=40),
    )


def parse_attorney(raw: Any, field: str = "attorney") -> Attorney:
    raw = _obj(raw, field)
    _check_keys(raw, {"name", "organization", "registration_number", "phone", "office_address",
                      "typed_signature", "id"}, f"{field}.")
    reg = _text(raw.get("registration_number"), f"{field}.registration_number", limit=20)
    if reg and not reg.isdigit():
        raise InputError(f"{field}.registration_number", "must be digits only (the attorney registration number)")
    phone = _text(raw.get("phone"), f"{field}.phone", limit=30)
    if phone and not _PHONE.fullmatch(phone):
        raise InputError(f"{field}.phone", "must be a phone number (digits, spaces, + ( ) - .)")
    return Attorney(
        name=parse_name(raw.get("name"), f"{field}.name", required=True, limit=120),
        organization=_text(raw.get("organization"), f"{field}.organization", limit=120),
        registration_number=reg,
        phone=phone,
        office_address=_text(raw.get("office_address"), f"{field}.office_address", limit=200),
        typed_signature=parse_bool(raw.get("typed_signature"), f"{field}.typed_signature"),
        id=_text(raw.get("id"), f"{field}.id", limit=40),
    )


def parse_recipient(raw: Any, field: str = "office_recipient") -> str:
    """The DA office's age public key (age1...), or "" when not configured yet."""
    value = _text(raw, field, limit=100).strip()
    if value and not re.fullmatch(r"age1[02-9ac-hj-np-z]{58}", value):
        raise InputError(field, "is not an age public key (it starts with age1 and has 62 characters)")
    return value


def parse_event(raw: Any, field: str = "event") -> Event:
    raw = _obj(raw, field)
    _check_keys(raw, {"name", "starts_on", "ends_on", "venue", "address", "county", "laptop_name",
                      "office_recipient", "part", "return_date", "id"}, f"{field}.")
    far = date(date.today().year + 5, 12, 31)  # events are planned ahead: allow future dates
    starts = parse_date(raw.get("starts_on"), f"{field}.starts_on", required=True, today=far)
    ends = parse_date(raw.get("ends_on"), f"{field}.ends_on", today=far) or starts
    assert starts is not None and ends is not None
    if ends < starts:
        raise InputError(f"{field}.ends_on", "is before the first day")
    return Event(
        name=_text(raw.get("name"), f"{field}.name", limit=120, required=True),
        starts_on=starts, ends_on=ends,
        venue=_text(raw.get("venue"), f"{field}.venue", limit=120),
        address=_text(raw.get("address"), f"{field}.address", limit=200),
        county=parse_county(raw.get("county"), f"{field}.county") or "kings",
        laptop_name=_text(raw.get("laptop_name"), f"{field}.laptop_name", limit=60),
        office_recipient=parse_recipient(raw.get("office_recipient"), f"{field}.office_recipient"),
        part=_text(raw.get("part"), f"{field}.part", limit=20),
        return_date=parse_date(raw.get("return_date"), f"{field}.return_date", today=far),
        id=_text(raw.get("id"), f"{field}.id", limit=40),
    )
