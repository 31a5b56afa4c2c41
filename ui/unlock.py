"""The first screen on an encrypted laptop: type the event passphrase to open this laptop's
records, or, on a new laptop (or one whose records are not encrypted yet), choose it.

The passphrase never leaves this page except to the database thread, which derives the key from
it (kiosk.keyfile); the fields are cleared as soon as it was tried (docs/storage-encryption.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QProgressBar

from kiosk.passphrase import DEMO_PASSPHRASE, ENV, passphrase_problem, strength
from kiosk.paths import default_db_path, file_state, key_path

from .forms import Field, Mnemonics, Page, button, button_row, grid, label, line_edit

PASS_LABEL = "Event passphrase"
REPEAT_LABEL = "Repeat the passphrase"


def _secret_edit() -> QLineEdit:
    w = line_edit()
    w.setEchoMode(QLineEdit.EchoMode.Password)
    return w


def start_mode(db_path: Any, *, demo: bool = False) -> tuple[str, str | None]:
    """("open", passphrase or None for KIOSK_PASSPHRASE), ("unlock", None) or ("choose", None)."""

    if os.environ.get(ENV) or str(db_path) == ":memory:":
        return "open", None
    path = Path(db_path) if db_path else default_db_path()
    state = file_state(path)
    if state == "plain" or (state == "missing" and not key_path(path).exists()):
        # a new database, or a plain one to encrypt: the demo's passphrase is known (README)
        return ("open", DEMO_PASSPHRASE) if demo else ("convert" if state == "plain" else "choose", None)
    return "unlock", None


def demo_hint() -> str:
    return f"Demo event: the passphrase is “{DEMO_PASSPHRASE}” (make run prints it)."


class UnlockPage(Page):
    """`mode` "unlock" (the records exist), "choose" (a new database) or "convert" (records from
    before encryption: they are encrypted under the passphrase chosen here)."""

    submitted = Signal(str)  # the passphrase

    def __init__(self, mode: str, *, demo_hint: str = "") -> None:
        choose = mode in ("choose", "convert")
        lead = ("The event lead chooses one passphrase for the event: it encrypts this laptop's records, and "
                "every volunteer types it when the app starts. Use at least 4 words or 16 characters.")
        if mode == "convert":
            lead = ("This laptop's records are not encrypted yet. " + lead +
                    " They are encrypted as soon as it is chosen (a copy is checked first).")
        super().__init__("Choose the event passphrase" if choose else "Unlock this laptop",
                         lead if choose else "Type the event passphrase to open this laptop's records.")
        self.mode = mode
        m = Mnemonics("dl")
        g = grid()
        self.passphrase = _secret_edit()
        self.pass_field = Field("passphrase", PASS_LABEL, self.passphrase, mnemonics=m, required=True,
                                hint=demo_hint)
        self.pass_field.place(g, 0, 0)
        self.repeat = _secret_edit()
        self.repeat_field = Field("repeat", REPEAT_LABEL, self.repeat, mnemonics=m, required=True)
        self.strength = QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(True)
        self.strength.setAccessibleName("Passphrase strength")
        if choose:
            self.repeat_field.place(g, 2, 0)
            g.addWidget(self.strength, 4, 0)
            self.passphrase.textChanged.connect(self._rate)
            self._rate("")
        else:
            self.strength.hide()
        self.body.addLayout(g)
        self.status = label("", "hint")
        self.body.addWidget(self.status)
        self.submit_button = button("Create and open" if choose else "Unlock", primary=True, mnemonics=m)
        self.body.addLayout(button_row(right=[self.submit_button]))
        self.body.addStretch(1)
        self.submit_button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit if not choose else self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.submit)

    def _rate(self, text: str) -> None:
        score, word = strength(text)
        self.strength.setValue(score)
        self.strength.setFormat(f"Strength: {word}")
        self.strength.setAccessibleDescription(f"Strength: {word}")

    def submit(self) -> None:
        secret = self.passphrase.text()
        self.pass_field.show_error(None)
        self.repeat_field.show_error(None)
        if not secret.strip():
            self.pass_field.show_error("Type the event passphrase.")
            self.passphrase.setFocus()
            return
        if self.mode in ("choose", "convert"):
            problem = passphrase_problem(secret)
            if problem:
                self.pass_field.show_error(f"Too short: {problem}.")
                self.passphrase.setFocus()
                return
            if self.repeat.text() != secret:
                self.repeat_field.show_error("The two passphrases are not the same.")
                self.repeat.setFocus()
                return
        self.submit_button.setEnabled(False)
        self.status.setText("Opening\u2026 (checking the passphrase takes a moment)")
        self.submitted.emit(secret)

    def refused(self, message: str) -> None:
        """The passphrase did not open the records: clear it and say so."""
        self.submit_button.setEnabled(True)
        self.status.setText("")
        self.passphrase.clear()
        self.repeat.clear()
        self.pass_field.show_error(message)
        self.passphrase.setFocus()

    def opened(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.status.setText("")

    def first_input(self) -> Any:
        return self.passphrase
