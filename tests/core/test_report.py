"""The office's review list: the CSV's columns and the summary beside it, and an --out that cannot
be written is refused naming the option (the report built from merged files is tested in
tests/core/sync/test_sync.py)."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.report import REPORT_COLUMNS, summary_path_for, write_report
from tests.core.sync_support import central


def test_an_office_with_nothing_imported_gets_the_header_and_a_zero_summary(tmp_path):
    db = central(tmp_path / "c.db")
    result = write_report(db, tmp_path / "review.csv")
    assert (tmp_path / "review.csv").read_text(encoding="utf-8").splitlines() == [",".join(REPORT_COLUMNS)]
    assert result.rows == 0 and set(result.outcome_counts.values()) == {0}
    assert "NOT_EVALUATED" in result.outcome_counts
    assert result.summary_path == summary_path_for(tmp_path / "review.csv") == tmp_path / "review-summary.txt"
    assert "Applicants:   0" in result.summary_path.read_text(encoding="utf-8")


def test_an_out_that_is_a_folder_or_in_no_folder_is_refused_naming_the_option(tmp_path):
    db = central(tmp_path / "c.db")
    for out, words in ((tmp_path, "is a folder"), (tmp_path / "missing" / "r.csv", "folder does not exist")):
        with pytest.raises(InputError) as e:
            write_report(db, out)
        assert e.value.field == "--out" and words in e.value.message
