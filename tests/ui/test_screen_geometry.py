"""The whole wizard works at 1366x768, by touch: on every step, each input the step needs is
inside the visible area or reachable by the step's own scroll with its label beside it (never
under the "To continue" banner or the buttons), and every target is at least 44 px high."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS, QUEENS

INPUTS = (QLineEdit, QComboBox, QCheckBox, QRadioButton, QPlainTextEdit, QListWidget)
TOUCH = (QLineEdit, QComboBox, QCheckBox, QRadioButton, QAbstractButton)
MIN_TARGET = 44
CONSENT = "Consent: I agree to share my information with the DA's office"


def in_window(w: QWidget, d: Driver) -> QRect:
    top_left = w.mapTo(d.window, w.rect().topLeft())
    return QRect(top_left, w.size())


def label_of(w: QWidget) -> QWidget:
    if isinstance(w, QCheckBox | QRadioButton):
        return w
    found = [lb for lb in w.window().findChildren(QLabel)
             if lb.buddy() is w and lb.objectName() != "fieldError" and lb.isVisible()]
    assert found, f"{w.accessibleName()!r} has no visible label"
    return found[0]


def scroll_to(scroll, *widgets: QWidget) -> None:
    """Scroll as a user would until the widgets (an input and its label) are all in view, if the
    step's scroll can get them there."""
    inner = scroll.widget()
    rect = QRect()
    for w in widgets:
        rect = rect.united(QRect(w.mapTo(inner, w.rect().topLeft()), w.size()))
    bar = scroll.verticalScrollBar()
    height = scroll.viewport().height()
    if rect.bottom() >= bar.value() + height:
        bar.setValue(rect.bottom() + 1 - height)
    if rect.top() < bar.value():
        bar.setValue(rect.top())
    QApplication.processEvents()


def check_step(d: Driver, where: str) -> int:
    """Scroll the step to each input as a user would and check it and its label are in sight."""
    QApplication.processEvents()  # a banner just shown or hidden resizes the step first
    page = d.view.current_page()
    scroll = page.scroll
    area = scroll.viewport() if scroll is not None else page
    checked = 0
    for w in page.findChildren(QWidget):
        if not isinstance(w, INPUTS) or not w.isVisibleTo(page) or not w.isEnabled():
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QComboBox):
            continue
        if scroll is not None:
            scroll_to(scroll, label_of(w), w)
        visible = in_window(area, d)
        name = w.accessibleName()
        for part, rect in (("input", in_window(w, d)), ("label", in_window(label_of(w), d))):
            assert visible.contains(rect), f"{where}: {name!r} {part} {rect} is outside the step's view {visible}"
        banner = d.view.nav
        assert in_window(w, d).bottom() < in_window(banner, d).top(), f"{where}: {name!r} is under the banner"
        checked += 1
    for w in d.window.findChildren(QWidget):
        if isinstance(w, TOUCH) and w.isVisible() and w.isVisibleTo(d.window):
            if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QComboBox):
                continue
            assert w.height() >= MIN_TARGET, f"{where}: {w.accessibleName() or w.text()!r} is {w.height()} px high"
    return checked


def test_every_step_at_1366x768_keeps_its_inputs_in_reach_and_touch_sized(signed_in: Driver):
    d = signed_in
    assert (d.window.width(), d.window.height()) == (1366, 768)
    d.start_applicant()
    d.set("Language", "Español")
    assert check_step(d, "welcome in Spanish") >= 2
    d.set(CONSENT, True)
    d.next()
    d.type("Last name", "Doe")
    d.type("Date of birth", "1985-02-30")  # a problem shown under the field and in the banner
    d.type("Address", "1356 Nostrand Ave, Apt 4B, Brooklyn, NY 11226")
    assert d.field("What is missing").isVisible()
    assert check_step(d, "about you, with a problem") >= 10
    d.type("Date of birth", "1985-02-03")
    d.next()
    assert check_step(d, "questions") >= 4
    d.next()
    d.fill_conviction(**KINGS)
    d.click("Add another conviction")
    d.fill_conviction(**QUEENS)
    assert check_step(d, "convictions") >= 16  # every one checked, however many
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=15_000)
    d.idle()
    d.click("Override the outcome\u2026")
    assert check_step(d, "result, override open") >= 4
    d.next()
    d.qtbot.waitUntil(lambda: d.view.documents_page.preview.page_count() > 0, timeout=60_000)
    d.idle()
    check_step(d, "papers")
    d.finish()
    check_step(d, "done")
