"""The database key and the small file that keeps it wrapped (docs/storage-encryption.md).

Each laptop database has its own random 256-bit key, never typed by anyone. It is stored only
wrapped, in `<database>.keys` beside the database: under the event passphrase (Argon2id, then
AES-256-GCM) and, once the event has one, under the DA office's age public key so the office can
recover a laptop whose passphrase is lost. The file holds nothing personal; without a passphrase
or the office identity it opens nothing."""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import AuthError, StorageError

# kept in kiosk.paths, which the GUI's first window reads without loading this module's crypto
from .paths import SQLITE_MAGIC, default_data_dir, file_state, key_path  # noqa: F401 (callers know them as keyfile.*)

FORMAT = "begin-again-kiosk-keys/1"
KEY_BYTES = 32
_AAD = b"begin-again-kiosk database key v1"


@dataclass(frozen=True)
class KdfCost:
    """Argon2id's cost. Stored with each wrapped key, so a change here never locks out a file."""

    time_cost: int = 2
    memory_kib: int = 64 * 1024
    parallelism: int = 4


# The cost new key files get; tests lower it (tests/conftest.py) to stay fast.
COST = KdfCost()
# New PIN hashes: lighter (a PIN is checked at every sign-in and unlock, for each attorney when
# any attorney's PIN will do), and the hashes sit inside the encrypted database anyway.
PIN_COST = KdfCost(time_cost=2, memory_kib=19 * 1024, parallelism=1)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@lru_cache(maxsize=32)
def _kek(passphrase: str, salt: bytes, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
    """The key-encryption key from the passphrase (cached: a process that unlocked once holds the
    database key anyway, and every connection of the same process would otherwise pay again)."""
    from argon2.low_level import Type, hash_secret_raw  # lazy: argon2 loads only when a passphrase is checked

    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=time_cost, memory_cost=memory_kib,
                           parallelism=parallelism, hash_len=32, type=Type.ID)


def _wrap_passphrase(key: bytes, passphrase: str, cost: KdfCost) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # lazy: cryptography loads on first use

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(passphrase, salt, cost.time_cost, cost.memory_kib, cost.parallelism)
    return {"kdf": "argon2id", "salt": _b64(salt), "time_cost": cost.time_cost, "memory_kib": cost.memory_kib,
            "parallelism": cost.parallelism, "nonce": _b64(nonce),
            "wrapped": _b64(AESGCM(kek).encrypt(nonce, key, _AAD))}


def _wrap_office(key: bytes, recipient: str) -> dict:
    import pyrage  # lazy: age's native library loads on first use

    rcpt = pyrage.x25519.Recipient.from_str(recipient)
    return {"recipient": recipient, "age": _b64(pyrage.encrypt(key, [rcpt]))}


def keyring_dir() -> Path:
    """The per-user folder that keeps a second copy of every wrapped key, named by the database
    file's own random salt (its first 16 bytes), so a copy of a database (a backup) still opens."""
    env = os.environ.get("KIOSK_KEYRING_DIR")
    if env:
        return Path(env)
    return default_data_dir() / "keys"


def _salt_name(db_path: str | os.PathLike) -> str:
    try:
        with open(db_path, "rb") as f:
            salt = f.read(16)
    except OSError:
        return ""
    return salt.hex() + ".keys" if len(salt) == 16 and salt != SQLITE_MAGIC else ""


def remember(db_path: str | os.PathLike) -> None:
    """Keep the wrapped key in the per-user key folder too (once the database has its salt)."""
    name = _salt_name(db_path)
    src = key_path(db_path)
    if not name or not src.exists():
        return
    folder = keyring_dir()
    target = folder / name
    try:
        data = src.read_bytes()
        if target.exists() and target.read_bytes() == data:
            return
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError:
        pass  # the copy beside the database is the one that counts; this is a spare


def read(db_path: str | os.PathLike) -> dict:
    """The key file's contents (beside the database, else the spare in the per-user key folder,
    which is then put back beside it). StorageError when it is missing or not a key file."""
    path = key_path(db_path)
    spare = keyring_dir() / name if (name := _salt_name(db_path)) else None
    if not path.exists() and spare is not None and spare.exists():
        try:
            write(db_path, json.loads(spare.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StorageError(f"{path.name} (the database's wrapped key) is missing: restore it from the "
                           "backup beside the database, or ask the DA office to recover the laptop") from None
    except (OSError, ValueError):
        raise StorageError(f"{path.name} is damaged or not a key file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("passphrase"), dict):
        raise StorageError(f"{path.name} is damaged or not a key file")
    return data


def write(db_path: str | os.PathLike, data: dict) -> None:
    """Replace the key file atomically (owner-only, synced): a crash leaves the old or the new one."""
    path = key_path(db_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable; a file system that cannot sync a folder (FAT on a USB
    stick) is left as it is: the file itself was synced."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def new_key_file(passphrase: str, office_recipient: str = "") -> tuple[bytes, dict]:
    """A fresh random database key and the key file that wraps it (not yet written)."""
    key = secrets.token_bytes(KEY_BYTES)
    data: dict[str, Any] = {"format": FORMAT, "passphrase": _wrap_passphrase(key, passphrase, COST), "office": None}
    if office_recipient:
        data["office"] = _wrap_office(key, office_recipient)
    return key, data


def unwrap(data: dict, passphrase: str) -> bytes:
    """The database key from the passphrase. AuthError when the passphrase is wrong."""
    from cryptography.exceptions import InvalidTag  # lazy: cryptography loads only when a key is unwrapped
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # lazy: cryptography loads on first use

    w = data["passphrase"]
    try:
        kek = _kek(passphrase, _unb64(w["salt"]), int(w["time_cost"]), int(w["memory_kib"]), int(w["parallelism"]))
        key = AESGCM(kek).decrypt(_unb64(w["nonce"]), _unb64(w["wrapped"]), _AAD)
    except InvalidTag:
        raise AuthError("wrong passphrase: nothing was opened or changed") from None
    except (KeyError, ValueError, TypeError):
        raise StorageError("the database's key file is damaged") from None
    return key


def unlock(db_path: str | os.PathLike, passphrase: str) -> bytes:
    return unwrap(read(db_path), passphrase)


def check_passphrase(db_path: str | os.PathLike, passphrase: str) -> bytes:
    """The key when the passphrase is right (AuthError otherwise): a change that needs the event
    passphrase asks for it again even in an unlocked session."""
    return unlock(db_path, passphrase)


def recover(db_path: str | os.PathLike, identities: list[Any]) -> bytes:
    """The database key from the DA office's age identity (the passphrase is not needed)."""
    import pyrage  # lazy: age's native library loads on first use

    office = read(db_path).get("office")
    if not isinstance(office, dict) or not office.get("age"):
        raise StorageError("this laptop's key was never wrapped for the DA office (no office key was set "
                           "for its event), so only the event passphrase opens it")
    try:
        return pyrage.decrypt(_unb64(office["age"]), identities)
    except Exception:
        raise AuthError("that office identity does not open this laptop's key") from None


def office_recipient(db_path: str | os.PathLike) -> str:
    office = read(db_path).get("office")
    return office.get("recipient", "") if isinstance(office, dict) else ""


def set_office(db_path: str | os.PathLike, key: bytes, recipient: str) -> None:
    """Wrap the key for the office (again) after the event's office key was set or changed."""
    data = read(db_path)
    data["office"] = _wrap_office(key, recipient) if recipient else None
    write(db_path, data)
    remember(db_path)


def set_passphrase(db_path: str | os.PathLike, key: bytes, passphrase: str) -> None:
    """Re-wrap the key under a new passphrase (the database itself is not rewritten)."""
    data = read(db_path)
    data["passphrase"] = _wrap_passphrase(key, passphrase, COST)
    write(db_path, data)
    remember(db_path)
