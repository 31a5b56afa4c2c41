"""ui.backend: every database job runs on the one database thread, in order, and answers on the
GUI thread."""

from __future__ import annotations

import threading

from kiosk import services
from tests.ui.drive import Driver


def test_every_database_call_runs_on_the_database_thread(signed_in: Driver, monkeypatch):
    d = signed_in
    seen: list[bool] = []
    real = services.autosave_wizard

    def spy(*args, **kw):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kw)

    monkeypatch.setattr(services, "autosave_wizard", spy)
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.type("Last name", "Doe")
    d.next()
    assert seen == [False, False]
