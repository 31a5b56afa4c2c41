"""ui.main_window: the header that names the event and the attorney, and the window-wide
shortcuts that scale every text."""

from __future__ import annotations

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
