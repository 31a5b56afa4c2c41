"""Merging one staged file's records of one kind (events, attorneys, applicants, audit entries)
into the office's tables, by ownership (docs/sync-format.md, "How the office merges").

Each record has one owner: the laptop whose file carrying it was made first (ties: the smaller
laptop id). The stored data is the owner's newest version (equal versions: the greater content
hash). Another laptop's version is kept in sync_conflicts, with its content, for review; it
never replaces the owner's. New records are copied set-based; content is read and hashed only
where a stored version exists and the versions are equal, or for conflicts."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ...store import office_merge as office_store

if TYPE_CHECKING:
    from .importer import FileOutcome


def canonical(parts: list[tuple[str, list[str], list[tuple]]]) -> bytes:
    """A record's content as compact JSON: [[table, sorted columns...], [rows by id, cells in that
    column order], ...] (docs/sync-format.md: the content hash is its SHA-256)."""
    out: list[Any] = []
    for t, cols, rows in parts:
        order = sorted(range(len(cols)), key=lambda k: cols[k])
        out.append([t, *(cols[k] for k in order)])
        out.append([[r[k] for k in order] for r in sorted(rows, key=lambda r: r[cols.index("id")])])
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode()


def _hash(parts: list) -> str:
    return hashlib.sha256(canonical(parts)).hexdigest()


def _content(parts: list) -> str:
    return json.dumps({t: {"columns": c, "rows": [list(r) for r in rows]} for t, c, rows in parts},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def merge_records(db: Database, rtype: str, cols: dict[str, list[str]], laptop: str, made: str,
                  out: FileOutcome) -> None:
    """Merge the staged records of `rtype` from `laptop`'s file made at `made`; count in `out`
    (applicants as new/updated/unchanged/conflicts, audit entries as added, the rest as other)."""
    office_store.stage_versions(db, rtype)
    new, mine, others = office_store.classify(db, rtype, laptop)
    counted = rtype == "applicant"
    if new:
        office_store.insert_new(db, rtype, cols, laptop, made)
    replace: list[str] = []
    unchanged = conflicts = 0
    same_version = [rid for rid, v, stored in mine if v == stored]
    differ = office_store.differing(db, rtype, cols, same_version) if same_version else set()
    for rid, version, stored in mine:
        if version > stored:
            replace.append(rid)
        elif version == stored and rid in differ:
            conflicts += 1  # one laptop, one moment, two contents: a cloned laptop?
            mine_now = _hash(office_store.record_rows(db, rtype, rid, cols, staged=False))
            incoming = _hash(office_store.record_rows(db, rtype, rid, cols, staged=True))
            if incoming > mine_now:
                replace.append(rid)
            else:
                unchanged += 1
        else:
            unchanged += 1
    kept = 0
    for rid, version, owner, first in others:
        staged = office_store.record_rows(db, rtype, rid, cols, staged=True)
        incoming = _hash(staged)
        stored = office_store.record_rows(db, rtype, rid, cols, staged=False)
        if (made, laptop) < (first, owner):  # this laptop exported it first: it becomes the owner
            office_store.put_conflict(db, rtype, rid, owner, office_store.stored_version(db, rtype, rid),
                                      _hash(stored), first, _content(stored))
            office_store.drop_owner(db, rtype, rid)
            replace.append(rid)
            conflicts += 1
            continue
        kept += office_store.put_conflict(db, rtype, rid, laptop, version, incoming, made, _content(staged))
        if incoming != _hash(stored):
            conflicts += 1
        else:
            unchanged += 1
    if replace:
        office_store.delete_records(db, rtype, replace)
        office_store.insert_new(db, rtype, cols, laptop, made, only=replace)
    # the owner's content hash, where some other laptop's version is kept to compare it with
    for rid in office_store.needs_owner_hash(db, rtype):
        office_store.set_hash(db, rtype, rid, _hash(office_store.record_rows(db, rtype, rid, cols, staged=False)))
    written = new + len(replace)
    out.versions_added += kept
    if rtype == "audit":
        out.audit_added += written
    elif counted:
        out.new += new
        out.updated += len(replace)
        out.unchanged += unchanged
        out.conflicts += conflicts
    else:
        out.other_changes += written
        out.conflicts += conflicts
