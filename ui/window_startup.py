"""The main window's start-up: open the records (at once when the passphrase is known, else after
the unlock page), then show event set-up on a first run or sign-in, and come back to sign-in
after the event is saved.

A mixin of `MainWindow` (ui/main_window.py), kept apart so the window stays about its pages."""

from __future__ import annotations

from typing import Any

from kiosk.errors import AuthError

from .unlock import UnlockPage, demo_hint, start_mode


class StartupMixin:
    """Methods `MainWindow` gains; they run the database thread's answers onto the pages."""

    backend: Any
    demo: bool
    db_path: Any
    event: Any
    attorney: Any
    pages: dict
    stack: Any
    loading: Any
    messages: Any
    pin_throttle: Any
    ready: Any
    _first_exposed: Any
    _page: Any
    show_page: Any
    _update_header: Any
    apply_session_settings: Any
    _apply_held_settings: Any

    def _begin(self, db_path: Any) -> None:
        """Open the records at once when the passphrase is known (KIOSK_PASSPHRASE, or a new demo
        database), else ask for it first (ui.unlock)."""
        mode, passphrase = start_mode(db_path, demo=self.demo)
        if mode == "open":
            self._page("loading")  # the first page of the stack: the window opens on it
            # the database opens once the first window is on screen (a window never shown: at once)
            self.backend.open(db_path, passphrase=passphrase, on_done=self._opened, on_error=self._open_failed,
                              after=self._first_exposed)
            return

        page = UnlockPage(mode, demo_hint=demo_hint() if self.demo else "")
        page.submitted.connect(self._unlock)
        self.pages["unlock"] = page
        self.stack.addWidget(page)
        self.show_page("unlock")

    def _unlock(self, passphrase: str) -> None:
        self.backend.open(self.db_path, passphrase=passphrase, on_done=self._opened, on_error=self._unlock_failed)

    def _unlock_failed(self, exc: BaseException) -> None:
        self._apply_held_settings()  # (the window is on screen by now: made already)
        if isinstance(exc, AuthError):
            self.pages["unlock"].refused("Wrong passphrase: nothing was opened. Try again.")
            return
        self.show_page("loading")
        self._open_failed(exc)

    def _opened(self, db: Any) -> None:
        from kiosk import services  # lazy: services load on the database thread, after the first window

        # the first window's labels show plain text before any record does (made already unless the
        # window was never exposed, e.g. started minimized: then the records opened after 2 s)
        self._apply_held_settings()
        if "unlock" in self.pages:
            self.pages["unlock"].opened()
        if getattr(db, "converted", False):
            self.messages.show_info("This laptop's records were not encrypted: they now are, under the event "
                                    "passphrase (the unencrypted file was replaced).")

        def startup(db: Any) -> services.StartupState:
            if self.demo:
                services.ensure_demo_event(db)
            return services.startup_state(db)

        self.backend.call(startup, on_done=self._started, on_error=self._open_failed)

    def _open_failed(self, exc: BaseException) -> None:
        self._apply_held_settings()
        self.messages.show_error(exc)
        self.loading.title.setText("The records cannot be opened")
        self.loading.lead.setText("Nothing was changed. Check the message above, then close and open the app again.")

    def _started(self, info: Any) -> None:
        self.pin_throttle.restore(*info.pin_wait)
        self.event = info.event
        self._update_header()
        if self.event is None:
            self._page("setup").load(None)
            self.show_page("setup")
            self.ready.emit("setup")
        else:
            self._page("signin").set_attorneys(info.attorneys)
            self.show_page("signin")
            self.ready.emit("signin")
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.backend.call(services.session_settings, on_done=self.apply_session_settings)

    def _event_saved(self, event: Any) -> None:
        first_run = self.event is None
        self.event = event
        self._update_header()
        if first_run or self.attorney is None:
            from kiosk import services  # lazy: services load on the database thread, after the first window

            self.backend.call(services.list_attorneys, on_done=self._attorneys_listed)
        else:
            self.messages.show_info("Event settings saved.")
            self.show_page("dashboard")

    def _attorneys_listed(self, attorneys: list[Any]) -> None:
        self._page("signin").set_attorneys(attorneys)
        self.show_page("signin")

    def edit_event(self) -> None:
        self._page("setup").load(self.event)
        self.show_page("setup")
