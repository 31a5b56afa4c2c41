"""The dashboard's Export: write the day's records to an encrypted, signed sync file for the
DA's office (kiosk.sync), with a progress bar, and afterwards remove exported records' personal
data from the laptop with the attorney's PIN.

Without the office's public key nothing is exported (there is no unencrypted fallback): the
dialog says so and points to Event settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget

from kiosk import services

from . import dialogs
from .forms import Field, Mnemonics, button, button_row, combo, grid, label, line_edit

SCOPES = (("since-last", "New and changed since the last export"), ("all", "Everything on this laptop"))


class ExportDialog(QDialog):
    """Opened with `.open()`; every action runs on the database thread."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.backend = window.backend
        self.summary: Any = None  # kiosk.services.ExportSummary once read
        self.note = ""  # the last purge's result, kept above the refreshed status
        self.closed = False  # answers arriving after Close are ignored (the dialog is deleted)
        self.setWindowTitle("Export to the DA's office")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        m = Mnemonics()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label("Export to the DA's office", "h2"))
        self.status = label("Reading this laptop's records\u2026", "lead")
        layout.addWidget(self.status)
        # on one line: a fingerprint is compared group by group, never read across a line break
        self.fingerprint = label("", "small", wrap=False)
        self.fingerprint.setAccessibleName("Key fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.fingerprint)
        g = grid()
        self.scope = Field("scope", "What to export", combo(SCOPES), mnemonics=m)
        self.scope.place(g, 0, 0)
        layout.addLayout(g)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.receipt = QPlainTextEdit()
        self.receipt.setReadOnly(True)
        self.receipt.setAccessibleName("Export receipt")
        self.receipt.hide()
        layout.addWidget(self.receipt)
        self.settings_button = button("Event settings", mnemonics=m)
        self.export_button = button("Choose a file and export\u2026", primary=True, mnemonics=m)
        self.close_button = button("Close", mnemonics=m)
        layout.addLayout(button_row([self.settings_button], [self.close_button, self.export_button]))

        self.purge_box = QWidget()
        pl = QVBoxLayout(self.purge_box)
        pl.setContentsMargins(0, 8, 0, 0)
        self.purge_text = label("", "small")
        pl.addWidget(self.purge_text)
        pg = grid()
        self.pin = Field("pin", "PIN to remove exported records", line_edit(password=True, max_length=12),
                         mnemonics=m, hint="Removes names and details of exported applicants from this laptop; "
                                           "their outcomes, counts and the audit log stay.")
        self.pin.place(pg, 0, 0)
        pl.addLayout(pg)
        self.purge_button = button("Remove exported records", mnemonics=m)
        pl.addWidget(self.purge_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.purge_box)
        self.purge_box.hide()

        layout.addStretch(1)  # spare height goes below the content, not between its lines
        self.close_button.clicked.connect(self.reject)
        self.settings_button.clicked.connect(self._settings)
        self.export_button.clicked.connect(self._choose)
        self.purge_button.clicked.connect(self._purge)
        self.backend.progressed.connect(self._progressed)
        self.export_button.setEnabled(False)
        self.resize(680, 360)
        self.refresh()

    def refresh(self) -> None:
        self.backend.call(services.export_summary, on_done=self._live(self._show_summary),
                          on_error=self._live(self._failed))

    def _live(self, fn: Any) -> Any:
        return lambda value: None if self.closed else fn(value)

    def _show_summary(self, summary: Any) -> None:
        self.summary = summary
        waiting = summary.waiting
        text = f"{waiting} applicant{'s' if waiting != 1 else ''} waiting to be exported."
        if summary.last_export_at:
            when = datetime.fromisoformat(summary.last_export_at).astimezone().strftime("%b %d, %H:%M")
            text += f" Last export: {when} ({summary.last_export_applicants} applicants)."
        self.fingerprint.setText("This laptop's key fingerprint: "
                                 + summary.fingerprint.replace("-", "\u2011"))  # non-breaking hyphens
        if not summary.recipient_set:
            text += ("\n\nThe DA office public key is not set, so nothing can be exported yet (a sync file is "
                     "never written unencrypted). Enter it in Event settings.")
        self.status.setText(f"{self.note}\n\n{text}" if self.note else text)
        self.export_button.setEnabled(summary.recipient_set)
        exported = summary.exported
        self.purge_box.setVisible(exported > 0)
        self.purge_text.setText(f"{exported} exported applicant{'s' if exported != 1 else ''} can be removed "
                                f"from this laptop; {waiting} still waiting are kept.")

    def _settings(self) -> None:
        self.reject()
        self.window_.edit_event()

    def _choose(self) -> None:
        name = (self.summary.laptop_name if self.summary else "") or "laptop"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dialogs.ask_save_path(self, "Save the export file", f"begin-again-{name}-{stamp}.age", self._export,
                              file_filter="Sync files (*.age)", suffix="age")

    def _export(self, path: str) -> None:
        scope = self.scope.value()
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        report = self.backend.report
        self.backend.call(lambda db: services.export_to_file(db, path, scope=scope, progress=report),
                          on_done=self._live(self._exported), on_error=self._live(self._failed))

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 100))
        self.progress.setFormat(f"%p% \u2014 {message}")

    def _exported(self, result: Any) -> None:
        self.receipt.setPlainText(result.receipt())
        self.receipt.show()
        self.refresh()

    def _purge(self) -> None:
        attorney = self.window_.attorney
        pin = self.pin.value()
        self.pin.set_value("")
        if attorney is None or not pin:
            self.pin.show_error("PIN is required.")
            return
        self.backend.call(services.purge_exported, attorney.id, pin, on_done=self._live(self._purged),
                          on_error=self._live(lambda e: self.pin.show_error(self.window_.messages.message_for(e))))

    def _purged(self, result: Any) -> None:
        self.pin.show_error(None)
        kept = getattr(result, "kept", [])
        self.note = (f"Removed {result.purged} exported applicants' personal data; "
                     + (f"kept {result.waiting}: {'; '.join(kept)}." if kept else
                        f"{result.waiting} still waiting to be exported."))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.export_button.setEnabled(bool(self.summary and self.summary.recipient_set))
        self.status.setText(self.window_.messages.message_for(exc))

    def done(self, result: int) -> None:  # Qt override: closing stops listening
        if not self.closed:
            self.closed = True
            self.backend.progressed.disconnect(self._progressed)
            self.window_.export_dialog = None
        super().done(result)


def start_export(window: Any) -> ExportDialog:
    dialog = ExportDialog(window)
    window.export_dialog = dialog
    dialog.open()
    return dialog
