"""Screening's output is pinned byte for byte: golden results files written by the screening
code before its rewrite for speed (inputs and how they were made: screen_golden_support.py),
written again only when a rule or a message changes on purpose (the advisory for unknown sentence
answers, the date formats' wording, the case list as a docket source), never for speed work. Any
change to what a row says, its quoting, its order or its line ends fails here."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kiosk.screening.bulk import screen_file

GOLDEN = Path(__file__).parents[1] / "golden"
CASES = [  # input, --columns, as-of, summary counts
    ("extract.csv", None, "2019-09-01",
     "ELIGIBLE 67, INELIGIBLE 1194, NEEDS_REVIEW 162, RELIEF_BY_STATUTE 1055, error 522"),
    ("extract.csv", None, "2021-06-01",
     "ELIGIBLE 27, INELIGIBLE 476, NEEDS_REVIEW 309, RELIEF_BY_STATUTE 1666, error 522"),
    ("mapped.csv", "mapped-columns.json", "2018-09-21", "ELIGIBLE 18, INELIGIBLE 132, NEEDS_REVIEW 4, error 446"),
    ("one-column.csv", "outcome=offense", "2018-09-21", "error 4"),
]


@pytest.mark.parametrize(("src", "columns", "as_of", "counts"), CASES)
def test_screening_output_matches_the_golden_file(tmp_path, src, columns, as_of, counts):
    out = tmp_path / "results.csv"
    if columns and columns.endswith(".json"):
        columns = str(GOLDEN / columns)
    summary = screen_file(str(GOLDEN / src), str(out), as_of=date.fromisoformat(as_of), columns=columns,
                          progress=False)
    golden = GOLDEN / f"{src.removesuffix('.csv')}-{as_of}.results.csv"
    assert out.read_bytes() == golden.read_bytes()
    assert re.fullmatch(r"screened \d+ rows in [0-9.]+ s \((.*)\)", summary)[1] == counts  # type: ignore[index]
