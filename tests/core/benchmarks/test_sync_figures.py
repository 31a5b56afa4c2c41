"""The sync figures of `kiosk bench`, small: export and import each run against their floor."""

from kiosk.benchmarks.sync_figures import bench_export_import


def test_bench_export_import_round_trips_500_applicants(tmp_path):
    rows = bench_export_import(tmp_path, 500)
    assert [r["name"].split()[0] for r in rows] == ["export", "import"]
    assert all(r["ours_s"] > 0 and r["floor_s"] > 0 and r["ratio"] for r in rows)
    assert "500 applicants" in rows[0]["name"]
