"""The wizard's step changes: autosave (evaluating when the convictions are complete), resume
after a crash, and which applicant the wizard has open. Each call is one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .. import store
from ..errors import NotFoundError
from ..models import Applicant, Determination
from ..records import load_applicant
from .applicants import save_draft, set_attorney_note, submit_applicant

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class SavedStep:
    """One autosaved step change: the record's id and reference, and the evaluation when asked."""

    id: str
    reference: str
    applicant: Applicant | None = None
    determinations: list[Determination] | None = None


@dataclass
class ResumedApplicant:
    """Everything the wizard needs to reopen an applicant where it stopped."""

    id: str
    reference: str
    draft: dict  # {} for a record saved without the wizard: rebuild it from `applicant`
    step: str
    status: str
    applicant: Applicant
    determinations: list[Determination | None] | None  # None unless every conviction has one
    note: str


@dataclass
class OpenApplicant:
    """The applicant the wizard had open when the app stopped without closing it."""

    id: str
    reference: str
    first_name: str
    last_name: str
    wizard_step: str
    updated_at: str


def autosave_wizard(db: Database, draft: dict, step: str, *, applicant_id: str = "", evaluate: bool = False,
                    note: str | None = None, keep_open: bool = True, actor: str = "",
                    as_of: date | None = None) -> SavedStep:
    """One wizard step change, one transaction: save the draft as typed (creating the record on
    the first change), evaluate the complete record when leaving the convictions step, keep the
    attorney's note, and remember whether the wizard still has this applicant open (so a crash
    can offer to resume it). Any refusal rolls the whole change back."""
    with store.transaction(db):
        aid, ref = save_draft(db, draft, step, applicant_id=applicant_id, actor=actor)
        applicant, dets = None, None
        if evaluate:
            applicant, dets = submit_applicant(db, aid, draft, as_of=as_of, actor=actor, step=step)
            # the saved draft names each conviction's id, so a later edit keeps its override
            draft = {**draft, "convictions": [{**c, "id": m.id} for c, m in
                                              zip(draft.get("convictions") or [], applicant.convictions,
                                                  strict=False)]}
            store.update_applicant_fields(db, aid, draft=draft)
        if note is not None:
            set_attorney_note(db, aid, note, actor=actor)
        store.set_setting(db, "open_applicant_id", aid if keep_open else "")
    return SavedStep(id=aid, reference=ref, applicant=applicant, determinations=dets)


def resume_applicant(db: Database, applicant_id: str) -> ResumedApplicant:
    """Everything the wizard needs to reopen an applicant where it stopped, and mark it open.

    A record saved without the wizard (``kiosk intake``) has no draft: the caller rebuilds one
    from `applicant`. Determinations are given only when every conviction has one."""
    with store.transaction(db):
        row = store.applicant_row(db, applicant_id)
        if row["purged_at"]:
            raise NotFoundError("that applicant's data was removed after export")
        applicant, dets = load_applicant(db, applicant_id)
        store.set_setting(db, "open_applicant_id", applicant_id)
    draft = json.loads(row["draft"] or "{}")
    evaluated = row["status"] != "draft" and bool(applicant.convictions) and all(d is not None for d in dets)
    return ResumedApplicant(id=applicant_id, reference=row["reference"], draft=draft, step=row["wizard_step"],
                            status=row["status"], applicant=applicant,
                            determinations=dets if evaluated else None, note=row["attorney_note"])


def unfinished_applicant(db: Database) -> OpenApplicant | None:
    """The applicant the wizard had open when the app last stopped without closing it."""
    aid = store.get_setting(db, "open_applicant_id")
    if not aid:
        return None
    try:
        row = store.applicant_row(db, aid)
    except NotFoundError:
        return None
    if row["purged_at"]:
        return None
    return OpenApplicant(id=row["id"], reference=row["reference"], first_name=row["first_name"] or "",
                         last_name=row["last_name"] or "", wizard_step=row["wizard_step"] or "",
                         updated_at=row["updated_at"] or "")


def mark_open(db: Database, applicant_id: str) -> None:
    """Remember which applicant the wizard has open, so a crash can offer to resume it."""
    with store.transaction(db):
        store.set_setting(db, "open_applicant_id", applicant_id)


def close_applicant(db: Database) -> None:
    """The wizard closed its applicant normally: nothing to offer to resume after a restart."""
    mark_open(db, "")
