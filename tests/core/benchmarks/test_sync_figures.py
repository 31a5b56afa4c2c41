"""The sync figures of `kiosk bench`, small: export and import each run against their floor."""

import sqlite3

import pytest

from kiosk.benchmarks.sync_figures import bench_export_import, same_stored_rows


def test_bench_export_import_round_trips_500_applicants_in_paired_runs(tmp_path):
    rows = bench_export_import(tmp_path, 500, runs=2)
    assert [r["name"].split()[0] for r in rows] == ["export", "import"]
    assert all(r["ours_s"] > 0 and r["floor_s"] > 0 and r["ratio"] and r["runs"] == 2 for r in rows)
    assert all(r["ours_min_s"] <= r["ours_s"] and r["ratio_min"] <= r["ratio"] for r in rows)
    assert "500 applicants" in rows[0]["name"]


def test_the_floors_store_the_rows_ours_stores_and_a_differing_floor_is_caught(tmp_path):
    bench_export_import(tmp_path, 20)  # checks the floors' rows itself
    work = tmp_path / "sync-bench"
    same_stored_rows(work / "central.db", work / "floor-central.db")
    conn = sqlite3.connect(work / "floor-central.db")
    with conn:
        conn.execute("UPDATE convictions SET sentence = 'changed' WHERE rowid = (SELECT MIN(rowid) FROM convictions)")
    conn.close()
    with pytest.raises(RuntimeError, match="convictions"):
        same_stored_rows(work / "central.db", work / "floor-central.db")
