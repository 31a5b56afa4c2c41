"""Screenshots of every screen of the desktop app, for checking by eye (issue 4's "done when").

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python build_scripts/screenshots.py OUT_DIR [WxH]

Drives the real window with a fictional applicant, finding fields by their accessible names as
assistive technology does, and saves one PNG per screen into OUT_DIR. The database is a throwaway
file in a temp folder."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QAbstractButton, QWidget


def wait_until(pred, timeout_ms: int = 20_000) -> None:
    t = QElapsedTimer()
    t.start()
    while not pred():
        if t.elapsed() > timeout_ms:
            raise TimeoutError("the app did not reach the expected state")
        QCoreApplication.processEvents()


def find(window: QWidget, name: str) -> QWidget:
    hits = [w for w in window.findChildren(QWidget) if w.accessibleName() == name and w.isVisible()]
    if not hits:
        raise LookupError(name)
    return hits[0]


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    size = sys.argv[2] if len(sys.argv) > 2 else "1366x768"
    w, h = (int(v) for v in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    from ui.app import create_app, create_window

    app = create_app()
    from ui import style

    style.set_default(app, style.screen_scale(h))  # what ui.app.show does for a screen this size
    tmp = tempfile.TemporaryDirectory()
    window = create_window(str(Path(tmp.name) / "kiosk.db"))
    window.resize(w, h)
    window.show()
    window.activateWindow()
    wait_until(window.isActiveWindow)  # focus moves (leaving a field shows its problem) need it
    n = [0]

    def shot(name: str, scroll: bool = False) -> None:
        wait_until(lambda: window.backend.pending == 0)
        view = window.wizard_view
        if scroll and view is not None:
            for _ in range(5):
                QCoreApplication.processEvents()
            view.current_page().scroll.verticalScrollBar().setValue(10_000)
        for _ in range(5):
            QCoreApplication.processEvents()
        n[0] += 1
        window.grab().save(str(out / f"{n[0]:02d}-{name}-{size}.png"))

    def shot_widget(widget: QWidget, name: str) -> None:
        wait_until(lambda: window.backend.pending == 0)
        for _ in range(5):
            QCoreApplication.processEvents()
        n[0] += 1
        widget.grab().save(str(out / f"{n[0]:02d}-{name}-{size}.png"))

    def type_in(name: str, text: str) -> None:
        f = find(window, name)
        f.setFocus()
        if hasattr(f, "setEditText"):
            f.setEditText(text)
        elif hasattr(f, "setPlainText"):
            f.setPlainText(text)
        else:
            f.setText(text)
        f.clearFocus()

    def press_enter(name: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        f = find(window, name)
        f.setFocus()
        QTest.keyClick(f, Qt.Key.Key_Return)

    def click(name: str) -> None:
        b = find(window, name)
        assert isinstance(b, QAbstractButton)
        b.click()

    wait_until(lambda: window.current_page_name() == "setup")
    shot("event-setup")
    type_in("Event name", "Begin Again: Brooklyn marijuana conviction vacatur")
    type_in("First day", "2018-09-21")
    type_in("Last day", "2018-09-22")
    type_in("Venue", "Lenox Road Baptist Church")
    type_in("Venue address", "1356 Nostrand Ave, Brooklyn, NY 11226")
    type_in("DA office public key", "not-a-key")
    click("Save event")
    shot("event-setup-error")
    type_in("DA office public key", "")
    click("Save event")
    wait_until(lambda: window.current_page_name() == "signin")
    shot("add-attorney")
    type_in("Name", "Alexandra Montgomery-Castellanos")
    type_in("Organization", "Brooklyn Defender Services")
    type_in("Registration number", "4512345")
    type_in("Phone", "718-254-0700")
    type_in("Office address", "177 Livingston St, Brooklyn, NY 11201")
    type_in("Choose a PIN", "2468")
    type_in("Repeat the PIN", "2468")
    click("Add and sign in")
    wait_until(lambda: window.current_page_name() == "dashboard")
    shot("dashboard-empty")
    click("New applicant")
    wait_until(lambda: window.current_page_name() == "wizard")
    shot("wizard-1-consent")
    find(window, "Consent: I agree to share my information with the DA's office").setChecked(True)
    click("Next")
    shot("wizard-2-identity-empty")
    type_in("First name", "Maria")
    type_in("Last name", "Nguyễn-Rodríguez")
    type_in("Date of birth", "1985-13-40")
    find(window, "Aliases").setPlainText("Maria Rodriguez\nMaría Nguyen")
    press_enter("Date of birth")  # Enter on an incomplete step shows every problem
    shot("wizard-2-identity-error")
    type_in("Date of birth", "1985-03-14")
    type_in("Phone", "347-555-0100")
    click("Next")
    shot("wizard-3-screening")
    find(window, "Immigration concern").setChecked(True)
    click("Next")
    shot("wizard-4-convictions-empty")
    type_in("Docket number", "2016KN074376")
    type_in("Offense", "PL 221.10(1) — possession 5th: public place or open to view")
    type_in("Conviction date", "2016-05-02")
    find(window, "Sentence").setEditText("Time served")
    click("Add another conviction")
    type_in("Docket number", "2015QN022318")
    type_in("Offense", "PL 221.05")
    type_in("Conviction date", "2099-01-01")
    press_enter("Conviction date")
    shot("wizard-4-convictions-error")
    type_in("Conviction date", "2015-06-01")
    click("Add another conviction")
    type_in("Docket number", "2014KN001234")
    type_in("Offense", "PL 221.40")
    type_in("Conviction date", "2014-02-03")
    find(window, "Other counts dismissed in the plea").setChecked(True)
    shot("wizard-4-convictions-three")
    click("Next")
    wait_until(lambda: window.wizard_view.wizard.outcomes is not None)
    shot("wizard-5-result")
    view = window.wizard_view
    view.result_page.scroll.verticalScrollBar().setValue(10_000)
    shot("wizard-5-result-scrolled")
    type_in("Reason for override", "short")
    click("Apply override")
    shot("wizard-5-override-error")
    find(window, "Reason for override").setPlainText("The DA's office confirmed at the table that this sale plea "
                                                     "is covered.")
    find(window, "New outcome").setCurrentIndex(0)
    find(window, "Conviction to override").setCurrentIndex(2)
    click("Apply override")
    wait_until(lambda: window.backend.pending == 0)
    view.result_page.scroll.verticalScrollBar().setValue(0)
    shot("wizard-5-result-overridden")
    click("Next")
    shot("wizard-6-documents")
    shot("wizard-6-documents-scrolled-end", scroll=True)
    click("Finish")
    shot("wizard-7-done")
    click("Back to the dashboard")
    wait_until(lambda: window.current_page_name() == "dashboard")
    shot("dashboard-one")
    click("Lock now")
    shot("locked")
    window.zoom(1)
    window.zoom(1)
    window.zoom(1)
    type_in("PIN", "2468")
    click("Unlock")
    wait_until(lambda: window.current_page_name() == "dashboard")
    shot("dashboard-zoomed")
    click("New applicant")
    find(window, "Consent: I agree to share my information with the DA's office").setChecked(True)
    click("Next")
    type_in("Last name", "Okafor")
    type_in("First name", "Chidinma")
    click("Next")
    shot("wizard-3-zoomed")
    window.zoom(0)
    click("Next")  # saved at the convictions step; then leave to the dashboard
    click("Save and close")
    wait_until(lambda: window.current_page_name() == "dashboard")
    click("Export")
    wait_until(lambda: window.export_dialog is not None)
    shot_widget(window.export_dialog, "export-no-key")
    window.export_dialog.close_button.click()
    table = find(window, "Applicants")
    table.selectRow(0)
    click("Resume")
    wait_until(lambda: window.current_page_name() == "wizard" and window.backend.pending == 0)
    window.abandon()  # as if the app died here; then a fresh start on the same database
    window.hide()
    second = create_window(str(Path(tmp.name) / "kiosk.db"))
    second.resize(w, h)
    second.show()
    second.activateWindow()
    wait_until(lambda: second.current_page_name() == "signin")
    wait_until(lambda: second.backend.pending == 0)
    second.grab().save(str(out / f"{n[0] + 1:02d}-signin-{size}.png"))
    n[0] += 1
    find(second, "PIN").setText("2468")
    find(second, "Sign in").click()
    wait_until(lambda: second.resume_prompt is not None)
    shot_widget(second.resume_prompt, "crash-resume-prompt")
    second.resume_prompt.resume_button.click()
    wait_until(lambda: second.current_page_name() == "wizard" and second.backend.pending == 0)
    second.grab().save(str(out / f"{n[0] + 1:02d}-resumed-{size}.png"))
    n[0] += 1
    second.close()
    window.close()
    tmp.cleanup()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
