"""A tour of every screen of the app, saved as PNG files for a reviewer to look at.

It drives the real window through `ui.automation` (controls found by their accessible names, as a
screen reader finds them), so a renamed field breaks the tour loudly instead of silently skipping
a screen. The applicant is fictional; the database is a throwaway file in a temporary folder;
printing goes to Qt's PDF output in that folder. A test runs the tour offscreen, so it cannot rot.

    python build_scripts/screenshot_every_screen.py OUT_DIR --size 1366x768 --lang es
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from kiosk.passphrase import ENV

from . import i18n, style
from .app import create_app, create_window
from .automation import ATTORNEY, CONSENT, PIN, Bot, Driver

SIZES = ("1366x768", "1920x1080")
# the tour's throwaway laptop is encrypted under this, chosen on the first screen as an event lead does
TOUR_PASSPHRASE = "brooklyn begins again at the table"


def settle(window: Any, ms: int = 150) -> None:
    """Let the database thread answer and the layouts settle before a picture is taken."""
    Bot().waitUntil(lambda: window.backend.pending == 0, timeout=30_000)
    t = QElapsedTimer()
    t.start()
    while t.elapsed() < ms:
        QCoreApplication.processEvents()


class Tour:
    """Walks the screens in order; `shot(name)` saves the window (or a dialog) as NN-name.png."""

    def __init__(self, out: Path, size: str, lang: str) -> None:
        self.out = out
        self.size = size
        self.lang = lang
        self.width, self.height = (int(v) for v in size.lower().split("x"))
        self.count = 0
        self.saved: list[Path] = []

    def shot(self, name: str, widget: QWidget | None = None) -> Path:
        settle(self.window)
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}-{self.lang}-{self.size}.png"
        target = widget if widget is not None else self.window
        if not target.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        return path

    def open(self, db_path: Path) -> Driver:
        app = create_app()
        style.set_default(app, style.screen_scale(self.height))  # what ui.app.show does for this screen
        self.window = create_window(str(db_path))
        self.window.resize(self.width, self.height)
        self.window.show()
        self.window.activateWindow()
        bot = Bot()
        bot.waitUntil(self.window.isActiveWindow)
        bot.waitUntil(lambda: self.window.current_page_name() == "unlock", timeout=15_000)
        return Driver(self.window, bot, db_path)

    def scroll_to_end(self, d: Driver) -> None:
        d.view.current_page().scroll.verticalScrollBar().setValue(10_000)

    def run(self, tmp: Path) -> list[Path]:
        d = self.open(tmp / "kiosk.db")
        w = self.window
        self.shot("choose-passphrase")
        d.type("Event passphrase", TOUR_PASSPHRASE)
        d.type("Repeat the passphrase", TOUR_PASSPHRASE)
        d.click("Create and open")
        d.wait_page("setup")
        self.shot("event-setup")
        d.type("Event name", "Begin Again: Brooklyn marijuana conviction vacatur")
        d.type("First day", "2018-09-21")
        d.type("Last day", "2018-09-22")
        d.type("Venue", "Lenox Road Baptist Church")
        d.type("Venue address", "1356 Nostrand Ave, Brooklyn, NY 11226")
        d.click("Save event")
        d.wait_page("signin")
        self.shot("add-attorney")
        d.add_attorney()
        self.shot("dashboard-empty")

        # the applicant's steps, in the applicant's language
        d.start_applicant()
        lang = d.field("Language")
        lang.setCurrentIndex(lang.findData(self.lang))
        self.shot("1-welcome")
        d.set(CONSENT, True)
        d.next()
        self.shot("2-about-you-empty")
        d.fill_identity(first="Lucía", last="Fernández-Okafor", dob="13/40/1984")
        d.type("Address", "1356 Nostrand Ave, Apt 4B, Brooklyn, NY 11226")
        d.view.go_next()  # as Enter does on an incomplete step: every problem is shown
        self.shot("2-about-you-problem")
        d.type("Date of birth", "03/09/1984")
        self.shot("2-about-you-filled")
        d.next()
        self.shot("3-questions")
        d.set("Immigration concern", True)
        d.next()
        self.shot("4-convictions-empty")
        d.fill_conviction(docket="2016KN074376", offense="PL 221.10(1)", conviction_date="2016-05-02",
                          sentence="Time served")
        d.click("Add another conviction")
        d.fill_conviction(docket="2015QN022318", offense="PL 221.05", conviction_date="2099-01-01")
        d.view.go_next()
        self.shot("4-convictions-problem")
        d.type("Conviction date", "6/1/2015")
        self.scroll_to_end(d)
        self.shot("4-convictions-end")
        d.next()
        Bot().waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=30_000)
        self.shot("5-result")
        self.scroll_to_end(d)
        self.shot("5-result-end")
        self.result_override(d)
        d.next()
        Bot().waitUntil(lambda: d.view.documents_page.preview.page_count() > 0, timeout=60_000)
        self.shot("6-papers")
        self.print_papers(d, tmp)
        self.shot("6-papers-printed")
        d.click("Finish")
        d.wait_page("wizard")
        self.shot("7-done")
        d.click("Back to the dashboard")
        d.wait_page("dashboard")
        Bot().waitUntil(lambda: d.has("Applicants") and d.field("Applicants").rowCount() > 0)
        self.shot("dashboard-one")

        # an applicant who leaves without papers, then the dashboard again
        d.start_applicant()
        d.set(CONSENT, True)
        d.next()
        d.fill_identity(first="Chidinma", last="Okafor", dob="1990-07-04")
        d.next()
        d.next()
        d.fill_conviction(docket="2014KN001234", offense="PL 221.40", conviction_date="2014-02-03")
        d.next()
        Bot().waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=30_000)
        d.next()
        Bot().waitUntil(lambda: d.view.documents_page.preview.page_count() > 0, timeout=60_000)
        self.finish_without_printing(d)
        d.click("Back to the dashboard")
        d.wait_page("dashboard")
        self.shot("dashboard-two")

        d.click("Export")
        Bot().waitUntil(lambda: w.export_dialog is not None and w.export_dialog.isVisible())
        self.shot("export", w.export_dialog)
        w.export_dialog.close_button.click()
        d.click("Lock now")
        d.wait_page("lock")
        self.shot("locked")
        d.type("PIN", PIN)
        d.click("Unlock")
        d.wait_page("dashboard")
        w.shutdown()
        w.close()
        return self.saved

    # -- steps whose controls change as the work goes on -------------------------------------------
    def result_override(self, d: Driver) -> None:
        if d.has("Override the outcome\u2026"):
            d.click("Override the outcome\u2026")
            self.shot("5-result-override")

    def print_papers(self, d: Driver, tmp: Path) -> None:
        """Print through the print dialog, as an attorney on a laptop with no printer used yet,
        choosing Qt's PDF output (a file in the temporary folder) as the printer."""
        controller = d.view.printing
        if d.has("Needed facts missing"):  # the demo event names no Part or return date
            d.set("Print lines to fill in by hand for the missing facts", True)
        d.click("Printer or copies\u2026")
        Bot().waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
        dialog = controller.dialog
        self.shot("6-print-dialog", dialog)
        printers = dialog.findChild(QComboBox, "printers")
        printers.setCurrentIndex(next(i for i in range(printers.count())
                                      if "PDF" in printers.itemText(i) and "File" in printers.itemText(i)))
        dialog.findChild(QLineEdit, "filename").setText(str(tmp / "printed.pdf"))
        dialog.accept()
        Bot().waitUntil(lambda: not controller.busy, timeout=120_000)
        settle(self.window, 300)

    def finish_without_printing(self, d: Driver) -> None:
        d.click("Finish")
        prompt = getattr(d.view, "finish_prompt", None)
        if prompt is not None:
            self.shot("6-papers-finish-without-printing", prompt)
            prompt.finish_button.click()
        d.idle()


def take(out: Path, size: str = "1366x768", lang: str = "en") -> list[Path]:
    """Save every screen at `size` in the applicant language `lang`; returns the files written."""

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    before = (app.property("kiosk_default_scale"), style.current_scale(app)) if app is not None else None
    # a new laptop asks for the event passphrase whatever the shell holds: the tour starts there
    given = os.environ.pop(ENV, None)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return Tour(out, size, lang).run(Path(tmp))
    finally:  # leave the application and the environment as they were (a test suite goes on)
        if given is not None:
            os.environ[ENV] = given
        i18n.use_qt_language("en")
        if before is not None:
            app.setProperty("kiosk_default_scale", before[0])
            style.apply(app, before[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save a PNG of every screen of the app.")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768 or 1920x1080")
    parser.add_argument("--lang", default="en", help="the applicant's language: en, es, zh, ru, ht")
    args = parser.parse_args(argv)
    for path in take(args.out, args.size, args.lang):
        print(path)
    return 0


__all__ = ["ATTORNEY", "SIZES", "Tour", "main", "take"]
