"""Kiosk mode (`kiosk gui --kiosk`, or the laptop setting): the window fills the screen with no
title bar or frame, stays full screen, and closing it needs an attorney's PIN.

What it cannot do: the operating system's own keys (Ctrl+Alt+Del, switching users, the power
button) stay the operating system's. For a locked-down public laptop, pair it with the OS's
kiosk / assigned-access account; this mode keeps the app from being closed or shrunk by
accident or by a curious visitor.

The PIN prompt shares the window's `PinThrottle` with the lock screen, so alternating between
the two gives no extra tries. Also here: the laptop settings dialog (idle-lock minutes, kiosk
mode), opened from the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QSpinBox, QVBoxLayout, QWidget

from kiosk import services
from kiosk.errors import AuthError

from .errors import plain_message
from .forms import Field, Mnemonics, button, button_row, grid, label, line_edit
from .lock import PinThrottle

KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint


class ExitPinDialog(QDialog):
    """Asks for a PIN before the app may close. `check(pin, on_ok, on_wrong)` verifies it (on the
    database thread); the dialog opens with `.open()`, so tests drive it through its widgets."""

    left = Signal()

    def __init__(self, parent: QWidget, throttle: PinThrottle,
                 check: Callable[[str, Callable[[Any], None], Callable[[BaseException], None]], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Close the kiosk")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.throttle = throttle
        self.check = check
        m = Mnemonics()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label("An attorney's PIN is needed to close the app in kiosk mode.", "lead"))
        g = grid()
        self.pin = line_edit(password=True, max_length=12)
        self.pin_field = Field("exit_pin", "PIN", self.pin, mnemonics=m)
        self.pin_field.place(g, 0, 0)
        layout.addLayout(g)
        self.stay_button = button("Stay open", mnemonics=m)
        self.close_button = button("Close the app", primary=True, mnemonics=m)
        layout.addLayout(button_row(right=[self.stay_button, self.close_button]))
        self.stay_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._refresh)
        self._refresh()
        self.resize(480, 220)

    def _refresh(self) -> None:
        wait = self.throttle.message()
        self.close_button.setEnabled(not wait)
        if wait:
            self.pin_field.show_error(wait)
            self._countdown.start()
        else:
            self._countdown.stop()
            if self.pin_field.error_text.startswith("Too many wrong PINs"):
                self.pin_field.show_error(None)

    def submit(self) -> None:
        if self.throttle.blocked():
            self.pin.clear()
            self._refresh()
            return
        if not self.pin.text():
            self.pin_field.show_error("PIN is required.")
            return
        self.close_button.setEnabled(False)
        self.check(self.pin.text(), self._right, self._wrong)

    def _right(self, _who: Any) -> None:
        self.throttle.succeeded()
        self.pin.clear()
        self.accept()
        self.left.emit()

    def _wrong(self, exc: BaseException) -> None:

        if isinstance(exc, AuthError):
            self.throttle.failed()
        self.pin.clear()
        wait = self.throttle.message()
        self.pin_field.show_error(f"{plain_message(exc)} {wait}".strip())
        self.close_button.setEnabled(not wait)
        if wait:
            self._countdown.start()
        self.pin.setFocus()


class KioskMode(QObject):
    """Puts a window in kiosk mode and guards its closing. `call` is Backend.call; `throttle` the
    window's shared PinThrottle."""

    def __init__(self, window: QWidget, call: Callable[..., Any], throttle: PinThrottle) -> None:
        super().__init__(window)
        self.window = window
        self.call = call
        self.throttle = throttle
        self.enabled = False
        self.dialog: ExitPinDialog | None = None
        self._leaving = False

    def enable(self) -> None:
        if self.enabled:
            return
        self.enabled = True
        self.window.installEventFilter(self)
        self.window.setWindowFlags(self.window.windowFlags() | KIOSK_FLAGS)
        self.window.showFullScreen()

    def disable(self) -> None:
        if not self.enabled:
            return
        self.enabled = False
        self.window.removeEventFilter(self)
        self.window.setWindowFlags(self.window.windowFlags() & ~KIOSK_FLAGS)
        self.window.showMaximized()

    def ask_to_leave(self) -> ExitPinDialog:
        """Open the PIN prompt; a right PIN closes the window."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog

        def check(pin: str, ok: Callable[[Any], None], wrong: Callable[[BaseException], None]) -> None:
            self.call(services.check_exit_pin, pin, on_done=ok, on_error=wrong)

        dialog = ExitPinDialog(self.window, self.throttle, check)
        dialog.left.connect(self._leave)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        dialog.pin.setFocus()
        return dialog

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _leave(self) -> None:
        self._leaving = True
        self.window.close()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if obj is not self.window or not self.enabled:
            return False
        if event.type() == QEvent.Type.Close and not self._leaving:
            event.ignore()
            QTimer.singleShot(0, self.ask_to_leave)
            return True
        if event.type() == QEvent.Type.WindowStateChange and not self.window.isFullScreen():
            QTimer.singleShot(0, self._back_to_full_screen)
        return False

    def _back_to_full_screen(self) -> None:
        if self.enabled and not self._leaving and not self.window.isFullScreen():
            self.window.showFullScreen()


class LaptopSettingsDialog(QDialog):
    """Idle-lock minutes and kiosk mode for this laptop (kept in its database)."""

    saved = Signal(dict)

    def __init__(self, parent: QWidget, settings: dict, save: Callable[[dict], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Laptop settings")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        m = Mnemonics()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        g = grid()
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(settings.idle_lock_minutes)
        self.minutes_field = Field("idle_lock_minutes", "Lock after this long without use", self.minutes,
                                   mnemonics=m, hint="The lock screen hides every applicant's data.")
        self.minutes_field.place(g, 0, 0)
        self.kiosk = QCheckBox()
        self.kiosk.setChecked(settings.kiosk_mode)
        self.kiosk_field = Field("kiosk_mode", "Kiosk mode: full screen, closing needs a PIN", self.kiosk,
                                 mnemonics=m, hint="Takes effect now and every time the app opens.")
        self.kiosk_field.place(g, 1, 0)
        layout.addLayout(g)
        if settings.fingerprint:
            # the office enrolls this fingerprint before it imports the laptop's files (docs/sync-format.md)
            self.fingerprint = label(f"This laptop's signing key: {settings.fingerprint}", "hint")
            self.fingerprint.setAccessibleName("Laptop key fingerprint")
            self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.fingerprint)
        self.cancel_button = button("Cancel", mnemonics=m)
        self.save_button = button("Save settings", primary=True, mnemonics=m)
        layout.addLayout(button_row(right=[self.cancel_button, self.save_button]))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: save({"idle_lock_minutes": self.minutes.value(),
                                                       "kiosk_mode": self.kiosk.isChecked()}))
        self.resize(560, 300)
