"""Fixtures for the GUI tests: a real main window on a throwaway database, driven the way
assistive technology drives it: fields are found by their accessible names."""

from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A database with the demo event and one attorney, made once: each test copies it (creating
    the schema and hashing a PIN for every test would be most of the suite's time)."""
    from kiosk import services
    from tests.ui.drive import ATTORNEY, PIN

    path = tmp_path_factory.mktemp("template") / "kiosk.db"
    db = services.open_kiosk(path)
    services.ensure_demo_event(db)
    services.register_attorney(db, {"name": ATTORNEY, "organization": "Brooklyn Defender Services",
                                    "registration_number": "4512345"}, PIN)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture(scope="module")
def caselist_file(tmp_path_factory) -> Path:
    """An encrypted DA's case list (tests/core/caselist_support.py), made once per module."""
    from tests.core import caselist_support as cs

    return cs.build_list(tmp_path_factory.mktemp("office"))[0]


@pytest.fixture()
def signed_in(open_window, template_db, tmp_path) -> Driver:
    """The demo event and one attorney, signed in with the PIN, on the dashboard."""
    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    d = open_window(target)
    d.sign_in()
    return d


@pytest.fixture()
def wide(monkeypatch):
    """A terminal wide enough that click renders `kiosk --help` as kept (ui/cli_help.py), and no
    shell asking for completions."""
    from ui import console

    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv(console.COMPLETION_VAR, raising=False)
