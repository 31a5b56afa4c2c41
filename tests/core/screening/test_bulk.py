"""kiosk.screening.bulk: screening a whole extract file into a results file, written beside it and
renamed only when done, with a one-line summary of counts (the rows' answers: test_extract.py)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from kiosk.errors import InputError
from kiosk.screening.bulk import count_lines, screen_file

HEADER = ["record_id", "docket", "offense", "conviction_date"]


def write(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def test_out_must_not_overwrite_the_input(tmp_path):
    src = write(tmp_path / "in.csv", [["a", "2016KN074376", "221.05", "2016-01-01"]])
    with pytest.raises(InputError, match="--out"):
        screen_file(str(src), str(src), as_of=date(2018, 9, 21), progress=False)


def test_the_summary_counts_each_outcome_and_the_results_replace_nothing_until_done(tmp_path):
    src = write(tmp_path / "in.csv", [["a", "2016KN074376", "221.05", "2016-01-01"],
                                      ["b", "bad", "221.05", "2016-01-01"],
                                      ["c", "2016KN074376", "221.20", "2016-01-01"]])
    summary = screen_file(str(src), str(tmp_path / "out.csv"), as_of=date(2018, 9, 21), progress=False)
    assert summary.startswith("screened 3 rows in ") and summary.endswith("(ELIGIBLE 1, INELIGIBLE 1, error 1)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]
    assert count_lines(str(src)) == 3


def test_a_file_that_is_not_utf8_is_named_and_leaves_no_results(tmp_path):
    src = write(tmp_path / "latin1.csv", [["é", "2016KN074376", "221.05", "2016-01-01"]], encoding="latin-1")
    with pytest.raises(InputError, match="not UTF-8") as e:
        screen_file(str(src), str(tmp_path / "out.csv"), as_of=date(2018, 9, 21), progress=False)
    assert e.value.field == "latin1.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latin1.csv"]
    with pytest.raises(InputError, match="no such file"):
        screen_file(str(tmp_path / "none.csv"), str(tmp_path / "out.csv"), as_of=date(2018, 9, 21), progress=False)
