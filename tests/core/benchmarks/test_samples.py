"""The benchmark's synthetic people: the same extract for the same seed, applicant files the
validator accepts, and figure rows whose ratio is ours over the floor."""

from __future__ import annotations

import csv

from kiosk.benchmarks import samples
from kiosk.validate import parse_applicant


def test_an_extract_is_the_same_for_the_same_seed_and_has_every_column(tmp_path):
    samples.write_extract(tmp_path / "a.csv", 50)
    samples.write_extract(tmp_path / "b.csv", 50)
    samples.write_extract(tmp_path / "c.csv", 50, seed=8)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes() != (tmp_path / "c.csv").read_bytes()
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 50 and list(rows[0]) == samples.EXTRACT_COLUMNS


def test_sample_applicants_are_valid_with_as_many_convictions_as_asked():
    applicant = parse_applicant(samples.sample_applicant(13, convictions=3))
    assert len(applicant.convictions) == 3 and len({c.docket for c in applicant.convictions}) == 3
    assert samples.sample_applicant(13) == samples.sample_applicant(13) != samples.sample_applicant(14)


def test_a_figure_row_reports_the_ratio_only_against_a_floor():
    assert samples.figure_row("x", 0.3, 0.1, "t") == {"name": "x", "ours_s": 0.3, "floor_s": 0.1, "ratio": 3.0,
                                                      "target": "t"}
    assert samples.figure_row("x", 0.3, None, "t")["ratio"] is None
    assert samples.figure_row("x", 0.3, 0.0, "t")["ratio"] is None
