"""ui.window_session, the attorney's session in the window. Nothing typed is lost: autosave at
every step change, Resume at the step where it stopped, and after a crash an explicit question about
the applicant left open (never a silent resume). Locking saves the open applicant and hides it;
switching attorney closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk import services
from tests.ui.drive import PIN, Driver
from tests.ui.walk_support import KINGS, SALE


def walk_to_convictions(d: Driver) -> str:
    d.start_applicant()
    d.set("Language", "Español")
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.fill_identity(first="Dolores", last="Ibárruri", dob="1979-12-09", aliases="Lola Ibarruri")
    d.type("NYSID", "01234567L")
    d.type("Email", "lola@example.org")
    d.next()
    d.set("Open case or warrant", True)
    d.next()
    d.fill_conviction(**KINGS)
    return d.view.wizard.reference


def assert_restored(d: Driver) -> None:
    """Every value of the completed steps is back, on the right pages."""
    assert d.step() == "convictions"
    d.click("Back")
    d.idle()
    assert d.value("Open case or warrant") is True and d.value("Immigration concern") is False
    d.click("Back")
    d.idle()
    assert (d.value("First name"), d.value("Last name"), d.value("Date of birth")) == (
        "Dolores", "Ibárruri", "1979-12-09")
    assert (d.value("Aliases"), d.value("NYSID"), d.value("Email")) == (
        "Lola Ibarruri", "01234567L", "lola@example.org")
    d.click("Back")
    d.idle()
    assert d.value("Language") == "Español"
    assert d.value("Consent: I agree to share my information with the DA's office") is True


def test_after_a_crash_the_next_start_asks_which_applicant_to_resume(open_window, signed_in: Driver):
    d = signed_in
    reference = walk_to_convictions(d)
    assert reference.startswith("BA-")
    d.window.abandon()  # the process dies: no close, no final save
    d.window.hide()

    d2 = open_window(d.db_path)
    d2.sign_in()
    d2.qtbot.waitUntil(lambda: d2.window.resume_prompt is not None)
    prompt = d2.window.resume_prompt
    assert d2.page() == "dashboard"  # nothing was resumed yet
    assert f"Applicant {reference} (Dolores Ibárruri)" in prompt.message.text()
    assert "\u201cConvictions\u201d" in prompt.message.text()
    assert prompt.resume_button.accessibleName() == f"Resume {reference}"
    prompt.resume_button.click()
    d2.wait_page("wizard")
    assert d2.view.wizard.reference == reference
    # the half-typed conviction was on an unfinished step: the form is back, empty
    assert d2.value("Docket number") == ""
    assert_restored(d2)


def test_declining_the_crash_prompt_leaves_a_draft_and_does_not_ask_again(open_window, signed_in: Driver):
    d = signed_in
    reference = walk_to_convictions(d)
    d.window.abandon()
    d.window.hide()
    d2 = open_window(d.db_path)
    d2.sign_in()
    d2.qtbot.waitUntil(lambda: d2.window.resume_prompt is not None)
    d2.window.resume_prompt.decline_button.click()
    d2.idle()
    assert d2.page() == "dashboard" and d2.window.wizard_view is None
    table = d2.field("Applicants")
    assert table.item(0, 0).text() == reference and table.item(0, 2).text() == "Draft"
    assert services.unfinished_applicant(services.open_kiosk(d.db_path)) is None
    d2.window.close()
    d3 = open_window(d.db_path)
    d3.sign_in()
    d3.idle()
    assert d3.window.resume_prompt is None


def test_a_normal_close_mid_wizard_saves_the_step_and_asks_nothing_next_time(open_window, signed_in: Driver):
    d = signed_in
    walk_to_convictions(d)
    d.window.close()  # saves the conviction typed on the open step too
    db = services.open_kiosk(d.db_path)
    assert services.unfinished_applicant(db) is None
    d2 = open_window(d.db_path)
    d2.sign_in()
    d2.idle()
    assert d2.window.resume_prompt is None
    d2.field("Applicants").selectRow(0)
    d2.click("Resume")
    d2.wait_page("wizard")
    assert d2.value("Docket number") == "2016KN074376"
    assert_restored(d2)


def test_resume_of_an_evaluated_applicant_reopens_the_result_with_its_override(open_window, signed_in: Driver):
    d = signed_in
    d.walk_to_result([KINGS, SALE])
    d.click("Override the outcome\u2026")
    d.set("Conviction to override", "2. PL 221.40 \u00b7 2014KN001234")
    d.set("New outcome", "ELIGIBLE")
    d.set("Reason for override", "The DA's office confirmed this plea is covered.")
    d.click("Apply override")
    d.idle()
    d.set("Attorney note", "Follow up on the sale plea.")
    d.next()  # to the papers: the note is saved with this step change
    d.click("Save and close")
    d.wait_page("dashboard")
    table = d.field("Applicants")
    assert table.item(0, 3).text() == "2 eligible (1 overridden)"
    assert table.item(0, 4).text() == "Papers"
    assert table.item(0, 5).text() == "Papers not printed"
    table.selectRow(0)
    d.click("Resume")
    d.wait_page("wizard")
    assert d.step() == "documents" and d.has("Save packet PDF…")
    d.click("Back")
    d.idle()
    d.qtbot.waitUntil(lambda: all(c.isVisible() for c in d.view.result_page.cards))
    assert [c.word.text() for c in d.view.result_page.cards] == ["ELIGIBLE", "ELIGIBLE"]
    assert "Attorney override: the rules said NEEDS REVIEW" in d.visible_text()
    assert d.value("Attorney note") == "Follow up on the sale plea."


def test_a_record_made_with_kiosk_intake_opens_in_the_wizard(open_window, template_db, tmp_path):
    import shutil

    from tests.core.conftest import SAMPLE_APPLICANT

    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    db = services.open_kiosk(target)
    applicant, _ = services.intake(db, SAMPLE_APPLICANT)
    db.close()
    d = open_window(target)
    d.sign_in()
    d.field("Search").setText(applicant.reference)
    d.qtbot.waitUntil(lambda: d.field("Applicants").rowCount() == 1)
    d.field("Applicants").selectRow(0)
    d.click("Resume")
    d.wait_page("wizard")
    assert d.step() == "result"
    d.click("Back")
    d.idle()
    assert d.value("Docket number") == "2016KN074376"
    d.click("Back")
    d.click("Back")
    d.idle()
    assert (d.value("First name"), d.value("Last name")) == ("Jane", "Sample")


def test_lock_hides_every_applicant_detail_and_only_the_pin_unlocks(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.fill_identity(first="Rosalind", last="Featherstonehaugh")
    d.next()
    d.qtbot.keyClick(d.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    d.wait_page("lock")
    text = d.visible_text()
    assert "Featherstonehaugh" not in text and "Rosalind" not in text and "BA-" not in text
    assert not d.has("Lock now")
    d.type("PIN", "9999")
    d.click("Unlock")
    d.idle()
    assert d.page() == "lock" and d.error_of("PIN") == "Wrong PIN."
    d.type("PIN", PIN)
    d.click("Unlock")
    d.wait_page("wizard")
    assert d.step() == "screening"
    d.click("Back")
    d.idle()
    assert d.value("Last name") == "Featherstonehaugh"


def test_locking_saves_the_step_in_progress(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.fill_identity(first="Ines", last="Okafor")  # typed, Next not pressed
    d.click("Lock now")
    d.wait_page("lock")
    db = services.open_kiosk(d.db_path)
    rows = services.dashboard_rows(db)
    assert [(r.name, r.step) for r in rows] == [("Ines Okafor", "identity")]
    assert services.unfinished_applicant(db).id == rows[0].id


def test_switching_attorney_from_the_lock_screen_closes_the_applicant(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.type("Last name", "Okafor")
    d.next()
    d.click("Lock now")
    d.wait_page("lock")
    d.click("Sign in as someone else")
    d.wait_page("signin")
    assert d.window.wizard_view is None and d.window.attorney is None
    assert "Okafor" not in d.visible_text(include_hidden=True)
    assert services.unfinished_applicant(services.open_kiosk(d.db_path)) is None
