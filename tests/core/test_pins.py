"""Attorney PINs: the length a new one needs, the Argon2id hash, and the older PBKDF2 hashes that
still verify until the PIN is next set."""

from __future__ import annotations

import pytest

from kiosk import pins, services, store
from kiosk.errors import InputError
from kiosk.models import Attorney


def test_new_pins_need_six_digits_and_use_argon2id(tmp_path, monkeypatch):
    monkeypatch.setattr(pins, "MIN_DIGITS", 6)  # the shipped rule (tests/conftest.py lowers it)
    db = services.open_kiosk(tmp_path / "k.db")
    with pytest.raises(InputError, match="6 to 12 digits"):
        services.add_attorney(db, Attorney(name="A"), "2468")
    a = services.add_attorney(db, Attorney(name="A"), "246813")
    stored = db.execute("SELECT pin_hash FROM attorneys WHERE id = ?", [a]).fetchone()[0]
    assert stored.startswith("$argon2id$") and store.check_pin(db, a, "246813") and not store.check_pin(db, a, "2468")


def test_a_pin_hashed_before_argon2id_still_verifies_with_its_salt():
    salt = "00112233445566778899aabbccddeeff"
    legacy = "6d89adc5fed85b43c9dc088b1e10f70d1b1df09d989f2141ab93402a15eddd73"  # PBKDF2 of "2468", as stored
    assert pins.verify_pin(legacy, salt, "2468")
    assert not pins.verify_pin(legacy, salt, "2469")
    assert not pins.verify_pin("", salt, "2468")  # an attorney with no PIN set cannot sign in


def test_an_argon2id_hash_verifies_only_its_pin_and_a_damaged_one_verifies_nothing():
    stored = pins.hash_pin("135790")
    assert pins.verify_pin(stored, "", "135790") and not pins.verify_pin(stored, "", "135791")
    assert not pins.verify_pin("$argon2id$not-a-hash", "", "135790")


def test_pin_problem_names_the_digits_allowed(monkeypatch):
    monkeypatch.setattr(pins, "MIN_DIGITS", 6)
    assert pins.pin_problem("123456") == "" and pins.pin_problem("1" * 12) == ""
    for bad in ("12345", "1" * 13, "12345a", "", "１２３４５６", "١٢٣٤٥٦"):  # full-width, Arabic-Indic
        assert pins.pin_problem(bad) == "must be 6 to 12 digits", bad
