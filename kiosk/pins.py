"""Attorney PINs: how long a new one must be, and how it is hashed (Argon2id, like the passphrase).

PINs chosen before the Argon2id change keep their salted PBKDF2 hash until the attorney's PIN
is next set; either way the hashes sit inside the encrypted database (docs/storage-encryption.md)."""

from __future__ import annotations

import hashlib
import secrets

from .keyfile import PIN_COST as c

MIN_DIGITS = 6  # tests/conftest.py lowers this for fixtures written before the 6-digit rule
MAX_DIGITS = 12
_PREFIX = "$argon2id$"


def pin_problem(pin: str) -> str:
    """Why a new PIN is refused ("" when it is fine)."""
    # ASCII digits only: str.isdigit() also takes full-width and other scripts' digits, which a
    # laptop's number keys cannot type back at the lock screen
    if MIN_DIGITS <= len(pin) <= MAX_DIGITS and pin.isascii() and pin.isdigit():
        return ""
    return f"must be {MIN_DIGITS} to {MAX_DIGITS} digits"


def hash_pin(pin: str) -> str:
    """An Argon2id hash in the PHC string form (salt and cost inside it)."""
    from argon2 import PasswordHasher  # lazy: argon2 loads only when a PIN is hashed

    return PasswordHasher(time_cost=c.time_cost, memory_cost=c.memory_kib, parallelism=c.parallelism).hash(pin)


def verify_pin(stored: str, salt: str, pin: str) -> bool:
    if not stored:
        return False
    if stored.startswith(_PREFIX):
        from argon2 import PasswordHasher  # lazy: argon2 loads only when a PIN is checked
        from argon2.exceptions import InvalidHashError, VerificationError  # lazy: argon2 loads on first use

        try:
            return PasswordHasher().verify(stored, pin)
        except (VerificationError, InvalidHashError):
            return False
    legacy = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), 200_000).hex()
    return secrets.compare_digest(stored, legacy)
