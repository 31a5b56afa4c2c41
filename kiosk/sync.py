"""The sync file: an encrypted, signed export of a laptop's records, and its merge at the DA's office.

At the end of an event each laptop writes one file to a USB stick. Only the office can read it
(age encryption to the office's X25519 recipient); the office can tell which laptop made it and
that nothing was changed (an Ed25519 signature over a manifest that carries the payload's hash).
The office verifies and merges the files in kiosk.office_import (enrolled keys only; each
record owned by the laptop that exported it first). docs/sync-format.md describes the file so
another program can read it.

Plaintext exists only in memory: the file on disk, and its temp file, hold age ciphertext."""

from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import json
import os
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, export_safety, store
from .errors import AuthError, InputError, KioskError, StorageError, SyncFileError
from .store import caselist as caselist_store

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT_NAME = "begin-again-sync"
FORMAT_VERSION = 1
MAGIC = b"begin-again-sync/"
AGE_MAGIC = b"age-encryption.org/v1\n"
PAYLOAD_ENCODING = "json+gzip"
SCOPES = ("since-last", "all")

# in payload order; the applicant's own rows follow the applicant (foreign keys)
EXPORT_TABLES = ("events", "attorneys", "applicants", *store.SYNC_CHILD_TABLES, "audit_log")
# never leave the laptop: the raw wizard draft (unvalidated input), the laptop's own bookkeeping,
# and the attorneys' PIN hashes
NOT_EXPORTED = {"applicants": {"draft", "exported_at", "purged_at"}, "attorneys": {"pin_hash", "pin_salt"}}
REQUIRED_COLUMNS = {t: {"id", "updated_at", "laptop_id"} for t in EXPORT_TABLES}
REQUIRED_COLUMNS.update({t: {"id", "applicant_id", "updated_at", "laptop_id"} for t in store.SYNC_CHILD_TABLES})
REQUIRED_COLUMNS["audit_log"] = {"id", "at", "laptop_id", "export_batch"}

MAX_FILE_BYTES = 2 * 1024**3  # larger than any event's export by far
MAX_PAYLOAD_JSON = 4 * 1024**3
MAX_MANIFEST = 64 * 1024
_WRITE_CHUNK = 1024 * 1024
_AGE_CHUNK = 64 * 1024
_B64 = re.compile(rb"[A-Za-z0-9+/]*")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(\+00:00|Z)")
# updated_at as kiosk.store writes it; one fixed width, so text order is time order (versions)
_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00")

MANIFEST_KEYS = {"format", "format_version", "app_version", "export_id", "created_at", "scope", "laptop_id",
                 "laptop_name", "public_key", "key_fingerprint", "event", "counts", "payload_encoding",
                 "payload_size", "payload_sha256"}
EVENT_KEYS = {"id", "name", "starts_on", "ends_on", "venue"}
CLOCK_SKEW = timedelta(days=1)  # how far ahead of the office's clock a laptop's may run
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_KEY_SETTING = "sync_signing_key"
_CELL_TYPES = {str, int, type(None)}  # what a cell may hold (not bool, float, list or object)

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    """The default progress callback: nothing to show."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- keys -------------------------------------------------------------------------------------

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


def _signing_key(db: Database) -> Any:
    """This laptop's Ed25519 signing key, created on first use and kept in its database settings
    (the database file is owner-only; the key never leaves the laptop)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
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
                    detail=f"fingerprint={fingerprint(_public_bytes(key))}")
    return key


def _public_bytes(key: Any) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def laptop_key(db: Database) -> LaptopKey:
    """This laptop's id and signing-key fingerprint (settings page, export receipt, `kiosk laptop key`)."""
    pub = _public_bytes(_signing_key(db))
    return LaptopKey(laptop_id=store.laptop_id(db), fingerprint=fingerprint(pub),
                     public_key=base64.b64encode(pub).decode())


def laptop_key_fingerprint(db: Database) -> str:
    return laptop_key(db).fingerprint


def office_keygen(out: str | os.PathLike) -> str:
    """Create the office's age identity in a new owner-only file; return its public recipient.

    Never overwrites: losing the office key means losing every export made to it."""
    import pyrage

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
    import pyrage

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


def _recipient(db: Database, given: str | None) -> tuple[str, Any]:
    """The office recipient to encrypt to: --recipient, else the current event's office key."""
    import pyrage

    from .validate import parse_recipient

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


# --- the container --------------------------------------------------------------------------

def pack(manifest: dict, payload: bytes, key: Any) -> bytes:
    """The plaintext container: magic + version line, manifest line, signature line, payload."""
    mbytes = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()
    sig = base64.b64encode(key.sign(mbytes))
    return MAGIC + str(manifest["format_version"]).encode() + b"\n" + mbytes + b"\n" + sig + b"\n" + payload


def encode_payload(tables: dict[str, tuple[list[str], list | str]]) -> bytes:
    """The payload: gzip of {"tables": {name: {"columns": [...], "rows": [[...], ...]}}}.
    Rows may come already written as JSON text (the export's fast path) or as lists."""
    z = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip framing, no name, mtime 0
    out = [z.compress(b'{"tables":{')]
    for n, (t, (cols, rows)) in enumerate(tables.items()):
        text = rows if isinstance(rows, str) else json.dumps(rows, separators=(",", ":"), ensure_ascii=False)
        head = f'{"," if n else ""}{json.dumps(t)}:{{"columns":{json.dumps(cols)},"rows":'
        out += [z.compress(head.encode()), z.compress(text.encode()), z.compress(b"}")]
    out += [z.compress(b"}}"), z.flush()]
    return b"".join(out)


def check_age_structure(data: bytes) -> None:
    """Check an age file's framing without decrypting it: header lines, an X25519 recipient
    stanza, the header MAC line, and a body whose length is a valid run of 64 KiB chunks.
    Catches a truncated or garbled file on the laptop (which cannot decrypt its own export)."""
    bad = SyncFileError("the file is damaged or truncated (its encrypted structure is broken)")
    if not data.startswith(AGE_MAGIC):
        raise SyncFileError("not a sync file: it is not age-encrypted")
    pos, x25519 = len(AGE_MAGIC), 0
    while True:
        nl = data.find(b"\n", pos, pos + 4096)
        if nl < 0:
            raise bad
        line, pos = data[pos:nl], nl + 1
        if line.startswith(b"--- "):
            if len(line) != 47 or not _B64.fullmatch(line[4:]):
                raise bad
            break
        args = line[3:].split(b" ")
        if not line.startswith(b"-> ") or not all(args):
            raise bad
        if args[0] == b"X25519":
            if len(args) != 2 or len(args[1]) != 43:
                raise bad
            x25519 += 1
        while True:  # the stanza body: base64 lines of 64 columns, the last one shorter
            nl = data.find(b"\n", pos, pos + 66)
            if nl < 0:
                raise bad
            body, pos = data[pos:nl], nl + 1
            if len(body) > 64 or not _B64.fullmatch(body):
                raise bad
            if len(body) < 64:
                break
    if not x25519:
        raise SyncFileError("the file is not encrypted to an office key (no X25519 recipient)")
    rest = len(data) - pos - 16  # 16-byte nonce, then chunks of 64 KiB + 16-byte tag
    if rest < 16:
        raise bad
    full, tail = divmod(rest, _AGE_CHUNK + 16)
    if not ((tail == 0 and full > 0) or tail > 16 or (tail == 16 and full == 0)):
        raise bad


# --- export -----------------------------------------------------------------------------------

@dataclass
class ExportResult:
    export_id: str
    path: Path
    scope: str
    created_at: str
    counts: dict[str, int]
    size: int
    file_sha256: str
    payload_sha256: str
    laptop_id: str
    key_fingerprint: str
    recipient: str

    @property
    def applicants(self) -> int:
        return self.counts.get("applicants", 0)

    def receipt(self) -> str:
        """The export receipt: what was written and how the office can check it came from here."""
        what = "everything" if self.scope == "all" else "new and changed since the last export"
        return "\n".join([
            f"Exported {self.applicants} applicant(s), {self.counts.get('convictions', 0)} conviction(s), "
            f"{self.counts.get('audit_log', 0)} audit entries ({what})",
            f"  file:      {self.path.name} ({self.size:,} bytes, verified after writing)",
            f"  sha-256:   {self.file_sha256}",
            f"  export id: {self.export_id}",
            f"  laptop:    {self.laptop_id}",
            f"  laptop key fingerprint: {self.key_fingerprint}",
            f"  encrypted to the office key {self.recipient}",
        ])


def export_batch(db: Database, out: str | os.PathLike, *, recipient: str | None = None,
                 scope: str = "since-last", progress: Progress | None = None, actor: str = "") -> ExportResult:
    """Write this laptop's records to an encrypted, signed sync file; verify it; record it.

    `scope` "since-last": every applicant not yet exported or changed since, and the audit
    entries no export carried; "all": every applicant that still has its data. The export is
    recorded as done only after the file was read back and checked; any failure before that
    leaves the database as it was and no file behind. The GUI runs this off its thread with its
    own database connection, showing `progress(fraction, message)`."""
    import pyrage

    report = progress or _no_progress
    if scope not in SCOPES:
        raise InputError("scope", "must be 'since-last' or 'all'")
    office, office_rcpt = _recipient(db, recipient)
    target = Path(out)
    if target.exists():
        raise InputError("--out", f"{target.name} already exists; choose a new name (an earlier export "
                                  "on this drive may not have reached the office yet)")
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise SyncFileError(f"the folder for {target.name} does not exist (is the USB drive plugged in?); "
                            "nothing was exported")
    export_safety.remove_leftovers(db, target.parent if str(target.parent) else Path("."))
    key = _signing_key(db)
    pub = _public_bytes(key)
    laptop = store.laptop_id(db)
    export_id = store.new_id()
    report(0.02, "reading records")
    with store.transaction(db):  # one consistent snapshot
        tables, items, audit_ids = _collect(db, scope, export_id)
        event = store.current_event(db)
        created_at = store.now()  # after the reads: no row in the file is newer than this
    report(0.3, "packing")
    payload = encode_payload({t: (cols, rows) for t, (cols, _, rows) in tables.items()})
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "app_version": __version__,
        "export_id": export_id, "created_at": created_at, "scope": scope,
        "laptop_id": laptop, "laptop_name": event.laptop_name if event else "",
        "key_fingerprint": fingerprint(pub), "public_key": base64.b64encode(pub).decode(),
        "event": ({"id": event.id, "name": event.name, "starts_on": event.starts_on.isoformat(),
                   "ends_on": event.ends_on.isoformat(), "venue": event.venue} if event else None),
        "counts": {t: n for t, (_, n, _) in tables.items()},
        "payload_encoding": PAYLOAD_ENCODING, "payload_size": len(payload),
        "payload_sha256": _sha256(payload),
    }
    report(0.5, "encrypting")
    cipher = pyrage.encrypt(pack(manifest, payload, key), [office_rcpt])
    del payload
    file_sha = _sha256(cipher)
    report(0.6, "writing")
    _write_verified(target, cipher, file_sha, lambda f: report(0.6 + 0.3 * f, "writing"),
                    on_partial=lambda tmp: export_safety.note_partial(db, tmp),
                    partial_gone=lambda tmp: export_safety.done_partial(db, tmp))
    report(0.95, "recording")
    verified_at = store.now()
    try:
        with store.transaction(db):
            store.sync_record_export(db, {
                "id": export_id, "created_at": created_at, "laptop_id": laptop, "scope": scope,
                "applicants": len(items), "payload_sha256": manifest["payload_sha256"],
                "file_sha256": file_sha, "size": len(cipher), "verified_at": verified_at, "recipient": office,
            }, items, audit_ids)
            store.audit(db, "sync.export", actor=actor, record_type="export", record_id=export_id,
                        detail=f"scope={scope} applicants={len(items)} size={len(cipher)} sha256={file_sha}")
    except StorageError as e:
        raise StorageError(f"{target.name} was written and verified, but this laptop could not record "
                           f"the export ({e}); export again before removing any data") from None
    report(1.0, "done")
    return ExportResult(export_id=export_id, path=target, scope=scope, created_at=created_at,
                        counts=manifest["counts"], size=len(cipher), file_sha256=file_sha,
                        payload_sha256=manifest["payload_sha256"], laptop_id=laptop,
                        key_fingerprint=manifest["key_fingerprint"], recipient=office)


def export_in_worker(db_path: str | os.PathLike, out: str | os.PathLike, *, recipient: str | None = None,
                     scope: str = "since-last", progress: Progress | None = None,
                     key: bytes | None = None) -> ExportResult:
    """export_batch for a worker thread: a database connection belongs to one thread, so this
    opens its own on the laptop's database file (with the unlocked session's `key`) and closes it."""
    from .store.connection import open_db

    db = open_db(db_path, key=key)
    try:
        return export_batch(db, out, recipient=recipient, scope=scope, progress=progress)
    finally:
        db.conn.close()


def _collect(db: Database, scope: str, export_id: str) -> tuple[dict[str, tuple[list[str], int, str]],
                                                               list[tuple[str, str]], list[str]]:
    """The export's tables as (columns, row count, rows as JSON), the (applicant id, version) of
    each applicant carried, and the ids of the audit entries carried for the first time (each
    entry names the batch that first carried it, the same in every later export)."""
    versions = store.sync_applicant_versions(db)
    if scope == "since-last":
        done = store.sync_exported_versions(db)
        versions = {a: v for a, v in versions.items() if done.get(a, "") < v}
    ids = sorted(versions)
    store.sync_load_ids(db, ids)
    tables: dict[str, tuple[list[str], int, str]] = {}
    for t in EXPORT_TABLES:
        cols = [c for c in store.table_columns(db, t) if c not in NOT_EXPORTED.get(t, ())]
        if t in ("events", "attorneys"):
            n, rows = store.sync_rows_json(db, t, cols)
        elif t == "audit_log":
            n, rows = store.sync_rows_json(db, t, cols, unexported_audit=scope == "since-last", batch=export_id)
        else:
            n, rows = store.sync_rows_json(db, t, cols, loaded_ids=True)
        tables[t] = (cols, n, rows)
    return tables, [(a, versions[a]) for a in ids], store.sync_unexported_audit_ids(db)


def os_reason(e: OSError) -> str:
    return {
        errno.ENOSPC: "the drive is full",
        errno.EDQUOT: "the drive is full (quota)",
        errno.EROFS: "the drive is read-only",
        errno.EACCES: "no permission to write there (read-only?)",
        errno.EPERM: "no permission to write there (read-only?)",
        errno.EFBIG: "the file is too large for this drive or a size limit",
        errno.EIO: "the drive failed or was removed",
        errno.ENODEV: "the drive was removed",
        errno.ENXIO: "the drive was removed",
        errno.ENOENT: "the folder disappeared (drive removed?)",
    }.get(e.errno or 0, e.strerror or e.__class__.__name__)


def _write_verified(target: Path, data: bytes, digest: str, progress: Callable[[float], None], *,
                    on_partial: Callable[[str], None] | None = None,
                    partial_gone: Callable[[str], None] | None = None) -> None:
    """Write beside the target, fsync, rename into place, drop the cached pages and read the file
    back: its size, its age framing and its SHA-256 must match what was meant to be written.
    `on_partial` records the partial file before any byte is written, so a kill's leftover is
    found at the next start (kiosk.export_safety); `partial_gone` forgets it once it is gone."""
    parent = target.parent if str(target.parent) else Path(".")
    tmp: str | None = None
    placed = False
    noted = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
        if on_partial:
            try:
                on_partial(tmp)
                noted = tmp
            except BaseException:
                os.close(fd)
                raise
        try:
            view, done = memoryview(data), 0
            while done < len(data):
                written = os.write(fd, view[done:done + _WRITE_CHUNK])
                if written <= 0:
                    raise OSError(errno.EIO, "short write")
                done += written
                progress(done / len(data))
            os.fsync(fd)
        finally:
            os.close(fd)
        if target.exists():
            raise InputError("--out", f"{target.name} appeared while exporting; choose a new name")
        os.replace(tmp, target)
        placed, tmp = True, None
        _fsync_dir(parent)
        _forget(noted, partial_gone)
        noted = ""
        back = _read_back(target)
        if len(back) != len(data):
            raise SyncFileError(f"{target.name} reads back with {len(back):,} bytes instead of {len(data):,}")
        check_age_structure(back)
        if _sha256(back) != digest:
            raise SyncFileError(f"{target.name} reads back with different bytes than were written")
    except OSError as e:
        _remove(tmp, target if placed else None)
        _forget(noted, partial_gone)
        raise SyncFileError(f"the export could not be written to {target.name}: {os_reason(e)}. "
                            "Nothing was recorded as exported; fix the drive and export again") from None
    except KioskError as e:
        _remove(tmp, target if placed else None)
        _forget(noted, partial_gone)
        if isinstance(e, InputError):
            raise
        raise SyncFileError(f"the export failed its check after writing ({e}). Nothing was recorded as "
                            "exported; use another drive and export again") from None


def _forget(noted: str, partial_gone: Callable[[str], None] | None) -> None:
    if noted and partial_gone:
        try:
            partial_gone(noted)
        except KioskError:
            pass  # the file is gone; the next start finds nothing at the recorded path


def _read_back(path: Path) -> bytes:
    """Read a just-written file from the drive rather than the page cache where the OS allows."""
    with open(path, "rb") as f:
        if hasattr(os, "posix_fadvise"):
            try:
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        return f.read()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (FAT on a USB stick) cannot sync a folder; the file itself was synced
    finally:
        os.close(fd)


def _remove(*paths: str | os.PathLike | None) -> None:
    for p in paths:
        if p:
            try:
                os.unlink(p)
            except OSError:
                pass


# --- status and purge (the GUI's settings page and the CLI) ------------------------------------

@dataclass
class ExportStatus:
    waiting: int  # applicants never exported, or changed since their last export
    exported: int  # applicants whose exported version is current (these can be purged)
    purged: int
    last_export_at: str = ""
    last_export_applicants: int = 0


def _split(db: Database) -> tuple[list[str], int]:
    """(ids of applicants that may be purged, number kept): see kiosk.export_safety."""
    plan = export_safety.purge_plan(db)
    return plan.ready, plan.waiting + plan.other_key


def export_status(db: Database) -> ExportStatus:
    ready, waiting = _split(db)
    last = store.sync_last_export(db)
    return ExportStatus(waiting=waiting, exported=len(ready), purged=store.sync_purged_count(db),
                        last_export_at=last["created_at"] if last else "",
                        last_export_applicants=last["applicants"] if last else 0)


@dataclass
class PurgeResult:
    purged: int
    waiting: int  # every applicant kept, whatever the reason (`kept` says why)
    kept: list[str] = field(default_factory=list)


def purge_exported(db: Database, *, actor: str = "") -> PurgeResult:
    """Remove the personal data of applicants whose current version reached a verified export.

    Records never exported, or changed after their export, are never touched; the audit log,
    reference numbers, outcomes and counts stay. The DA's case list is removed too. One transaction."""
    with store.transaction(db):
        plan = export_safety.purge_plan(db)
        waiting = plan.waiting + plan.other_key
        n = store.sync_purge_applicants(db, plan.ready, store.now())
        caselist_rows = caselist_store.delete_all(db)  # the DA's case list goes with the day's purge
        store.audit(db, "sync.purge", actor=actor,
                    detail=f"applicants={n} waiting={plan.waiting} other_key={plan.other_key} "
                           f"caselist={caselist_rows}")
    return PurgeResult(purged=n, waiting=waiting, kept=plan.kept_reasons())


def purge_exported_with_pin(db: Database, attorney_id: str, pin: str) -> PurgeResult:
    """The GUI's purge: the signed-in attorney confirms with their PIN."""
    from . import pin_wait

    if not store.check_pin(db, attorney_id, pin):
        with store.transaction(db):
            store.audit(db, "sync.purge_refused", actor=attorney_id, record_type="attorney",
                        record_id=attorney_id)
            pin_wait.failed(db)
        raise AuthError("wrong PIN; nothing was removed")
    return purge_exported(db, actor=attorney_id)


# --- reading a sync file (office) ---------------------------------------------------------------

@dataclass
class SyncFile:
    """A decrypted file whose signature, payload hash, version and structure all checked out."""

    name: str
    manifest: dict
    tables: dict[str, tuple[list[str], list[list]]]
    file_sha256: str

    @property
    def laptop_id(self) -> str:
        return self.manifest["laptop_id"]


def read_sync_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise SyncFileError("the file is far larger than any export; not a sync file")
        return p.read_bytes()
    except FileNotFoundError:
        raise SyncFileError("no such file") from None
    except IsADirectoryError:
        raise SyncFileError("is a folder, not a sync file") from None
    except OSError as e:
        raise SyncFileError(f"cannot be read: {os_reason(e)}") from None


def open_sync_file(data: bytes, identities: list[Any], *, name: str = "") -> SyncFile:
    """Decrypt and verify one sync file, or raise SyncFileError with a one-line reason.

    Checks, in order: open_container's; then payload structure and record counts."""
    manifest, payload = open_container(data, identities)
    tables = _decode_payload(payload, manifest)
    return SyncFile(name=name, manifest=manifest, tables=tables, file_sha256=_sha256(data))


def open_container(data: bytes, identities: list[Any]) -> tuple[dict, bytes]:
    """Decrypt one sync file and verify its manifest: (manifest, compressed payload).

    Checks, in order: age framing; decryption (wrong office key, or any altered byte: age is
    authenticated); container magic and format version; manifest; the laptop's signature over
    the manifest; payload size and SHA-256."""
    import pyrage
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not data:
        raise SyncFileError("the file is empty")
    check_age_structure(data)
    try:
        plain = pyrage.decrypt(data, identities)
    except pyrage.DecryptError as e:
        if "no matching keys" in str(e).lower():
            raise SyncFileError("not encrypted to this office key (wrong --identity?), or its header "
                                "was altered") from None
        raise SyncFileError("damaged or tampered with: decryption failed its integrity check") from None
    if not plain.startswith(MAGIC):
        raise SyncFileError("not a Begin Again sync file (decrypted, but the content is something else)")
    lines = plain.split(b"\n", 3)
    if len(lines) < 4:
        raise SyncFileError("damaged: the container is incomplete")
    version_line, mbytes, sig_line, payload = lines
    version = version_line[len(MAGIC):]
    if not version.isdigit() or len(version) > 6 or version != str(int(version)).encode():
        raise SyncFileError("damaged: the format version is unreadable")
    if int(version) != FORMAT_VERSION:
        raise SyncFileError(f"format version {int(version)} is not supported (this program reads version "
                            f"{FORMAT_VERSION}); use a matching version of the kiosk")
    if len(mbytes) > MAX_MANIFEST:
        raise SyncFileError("damaged: the manifest is too large")
    try:
        manifest = json.loads(mbytes)
        pub = base64.b64decode(manifest["public_key"], validate=True)
        sig = base64.b64decode(sig_line, validate=True)
        verifier = Ed25519PublicKey.from_public_bytes(pub)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise SyncFileError("damaged: the manifest or its signature is unreadable") from None
    if base64.b64encode(sig) != sig_line:  # one signature, one spelling: no look-alike files
        raise SyncFileError("damaged: the signature is not written as the format says")
    try:
        verifier.verify(sig, mbytes)
    except InvalidSignature:
        raise SyncFileError("the laptop's signature does not match: the file was altered after it was made") \
            from None
    _check_manifest(manifest, pub)
    if len(payload) != manifest["payload_size"]:
        raise SyncFileError("damaged: the payload is not the size the signed manifest says")
    if _sha256(payload) != manifest["payload_sha256"]:
        raise SyncFileError("the payload does not match the signed hash: the file was altered")
    return manifest, payload


def _check_manifest(m: Any, pub: bytes) -> None:
    def need(cond: bool, what: str) -> None:
        if not cond:
            raise SyncFileError(f"damaged manifest: {what}")

    need(isinstance(m, dict), "not an object")
    need(set(m) == MANIFEST_KEYS, "it has fields the format does not define, or lacks some")
    need(m.get("format") == FORMAT_NAME, "not a Begin Again sync manifest")
    need(m.get("format_version") == FORMAT_VERSION, "its version does not match the container's")
    for k in ("export_id", "laptop_id"):
        need(isinstance(m.get(k), str) and bool(_ID.fullmatch(m[k])), f"bad {k}")
    need(isinstance(m.get("created_at"), str) and bool(_STAMP.fullmatch(m["created_at"])), "bad created_at")
    need(created_at_of(m) <= datetime.now(UTC) + CLOCK_SKEW,
         "it was made later than now (the laptop's clock is wrong, or the file is forged)")
    event = m.get("event")
    need(event is None or (isinstance(event, dict) and set(event) == EVENT_KEYS
                           and all(isinstance(v, str) and len(v) <= 200 and not _CONTROL.search(v)
                                   for v in event.values())), "bad event")
    for k in ("app_version", "laptop_name"):  # shown in the office's summaries: one line each
        need(isinstance(m.get(k), str) and len(m[k]) <= 120 and not _CONTROL.search(m[k]), f"bad {k}")
    need(m.get("scope") in SCOPES, "bad scope")
    need(m.get("key_fingerprint") == fingerprint(pub), "the key fingerprint does not match its key")
    need(m.get("payload_encoding") == PAYLOAD_ENCODING, "unknown payload encoding")
    need(isinstance(m.get("payload_size"), int) and not isinstance(m["payload_size"], bool), "bad payload_size")
    need(isinstance(m.get("payload_sha256"), str) and bool(_HEX64.fullmatch(m["payload_sha256"])),
         "bad payload_sha256")
    counts = m.get("counts")
    need(isinstance(counts, dict) and set(counts) == set(EXPORT_TABLES)
         and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values()),
         "bad record counts")


def created_at_of(manifest: dict) -> datetime:
    """The manifest's created_at as a time (a checked manifest has a well-formed one)."""
    return datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))


def _decode_payload(payload: bytes, manifest: dict) -> dict[str, tuple[list[str], list[list]]]:
    from .payload_stream import inflate_limit

    try:
        d = zlib.decompressobj(wbits=31)
        raw = d.decompress(payload, min(MAX_PAYLOAD_JSON, inflate_limit(manifest["counts"])))
        if d.unconsumed_tail or not d.eof or d.unused_data:
            raise SyncFileError("damaged: the payload is incomplete or too large")
        body = json.loads(raw)
    except (zlib.error, ValueError, RecursionError):
        raise SyncFileError("damaged: the payload cannot be read") from None
    if not isinstance(body, dict) or not isinstance(body.get("tables"), dict) \
            or set(body["tables"]) != set(EXPORT_TABLES):
        raise SyncFileError("damaged: the payload does not hold the expected tables")
    tables: dict[str, tuple[list[str], list[list]]] = {}
    for t in EXPORT_TABLES:
        part = body["tables"][t]
        cols = part.get("columns") if isinstance(part, dict) else None
        rows = part.get("rows") if isinstance(part, dict) else None
        if not (isinstance(cols, list) and isinstance(rows, list)
                and all(isinstance(c, str) and c.isidentifier() and c.isascii() and c == c.lower()
                        for c in cols)
                and len(set(cols)) == len(cols) and REQUIRED_COLUMNS[t] <= set(cols)):
            raise SyncFileError(f"damaged: the {t} table is malformed")
        # whole-table checks in C-speed passes (a 20,000-applicant file has ~200,000 rows)
        if set(map(type, rows)) - {list} or set(map(len, rows)) - {len(cols)} \
                or set(map(type, chain.from_iterable(rows))) - _CELL_TYPES:
            raise SyncFileError(f"damaged: a row of the {t} table is malformed")
        if len(rows) != manifest["counts"][t]:
            raise SyncFileError(f"the {t} table does not hold the number of records the manifest says")
        if len(set(map(itemgetter(cols.index("id")), rows))) != len(rows):
            raise SyncFileError(f"damaged: the {t} table repeats record ids")
        for c in REQUIRED_COLUMNS[t] - {"export_batch"}:
            values = set(map(itemgetter(cols.index(c)), rows))
            if "" in values or set(map(type, values)) - {str}:
                raise SyncFileError(f"damaged: the {t} table has records without {c}")
            if c == "updated_at" and not all(map(_VERSION.fullmatch, values)):
                raise SyncFileError(f"damaged: the {t} table has a malformed updated_at")
        tables[t] = (cols, rows)
    return tables


def decrypt_to_dir(path: str | os.PathLike, identity: str | os.PathLike, out_dir: str | os.PathLike) -> SyncFile:
    """`kiosk decrypt`: verify a file and write its manifest and records as JSON and CSV files
    (an owner-only folder: they hold personal data in plaintext)."""
    identities = read_identities(identity)
    name = Path(path).name
    try:
        sf = open_sync_file(read_sync_bytes(path), identities, name=name)
    except SyncFileError as e:
        raise SyncFileError(f"{name}: rejected: {e}") from None
    out = Path(out_dir)
    names = ["manifest.json", "records.json", *(f"{t}.csv" for t in EXPORT_TABLES)]
    try:
        out.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(out, 0o700)
    except OSError as e:
        raise SyncFileError(f"cannot create the folder {out.name}: {os_reason(e)}") from None
    clash = [n for n in names if (out / n).exists()]
    if clash:
        raise InputError("--out", f"{out.name} already holds {clash[0]}; use an empty folder")
    records = {t: [dict(zip(cols, r, strict=True)) for r in rows] for t, (cols, rows) in sf.tables.items()}
    files = {
        "manifest.json": json.dumps({**sf.manifest, "file_sha256": sf.file_sha256}, indent=2,
                                    ensure_ascii=False, sort_keys=True).encode() + b"\n",
        "records.json": json.dumps(records, indent=1, ensure_ascii=False).encode() + b"\n",
    }
    for t, (cols, rows) in sf.tables.items():
        files[f"{t}.csv"] = csv_bytes(cols, rows)
    try:
        for n, data in files.items():
            fd = os.open(out / n, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
    except OSError as e:
        raise SyncFileError(f"cannot write into {out.name}: {os_reason(e)}") from None
    return sf


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (a leading = + - @ gets an apostrophe)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_bytes(columns: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["" if v is None else csv_safe(v) for v in r])
    return buf.getvalue().encode("utf-8")


# --- import and merge (office): kiosk.office_import ----------------------------------------------

_MOVED = {"FileOutcome", "ImportSummary", "import_files", "import_paths", "refresh_duplicates"}


def __getattr__(name: str) -> Any:
    """The office's import lives in kiosk.office_import; its names stay reachable from here."""
    if name in _MOVED:
        from . import office_import

        return getattr(office_import, name)
    raise AttributeError(name)
