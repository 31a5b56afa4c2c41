"""Killing the app (SIGKILL) in the middle of the wizard loses nothing from a completed step.

The real app runs in a child process on a copy of a database, is driven through three steps,
and is killed with SIGKILL while the attorney is typing on the fourth. A fresh window on the
same database then says which applicant was left open, and Resume brings every value back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk import services
from tests.ui.drive import PIN

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget
    from ui.app import create_app, create_window

    app = create_app()
    window = create_window(sys.argv[1])
    window.show()

    def wait(pred):
        while not pred():
            QTest.qWait(10)

    def field(name):
        return next(w for w in window.findChildren(QWidget) if w.accessibleName() == name and w.isVisible())

    def idle():
        wait(lambda: window.backend.pending == 0)

    wait(lambda: window.current_page_name() == "signin")
    field("PIN").setText(sys.argv[2])
    field("Sign in").click()
    wait(lambda: window.current_page_name() == "dashboard")
    idle()
    field("New applicant").click()
    field("Language").setCurrentIndex(1)
    field("Consent: I agree to share my information with the DA's office").setChecked(True)
    field("Next").click()
    field("First name").setText("Kwame")
    field("Last name").setText("Mensah-Bonsu")
    field("Date of birth").setText("1977-07-07")
    field("Aliases").setPlainText("Kwame Bonsu")
    field("Next").click()
    field("Open case or warrant").setChecked(True)
    field("Next").click()
    idle()
    print("SAVED", window.wizard_view.wizard.reference, flush=True)
    field("Docket number").setText("2016KN0743")  # half typed on the open step
    print("TYPING", flush=True)
    app.exec()
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_sigkill_mid_wizard_loses_nothing_from_a_completed_step(open_window, template_db, tmp_path):
    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), PIN], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        saved = child.stdout.readline().split()
        assert saved[:1] == ["SAVED"], "the child app did not reach the convictions step"
        reference = saved[1]
        assert child.stdout.readline().strip() == "TYPING"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()

    db = services.open_kiosk(target)
    row = services.unfinished_applicant(db)
    assert row is not None and row.reference == reference and row.wizard_step == "convictions"
    db.close()

    d = open_window(target)
    d.sign_in()
    d.qtbot.waitUntil(lambda: d.window.resume_prompt is not None)
    assert f"Applicant {reference} (Kwame Mensah-Bonsu)" in d.window.resume_prompt.message.text()
    d.window.resume_prompt.resume_button.click()
    d.wait_page("wizard")
    assert d.step() == "convictions"
    d.click("Back")
    d.idle()
    assert d.value("Open case or warrant") is True
    d.click("Back")
    d.idle()
    assert (d.value("First name"), d.value("Last name"), d.value("Date of birth"), d.value("Aliases")) == (
        "Kwame", "Mensah-Bonsu", "1977-07-07", "Kwame Bonsu")
    d.click("Back")
    d.idle()
    assert d.value("Language") == "Español"
