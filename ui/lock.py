"""The lock screen: covers everything and shows nobody's data; the signed-in attorney's PIN
unlocks it, or another attorney signs in (which closes the open applicant, already saved).

"Lock now" on the header and Ctrl+L lock; `IdleWatcher` calls the same `MainWindow.lock()` after
N minutes without input (a laptop setting, 3 by default). `WindowGuard` hides every other window
of the app while locked (a print dialog, a prompt naming an applicant), and `PinThrottle` makes
every wrong PIN after the fifth cost a growing wait, so a PIN cannot be guessed by trying them
all. The throttle reads an injected clock, so tests check the waits without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.errors import AuthError

from .forms import Field, Mnemonics, Page, button, button_row, card, grid, label, line_edit

if TYPE_CHECKING:  # the first window does without Qt's enum namespace (ui/forms.py)
    from PySide6.QtCore import Qt


class PinThrottle:
    """Wrong-PIN bookkeeping: the first `FREE_TRIES` wrong PINs cost nothing; from the fifth on,
    each wrong PIN makes the next try wait twice as long as the last (30 s, 1 min, 2 min, ...,
    at most 15 min). A right PIN starts over. One throttle per window, shared by every PIN prompt."""

    FREE_TRIES = 5
    FIRST_DELAY = 30.0
    MAX_DELAY = 15 * 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self._until = 0.0

    @classmethod
    def delay_after(cls, failures: int) -> float:
        """Seconds to wait after `failures` wrong PINs in a row."""
        if failures < cls.FREE_TRIES:
            return 0.0
        return min(cls.MAX_DELAY, cls.FIRST_DELAY * 2 ** (failures - cls.FREE_TRIES))

    def wait_seconds(self) -> float:
        return max(0.0, self._until - self.clock())

    def blocked(self) -> bool:
        return self.wait_seconds() > 0

    def failed(self) -> None:
        self.failures += 1
        self._until = self.clock() + self.delay_after(self.failures)

    def succeeded(self) -> None:
        self.failures = 0
        self._until = 0.0

    def restore(self, failures: int, seconds_left: float) -> None:
        """Take up the wait kept in the database (kiosk.pin_wait), so a restart gives no fresh tries."""
        self.failures = failures
        self._until = self.clock() + seconds_left if seconds_left > 0 else 0.0

    def message(self) -> str:
        """What the PIN prompt says while the wait lasts ("" when a PIN may be tried)."""
        wait = self.wait_seconds()
        if wait <= 0:
            return ""
        seconds = int(wait + 0.999)
        if seconds < 120:
            when = "1 second" if seconds == 1 else f"{seconds} seconds"
        else:
            when = f"{(seconds + 59) // 60} minutes"
        return f"Too many wrong PINs. Try again in {when}."


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` without keyboard, mouse, wheel or touch input anywhere in the
    app. Only input from the user counts (spontaneous events), not what the program posts."""

    idle = Signal()
    INPUT = frozenset({
        QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
        QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
        QEvent.Type.TabletMove, QEvent.Type.InputMethod,
    })

    def __init__(self, parent: QObject | None = None, *, minutes: float = 3) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._installed = False

    def set_minutes(self, minutes: float) -> None:
        self.set_timeout_ms(int(minutes * 60_000))

    def set_timeout_ms(self, ms: int) -> None:
        self._timer.setInterval(max(1, ms))
        if self._timer.isActive():
            self._timer.start()

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start watching (again): the countdown begins now."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def remove(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self._timer.isActive() and event.spontaneous() and event.type() in self.INPUT:
            self._timer.start()
        return False


class WindowGuard:
    """Hides the app's other windows while the main window is locked (a dialog may name an
    applicant) and shows them again on unlock, each with the modality it had."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.hidden: list[tuple[QWidget, Qt.WindowModality]] = []

    def conceal(self) -> None:
        for w in QApplication.topLevelWidgets():
            if w is self.window or not w.isVisible() or not w.isWindow():
                continue
            self.hidden.append((w, w.windowModality()))
            w.hide()

    def reveal(self) -> None:
        hidden, self.hidden = self.hidden, []
        for w, modality in hidden:
            try:
                w.setWindowModality(modality)
                w.show()
            except RuntimeError:  # closed and deleted while hidden
                continue

    def discard(self) -> None:
        """Another attorney signs in: the previous session's dialogs are closed, not shown again."""
        hidden, self.hidden = self.hidden, []
        for w, _modality in hidden:
            try:
                if isinstance(w, QDialog):
                    w.reject()
                else:
                    w.close()
            except RuntimeError:
                continue


class LockPage(Page):
    unlocked = Signal(object)  # the Attorney
    switch_requested = Signal()

    def __init__(self, backend: Any, presenter: Any) -> None:
        super().__init__("Locked", "This laptop is locked. No applicant's information is shown.")
        self.backend = backend
        self.presenter = presenter
        self.attorney: Any = None
        self.throttle = PinThrottle()
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self.refresh_throttle)
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
        self.switch_button = button("Sign in as someone else", mnemonics=m)
        self.unlock_button = button("Unlock", primary=True, mnemonics=m)
        layout.addLayout(button_row([self.switch_button], [self.unlock_button]))
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
        self.refresh_throttle()

    def refresh_throttle(self) -> None:
        """Disable Unlock while the wrong-PIN wait lasts, and say how long is left."""
        wait = self.throttle.message()
        self.unlock_button.setEnabled(not wait)
        if wait:
            self.pin_field.show_error(wait)
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
            if self.pin_field.error_text.startswith("Too many wrong PINs"):
                self.pin_field.show_error(None)

    def first_input(self) -> QWidget:
        return self.pin

    def unlock(self) -> None:
        if self.attorney is None:
            self.switch_requested.emit()
            return
        if self.throttle.blocked():  # not even checked: a right PIN must wait too
            self.pin.clear()
            self.refresh_throttle()
            return
        if not self.pin.text():
            self.pin_field.show_error("PIN is required.")
            return
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.unlock_button.setEnabled(False)
        self.backend.call(services.unlock_session, self.pin.text(), on_done=self._done, on_error=self._failed)

    def _done(self, attorney: Any) -> None:
        self.throttle.succeeded()
        self.unlock_button.setEnabled(True)
        self.pin.clear()
        self.pin_field.show_error(None)
        self.unlocked.emit(attorney)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AuthError):
            self.throttle.failed()
        self.unlock_button.setEnabled(True)
        self.pin.clear()
        message = self.presenter.message_for(exc)
        wait = self.throttle.message()
        self.pin_field.show_error(f"{message} {wait}" if wait else message)
        if wait:
            self.unlock_button.setEnabled(False)
            self._countdown.start()
        self.pin.setFocus()
