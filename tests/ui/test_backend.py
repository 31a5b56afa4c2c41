"""ui.backend: every database job runs on the one database thread, in order, and answers on the
GUI thread."""

from __future__ import annotations

import threading

import pytest

from kiosk import services
from kiosk.errors import StorageError
from tests.ui.drive import Driver
from ui.backend import Backend


def test_every_database_call_runs_on_the_database_thread(signed_in: Driver, monkeypatch):
    d = signed_in
    seen: list[bool] = []
    real = services.autosave_wizard

    def spy(*args, **kw):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kw)

    monkeypatch.setattr(services, "autosave_wizard", spy)
    d.start_consented_applicant()
    d.type("Last name", "Doe")
    d.next()
    assert seen == [False, False]


@pytest.fixture
def backend(qapp):
    b = Backend()
    yield b
    b.stop()


def test_jobs_run_in_order_on_one_other_thread_and_answer_on_the_gui_thread(backend, qtbot):
    answers: list[tuple[str, bool]] = []
    backend.open(":memory:", on_done=lambda _db: answers.append(("opened", on_main())))
    for n in range(3):
        backend.call(lambda db, n=n: (n, threading.current_thread().name), on_done=lambda r: answers.append(
            (f"job {r[0]} off the GUI thread: {r[1] != threading.main_thread().name}", on_main())))
    assert backend.pending == 4
    with qtbot.waitSignal(backend.idle, timeout=5000):
        pass
    assert answers == [("opened", True), ("job 0 off the GUI thread: True", True),
                       ("job 1 off the GUI thread: True", True), ("job 2 off the GUI thread: True", True)]


def test_an_error_goes_to_its_callback_or_else_to_the_window_and_the_thread_lives_on(backend, qtbot):
    caught: list[object] = []
    backend.call(lambda db: db, on_error=caught.append)  # nothing opened yet
    backend.open(":memory:")
    with qtbot.waitSignal(backend.error, timeout=5000) as shown:
        backend.call(lambda db: 1 / 0)  # no callback for errors: the window's message bar gets it
    assert isinstance(caught[0], StorageError) and "not open" in str(caught[0])
    assert isinstance(shown.args[0], ZeroDivisionError)
    with qtbot.waitSignal(backend.idle, timeout=5000):
        backend.call(lambda db: 1, on_done=caught.append)
    assert caught[-1] == 1


def test_stop_runs_what_was_queued_then_refuses_new_jobs(qapp):
    b = Backend()
    ran: list[int] = []
    b.open(":memory:")
    b.call(lambda db: ran.append(1))
    b.stop()
    b.stop()  # idempotent
    assert ran == [1] and not b.running
    assert b.call(lambda db: ran.append(2)) == -1 and ran == [1]


def on_main() -> bool:
    return threading.current_thread() is threading.main_thread()
