"""Keys: this laptop's Ed25519 signing key, the office's age identity and the recipient an
export is encrypted to."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import store
from ..errors import InputError, SyncFileError
from ..validate import parse_recipient
from .files import os_reason

if TYPE_CHECKING:
    from sqlite_utils import Database

_KEY_SETTING = "sync_signing_key"


def fingerprint(public_key: bytes) -> str:
    """A laptop key's fingerprint, short enough to compare by eye: the first 16 bytes of the
    SHA-256 of the raw 32-byte Ed25519 public key, upper-case hex in groups of four."""
    h = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return "-".join(h[i:i + 4] for i in range(0, 32, 4))


@dataclass
class LaptopKey:
    laptop_id: str
    fingerprint: str
    public_key: str  # base64 of the raw 32 bytes


def signing_key(db: Database) -> Any:
    """This laptop's Ed25519 signing key, created on first use and kept in its database settings
    (the database file is owner-only; the key never leaves the laptop)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # lazy: loads on first use

    # lazy: cryptography loads on first use
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    raw = store.get_setting(db, _KEY_SETTING)
    if raw:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))
    key = Ed25519PrivateKey.generate()
    secret = base64.b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()
    with store.transaction(db):
        raw = store.get_setting(db, _KEY_SETTING)  # another window may have made one meanwhile
        if raw:
            return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))
        store.set_setting(db, _KEY_SETTING, secret)
        store.audit(db, "sync.key_created", record_type="laptop", record_id=store.laptop_id(db),
                    detail=f"fingerprint={fingerprint(public_bytes(key))}")
    return key


def public_bytes(key: Any) -> bytes:
    # lazy: cryptography loads on first use
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def laptop_key(db: Database) -> LaptopKey:
    """This laptop's id and signing-key fingerprint (settings page, export receipt, `kiosk laptop key`)."""
    pub = public_bytes(signing_key(db))
    return LaptopKey(laptop_id=store.laptop_id(db), fingerprint=fingerprint(pub),
                     public_key=base64.b64encode(pub).decode())


def laptop_key_fingerprint(db: Database) -> str:
    return laptop_key(db).fingerprint


def office_keygen(out: str | os.PathLike) -> str:
    """Create the office's age identity in a new owner-only file; return its public recipient.

    Never overwrites: losing the office key means losing every export made to it."""
    import pyrage  # lazy: age's native library loads on first use

    path = Path(out)
    ident = pyrage.x25519.Identity.generate()
    recipient = str(ident.to_public())
    created = datetime.now(UTC).isoformat(timespec="seconds")
    text = (f"# Begin Again Kiosk: the DA office's key (age identity). Keep it private and backed up:\n"
            f"# it opens every laptop's export. Give laptops only the public key below.\n"
            f"# created: {created}\n# public key: {recipient}\n{ident}\n")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError("--out", f"{path.name} already exists; an office key is never overwritten "
                                  "(move it away or choose another name)") from None
    except FileNotFoundError:
        raise InputError("--out", "its folder does not exist") from None
    except OSError as e:
        raise SyncFileError(f"cannot write {path.name}: {os_reason(e)}") from None
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(path, 0o600)
    except OSError as e:
        path.unlink(missing_ok=True)
        raise SyncFileError(f"cannot write {path.name}: {os_reason(e)}") from None
    return recipient


def read_identities(path: str | os.PathLike) -> list[Any]:
    """The age identities (AGE-SECRET-KEY-1...) in an office identity file."""
    import pyrage  # lazy: age's native library loads on first use

    p = Path(path)
    try:
        if p.stat().st_size > 64 * 1024:
            raise InputError("--identity", f"{p.name} is too large to be an age identity file")
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("--identity", f"{p.name}: no such file") from None
    except IsADirectoryError:
        raise InputError("--identity", f"{p.name} is a folder, not a file") from None
    except PermissionError:
        raise InputError("--identity", f"{p.name} cannot be read (no permission)") from None
    except (UnicodeDecodeError, OSError):
        raise InputError("--identity", f"{p.name} is not an age identity file") from None
    lines = [s.strip() for s in text.splitlines() if s.strip().startswith("AGE-SECRET-KEY-1")]
    if not lines:
        raise InputError("--identity", f"{p.name} is not an age identity file "
                                       "(it should hold a line AGE-SECRET-KEY-1...)")
    try:
        return [pyrage.x25519.Identity.from_str(s) for s in lines]
    except pyrage.IdentityError:
        raise InputError("--identity", f"{p.name} holds a damaged age identity") from None


def office_recipient(db: Database, given: str | None) -> tuple[str, Any]:
    """The office recipient to encrypt to: --recipient, else the current event's office key."""
    import pyrage  # lazy: age's native library loads on first use

    event = store.current_event(db)
    recorded = event.office_recipient if event else ""
    if given:
        value, field_ = parse_recipient(given, "--recipient"), "--recipient"
        if recorded and value != recorded:
            raise InputError("--recipient", f"this event's sync files go to the office key recorded with it "
                                            f"({recorded}); to change that key use `kiosk office set-key` "
                                            "(it needs the event passphrase)")
    else:
        value, field_ = recorded, "office_recipient"
    if not value:
        raise InputError(field_, "no office key is set, so nothing can be exported (a sync file is never "
                                 "written unencrypted): pass --recipient age1... or enter the DA office's "
                                 "public key in the event settings")
    try:
        return value, pyrage.x25519.Recipient.from_str(value)
    except pyrage.RecipientError:
        raise InputError(field_, "is not a valid age public key") from None

