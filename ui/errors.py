"""Typed errors shown in one place (docs/architecture.md): a message bar at the top of the
window that says what went wrong in plain words and is announced to screen readers.

A KioskError carries a message written for the user; anything else is a bug, shown as one calm
sentence (and logged by type only: an exception's text may hold personal data)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from kiosk.errors import AuthError, InputError, KioskError, NotFoundError, StorageError

from .qt_settings import qt, when_qt_ready

log = logging.getLogger("kiosk.ui")

UNEXPECTED = ("Something went wrong and the last action did not finish. Everything up to the last "
              "completed step is saved.")


def plain_message(exc: BaseException) -> str:
    """The sentence a user sees for an error."""
    if isinstance(exc, InputError):
        from kiosk.forms import sentence  # lazy: form labels load with the first message
        from kiosk.forms.event_setup import EVENT_LABELS  # lazy: form labels load with the first message
        from kiosk.forms.sign_in import ATTORNEY_LABELS  # lazy: form labels load with the first message
        from kiosk.wizard import label_for  # lazy: form labels load with the first message

        field = exc.field.split(".", 1)[1] if exc.field.startswith(("event.", "attorney.")) else exc.field
        labels = EVENT_LABELS if exc.field.startswith("event.") else (
            ATTORNEY_LABELS if exc.field.startswith("attorney.") else {})
        label = labels.get(field) or ("The file" if field.startswith("-") else label_for(field))
        return sentence(label[:1].upper() + label[1:] if label else "", exc.message)
    if isinstance(exc, AuthError):
        text = str(exc)
        return "Wrong PIN." if text == "wrong PIN" else text[:1].upper() + text[1:] + "."
    if isinstance(exc, StorageError):
        return f"Not saved: {exc}."
    if isinstance(exc, NotFoundError | KioskError):
        text = str(exc)
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    log.error("unexpected %s in the GUI", type(exc).__name__)
    return UNEXPECTED


class MessageBar(QFrame):
    """The one place errors (and the odd notice) appear. Hidden when there is nothing to say."""

    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        when_qt_ready(lambda: self.label.setTextInteractionFlags(qt().TextInteractionFlag.TextSelectableByMouse))
        self.kind = QLabel()
        self.kind.setObjectName("h2")
        layout.addWidget(self.kind)
        layout.addWidget(self.label, 1)
        self.close_button = QPushButton("&Dismiss")
        self.close_button.setAccessibleName("Dismiss")
        self.close_button.clicked.connect(self.clear)
        layout.addWidget(self.close_button)
        self.hide()

    @staticmethod
    def message_for(exc: BaseException) -> str:
        return plain_message(exc)

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def show_error(self, exc_or_text: BaseException | str) -> None:
        text = exc_or_text if isinstance(exc_or_text, str) else plain_message(exc_or_text)
        self._show("Problem:", text, "error")

    def show_info(self, text: str) -> None:
        self._show("Note:", text, "info")

    def _show(self, kind: str, text: str, level: str) -> None:
        self.kind.setText(kind)
        self.label.setText(text)
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleDescription(f"{kind} {text}")
        self.show()
        from PySide6.QtGui import QAccessible, QAccessibleEvent  # lazy: the first window announces nothing

        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        if self.isVisible() or self.label.text():
            self.label.setText("")
            self.hide()
            self.dismissed.emit()
