"""Shipped files are found under the repository's resources/ from source and under the bundle's
folder in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk import resources

ROOT = Path(__file__).resolve().parents[2]


def test_resources_are_found_under_the_frozen_bundle(monkeypatch, tmp_path):
    # the spec ships resources/ as datas at the bundle root, which PyInstaller exposes as sys._MEIPASS
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("rules", "x.toml") == tmp_path / "resources" / "rules" / "x.toml"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert resources.resource_path("rules") == ROOT / "resources" / "rules"


def test_the_shipped_rule_packs_are_where_resource_path_says():
    assert resources.resources_root() == ROOT / "resources"
    assert any(resources.resource_path("rules").glob("*.toml"))
