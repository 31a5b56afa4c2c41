"""An over-long cell in an extract (csv's own limit, 128 KiB) is that row's error: the run goes
on, every other row gets its usual answer, and the long value is left out of the results (a
reader with the same limit could not read them otherwise)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from kiosk.screening.bulk import screen_file
from kiosk.screening.overlong import MAX_CELL, RECOVER_CELL
from tests.core.cli_support import run

HEADER = ["record_id", "docket", "offense", "conviction_date", "sentence"]


def _rows(n: int) -> list[list[str]]:
    return [[f"r{i}", f"2016KN{i:06d}", ["PL 221.10(1)", "PL 221.20", "PL 240.20"][i % 3], "2016-03-21",
             "time served"] for i in range(n)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _screen(tmp_path: Path, rows: list[list[str]]) -> list[dict]:
    src = _write(tmp_path / "in.csv", rows)
    screen_file(str(src), str(tmp_path / "out.csv"), as_of=date(2018, 9, 21), progress=False)
    return _read(tmp_path / "out.csv")


@pytest.mark.parametrize("long_value", ["x" * 200_000, "line one\n" + "y" * 200_000 + "\nand, \"more\""])
@pytest.mark.parametrize("at", [0, 37, 59])
def test_an_over_long_cell_is_that_rows_error_and_the_run_goes_on(tmp_path, long_value, at):
    clean = _screen(tmp_path, _rows(60))
    rows = _rows(60)
    rows[at][4] = long_value
    got = _screen(tmp_path, rows)
    assert len(got) == 60
    assert got[at]["error"] == (f"sentence: is too long ({len(long_value)} characters; at most {MAX_CELL}); "
                                "it is left out of the results")
    assert (got[at]["record_id"], got[at]["sentence"], got[at]["outcome"]) == (f"r{at}", "", "")
    assert got[:at] == clean[:at] and got[at + 1:] == clean[at + 1:]


def test_a_cell_of_exactly_the_limit_is_read(tmp_path):
    rows = _rows(3)
    rows[1][0] = "r" * MAX_CELL
    got = _screen(tmp_path, rows)
    assert (got[1]["record_id"], got[1]["error"], got[1]["outcome"]) == ("r" * MAX_CELL, "", "INELIGIBLE")


def test_a_cell_too_long_to_read_again_still_leaves_the_other_rows(tmp_path):
    rows = _rows(5)
    rows[2][4] = "z" * (RECOVER_CELL + 1)
    got = _screen(tmp_path, rows)
    clean = _screen(tmp_path, _rows(5))
    assert len(got) == 5 and got[:2] == clean[:2] and got[3:] == clean[3:]
    assert got[2]["error"] == f"row: has a value too long to read (more than {RECOVER_CELL} characters)"
    assert got[2]["record_id"] == "" and got[2]["outcome"] == ""


def test_the_command_exits_0_and_counts_the_row_as_an_error(capsys, tmp_path):
    rows = _rows(30)
    rows[27][4] = "s" * 200_000
    src = _write(tmp_path / "in.csv", rows)
    code, _, err = run(capsys, "screen", src, "--out", tmp_path / "o.csv", "--as-of", "2018-09-21", "--quiet")
    assert code == 0 and "screened 30 rows" in err and "error 1" in err
    with open(tmp_path / "o.csv", encoding="utf-8", newline="") as f:
        assert max(len(v) for row in csv.reader(f) for v in row) <= MAX_CELL
