"""kiosk.services.session: opening the laptop database (rule packs loaded, the laptop's id kept),
the day an evaluation is made as of, and what the first screen needs."""

from __future__ import annotations

from datetime import date

from kiosk import services, store
from kiosk.models import Attorney


def test_opening_loads_the_packs_once_and_keeps_the_laptop_id(tmp_path):
    db = services.open_kiosk(tmp_path / "k.db")
    packs = store.packs_loaded(db)
    laptop = store.laptop_id(db)
    db.conn.close()
    again = services.open_kiosk(tmp_path / "k.db")
    assert "kings-2018-consent" in packs and store.packs_loaded(again) == packs
    assert store.laptop_id(again) == laptop


def test_the_day_is_the_events_first_day_else_today(db):
    assert services.default_as_of(None) == date.today() == services.default_as_of(db)
    services.ensure_demo_event(db)
    assert services.default_as_of(db) == date(2018, 9, 21)


def test_the_first_screen_knows_the_event_the_attorneys_and_the_pin_wait(db):
    first_run = services.startup_state(db)
    assert (first_run.event, first_run.attorneys, first_run.pin_wait) == (None, [], (0, 0.0))
    assert first_run.laptop_id == store.laptop_id(db)
    event = services.ensure_demo_event(db)
    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    state = services.startup_state(db)
    assert state.event.id == event.id and [a.id for a in state.attorneys] == [aid]
