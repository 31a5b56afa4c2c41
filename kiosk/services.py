"""What a user can do to data, one function per action, each in one transaction.

The CLI and the GUI call these and nothing below them, so every action a button can take a
script can take too (docs/architecture.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import eligibility, pin_wait, pins, store
from .errors import InputError, NotFoundError
from .models import MOTION_OUTCOMES, OUTCOMES, Applicant, Attorney, Determination, Event
from .rules import load_packs
from .store.connection import open_db
from .validate import parse_applicant

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_EVENT = {
    "name": "Begin Again: Brooklyn marijuana conviction vacatur",
    "starts_on": "2018-09-21", "ends_on": "2018-09-22",
    "venue": "Lenox Road Baptist Church",
    "address": "1356 Nostrand Ave, Brooklyn, NY 11226",
    "county": "kings",
}


def open_kiosk(path: str | Path | None = None, *, passphrase: str | None = None,
               key: bytes | None = None) -> Database:
    """Open the database, apply migrations and (re)load the shipped rule packs if they changed.

    The file is encrypted: `passphrase` or `key` unlocks it, else `KIOSK_PASSPHRASE` (store.open_db)."""
    from .export_safety import remove_leftovers

    db = open_db(path, passphrase=passphrase, key=key)
    with store.transaction(db):
        store.load_rule_packs(db, load_packs())
    store.laptop_id(db)
    remove_leftovers(db)  # a partial export a kill left on a drive still plugged in
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
    from .office_key import wrap_for_office

    with store.transaction(db):
        eid = store.save_event(db, event)
        store.set_setting(db, "current_event_id", eid)
        store.audit(db, "event.configured", actor=actor, record_type="event", record_id=eid)
    if event.office_recipient:
        wrap_for_office(db, event.office_recipient)  # the office can recover this laptop's database
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
    if pins.pin_problem(pin):
        raise InputError("pin", pins.pin_problem(pin))
    with store.transaction(db):
        aid = store.save_attorney(db, attorney, pin)
        store.audit(db, "attorney.added", actor=aid, record_type="attorney", record_id=aid)
    return aid


def update_attorney(db: Database, attorney: Attorney, *, pin: str | None = None) -> None:
    if pin is not None and pins.pin_problem(pin):
        raise InputError("pin", pins.pin_problem(pin))
    with store.transaction(db):
        store.save_attorney(db, attorney, pin)
        store.audit(db, "attorney.updated", actor=attorney.id, record_type="attorney", record_id=attorney.id)


def sign_in(db: Database, attorney_id: str, pin: str) -> Attorney:
    ok = store.check_pin(db, attorney_id, pin)
    with store.transaction(db):
        store.audit(db, "attorney.sign_in" if ok else "attorney.sign_in_failed", actor=attorney_id,
                    record_type="attorney", record_id=attorney_id)
        _count_pin(db, ok)
        if ok:
            store.set_setting(db, "signed_in_attorney_id", attorney_id)
    if not ok:
        from .errors import AuthError

        raise AuthError("wrong PIN")
    return store.get_attorney(db, attorney_id)


def _count_pin(db: Database, ok: bool) -> None:
    """Keep the wrong-PIN wait in the database (inside the caller's transaction): it survives a restart."""
    if ok:
        pin_wait.succeeded(db)
    else:
        pin_wait.failed(db)


def pin_wait_state(db: Database) -> tuple[int, float]:
    """(wrong PINs in a row, seconds still to wait) as kept in the database (kiosk.pin_wait)."""
    return pin_wait.state(db)


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
    from .store.rules_db import open_rules_db

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
        from .errors import AuthError

        raise AuthError("an override needs a signed-in attorney")
    if outcome in MOTION_OUTCOMES:
        from .overrides import county_refusal

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


# --- the desktop app (issue 4): one call per screen action, each one transaction -----------------

def startup_state(db: Database) -> dict:
    """What the first screen needs: the configured event (None on first run), the attorneys who
    can sign in, and this laptop's id."""
    return {"event": store.current_event(db), "attorneys": store.list_attorneys(db),
            "laptop_id": store.laptop_id(db)}


def setup_event(db: Database, raw: dict, *, actor: str = "", passphrase: str | None = None) -> Event:
    """First-run event set-up (or a later edit) from the form's raw fields. Changing an office key
    already set needs the event `passphrase` (kiosk.office_key)."""
    from .office_key import guard_change
    from .validate import parse_event

    event = parse_event(raw)
    if guard_change(db, event.office_recipient, passphrase):
        with store.transaction(db):
            store.audit(db, "event.office_key_changed", actor=actor, detail=f"recipient={event.office_recipient}")
    configure_event(db, event, actor=actor)
    return event


def current_event(db: Database) -> Event | None:
    return store.current_event(db)


def list_attorneys(db: Database) -> list[Attorney]:
    return store.list_attorneys(db)


def register_attorney(db: Database, raw: dict, pin: str, vouch_pin: str = "") -> Attorney:
    """Add an attorney from the sign-in form and sign them in (one transaction).

    The first attorney on a laptop registers freely. After that an attorney already on the laptop
    must confirm with their PIN: otherwise anyone at a locked laptop could add themselves and
    reach the day's applicants."""
    from .errors import AuthError
    from .validate import parse_attorney

    attorney = parse_attorney(raw)
    existing = store.list_attorneys(db)
    voucher = ""
    if existing:
        if not vouch_pin:
            raise AuthError("an attorney already on this laptop must confirm a new attorney with their PIN")
        voucher = next((a.id for a in existing if store.check_pin(db, a.id, vouch_pin)), "")
        if not voucher:
            with store.transaction(db):
                store.audit(db, "attorney.add_refused", record_type="attorney")
                _count_pin(db, False)
            raise AuthError("that PIN does not belong to an attorney on this laptop")
    with store.transaction(db):
        aid = add_attorney(db, attorney, pin)
        if voucher:
            store.audit(db, "attorney.vouched", actor=voucher, record_type="attorney", record_id=aid)
        signed = sign_in(db, aid, pin)
    return signed


def autosave_wizard(db: Database, draft: dict, step: str, *, applicant_id: str = "", evaluate: bool = False,
                    note: str | None = None, keep_open: bool = True, actor: str = "",
                    as_of: date | None = None) -> dict:
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
    return {"id": aid, "reference": ref, "applicant": applicant, "determinations": dets}


def resume_applicant(db: Database, applicant_id: str) -> dict:
    """Everything the wizard needs to reopen an applicant where it stopped, and mark it open.

    A record saved without the wizard (``kiosk intake``) has no draft: the caller rebuilds one
    from `applicant`. Determinations are given only when every conviction has one."""
    with store.transaction(db):
        row = store.applicant_row(db, applicant_id)
        if row["purged_at"]:
            raise NotFoundError("that applicant's data was removed after export")
        applicant, dets = load_applicant(db, applicant_id)
        store.set_setting(db, "open_applicant_id", applicant_id)
    import json

    draft = json.loads(row["draft"] or "{}")
    evaluated = row["status"] != "draft" and bool(applicant.convictions) and all(d is not None for d in dets)
    return {"id": applicant_id, "reference": row["reference"], "draft": draft, "step": row["wizard_step"],
            "status": row["status"], "applicant": applicant, "determinations": dets if evaluated else None,
            "note": row["attorney_note"]}


def close_applicant(db: Database) -> None:
    """The wizard closed its applicant normally: nothing to offer to resume after a restart."""
    mark_open(db, "")


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


DASHBOARD_STATUSES = ("draft", "evaluated", "printed", "exported")


def dashboard_rows(db: Database, search: str = "", *, all_days: bool = False, today: date | None = None) -> list[dict]:
    """The day's applicants for the dashboard, newest first: reference, name, status (draft,
    evaluated, printed, exported), standing outcomes (an override marked), the step it stopped at.

    Without a search only today's records are listed unless `all_days`; a search (name, alias,
    reference or docket) covers every day of the event, since people come back."""
    from datetime import datetime

    event = store.current_event(db)
    rows = store.list_applicants(db, search, event_id=event.id if event else None)
    today = today or date.today()
    out = []
    for r in rows:
        if not all_days and not search.strip():
            when = datetime.fromisoformat(r["updated_at"]).astimezone().date()
            if when != today:
                continue
        if r["exported_at"]:
            status = "exported"
        elif r["copies_printed"]:
            status = "printed"
        else:
            status = "evaluated" if r["status"] != "draft" else "draft"
        name = " ".join(p for p in (r["first_name"], r["middle_name"], r["last_name"]) if p)
        if r["suffix"]:
            name = f"{name}, {r['suffix']}"
        outcomes = [o.strip() for o in (r["outcomes"] or "").split(",") if o.strip()]
        out.append({"id": r["id"], "reference": r["reference"], "name": name, "status": status,
                    "outcomes": [o.rstrip("*") for o in outcomes],
                    "overridden": [o.endswith("*") for o in outcomes],
                    "step": r["wizard_step"], "updated_at": r["updated_at"], "convictions": r["convictions"]})
    printed = store.printed_copies(db, [r["id"] for r in out if r["status"] in ("printed", "exported")])
    for r in out:
        r["printed"] = printed.get(r["id"], {})  # copies per document kind, e.g. {"packet": 3, "receipt": 1}
    return out


def papers_available() -> bool:
    """Whether this installation can build the papers (the document builders are importable)."""
    try:
        from .papers import build_packet, build_receipt  # noqa: F401 (only probing the import)
    except ImportError:
        return False
    return True


def save_paper(db: Database, applicant_id: str, kind: str, path: str | Path, *, actor: str = "",
               signed_on: date | None = None) -> dict:
    """The documents step's "Save … PDF": build the applicant's papers (recording each document's
    hash), and write the one asked for to `path` atomically. Returns kind, pages, path, sha256."""
    from .papers import papers_for_applicant, write_atomic

    if not papers_available():
        from .errors import KioskError

        raise KioskError("the papers cannot be made on this laptop: the document builder is not installed")
    _, docs = papers_for_applicant(db, applicant_id, actor=actor, signed_on=signed_on)
    doc = next((d for d in docs if d.kind == kind), None)
    if doc is None:
        raise InputError("papers", f"there is no {kind} for this applicant: no conviction needs a motion")
    target = Path(path)
    try:
        write_atomic(target, doc.data)
    except OSError as e:
        raise InputError("papers", f"cannot be written there ({e.strerror or e.__class__.__name__}); "
                                   "choose another folder or drive") from None
    return {"kind": kind, "pages": doc.pages, "path": str(target), "sha256": doc.sha256}


# --- session: idle lock, kiosk mode, printer preferences (issue 5) --------------------------------
# Kept in the laptop's own database, so they are per laptop and survive a restart.

IDLE_LOCK_DEFAULT_MINUTES = 3
PACKET_COPIES_DEFAULT = 3  # court copy, DA copy, applicant copy


def session_settings(db: Database) -> dict:
    """Idle-lock minutes, whether kiosk mode is on, and the printer and packet copies last used."""
    def number(key: str, default: int, low: int, high: int) -> int:
        try:
            return min(high, max(low, int(store.get_setting(db, key, str(default)))))
        except ValueError:
            return default

    return {"idle_lock_minutes": number("idle_lock_minutes", IDLE_LOCK_DEFAULT_MINUTES, 1, 60),
            "kiosk_mode": store.get_setting(db, "kiosk_mode") == "1",
            "printer": store.get_setting(db, "last_printer"),
            "packet_copies": number("packet_copies", PACKET_COPIES_DEFAULT, 1, 10)}


def laptop_settings(db: Database) -> dict:
    """The Laptop settings dialog: the session settings plus this laptop's id and the fingerprint
    of its signing key (created on first use), which the office compares with the export receipt."""
    from . import sync

    return {**session_settings(db), "laptop_id": store.laptop_id(db),
            "fingerprint": sync.laptop_key_fingerprint(db)}


def set_idle_lock_minutes(db: Database, minutes: int, *, actor: str = "") -> None:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 60:
        raise InputError("idle_lock_minutes", "must be a whole number of minutes from 1 to 60")
    with store.transaction(db):
        store.set_setting(db, "idle_lock_minutes", str(minutes))
        store.audit(db, "settings.idle_lock", actor=actor, detail=f"minutes={minutes}")


def set_kiosk_mode(db: Database, enabled: bool, *, actor: str = "") -> None:
    with store.transaction(db):
        store.set_setting(db, "kiosk_mode", "1" if enabled else "0")
        store.audit(db, "settings.kiosk_mode", actor=actor, detail=f"on={int(bool(enabled))}")


def remember_printer(db: Database, printer: str, packet_copies: int) -> None:
    """The printer and packet copies chosen in the print dialog, offered again next time."""
    if not 1 <= int(packet_copies) <= 10:
        raise InputError("copies", "must be from 1 to 10")
    with store.transaction(db):
        store.set_setting(db, "last_printer", printer or "")
        store.set_setting(db, "packet_copies", str(int(packet_copies)))


def lock_session(db: Database, *, reason: str, actor: str = "") -> None:
    """Audit that the screen locked ("idle" or "manual"); the lock itself is the GUI's."""
    with store.transaction(db):
        store.audit(db, "session.locked", actor=actor, detail=f"reason={reason}")


def unlock_session(db: Database, pin: str) -> Attorney:
    """Unlock with the signed-in attorney's PIN (audited either way). Raises AuthError."""
    from .errors import AuthError

    attorney = signed_in_attorney(db)
    if attorney is None:
        raise AuthError("no attorney is signed in; sign in to continue")
    ok = store.check_pin(db, attorney.id, pin)
    with store.transaction(db):
        store.audit(db, "session.unlocked" if ok else "session.unlock_failed", actor=attorney.id,
                    record_type="attorney", record_id=attorney.id)
        _count_pin(db, ok)
    if not ok:
        raise AuthError("wrong PIN")
    return attorney


def check_exit_pin(db: Database, pin: str) -> str:
    """Leaving kiosk mode (closing the app) needs the signed-in attorney's PIN; before anyone has
    signed in, any registered attorney's PIN; on a laptop with no attorney yet, nothing. Returns
    the id of the attorney whose PIN it was ("" for none). Raises AuthError; audited either way."""
    from .errors import AuthError

    signed = signed_in_attorney(db)
    candidates = [signed] if signed is not None else store.list_attorneys(db)
    who = next((a.id for a in candidates if store.check_pin(db, a.id, pin)), None) if candidates else ""
    with store.transaction(db):
        store.audit(db, "session.kiosk_exit" if who is not None else "session.kiosk_exit_refused",
                    actor=who or (signed.id if signed else ""))
        if candidates:
            _count_pin(db, who is not None)
    if who is None:
        raise AuthError("wrong PIN")
    return who


def export_summary(db: Database) -> dict:
    """The dashboard's Export dialog: how many applicants wait, the last export, whether the DA
    office key is set (no key, no export: a sync file is never written unencrypted)."""
    from . import sync

    status = sync.export_status(db)
    event = store.current_event(db)
    return {"waiting": status.waiting, "exported": status.exported, "purged": status.purged,
            "last_export_at": status.last_export_at, "last_export_applicants": status.last_export_applicants,
            "recipient_set": bool(event and event.office_recipient),
            "laptop_name": event.laptop_name if event else "",
            "fingerprint": sync.laptop_key_fingerprint(db)}


def export_to_file(db: Database, path: str | Path, *, scope: str = "since-last", progress: Any = None) -> Any:
    """The Export button: write, verify and record the encrypted sync file (kiosk.sync)."""
    from . import sync

    return sync.export_batch(db, path, scope=scope, progress=progress)


def purge_exported(db: Database, attorney_id: str, pin: str) -> Any:
    """Remove the personal data of applicants whose current version was exported (PIN-confirmed)."""
    from . import sync

    return sync.purge_exported_with_pin(db, attorney_id, pin)


def save_laptop_settings(db: Database, *, idle_lock_minutes: int, kiosk_mode: bool, actor: str = "") -> dict:
    """The laptop settings dialog's Save: both settings in one transaction; returns them all."""
    with store.transaction(db):
        set_idle_lock_minutes(db, idle_lock_minutes, actor=actor)
        set_kiosk_mode(db, kiosk_mode, actor=actor)
    return session_settings(db)
