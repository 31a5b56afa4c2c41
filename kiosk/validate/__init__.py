"""Raw input (a dict from JSON, a CSV row, a wizard field) → typed models, or errors that name
the field and say in plain words what is wrong.

Formats follow docs/legal.md ("Identifiers"). The same functions serve the CLI, bulk screening
and the GUI, so a field is judged the same way everywhere: `parse_*` raise the first problem (one
line on the command line), `check_*` return every problem at once as FieldErrors (the wizard and
the set-up forms show each beside its field). Messages never echo the value back: it may be
personal data.

- fields: text, names, yes/no answers, dates, languages and the shared helpers
- identifiers: counties, dockets, offenses, NYSID
- records: a conviction, an applicant
- forms: the event, an attorney, the office's public key"""

from .fields import (
    DATE_FORMATS,
    FAILED,
    MAX_ALIASES,
    MAX_NAME,
    MAX_TEXT,
    FieldError,
    _check_keys,
    _choice,
    _memo,
    _obj,
    _text,
    iso_date_text,
    parse_answer,
    parse_bool,
    parse_date,
    parse_language,
    parse_name,
    parse_record_name,
)
from .forms import check_attorney, check_event, parse_attorney, parse_event, parse_recipient
from .identifiers import (
    COUNTY_ALIASES,
    COUNTY_CODES,
    DOCKET_COUNTIES,
    KNOWN_SUBDIVISIONS,
    NY_COUNTIES,
    _this_year,
    docket_year_of,
    nysid_looks_valid,
    parse_county,
    parse_docket,
    parse_nysid,
    parse_offense,
)
from .records import (
    _SHAPE_FIELDS,
    APPLICANT_FIELDS,
    CONVICTION_FIELDS,
    MAX_CONVICTIONS,
    _conviction_shape,
    check_applicant,
    check_conviction,
    parse_applicant,
    parse_conviction,
)

__all__ = [
    "APPLICANT_FIELDS", "CONVICTION_FIELDS", "COUNTY_ALIASES", "COUNTY_CODES", "DATE_FORMATS",
    "DOCKET_COUNTIES", "FAILED", "KNOWN_SUBDIVISIONS", "MAX_ALIASES", "MAX_CONVICTIONS", "MAX_NAME",
    "MAX_TEXT", "NY_COUNTIES", "_SHAPE_FIELDS", "FieldError", "_check_keys", "_choice", "_conviction_shape",
    "_memo", "_obj", "_text", "_this_year", "check_applicant", "check_attorney", "check_conviction",
    "check_event", "docket_year_of", "iso_date_text", "nysid_looks_valid", "parse_answer",
    "parse_applicant", "parse_attorney", "parse_bool", "parse_conviction", "parse_county", "parse_date", "parse_docket",
    "parse_event", "parse_language", "parse_name", "parse_nysid", "parse_offense", "parse_recipient",
    "parse_record_name",
]
