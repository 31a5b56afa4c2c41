"""kiosk.screening.overlong: a record whose cell is longer than csv's limit is read once more from a
second handle, by its line number, and comes back with that cell blank and an error naming its
column (the run over a whole extract: tests/reliability/test_screen_overlong.py)."""

from __future__ import annotations

import csv
import io

from kiosk.screening.overlong import MAX_CELL, RECOVER_CELL, OverLongRow, Rereader

NAMES = ["record_id", "sentence"]


def text(*rows: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_the_record_is_read_again_with_the_long_cell_blank_and_its_column_named():
    long = "x" * (MAX_CELL + 1)
    data = text(NAMES, ["r1", "short"], ["r2", long], ["r3", "multi\nline"], ["r4", long])
    opened = []

    def reopen():
        opened.append(True)
        return io.StringIO(data)

    again = Rereader(reopen, NAMES)
    row, end = again.record(2, 3)
    assert isinstance(row, OverLongRow) and list(row) == ["r2", ""] and end == 3
    assert row.error == f"sentence: is too long ({MAX_CELL + 1} characters; at most {MAX_CELL}); " \
                        "it is left out of the results"
    row, end = again.record(5, 6)  # further on the same handle, past a record of two lines
    assert list(row) == ["r4", ""] and end == 6 and opened == [True]
    again.close()


def test_without_a_second_handle_or_past_the_recovery_limit_the_whole_row_is_the_error():
    row, end = Rereader(None, NAMES).record(1, 7)
    assert list(row) == [] and end == 7 and str(RECOVER_CELL) in row.error
    huge = text(NAMES, ["r1", "y" * (RECOVER_CELL + 1)])
    row, _ = Rereader(lambda: io.StringIO(huge), NAMES).record(1, 2)
    assert list(row) == [] and row.error.startswith("row: has a value too long to read")
