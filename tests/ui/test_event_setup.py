"""ui.event_setup: Save shows every problem at once and focuses the first, a valid form saves the
event through the core, and a problem the core finds lands on its field."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kiosk import services
from kiosk.errors import InputError
from tests.ui.papers_support import SyncCall
from ui.errors import MessageBar
from ui.event_setup import SetupPage


@pytest.fixture(scope="module")
def db():
    """One database for the module (opening one is most of a test's time): only one test saves."""
    d = services.open_kiosk(":memory:")
    yield d
    d.close()


@pytest.fixture
def page(qtbot, db):
    messages = MessageBar()
    p = SetupPage(SimpleNamespace(call=SyncCall(db)), messages)
    qtbot.addWidget(p)
    qtbot.addWidget(messages)
    p.show()
    return p


def test_a_first_run_suggests_the_laptop_name_and_save_lists_every_problem(page, qtbot):
    page.load(None, default_laptop="Table 3")
    assert page.fields["laptop_name"].value() == "Table 3"
    assert not page.cancel_button.isVisible() and page.title.text() == "Set up the event"
    page.save()
    assert page.fields["name"].error_text == "Event name is required."
    assert page.fields["starts_on"].error_text == "First day is required (YYYY-MM-DD)."
    qtbot.waitUntil(page.fields["name"].widget.hasFocus)
    assert page.backend.call.calls == []  # nothing reaches the core while the form has problems


def test_a_valid_form_saves_the_event_and_editing_it_loads_it_back(page):
    saved = []
    page.saved.connect(saved.append)
    page.load(None, default_laptop="Table 3")
    for key in ("starts_on", "ends_on", "return_date"):  # every date field says what it takes, as the wizard's do
        assert page.fields[key].widget.placeholderText() == "MM/DD/YYYY"
        assert "MM/DD/YYYY or YYYY-MM-DD." in page.fields[key].widget.accessibleDescription()
    for key, value in {"name": "Begin Again", "starts_on": "09/21/2018", "ends_on": "2018-09-22",
                       "venue": "Lenox Road Baptist Church"}.items():
        page.fields[key].set_value(value)
    page.save()
    assert page.backend.call.calls == ["setup_event"]
    (event,) = saved
    assert (event.name, event.starts_on.isoformat(), event.laptop_name) == ("Begin Again", "2018-09-21", "Table 3")
    page.load(event)
    assert page.title.text() == "Event settings" and page.cancel_button.isVisible()
    assert page.raw()["id"] == event.id and page.fields["venue"].value() == "Lenox Road Baptist Church"


def test_a_problem_the_core_finds_is_shown_on_its_field_not_in_the_message_bar(page):
    def refuse(fn, *args, on_done=None, on_error=None, **kw):
        on_error(InputError("event.starts_on", "is not a real calendar date"))

    page.backend = SimpleNamespace(call=refuse)
    page.fields["name"].set_value("Begin Again")
    page.fields["starts_on"].set_value("2018-09-21")
    page.save()
    assert page.fields["starts_on"].error_text == "First day is not a real calendar date."
    assert page.presenter.isHidden() and page.save_button.isEnabled()
