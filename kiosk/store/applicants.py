"""Applicants with their aliases and convictions, and the determinations made for them."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import NotFoundError
from ..models import Applicant, Contact, Conviction, Determination, PackRef, RuleHit
from .settings import _stamp, new_id

if TYPE_CHECKING:
    from sqlite_utils import Database


REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed by hand


def new_reference(db: Database) -> str:
    while True:
        ref = "BA-" + "".join(secrets.choice(REF_ALPHABET) for _ in range(6))
        if not db.execute("SELECT 1 FROM applicants WHERE reference = ?", [ref]).fetchone():
            return ref


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def save_applicant(db: Database, applicant: Applicant, *, event_id: str | None = None,
                   attorney_id: str | None = None, status: str | None = None,
                   wizard_step: str | None = None, draft: dict | None = None) -> str:
    """Insert or update an applicant with aliases and convictions (call inside a transaction).

    Convictions are replaced as a set; a conviction keeps its id (and so its history at the
    office) when the model carries one."""
    applicant.id = applicant.id or new_id()
    existing = db.execute("SELECT created_at, reference FROM applicants WHERE id = ?",
                          [applicant.id]).fetchone()
    applicant.reference = applicant.reference or (existing[1] if existing else new_reference(db))
    row: dict[str, Any] = {
        "id": applicant.id, "reference": applicant.reference,
        "first_name": applicant.first_name, "middle_name": applicant.middle_name,
        "last_name": applicant.last_name, "suffix": applicant.suffix, "record_name": applicant.record_name,
        "date_of_birth": _d(applicant.date_of_birth), "nysid": applicant.nysid,
        "language": applicant.language, "phone": applicant.contact.phone,
        "email": applicant.contact.email, "address": applicant.contact.address,
        "consent_to_share": int(applicant.consent_to_share),
        "violent_felony": int(applicant.violent_felony), "sex_offense": int(applicant.sex_offense),
        "open_case_or_warrant": int(applicant.open_case_or_warrant),
        "immigration_concern": int(applicant.immigration_concern),
    }
    if event_id is not None:
        row["event_id"] = event_id
    if attorney_id is not None:
        row["attorney_id"] = attorney_id
    if status is not None:
        row["status"] = status
    if wizard_step is not None:
        row["wizard_step"] = wizard_step
    if draft is not None:
        row["draft"] = json.dumps(draft, ensure_ascii=False)
    if existing:
        db.table("applicants").update(applicant.id, _stamp(db, row, created=existing[0]))
    else:
        db.table("applicants").insert(_stamp(db, row))
    db.execute("DELETE FROM aliases WHERE applicant_id = ?", [applicant.id])
    for i, name in enumerate(applicant.aliases):
        db.table("aliases").insert(_stamp(db, {"id": new_id(), "applicant_id": applicant.id, "position": i,
                                         "name": name}))
    keep = [c.id for c in applicant.convictions if c.id]
    old = {r[0]: r[1] for r in db.execute(
        "SELECT id, created_at FROM convictions WHERE applicant_id = ?", [applicant.id]).fetchall()}
    for cid in old:
        if cid not in keep:
            db.execute("DELETE FROM convictions WHERE id = ?", [cid])
    for i, c in enumerate(applicant.convictions):
        c.id = c.id or new_id()
        crow = _stamp(db, _conviction_row(c, applicant.id, i), created=old.get(c.id))
        if c.id in old:
            db.table("convictions").update(c.id, crow)
        else:
            owner = db.execute("SELECT applicant_id FROM convictions WHERE id = ?", [c.id]).fetchone()
            if owner:  # an id from another applicant's record: never move it silently
                c.id = new_id()
                crow["id"] = c.id
            db.table("convictions").insert(crow)
    return applicant.id


def _conviction_row(c: Conviction, applicant_id: str, position: int) -> dict:
    return {
        "id": c.id, "applicant_id": applicant_id, "position": position, "court": c.court,
        "county": c.county, "docket": c.docket, "docket_kind": c.docket_kind,
        "docket_source": c.docket_source, "offense": c.offense, "section": c.section,
        "subdivision": c.subdivision, "attempt": int(c.attempt), "arrest_date": _d(c.arrest_date),
        "arrest_number": c.arrest_number, "conviction_date": c.conviction_date.isoformat(),
        "plea": c.plea, "sentence": c.sentence, "sentence_complete": _answer(c.sentence_complete),
        "fines_owed": _answer(c.fines_owed), "original_charge": c.original_charge,
        "other_counts_dismissed": int(c.other_counts_dismissed),
        "driving_involved": int(c.driving_involved),
    }


def _answer(value: bool | None) -> int | None:
    """A yes / no / unknown answer as stored: 1, 0 or NULL."""
    return None if value is None else int(value)


def _answer_from(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _conviction_from_row(r: dict) -> Conviction:
    return Conviction(
        id=r["id"], court=r["court"], county=r["county"], offense=r["offense"], section=r["section"],
        subdivision=r["subdivision"], conviction_date=date.fromisoformat(r["conviction_date"]),
        docket=r["docket"], docket_kind=r["docket_kind"], docket_source=r["docket_source"],
        attempt=bool(r["attempt"]),
        arrest_date=date.fromisoformat(r["arrest_date"]) if r["arrest_date"] else None,
        arrest_number=r["arrest_number"], plea=r["plea"], sentence=r["sentence"],
        sentence_complete=_answer_from(r["sentence_complete"]), fines_owed=_answer_from(r["fines_owed"]),
        original_charge=r["original_charge"], other_counts_dismissed=bool(r["other_counts_dismissed"]),
        driving_involved=bool(r["driving_involved"]),
    )


def applicant_row(db: Database, applicant_id: str) -> dict:
    rows = list(db.query("SELECT * FROM applicants WHERE id = ?", [applicant_id]))
    if not rows:
        raise NotFoundError("no applicant with that id on this laptop")
    return dict(rows[0])


def find_applicant_id(db: Database, id_or_reference: str) -> str:
    row = db.execute("SELECT id FROM applicants WHERE id = ? OR reference = ?",
                     [id_or_reference, id_or_reference.upper()]).fetchone()
    if not row:
        raise NotFoundError("no applicant with that id or reference on this laptop")
    return row[0]


def get_applicant(db: Database, applicant_id: str) -> Applicant:
    r = applicant_row(db, applicant_id)
    aliases = [a[0] for a in db.execute(
        "SELECT name FROM aliases WHERE applicant_id = ? ORDER BY position", [applicant_id]).fetchall()]
    convs = [_conviction_from_row(c) for c in db.query(
        "SELECT * FROM convictions WHERE applicant_id = ? ORDER BY position", [applicant_id])]
    return Applicant(
        id=r["id"], reference=r["reference"], first_name=r["first_name"], middle_name=r["middle_name"],
        last_name=r["last_name"], suffix=r["suffix"], record_name=r["record_name"], aliases=aliases,
        date_of_birth=date.fromisoformat(r["date_of_birth"]) if r["date_of_birth"] else None,
        nysid=r["nysid"], language=r["language"],
        contact=Contact(phone=r["phone"], email=r["email"], address=r["address"]),
        consent_to_share=bool(r["consent_to_share"]), violent_felony=bool(r["violent_felony"]),
        sex_offense=bool(r["sex_offense"]), open_case_or_warrant=bool(r["open_case_or_warrant"]),
        immigration_concern=bool(r["immigration_concern"]), convictions=convs,
    )


def update_applicant_fields(db: Database, applicant_id: str, **fields: Any) -> None:
    """Partial update of applicant bookkeeping columns (status, wizard_step, draft, note, ...)."""
    if "draft" in fields and not isinstance(fields["draft"], str):
        fields["draft"] = json.dumps(fields["draft"], ensure_ascii=False)
    existing = applicant_row(db, applicant_id)
    db.table("applicants").update(applicant_id, _stamp(db, dict(fields), created=existing["created_at"]))


def applicant_count(db: Database) -> int:
    return db.execute("SELECT COUNT(*) FROM applicants").fetchone()[0]


def delete_applicant(db: Database, applicant_id: str) -> None:
    db.execute("DELETE FROM applicants WHERE id = ?", [applicant_id])


def list_applicants(db: Database, search: str = "", *, event_id: str | None = None,
                    statuses: Iterable[str] | None = None, limit: int = 500) -> list[dict]:
    """Dashboard rows: reference, name, status, standing outcomes, printed, updated; newest first.

    `search` matches a name (any part, case-insensitive), a reference or a docket."""
    where, args = ["a.purged_at IS NULL"], []
    if event_id:
        where.append("a.event_id = ?")
        args.append(event_id)
    if statuses:
        st = list(statuses)
        where.append(f"a.status IN ({','.join('?' * len(st))})")
        args += st
    if search.strip():
        like = f"%{search.strip().lower()}%"
        where.append(
            "(lower(a.first_name || ' ' || a.middle_name || ' ' || a.last_name) LIKE ? "
            "OR lower(a.first_name || ' ' || a.last_name) LIKE ? OR lower(a.reference) LIKE ? "
            "OR EXISTS (SELECT 1 FROM convictions c WHERE c.applicant_id = a.id AND lower(c.docket) LIKE ?) "
            "OR EXISTS (SELECT 1 FROM aliases al WHERE al.applicant_id = a.id AND lower(al.name) LIKE ?) "
            # a draft has no conviction rows yet: look at the dockets typed into it
            "OR (a.status = 'draft' AND EXISTS (SELECT 1 FROM json_each(a.draft, '$.convictions') j "
            "    WHERE lower(json_extract(j.value, '$.docket')) LIKE ?)))")
        args += [like] * 6
    sql = f"""
        SELECT a.id, a.reference, a.first_name, a.middle_name, a.last_name, a.suffix, a.status,
               a.wizard_step, a.updated_at, a.created_at, a.exported_at,
               (SELECT group_concat(CASE WHEN d.override_outcome != '' THEN d.override_outcome || '*'
                                         ELSE d.outcome END, ', ')
                  FROM (SELECT d.* FROM determinations d JOIN convictions c ON c.id = d.conviction_id
                        WHERE d.applicant_id = a.id ORDER BY c.position) d) AS outcomes,
               (SELECT COALESCE(SUM(p.copies), 0) FROM print_jobs p WHERE p.applicant_id = a.id) AS copies_printed,
               (SELECT COUNT(*) FROM convictions c WHERE c.applicant_id = a.id) AS convictions
        FROM applicants a WHERE {' AND '.join(where)}
        ORDER BY a.updated_at DESC LIMIT ?"""
    return [dict(r) for r in db.query(sql, [*args, limit])]


# --- determinations -----------------------------------------------------------------------------

def save_determination(db: Database, applicant_id: str, conviction_id: str, det: Determination) -> str:
    """One determination per conviction; a re-evaluation replaces it but keeps an override."""
    old = db.execute("SELECT id, created_at, override_outcome, override_reason, override_by "
                     "FROM determinations WHERE conviction_id = ?", [conviction_id]).fetchone()
    if old and not det.override_outcome:
        det.override_outcome, det.override_reason, det.override_by = old[2], old[3], old[4]
    det.id = old[0] if old else (det.id or new_id())
    row = _stamp(db, {
        "id": det.id, "conviction_id": conviction_id, "applicant_id": applicant_id,
        "as_of": det.as_of.isoformat(), "outcome": det.outcome,
        "hits": json.dumps([h.__dict__ for h in det.hits], ensure_ascii=False),
        "packs": json.dumps([p.__dict__ for p in det.packs]), "app_version": det.app_version or __version__,
        "override_outcome": det.override_outcome, "override_reason": det.override_reason,
        "override_by": det.override_by,
    }, created=old[1] if old else None)
    if old:
        db.table("determinations").update(det.id, row)
    else:
        db.table("determinations").insert(row)
    return det.id


def _determination_from_row(r: dict) -> Determination:
    return Determination(
        id=r["id"], outcome=r["outcome"], as_of=date.fromisoformat(r["as_of"]),
        hits=[RuleHit(**h) for h in json.loads(r["hits"])],
        packs=[PackRef(**p) for p in json.loads(r["packs"])], app_version=r["app_version"],
        override_outcome=r["override_outcome"], override_reason=r["override_reason"],
        override_by=r["override_by"],
    )


def get_determinations(db: Database, applicant_id: str) -> dict[str, Determination]:
    """Determinations by conviction id."""
    rows = db.query("SELECT * FROM determinations WHERE applicant_id = ?", [applicant_id])
    return {r["conviction_id"]: _determination_from_row(r) for r in rows}


def set_override(db: Database, conviction_id: str, outcome: str, reason: str, by: str) -> str:
    row = db.execute("SELECT id FROM determinations WHERE conviction_id = ?", [conviction_id]).fetchone()
    if not row:
        raise NotFoundError("that conviction has not been evaluated yet")
    db.table("determinations").update(row[0], _stamp(db, {
        "override_outcome": outcome, "override_reason": reason, "override_by": by},
        created=db.execute("SELECT created_at FROM determinations WHERE id = ?", [row[0]]).fetchone()[0]))
    return row[0]
