"""ui.errors: every error is said in one place, in plain words, and a bug says one calm sentence
with none of its text (it may hold personal data)."""

from __future__ import annotations

from kiosk import services
from kiosk.errors import StorageError
from tests.ui.drive import Driver


def test_a_refused_save_is_shown_in_one_place_in_plain_words(signed_in: Driver, monkeypatch):
    d = signed_in

    def full(*args, **kw):
        raise StorageError("the disk is full: free some space (or use another drive) and try again; "
                           "nothing was lost")

    monkeypatch.setattr(services, "autosave_wizard", full)
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    assert d.window.messages.isVisible()
    assert d.window.messages.label.text().startswith("Not saved: the disk is full")
    assert d.value("Save status") == "Not saved"
    d.click("Dismiss")
    assert not d.window.messages.isVisible()


def test_an_unexpected_error_says_one_calm_sentence_and_no_detail(signed_in: Driver, monkeypatch):
    d = signed_in

    def bug(*args, **kw):
        raise KeyError("Featherstonehaugh")  # a bug whose text holds personal data

    monkeypatch.setattr(services, "dashboard_rows", bug)
    d.type("Search", "x")
    d.qtbot.waitUntil(lambda: d.window.messages.isVisible())
    text = d.window.messages.label.text()
    assert text.startswith("Something went wrong") and "Featherstonehaugh" not in text
