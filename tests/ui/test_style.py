"""ui.style: one scale factor sizes every text token of the stylesheet, the starting size follows
the screen, and Ctrl+plus/minus stay within bounds and Ctrl+0 returns to the screen's size."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QFontInfo

from ui import style


class FakeApp:
    """What style needs of a QApplication, so a test changes no real application's look."""

    def __init__(self) -> None:
        self.props: dict[str, object] = {}
        self.sheet = ""
        self.applied_font = QFont()

    def property(self, name: str) -> object:
        return self.props.get(name)

    def setProperty(self, name: str, value: object) -> None:  # noqa: N802 (Qt's name)
        self.props[name] = value

    def font(self) -> QFont:
        return self.applied_font

    def setFont(self, font: QFont) -> None:  # noqa: N802
        self.applied_font = font

    def setStyleSheet(self, sheet: str) -> None:  # noqa: N802
        self.sheet = sheet


def test_the_stylesheet_has_every_size_token_replaced_at_the_scale():
    normal, double = style.stylesheet(1.0), style.stylesheet(2.0)
    assert not re.search(r"@\w+@", normal)  # no token, no image folder left unreplaced
    assert f"{style.BASE_PT * style.SIZES['h1']:.1f}" in normal
    assert f"{style.BASE_PT * style.SIZES['h1'] * 2:.1f}" in double


def test_the_starting_size_grows_with_the_screen_height():
    assert [style.screen_scale(h) for h in (728, 859, 860, 999, 1000, 1440)] == [1.0, 1.0, 1.125, 1.125, 1.25, 1.25]


def test_zoom_steps_are_clamped_and_ctrl_0_returns_to_the_screens_size(qapp):
    app = FakeApp()
    assert style.set_default(app, 1.25) == 1.25
    assert app.applied_font.pointSizeF() == style.BASE_PT * 1.25
    assert style.zoom(app, 1) == 1.25 + style.STEP
    for _ in range(20):
        style.zoom(app, 1)
    assert style.current_scale(app) == style.MAX_SCALE
    for _ in range(40):
        style.zoom(app, -1)
    assert style.current_scale(app) == style.MIN_SCALE
    assert style.zoom(app, 0) == 1.25 and f"{style.BASE_PT * 1.25:.1f}" in app.sheet


def test_the_bundled_sans_is_the_family_every_text_is_drawn_in(qapp):
    family = style.load_fonts()
    assert family == style.FAMILY
    assert QFontInfo(QFont(family)).family() == style.FAMILY  # drawn in the bundled face, not a fallback
