"""Each module holds one job a reader can take in: every module of the core and the GUI layer
stays under 350 lines (docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 350
AREAS = ("kiosk", "ui")


def test_no_module_of_the_core_or_the_gui_is_over_the_limit():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for area in AREAS for p in sorted((ROOT / area).rglob("*.py"))}
    assert len(sizes) > 100  # both layers were found
    assert {path: n for path, n in sizes.items() if n > LIMIT} == {}
