"""What a user can do to data, one function per action, each in one transaction.

The CLI and the GUI call these and nothing below them, so every action a button can take a
script can take too (architecture.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from . import eligibility, store
from .db import open_db
from .errors import InputError, NotFoundError
from .models import OUTCOMES, Applicant, Attorney, Determination, Event
from .rules import load_packs
from .validate import parse_applicant

DEMO_EVENT = {
    "name": "Begin Again: Brooklyn marijuana conviction vacatur",
    "starts_on": "2018-09-21", "ends_on": "2018-09-22",
    "venue": "Lenox Road Baptist Church",
    "address": "1356 Nostrand Ave, Brooklyn, NY 11226",
    "county": "kings",
}


def open_kiosk(path: str | Path | None = None) -> Database:
    """Open the database, apply migrations and (re)load the shipped rule packs if they changed."""
    db = open_db(path)
    with store.transaction(db):
        store.load_rule_packs(db, load_packs())
    store.laptop_id(db)
    return db


def default_as_of(db: Database | None) -> date:
    """The configured event's first day (so a 2018 event evaluates under 2018 rules), else today."""
    if db is not None:
        ev = store.current_event(db)
        if ev:
            return ev.starts_on
    return date.today()


# --- events and attorneys ---------------------------------------------------------------------

def configure_event(db: Database, event: Event, *, actor: str = "") -> str:
    with store.transaction(db):
        eid = store.save_event(db, event)
        store.set_setting(db, "current_event_id", eid)
        store.audit(db, "event.configured", actor=actor, record_type="event", record_id=eid)
    return eid


def ensure_demo_event(db: Database) -> Event:
    """The demo event of the README's run command (Sept 21-22, 2018, Lenox Road Baptist Church)."""
    from .validate import parse_event

    ev = store.current_event(db)
    if ev:
        return ev
    ev = parse_event(DEMO_EVENT)
    configure_event(db, ev)
    return ev


def add_attorney(db: Database, attorney: Attorney, pin: str) -> str:
    if not (4 <= len(pin) <= 12 and pin.isdigit()):
        raise InputError("pin", "must be 4 to 12 digits")
    with store.transaction(db):
        aid = store.save_attorney(db, attorney, pin)
        store.audit(db, "attorney.added", actor=aid, record_type="attorney", record_id=aid)
    return aid


def update_attorney(db: Database, attorney: Attorney, *, pin: str | None = None) -> None:
    if pin is not None and not (4 <= len(pin) <= 12 and pin.isdigit()):
        raise InputError("pin", "must be 4 to 12 digits")
    with store.transaction(db):
        store.save_attorney(db, attorney, pin)
        store.audit(db, "attorney.updated", actor=attorney.id, record_type="attorney", record_id=attorney.id)


def sign_in(db: Database, attorney_id: str, pin: str) -> Attorney:
    ok = store.check_pin(db, attorney_id, pin)
    with store.transaction(db):
        store.audit(db, "attorney.sign_in" if ok else "attorney.sign_in_failed", actor=attorney_id,
                    record_type="attorney", record_id=attorney_id)
        if ok:
            store.set_setting(db, "signed_in_attorney_id", attorney_id)
    if not ok:
        from .errors import AuthError

        raise AuthError("wrong PIN")
    return store.get_attorney(db, attorney_id)


def signed_in_attorney(db: Database) -> Attorney | None:
    aid = store.get_setting(db, "signed_in_attorney_id")
    if not aid:
        return None
    try:
        return store.get_attorney(db, aid)
    except NotFoundError:
        return None


# --- applicants ---------------------------------------------------------------------------------

def evaluate_raw(raw: Any, *, as_of: date, db: Database | None = None) -> tuple[Applicant, list[Determination]]:
    """Validate and evaluate without saving (``kiosk evaluate``)."""
    applicant = parse_applicant(raw)
    db = db or open_kiosk(":memory:")
    return applicant, eligibility.evaluate_applicant(db, applicant, as_of)


def intake(db: Database, raw: Any, *, as_of: date | None = None, actor: str = "") -> tuple[Applicant, list[Determination]]:
    """Validate, save and evaluate one applicant in a single transaction (``kiosk intake``)."""
    applicant = parse_applicant(raw)
    as_of = as_of or default_as_of(db)
    event = store.current_event(db)
    with store.transaction(db):
        aid = store.save_applicant(db, applicant, event_id=event.id if event else None,
                                   attorney_id=actor or None, status="evaluated", wizard_step="result")
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
    from .validate import parse_name

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
    for new, prev in zip(applicant.convictions, old.convictions, strict=False):
        new.id = new.id or prev.id
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
        from .errors import AuthError

        raise AuthError("an override needs a signed-in attorney")
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


def load_applicant(db: Database, applicant_id: str) -> tuple[Applicant, list[Determination | None]]:
    applicant = store.get_applicant(db, applicant_id)
    dets = store.get_determinations(db, applicant_id)
    return applicant, [dets.get(c.id) for c in applicant.convictions]


def discard_draft(db: Database, applicant_id: str, *, actor: str = "") -> None:
    with store.transaction(db):
        row = store.applicant_row(db, applicant_id)
        if row["status"] != "draft":
            raise InputError("applicant", "only a draft can be discarded; evaluated records are kept")
        store.delete_applicant(db, applicant_id)
        store.audit(db, "applicant.discarded", actor=actor, record_type="applicant", record_id=applicant_id)


def unfinished_applicant(db: Database) -> dict | None:
    """The applicant the wizard had open when the app last stopped without closing it."""
    aid = store.get_setting(db, "open_applicant_id")
    if not aid:
        return None
    try:
        row = store.applicant_row(db, aid)
    except NotFoundError:
        return None
    return None if row["purged_at"] else row


def mark_open(db: Database, applicant_id: str) -> None:
    """Remember which applicant the wizard has open, so a crash can offer to resume it."""
    with store.transaction(db):
        store.set_setting(db, "open_applicant_id", applicant_id)
