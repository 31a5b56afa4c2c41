"""The quick row check of screening agrees with the full parse_row on any row: a row it passes
parses without error, and rows it gives the same key have the same evaluation signature."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import store
from kiosk.eligibility import signature
from kiosk.errors import InputError
from kiosk.screening.extract import COLUMNS, parse_row
from kiosk.screening.rows import make_checker
from kiosk.store.rules_db import open_rules_db
from tests.core import screen_golden_support as pools

TODAY = date(2026, 1, 1)
THRESHOLDS = store.date_thresholds(open_rules_db())
DATES = ["", " 1970-01-01 ", "1969-07-04", "2016-02-30", "2016-03-21", "2019-08-27", "2019-08-28",
         "2021-03-31", "1899-12-31", "2999-01-01", "2016/01/01", "1995-05-05", "2020-12-31"]
DOCKETS = ["2016KN074376", "2016kn074376", "2016 KN 074376", "1995QN000001", "2099KN000001", "1950KN000001",
           "2016ZZ000001", "CR-004766-16KN", "CR-004766-99KN", "5957/2014", "5957/14", "", "unknown", "x",
           "2016KN12", "2021NY000001", "2016BX000001\t"]
CELLS = {
    "first_name": pools.FIRST + pools.BAD_NAMES, "last_name": pools.LAST + pools.BAD_NAMES,
    "date_of_birth": DATES, "arrest_date": DATES, "conviction_date": DATES, "docket": DOCKETS,
    "court": pools.COURTS + ["supreme", "family"], "county": [c for c, _ in pools.COUNTIES] + ["Narnia"],
    "offense": pools.OFFENSES + pools.BAD_OFFENSES, "original_charge": pools.ORIGINALS + ["bad"],
    "plea": pools.PLEAS + ["nolo"], "sentence": pools.SENTENCES + ["s" * 201],
}
BOOLS = pools.BOOLS_TRUE + pools.BOOLS_FALSE + pools.BOOLS_BAD
OPTIONAL = [c for c in COLUMNS if c not in ("offense", "conviction_date")] + ["arrest_number", "docket_source", "id"]


GOOD = {  # mostly good values, so that many rows take the quick path
    "first_name": ["Ana", "José", "", "Mary Ann"], "last_name": ["Row", "O'Brien", ""],
    "date_of_birth": ["", "1970-01-01", "1960-05-05"], "arrest_date": ["", "2016-03-01"],
    "conviction_date": ["2016-03-21", "2019-08-27", "2021-03-31", "2017-01-01"],
    "docket": ["2016KN074376", "2016QN000001", "", "CR-004766-16KN", "5957/2014"],
    "court": ["", "criminal", "supreme"], "county": ["", "kings", "queens", "Brooklyn"],
    "offense": ["PL 221.10(1)", "221.05", "PL 221.20", "PL 110/221.10", "PL 221.35"],
    "original_charge": ["", "PL 221.40"], "plea": ["guilty", ""], "sentence": ["time served", ""],
    "arrest_number": [""], "docket_source": [""], "id": [""], "record_id": ["r1"],
}


def cell(name: str) -> st.SearchStrategy[str]:
    if name in ("arrest_number", "docket_source", "id"):
        every = ["", "K12345678", "document", "memory", "guess", "x" * 41]
    else:
        every = CELLS.get(name, BOOLS if name != "record_id" else ["r1"])
    good = GOOD.get(name, ["", "true", "no", "Y", "0"])
    return st.sampled_from(good * 12 + every)


@st.composite
def extract_rows(draw):
    names = ["offense", "conviction_date"] + draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=18))
    names = draw(st.permutations(names))
    rows = [[draw(cell(n)) for n in names] for _ in range(8)]
    return names, rows


@settings(max_examples=300, deadline=None)
@given(extract_rows())
def test_the_quick_check_agrees_with_parse_row(case):
    names, rows = case
    check = make_checker(names, TODAY, THRESHOLDS)
    seen: dict[tuple, tuple] = {}
    for values in rows:
        key = check(values)
        if key is None:
            continue
        try:
            a, c = parse_row(dict(zip(names, values, strict=True)), today=TODAY)
        except InputError as e:  # pragma: no cover (shown when the two disagree)
            raise AssertionError(f"the quick check passed a row parse_row refuses: {e}") from None
        sig = signature(a, c, THRESHOLDS)
        assert seen.setdefault(key, sig) == sig


def test_rows_of_good_values_take_the_quick_path_with_the_same_signatures():
    rng = random.Random(5)
    names = list(COLUMNS)
    check = make_checker(names, TODAY, THRESHOLDS)
    quick = 0
    for _ in range(2000):
        values = [rng.choice(GOOD.get(n, ["", "true", "no", "Y", "0"])) for n in names]
        key = check(values)
        try:
            a, c = parse_row(dict(zip(names, values, strict=True)), today=TODAY)
        except InputError:
            assert key is None
            continue
        quick += key is not None
    assert quick > 1000
