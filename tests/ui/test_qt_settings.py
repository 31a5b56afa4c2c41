"""ui.qt_settings: a setting that needs Qt's enum namespace is made at once, or, while the first
window is built, held until the window applies it (once)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from ui import qt_settings
from ui.forms import Field, label, scroll_page
from ui.qt_settings import apply_held, hold_qt_settings, when_qt_ready


def test_a_setting_is_made_at_once_unless_held_and_a_held_one_is_made_once():
    made: list[str] = []
    when_qt_ready(lambda: made.append("now"))
    assert made == ["now"]
    with hold_qt_settings() as held:
        when_qt_ready(lambda: made.append("held"))
        with hold_qt_settings() as inner:  # a nested hold keeps its own
            when_qt_ready(lambda: made.append("inner"))
        when_qt_ready(lambda: made.append("held again"))
    assert made == ["now"] and len(held) == 2 and len(inner) == 1
    when_qt_ready(lambda: made.append("after"))  # the hold is over: at once again
    apply_held(held)
    apply_held(held)
    assert made == ["now", "after", "held", "held again"] and held == []
    assert qt_settings._waiting is None


def test_the_first_windows_widgets_get_their_settings_when_applied(qtbot):
    with hold_qt_settings() as held:
        title = label("Unlock this laptop", "h1")
        area = scroll_page(QWidget())
        grid = QGridLayout()
        holder = QWidget()
        holder.setLayout(grid)
        Field("passphrase", "Event passphrase", QLineEdit(), required=True).place(grid, 0)
    qtbot.addWidget(holder)
    qtbot.addWidget(area)
    assert title.textFormat() == Qt.TextFormat.AutoText  # what Qt does without it: same pixels for this text
    apply_held(held)
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert grid.itemAtPosition(0, 0).alignment() == Qt.AlignmentFlag.AlignTop
    assert label("A name <b>typed</b>").textFormat() == Qt.TextFormat.PlainText  # made at once
