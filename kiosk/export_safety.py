"""What makes a purge safe, and what a killed export leaves behind (docs/storage-encryption.md).

An applicant's personal data may be removed only when their last verified export went to the
office key recorded with the event and nothing changed since: an export to any other key (a
stolen laptop exported to the thief's key) never makes a record purgeable. A partial export
(`.NAME.xxxx.part` beside the target) is removed on failure by kiosk.sync, and, if a kill left
one, at the next start or export: its path is recorded before the first byte is written."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import store
from .errors import StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database

_PARTS = "sync.partial_exports"
_AGE_MAGIC = b"age-encryption.org/v1\n"



@dataclass
class PurgePlan:
    ready: list[str] = field(default_factory=list)  # last export went to the event's key, unchanged since
    waiting: int = 0  # never exported, or changed since the last export
    other_key: int = 0  # last export went to a key that is not the event's office key
    office_key: str = ""

    def kept_reasons(self) -> list[str]:
        out = []
        if self.waiting:
            out.append(f"{self.waiting} still waiting for export")
        if self.other_key:
            why = ("the event has no office key" if not self.office_key
                   else "their last export went to another key than the event's office key")
            out.append(f"{self.other_key} exported, but {why}: export them to the office key first")
        return out


def purge_plan(db: Database) -> PurgePlan:
    """Sort every unpurged applicant: purgeable, waiting, or last exported to another key."""
    event = store.current_event(db)
    office = event.office_recipient if event else ""
    versions = store.sync_applicant_versions(db)
    last = store.sync_last_recipients(db)
    plan = PurgePlan(office_key=office)
    for aid, version in sorted(versions.items()):
        if aid not in last or last[aid][1] < version:
            plan.waiting += 1
        elif not office or last[aid][0] != office:
            plan.other_key += 1
        else:
            plan.ready.append(aid)
    return plan


def note_partial(db: Database, path: str | os.PathLike) -> None:
    """Record a partial export's path before writing to it (its own transaction). A database that
    cannot take the note (a full disk) does not stop the export: a failure still removes the
    partial file, and the next export's folder sweep finds one a kill left."""
    try:
        with store.transaction(db):
            _save(db, [*_parts(db), str(Path(path).resolve())])
    except StorageError:
        pass


def done_partial(db: Database, path: str | os.PathLike) -> None:
    with store.transaction(db):
        _save(db, [p for p in _parts(db) if p != str(Path(path).resolve())])


def _save(db: Database, parts: list[str]) -> None:
    """Keep the list; an empty one leaves no row (an export that worked leaves the data as it was)."""
    if parts:
        store.set_setting(db, _PARTS, json.dumps(parts))
    else:
        store.delete_setting(db, _PARTS)


def _parts(db: Database) -> list[str]:
    try:
        value = json.loads(store.get_setting(db, _PARTS, "[]"))
    except ValueError:
        return []
    return [p for p in value if isinstance(p, str)] if isinstance(value, list) else []


def remove_leftovers(db: Database, folder: str | os.PathLike | None = None) -> int:
    """Remove partial exports a kill left: the recorded ones (on a drive still plugged in), and in
    `folder` any hidden `.part` file holding an age file (this app's partial exports). Returns how
    many were removed."""
    removed = 0
    recorded = _parts(db)
    candidates = [Path(p) for p in recorded]
    if folder is not None:
        try:
            candidates += [p for p in Path(folder).iterdir() if p.name.startswith(".") and p.name.endswith(".part")
                           and _is_age(p)]
        except OSError:
            pass
    for p in dict.fromkeys(candidates):
        try:
            p.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError:
            continue
    if recorded:
        still = [p for p in recorded if Path(p).exists()]  # a drive not plugged in: try again next time
        with store.transaction(db):
            _save(db, still)
    return removed


def _is_age(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(_AGE_MAGIC)) == _AGE_MAGIC
    except OSError:
        return False
