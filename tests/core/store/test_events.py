"""kiosk.store.events: the events and attorneys of a laptop; an update keeps the row's creation
time, and an attorney's PIN is kept only as a hash."""

from __future__ import annotations

import pytest

from kiosk import store
from kiosk.errors import AuthError, NotFoundError
from kiosk.models import Attorney
from kiosk.validate import parse_event

EVENT = {"name": "Begin Again", "starts_on": "2018-09-21", "ends_on": "2018-09-22", "venue": "Church",
         "return_date": "2018-11-01"}


def test_an_event_round_trips_and_becomes_current_through_the_setting(db):
    assert store.current_event(db) is None
    with store.transaction(db):
        eid = store.save_event(db, parse_event(EVENT))
    created = db.execute("SELECT created_at FROM events WHERE id = ?", [eid]).fetchone()[0]
    assert store.current_event(db) is None  # saved, not yet chosen
    store.set_setting(db, "current_event_id", eid)
    event = store.current_event(db)
    assert (event.name, str(event.return_date)) == ("Begin Again", "2018-11-01")
    event.venue = "Borough Hall"
    with store.transaction(db):
        assert store.save_event(db, event) == eid
    assert store.get_event(db, eid).venue == "Borough Hall" and [e.id for e in store.list_events(db)] == [eid]
    assert db.execute("SELECT created_at FROM events WHERE id = ?", [eid]).fetchone()[0] == created
    store.set_setting(db, "current_event_id", "gone")
    assert store.current_event(db) is None
    with pytest.raises(NotFoundError):
        store.get_event(db, "gone")


def test_an_attorneys_pin_is_hashed_and_checked_and_kept_when_not_given(db):
    with store.transaction(db):
        aid = store.save_attorney(db, Attorney(name="Ada Counsel"), "2468")
    (stored,) = db.execute("SELECT pin_hash FROM attorneys WHERE id = ?", [aid]).fetchone()
    assert "2468" not in stored
    assert store.check_pin(db, aid, "2468") and not store.check_pin(db, aid, "1357")
    with store.transaction(db):
        store.save_attorney(db, Attorney(id=aid, name="Ada Counsel", organization="BDS"))  # no PIN: kept
    assert store.check_pin(db, aid, "2468") and store.get_attorney(db, aid).organization == "BDS"
    assert store.attorney_exists(db, aid) and not store.attorney_exists(db, "nobody")
    with store.transaction(db):
        store.save_attorney(db, Attorney(name="Ben Aaron"))
    assert [a.name for a in store.list_attorneys(db)] == ["Ada Counsel", "Ben Aaron"]
    with pytest.raises(AuthError):
        store.check_pin(db, "nobody", "2468")
    with pytest.raises(NotFoundError):
        store.get_attorney(db, "nobody")
