"""ui.signin: picking an attorney and typing the PIN, a wrong PIN said next to the PIN field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.drive import ATTORNEY, PIN


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
