"""ui.window_startup: once the records are open, a laptop with no event shows event set-up and one
with an event shows sign-in; saving the event goes on to sign-in the first time and back to the
dashboard after an edit."""

from __future__ import annotations

from types import SimpleNamespace

from ui.window_startup import StartupMixin


class Page:
    def __init__(self) -> None:
        self.loaded: list[object] = []
        self.attorneys: list[object] = []

    def load(self, event: object) -> None:
        self.loaded.append(event)

    def set_attorneys(self, attorneys: list[object]) -> None:
        self.attorneys = attorneys


class Window(StartupMixin):
    """The parts of MainWindow the start-up mixin uses, recorded instead of shown."""

    def __init__(self) -> None:
        self.event = self.attorney = None
        self.shown: list[str] = []
        self.ready_pages: list[str] = []
        self.calls: list[str] = []
        self.notes: list[str] = []
        self.pages = {"setup": Page(), "signin": Page()}
        self.ready = SimpleNamespace(emit=self.ready_pages.append)
        self.pin_throttle = SimpleNamespace(restore=lambda *wait: None)
        self.messages = SimpleNamespace(show_info=self.notes.append)
        self.backend = SimpleNamespace(call=lambda fn, *a, on_done=None, **kw: self.calls.append(fn.__name__))
        self.held_applied = 0

    def _apply_held_settings(self) -> None:
        self.held_applied += 1

    def _page(self, name: str) -> Page:
        return self.pages[name]

    def show_page(self, name: str) -> None:
        self.shown.append(name)

    def _update_header(self) -> None:
        pass

    def apply_session_settings(self, settings: object) -> None:
        pass


def started(event: object, attorneys: list[object]) -> SimpleNamespace:
    return SimpleNamespace(pin_wait=(0, 0.0), event=event, attorneys=attorneys)


def test_a_laptop_without_an_event_opens_on_set_up_and_one_with_an_event_on_sign_in():
    w = Window()
    w._started(started(None, []))
    assert (w.shown, w.ready_pages, w.pages["setup"].loaded) == (["setup"], ["setup"], [None])
    assert w.calls == ["session_settings"]  # idle minutes and kiosk mode follow the laptop settings
    w = Window()
    event, attorney = SimpleNamespace(name="Begin Again"), SimpleNamespace(name="A. Counsel")
    w._started(started(event, [attorney]))
    assert (w.shown, w.ready_pages, w.event) == (["signin"], ["signin"], event)
    assert w.pages["signin"].attorneys == [attorney]


def test_saving_the_event_goes_to_sign_in_the_first_time_and_back_to_the_dashboard_after_an_edit():
    w = Window()
    w._event_saved(SimpleNamespace(name="Begin Again"))
    assert w.calls == ["list_attorneys"] and w.notes == []
    w._attorneys_listed([])
    assert w.shown == ["signin"]
    w.attorney = SimpleNamespace(name="A. Counsel")
    w._event_saved(SimpleNamespace(name="Begin Again, day 2"))
    assert w.shown == ["signin", "dashboard"] and w.notes == ["Event settings saved."]
    assert w.event.name == "Begin Again, day 2"


def test_records_that_open_at_once_show_the_opening_page_and_then_open():
    w = Window()
    w.demo, w._first_exposed = False, None
    w._page = lambda name: w.calls.append(f"page {name}")  # type: ignore[method-assign]
    w.backend = SimpleNamespace(open=lambda *a, **kw: w.calls.append("open"))
    w._begin(":memory:")  # a passphrase known at start: no unlock page
    assert w.calls == ["page loading", "open"]


def test_the_first_windows_held_settings_are_made_before_the_records_are_shown():
    """(made once the window is on screen; a window never exposed, e.g. started minimized, opens
    its records after 2 s: the labels are plain text before any name reaches them)"""
    w = Window()
    w._opened(SimpleNamespace(converted=False))
    assert w.held_applied == 1 and w.calls == ["startup"]
