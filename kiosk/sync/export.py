"""Export: this laptop's records in one encrypted, signed sync file, written, verified, then
recorded (docs/sync-format.md)."""

from __future__ import annotations

import base64
import os
import queue
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__, export_safety, store
from ..errors import InputError, StorageError, SyncFileError
from ..store.connection import open_db
from .container import (
    EXPORT_TABLES,
    FORMAT_NAME,
    FORMAT_VERSION,
    NOT_EXPORTED,
    PAYLOAD_ENCODING,
    SCOPES,
    Progress,
    encode_payload,
    no_progress,
    pack,
    sha256_hex,
)
from .files import write_verified
from .keys import fingerprint, office_recipient, public_bytes, signing_key

if TYPE_CHECKING:
    from sqlite_utils import Database


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
    import pyrage  # lazy: age's native library loads on first use

    report = progress or no_progress
    if scope not in SCOPES:
        raise InputError("scope", "must be 'since-last' or 'all'")
    office, office_rcpt = office_recipient(db, recipient)
    target = Path(out)
    if target.exists():
        raise InputError("--out", f"{target.name} already exists; choose a new name (an earlier export "
                                  "on this drive may not have reached the office yet)")
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise SyncFileError(f"the folder for {target.name} does not exist (is the USB drive plugged in?); "
                            "nothing was exported")
    export_safety.remove_leftovers(db, target.parent if str(target.parent) else Path("."))
    key = signing_key(db)
    pub = public_bytes(key)
    laptop = store.laptop_id(db)
    export_id = store.new_id()
    report(0.02, "reading records")
    # zlib and SQLite both let go of the GIL: gzip each table on a second thread while SQLite
    # writes the next (docs/benchmarks.md, "Sync")
    with ThreadPoolExecutor(1) as gzip_thread:
        read: queue.SimpleQueue = queue.SimpleQueue()
        packed = gzip_thread.submit(encode_payload, iter(read.get, None))
        try:
            with store.transaction(db):  # one consistent snapshot
                counts, carried = _collect(db, scope, export_id, read.put)
                event = store.current_event(db)
                created_at = store.now()  # after the reads: no row in the file is newer than this
        finally:
            read.put(None)
        report(0.3, "packing")
        payload = packed.result()
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "app_version": __version__,
        "export_id": export_id, "created_at": created_at, "scope": scope,
        "laptop_id": laptop, "laptop_name": event.laptop_name if event else "",
        "key_fingerprint": fingerprint(pub), "public_key": base64.b64encode(pub).decode(),
        "event": ({"id": event.id, "name": event.name, "starts_on": event.starts_on.isoformat(),
                   "ends_on": event.ends_on.isoformat(), "venue": event.venue} if event else None),
        "counts": counts,
        "payload_encoding": PAYLOAD_ENCODING, "payload_size": len(payload),
        "payload_sha256": sha256_hex(payload),
    }
    report(0.5, "encrypting")
    cipher = pyrage.encrypt(pack(manifest, payload, key), [office_rcpt])
    del payload
    file_sha = sha256_hex(cipher)
    report(0.6, "writing")
    write_verified(target, cipher, file_sha, lambda f: report(0.6 + 0.3 * f, "writing"),
                    on_partial=lambda tmp: export_safety.note_partial(db, tmp),
                    partial_gone=lambda tmp: export_safety.done_partial(db, tmp))
    report(0.95, "recording")
    verified_at = store.now()
    try:
        with store.transaction(db):
            store.sync_record_export(db, {
                "id": export_id, "created_at": created_at, "laptop_id": laptop, "scope": scope,
                "applicants": carried, "payload_sha256": manifest["payload_sha256"],
                "file_sha256": file_sha, "size": len(cipher), "verified_at": verified_at, "recipient": office,
            })
            store.audit(db, "sync.export", actor=actor, record_type="export", record_id=export_id,
                        detail=f"scope={scope} applicants={carried} size={len(cipher)} sha256={file_sha}")
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
    db = open_db(db_path, key=key)
    try:
        return export_batch(db, out, recipient=recipient, scope=scope, progress=progress)
    finally:
        db.conn.close()


def _collect(db: Database, scope: str, export_id: str,
             put: Callable[[tuple[str, tuple[list[str], bytes]]], None]) -> tuple[dict[str, int], int]:
    """Hand each of the export's tables to `put` as (name, (columns, rows as UTF-8 JSON)); return
    the row count of each and how many applicants the export carries. What it carries (each
    applicant's version, the audit entries carried for the first time) stays in the store's
    selection until the export is recorded; each audit entry names the batch that first carried
    it, the same in every later export."""
    with store.sync_bulk_cache(db):
        carried = store.sync_select_export(db, since_last=scope == "since-last")
        counts: dict[str, int] = {}
        for t in EXPORT_TABLES:
            cols = [c for c in store.table_columns(db, t) if c not in NOT_EXPORTED.get(t, ())]
            if t in ("events", "attorneys"):
                n, rows = store.sync_rows_json(db, t, cols)
            elif t == "audit_log":
                n, rows = store.sync_rows_json(db, t, cols, unexported_audit=scope == "since-last",
                                               batch=export_id)
            else:
                n, rows = store.sync_rows_json(db, t, cols, selected=True)
            counts[t] = n
            put((t, (cols, rows)))
    return counts, carried
