"""Dialogs a test can drive (docs/architecture.md): nothing here blocks in exec().

Each opens with `.open()` and reports through a callback; tests replace `ask_save_path` or click
the dialog's buttons directly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QVBoxLayout, QWidget

from .forms import Mnemonics, button, button_row, label


def ask_save_path(parent: QWidget, title: str, suggested: str, callback: Callable[[str], None], *,
                  file_filter: str = "PDF files (*.pdf)", suffix: str = "pdf") -> QFileDialog:
    """Ask where to save a file; `callback(path)` runs only if the user picked one."""
    dialog = QFileDialog(parent, title, suggested, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(path: str) -> None:
        if path:
            callback(path)

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


class ResumePrompt(QDialog):
    """After a crash: say plainly which applicant was left open and ask whether to resume it.
    Nothing is resumed unless the attorney says so."""

    def __init__(self, parent: QWidget, reference: str, name: str, step_title: str, saved_at: str,
                 on_resume: Callable[[], None], on_decline: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resume an unfinished applicant?")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        m = Mnemonics()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        head = label("The app closed before this applicant was finished", "h2")
        layout.addWidget(head)
        who = f"Applicant {reference}" + (f" ({name})" if name else "")
        self.message = QLabel(
            f"{who} was left open at the step \u201c{step_title}\u201d. Everything up to the last "
            f"completed step was saved{f' (at {saved_at})' if saved_at else ''}.\n\n"
            "Do you want to resume this applicant now? If not, it stays on the dashboard as a draft.")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.decline_button = button("Not now", mnemonics=m)
        self.resume_button = button(f"Resume {reference}", primary=True, mnemonics=m)
        layout.addLayout(button_row(right=[self.decline_button, self.resume_button]))
        self.resume_button.setDefault(True)
        self.resume_button.clicked.connect(self.accept)
        self.decline_button.clicked.connect(self.reject)
        self.accepted.connect(on_resume)
        self.rejected.connect(on_decline)
        self.resize(620, 280)
