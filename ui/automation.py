"""Drive the main window like a screen-reader user or the held-back script: find a visible
control by its accessible name, type into it, leave it, press buttons. Every wait is on a
condition (the database thread answering, a page appearing): tests pass pytest-qt's qtbot, the
benchmark passes `Bot`, which polls the event loop."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

PIN = "246813"  # new PINs have 6 digits or more (kiosk.pins)
CONSENT = "Consent: I agree to share my information with the DA's office"
ATTORNEY = "Alexandra Montgomery-Castellanos"


class Bot:
    """The three things the Driver needs from pytest-qt's qtbot, for use outside tests (the
    benchmark drives a real applicant through the window with it)."""

    def waitUntil(self, condition: Any, timeout: int = 5000) -> None:  # noqa: N802 (qtbot's name)
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not reach the expected state in time")
            QApplication.processEvents()
            time.sleep(0.005)

    def keyClicks(self, widget: QWidget, text: str) -> None:  # noqa: N802

        QTest.keyClicks(widget, text)

    def keyClick(self, widget: QWidget, key: Any) -> None:  # noqa: N802

        QTest.keyClick(widget, key)


class Driver:
    def __init__(self, window: Any, qtbot: Any, db_path: Any = None) -> None:
        self.window = window
        self.qtbot = qtbot
        self.db_path = db_path

    # -- finding ------------------------------------------------------------------------------------
    def all_named(self, name: str) -> list[QWidget]:
        return [w for w in self.window.findChildren(QWidget)
                if w.accessibleName() == name and w.isVisibleTo(self.window) and w.isVisible()]

    def field(self, name: str) -> Any:
        hits = self.all_named(name)
        assert len(hits) == 1, f"{len(hits)} visible controls are named {name!r}"
        return hits[0]

    def has(self, name: str) -> bool:
        return bool(self.all_named(name))

    def value(self, name: str) -> Any:
        w = self.field(name)
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentText()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        return w.text()

    def error_of(self, name: str) -> str:
        """The problem shown next to a field (its error line is a buddy label named fieldError)."""
        w = self.field(name)
        errors = [lb for lb in self.window.findChildren(QLabel)
                  if lb.buddy() is w and lb.objectName() == "fieldError" and lb.isVisible()]
        return errors[0].text() if errors else ""

    # -- acting ---------------------------------------------------------------------------------------
    def type(self, name: str, text: str) -> None:
        """Focus the field, replace its text by typing, then leave it (as Tab would)."""
        w = self.field(name)
        w.setFocus()
        if isinstance(w, QComboBox):
            w.lineEdit().selectAll()
            target = w.lineEdit()
        elif isinstance(w, QPlainTextEdit):
            w.selectAll()
            target = w
        else:
            w.selectAll()
            target = w
        if text:
            self.keys(target, text)
        else:
            self.qtbot.keyClick(target, Qt.Key.Key_Delete)
        self.leave(w)

    def keys(self, target: QWidget, text: str) -> None:
        """Type text key by key (QTest types only ASCII itself: other letters go as key events)."""
        for ch in text:
            if ch.isascii() and ch != "\n":
                self.qtbot.keyClicks(target, ch)
            elif ch == "\n":
                self.qtbot.keyClick(target, Qt.Key.Key_Return)
            else:
                QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch,
                                   Qt.KeyboardModifier.NoModifier)

    def leave(self, w: QWidget) -> None:
        w.clearFocus()

    def set(self, name: str, value: Any) -> None:
        """Set a value directly (checkboxes, pick lists, long text)."""
        w = self.field(name)
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox) and not w.isEditable():
            i = w.findText(value)
            assert i >= 0, f"{value!r} is not a choice of {name!r}"
            w.setCurrentIndex(i)
        elif isinstance(w, QComboBox):
            w.setEditText(value)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value)
        else:
            w.setText(value)

    def click(self, name: str) -> None:
        b = self.field(name)
        assert isinstance(b, QAbstractButton), name
        assert b.isEnabled(), f"{name!r} is disabled"
        b.click()

    def enabled(self, name: str) -> bool:
        return self.field(name).isEnabled()

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: self.window.backend.pending == 0, timeout=15_000)

    def page(self) -> str:
        return self.window.current_page_name()

    def wait_page(self, name: str) -> None:
        self.qtbot.waitUntil(lambda: self.page() == name, timeout=15_000)
        self.idle()

    def visible_text(self, *, include_hidden: bool = False) -> str:
        """Every text a sighted user could read in the window right now (with `include_hidden`,
        also what hidden pages of the window still hold)."""
        parts = []
        for w in self.window.findChildren(QWidget):
            if not include_hidden and not w.isVisible():
                continue
            for attr in ("text", "toPlainText", "currentText", "windowTitle"):
                fn = getattr(w, attr, None)
                if callable(fn):
                    try:
                        parts.append(str(fn()))
                    except TypeError:
                        pass
            if hasattr(w, "rowCount") and hasattr(w, "item") and hasattr(w, "columnCount"):
                for r in range(w.rowCount()):
                    for c in range(w.columnCount()):
                        it = w.item(r, c)
                        if it is not None:
                            parts.append(it.text())
            elif hasattr(w, "count") and hasattr(w, "item") and callable(w.item):
                try:
                    for i in range(w.count()):
                        parts.append(w.item(i).text())
                except TypeError:
                    pass
        return "\n".join(parts)

    # -- whole actions --------------------------------------------------------------------------------
    def add_attorney(self, name: str = ATTORNEY, pin: str = PIN, vouch_pin: str = "") -> None:
        """Add an attorney; on a laptop that already has one, `vouch_pin` is that attorney's PIN."""
        self.wait_page("signin")
        if not self.has("Choose a PIN"):
            self.click("New attorney…")
        if vouch_pin:
            self.type("PIN of an attorney already on this laptop", vouch_pin)
        self.type("Name", name)
        self.set("Organization", "Brooklyn Defender Services")
        self.type("Registration number", "4512345")
        self.type("Choose a PIN", pin)
        self.type("Repeat the PIN", pin)
        self.click("Add and sign in")
        self.wait_page("dashboard")

    def sign_in(self, pin: str = PIN) -> None:
        self.wait_page("signin")
        self.type("PIN", pin)
        self.click("Sign in")
        self.wait_page("dashboard")

    @property
    def view(self) -> Any:
        return self.window.wizard_view

    def step(self) -> str:
        return str(self.view.wizard.step)

    def next(self) -> None:
        self.click("Next")
        self.idle()

    def start_applicant(self) -> None:
        self.click("New applicant")
        self.wait_page("wizard")

    def start_consented_applicant(self) -> None:
        """A new applicant who agreed to share, on the identity step."""
        self.start_applicant()
        self.set(CONSENT, True)
        self.next()

    def fill_identity(self, first: str = "Maria", last: str = "Nguyễn-Rodríguez", dob: str = "1985-03-14",
                      aliases: str = "") -> None:
        self.type("First name", first)
        self.type("Last name", last)
        self.type("Date of birth", dob)
        if aliases:
            self.set("Aliases", aliases)

    def fill_conviction(self, **fields: Any) -> None:
        names = {"docket": "Docket number", "offense": "Offense", "conviction_date": "Conviction date",
                 "arrest_date": "Arrest date", "sentence": "Sentence", "original_charge": "Original charge"}
        picks = {"court": "Court", "county": "County", "docket_source": "Docket number came from", "plea": "Plea",
                 "sentence_complete": "Sentence completed", "fines_owed": "Fines owed"}  # Yes / No / Unknown
        checks = {"attempt": "Attempt (PL 110)", "other_counts_dismissed": "Other counts dismissed in the plea",
                  "driving_involved": "Driving involved"}
        for key, value in fields.items():
            if key in names:
                self.type(names[key], value)
            elif key in picks:
                self.set(picks[key], value)
            else:
                self.set(checks[key], value)

    def finish(self, *, unprinted: bool = True) -> None:
        """Press Finish on the papers step; with nothing printed, answer the question it asks
        ("Finish without printing?") with yes when `unprinted`."""
        self.click("Finish")
        prompt = self.view.finish_prompt
        if prompt is not None and unprinted:
            prompt.finish_button.click()
        self.idle()

    def walk_to_result(self, convictions: list[dict], *, screening: tuple[str, ...] = (), **identity: Any) -> None:
        self.start_consented_applicant()
        self.fill_identity(**identity)
        self.next()
        for name in screening:
            self.set(name, True)
        self.next()
        for i, conv in enumerate(convictions):
            if i:
                self.click("Add another conviction")
            self.fill_conviction(**conv)
        self.next()
        self.qtbot.waitUntil(lambda: self.view.wizard.outcomes is not None, timeout=15_000)
        self.idle()
        self.qtbot.waitUntil(lambda: all(c.isVisible() for c in self.view.result_page.cards))


def focused() -> QWidget | None:
    return QApplication.focusWidget()
