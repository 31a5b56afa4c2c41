"""Idle lock and the wrong-PIN wait, on the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk import services
from tests.ui.drive import PIN, Driver
from tests.ui.walk_support import FakeClock
from ui.lock import PinThrottle

FIRST, LAST = "Wilhelmina", "Okonkwo-Vasquez"


def every_visible_text() -> str:
    """Every text any visible widget of any window of the app shows (labels, fields, lists,
    tables, combo boxes, window titles), as a screen reader could reach it."""
    parts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for w in [top, *top.findChildren(QWidget)]:
            if not w.isVisible():
                continue
            parts += [w.windowTitle(), w.accessibleName(), w.accessibleDescription(), w.toolTip()]
            for attr in ("text", "toPlainText", "currentText", "placeholderText"):
                fn = getattr(w, attr, None)
                if callable(fn):
                    try:
                        parts.append(str(fn()))
                    except TypeError:
                        pass
            model = getattr(w, "model", None)
            if callable(model) and model() is not None:
                m = model()
                try:
                    columns = m.columnCount()
                except TypeError:  # a list model: one column, and no public columnCount()
                    columns = 1
                for r in range(m.rowCount()):
                    for c in range(columns):
                        parts.append(str(m.index(r, c).data() or ""))
    return "\n".join(parts)


def start_applicant_with_name(d: Driver) -> None:
    d.start_consented_applicant()
    d.fill_identity(first=FIRST, last=LAST)  # typed, Next not pressed


def fast_idle(d: Driver, ms: int = 300) -> None:
    d.window.idle.set_timeout_ms(ms)
    d.window.idle.start()


def test_idle_lock_covers_everything_and_saves_the_applicant_first(signed_in: Driver, qtbot):
    d = signed_in
    start_applicant_with_name(d)
    assert LAST in every_visible_text()
    # a second window naming the applicant (a dialog left open) must be hidden too
    stray = QWidget()
    stray.setWindowTitle(f"Papers of {FIRST} {LAST}")
    QVBoxLayout(stray).addWidget(QLabel(f"{FIRST} {LAST}"))
    qtbot.addWidget(stray)
    stray.show()
    fast_idle(d)
    d.wait_page("lock")
    text = every_visible_text()
    assert FIRST not in text and LAST not in text
    assert not stray.isVisible()
    assert not d.has("Lock now")
    # saved before locking, at the step it was on, and still the open applicant
    db = services.open_kiosk(d.db_path)
    rows = services.dashboard_rows(db)
    assert [(r.name, r.step) for r in rows] == [(f"{FIRST} {LAST}", "identity")]
    assert services.unfinished_applicant(db).id == rows[0].id
    actions = [r["action"] for r in db.query("SELECT action, detail FROM audit_log WHERE action LIKE 'session.%'")]
    assert actions == ["session.locked"]
    # unlock: the wizard and the stray window come back as they were
    d.type("PIN", PIN)
    d.click("Unlock")
    d.wait_page("wizard")
    assert d.value("Last name") == LAST
    assert stray.isVisible()
    assert d.window.idle.active  # watching again


def test_only_the_signed_in_attorneys_pin_unlocks(signed_in: Driver):
    d = signed_in
    start_applicant_with_name(d)
    d.click("Lock now")
    d.wait_page("lock")
    for wrong in ("0000", "24680", "2469"):
        d.type("PIN", wrong)
        d.click("Unlock")
        d.idle()
        assert d.page() == "lock"
        assert d.error_of("PIN") == "Wrong PIN."
        assert LAST not in every_visible_text()
    d.type("PIN", PIN)
    d.click("Unlock")
    d.wait_page("wizard")
    db = services.open_kiosk(d.db_path)
    audit = [r["action"] for r in db.query("SELECT action FROM audit_log WHERE action LIKE 'session.unlock%' "
                                            "ORDER BY at")]
    assert audit == ["session.unlock_failed"] * 3 + ["session.unlocked"]


def test_five_wrong_pins_make_even_the_right_pin_wait(signed_in: Driver):
    d = signed_in
    clock = FakeClock()
    d.window.pin_throttle.clock = clock
    d.click("Lock now")
    d.wait_page("lock")
    for _ in range(5):
        d.type("PIN", "1111")
        d.click("Unlock")
        d.idle()
        assert d.page() == "lock"
    assert d.error_of("PIN") == "Wrong PIN. Too many wrong PINs. Try again in 30 seconds."
    assert not d.enabled("Unlock")
    # the right PIN during the wait is not even checked
    lock = d.window.pages["lock"]
    d.type("PIN", PIN)
    lock.unlock()
    d.idle()
    assert d.page() == "lock"
    db = services.open_kiosk(d.db_path)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'session.unlock_failed'").fetchone()[0] == 5
    clock.now += 29
    lock.refresh_throttle()
    assert d.error_of("PIN") == "Too many wrong PINs. Try again in 1 second."
    assert not d.enabled("Unlock")
    clock.now += 1.5
    lock.refresh_throttle()
    assert d.enabled("Unlock") and d.error_of("PIN") == ""
    # a sixth wrong PIN doubles the wait
    d.type("PIN", "1111")
    d.click("Unlock")
    d.idle()
    assert d.error_of("PIN").endswith("Try again in 60 seconds.")
    clock.now += 61
    lock.refresh_throttle()
    d.type("PIN", PIN)
    d.click("Unlock")
    d.wait_page("dashboard")
    assert d.window.pin_throttle.failures == 0


def test_throttle_waits_grow_and_are_capped():
    clock = FakeClock()
    t = PinThrottle(clock)
    waits = []
    for _ in range(12):
        t.failed()
        waits.append(t.wait_seconds())
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]
    assert t.blocked() and t.message() == "Too many wrong PINs. Try again in 15 minutes."
    clock.now += 900
    assert not t.blocked() and t.message() == ""
    t.succeeded()
    t.failed()
    assert t.wait_seconds() == 0


def test_user_input_restarts_the_idle_countdown_but_program_events_do_not(signed_in: Driver, qtbot):
    d = signed_in
    watcher = d.window.idle
    watcher.set_timeout_ms(60_000)
    watcher.start()
    starts = []
    real_start = watcher._timer.start
    watcher._timer.start = lambda *a: (starts.append(1), real_start(*a))
    target = d.field("New applicant")
    qtbot.keyClick(target, Qt.Key.Key_Shift)  # a user's key press (spontaneous)
    assert len(starts) >= 1
    before = len(starts)
    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier))
    assert len(starts) == before  # the program's own event is not the user
    watcher._timer.start = real_start


def test_idle_minutes_come_from_the_laptop_settings(signed_in: Driver, qtbot):
    d = signed_in
    assert d.window.idle.timeout_ms == 3 * 60_000  # the default
    d.click("Laptop settings")
    qtbot.waitUntil(lambda: d.window.settings_dialog is not None and d.window.settings_dialog.isVisible())
    dialog = d.window.settings_dialog
    dialog.minutes.setValue(7)
    dialog.save_button.click()
    d.idle()
    assert d.window.idle.timeout_ms == 7 * 60_000
    db = services.open_kiosk(d.db_path)
    assert services.session_settings(db).idle_lock_minutes == 7


# --- kiosk mode ---------------------------------------------------------------------------------

def test_exit_pin_rules_in_the_core(tmp_path):
    from kiosk.errors import AuthError
    from kiosk.models import Attorney

    db = services.open_kiosk(tmp_path / "k.db")
    assert services.check_exit_pin(db, "") == ""  # no attorney yet: nothing to protect with
    a = services.add_attorney(db, Attorney(name="A"), "1234")
    b = services.add_attorney(db, Attorney(name="B"), "5678")
    assert services.check_exit_pin(db, "5678") == b  # nobody signed in: any attorney's PIN
    services.sign_in(db, a, "1234")
    with pytest.raises(AuthError):
        services.check_exit_pin(db, "5678")  # signed in: only that attorney's PIN
    assert services.check_exit_pin(db, "1234") == a


def test_a_message_arriving_while_locked_waits_for_the_unlock(signed_in: Driver, qtbot):
    from ui.printing import JobResult, PrintSummary

    d = signed_in
    d.click("Lock now")
    d.wait_page("lock")
    summary = PrintSummary("Venue printer", [JobResult("id-1", "BA-ZZTOP9", "printed", 16, what="the papers")])
    d.window._print_summary(summary)  # a print job finishing behind the lock screen
    d.idle()
    assert "BA-ZZTOP9" not in every_visible_text()
    d.type("PIN", PIN)
    d.click("Unlock")
    d.wait_page("dashboard")
    assert "Printed BA-ZZTOP9 on Venue printer" in every_visible_text()


def test_switching_attorney_from_the_lock_gives_no_extra_pin_tries(signed_in: Driver):
    d = signed_in
    clock = FakeClock()
    d.window.pin_throttle.clock = clock
    d.click("Lock now")
    d.wait_page("lock")
    for _ in range(5):
        d.type("PIN", "1111")
        d.click("Unlock")
        d.idle()
    d.click("Sign in as someone else")
    d.wait_page("signin")
    d.type("PIN", PIN)  # even the right PIN waits on the sign-in page
    d.click("Sign in")
    d.idle()
    assert d.page() == "signin"
    assert d.error_of("PIN") == "Too many wrong PINs. Try again in 30 seconds."
    clock.now += 31
    d.type("PIN", "1111")
    d.click("Sign in")
    d.idle()
    assert d.error_of("PIN") == "Wrong PIN. Too many wrong PINs. Try again in 60 seconds."
    clock.now += 61
    d.type("PIN", PIN)
    d.click("Sign in")
    d.wait_page("dashboard")
