"""Typed errors the core raises; the CLI and the GUI each show them in one place.

Messages are written for the person at the keyboard and never quote personal data back
(a name or a date of birth in an error could end up on a screen or in a log)."""

from __future__ import annotations


class KioskError(Exception):
    """Base of every error meant to reach a user as a plain message."""


class InputError(KioskError):
    """Bad input: names the field (dotted path, e.g. ``convictions[0].docket``) and what is wrong."""

    def __init__(self, field: str, message: str, *, row: int | None = None):
        self.field = field
        self.message = message
        self.row = row
        where = f"row {row}: " if row is not None else ""
        super().__init__(f"{where}{field}: {message}")


class RulePackError(KioskError):
    """A rule-pack file that cannot be loaded (syntax, missing key, bad outcome)."""


class StorageError(KioskError):
    """The database refused a write (disk full, read-only, locked) or is not a kiosk database."""


class NotFoundError(KioskError):
    """A record id or reference that does not exist."""


class SyncFileError(KioskError):
    """A sync file that is corrupt, tampered with, for another key, of another version, or replayed."""


class AuthError(KioskError):
    """A wrong PIN, or an action that needs a signed-in attorney."""
