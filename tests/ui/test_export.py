"""ui.export: the export dialog refuses without the office key, writes a verified encrypted file
with progress, then removes exported records with the PIN."""

from __future__ import annotations

from tests.ui.drive import PIN, Driver


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
    dialog.pin.widget.setText(PIN)
    dialog.purge_button.click()
    d.idle()
    assert dialog.status.text().startswith("Removed 1 exported applicants' personal data; 0 still waiting")
    assert not dialog.purge_box.isVisible()
    dialog.close_button.click()
    d.window.pages["dashboard"].refresh()
    d.idle()
    assert "Featherstonehaugh" not in d.visible_text(include_hidden=True)
    assert d.field("Applicants").rowCount() == 0  # purged records leave the list
