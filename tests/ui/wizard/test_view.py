"""ui.wizard.view: Enter is Next (or shows every problem of the step), and Save and close keeps
the draft for Resume."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.drive import Driver


def test_pressing_enter_on_an_incomplete_step_shows_every_problem_and_focuses_the_first(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.set("First name", "J4ne")  # typed, never left: no message yet
    assert d.error_of("First name") == ""
    d.qtbot.keyClick(d.field("First name"), Qt.Key.Key_Return)
    assert d.step() == "identity"
    assert d.error_of("First name").startswith("First name may contain only letters")
    assert d.error_of("Last name") == "Last name is required."
    assert d.field("First name").hasFocus()


def test_enter_moves_to_the_next_step_when_the_step_is_complete(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.qtbot.keyClick(d.field("Language"), Qt.Key.Key_Return)
    d.idle()
    assert d.step() == "identity"
    d.type("Last name", "Doe")
    d.field("Last name").setFocus()
    d.qtbot.keyClick(d.field("Last name"), Qt.Key.Key_Enter)
    d.idle()
    assert d.step() == "screening"


def test_save_and_close_keeps_the_draft_for_resume_from_the_dashboard(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.fill_identity(first="Ana", last="Ortiz")
    d.next()
    d.set("Sex offense conviction", True)  # typed on the current step, then closed
    d.click("Save and close")
    d.wait_page("dashboard")
    table = d.field("Applicants")
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (1, 2, 4)] == ["Ana Ortiz", "Draft", "A few questions"]
    table.selectRow(0)
    d.click("Resume")
    d.wait_page("wizard")
    assert d.step() == "screening" and d.value("Sex offense conviction") is True
    d.click("Back")
    d.idle()
    assert (d.value("First name"), d.value("Last name")) == ("Ana", "Ortiz")
