"""The app's first screen on an encrypted laptop: choose or type the event passphrase; the
wrong-PIN wait across a restart; changing the office key in the event settings
(docs/storage-encryption.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk import keyfile, services
from kiosk.passphrase import DEMO_PASSPHRASE
from tests.ui.drive import PIN, Driver

GOOD = "four plain words here"


@pytest.fixture
def no_env_passphrase(monkeypatch):
    monkeypatch.delenv("KIOSK_PASSPHRASE")


def start(qtbot, path: Path, *, demo: bool = False, page: str = "unlock") -> Driver:
    from ui.app import create_app, create_window

    create_app()
    window = create_window(str(path), demo=demo)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.current_page_name() == page, timeout=10_000)
    return Driver(window, qtbot, path)


def test_a_new_laptop_has_the_event_lead_choose_a_strong_passphrase(qtbot, tmp_path, no_env_passphrase):
    d = start(qtbot, tmp_path / "kiosk.db")
    assert d.window.pages["unlock"].title.text() == "Choose the event passphrase"
    assert not (tmp_path / "kiosk.db").exists()
    d.type("Event passphrase", "too short")
    assert "weak" in d.field("Passphrase strength").format()
    d.type("Repeat the passphrase", "too short")
    d.click("Create and open")
    assert d.error_of("Event passphrase") == "Too short: use at least 4 words or 16 characters."
    d.type("Event passphrase", GOOD)
    d.type("Repeat the passphrase", GOOD + "x")
    d.click("Create and open")
    assert d.error_of("Repeat the passphrase") == "The two passphrases are not the same."
    assert not (tmp_path / "kiosk.db").exists()
    d.type("Repeat the passphrase", GOOD)
    d.click("Create and open")
    d.wait_page("setup")
    assert d.window.pages["unlock"].passphrase.text() == ""  # not kept in the form
    assert keyfile.file_state(tmp_path / "kiosk.db") == "encrypted"
    assert services.open_kiosk(tmp_path / "kiosk.db", passphrase=GOOD)


def test_the_unlock_screen_refuses_a_wrong_passphrase_and_opens_with_the_right_one(
        qtbot, template_db, tmp_path, no_env_passphrase):
    from tests.conftest import TEST_PASSPHRASE

    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    before = target.read_bytes()
    d = start(qtbot, target)
    assert "loading" not in d.window.pages  # the first window shows the unlock page; the opening one waits
    d.type("Event passphrase", "not the passphrase of this event")
    d.click("Unlock")
    d.qtbot.waitUntil(lambda: d.error_of("Event passphrase") != "", timeout=10_000)
    assert d.error_of("Event passphrase") == "Wrong passphrase: nothing was opened. Try again."
    assert d.field("Event passphrase").text() == "" and target.read_bytes() == before
    d.type("Event passphrase", TEST_PASSPHRASE)
    d.click("Unlock")
    d.wait_page("signin")
    d.sign_in()


def test_the_demo_database_is_made_with_the_demo_passphrase(qtbot, tmp_path, no_env_passphrase):
    start(qtbot, tmp_path / "demo.db", demo=True, page="signin").window.close()
    assert services.open_kiosk(tmp_path / "demo.db", passphrase=DEMO_PASSPHRASE)
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert DEMO_PASSPHRASE in makefile  # `make run` prints it


def test_the_wrong_pin_wait_survives_a_restart(qtbot, template_db, tmp_path):
    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    d = start(qtbot, target, page="signin")
    for _ in range(5):
        d.type("PIN", "0000")
        d.click("Sign in")
        d.idle()
    assert d.window.pin_throttle.blocked()
    d.window.close()
    d2 = start(qtbot, target, page="signin")
    d2.idle()
    assert d2.window.pin_throttle.failures == 5 and d2.window.pin_throttle.blocked()
    assert 25 < d2.window.pin_throttle.wait_seconds() <= 30
    d2.type("PIN", PIN)
    d2.click("Sign in")
    d2.idle()
    assert d2.window.current_page_name() == "signin"  # even the right PIN waits


def test_changing_the_office_key_in_event_settings_needs_the_passphrase(qtbot, template_db, tmp_path):
    from tests.conftest import TEST_PASSPHRASE
    from tests.core.sync_support import Office

    (tmp_path / "o1").mkdir()
    (tmp_path / "o2").mkdir()
    first, second = Office(tmp_path / "o1"), Office(tmp_path / "o2")
    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    db = services.open_kiosk(target)
    services.setup_event(db, {**_event_raw(db), "office_recipient": first.recipient})
    d = start(qtbot, target, page="signin")
    d.sign_in()
    d.window.edit_event()
    d.wait_page("setup")
    d.type("DA office public key", second.recipient)
    d.click("Save event")
    d.qtbot.waitUntil(lambda: d.error_of("Event passphrase") != "", timeout=10_000)
    assert services.current_event(db).office_recipient == first.recipient
    d.type("Event passphrase", TEST_PASSPHRASE)
    d.click("Save event")
    d.wait_page("dashboard")
    assert services.current_event(db).office_recipient == second.recipient
    assert keyfile.office_recipient(target) == second.recipient
    db.conn.close()


def _event_raw(db) -> dict:
    ev = services.current_event(db)
    return {"id": ev.id, "name": ev.name, "starts_on": ev.starts_on.isoformat(), "ends_on": ev.ends_on.isoformat(),
            "venue": ev.venue, "address": ev.address, "county": ev.county, "laptop_name": ev.laptop_name}


def test_records_from_before_encryption_are_encrypted_under_the_chosen_passphrase(
        qtbot, tmp_path, no_env_passphrase):
    from kiosk.store.connection import open_db
    from tests.core.sync_support import person

    path = tmp_path / "kiosk.db"
    plain = open_db(path, encrypted=False)
    services.ensure_demo_event(plain)
    services.intake(plain, person("Pat", "Beforeencryption"))
    plain.conn.close()
    d = start(qtbot, path)
    assert d.window.pages["unlock"].mode == "convert"
    assert "not encrypted yet" in d.window.pages["unlock"].lead.text()
    d.type("Event passphrase", GOOD)
    d.type("Repeat the passphrase", GOOD)
    d.click("Create and open")
    d.wait_page("signin")
    assert "now are" in d.window.messages.text
    assert keyfile.file_state(path) == "encrypted" and b"Beforeencryption" not in path.read_bytes()
    db = services.open_kiosk(path, passphrase=GOOD)
    assert "Beforeencryption" in str(services.dashboard_rows(db, all_days=True))
