"""ui.automation: the driver the tests and the benchmark share finds controls by accessible name,
reads and sets them by kind, reads a field's problem, and its Bot gives up with a plain error."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QWidget

from kiosk import pins
from ui import automation
from ui.automation import Bot, Driver
from ui.forms import Field, combo


@pytest.fixture
def form(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    g = QGridLayout(window)
    fields = {"name": Field("name", "Name", QLineEdit()), "agree": Field("agree", "Agrees", QCheckBox()),
              "county": Field("county", "County", combo([("kings", "Kings"), ("queens", "Queens")]))}
    for row, f in enumerate(fields.values()):
        f.place(g, row)
    window.show()
    return Driver(window, qtbot), fields


def test_the_driver_reads_and_sets_each_kind_of_control_by_its_name(form):
    d, _fields = form
    d.set("Name", "Ada")
    d.set("Agrees", True)
    d.set("County", "Queens")
    assert (d.value("Name"), d.value("Agrees"), d.value("County")) == ("Ada", True, "Queens")
    with pytest.raises(AssertionError, match="is not a choice"):
        d.set("County", "Bronx")
    with pytest.raises(AssertionError, match="0 visible controls are named 'Phone'"):
        d.field("Phone")


def test_the_driver_reads_the_problem_shown_next_to_a_field(form):
    d, fields = form
    assert d.error_of("Name") == ""
    fields["name"].show_error("Name is required.")
    assert d.error_of("Name") == "Name is required."


def test_the_bot_gives_up_with_a_plain_error_when_the_window_never_gets_there(qapp):
    with pytest.raises(TimeoutError, match="did not reach the expected state"):
        Bot().waitUntil(lambda: False, timeout=20)
    Bot().waitUntil(lambda: True, timeout=20)  # a condition already true returns at once


def test_the_drivers_pin_passes_the_shipped_pin_rule(monkeypatch):
    """The screenshot tour and the bench run outside the suite, which lowers the PIN minimum."""
    monkeypatch.setattr(pins, "MIN_DIGITS", 6)  # the shipped rule (tests/core/test_pins.py pins it)
    assert pins.pin_problem(automation.PIN) == ""
