"""One frozen-aware way to find the files the program ships (rules, templates, fonts, ...).

In a PyInstaller build the `resources/` folder sits next to the executable's modules under
``sys._MEIPASS``; from source it is the repository's top-level `resources/`."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("rules", "kings-2018-consent.toml")``."""
    return resources_root().joinpath(*parts)
