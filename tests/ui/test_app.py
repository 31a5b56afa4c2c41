"""The window around the wizard: first-run event set-up, attorney sign-in, the lock, text
scaling, the one place errors are shown, and the database thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from kiosk import services
from kiosk.errors import StorageError
from tests.ui.drive import ATTORNEY, PIN, Driver


def test_first_run_sets_up_the_event_then_adds_an_attorney(open_window, tmp_path):
    d = open_window(tmp_path / "fresh.db", demo=False)
    d.wait_page("setup")
    assert d.field("Laptop name").text() != ""  # suggested from the computer's name
    d.click("Save event")
    assert d.page() == "setup"
    assert d.error_of("Event name") == "Event name is required."
    assert d.error_of("First day") == "First day is required (YYYY-MM-DD)."
    assert d.field("Event name").hasFocus()
    d.type("Event name", "Begin Again")
    d.type("First day", "2018-09-21")
    d.type("Last day", "2018-09-20")
    assert d.error_of("Last day") == "Last day is before the first day."
    d.type("Last day", "2018-09-22")
    d.type("Venue", "Lenox Road Baptist Church")
    d.type("DA office public key", "age1nope")
    assert d.error_of("DA office public key").startswith("DA office public key is not an age public key")
    d.type("DA office public key", "")  # "can be set later"
    d.click("Save event")
    d.wait_page("signin")
    assert d.has("Choose a PIN")  # nobody to pick yet: straight to adding an attorney
    assert "Begin Again" in d.window.event_label.text() and "Lenox Road" in d.window.event_label.text()
    d.type("Name", ATTORNEY)
    d.type("Choose a PIN", "12")
    d.type("Repeat the PIN", "12")
    d.click("Add and sign in")
    assert d.error_of("Choose a PIN") == "Choose a PIN must be 4 to 12 digits."
    d.type("Choose a PIN", PIN)
    d.type("Repeat the PIN", "1357")
    d.click("Add and sign in")
    assert d.error_of("Repeat the PIN") == "The two PINs are not the same."
    d.type("Repeat the PIN", PIN)
    d.click("Add and sign in")
    d.wait_page("dashboard")
    assert d.window.attorney_label.text() == f"Signed in: {ATTORNEY}"
    db = services.open_kiosk(d.db_path)
    ev = services.current_event(db)
    assert (ev.name, ev.starts_on.isoformat(), ev.office_recipient) == ("Begin Again", "2018-09-21", "")
    assert [a.name for a in services.list_attorneys(db)] == [ATTORNEY]


def test_the_demo_event_is_the_september_2018_event(open_window):
    d = open_window()
    d.wait_page("signin")
    text = d.window.event_label.text()
    assert "Sep 21\u201322, 2018" in text and "Lenox Road Baptist Church" in text


def test_sign_in_refuses_a_wrong_pin_and_says_so_next_to_the_pin(open_window, tmp_path):
    d = open_window()
    d.add_attorney()
    d.window.close()
    d2 = open_window(d.db_path)
    d2.wait_page("signin")
    assert d2.field("Attorney").currentItem().text().startswith(ATTORNEY)
    d2.type("PIN", "0000")
    d2.click("Sign in")
    d2.idle()
    assert d2.page() == "signin" and d2.error_of("PIN") == "Wrong PIN."
    assert d2.field("PIN").text() == ""
    d2.type("PIN", PIN)
    d2.qtbot.keyClick(d2.field("PIN"), Qt.Key.Key_Return)
    d2.wait_page("dashboard")


def test_lock_hides_every_applicant_detail_and_only_the_pin_unlocks(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
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
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.fill_identity(first="Ines", last="Okafor")  # typed, Next not pressed
    d.click("Lock now")
    d.wait_page("lock")
    db = services.open_kiosk(d.db_path)
    rows = services.dashboard_rows(db)
    assert [(r.name, r.step) for r in rows] == [("Ines Okafor", "identity")]
    assert services.unfinished_applicant(db).id == rows[0].id


def test_switching_attorney_from_the_lock_screen_closes_the_applicant(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.type("Last name", "Okafor")
    d.next()
    d.click("Lock now")
    d.wait_page("lock")
    d.click("Sign in as someone else")
    d.wait_page("signin")
    assert d.window.wizard_view is None and d.window.attorney is None
    assert "Okafor" not in d.visible_text(include_hidden=True)
    assert services.unfinished_applicant(services.open_kiosk(d.db_path)) is None


def test_ctrl_plus_and_minus_scale_every_text(signed_in: Driver):
    d = signed_in
    label = d.window.pages["dashboard"].title
    search = d.field("Search")
    before = (label.font().pointSizeF(), search.font().pointSizeF())
    d.qtbot.keyClick(d.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    d.qtbot.keyClick(d.window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = (label.font().pointSizeF(), search.font().pointSizeF())
    assert bigger[0] > before[0] and bigger[1] > before[1]
    assert abs(bigger[1] / before[1] - 1.25) < 0.01
    d.qtbot.keyClick(d.window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert before[1] < search.font().pointSizeF() < bigger[1]
    d.qtbot.keyClick(d.window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert (label.font().pointSizeF(), search.font().pointSizeF()) == before


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



def test_export_refuses_without_the_office_key_and_points_to_event_settings(signed_in: Driver):
    d = signed_in
    d.click("Export")
    d.qtbot.waitUntil(lambda: d.window.export_dialog is not None)
    dialog = d.window.export_dialog
    d.qtbot.waitUntil(lambda: "waiting to be exported" in dialog.status.text())
    assert "public key is not set" in dialog.status.text()
    assert not dialog.export_button.isEnabled()
    dialog.settings_button.click()
    d.wait_page("setup")
    assert d.field("Event name").text().startswith("Begin Again")


def test_export_writes_a_verified_encrypted_file_with_progress_then_purges_with_the_pin(
        signed_in: Driver, tmp_path, monkeypatch):
    import pyrage

    from ui import dialogs

    d = signed_in
    identity = pyrage.x25519.Identity.generate()
    d.click("Event settings")
    d.wait_page("setup")
    d.type("DA office public key", str(identity.to_public()))
    d.click("Save event")
    d.wait_page("dashboard")
    d.walk_to_result([{"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02"}],
                     last="Featherstonehaugh")
    d.next()
    d.finish()
    d.click("Back to the dashboard")
    d.wait_page("dashboard")
    out = tmp_path / "usb" / "export.age"
    out.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, title, suggested, callback, **kw: callback(str(out)))
    d.click("Export")
    d.qtbot.waitUntil(lambda: d.window.export_dialog is not None)
    dialog = d.window.export_dialog
    d.qtbot.waitUntil(dialog.export_button.isEnabled)
    assert dialog.status.text().startswith("1 applicant waiting to be exported.")
    progress: list[int] = []
    d.window.backend.progressed.connect(lambda f, _m: progress.append(round(f * 100)))
    dialog.export_button.click()
    d.qtbot.waitUntil(dialog.receipt.isVisible)
    d.idle()
    data = out.read_bytes()
    assert data.startswith(b"age-encryption.org/v1") and b"Featherstonehaugh" not in data
    assert progress[-1] == 100 and progress == sorted(progress)
    assert "Exported 1 applicant(s)" in dialog.receipt.toPlainText()
    assert dialog.status.text().startswith("0 applicants waiting")
    d.qtbot.waitUntil(dialog.purge_box.isVisible)
    dialog.pin.widget.setText("0000")
    dialog.purge_button.click()
    d.idle()
    assert "Wrong PIN" in dialog.pin.error_text
    dialog.pin.widget.setText("2468")
    dialog.purge_button.click()
    d.idle()
    assert dialog.status.text().startswith("Removed 1 exported applicants' personal data; 0 still waiting")
    assert not dialog.purge_box.isVisible()
    dialog.close_button.click()
    d.window.pages["dashboard"].refresh()
    d.idle()
    assert "Featherstonehaugh" not in d.visible_text(include_hidden=True)
    assert d.field("Applicants").rowCount() == 0  # purged records leave the list
