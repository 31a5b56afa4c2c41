"""An applicant's record: evaluating without saving, intake, drafts, the attorney's override and
note. Each action is one transaction; the wizard's step changes are in kiosk.services.wizard."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .. import eligibility, store
from ..errors import AuthError, InputError, NotFoundError
from ..models import MOTION_OUTCOMES, OUTCOMES, Applicant, Determination
from ..overrides import county_refusal
from ..records import load_applicant
from ..store.rules_db import open_rules_db
from ..validate import parse_applicant, parse_name
from .session import default_as_of

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["applicant_result", "clear_override", "discard_draft", "evaluate_raw", "intake", "load_applicant",
           "override_and_reload", "override_outcome", "save_draft", "set_attorney_note", "submit_applicant"]


def evaluate_raw(raw: Any, *, as_of: date, db: Database | None = None) -> tuple[Applicant, list[Determination]]:
    """Validate and evaluate without saving (``kiosk evaluate``)."""
    applicant = parse_applicant(raw)
    return applicant, eligibility.evaluate_applicant(db or open_rules_db(), applicant, as_of)  # type: ignore[arg-type]


def intake(db: Database, raw: Any, *, as_of: date | None = None,
           actor: str = "") -> tuple[Applicant, list[Determination]]:
    """Validate, save and evaluate one applicant in a single transaction (``kiosk intake``)."""
    applicant = parse_applicant(raw)
    as_of = as_of or default_as_of(db)
    event = store.current_event(db)
    with store.transaction(db):
        # the command line's actor is "command line" unless an attorney's PIN was given (kiosk.cli_unlock)
        attorney = actor if actor and store.attorney_exists(db, actor) else None
        aid = store.save_applicant(db, applicant, event_id=event.id if event else None,
                                   attorney_id=attorney, status="evaluated", wizard_step="result")
        dets = _evaluate_and_store(db, applicant, as_of)
        store.audit(db, "applicant.intake", actor=actor, record_type="applicant", record_id=aid,
                    detail=_outcome_detail(dets))
    return applicant, dets


def _evaluate_and_store(db: Database, applicant: Applicant, as_of: date) -> list[Determination]:
    dets = eligibility.evaluate_applicant(db, applicant, as_of)
    for c, d in zip(applicant.convictions, dets, strict=True):
        store.save_determination(db, applicant.id, c.id, d)
    return dets


def _outcome_detail(dets: list[Determination]) -> str:
    return "outcomes=" + ",".join(d.standing_outcome for d in dets)


def save_draft(db: Database, draft: dict, step: str, *, applicant_id: str = "", actor: str = "") -> tuple[str, str]:
    """Autosave a wizard draft (possibly incomplete input) at a step change. Returns (id, reference).

    The raw draft is kept as entered so Resume restores every value; the validated columns are
    filled as far as the input is valid, so search and the dashboard work on drafts too."""
    event = store.current_event(db)
    with store.transaction(db):
        if applicant_id:
            row = store.applicant_row(db, applicant_id)
            if row["purged_at"]:
                raise NotFoundError("that applicant's data was removed after export")
            names = {}
            for f in ("first_name", "middle_name", "last_name"):
                try:
                    names[f] = parse_name(draft.get(f, ""), f)
                except InputError:
                    names[f] = row[f]
            store.update_applicant_fields(db, applicant_id, draft=draft, wizard_step=step, **names)
            store.audit(db, "applicant.autosave", actor=actor, record_type="applicant",
                        record_id=applicant_id, detail=f"step={step}")
            return applicant_id, row["reference"]
        names = {}
        for f in ("first_name", "middle_name", "last_name"):
            try:
                names[f] = parse_name(draft.get(f, ""), f)
            except InputError:
                names[f] = ""
        applicant = Applicant(first_name=names["first_name"], middle_name=names["middle_name"],
                              last_name=names["last_name"])
        aid = store.save_applicant(db, applicant, event_id=event.id if event else None,
                                   attorney_id=actor or None, status="draft", wizard_step=step, draft=draft)
        store.audit(db, "applicant.created", actor=actor, record_type="applicant", record_id=aid,
                    detail=f"step={step}")
        return aid, applicant.reference


def submit_applicant(db: Database, applicant_id: str, draft: dict, *, as_of: date | None = None,
                     actor: str = "", step: str = "result") -> tuple[Applicant, list[Determination]]:
    """Validate the complete draft, save it as the applicant's record and evaluate it (one transaction)."""
    applicant = parse_applicant(draft)
    applicant.id = applicant_id
    old = store.get_applicant(db, applicant_id)
    # keep conviction ids by position so determinations and office history follow the record
    # (an id the draft already carries is never handed to a second conviction)
    used = {c.id for c in applicant.convictions if c.id}
    for new, prev in zip(applicant.convictions, old.convictions, strict=False):
        if not new.id and prev.id not in used:
            new.id = prev.id
            used.add(prev.id)
    as_of = as_of or default_as_of(db)
    with store.transaction(db):
        store.save_applicant(db, applicant, status="evaluated", wizard_step=step, draft=draft)
        dets = _evaluate_and_store(db, applicant, as_of)
        store.audit(db, "applicant.evaluated", actor=actor, record_type="applicant",
                    record_id=applicant_id, detail=_outcome_detail(dets))
    applicant.reference = old.reference or store.applicant_row(db, applicant_id)["reference"]
    return applicant, dets


def override_outcome(db: Database, applicant_id: str, conviction_id: str, outcome: str, reason: str,
                     *, actor: str) -> None:
    """The attorney decides: keep the engine's answer, record the override and its reason, audit it."""
    if outcome not in OUTCOMES:
        raise InputError("override_outcome", f"must be one of {', '.join(OUTCOMES)}")
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise InputError("override_reason", "write the reason for the override (at least 10 characters)")
    if len(reason) > 1000:
        raise InputError("override_reason", "is too long (at most 1000 characters)")
    if not actor:
        raise AuthError("an override needs a signed-in attorney")
    if outcome in MOTION_OUTCOMES:
        refusal = county_refusal(db, applicant_id, conviction_id)
        if refusal:
            raise InputError("override", refusal)
    with store.transaction(db):
        did = store.set_override(db, conviction_id, outcome, reason, actor)
        store.audit(db, "determination.override", actor=actor, record_type="determination",
                    record_id=did, detail=f"outcome={outcome}")
        store.update_applicant_fields(db, applicant_id)


def clear_override(db: Database, applicant_id: str, conviction_id: str, *, actor: str) -> None:
    with store.transaction(db):
        did = store.set_override(db, conviction_id, "", "", "")
        store.audit(db, "determination.override_cleared", actor=actor, record_type="determination",
                    record_id=did)
        store.update_applicant_fields(db, applicant_id)


def set_attorney_note(db: Database, applicant_id: str, note: str, *, actor: str = "") -> None:
    note = (note or "").strip()
    if len(note) > 2000:
        raise InputError("attorney_note", "is too long (at most 2000 characters)")
    with store.transaction(db):
        store.update_applicant_fields(db, applicant_id, attorney_note=note)
        store.audit(db, "applicant.note", actor=actor, record_type="applicant", record_id=applicant_id)


def discard_draft(db: Database, applicant_id: str, *, actor: str = "") -> None:
    with store.transaction(db):
        row = store.applicant_row(db, applicant_id)
        if row["status"] != "draft":
            raise InputError("applicant", "only a draft can be discarded; evaluated records are kept")
        store.delete_applicant(db, applicant_id)
        store.audit(db, "applicant.discarded", actor=actor, record_type="applicant", record_id=applicant_id)



def applicant_result(db: Database, applicant_id: str) -> tuple[Applicant, list[Determination | None]]:
    """The stored record and its determinations (standing outcome and override included)."""
    return load_applicant(db, applicant_id)


def override_and_reload(db: Database, applicant_id: str, conviction_id: str, outcome: str, reason: str,
                        *, actor: str) -> tuple[Applicant, list[Determination | None]]:
    """The result step's override button: record the override (or clear it when `outcome` is "")
    and return the record as it now stands."""
    if outcome:
        override_outcome(db, applicant_id, conviction_id, outcome, reason, actor=actor)
    else:
        clear_override(db, applicant_id, conviction_id, actor=actor)
    return load_applicant(db, applicant_id)
