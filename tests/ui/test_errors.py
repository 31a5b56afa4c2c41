"""ui.errors: every error is said in one place, in plain words, and a bug says one calm sentence
with none of its text (it may hold personal data)."""

from __future__ import annotations

from kiosk import services
from kiosk.errors import AuthError, InputError, NotFoundError, StorageError
from tests.ui.drive import Driver
from ui.errors import UNEXPECTED, MessageBar, plain_message


def test_a_refused_save_is_shown_in_one_place_in_plain_words(signed_in: Driver, monkeypatch):
    d = signed_in

    def full(*args, **kw):
        raise StorageError("the disk is full: free some space (or use another drive) and try again; "
                           "nothing was lost")

    monkeypatch.setattr(services, "autosave_wizard", full)
    d.start_consented_applicant()
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


def test_plain_message_names_the_field_by_its_label_and_says_each_kind_in_plain_words():
    assert plain_message(InputError("event.name", "is required")) == "Event name is required."
    assert plain_message(InputError("last_name", "is required")).startswith("Last name is required")
    assert plain_message(AuthError("wrong PIN")) == "Wrong PIN."
    assert plain_message(StorageError("the disk is full")) == "Not saved: the disk is full."
    assert plain_message(NotFoundError("no such applicant")) == "No such applicant."
    assert plain_message(ValueError("Featherstonehaugh")) == UNEXPECTED


def test_the_message_bar_shows_one_message_at_a_time_and_dismissing_clears_it(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_error(AuthError("wrong PIN"))
    assert bar.isVisible() and bar.text == "Wrong PIN." and bar.property("level") == "error"
    bar.show_info("Event settings saved.")
    assert bar.text == "Event settings saved." and bar.kind.text() == "Note:"
    assert bar.accessibleDescription() == "Note: Event settings saved."
    with qtbot.waitSignal(bar.dismissed, timeout=1000):
        bar.close_button.click()
    assert bar.isHidden() and bar.text == ""
