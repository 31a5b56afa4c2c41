"""Fixtures for the GUI tests: a real main window on a throwaway database, driven the way
assistive technology drives it: fields are found by their accessible names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.drive import Driver


@pytest.fixture()
def open_window(qtbot, tmp_path) -> Callable[..., Driver]:
    """`open_window(db_path=None, demo=True)` → a Driver on a shown 1366x768 main window."""

    def make(db_path: Path | None = None, *, demo: bool = True) -> Driver:
        from ui.app import create_app, create_window

        create_app()
        path = db_path or tmp_path / "kiosk.db"
        window = create_window(str(path), demo=demo)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # focus moves (and leaving a field) need an active window
        qtbot.waitUntil(lambda: window.current_page_name() in ("setup", "signin"), timeout=10_000)
        return Driver(window, qtbot, path)

    return make


@pytest.fixture()
def signed_in(open_window) -> Driver:
    """The demo event, one attorney added and signed in, on the dashboard."""
    d = open_window()
    d.add_attorney()
    return d
