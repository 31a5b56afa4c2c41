"""ui.kiosk_mode: a frameless full-screen window whose closing needs a PIN (sharing the lock
screen's wrong-PIN wait), and the laptop settings that turn it on."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk import services
from tests.ui.drive import PIN, Driver
from tests.ui.walk_support import FakeClock
from ui.kiosk_mode import ExitPinDialog
from ui.lock import PinThrottle


@pytest.fixture
def kiosk_window(qtbot, template_db, tmp_path):
    from ui.app import create_app, create_window

    create_app()
    path = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, path)
    window = create_window(str(path), kiosk_mode=True)
    qtbot.addWidget(window)
    window.showFullScreen()
    qtbot.waitUntil(lambda: window.current_page_name() == "signin", timeout=10_000)
    d = Driver(window, qtbot, path)
    d.sign_in()
    yield d
    if window.kiosk_guard is not None:
        window.kiosk_guard.disable()


def test_kiosk_mode_is_frameless_full_screen_and_closing_needs_a_pin(kiosk_window: Driver, qtbot):
    d = kiosk_window
    w = d.window
    assert w.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert w.isFullScreen()
    w.close()
    qtbot.waitUntil(lambda: w.kiosk_guard.dialog is not None and w.kiosk_guard.dialog.isVisible())
    assert w.isVisible()
    dialog = w.kiosk_guard.dialog
    dialog.pin.setText("0000")
    dialog.close_button.click()
    d.idle()
    assert w.isVisible() and dialog.isVisible()
    assert dialog.pin_field.error_text == "Wrong PIN."
    dialog.stay_button.click()
    assert w.isVisible() and w.kiosk_guard.dialog is None
    w.showNormal()  # leaving full screen is undone
    qtbot.waitUntil(w.isFullScreen)
    w.close()
    qtbot.waitUntil(lambda: w.kiosk_guard.dialog is not None)
    w.kiosk_guard.dialog.pin.setText(PIN)
    w.kiosk_guard.dialog.close_button.click()
    qtbot.waitUntil(lambda: not w.isVisible())


def test_kiosk_exit_prompt_shares_the_wrong_pin_wait(kiosk_window: Driver, qtbot):
    d = kiosk_window
    w = d.window
    clock = FakeClock()
    w.pin_throttle.clock = clock
    for _ in range(5):
        w.pin_throttle.failed()  # five wrong PINs on the lock screen
    dialog = w.kiosk_guard.ask_to_leave()
    assert not dialog.close_button.isEnabled()
    assert dialog.pin_field.error_text.startswith("Too many wrong PINs")
    dialog.pin.setText(PIN)
    dialog.submit()
    d.idle()
    assert w.isVisible()
    clock.now += 31
    dialog._refresh()
    dialog.pin.setText(PIN)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not w.isVisible())


def test_kiosk_mode_setting_turns_it_on_from_the_laptop_settings(signed_in: Driver, qtbot):
    d = signed_in
    w = d.window
    assert w.kiosk_guard is None
    d.click("Laptop settings")
    qtbot.waitUntil(lambda: w.settings_dialog is not None)
    # the signing key's fingerprint is shown, as the export receipt and the office's import print it
    db = services.open_kiosk(d.db_path)
    from kiosk.sync import laptop_key_fingerprint

    assert laptop_key_fingerprint(db) in w.settings_dialog.fingerprint.text()
    db.close()
    w.settings_dialog.kiosk.setChecked(True)
    w.settings_dialog.save_button.click()
    d.idle()
    assert w.kiosk_guard is not None and w.kiosk_guard.enabled
    assert w.isFullScreen()
    db = services.open_kiosk(d.db_path)
    assert services.session_settings(db).kiosk_mode is True
    w.kiosk_guard.disable()


def test_the_exit_prompt_asks_for_a_pin_before_checking_and_a_right_pin_lets_the_app_close(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    checked: list[str] = []

    def check(pin, ok, wrong):
        checked.append(pin)
        ok(None)

    dialog = ExitPinDialog(parent, PinThrottle(FakeClock()), check)
    dialog.submit()
    assert dialog.pin_field.error_text == "PIN is required." and checked == []
    dialog.pin.setText(PIN)
    with qtbot.waitSignal(dialog.left, timeout=1000):
        dialog.submit()
    assert checked == [PIN] and dialog.pin.text() == ""
