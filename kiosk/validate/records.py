"""Whole records: a conviction and an applicant (the JSON file format of the README).

One implementation serves two uses. `parse_*` return the typed model or raise the first problem,
in the order the fields are read (the CLI's one line). `check_*` return every problem at once as
FieldErrors (the wizard shows each beside its field): a field whose own parse failed is left out
of the checks that compare it with another field, so one mistake is reported once."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import InputError
from ..models import DOCKET_SOURCES, PLEAS, Applicant, Contact, Conviction
from .fields import (
    _EMAIL,
    _PHONE,
    FAILED,
    MAX_ALIASES,
    MAX_NAME,
    FieldError,
    _check_keys,
    _choice,
    _every_error,
    _first_error,
    _getter,
    _memo,
    _obj,
    _refuse,
    _text,
    parse_answer,
    parse_bool,
    parse_date,
    parse_language,
    parse_name,
    parse_record_name,
)
from .identifiers import COUNTY_CODES, docket_year_of, parse_county, parse_docket, parse_nysid, parse_offense

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
MAX_CONVICTIONS = 50

_SHAPE_FIELDS = ("court", "county", "offense", "attempt", "original_charge", "plea", "sentence",
                 "sentence_complete", "fines_owed", "other_counts_dismissed", "driving_involved")


def _court(raw: Any, field: str) -> str:
    court = _text(raw, field, limit=20).lower()
    if court and court not in ("criminal", "supreme"):
        raise InputError(field, "must be criminal or supreme")
    return court


def _shape_fields(values: tuple, p: str, errors: list[FieldError] | None) -> tuple:
    get = _getter(errors)
    court_raw, county_raw, offense_raw, attempt_raw, original_raw, plea, sentence, complete, fines, \
        dismissed, driving = values
    court = get(_court, court_raw, p + "court")
    county = get(parse_county, county_raw, p + "county")
    attempt = get(parse_bool, attempt_raw, p + "attempt")
    offense = get(parse_offense, offense_raw, p + "offense", attempt=attempt is True)
    offense, section, sub, attempt = (FAILED,) * 4 if offense is FAILED else offense
    original = get(parse_offense, original_raw, p + "original_charge", required=False)
    return (court, county, offense, section, sub, attempt, FAILED if original is FAILED else original[0],
            get(_choice, plea, p + "plea", PLEAS, "guilty"),
            get(_text, sentence, p + "sentence", limit=200),
            get(parse_answer, complete, p + "sentence_complete"),
            get(parse_answer, fines, p + "fines_owed"),
            get(parse_bool, dismissed, p + "other_counts_dismissed"),
            get(parse_bool, driving, p + "driving_involved"))


@_memo
def _conviction_shape(values: tuple, p: str) -> tuple:
    """The fields of a conviction that repeat across records (court, county, offense, flags...),
    parsed once per distinct combination: the per-record work is then the docket and the dates."""
    return _shape_fields(values, p, None)


def _conviction(raw: Any, field: str, date_of_birth: date | None, today: date | None, check_keys: bool,
                errors: list[FieldError] | None) -> Conviction | None:
    get = _getter(errors)
    raw = get(_obj, raw, field)
    if raw is FAILED:
        return None
    if check_keys:
        _check_keys(raw, CONVICTION_FIELDS, f"{field}.", errors)
    p = f"{field}."
    values = tuple(map(raw.get, _SHAPE_FIELDS))
    shape = _conviction_shape(values, p) if errors is None else _shape_fields(values, p, errors)
    (court, county, offense, section, sub, attempt, original, plea, sentence, sentence_complete,
     fines_owed, dismissed, driving) = shape
    parsed = get(parse_docket, raw.get("docket"), p + "docket")
    docket, kind, docket_county = (FAILED,) * 3 if parsed is FAILED else parsed
    docket_year = 0 if parsed is FAILED else docket_year_of(docket, kind)
    if county is not FAILED and parsed is not FAILED:
        if not county:
            county = docket_county or ""
            if not county:
                _refuse(errors, p + "county", "is required when the docket is unknown or has no county code")
        elif docket_county and docket_county != county:
            _refuse(errors, p + "county", f"does not match the docket's county code ({COUNTY_CODES[docket_county]})")
    if court is not FAILED and parsed is not FAILED:
        court = court or ("supreme" if kind == "indictment" else "criminal")
        if court == "supreme" and kind in ("legacy", "current"):
            _refuse(errors, p + "docket", "is a Criminal Court docket but the court is Supreme Court")
        if court == "criminal" and kind == "indictment":
            _refuse(errors, p + "docket", "is an indictment number but the court is Criminal Court")
    source = get(_choice, raw.get("docket_source"), p + "docket_source", DOCKET_SOURCES,
             "document" if parsed is not FAILED and docket else "unknown")
    conv_date = get(parse_date, raw.get("conviction_date"), p + "conviction_date", required=True,
                    today=today)
    arrest_date = get(parse_date, raw.get("arrest_date"), p + "arrest_date", today=today)
    if conv_date is not FAILED:
        if date_of_birth and conv_date < date_of_birth:
            _refuse(errors, p + "conviction_date", "is before the date of birth")
    if date_of_birth and arrest_date and arrest_date is not FAILED and arrest_date < date_of_birth:
        _refuse(errors, p + "arrest_date", "is before the date of birth")
    if conv_date is not FAILED:
        if docket_year and conv_date.year < docket_year:
            _refuse(errors, p + "conviction_date", "is before the year in the docket number; check both")
        if arrest_date and arrest_date is not FAILED and arrest_date > conv_date:
            _refuse(errors, p + "arrest_date", "is after the conviction date")
    arrest_number = raw.get("arrest_number")
    if arrest_number is not None and arrest_number != "":  # 0 or false is a wrong type, not blank
        arrest_number = get(_text, arrest_number, p + "arrest_number", limit=20)
        if arrest_number is not FAILED:
            arrest_number = arrest_number.upper().replace(" ", "")
            if arrest_number and not arrest_number.isalnum():
                _refuse(errors, p + "arrest_number", "may contain only letters and digits")
    cid = raw.get("id")
    cid = get(_text, cid, p + "id", limit=40) if cid is not None and cid != "" else ""
    if errors:
        return None
    return Conviction(
        court=court, county=county, offense=offense, section=section, subdivision=sub,
        conviction_date=conv_date, docket=docket, docket_kind=kind, docket_source=source,
        attempt=attempt, arrest_date=arrest_date, arrest_number=arrest_number or "",
        plea=plea, sentence=sentence, sentence_complete=sentence_complete, fines_owed=fines_owed,
        original_charge=original, other_counts_dismissed=dismissed, driving_involved=driving, id=cid,
    )


def parse_conviction(raw: Any, field: str = "conviction", *, date_of_birth: date | None = None,
                     today: date | None = None, check_keys: bool = True) -> Conviction:
    """One conviction. `check_keys=False` lets an extract row carry its other columns."""
    return _first_error(_conviction, raw, field, date_of_birth, today, check_keys)


def check_conviction(raw: Any, field: str = "conviction", *, date_of_birth: date | None = None,
                     today: date | None = None) -> list[FieldError]:
    """Every problem of one conviction (empty: `parse_conviction` accepts it)."""
    return _every_error(_conviction, raw, field, date_of_birth, today, True)


def _list(raw: Any, field: str, message: str) -> list:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(field, message)
    return raw


def _phone(raw: Any, field: str) -> str:
    phone = _text(raw, field, limit=30)
    if phone and not _PHONE.fullmatch(phone):
        raise InputError(field, "must be a phone number (digits, spaces, + ( ) - .)")
    return phone


def _email(raw: Any, field: str) -> str:
    email = _text(raw, field, limit=254)
    if email and not _EMAIL.fullmatch(email):
        raise InputError(field, "is not an email address")
    return email


def _applicant(raw: Any, today: date | None, require_convictions: bool,
               errors: list[FieldError] | None) -> Applicant | None:
    get = _getter(errors)
    if not isinstance(raw, dict):
        _refuse(errors, "applicant", "must be a JSON object with the applicant's fields")
        return None
    _check_keys(raw, APPLICANT_FIELDS, "", errors)
    dob = get(parse_date, raw.get("date_of_birth"), "date_of_birth", today=today)
    aliases_raw = get(_list, raw.get("aliases"), "aliases", "must be a list of names")
    aliases = []
    if aliases_raw is not FAILED:
        if len(aliases_raw) > MAX_ALIASES:
            _refuse(errors, "aliases", f"has more than {MAX_ALIASES} names")
            aliases_raw = []
        aliases = [get(parse_name, a, f"aliases[{i}]", required=True, limit=3 * MAX_NAME)
                   for i, a in enumerate(aliases_raw)]
    contact = get(_obj, raw.get("contact"), "contact")
    contact = {} if contact is FAILED else contact
    _check_keys(contact, {"phone", "email", "address"}, "contact.", errors)
    phone = get(_phone, contact.get("phone"), "contact.phone")
    email = get(_email, contact.get("email"), "contact.email")
    other = get(_obj, raw.get("other_convictions"), "other_convictions")
    other = {} if other is FAILED else other
    _check_keys(other, {"violent_felony", "sex_offense"}, "other_convictions.", errors)
    convs_raw = get(_list, raw.get("convictions"), "convictions", "must be a list")
    convictions: list = []
    if convs_raw is not FAILED:
        if require_convictions and not convs_raw:
            _refuse(errors, "convictions", "needs at least one conviction")
        if len(convs_raw) > MAX_CONVICTIONS:
            _refuse(errors, "convictions", f"has more than {MAX_CONVICTIONS} convictions; split the record")
            convs_raw = []
        known_dob = None if dob is FAILED else dob
        convictions = [_conviction(c, f"convictions[{i}]", known_dob, today, True, errors)
                       for i, c in enumerate(convs_raw)]
    # the remaining fields straight into the model, read in the same order as before (the first error
    # raised is the same); collecting mode discards it when any field failed
    applicant = Applicant(
        first_name=get(parse_name, raw.get("first_name"), "first_name"),
        middle_name=get(parse_name, raw.get("middle_name"), "middle_name"),
        last_name=get(parse_name, raw.get("last_name"), "last_name", required=True),
        suffix=get(parse_name, raw.get("suffix"), "suffix", limit=10),
        record_name=get(parse_record_name, raw.get("record_name")),
        aliases=aliases,
        date_of_birth=dob,
        nysid=get(parse_nysid, raw.get("nysid")),
        language=get(parse_language, raw.get("language")),
        contact=Contact(phone=phone, email=email, address=get(_text, contact.get("address"), "contact.address")),
        consent_to_share=get(parse_bool, raw.get("consent_to_share"), "consent_to_share"),
        violent_felony=get(parse_bool, other.get("violent_felony"), "other_convictions.violent_felony"),
        sex_offense=get(parse_bool, other.get("sex_offense"), "other_convictions.sex_offense"),
        open_case_or_warrant=get(parse_bool, raw.get("open_case_or_warrant"), "open_case_or_warrant"),
        immigration_concern=get(parse_bool, raw.get("immigration_concern"), "immigration_concern"),
        convictions=convictions,
        id=get(_text, raw.get("id"), "id", limit=40),
    )
    return None if errors else applicant


def parse_applicant(raw: Any, *, today: date | None = None, require_convictions: bool = True) -> Applicant:
    """Validate a whole applicant (the JSON file format of the README) into an Applicant."""
    return _first_error(_applicant, raw, today, require_convictions)


def check_applicant(raw: Any, *, today: date | None = None,
                    require_convictions: bool = True) -> list[FieldError]:
    """Every problem of an applicant at once, in the order `parse_applicant` reads the fields
    (its error is the first of these); empty when `parse_applicant` accepts the record."""
    return _every_error(_applicant, raw, today, require_convictions)
