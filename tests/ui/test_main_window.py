"""ui.main_window: the header that names the event and the attorney, the window-wide shortcuts
that scale every text, and the first window's settings held until its first frame is painted."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from tests.ui.drive import Driver


def test_the_demo_event_is_the_september_2018_event(open_window):
    d = open_window()
    d.wait_page("signin")
    text = d.window.event_label.text()
    assert "Sep 21\u201322, 2018" in text and "Lenox Road Baptist Church" in text


def test_ctrl_plus_and_minus_scale_every_text(signed_in: Driver):
    d = signed_in
    label = d.window.pages["dashboard"].title
    search = d.field("Search")
    before = (label.font().pointSizeF(), search.font().pointSizeF())
    d.qtbot.keyClick(d.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.keyClick(d.window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = (label.font().pointSizeF(), search.font().pointSizeF())
    assert bigger[0] > before[0] and bigger[1] > before[1]
    assert abs(bigger[1] / before[1] - 1.25) < 0.01
    d.qtbot.keyClick(d.window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert before[1] < search.font().pointSizeF() < bigger[1]
    d.qtbot.keyClick(d.window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert (label.font().pointSizeF(), search.font().pointSizeF()) == before


def test_the_first_windows_labels_are_plain_text_before_any_record_is_shown(open_window):
    d = open_window()  # shown: the settings held while it was built are made once it is on screen
    w = d.window
    for lbl in (w.app_title, w.event_label, w.attorney_label, w.pages["loading"].title, w.pages["loading"].lead):
        assert lbl.textFormat() == Qt.TextFormat.PlainText, lbl.text()
    assert w.messages.label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert w._held_settings == []


def test_a_window_never_shown_makes_its_held_settings_before_the_records_open(qtbot, tmp_path):
    from ui.app import create_app, create_window

    create_app()
    w = create_window(str(tmp_path / "kiosk.db"), demo=True)
    qtbot.addWidget(w)
    assert w._held_settings and not w._first_exposed.is_set()  # the database waits for them
    qtbot.waitUntil(w._first_exposed.is_set)
    assert w._held_settings == [] and w.event_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: w.current_page_name() == "signin", timeout=10_000)
    w.shutdown()


def test_a_window_closed_before_its_first_frame_does_not_keep_the_database_thread_waiting(qtbot):
    from ui.app import create_app, create_window

    create_app()
    w = create_window(":memory:")  # the records open once the first frame is painted, at the latest after 2 s
    qtbot.addWidget(w)
    start = time.monotonic()
    w.shutdown()  # the opening queued for the first frame runs now, then the thread stops
    assert time.monotonic() - start < 1.5 and not w.backend.running
