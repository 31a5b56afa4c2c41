"""The DA's case list in Laptop settings: load it (with a progress bar), see its size and date,
remove it. Hooked in with one call: `add_to_settings(dialog, window)`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from .forms import Field, Mnemonics, button, button_row, grid, label


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%b %d, %Y %H:%M")
    except ValueError:
        return iso


def status_text(s: dict) -> str:
    if not s.get("loaded"):
        return "The DA's case list is not loaded on this laptop."
    text = (f"The DA's case list: {s['rows']:,} convictions of {s['people']:,} people "
            f"({s['file_bytes'] / 1e6:.1f} MB), made {_when(s['created_at'])}, outcomes as of {s['as_of']}; "
            f"loaded {_when(s['loaded_at'])}.")
    if not s.get("packs_match"):
        text += " Its outcomes come from other rule packs than this laptop's; the wizard evaluates again."
    return text


class CaseListSettings(QWidget):
    """Laptop settings' part for the case list: status, passphrase, Load, Remove."""

    def __init__(self, window: Any, mnemonics: Mnemonics) -> None:
        super().__init__()
        self.window_ = window
        self.backend = window.backend
        self.closed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(label("The DA's case list", "h2"))
        self.status = label("Reading\u2026", "hint")
        self.status.setAccessibleName("Case list status")
        layout.addWidget(self.status)
        g = grid()
        secret = QLineEdit()
        secret.setEchoMode(QLineEdit.EchoMode.Password)
        secret.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.passphrase = Field("caselist_passphrase", "Event passphrase for the case list", secret,
                                mnemonics=mnemonics, hint="The passphrase the DA's office gave for this event.")
        self.passphrase.place(g, 0, 0)
        layout.addLayout(g)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Case list progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.load_button = button("Load the DA's case list\u2026", mnemonics=mnemonics)
        self.remove_button = button("Remove the case list", mnemonics=mnemonics)
        layout.addLayout(button_row([self.remove_button], [self.load_button]))
        self.load_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        self.backend.progressed.connect(self._progressed)
        self.refresh()

    def _live(self, fn: Any) -> Any:
        return lambda value: None if self.closed else fn(value)

    def refresh(self) -> None:
        from kiosk.caselist import service as caselist_service  # lazy: the case list service loads on first use

        self.backend.call(caselist_service.status, on_done=self._live(self._show), on_error=self._live(self._failed))

    def _show(self, s: dict) -> None:
        self.status.setText(status_text(s))
        self.remove_button.setEnabled(bool(s.get("loaded")))

    def choose(self) -> None:
        dialog = QFileDialog(self, "Load the DA's case list", "", "Case lists (*.age);;All files (*)")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.load_file(path) if path else None)
        self.file_dialog = dialog
        dialog.open()

    def load_file(self, path: str) -> None:
        """Verify and load `path` on the database thread, with progress; the passphrase field is cleared."""
        from kiosk.caselist import service as caselist_service  # lazy: the case list service loads on first use

        secret = self.passphrase.value()
        self.passphrase.set_value("")
        if not secret:
            self.passphrase.show_error("Event passphrase is required.")
            return
        self.passphrase.show_error(None)
        self.progress.setValue(0)
        self.progress.show()
        self.load_button.setEnabled(False)
        actor = self.window_.attorney.id if getattr(self.window_, "attorney", None) else ""
        report = self.backend.report
        self.backend.call(lambda db: caselist_service.load(db, path, secret, actor=actor, progress=report),
                          on_done=self._live(self._loaded), on_error=self._live(self._failed))

    def _progressed(self, fraction: float, message: str) -> None:
        if self.progress.isVisible():
            self.progress.setValue(round(fraction * 100))
            self.progress.setFormat(f"%p% \u2014 {message}")

    def _loaded(self, s: dict) -> None:
        self.load_button.setEnabled(True)
        self.progress.setValue(100)
        self._show(s)

    def _failed(self, exc: BaseException) -> None:
        self.load_button.setEnabled(True)
        self.progress.hide()
        self.status.setText(self.window_.messages.message_for(exc))

    def remove(self) -> None:
        from kiosk.caselist import service as caselist_service  # lazy: the case list service loads on first use

        actor = self.window_.attorney.id if getattr(self.window_, "attorney", None) else ""
        self.backend.call(lambda db: caselist_service.purge(db, actor=actor),
                          on_done=self._live(lambda _n: self.refresh()), on_error=self._live(self._failed))

    def stop(self) -> None:
        if not self.closed:
            self.closed = True
            self.backend.progressed.disconnect(self._progressed)


def add_to_settings(dialog: QDialog, window: Any) -> CaseListSettings:
    """Put the case list section into the Laptop settings dialog, above its buttons."""
    section = CaseListSettings(window, Mnemonics("cs"))
    layout = dialog.layout()
    layout.insertWidget(max(0, layout.count() - 1), section)
    dialog.finished.connect(lambda _r: section.stop())
    dialog.caselist = section  # type: ignore[attr-defined]
    dialog.resize(max(dialog.width(), 640), dialog.height() + 220)
    return section
