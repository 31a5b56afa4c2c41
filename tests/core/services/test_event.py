"""kiosk.services.event: the event a laptop works for, set up from the form or the demo one; the
office key it carries changes only with the event passphrase."""

from __future__ import annotations

import pytest

from kiosk import services
from kiosk.errors import AuthError, InputError
from tests.conftest import TEST_PASSPHRASE
from tests.core.sync_support import Office

FORM = {"name": "Dec event", "starts_on": "2018-12-11", "venue": "Borough Hall"}


def test_the_demo_event_is_set_up_once(db):
    assert services.current_event(db) is None
    first = services.ensure_demo_event(db)
    again = services.ensure_demo_event(db)
    assert again.id == first.id and first.name == services.DEMO_EVENT["name"]
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'event.configured'").fetchone()[0] == 1


def test_a_bad_form_names_its_field_and_changes_nothing(db):
    services.setup_event(db, FORM)
    with pytest.raises(InputError) as e:
        services.setup_event(db, {**FORM, "starts_on": "2018-02-30"})
    assert e.value.field == "event.starts_on"
    assert services.current_event(db).name == "Dec event"


def test_changing_the_office_key_needs_the_event_passphrase_and_is_audited(db, tmp_path):
    office, other = Office(tmp_path), Office(tmp_path / "..")
    services.setup_event(db, {**FORM, "office_recipient": office.recipient})  # the first key needs none
    with pytest.raises(AuthError):
        services.setup_event(db, {**FORM, "office_recipient": other.recipient})
    assert services.current_event(db).office_recipient == office.recipient
    services.setup_event(db, {**FORM, "office_recipient": other.recipient}, passphrase=TEST_PASSPHRASE, actor="lead")
    assert services.current_event(db).office_recipient == other.recipient
    assert db.execute("SELECT actor FROM audit_log WHERE action = 'event.office_key_changed'").fetchall() == [
        ("lead",)]
