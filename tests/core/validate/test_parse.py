"""Validation of the applicant file format (kiosk/validate.py): identifiers, offenses, dates,
names, unknown fields, and the promise that no input escapes as anything but an InputError whose
message does not quote the value back."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.errors import InputError
from kiosk.validate import (
    parse_applicant,
    parse_conviction,
    parse_date,
)
from tests.core.conftest import applicant_dict, conviction_dict


def field_error(raw) -> InputError:
    with pytest.raises(InputError) as e:
        parse_applicant(raw)
    return e.value


def one(conviction: dict, **over):
    return parse_applicant(applicant_dict(convictions=[conviction], **over)).convictions[0]


# --- dockets ------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "2016KN07437",        # five digits
    "2016KN0743766",      # seven digits
    "16KN074376",         # two-digit year
    "2016XX074376",       # unknown county code
    "1899KN074376",       # impossible year
    "CR-04766-24KN",      # short current docket
    "CR-004766-24ZZ",     # unknown county code
    "5957/2014/1",
    "5957-2014",
    "KN074376",
    "٢٠١٦KN٠٧٤٣٧٦",      # Arabic-Indic digits look like a docket to \d but are not one
    "hello",
])
def test_malformed_docket_is_an_error_naming_the_field(raw):
    e = field_error(applicant_dict(convictions=[conviction_dict(docket=raw, county="kings")]))
    assert e.field == "convictions[0].docket"
    assert e.message


def test_county_is_inferred_from_the_docket():
    c = one(conviction_dict(docket="2015QN022318", county=None))
    assert c.county == "queens"
    c = one(conviction_dict(docket="CR-004766-24KN", county=None, conviction_date="2024-05-01", arrest_date=None))
    assert (c.county, c.docket_kind) == ("kings", "current")


def test_county_contradicting_the_docket_is_an_error():
    e = field_error(applicant_dict(convictions=[conviction_dict(docket="2015QN022318", county="kings")]))
    assert e.field == "convictions[0].county"
    assert "QN" in e.message


def test_unknown_docket_is_allowed_and_unverified():
    c = one(conviction_dict(docket="", docket_source=None))
    assert (c.docket, c.docket_kind, c.docket_source, c.verified) == ("", "unknown", "unknown", False)
    c = one(conviction_dict(docket="2016KN074376", docket_source="memory"))
    assert c.docket and not c.verified
    c = one(conviction_dict(docket_source=None))
    assert c.docket_source == "document" and c.verified


def test_unknown_docket_needs_a_county():
    e = field_error(applicant_dict(convictions=[conviction_dict(docket="", county=None)]))
    assert e.field == "convictions[0].county"


def test_indictment_means_supreme_court():
    c = one(conviction_dict(docket="5957/2014", court=None))
    assert (c.court, c.docket_kind, c.county) == ("supreme", "indictment", "kings")
    e = field_error(applicant_dict(convictions=[conviction_dict(docket="5957/2014", court="criminal")]))
    assert e.field == "convictions[0].docket"
    e = field_error(applicant_dict(convictions=[conviction_dict(court="supreme")]))
    assert e.field == "convictions[0].docket"


# --- offenses -----------------------------------------------------------------------------------

def test_attempt_flag_and_attempt_notation_agree():
    c = one(conviction_dict(offense="PL 221.10(1)", attempt=True))
    assert (c.offense, c.attempt) == ("PL 110/221.10(1)", True)
    c = one(conviction_dict(offense="PL 110/221.10", attempt=False))
    assert (c.offense, c.attempt) == ("PL 110/221.10", True)


@pytest.mark.parametrize("raw", ["", "221", "PL 221.10(3)", "marijuana", "PL 221.1", "PL ٢٢١.١٠",
                                 "VTL 110/1192", "221.10(1)(a)"])
def test_unreadable_offense_is_an_error(raw):
    e = field_error(applicant_dict(convictions=[conviction_dict(offense=raw)]))
    assert e.field == "convictions[0].offense"


def test_original_charge_is_optional_and_normalised():
    assert one(conviction_dict(original_charge="Penal Law 221.35")).original_charge == "PL 221.35"
    assert one(conviction_dict(original_charge=None)).original_charge == ""
    e = field_error(applicant_dict(convictions=[conviction_dict(original_charge="sale")]))
    assert e.field == "convictions[0].original_charge"


# --- dates --------------------------------------------------------------------------------------

def test_dates_parse():
    c = one(conviction_dict(arrest_date="2016-03-01", conviction_date="2016-03-21"))
    assert (c.arrest_date, c.conviction_date) == (date(2016, 3, 1), date(2016, 3, 21))


@pytest.mark.parametrize(("over", "field", "words"), [
    ({"conviction_date": (date.today() + timedelta(days=1)).isoformat(), "arrest_date": None},
     "convictions[0].conviction_date", "future"),
    ({"conviction_date": "1979-01-01", "arrest_date": None}, "convictions[0].conviction_date", "birth"),
    ({"arrest_date": "1979-12-31"}, "convictions[0].arrest_date", "birth"),
    ({"arrest_date": "2016-03-22"}, "convictions[0].arrest_date", "after the conviction"),
    ({"conviction_date": "21/03/2016"}, "convictions[0].conviction_date", "YYYY-MM-DD"),
    ({"conviction_date": "last spring"}, "convictions[0].conviction_date", "YYYY-MM-DD"),
    ({"conviction_date": "2016-02-30"}, "convictions[0].conviction_date", "real calendar date"),
    ({"conviction_date": "2015-02-29"}, "convictions[0].conviction_date", "real calendar date"),
    ({"conviction_date": 20160321}, "convictions[0].conviction_date", "YYYY-MM-DD"),
    ({"conviction_date": None}, "convictions[0].conviction_date", "required"),
])
def test_bad_dates(over, field, words):
    e = field_error(applicant_dict(convictions=[conviction_dict(**over)]))
    assert e.field == field
    assert words in e.message


def test_leap_day_and_future_birth():
    assert parse_date("2016-02-29", "d") == date(2016, 2, 29)
    e = field_error(applicant_dict(date_of_birth=(date.today() + timedelta(days=30)).isoformat()))
    assert e.field == "date_of_birth" and "future" in e.message


# --- names --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Nguyễn Thị Minh", "Łukasz Wójcik", "O'Brien-Núñez", "Jean-Baptiste",
                                  "王秀英", "Алексей", "J. R.", "D’Angelo"])
def test_unicode_names_are_accepted(name):
    a = parse_applicant(applicant_dict(first_name=name, last_name=name))
    assert a.first_name == name and a.last_name == name


@pytest.mark.parametrize("name", ["J4ne", "Jane!", "R2-D2", "<script>", "Jane_Doe", "@jane", "---"])
def test_names_with_digits_or_symbols_are_refused(name):
    e = field_error(applicant_dict(first_name=name))
    assert e.field == "first_name"


def test_a_very_long_name_is_refused_with_a_length_message():
    e = field_error(applicant_dict(last_name="a" * 5000))
    assert e.field == "last_name"
    assert "too long" in e.message and "5000" in e.message


def test_last_name_is_required():
    assert field_error(applicant_dict(last_name="  ")).field == "last_name"


def test_aliases_are_names():
    assert field_error(applicant_dict(aliases=["Jane", "J4"])).field == "aliases[1]"
    assert field_error(applicant_dict(aliases={})).field == "aliases"
    assert field_error(applicant_dict(aliases="Jane")).field == "aliases"
    assert parse_applicant(applicant_dict(aliases=None)).aliases == []


# --- other fields -------------------------------------------------------------------------------

def test_unknown_fields_are_refused():
    assert field_error(applicant_dict(favourite_colour="blue")).field == "favourite_colour"
    e = field_error(applicant_dict(convictions=[conviction_dict(dockett="2016KN074376")]))
    assert e.field == "convictions[0].dockett"
    assert field_error(applicant_dict(contact={"fax": "1"})).field == "contact.fax"
    assert field_error(applicant_dict(other_convictions={"murder": True})).field == "other_convictions.murder"


@pytest.mark.parametrize(("over", "field"), [
    ({"language": "fr"}, "language"),
    ({"contact": {"email": "not-an-email"}}, "contact.email"),
    ({"contact": {"phone": "call me"}}, "contact.phone"),
    ({"nysid": "0123-4567"}, "nysid"),
    ({"consent_to_share": "maybe"}, "consent_to_share"),
    ({"other_convictions": {"violent_felony": 2}}, "other_convictions.violent_felony"),
    ({"convictions": []}, "convictions"),
    ({"convictions": {}}, "convictions"),
    ({"contact": "718-555-0100"}, "contact"),
    ({"address": "x"}, "address"),
])
def test_field_errors(over, field):
    assert field_error(applicant_dict(**over)).field == field


@pytest.mark.parametrize(("over", "field"), [
    ({"court": "family"}, "convictions[0].court"),
    ({"plea": "alford"}, "convictions[0].plea"),
    ({"docket_source": "rumour"}, "convictions[0].docket_source"),
    ({"county": "Narnia"}, "convictions[0].county"),
    ({"sentence_complete": "sometimes"}, "convictions[0].sentence_complete"),
    ({"arrest_number": "K18-612345"}, "convictions[0].arrest_number"),
])
def test_conviction_field_errors(over, field):
    assert field_error(applicant_dict(convictions=[conviction_dict(**over)])).field == field


def test_second_conviction_errors_name_its_index():
    good, bad = conviction_dict(), conviction_dict(docket="bad docket")
    assert field_error(applicant_dict(convictions=[good, bad])).field == "convictions[1].docket"


def test_defaults():
    a = parse_applicant({"last_name": "Doe", "convictions": [
        {"docket": "2016KN074376", "offense": "221.05", "conviction_date": "2016-01-01"}]})
    assert (a.first_name, a.language, a.consent_to_share, a.violent_felony, a.sex_offense,
            a.open_case_or_warrant, a.immigration_concern, a.aliases, a.nysid) == \
           ("", "en", False, False, False, False, False, [], "")
    c = a.convictions[0]
    assert (c.court, c.county, c.docket_source, c.attempt, c.plea, c.sentence_complete, c.fines_owed,
            c.other_counts_dismissed, c.driving_involved, c.arrest_date) == \
           ("criminal", "kings", "document", False, "guilty", None, None, False, False, None)  # answers: unknown


def test_nysid_is_loose_and_never_blocks():
    assert parse_applicant(applicant_dict(nysid="12345")).nysid == "12345"
    assert parse_applicant(applicant_dict(nysid="0123 4567 l")).nysid == "01234567L"


def test_text_with_control_characters_or_lone_surrogates_is_refused():
    """A lone surrogate (legal in JSON as "\\ud800") cannot be stored in SQLite or printed."""
    raw = json.loads('{"address": "1 Main St \\ud800"}')
    e = field_error(applicant_dict(contact=raw))
    assert e.field == "contact.address"
    e = field_error(applicant_dict(convictions=[conviction_dict(sentence="time\x07served")]))
    assert e.field == "convictions[0].sentence"


def test_parse_conviction_alone_accepts_extra_keys_only_when_asked():
    row = {**conviction_dict(), "record_id": "r1"}
    assert parse_conviction(row, check_keys=False).docket == "2016KN074376"
    with pytest.raises(InputError):
        parse_conviction(row)


# --- arbitrary input ----------------------------------------------------------------------------

_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
            | st.text(max_size=30) | st.text(alphabet=st.characters(), min_size=0, max_size=300)
            | st.sampled_from(["", "unknown", "2016KN074376", "PL 221.10(1)", "2016-02-30", "kings",
                               "\ud800", "\x00", "٢٠١٦", "é" * 6000, "yes", "criminal", "supreme"]))
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=20)
_conv_field = st.sampled_from(sorted(["court", "county", "docket", "docket_source", "offense", "attempt",
                                      "arrest_date", "conviction_date", "plea", "sentence",
                                      "sentence_complete", "fines_owed", "original_charge",
                                      "other_counts_dismissed", "driving_involved", "arrest_number"]))
_app_field = st.sampled_from(sorted(["first_name", "middle_name", "last_name", "suffix", "aliases",
                                     "date_of_birth", "nysid", "language", "contact", "consent_to_share",
                                     "other_convictions", "open_case_or_warrant", "immigration_concern"]))
# near-valid records with a few fields replaced by arbitrary JSON reach the deep checks
_mutated = st.builds(
    lambda app, conv: applicant_dict(**app, convictions=[conviction_dict(**{k: v for k, v in conv.items()
                                                                             if v is not None})]),
    st.dictionaries(_app_field, _json, max_size=3), st.dictionaries(_conv_field, _json, max_size=4))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_json, _mutated))
def test_arbitrary_input_only_ever_raises_input_error(raw):
    try:
        parse_applicant(raw)
    except InputError as e:
        assert e.field and e.message
        assert "\n" not in str(e)


# a distinctive prefix keeps the value from being a substring of a fixed message by chance
_PRIVATE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
                   min_size=4, max_size=60).map(lambda s: "Zq" + s)


@settings(max_examples=300, deadline=None)
@given(_app_field | _conv_field, _PRIVATE)
def test_messages_never_quote_the_value(field, value):
    """An error shown on screen or logged must not carry the personal data that caused it."""
    if field in {"first_name", "middle_name", "last_name", "suffix", "date_of_birth", "nysid", "language",
                 "consent_to_share", "open_case_or_warrant", "immigration_concern", "aliases",
                 "contact", "other_convictions"}:
        if field == "aliases":
            raw = applicant_dict(aliases=[value])
        elif field == "contact":
            raw = applicant_dict(contact={"email": value})
        elif field == "other_convictions":
            raw = applicant_dict(other_convictions={"violent_felony": value})
        else:
            raw = applicant_dict(**{field: value})
    else:
        raw = applicant_dict(convictions=[conviction_dict(**{field: value})])
    try:
        parse_applicant(raw)
    except InputError as e:
        text = str(e)
        assert value not in text and value.strip() not in text


def test_messages_do_not_quote_a_known_private_value():
    for raw in (applicant_dict(first_name="Secret99"), applicant_dict(date_of_birth="1980-99-01"),
                applicant_dict(nysid="0123-4567Z"),
                applicant_dict(convictions=[conviction_dict(docket="2016KN0743769")]),
                applicant_dict(convictions=[conviction_dict(offense="PL 221.10(7)")])):
        e = field_error(raw)
        for value in ("Secret99", "1980-99-01", "0123-4567Z", "2016KN0743769", "221.10(7)"):
            assert value not in str(e)


# --- the JSON Schema of the applicant file -------------------------------------------------------

def _schema_validator():
    import jsonschema

    from tests.core.conftest import ROOT

    schema = json.loads((ROOT / "resources/schemas/applicant.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


SCHEMA = _schema_validator()


def test_examples_and_the_sample_match_the_schema_and_validate():
    from tests.core.conftest import EXAMPLES, SAMPLE_APPLICANT

    files = sorted(EXAMPLES.glob("*.json"))
    assert len(files) >= 5
    for raw in [SAMPLE_APPLICANT] + [json.loads(p.read_text(encoding="utf-8")) for p in files]:
        assert [e.message for e in SCHEMA.iter_errors(raw)] == []
        parse_applicant(raw)


def test_schema_names_every_field_and_choice_of_the_code():
    from kiosk.models import DOCKET_SOURCES, LANGUAGES, PLEAS
    from kiosk.validate import APPLICANT_FIELDS, CONVICTION_FIELDS, NY_COUNTIES

    s = SCHEMA.schema
    conv = s["$defs"]["conviction"]["properties"]
    assert set(s["properties"]) == APPLICANT_FIELDS
    assert set(conv) == CONVICTION_FIELDS
    assert set(s["properties"]["contact"]["properties"]) == {"phone", "email", "address"}
    assert set(s["properties"]["other_convictions"]["properties"]) == {"violent_felony", "sex_offense"}
    pattern = conv["county"]["pattern"]
    for county in NY_COUNTIES:
        assert SCHEMA.is_valid(applicant_dict(convictions=[conviction_dict(docket="", county=county)])), county
        assert "".join(f"[{c.upper()}{c}]" if c.isalpha() else "" for c in county.split("-")[0]) in pattern
    for lang in LANGUAGES:
        assert SCHEMA.is_valid(applicant_dict(language=lang))
    for v in DOCKET_SOURCES:
        assert SCHEMA.is_valid(applicant_dict(convictions=[conviction_dict(docket_source=v)]))
    for v in PLEAS:
        assert SCHEMA.is_valid(applicant_dict(convictions=[conviction_dict(plea=v)]))


# Per field, values the schema and the code must both accept and both refuse. Checks a schema
# cannot make (calendar dates, one field against another, names without any letter, impossible
# docket years, subdivisions that do not exist) are left out: the README says so.
_FLAG_GOOD = [True, False, "yes", "No", "TRUE", "y", "N", "1", "0", 1, 0, "", None, " yes "]
_FLAG_BAD = ["maybe", 2, -1, [], {}, "yess", "t"]
_ANSWER_GOOD = [*_FLAG_GOOD, "unknown", "Unknown", "?", "null"]
APP_VALUES = {
    "first_name": (["Jane", "Nguyễn Thị Minh", "O'Brien-Núñez", "Łukasz", "", None, "J. R."],
                   ["J4ne", "Jane!", "a" * 81, 5, "Jane_", "<b>"]),
    "middle_name": (["Thị", "", None], ["Q2", []]),
    "last_name": (["Doe", "Wójcik", "D’Angelo"], ["", "  ", None, "D0e", 7, "a" * 81]),
    "suffix": (["Jr.", "III", "", None], ["Jr.Jr.Jr.Jr", "2nd"]),
    "record_name": (["WANG, XIUYING", "Nguyễn Thị Minh", "O'Brien-Núñez", "", None], ["王秀英", "Wang2", 5, "Иванов"]),
    "aliases": ([[], ["Jane Roe"], None, ["Nguyễn Minh", "J. Doe"]], [{}, "Jane", [""], ["J4"], ["Jo"] * 21, 3]),
    "date_of_birth": (["1980-01-01", "", None, "01/31/1980", "1/3/1980"],
                      ["1980/01/01", 1980, "01-01-1980", "1980-1-1", "31/01/1980"]),
    "nysid": (["01234567L", "", "1234", None, "0123 4567 l"], ["0123-4567", 12345678, "x" * 21]),
    "language": (["en", "ES", "zh", "ht", "ru", "", None], ["fr", "english", 1]),
    "contact": ([{}, {"phone": "718-555-0100"}, None, {"email": "a@b.org"}, {"address": "1 Main St"}],
                [{"fax": "1"}, "718", {"phone": "call me"}, {"email": "nope"}, {"address": "x" * 301}]),
    "consent_to_share": (_FLAG_GOOD, _FLAG_BAD),
    "open_case_or_warrant": (_FLAG_GOOD, _FLAG_BAD),
    "immigration_concern": (_FLAG_GOOD, _FLAG_BAD),
    "other_convictions": ([{}, {"violent_felony": True}, None, {"sex_offense": "no"}],
                          [{"murder": True}, [], {"sex_offense": "perhaps"}]),
    "convictions": ([], [[], {}, None, "x"]),
    "favourite_colour": ([], ["blue"]),
}
CONV_VALUES = {
    "court": (["criminal", "CRIMINAL", "", None], ["family", 1]),
    "county": (["kings", "Kings", "Brooklyn", "kings county", "", None], ["Narnia", 5, "kings-queens"]),
    "docket": (["2016KN074376", "2016kn074376", "CR-004766-16KN", "", "unknown", "N/A", None, " 2016KN074376 "],
               ["2016KN07437", "2016XX074376", "5957-2014", 2016, "KN074376", "CR-04766-16KN"]),
    "docket_source": (["document", "Memory", "unknown", "", None], ["rumour", 1]),
    "offense": (["221.10", "PL 221.10(1)", "PL § 221.10 sub 1", "Penal Law 221.15", "PL 110/221.10",
                 "PL 110.00/221.15", "VTL 1192(3)", "pl 221.10 (2)", "NYPL 221.05"],
                ["weed", "", "221", None, "PL 221.1", "VTL 1192.30", 221.10, "PL 221.10(1)(a)"]),
    "attempt": ([True, False, "no", "", None], ["maybe", 2]),
    "arrest_date": (["2016-03-20", "", None], ["March 2016", 2016]),
    "conviction_date": (["2016-03-21", " 2016-03-21 ", "3/21/2016"],
                        ["", None, "2016-3-21", 20160321, "21/03/2016"]),
    "arrest_number": (["K18612345", "", None], ["K18-612345", 18612345, 0, False]),
    "id": (["c1", "", None], [0, False, 5]),
    "plea": (["guilty", "Verdict", "", None], ["alford", True]),
    "sentence": (["time served", "", None, "fine $100"], ["x" * 201, 5, "a\x07b"]),
    "sentence_complete": (_ANSWER_GOOD, _FLAG_BAD),
    "fines_owed": (_ANSWER_GOOD, _FLAG_BAD),
    "original_charge": (["PL 221.35", "", None, "221.40"], ["sale", 221]),
    "other_counts_dismissed": (_FLAG_GOOD, _FLAG_BAD),
    "driving_involved": (_FLAG_GOOD, _FLAG_BAD),
    "dockett": ([], ["2016KN074376"]),
}


def _with(app: dict, conv: dict) -> dict:
    c = conviction_dict()
    c.update(conv)
    raw = applicant_dict(convictions=[c])
    raw.update(app)
    return raw


def _code_accepts(raw) -> bool:
    try:
        parse_applicant(raw)
    except InputError:
        return False
    return True


@pytest.mark.parametrize(("where", "field", "value", "ok"), [
    (w, f, v, ok) for w, table in (("app", APP_VALUES), ("conv", CONV_VALUES)) for f, (good, bad) in table.items()
    for ok, values in ((True, good), (False, bad)) for v in values])
def test_schema_and_code_agree_field_by_field(where, field, value, ok):
    raw = _with({field: value}, {}) if where == "app" else _with({}, {field: value})
    assert _code_accepts(raw) is ok
    assert SCHEMA.is_valid(raw) is ok, [e.message for e in SCHEMA.iter_errors(raw)]


_pick = st.sampled_from([(f, v) for f, (g, b) in APP_VALUES.items() for v in g + b])
_pick_conv = st.sampled_from([(f, v) for f, (g, b) in CONV_VALUES.items() for v in g + b])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pick, max_size=3), st.lists(_pick_conv, max_size=3))
def test_schema_and_code_agree_on_combinations(app, conv):
    raw = _with(dict(app), dict(conv))
    assert SCHEMA.is_valid(raw) is _code_accepts(raw)


@pytest.mark.parametrize(("docket", "conviction_date"), [
    ("2016KN074376", "2015-12-31"),
    ("CR-004766-19KN", "2018-06-01"),
    ("5957/2014", "2013-01-01"),
])
def test_conviction_before_the_docket_year_is_an_error(docket, conviction_date):
    with pytest.raises(InputError) as e:
        one(conviction_dict(docket=docket, county="kings", court="supreme" if "/" in docket else "criminal",
                            conviction_date=conviction_date, arrest_date=None))
    assert e.value.field.endswith("conviction_date") and "docket" in e.value.message


def test_current_docket_year_in_the_future_is_an_error():
    with pytest.raises(InputError) as e:
        one(conviction_dict(docket="CR-004766-99KN", county=None))
    assert e.value.field.endswith("docket")


@pytest.mark.parametrize(("docket", "county", "ok"), [
    ("", "", False), ("unknown", None, False), (None, "", False), ("5957/2014", "", False),
    ("2016KN074376", "", True), ("CR-004766-16KN", None, True), ("", "kings", True), ("5957/2014", "kings", True),
])
def test_schema_and_code_agree_that_a_docket_without_a_county_code_needs_the_county(docket, county, ok):
    """The one rule between two fields that the schema can state (an if/else on the docket)."""
    court = "supreme" if docket == "5957/2014" else "criminal"
    raw = _with({}, {"docket": docket, "county": county, "court": court, "conviction_date": "2016-03-21"})
    assert _code_accepts(raw) is ok
    assert SCHEMA.is_valid(raw) is ok


# --- dates as people and rap sheets write them ----------------------------------------------------

def test_a_slash_date_in_an_applicant_file_is_stored_as_iso():
    c = one(conviction_dict(arrest_date="3/1/2016", conviction_date="03/21/2016"))
    assert (c.arrest_date, c.conviction_date) == (date(2016, 3, 1), date(2016, 3, 21))
