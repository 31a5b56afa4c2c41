"""The DA office's key on a laptop: set once freely, changed only with the event passphrase, each
time audited and the database key wrapped for it."""

from __future__ import annotations

import pytest

from kiosk import keyfile, services
from kiosk.errors import AuthError, InputError
from kiosk.office_key import guard_change, set_office_key
from tests.conftest import TEST_PASSPHRASE
from tests.core.sync_support import Office, laptop


def actions(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT action FROM audit_log WHERE action LIKE 'event.office_key%' "
                                     "ORDER BY rowid")]


def test_without_an_event_there_is_no_office_key_to_set(db, tmp_path):
    with pytest.raises(InputError) as e:
        set_office_key(db, Office(tmp_path).recipient, passphrase=None)
    assert e.value.field == "event"


def test_the_first_key_needs_no_passphrase_and_a_change_does(tmp_path):
    (tmp_path / "other").mkdir()
    office, other = Office(tmp_path), Office(tmp_path / "other")
    db = laptop(tmp_path / "laptop.db", None)
    assert set_office_key(db, office.recipient, passphrase=None, actor="lead") == office.recipient
    assert keyfile.office_recipient(tmp_path / "laptop.db") == office.recipient  # wrapped for the office
    assert not guard_change(db, office.recipient, passphrase=None)  # the same key again is no change
    with pytest.raises(AuthError, match="needs the event passphrase"):
        set_office_key(db, other.recipient, passphrase="")
    assert services.current_event(db).office_recipient == office.recipient
    set_office_key(db, other.recipient, passphrase=TEST_PASSPHRASE)
    assert keyfile.office_recipient(tmp_path / "laptop.db") == other.recipient
    assert actions(db) == ["event.office_key_set", "event.office_key_changed"]
