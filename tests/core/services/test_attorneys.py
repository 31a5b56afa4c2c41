"""kiosk.services.attorneys: adding and signing in attorneys, the second one vouched for by a PIN
already on the laptop, and the screen lock that only the signed-in attorney's PIN opens."""

from __future__ import annotations

import pytest

from kiosk import services
from kiosk.errors import AuthError
from kiosk.models import Attorney


def test_a_second_attorney_needs_the_pin_of_one_already_on_the_laptop(event_db):
    """Anyone at a locked laptop could otherwise add themselves and reach the day's applicants."""
    from kiosk.errors import AuthError

    first = services.register_attorney(event_db, {"name": "Ada Lawyer"}, "2468")
    with pytest.raises(AuthError):
        services.register_attorney(event_db, {"name": "Stranger"}, "1111")
    with pytest.raises(AuthError):
        services.register_attorney(event_db, {"name": "Stranger"}, "1111", "9999")
    assert [a.name for a in services.list_attorneys(event_db)] == ["Ada Lawyer"]
    second = services.register_attorney(event_db, {"name": "Ben Counsel"}, "1357", "2468")
    assert services.signed_in_attorney(event_db).id == second.id != first.id
    assert sorted(a.name for a in services.list_attorneys(event_db)) == ["Ada Lawyer", "Ben Counsel"]


def test_unlock_needs_the_signed_in_attorneys_pin(event_db):
    with pytest.raises(AuthError, match="no attorney is signed in"):
        services.unlock_session(event_db, "1234")
    a = services.add_attorney(event_db, Attorney(name="A"), "1234")
    services.add_attorney(event_db, Attorney(name="B"), "5678")
    services.sign_in(event_db, a, "1234")
    with pytest.raises(AuthError, match="wrong PIN"):
        services.unlock_session(event_db, "5678")  # another attorney's PIN does not unlock
    assert services.unlock_session(event_db, "1234").id == a
    services.lock_session(event_db, reason="idle", actor=a)
    actions = [r[0] for r in event_db.execute("SELECT action FROM audit_log WHERE action LIKE 'session.%' ORDER BY at")]
    assert actions == ["session.unlock_failed", "session.unlocked", "session.locked"]


def test_sign_in_checks_the_pin_and_counts_wrong_ones(event_db):
    aid = services.add_attorney(event_db, Attorney(name="Ada Counsel"), "2468")
    with pytest.raises(AuthError):
        services.sign_in(event_db, aid, "1111")
    assert services.pin_wait_state(event_db)[0] == 1
    assert services.sign_in(event_db, aid, "2468").id == aid
    assert services.pin_wait_state(event_db) == (0, 0.0)
    services.update_attorney(event_db, Attorney(id=aid, name="Ada Counsel", organization="BDS"), pin="1357")
    assert [(a.name, a.organization) for a in services.list_attorneys(event_db)] == [("Ada Counsel", "BDS")]
    assert services.sign_in(event_db, aid, "1357").id == aid


def test_leaving_kiosk_mode_needs_an_attorneys_pin_once_there_is_one(event_db):
    assert services.check_exit_pin(event_db, "") == ""  # no attorney yet: nothing to check
    aid = services.add_attorney(event_db, Attorney(name="Ada Counsel"), "2468")
    assert services.check_exit_pin(event_db, "2468") == aid
    with pytest.raises(AuthError):
        services.check_exit_pin(event_db, "0000")
