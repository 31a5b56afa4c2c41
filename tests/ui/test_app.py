"""The app: its first run opens on event set-up, then adds the first attorney; it is drawn in Fusion."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk import services
from tests.ui.drive import ATTORNEY, PIN
from ui.app import collect_again_when_shown


def test_first_run_sets_up_the_event_then_adds_an_attorney(open_window, tmp_path):
    d = open_window(tmp_path / "fresh.db", demo=False)
    d.wait_page("setup")
    assert d.field("Laptop name").text() != ""  # suggested from the computer's name
    d.click("Save event")
    assert d.page() == "setup"
    assert d.error_of("Event name") == "Event name is required."
    assert d.error_of("First day") == "First day is required (YYYY-MM-DD)."
    assert d.field("Event name").hasFocus()
    d.type("Event name", "Begin Again")
    d.type("First day", "2018-09-21")
    d.type("Last day", "2018-09-20")
    assert d.error_of("Last day") == "Last day is before the first day."
    d.type("Last day", "2018-09-22")
    d.type("Venue", "Lenox Road Baptist Church")
    d.type("DA office public key", "age1nope")
    assert d.error_of("DA office public key").startswith("DA office public key is not an age public key")
    d.type("DA office public key", "")  # "can be set later"
    d.click("Save event")
    d.wait_page("signin")
    assert d.has("Choose a PIN")  # nobody to pick yet: straight to adding an attorney
    assert "Begin Again" in d.window.event_label.text() and "Lenox Road" in d.window.event_label.text()
    d.type("Name", ATTORNEY)
    d.type("Choose a PIN", "12")
    d.type("Repeat the PIN", "12")
    d.click("Add and sign in")
    assert d.error_of("Choose a PIN") == "Choose a PIN must be 4 to 12 digits."
    d.type("Choose a PIN", PIN)
    d.type("Repeat the PIN", "1357")
    d.click("Add and sign in")
    assert d.error_of("Repeat the PIN") == "The two PINs are not the same."
    d.type("Repeat the PIN", PIN)
    d.click("Add and sign in")
    d.wait_page("dashboard")
    assert d.window.attorney_label.text() == f"Signed in: {ATTORNEY}"
    db = services.open_kiosk(d.db_path)
    ev = services.current_event(db)
    assert (ev.name, ev.starts_on.isoformat(), ev.office_recipient) == ("Begin Again", "2018-09-21", "")
    assert [a.name for a in services.list_attorneys(db)] == [ATTORNEY]


def test_the_app_is_drawn_in_fusion_whatever_style_the_system_asks_for():
    """create_app passes Fusion as Qt's `-style` argument; only a process of its own makes its
    QApplication (the tests' one is pytest-qt's), and QT_STYLE_OVERRIDE plays a system's other style."""
    child = ("from ui.app import create_app\n"
             "app = create_app()\n"
             "app.setStyleSheet('')\n"  # the stylesheet's proxy steps aside: the style under it shows
             "print(app.style().name())\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "fusion", out.stderr


class Shown(QObject):
    exposed = Signal()


def test_the_cycle_collector_runs_again_once_the_window_is_shown_or_at_the_latest_after_a_while(qtbot):
    try:
        gc.disable()
        window = Shown()
        collect_again_when_shown(window.exposed, at_latest_ms=60_000)
        assert not gc.isenabled()
        window.exposed.emit()
        assert gc.isenabled()
        gc.disable()
        never_shown = Shown()
        collect_again_when_shown(never_shown.exposed, at_latest_ms=10)
        qtbot.waitUntil(gc.isenabled, timeout=2000)
    finally:
        gc.enable()
