"""The main window: a header (event, attorney, Lock now), the one message bar, and a stack of
pages: opening, event set-up, sign-in, dashboard, the applicant wizard, the lock screen.

It owns the database thread (`Backend`) and moves between pages; each page does its own work
through `kiosk.services`. After a crash the first sign-in asks whether to resume the applicant
that was left open; nothing is resumed silently. Start-up (ui/window_startup.py) and the
attorney's session (ui/window_session.py) are mixins of the window."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent, QWindow
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from . import style
from .backend import Backend
from .errors import MessageBar
from .forms import Page, button, label
from .lock import IdleWatcher, LockPage, PinThrottle, WindowGuard
from .qt_settings import apply_held, hold_qt_settings, qt
from .window_session import SessionMixin
from .window_startup import StartupMixin

log = logging.getLogger("kiosk.ui")


class MainWindow(StartupMixin, SessionMixin, QMainWindow):
    ready = Signal(str)  # the page shown once the database answered: "setup" or "signin"
    page_changed = Signal(str)
    exposed = Signal()  # once, when the window is first on screen (the start-up probe stops here)

    def __init__(self, db_path: Any = None, *, demo: bool = False, kiosk_mode: bool = False,
                 backend: Backend | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Begin Again Kiosk")
        self.kiosk_mode = kiosk_mode
        self.demo = demo
        self.backend = backend or Backend(self)
        self.event: Any = None
        self.attorney: Any = None
        self.wizard_view: Any = None
        self.resume_prompt: Any = None
        self.export_dialog: Any = None
        self.locked_from: QWidget | None = None
        self._wizard_opened = False
        self._shortcuts: list[Any] = []
        self._shut = False
        self._first_exposed = threading.Event()  # the database opens once it is set
        # the first window is built without Qt's enum namespace (~15 ms): the settings that need
        # it are made once the window is on screen, before any record is read (ui/qt_settings.py)
        with hold_qt_settings() as self._held_settings:
            self._build()
            self._build_session()
            self.backend.error.connect(self.messages.show_error)
            self.db_path = db_path
            self._begin(db_path)
        QTimer.singleShot(0, self, self._open_if_hidden)

    def _open_if_hidden(self) -> None:
        if not self.isVisible():
            self._on_screen()

    def _on_screen(self) -> None:
        """The first window is on screen (or known never to be): finish what it did without, then
        let the records open."""
        self._apply_held_settings()
        self._first_exposed.set()
        self._add_shortcuts()

    def _apply_held_settings(self) -> None:
        """The first window's settings that needed Qt's enum namespace (idempotent); made before
        anything from the records is shown."""
        apply_held(self._held_settings)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        handle = self.windowHandle()
        if not self._first_exposed.is_set() and handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) and obj.isExposed():
            obj.removeEventFilter(self)
            # queued before anything `exposed` starts, and after the first frame is painted
            QTimer.singleShot(0, self, self._on_screen)
            self.exposed.emit()
        return super().eventFilter(obj, event)

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QFrame()
        header.setObjectName("header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(20, 8, 20, 8)
        self.app_title = label("Begin Again Kiosk", "h2", wrap=False)
        hl.addWidget(self.app_title)
        self.event_label = label("", "small")
        hl.addWidget(self.event_label, 1)
        self.attorney_label = label("", "small", wrap=False)
        hl.addWidget(self.attorney_label)
        self.lock_button = button("&Lock now")
        self.lock_button.setToolTip("Lock the laptop (Ctrl+L). Unlock with your PIN.")
        self.lock_button.clicked.connect(self.lock)
        self.lock_button.hide()
        hl.addWidget(self.lock_button)
        header.setMinimumHeight(self.lock_button.sizeHint().height() + 16)
        self.header = header
        layout.addWidget(header)
        bar_holder = QWidget()
        bl = QVBoxLayout(bar_holder)
        bl.setContentsMargins(20, 6, 20, 0)
        self.messages = MessageBar()
        bl.addWidget(self.messages)
        layout.addWidget(bar_holder)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}  # "loading" first when the records open at once (ui/window_startup.py)

    def _add_shortcuts(self) -> None:
        """Ctrl+plus/minus/0 and Ctrl+L, added once the window is on screen (or known never to be)."""
        if self._shortcuts:
            return
        from PySide6.QtGui import QKeySequence, QShortcut  # lazy: keys work once the first window is up

        for seq, fn in ((QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(1)),
                        (QKeySequence("Ctrl+="), lambda: self.zoom(1)),
                        (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-1)),
                        (QKeySequence("Ctrl+0"), lambda: self.zoom(0)),
                        (QKeySequence("Ctrl+L"), self.lock)):
            sc = QShortcut(seq, self)
            sc.setContext(qt().ShortcutContext.ApplicationShortcut)
            sc.activated.connect(fn)
            self._shortcuts.append(sc)

    def _build_session(self) -> None:
        """The session's parts of the window: the idle lock, the PIN throttle every PIN prompt shares,
        hiding other windows while locked, kiosk mode, printing (ui.lock, ui.kiosk_mode, ui.printing)."""
        self.pin_throttle = PinThrottle()
        self.window_guard = WindowGuard(self)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self._idle_timeout)
        self.kiosk_guard: Any = None
        self.settings_dialog: Any = None
        self._printing: Any = None
        if self.kiosk_mode:
            self.enable_kiosk_mode()

    @property
    def printing(self) -> Any:
        """The print controller, made on first use: Qt's PDF and print modules load after the
        first window is up (docs/benchmarks.md)."""
        if self._printing is None:
            from .printing import PrintController  # lazy: Qt's print support loads with the first print

            self._printing = PrintController(self, self.backend.call, on_summary=self._print_summary,
                                             actor=lambda: self.attorney.id if self.attorney else "")
            self._printing.recorded.connect(lambda _aid: self._refresh_dashboard())
        return self._printing

    @property
    def loading(self) -> Any:
        """The page that says the records are opening, or why they cannot be."""
        return self._page("loading")

    def _page(self, name: str) -> Any:
        """Pages are built on first use: the first window appears before any of them exists, but
        the one it shows (opening, or unlocking: then the opening page is not built until needed)."""
        if name in self.pages:
            return self.pages[name]
        if name == "loading":
            page: Any = Page("Opening\u2026", "Opening this laptop's records. This takes a moment.")
        elif name == "setup":
            from .event_setup import SetupPage  # lazy: pages load after the first window

            page = SetupPage(self.backend, self.messages)
            page.saved.connect(self._event_saved)
            page.cancelled.connect(lambda: self.show_page("dashboard"))
        elif name == "signin":
            from .signin import SignInPage  # lazy: pages load after the first window

            page = SignInPage(self.backend, self.messages)
            page.signed_in.connect(self._signed_in)
            page.throttle = self.pin_throttle
        elif name == "dashboard":
            from .dashboard import DashboardPage  # lazy: pages load after the first window

            page = DashboardPage(self.backend, self.messages)
            page.new_requested.connect(self.new_applicant)
            page.resume_requested.connect(self.resume)
            page.export_requested.connect(self.export)
            page.settings_requested.connect(self.edit_event)
            page.print_all_requested.connect(self.printing.print_all_pending)
            page.laptop_settings_requested.connect(self.open_laptop_settings)
        elif name == "lock":
            page = LockPage(self.backend, self.messages)
            page.unlocked.connect(self._unlocked)
            page.switch_requested.connect(self._switch_attorney)
            page.throttle = self.pin_throttle
        else:
            raise KeyError(name)
        self.pages[name] = page
        self.stack.addWidget(page)
        return page

    def show_page(self, name: str) -> None:
        page = self._page(name) if name != "wizard" else self.wizard_view
        if name == "wizard":
            self.wizard_view.follow_qt_language()
        elif self._wizard_opened:  # only the wizard installs Qt's translations: none to undo before it
            from . import i18n  # lazy: the translations load with the first applicant

            i18n.use_qt_language("en")  # attorney-facing screens keep Qt's English
        self.stack.setCurrentWidget(page)
        # the lock screen shows no messages: one arriving meanwhile (a print finished) waits for unlock
        self.messages.parentWidget().setVisible(name != "lock")
        signed = self.attorney is not None and name not in ("lock", "signin", "setup", "loading", "unlock")
        self.lock_button.setVisible(signed or (name == "setup" and self.attorney is not None))
        if name == "dashboard":
            page.refresh()
        target = page.first_input() if hasattr(page, "first_input") else None
        if target is not None:
            target.setFocus()
        self.page_changed.emit(name)

    def current_page_name(self) -> str:
        current = self.stack.currentWidget()
        if current is self.wizard_view and current is not None:
            return "wizard"
        return next((k for k, v in self.pages.items() if v is current), "")

    def _update_header(self) -> None:
        ev = self.event
        if ev is not None:
            days = ev.starts_on.strftime("%b %d, %Y")
            if ev.ends_on != ev.starts_on:
                days = f"{ev.starts_on.strftime('%b %d')}\u2013{ev.ends_on.strftime('%d, %Y')}" \
                    if (ev.starts_on.year, ev.starts_on.month) == (ev.ends_on.year, ev.ends_on.month) \
                    else f"{days} \u2013 {ev.ends_on.strftime('%b %d, %Y')}"
            where = f" \u00b7 {ev.venue}" if ev.venue else ""
            self.event_label.setText(f"{ev.name} \u00b7 {days}{where}")
        else:
            self.event_label.setText("No event set up yet")
        self.attorney_label.setText(f"Signed in: {self.attorney.name}" if self.attorney else "")

    # -- laptop settings, kiosk mode, printing ---------------------------------------------------------
    def apply_session_settings(self, settings: Any) -> None:
        self.idle.set_minutes(settings.idle_lock_minutes)
        if settings.kiosk_mode:
            self.enable_kiosk_mode()
        elif self.kiosk_guard is not None and not self.kiosk_mode:
            self.kiosk_guard.disable()

    def enable_kiosk_mode(self) -> None:
        from .kiosk_mode import KioskMode  # lazy: loads only in kiosk mode

        if self.kiosk_guard is None:
            self.kiosk_guard = KioskMode(self, self.backend.call, self.pin_throttle)
        self.kiosk_guard.enable()

    def open_laptop_settings(self) -> None:
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.backend.call(services.laptop_settings, on_done=self._show_laptop_settings)

    def _show_laptop_settings(self, settings: Any) -> None:
        from kiosk import services  # lazy: services load on the database thread, after the first window

        from .caselist_settings import add_to_settings as add_caselist_section  # lazy: loads when the dialog opens
        from .kiosk_mode import LaptopSettingsDialog  # lazy: loads when the dialog opens

        def save(values: dict) -> None:
            actor = self.attorney.id if self.attorney else ""

            def done(result: Any) -> None:
                self.apply_session_settings(result)
                dialog.accept()
                self.messages.show_info("Laptop settings saved.")

            self.backend.call(services.save_laptop_settings, actor=actor, on_done=done,
                              on_error=self.messages.show_error, **values)

        dialog = LaptopSettingsDialog(self, settings, save)
        add_caselist_section(dialog, self)  # "Load the DA's case list" (ui/caselist_settings.py)
        dialog.finished.connect(lambda _r: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def _print_summary(self, summary: Any) -> None:
        if summary.ok or (not summary.results and not summary.error):
            self.messages.show_info(summary.text())
        else:
            self.messages.show_error(summary.text())
        self._refresh_dashboard()

    def _refresh_dashboard(self) -> None:
        if self.current_page_name() == "dashboard":
            self._page("dashboard").refresh()

    # -- export ------------------------------------------------------------------------------------
    def export(self) -> None:
        """The sync file for the DA's office (kiosk.sync), in a dialog with progress."""
        from .export import start_export  # lazy: the export dialog loads when opened

        start_export(self)

    # -- text size, closing ------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        app = QApplication.instance()
        if app is not None:
            style.zoom(app, steps)

    def shutdown(self) -> None:
        """Save the open applicant (closed normally: no resume prompt next time), stop the thread."""
        if self._shut:
            return
        self._shut = True
        if self.wizard_view is not None:
            self.wizard_view.flush(keep_open=False)
        self._first_exposed.set()  # an opening still waiting for the first frame (quit before it) runs now
        self.backend.stop()

    def abandon(self) -> None:
        """Stop the database thread without saving or closing the applicant: what a crash leaves
        behind (tests use it to check the crash prompt)."""
        self._shut = True
        self.backend.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)
