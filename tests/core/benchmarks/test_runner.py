"""`kiosk bench`'s figures as the runner takes them: each one checks its floor wrote the same
output as ours before it reports a ratio (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

from kiosk.benchmarks import runner as bench


def test_the_screening_floor_writes_our_results_byte_for_byte(tmp_path: Path):
    results: list[dict] = []
    bench.bench_screen(tmp_path, 300, results, 1)  # compares the two files itself
    (row,) = results
    assert row["name"].startswith("screen 300 rows, CLI wall") and row["floor_s"] > 0 and row["runs"] == 1
    assert (tmp_path / "floor-300.csv").read_bytes() == (tmp_path / "out-300.csv").read_bytes()


def test_the_help_floor_writes_the_same_text(monkeypatch):
    outputs: dict[str, set[str]] = {"ours": set(), "floor": set()}
    timed = bench.floors.run_timed

    def recorded(argv, **kw):
        took, p = timed(argv, **kw)
        outputs["ours" if argv[-1] == "--help" else "floor"].add(p.stdout)
        return took, p

    monkeypatch.setattr(bench.floors, "run_timed", recorded)
    results: list[dict] = []
    bench.bench_help(results, 1)
    assert results[0]["name"] == "kiosk --help" and results[0]["ratio"] > 0
    (help_text,) = outputs["ours"]
    assert help_text.startswith("Usage: kiosk [OPTIONS] COMMAND") and outputs["floor"] == {help_text}


def test_the_cold_motion_floor_writes_the_same_pages_in_the_same_faces(tmp_path: Path):
    import io

    from pypdf import PdfReader

    results: list[dict] = []
    bench.bench_motion_cold(tmp_path, results, 1)
    ours = {("receipt" if "receipt" in p.name else "packet"): p for p in (tmp_path / "motion-out").glob("*.pdf")}
    assert set(ours) == {"packet", "receipt"}  # else the loop below would check nothing
    for kind, path in ours.items():
        mine = [p.extract_text() for p in PdfReader(path).pages]
        floor = PdfReader(io.BytesIO((tmp_path / f"floor-{kind}.pdf").read_bytes()))
        assert len(floor.pages) == len(mine)
        fonts = {f["/BaseFont"] for p in floor.pages for f in p["/Resources"]["/Font"].values()}
        family = "Serif" if kind == "packet" else "Sans"
        assert fonts and all(f"Liberation{family}" in f for f in fonts), fonts

