"""The wrong-PIN wait: free tries, then a doubling wait kept in the database, so neither a restart
nor a clock set back gives fresh tries."""

from __future__ import annotations

import pytest

from kiosk import pin_wait, services
from kiosk.errors import AuthError
from kiosk.models import Attorney


def test_the_wrong_pin_wait_is_the_same_after_a_restart(tmp_path, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(pin_wait, "clock", lambda: now[0])
    db = services.open_kiosk(tmp_path / "k.db")
    a = services.add_attorney(db, Attorney(name="A"), "2468")
    for _ in range(5):
        with pytest.raises(AuthError):
            services.sign_in(db, a, "0000")
    assert services.pin_wait_state(db) == (5, 30.0)
    db.conn.close()
    now[0] += 10
    db = services.open_kiosk(tmp_path / "k.db")
    assert services.pin_wait_state(db) == (5, 20.0)
    now[0] -= 3600  # the clock set back does not shorten the wait
    assert services.pin_wait_state(db) == (5, 30.0)


def test_the_wait_is_free_for_four_tries_then_doubles_up_to_fifteen_minutes():
    assert [pin_wait.delay_after(n) for n in range(7)] == [0, 0, 0, 0, 0, 30.0, 60.0]
    assert pin_wait.delay_after(40) == 15 * 60.0


@pytest.mark.parametrize(("seconds", "said"), [
    (0, ""), (-3, ""), (0.2, "Try again in 1 second."), (30, "Try again in 30 seconds."),
    (119.5, "Try again in 2 minutes."), (121, "Try again in 3 minutes."), (900, "Try again in 15 minutes."),
])
def test_the_prompt_says_how_long_is_left_rounded_up(seconds, said):
    assert pin_wait.message(seconds) == (f"Too many wrong PINs. {said}" if said else "")  # "": a PIN may be tried


def test_a_right_pin_starts_the_count_over(db, monkeypatch):
    monkeypatch.setattr(pin_wait, "clock", lambda: 1_000.0)
    for _ in range(5):
        pin_wait.failed(db)
    assert pin_wait.state(db) == (5, 30.0)
    pin_wait.succeeded(db)
    assert pin_wait.state(db) == (0, 0.0)
