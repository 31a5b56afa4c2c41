"""`kiosk bench`'s floors: paired runs report medians, minimums and the ratio of each pair, and a
floor whose output differs from ours stops the bench (no timing is asserted; the figures that
compare their floors' output are tested in test_runner.py)."""

from __future__ import annotations

import pytest

from kiosk.benchmarks import floors as bench_floors


def test_paired_reports_the_median_and_lowest_ratio_of_back_to_back_pairs():
    ours = iter([9.0, 2.0, 3.0, 4.0])  # the first pair is an untimed warm-up
    floor = iter([9.0, 1.0, 1.0, 4.0])
    got = bench_floors.paired(lambda: next(ours), lambda: next(floor), 3)
    assert got == {"ours_s": 3.0, "floor_s": 1.0, "ratio": 2.0, "ours_min_s": 2.0, "floor_min_s": 1.0,
                   "ratio_min": 1.0, "runs": 3}


def test_a_floor_with_other_output_stops_the_bench(tmp_path):
    (tmp_path / "a").write_bytes(b"x")
    (tmp_path / "b").write_bytes(b"y")
    with pytest.raises(RuntimeError, match="not a like-for-like floor"):
        bench_floors.same_bytes(tmp_path / "a", tmp_path / "b")


