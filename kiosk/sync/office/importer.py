"""`kiosk import` at the DA's office: verify each sync file, check that its key is enrolled and
what it says, and merge it into the central database, each file in its own transaction.

A file streams into staging tables (a database attached for that file), is checked
there as a whole (time bounds, required cells) and record by record (kiosk.sync.office.checks, the
intake validator, on a second thread beside the merge for files that fit in memory), then merges
set-based: new ids are copied in one statement per table; content is compared only where
a stored version exists. Each record belongs to the laptop whose file carrying it was made first;
another laptop's version never replaces it but is kept for review. docs/sync-format.md."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ... import store
from ...errors import StorageError, SyncFileError
from ...store import office_merge as office_store
from ...store.connection import DB_ERRORS, INTEGRITY_ERRORS, plain_db_error
from ..container import EXPORT_TABLES, REQUIRED_COLUMNS, Progress, no_progress
from ..keys import read_identities
from ..reading import created_at_of, open_container, read_sync_bytes
from . import checks, parallel
from .duplicates import FlagsAhead, refresh_duplicates
from .merge import merge_records
from .payload import read_tables
from .rules import check_spelling

TRUSTED_NEW = "trusted on first use"
# Up to this many rows (all its tables' counts), a file is staged in an in-memory database and its
# records are checked beside the merge, for speed: ~2 KB per row at the import's peak (~390 MB for
# the 188,000 rows of 20,000 applicants, against ~215 MB staged as TEMP tables were and checked
# streamed). A larger file is staged and checked that leaner way (docs/sync-format.md, "Checks").
IN_MEMORY_ROWS = 250_000
ENROLLED = "enrolled"


@dataclass
class FileOutcome:
    name: str
    status: str = "rejected"  # "imported" | "already imported" | "rejected"
    reason: str = ""
    laptop_id: str = ""
    key_fingerprint: str = ""
    export_id: str = ""
    created_at: str = ""
    trusted_new: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    audit_added: int = 0
    other_changes: int = 0  # events, attorneys written
    versions_added: int = 0  # versions kept for review

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.audit_added or self.other_changes or self.versions_added)

    def line(self) -> str:
        if self.status == "rejected":
            return f"{self.name}: rejected: {self.reason}"
        who = f"laptop {self.laptop_id} (key {self.key_fingerprint}), made {self.created_at}"
        if self.status == "already imported":
            return f"{self.name}: already imported: {self.reason}; nothing changed [{who}]"
        trust = "; its key was not enrolled and is now trusted (--trust-new)" if self.trusted_new else ""
        return (f"{self.name}: imported from {who}: {self.new} new, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.conflicts} conflicts, {self.audit_added} audit entries{trust}")


@dataclass
class ImportSummary:
    files: list[FileOutcome] = field(default_factory=list)
    duplicate_pairs: int = 0
    conflicted_records: int = 0

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(f, k) for f in self.files) for k in ("new", "updated", "unchanged", "conflicts")}

    def lines(self) -> list[str]:
        t = self.totals()
        return [f.line() for f in self.files] + [
            f"summary: {t['new']} new, {t['updated']} updated, {t['unchanged']} unchanged, "
            f"{t['conflicts']} conflicts, {self.rejected} rejected "
            f"({self.count('imported')} file(s) imported, {self.count('already imported')} already imported); "
            f"the database now holds {self.duplicate_pairs} possible duplicate pair(s) and "
            f"{self.conflicted_records} conflicted record(s) for review",
        ]


class _NothingNew(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def import_files(db: Database, paths: Iterable[str | os.PathLike], identities: list[Any], *,
                 trust_new: bool = False, progress: Progress | None = None) -> ImportSummary:
    """Verify and merge each file in its own transaction; a refused file changes nothing and
    never stops the others. Then recompute the possible duplicates (their own transaction).

    Idempotent; order-free as long as each laptop's files are made in the order the laptop
    exported them (docs/sync-format.md, "How the office merges")."""
    report = progress or no_progress
    summary = ImportSummary()
    paths = list(paths)
    with store.sync_bulk_cache(db), _cycle_collector_paused():
        columns = {t: set(store.table_columns(db, t)) for t in EXPORT_TABLES}
        ahead = FlagsAhead()
        try:
            for n, p in enumerate(paths):  # one file at a time: only one is ever decrypted in memory
                report(0.95 * n / max(len(paths), 1), f"importing {Path(p).name}")
                last = n == len(paths) - 1
                summary.files.append(_import_one(db, p, identities, columns, trust_new, ahead if last else None))
        except BaseException:
            ahead.discard()  # nothing keeps running after an import, and its error is the batch's
            raise
        flags = None
        if summary.files and summary.files[-1].status == "imported":
            flags = ahead.flags()  # found in what that file committed
        else:
            ahead.discard()
        with store.transaction(db):
            if any(f.status == "imported" for f in summary.files):
                report(0.95, "looking for possible duplicates")
                refresh_duplicates(db, flags)
            summary.duplicate_pairs = office_store.duplicate_pair_count(db)
            summary.conflicted_records = len(store.sync_conflicted(db))
    report(1.0, "done")
    return summary


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """An import makes a few container objects per row (~250,000 for 20,000 applicants) and none
    in a cycle; the cycle collector's passes over them took 0.2 s of a 3 s import (measured).
    Reference counting still frees every one of them as it goes."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def unknown_key_reason(fingerprint: str) -> str:
    return (f"signed by laptop key {fingerprint}, which this office has not enrolled; if it is one of "
            f"the event's laptops, enroll it (kiosk office enroll {fingerprint} --into CENTRAL.db "
            "--name \"Table 3\") and import again, or import with --trust-new")


def _import_one(db: Database, path: str | os.PathLike, identities: list[Any], columns: dict[str, set[str]],
                trust_new: bool, ahead: FlagsAhead | None = None) -> FileOutcome:
    """One file in its own transaction; `ahead`, for the batch's last file, starts the duplicate
    flags of the merged data before that transaction commits."""
    outcome = FileOutcome(name=Path(path).name)
    try:
        data = read_sync_bytes(path)
        file_sha = hashlib.sha256(data).hexdigest()
        m, payload = open_container(data, identities)
        del data
        outcome.laptop_id, outcome.key_fingerprint = m["laptop_id"], m["key_fingerprint"]
        outcome.export_id, outcome.created_at = m["export_id"], m["created_at"]
        known = office_store.enrolled(db, m["key_fingerprint"])
        if known is None and not trust_new:
            raise SyncFileError(unknown_key_reason(m["key_fingerprint"]))
        fits = sum(m["counts"].values()) <= IN_MEMORY_ROWS
        # the file's own transaction: a refused file changes nothing; its staging goes with it
        with office_store.staging_area(db, in_memory=fits), store.savepoint(db):
            _check_replay_and_key(db, m, enrolled=known is not None and known["how"] == ENROLLED)
            if known is None:
                office_store.enroll(db, m["key_fingerprint"], m["laptop_name"], TRUSTED_NEW, store.now())
                outcome.trusted_new = True
            # a file that fits in memory, with a second core: its records are checked beside the merge
            streamed: dict[str, list[list]] | None = {} if fits and parallel.cores() >= 2 else None
            cols = _stage(db, payload, m, columns, streamed)
            del payload
            _check_and_merge(db, m, cols, outcome, file_sha, streamed)
            if ahead is not None:
                ahead.start(db)
        outcome.status = "imported"
    except _NothingNew as e:
        outcome.status, outcome.reason = "already imported", e.reason
        _reset_counts(outcome)
    except SyncFileError as e:
        outcome.status, outcome.reason = "rejected", str(e)
        _reset_counts(outcome)
    except INTEGRITY_ERRORS:  # SQLCipher's own class too, for an encrypted central file
        outcome.status = "rejected"
        outcome.reason = "its records clash with different records already in this database (reused ids)"
        _reset_counts(outcome)
    except DB_ERRORS as e:
        raise StorageError(plain_db_error(e)) from None
    except MemoryError:
        outcome.status, outcome.reason = "rejected", "it is too large for this computer's memory"
        _reset_counts(outcome)
    return outcome


def _reset_counts(o: FileOutcome) -> None:
    o.new = o.updated = o.unchanged = o.conflicts = o.audit_added = o.other_changes = o.versions_added = 0
    o.trusted_new = False


def _check_replay_and_key(db: Database, m: dict, enrolled: bool) -> None:
    """Refuse a replay, and a second key speaking for a known laptop, unless that key is enrolled
    and the first one was only trusted on first use (a stranger who claimed an enrolled laptop's
    id first never locks that laptop out)."""
    seen = store.sync_import_logged(db, m["export_id"])
    if seen:
        if seen["payload_sha256"] == m["payload_sha256"]:
            raise _NothingNew("this file was imported before")
        raise SyncFileError("an export with the same id but different content was imported before "
                            "(a replayed or altered file)")
    pinned = store.sync_pinned_key(db, m["laptop_id"])
    if pinned is None:
        store.sync_pin_key(db, m["laptop_id"], m["public_key"], m["key_fingerprint"])
    elif pinned != m["public_key"]:
        if enrolled and office_store.pinned_key_trusted_new(db, m["laptop_id"]):
            office_store.repin(db, m["laptop_id"], m["public_key"], m["key_fingerprint"])
            return
        raise SyncFileError(f"signed with a different key ({m['key_fingerprint']}) than earlier files from "
                            f"laptop {m['laptop_id']}: it did not come from that laptop")


def _stage(db: Database, payload: bytes, m: dict, office_cols: dict[str, set[str]],
           streamed: dict[str, list[list]] | None) -> dict[str, list[str]]:
    """Stream the payload into staging tables (each batch's spelling checked) and index them; the
    file's columns per table. With `streamed`, the rows of the tables the intake validator reads
    are kept there too (for RecordCheck)."""
    cols: dict[str, list[str]] = {}

    def take(t: str, c: list[str], rows: list[list]) -> None:
        if t not in cols:
            if set(c) - office_cols[t]:
                raise SyncFileError("made by a newer version of the kiosk (it has fields this database lacks); "
                                    "update this program first")
            if not REQUIRED_COLUMNS[t] <= set(c):
                raise SyncFileError(f"damaged: the {t} table is malformed")
            cols[t] = c
            office_store.stage_create(db, t, c)
        if rows:
            bad = check_spelling(t, c, rows)
            if bad:
                raise SyncFileError(f"refused: {bad} holds a value the kiosk never writes (the office checks "
                                    "every field)")
            try:
                office_store.stage_insert(db, t, c, rows)
            except UnicodeEncodeError:  # a "\ud800" escape: JSON allows it, no text can hold it
                raise SyncFileError(f"refused: the {t} table holds text that is not valid Unicode (a lone "
                                    "surrogate); the kiosk never writes one") from None
            except OverflowError:  # JSON numbers have no bound; SQLite's integers have 64 bits
                raise SyncFileError(f"refused: the {t} table holds a number too large to store; the kiosk "
                                    "never writes one") from None
            if streamed is not None and t in checks.RECORD_TABLES:
                streamed.setdefault(t, []).extend(rows)

    read_tables(payload, EXPORT_TABLES, m["counts"], take)
    for t in EXPORT_TABLES:
        try:
            office_store.stage_index(db, t)
        except INTEGRITY_ERRORS:  # SQLCipher's own class too, for an encrypted central file
            raise SyncFileError(f"damaged: the {t} table repeats record ids") from None
    return cols


def _check_tables(db: Database, m: dict, cols: dict[str, list[str]]) -> None:
    """Each staged table as a whole: required cells, stamps, time bounds, every child's applicant,
    and no NULL where the office's table takes none (the kiosk never writes one there; at the
    merge it failed as a clash of ids, or passed unseen when the stored version was kept)."""
    made = created_at_of(m).isoformat(timespec="microseconds")
    for t in EXPORT_TABLES:
        problem = office_store.stage_problem(db, t, cols[t], m["laptop_id"], made,
                                             filled=office_store.not_null_columns(db, t))
        if problem:
            raise SyncFileError(problem)


def _check_and_merge(db: Database, m: dict, cols: dict[str, list[str]], out: FileOutcome, file_sha: str,
                     streamed: dict[str, list[list]] | None) -> None:
    """Check every staged record, then merge. Given the `streamed` rows, the intake validator
    runs over them on a second thread beside the whole-table checks, the stored-row rules and the
    merge (SQL, which leaves the interpreter free); the refusal a file gets is the one it would get
    with the checks run one after the other, and it comes before the file's transaction commits.
    Otherwise (large files, one core) the records are checked first, streamed from staging."""
    if streamed is None:
        _check_tables(db, m, cols)
        checks.check_staged(db, cols)
        _merge_file(db, m, cols, out, file_sha)
        return
    records = checks.RecordCheck(cols, streamed)
    try:  # these refusals come first, as when the checks ran one after the other
        _check_tables(db, m, cols)
        checks.check_stored_rows(db, cols)
    except BaseException:
        records.abandon()
        raise
    try:
        _merge_file(db, m, cols, out, file_sha)
    except Exception:
        records.verdict()  # a refusal replaces whatever the merge raised, as if checked first
        raise
    except BaseException:  # Ctrl-C, exit: stop the check and go
        records.abandon()
        raise
    records.verdict()


def _merge_file(db: Database, m: dict, cols: dict[str, list[str]], out: FileOutcome, file_sha: str) -> None:
    made = created_at_of(m).isoformat(timespec="microseconds")
    for rtype in ("event", "attorney", "applicant", "audit"):
        merge_records(db, rtype, cols, m["laptop_id"], made, out)
    if not out.changed:
        raise _NothingNew("every record in it is already here, or superseded by a newer version")
    store.sync_log_import(db, {
        "export_id": m["export_id"], "laptop_id": m["laptop_id"], "key_fingerprint": m["key_fingerprint"],
        "created_at": m["created_at"], "scope": m["scope"], "file_name": out.name,
        "file_sha256": file_sha, "payload_sha256": m["payload_sha256"], "imported_at": store.now(),
        "new": out.new, "updated": out.updated, "unchanged": out.unchanged, "conflicts": out.conflicts,
    })


def import_paths(db: Database, paths: Iterable[str | os.PathLike], identity: str | os.PathLike,
                 *, trust_new: bool = False, progress: Progress | None = None) -> ImportSummary:
    """`kiosk import`: read the identity file, then import_files."""
    return import_files(db, paths, read_identities(identity), trust_new=trust_new, progress=progress)

