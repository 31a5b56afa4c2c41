"""The dashboard's Export dialog: what waits, writing the encrypted sync file, removing what
reached the office (kiosk.sync does the work)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..sync import ExportResult, Progress, PurgeResult


@dataclass
class ExportSummary:
    waiting: int  # applicants never exported, or changed since
    exported: int  # applicants whose exported version is current (these can be purged)
    purged: int
    last_export_at: str  # "" before the first export
    last_export_applicants: int
    recipient_set: bool  # no office key, no export: a sync file is never written unencrypted
    laptop_name: str
    fingerprint: str  # this laptop's signing key, which the office enrolls


def export_summary(db: Database) -> ExportSummary:
    """How many applicants wait, the last export, whether the DA office key is set."""
    from .. import sync  # lazy: `evaluate` and `screen` load the services, never the sync file

    status = sync.export_status(db)
    event = store.current_event(db)
    return ExportSummary(waiting=status.waiting, exported=status.exported, purged=status.purged,
                         last_export_at=status.last_export_at, last_export_applicants=status.last_export_applicants,
                         recipient_set=bool(event and event.office_recipient),
                         laptop_name=event.laptop_name if event else "",
                         fingerprint=sync.laptop_key_fingerprint(db))


def export_to_file(db: Database, path: str | Path, *, scope: str = "since-last",
                   progress: Progress | None = None) -> ExportResult:
    """The Export button: write, verify and record the encrypted sync file (kiosk.sync)."""
    from .. import sync  # lazy: the sync file loads only when exporting

    return sync.export_batch(db, path, scope=scope, progress=progress)


def purge_exported(db: Database, attorney_id: str, pin: str) -> PurgeResult:
    """Remove the personal data of applicants whose current version was exported (PIN-confirmed)."""
    from .. import sync  # lazy: the sync file loads only when purging

    return sync.purge_exported_with_pin(db, attorney_id, pin)
