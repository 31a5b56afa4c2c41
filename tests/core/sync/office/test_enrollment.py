"""kiosk.sync.office.enrollment: the laptop keys an office expects files from, typed or read from a
list, however the fingerprint was spaced or cased; a bad line is named by its line."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.store.connection import open_db
from kiosk.sync.office import enrollment

FP = "0123-4567-89AB-CDEF-0123-4567-89AB-CDEF"
OTHER = "FFFF-EEEE-DDDD-CCCC-BBBB-AAAA-9999-8888"


def test_a_fingerprint_is_read_however_it_was_typed_and_a_wrong_one_is_refused():
    assert enrollment.parse_fingerprint(" 0123 4567 89ab cdef 0123-4567-89AB-cdef ") == FP
    with pytest.raises(InputError, match="not a laptop key fingerprint") as e:
        enrollment.parse_fingerprint(FP[:-1], "--key")
    assert e.value.field == "--key"


def test_enrolling_twice_is_said_and_the_listing_names_each_key(tmp_path):
    db = open_db(tmp_path / "central.db")
    assert enrollment.enroll(db, FP.lower(), "Table 3") == enrollment.Enrolled(FP, "Table 3", True)
    assert enrollment.enroll(db, FP).new is False
    assert [e.new for e in enrollment.enroll_many(db, [(OTHER, ""), (FP, "again")])] == [True, False]
    lines = enrollment.listing(db)
    assert len(lines) == 2 and any(line.startswith(f"{FP}  again  [enrolled]") for line in lines)  # renamed
    assert any(line.startswith(f"{OTHER}  (no name)") for line in lines)


def test_a_list_file_is_read_as_lines_or_csv(tmp_path):
    (tmp_path / "keys.txt").write_text(f"# the laptops of the day\n\n{FP} Table 3\n{OTHER}\n", encoding="utf-8")
    assert enrollment.read_enrollment_file(tmp_path / "keys.txt") == [(FP, "Table 3"), (OTHER, "")]
    (tmp_path / "keys.csv").write_text(f"name,fingerprint\nTable 3,{FP}\n", encoding="utf-8-sig")
    assert enrollment.read_enrollment_file(tmp_path / "keys.csv") == [(FP, "Table 3")]
    (tmp_path / "empty.txt").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(InputError, match="names no laptop key"):
        enrollment.read_enrollment_file(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="no such file"):
        enrollment.read_enrollment_file(tmp_path / "none.txt")


def test_a_bad_line_is_named_by_its_line_in_the_file_after_comments_and_blank_lines(tmp_path):
    (tmp_path / "keys.txt").write_text(f"# the laptops of the day\n{FP} Table 3\n\nnot-a-key Table 4\n",
                                       encoding="utf-8")
    with pytest.raises(InputError) as e:
        enrollment.read_enrollment_file(tmp_path / "keys.txt")
    assert e.value.field == "keys.txt line 4"
    (tmp_path / "keys.csv").write_text(f"# exported from the laptops sheet\nfingerprint,name\n\n{FP},Table 3\n"
                                       "not-a-key,Table 4\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        enrollment.read_enrollment_file(tmp_path / "keys.csv")
    assert e.value.field == "keys.csv line 5"
