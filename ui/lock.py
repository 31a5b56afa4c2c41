"""The lock screen: covers everything and shows nobody's data; the signed-in attorney's PIN
unlocks it, or another attorney signs in (which closes the open applicant, already saved).

"Lock now" on the header and Ctrl+L lock; the idle timer of the kiosk mode calls the same
`MainWindow.lock()`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from .forms import Field, Mnemonics, Page, button, card, grid, label, line_edit


class LockPage(Page):
    unlocked = Signal(object)  # the Attorney
    switch_requested = Signal()

    def __init__(self, backend: Any, presenter: Any) -> None:
        super().__init__("Locked", "This laptop is locked. No applicant's information is shown.")
        self.backend = backend
        self.presenter = presenter
        self.attorney: Any = None
        m = Mnemonics("dl")
        box = card()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(20, 16, 20, 16)
        self.who = label("", "h2")
        layout.addWidget(self.who)
        g = grid()
        self.pin = line_edit(password=True, max_length=12)
        self.pin_field = Field("pin", "PIN", self.pin, mnemonics=m, hint="The PIN of the attorney signed in.")
        self.pin_field.place(g, 0, 0)
        layout.addLayout(g)
        row = QHBoxLayout()
        self.switch_button = button("Sign in as someone else", mnemonics=m)
        self.unlock_button = button("Unlock", primary=True, mnemonics=m)
        row.addWidget(self.switch_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        wrap = QWidget()
        wl = QHBoxLayout(wrap)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(box, 3)
        wl.addStretch(2)
        self.body.addWidget(wrap)
        self.body.addStretch(1)
        self.pin.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self.switch_requested)

    def set_attorney(self, attorney: Any) -> None:
        self.attorney = attorney
        self.who.setText(f"Signed in: {attorney.name}" if attorney else "")
        self.pin.clear()
        self.pin_field.show_error(None)

    def first_input(self) -> QWidget:
        return self.pin

    def unlock(self) -> None:
        if self.attorney is None:
            self.switch_requested.emit()
            return
        if not self.pin.text():
            self.pin_field.show_error("PIN is required.")
            return
        from kiosk import services

        self.unlock_button.setEnabled(False)
        self.backend.call(services.sign_in, self.attorney.id, self.pin.text(),
                          on_done=self._done, on_error=self._failed)

    def _done(self, attorney: Any) -> None:
        self.unlock_button.setEnabled(True)
        self.pin.clear()
        self.pin_field.show_error(None)
        self.unlocked.emit(attorney)

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.pin.clear()
        self.pin_field.show_error(self.presenter.message_for(exc))
        self.pin.setFocus()
