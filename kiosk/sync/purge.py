"""What the export allows afterwards: the export status, and removing the personal data of
applicants whose current version reached a verified export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import export_safety, pin_wait, store
from ..errors import AuthError
from ..store import caselist as caselist_store

if TYPE_CHECKING:
    from sqlite_utils import Database


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
    if not store.check_pin(db, attorney_id, pin):
        with store.transaction(db):
            store.audit(db, "sync.purge_refused", actor=attorney_id, record_type="attorney",
                        record_id=attorney_id)
            pin_wait.failed(db)
        raise AuthError("wrong PIN; nothing was removed")
    return purge_exported(db, actor=attorney_id)

