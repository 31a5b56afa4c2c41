"""Screenshots of the papers preview, the print dialog, the print progress, the lock screen, the
kiosk exit prompt and the Spanish and Chinese welcome steps, for checking by eye.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python build_scripts/screenshots_issue5.py OUT_DIR

The whole X screen is captured (dialogs are windows of their own). A fictional applicant in a
throwaway database in a temp folder; printing goes to Qt's PDF output in that folder."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QApplication
from screenshots import find, wait_until  # the issue-4 screenshot script beside this one


def settle(window) -> None:
    wait_until(lambda: window.backend.pending == 0)
    t = QElapsedTimer()
    t.start()
    while t.elapsed() < 300:
        QCoreApplication.processEvents()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from kiosk import services
    from ui.app import create_app, create_window

    app = create_app()
    tmp = tempfile.TemporaryDirectory()
    db_path = Path(tmp.name) / "kiosk.db"
    db = services.open_kiosk(db_path)
    services.ensure_demo_event(db)
    services.register_attorney(db, {"name": "Avery Counsel", "organization": "The Legal Aid Society",
                                    "registration_number": "4512345"}, "2468")
    db.close()
    window = create_window(str(db_path))
    screen = app.primaryScreen().geometry()
    window.resize(screen.width(), screen.height())
    window.showMaximized()
    window.activateWindow()
    wait_until(lambda: window.current_page_name() == "signin")

    def shot(name: str) -> None:
        settle(window)
        QApplication.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    def type_in(name: str, text: str) -> None:
        f = find(window, name)
        f.setFocus()
        if hasattr(f, "setEditText"):
            f.setEditText(text)
        else:
            f.setText(text)
        f.clearFocus()

    def click(name: str) -> None:
        find(window, name).click()
        settle(window)

    type_in("PIN", "2468")
    click("Sign in")
    wait_until(lambda: window.current_page_name() == "dashboard")

    # the Spanish and Chinese welcome steps
    click("New applicant")
    lang = find(window, "Language")
    lang.setCurrentIndex(lang.findData("es"))
    shot("01-welcome-es")
    lang.setCurrentIndex(lang.findData("zh"))
    shot("02-welcome-zh")
    lang.setCurrentIndex(lang.findData("es"))
    find(window, "Consent: I agree to share my information with the DA's office").setChecked(True)
    click("Next")
    type_in("First name", "Lucía")
    type_in("Last name", "Fernández-Okafor")
    type_in("Date of birth", "1984-03-09")
    click("Next")
    shot("03-screening-es")
    click("Next")
    type_in("Docket number", "2016KN074376")
    type_in("Offense", "PL 221.10(1)")
    type_in("Conviction date", "2016-05-02")
    click("Next")
    wait_until(lambda: bool(window.wizard_view.result_page.cards))
    shot("04-result-es")
    click("Next")
    view = window.wizard_view
    wait_until(lambda: view.documents_page.preview.page_count() > 0)
    view.documents_page.scroll.verticalScrollBar().setValue(10_000)
    shot("05-preview")
    view.documents_page.preview.zoom_in()
    view.documents_page.preview.go_to_page(2)
    shot("06-preview-zoomed-page-2")

    # the print dialog (on the last printer and copies used), then printing to a PDF file
    view.documents_page.preview.print_button.click()
    wait_until(lambda: view.printing.dialog is not None and view.printing.dialog.isVisible())
    shot("07-print-dialog")
    from PySide6.QtWidgets import QLineEdit

    view.printing.dialog.findChild(QLineEdit, "filename").setText(str(Path(tmp.name) / "printed.pdf"))
    view.printing.dialog.accept()
    wait_until(lambda: view.printing.progress is not None)
    shot("08-printing-progress")
    wait_until(lambda: not view.printing.busy, 60_000)
    shot("09-printed")

    # the lock screen (Lock now), then the kiosk exit prompt
    window.lock()
    shot("10-lock-screen")
    pin = find(window, "PIN")
    for _ in range(5):
        pin.setText("0000")
        window.pages["lock"].unlock()
        settle(window)
    shot("11-lock-screen-wrong-pins")
    window.pin_throttle.succeeded()
    window.pages["lock"].refresh_throttle()
    type_in("PIN", "2468")
    click("Unlock")
    click("Save and close")
    wait_until(lambda: window.current_page_name() == "dashboard")
    shot("12-dashboard-printed")
    window.enable_kiosk_mode()
    settle(window)
    window.close()
    wait_until(lambda: window.kiosk_guard.dialog is not None)
    shot("13-kiosk-exit-prompt")
    window.kiosk_guard.dialog.reject()
    window.kiosk_guard.disable()
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
