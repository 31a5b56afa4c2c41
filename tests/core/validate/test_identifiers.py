"""Counties, dockets, offenses and NYSIDs as people and papers write them, each read to its
canonical form or refused naming the field."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.validate.identifiers import parse_county, parse_docket, parse_offense


@pytest.mark.parametrize(("raw", "canonical", "kind", "county"), [
    ("2016KN074376", "2016KN074376", "legacy", "kings"),
    ("2016kn074376", "2016KN074376", "legacy", "kings"),
    (" 2016 KN 074376 ", "2016KN074376", "legacy", "kings"),
    ("CR-004766-24KN", "CR-004766-24KN", "current", "kings"),
    ("cr-004766-24kn", "CR-004766-24KN", "current", "kings"),
    ("2015NY022318", "2015NY022318", "legacy", "new-york"),
    ("2015BX022318", "2015BX022318", "legacy", "bronx"),
    ("2015QN022318", "2015QN022318", "legacy", "queens"),
    ("2015RI022318", "2015RI022318", "legacy", "richmond"),
    ("CR-000001-19QN", "CR-000001-19QN", "current", "queens"),
    ("5957/2014", "5957/2014", "indictment", ""),
    ("05957/14", "5957/14", "indictment", ""),
    ("", "", "unknown", ""),
    ("unknown", "", "unknown", ""),
    ("N/A", "", "unknown", ""),
    (None, "", "unknown", ""),
])
def test_docket_formats(raw, canonical, kind, county):
    assert parse_docket(raw, "d") == (canonical, kind, county)


def test_county_names_and_aliases():
    assert parse_county("Brooklyn", "c") == "kings"
    assert parse_county("Staten Island", "c") == "richmond"
    assert parse_county("New York County", "c") == "new-york"
    assert parse_county("Westchester", "c") == "westchester"
    with pytest.raises(InputError):
        parse_county("Narnia", "c")


@pytest.mark.parametrize(("raw", "expected"), [
    ("221.10", ("PL 221.10", "221.10", "", False)),
    ("PL 221.10(1)", ("PL 221.10(1)", "221.10", "1", False)),
    ("pl 221.10 (2)", ("PL 221.10(2)", "221.10", "2", False)),
    ("PL § 221.10 sub 1", ("PL 221.10(1)", "221.10", "1", False)),
    ("PL §221.10 subd. 2", ("PL 221.10(2)", "221.10", "2", False)),
    ("Penal Law 221.15", ("PL 221.15", "221.15", "", False)),
    ("Penal Law § 221.05", ("PL 221.05", "221.05", "", False)),
    ("NYPL 221.05", ("PL 221.05", "221.05", "", False)),
    ("PL 110/221.10", ("PL 110/221.10", "221.10", "", True)),
    ("PL 110-221.10(1)", ("PL 110/221.10(1)", "221.10", "1", True)),
    ("PL 110.00/221.15", ("PL 110/221.15", "221.15", "", True)),
    ("PL 240.20", ("PL 240.20", "240.20", "", False)),
    ("VTL 1192(3)", ("VTL 1192(3)", "VTL 1192", "3", False)),
])
def test_offense_normalisation(raw, expected):
    assert parse_offense(raw, "o") == expected


def test_a_nysid_is_loose_but_absurd_text_is_refused_naming_the_field():
    from kiosk.validate.identifiers import nysid_looks_valid, parse_nysid

    assert parse_nysid("0123 4567 l") == "01234567L" and nysid_looks_valid("01234567L")
    assert parse_nysid("12345") == "12345" and not nysid_looks_valid("12345")  # kept, never blocks
    with pytest.raises(InputError) as e:
        parse_nysid("1234-567L", "applicant.nysid")
    assert e.value.field == "applicant.nysid" and "1234" not in e.value.message


def test_an_attempt_must_name_a_penal_law_section():
    with pytest.raises(InputError) as e:
        parse_offense("VTL 1192(3)", "o", attempt=True)
    assert e.value.field == "o" and "PL 110" in e.value.message
