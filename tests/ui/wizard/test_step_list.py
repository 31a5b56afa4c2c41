"""The step list shows where the attorney is and takes them back to any completed step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS


def items(d: Driver) -> list:
    steps = d.view.steps
    return [steps.item(i) for i in range(steps.count())]


def highlighted(d: Driver) -> list[str]:
    return [it.text() for it in items(d) if it.isSelected()]


def test_the_current_step_is_highlighted_as_the_wizard_moves(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    assert highlighted(d) == ["1. Language and consent"]
    assert items(d)[0].data(Qt.ItemDataRole.AccessibleTextRole) == "1. Language and consent (current step)"
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    assert highlighted(d) == ["2. About you"]
    assert items(d)[0].data(Qt.ItemDataRole.AccessibleTextRole).endswith("(done: click to go back)")


def test_clicking_a_completed_step_goes_back_to_it_with_every_value_kept(signed_in: Driver):
    d = signed_in
    d.walk_to_result([KINGS], first="Ana", last="Ortiz")
    assert highlighted(d) == ["5. Result"]
    steps = d.view.steps
    steps.itemClicked.emit(items(d)[1])  # "2. About you", as a click does
    d.idle()
    assert d.step() == "identity" and highlighted(d) == ["2. About you"]
    assert (d.value("First name"), d.value("Last name")) == ("Ana", "Ortiz")
    steps.itemClicked.emit(items(d)[4])  # "5. Result" is not completed on this walk any more
    d.idle()
    assert d.step() == "identity" and highlighted(d) == ["2. About you"]
    d.next()
    d.next()
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=15_000)
    assert d.step() == "result" and [c.word.text() for c in d.view.result_page.cards] == ["ELIGIBLE"]


def test_a_step_not_reached_yet_cannot_be_picked(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.view.steps.itemClicked.emit(items(d)[3])
    d.idle()
    assert d.step() == "language_consent" and highlighted(d) == ["1. Language and consent"]
    assert not items(d)[3].flags() & Qt.ItemFlag.ItemIsSelectable
