"""Every SQL statement of the kiosk lives here (architecture.md: the only module with SQL).

Functions take a sqlite-utils Database and models, and return models or plain rows. Writes that
belong to one user action are grouped by the caller (kiosk.services) in one `transaction(db)`."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from . import __version__, pins
from .db import DB_ERRORS, plain_db_error
from .errors import AuthError, NotFoundError, StorageError
from .models import Applicant, Attorney, Contact, Conviction, Determination, Event, PackRef, RuleHit
from .rules import SEVERITY, RulePack

if TYPE_CHECKING:
    from sqlite_utils import Database

REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed by hand


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One user action = one transaction; a database error becomes a plain StorageError."""
    try:
        with db.atomic():
            yield db
    except DB_ERRORS as e:
        raise StorageError(plain_db_error(e)) from None


@contextmanager
def reading(db: Database) -> Iterator[Database]:
    try:
        yield db
    except DB_ERRORS as e:
        raise StorageError(plain_db_error(e)) from None


# --- settings and laptop identity ----------------------------------------------------------

def get_setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def laptop_id(db: Database) -> str:
    """This laptop's id, created on first use and kept in the database (cached per connection)."""
    cached = getattr(db, "_kiosk_laptop_id", "")
    if cached:
        return cached
    value = get_setting(db, "laptop_id")
    if not value:
        value = new_id()
        with db.atomic():
            set_setting(db, "laptop_id", value)
    db._kiosk_laptop_id = value  # type: ignore[attr-defined]
    return value


def _stamp(db: Database, row: dict, *, created: str | None = None) -> dict:
    t = now()
    row.setdefault("created_at", created or t)
    row["updated_at"] = t
    row["laptop_id"] = laptop_id(db)
    return row


def audit(db: Database, action: str, *, actor: str = "", record_type: str = "", record_id: str = "",
          detail: str = "") -> None:
    """Append to the audit log. `detail` must never hold personal data (ids, counts, outcomes only)."""
    db.execute(
        "INSERT INTO audit_log(id, at, laptop_id, actor, action, record_type, record_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [new_id(), now(), laptop_id(db), actor, action, record_type, record_id, detail],
    )


# --- rule packs --------------------------------------------------------------------------------

def packs_loaded(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT id, hash FROM rule_packs").fetchall()}


def load_rule_packs(db: Database, packs: list[RulePack]) -> bool:
    """Replace the stored packs when any file changed (by hash). Returns True when it wrote."""
    if packs_loaded(db) == {p.id: p.hash for p in packs}:
        return False
    with db.atomic():
        db.execute("DELETE FROM rule_conditions")
        db.execute("DELETE FROM rules")
        db.execute("DELETE FROM pack_counties")
        db.execute("DELETE FROM rule_packs")
        t = now()
        for p in packs:
            db.execute(
                "INSERT INTO rule_packs(id, title, authority, sources, effective_from, effective_to, "
                "counties, statewide, version, notes, hash, loaded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [p.id, p.title, p.authority, json.dumps(p.sources), p.effective_from, p.effective_to,
                 json.dumps(p.counties), int(p.statewide), p.version, p.notes, p.hash, t],
            )
            db.conn.executemany("INSERT INTO pack_counties(pack_id, county) VALUES (?, ?)",
                                [(p.id, c) for c in p.counties if c != "*"])
            for r in p.rules:
                n_pos = sum(1 for c in r.conditions if not c.negate)
                db.execute(
                    'INSERT INTO rules(id, pack_id, position, outcome, severity, reason, notes, scope, '
                    'convicted_before, n_pos, "when") VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                    [r.id, p.id, r.position, r.outcome, SEVERITY[r.outcome], r.reason, r.notes, r.scope,
                     r.convicted_before, n_pos, json.dumps(r.when)],
                )
                db.conn.executemany(
                    "INSERT INTO rule_conditions(rule_id, cond_no, negate, token) VALUES (?,?,?,?)",
                    [(r.id, i, int(c.negate), t_) for i, c in enumerate(r.conditions) for t_ in c.tokens],
                )
    return True


def list_packs(db: Database) -> list[dict]:
    rows = db.query("SELECT p.*, (SELECT COUNT(*) FROM rules r WHERE r.pack_id = p.id) AS rule_count "
                    "FROM rule_packs p ORDER BY effective_from, id")
    return [dict(r) for r in rows]


def get_pack(db: Database, pack_id: str) -> tuple[dict, list[dict]]:
    rows = list(db.query("SELECT * FROM rule_packs WHERE id = ?", [pack_id]))
    if not rows:
        raise NotFoundError(f"no rule pack with id '{pack_id}' (see `kiosk rules list`)")
    rules = [dict(r) for r in db.query("SELECT * FROM rules WHERE pack_id = ? ORDER BY position", [pack_id])]
    return dict(rows[0]), rules


def get_rule(db: Database, rule_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM rules WHERE id = ?", [rule_id]))
    return dict(rows[0]) if rows else None


# --- set-based rule matching (kiosk.eligibility builds the facts and reads the answer) ----------

_MATCH_SQL = """
WITH packs_in_force AS (
    SELECT id, effective_from, statewide FROM rule_packs
    WHERE effective_from <= :as_of AND (effective_to = '' OR effective_to >= :as_of)
),
pos AS (
    SELECT f.ckey, c.rule_id, COUNT(DISTINCT c.cond_no) AS n
    FROM temp.eval_facts f JOIN rule_conditions c ON c.token = f.token AND c.negate = 0
    GROUP BY f.ckey, c.rule_id
),
matched AS (
    SELECT pos.ckey, r.id AS rule_id, r.pack_id, r.outcome, r.reason, r.severity, r.position,
           p.effective_from
    FROM pos
    JOIN rules r ON r.id = pos.rule_id AND pos.n = r.n_pos
    JOIN packs_in_force p ON p.id = r.pack_id
    JOIN temp.eval_convs cv ON cv.ckey = pos.ckey
    WHERE (r.convicted_before = '' OR cv.conviction_date < r.convicted_before)
      AND (r.scope = 'inside') = (p.statewide = 1 OR EXISTS (
              SELECT 1 FROM pack_counties pc WHERE pc.pack_id = p.id AND pc.county = cv.county))
      AND NOT EXISTS (
              SELECT 1 FROM rule_conditions n JOIN temp.eval_facts f2
                ON f2.ckey = pos.ckey AND f2.token = n.token
              WHERE n.rule_id = r.id AND n.negate = 1)
)
SELECT ckey, rule_id, pack_id, outcome, reason
FROM matched
ORDER BY ckey, outcome = 'ADVISORY', effective_from DESC, pack_id, severity DESC, position
"""


def match_rules(db: Database, convs: Iterable[tuple[int, str, str]], facts: Iterable[tuple[int, str]],
                as_of: date) -> list[tuple[int, str, str, str, str]]:
    """Every rule in force on `as_of` that matches each conviction, best first per conviction.

    `convs` rows are (ckey, conviction_date ISO, county); `facts` rows are (ckey, token). One query
    answers one conviction or a whole extract alike."""
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS eval_convs "
                 "(ckey INTEGER PRIMARY KEY, conviction_date TEXT, county TEXT)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS eval_facts (ckey INTEGER, token TEXT)")
    conn.execute("CREATE INDEX IF NOT EXISTS temp.eval_facts_key ON eval_facts(ckey, token)")
    try:
        conn.execute("DELETE FROM temp.eval_convs")
        conn.execute("DELETE FROM temp.eval_facts")
        conn.executemany("INSERT INTO temp.eval_convs VALUES (?, ?, ?)", convs)
        conn.executemany("INSERT INTO temp.eval_facts VALUES (?, ?)", facts)
        return conn.execute(_MATCH_SQL, {"as_of": as_of.isoformat()}).fetchall()
    finally:
        conn.execute("DELETE FROM temp.eval_convs")
        conn.execute("DELETE FROM temp.eval_facts")


def date_thresholds(db: Database) -> list[str]:
    """The distinct `convicted_before` dates of all rules, ascending."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT convicted_before FROM rules WHERE convicted_before != '' ORDER BY 1").fetchall()]


def pack_refs(db: Database, as_of: date) -> list[PackRef]:
    iso = as_of.isoformat()
    rows = db.execute("SELECT id, hash FROM rule_packs WHERE effective_from <= ? AND "
                      "(effective_to = '' OR effective_to >= ?) ORDER BY effective_from DESC", [iso, iso])
    return [PackRef(id=r[0], hash=r[1]) for r in rows.fetchall()]


# --- events and attorneys ---------------------------------------------------------------------

def save_event(db: Database, event: Event) -> str:
    event.id = event.id or new_id()
    row = _stamp(db, {
        "id": event.id, "name": event.name, "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(), "venue": event.venue, "address": event.address,
        "county": event.county, "laptop_name": event.laptop_name,
        "office_recipient": event.office_recipient, "part": event.part,
        "return_date": event.return_date.isoformat() if event.return_date else None,
    })
    existing = db.execute("SELECT created_at FROM events WHERE id = ?", [event.id]).fetchone()
    if existing:
        row["created_at"] = existing[0]
        db.table("events").update(event.id, row)
    else:
        db.table("events").insert(row)
    return event.id


def _event_from_row(r: dict) -> Event:
    return Event(
        id=r["id"], name=r["name"], starts_on=date.fromisoformat(r["starts_on"]),
        ends_on=date.fromisoformat(r["ends_on"]), venue=r["venue"], address=r["address"],
        county=r["county"], laptop_name=r["laptop_name"], office_recipient=r["office_recipient"],
        part=r["part"], return_date=date.fromisoformat(r["return_date"]) if r["return_date"] else None,
    )


def get_event(db: Database, event_id: str) -> Event:
    rows = list(db.query("SELECT * FROM events WHERE id = ?", [event_id]))
    if not rows:
        raise NotFoundError("that event does not exist on this laptop")
    return _event_from_row(rows[0])


def current_event(db: Database) -> Event | None:
    eid = get_setting(db, "current_event_id")
    if not eid:
        return None
    try:
        return get_event(db, eid)
    except NotFoundError:
        return None


def list_events(db: Database) -> list[Event]:
    return [_event_from_row(r) for r in db.query("SELECT * FROM events ORDER BY starts_on DESC")]


def save_attorney(db: Database, attorney: Attorney, pin: str | None = None) -> str:
    attorney.id = attorney.id or new_id()
    row: dict[str, Any] = {
        "id": attorney.id, "name": attorney.name, "organization": attorney.organization,
        "registration_number": attorney.registration_number, "phone": attorney.phone,
        "office_address": attorney.office_address, "typed_signature": int(attorney.typed_signature),
    }
    if pin is not None:
        row["pin_salt"], row["pin_hash"] = "", pins.hash_pin(pin)
    existing = db.execute("SELECT created_at FROM attorneys WHERE id = ?", [attorney.id]).fetchone()
    if existing:
        db.table("attorneys").update(attorney.id, _stamp(db, row, created=existing[0]))
    else:
        row.setdefault("pin_salt", "")
        row.setdefault("pin_hash", "")
        db.table("attorneys").insert(_stamp(db, row))
    return attorney.id


def _attorney_from_row(r: dict) -> Attorney:
    return Attorney(id=r["id"], name=r["name"], organization=r["organization"],
                    registration_number=r["registration_number"], phone=r["phone"],
                    office_address=r["office_address"], typed_signature=bool(r["typed_signature"]))


def get_attorney(db: Database, attorney_id: str) -> Attorney:
    rows = list(db.query("SELECT * FROM attorneys WHERE id = ?", [attorney_id]))
    if not rows:
        raise NotFoundError("that attorney does not exist on this laptop")
    return _attorney_from_row(rows[0])


def attorney_exists(db: Database, attorney_id: str) -> bool:
    return db.execute("SELECT 1 FROM attorneys WHERE id = ?", [attorney_id]).fetchone() is not None


def list_attorneys(db: Database) -> list[Attorney]:
    return [_attorney_from_row(r) for r in db.query("SELECT * FROM attorneys ORDER BY name")]


def check_pin(db: Database, attorney_id: str, pin: str) -> bool:
    row = db.execute("SELECT pin_hash, pin_salt FROM attorneys WHERE id = ?", [attorney_id]).fetchone()
    if not row:
        raise AuthError("that attorney does not exist on this laptop")
    return pins.verify_pin(row[0], row[1], pin)


# --- applicants ---------------------------------------------------------------------------------

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


# --- documents and printing ---------------------------------------------------------------------

def record_document(db: Database, applicant_id: str, kind: str, sha256: str, pages: int,
                    signed_on: str | None = None) -> str:
    """Store a generated document's hash and the date of signing it prints (the same bytes twice
    are one record: the date is part of the bytes)."""
    row = db.execute("SELECT id FROM documents WHERE applicant_id = ? AND kind = ? AND sha256 = ?",
                     [applicant_id, kind, sha256]).fetchone()
    if row:
        return row[0]
    did = new_id()
    db.table("documents").insert(_stamp(db, {"id": did, "applicant_id": applicant_id, "kind": kind,
                                       "sha256": sha256, "pages": pages, "copies_printed": 0,
                                       "printed_at": None, "signed_on": signed_on}))
    return did


def list_documents(db: Database, applicant_id: str) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT * FROM documents WHERE applicant_id = ? ORDER BY created_at", [applicant_id])]


def record_print(db: Database, applicant_id: str, document_id: str, copies: int, printer: str) -> None:
    t = now()
    db.table("print_jobs").insert(_stamp(db, {"id": new_id(), "applicant_id": applicant_id,
                                        "document_id": document_id, "copies": copies, "printer": printer}))
    db.execute("UPDATE documents SET copies_printed = copies_printed + ?, printed_at = ?, updated_at = ? "
               "WHERE id = ?", [copies, t, t, document_id])


def printed_copies(db: Database, applicant_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Copies printed per applicant and document kind ({id: {"packet": 3, "receipt": 1}})."""
    ids = list(applicant_ids)
    out: dict[str, dict[str, int]] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        rows = db.execute(
            f"SELECT p.applicant_id, d.kind, SUM(p.copies) FROM print_jobs p JOIN documents d ON d.id = p.document_id "
            f"WHERE p.applicant_id IN ({','.join('?' * len(chunk))}) GROUP BY p.applicant_id, d.kind", chunk)
        for aid, kind, copies in rows.fetchall():
            out.setdefault(aid, {})[kind] = copies
    return out


# --- counts --------------------------------------------------------------------------------------

def counts(db: Database) -> dict[str, int]:
    out = {}
    for table in ("applicants", "convictions", "determinations", "documents", "audit_log"):
        out[table] = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    return out


def file_owner_only(path: str) -> bool:
    return (os.stat(path).st_mode & 0o077) == 0


# === sync file: export bookkeeping, office merge, purge, review report (issue "Sync file") =====
# kiosk.sync decides; these functions only read and write. Table and column names passed in come
# from the code or from a verified file's column list, and are checked to be plain identifiers.

SYNC_CHILD_TABLES = ("aliases", "convictions", "determinations", "documents", "print_jobs")
# the tables whose rows make the merged data at the office (compared by data_digest)
SYNC_DATA_TABLES = ("events", "attorneys", "applicants", *SYNC_CHILD_TABLES, "audit_log",
                    "sync_versions", "duplicate_flags")


def _ident(name: str) -> str:
    if not (name.isidentifier() and name.isascii() and name == name.lower()):
        raise ValueError("not a table or column name")
    return f'"{name}"'


def table_columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({_ident(table)})").fetchall()]


@contextmanager
def savepoint(db: Database) -> Iterator[Database]:
    """A nested transaction, undone on its own when its block raises (one file of an import)."""
    with db.atomic():
        yield db


def _load_ids(db: Database, ids: Iterable[str]) -> None:
    """Put a set of ids in a temp table, so a query can join on thousands of them at once."""
    db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_ids (id TEXT PRIMARY KEY)")
    db.conn.execute("DELETE FROM temp.sync_ids")
    db.conn.executemany("INSERT OR IGNORE INTO temp.sync_ids(id) VALUES (?)", ((i,) for i in ids))


_VERSIONS_SQL = """
WITH v(aid, u) AS (
    SELECT id, updated_at FROM applicants
    UNION ALL SELECT applicant_id, updated_at FROM aliases
    UNION ALL SELECT applicant_id, updated_at FROM convictions
    UNION ALL SELECT applicant_id, updated_at FROM determinations
    UNION ALL SELECT applicant_id, updated_at FROM documents
    UNION ALL SELECT applicant_id, updated_at FROM print_jobs)
SELECT v.aid, MAX(v.u) FROM v JOIN applicants a ON a.id = v.aid
WHERE a.purged_at IS NULL GROUP BY v.aid"""


def sync_applicant_versions(db: Database) -> dict[str, str]:
    """Each unpurged applicant's version: the latest updated_at among its rows, so an edit, an
    override or a print anywhere in the record makes it newer."""
    return dict(db.execute(_VERSIONS_SQL).fetchall())


def sync_exported_versions(db: Database) -> dict[str, str]:
    """The newest version of each applicant that a verified export carried."""
    return dict(db.execute(
        "SELECT i.applicant_id, MAX(i.updated_at) FROM export_items i JOIN exports e ON e.id = i.export_id "
        "WHERE e.verified_at IS NOT NULL GROUP BY i.applicant_id").fetchall())


def sync_load_ids(db: Database, ids: Iterable[str]) -> None:
    """Select the applicants the next `sync_rows(..., loaded_ids=True)` calls read."""
    _load_ids(db, ids)


CONTACT_COLUMNS = ("phone", "email", "address")


def _sync_select(table: str, columns: list[str], *, loaded_ids: bool, unexported_audit: bool,
                 audit_batch: bool) -> str:
    exprs = []
    for c in columns:
        q = _ident(c)
        if audit_batch and table == "audit_log" and c == "export_batch":
            q = f"CASE WHEN {q} = '' THEN :batch ELSE {q} END AS {q}"
        elif table == "applicants" and c in CONTACT_COLUMNS:
            # follow-up contact leaves the laptop only with the applicant's consent to share it
            q = f"CASE WHEN consent_to_share THEN {q} ELSE '' END AS {q}"
        exprs.append(q)
    t = _ident(table)
    if loaded_ids:
        key = "id" if table == "applicants" else "applicant_id"
        where, order = f"WHERE {key} IN (SELECT id FROM temp.sync_ids)", f"{key}, id"
    elif table == "audit_log":
        where, order = ("WHERE export_batch = ''" if unexported_audit else ""), "at, id"
    else:
        where, order = "", "id"
    return f"SELECT {', '.join(exprs)} FROM {t} {where} ORDER BY {order}"


def sync_rows(db: Database, table: str, columns: list[str], *, applicant_ids: Iterable[str] | None = None,
              unexported_audit: bool = False) -> list[tuple]:
    """Rows of one table: an applicant table limited to `applicant_ids`, the audit log
    (optionally only rows no export carried yet), or a whole small table (events, attorneys)."""
    if applicant_ids is not None:
        _load_ids(db, applicant_ids)
    sql = _sync_select(table, columns, loaded_ids=applicant_ids is not None,
                       unexported_audit=unexported_audit, audit_batch=False)
    return db.execute(sql).fetchall()


def sync_rows_json(db: Database, table: str, columns: list[str], *, loaded_ids: bool = False,
                   unexported_audit: bool = False, batch: str = "") -> tuple[int, str]:
    """(row count, the rows as a JSON array of arrays) for an export, written by SQLite itself
    (20,000 applicants' rows never become Python objects). Applicant tables read the ids of
    `sync_load_ids`; an audit entry no export carried yet gets `batch` as its export batch."""
    sql = _sync_select(table, columns, loaded_ids=loaded_ids, unexported_audit=unexported_audit,
                       audit_batch=bool(batch))
    cols = ", ".join(_ident(c) for c in columns)
    row = db.execute(f"SELECT COUNT(*), COALESCE(json_group_array(json_array({cols})), '[]') FROM ({sql})",
                     {"batch": batch}).fetchone()
    return row[0], row[1]


def sync_unexported_audit_ids(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM audit_log WHERE export_batch = '' ORDER BY at, id")]


def sync_record_export(db: Database, export: dict[str, Any], items: list[tuple[str, str]],
                       audit_ids: list[str]) -> None:
    """Record a verified export: the export, the version of each applicant it carried, the
    applicants' exported_at (updated_at untouched: that is not an edit), the audit rows' batch."""
    cols = list(export)
    db.execute(f"INSERT INTO exports({', '.join(_ident(c) for c in cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})", list(export.values()))
    db.conn.executemany("INSERT INTO export_items(export_id, applicant_id, updated_at) VALUES (?, ?, ?)",
                        [(export["id"], a, v) for a, v in items])
    _load_ids(db, [a for a, _ in items])
    db.execute("UPDATE applicants SET exported_at = ? WHERE id IN (SELECT id FROM temp.sync_ids)",
               [export["created_at"]])
    _load_ids(db, audit_ids)
    db.execute("UPDATE audit_log SET export_batch = ? WHERE export_batch = '' "
               "AND id IN (SELECT id FROM temp.sync_ids)", [export["id"]])


def sync_last_export(db: Database) -> dict | None:
    rows = list(db.query("SELECT * FROM exports WHERE verified_at IS NOT NULL "
                         "ORDER BY created_at DESC, id DESC LIMIT 1"))
    return dict(rows[0]) if rows else None


def sync_purged_count(db: Database) -> int:
    return db.execute("SELECT COUNT(*) FROM applicants WHERE purged_at IS NOT NULL").fetchone()[0]


def sync_purge_applicants(db: Database, ids: list[str], at: str) -> int:
    """Remove the personal data of these applicants, keeping the row (reference, status, event,
    attorney, language, consent), its convictions' offense/court/dates and determinations for the
    day's counts. updated_at is left alone so a purge never looks like an edit to export."""
    _load_ids(db, ids)
    sel = "(SELECT id FROM temp.sync_ids)"
    n = db.execute(
        "UPDATE applicants SET first_name = '', middle_name = '', last_name = '', suffix = '', "
        "date_of_birth = NULL, nysid = '', phone = '', email = '', address = '', draft = '{}', "
        "attorney_note = '', violent_felony = 0, sex_offense = 0, open_case_or_warrant = 0, "
        f"immigration_concern = 0, purged_at = ? WHERE purged_at IS NULL AND id IN {sel}", [at]).rowcount
    db.execute(f"DELETE FROM aliases WHERE applicant_id IN {sel}")
    db.execute("UPDATE convictions SET docket = '', arrest_number = '', arrest_date = NULL, sentence = '' "
               f"WHERE applicant_id IN {sel}")
    db.execute(f"UPDATE determinations SET override_reason = '' WHERE applicant_id IN {sel}")
    return n


# --- the office's side: merging verified files ---------------------------------------------------

def sync_bulk_cache(db: Database) -> None:
    """A larger page cache for this connection: merging 20,000 applicants inserts ~200,000 rows
    under random UUID keys, which thrash SQLite's default 2 MB cache."""
    db.execute("PRAGMA cache_size = -131072")  # 128 MiB, allocated only as used


def sync_pinned_key(db: Database, laptop: str) -> str | None:
    row = db.execute("SELECT public_key FROM sync_laptops WHERE laptop_id = ?", [laptop]).fetchone()
    return row[0] if row else None


def sync_pin_key(db: Database, laptop: str, public_key: str, fingerprint: str) -> None:
    db.execute("INSERT OR IGNORE INTO sync_laptops(laptop_id, public_key, key_fingerprint) VALUES (?, ?, ?)",
               [laptop, public_key, fingerprint])


def sync_import_logged(db: Database, export_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM sync_imports WHERE export_id = ?", [export_id]))
    return dict(rows[0]) if rows else None


def sync_log_import(db: Database, row: dict[str, Any]) -> None:
    cols = list(row)
    db.execute(f"INSERT INTO sync_imports({', '.join(_ident(c) for c in cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})", list(row.values()))


def sync_versions_for(db: Database, record_type: str, ids: Iterable[str]) -> dict[str, dict[str, tuple[str, str]]]:
    """For each record id: {laptop id: (version, content sha256)} of the newest version each sent."""
    _load_ids(db, ids)
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for rid, laptop, version, digest in db.execute(
            "SELECT record_id, laptop_id, version, content_sha256 FROM sync_versions "
            "WHERE record_type = ? AND record_id IN (SELECT id FROM temp.sync_ids)", [record_type]):
        out.setdefault(rid, {})[laptop] = (version, digest)
    return out


def sync_put_versions(db: Database, record_type: str, rows: list[tuple[str, str, str, str]]) -> None:
    """Rows are (record id, laptop id, version, content sha256); the caller only passes newer ones."""
    db.conn.executemany(
        "INSERT INTO sync_versions(record_type, record_id, laptop_id, version, content_sha256) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(record_type, record_id, laptop_id) DO UPDATE SET "
        "version = excluded.version, content_sha256 = excluded.content_sha256",
        [(record_type, *r) for r in rows])


def sync_delete_applicants(db: Database, ids: Iterable[str]) -> None:
    """Delete applicants with all their rows (foreign keys cascade), before a newer version goes in."""
    _load_ids(db, ids)
    db.execute("DELETE FROM applicants WHERE id IN (SELECT id FROM temp.sync_ids)")


def sync_insert_rows(db: Database, table: str, columns: list[str], rows: Iterable[Any], *,
                     mode: str = "insert") -> None:
    """Insert rows as given (no stamping: merged rows keep the values the laptop wrote).

    mode "insert" fails on an existing id, "upsert" updates it in place (events and attorneys,
    which applicants reference), "replace" swaps the whole row (audit entries)."""
    cols = [_ident(c) for c in columns]
    head = "INSERT OR REPLACE" if mode == "replace" else "INSERT"
    sql = f"{head} INTO {_ident(table)}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    if mode == "upsert":
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != '"id"')
        sql += f" ON CONFLICT(id) DO UPDATE SET {sets}"
    db.conn.executemany(sql, rows)


def sync_rows_by_id(db: Database, table: str, columns: list[str], ids: Iterable[str]) -> dict[str, tuple]:
    """Existing rows of `table` with these ids, as tuples in `columns` order, by id."""
    _load_ids(db, ids)
    cols = ", ".join(_ident(c) for c in columns)
    rows = db.execute(f"SELECT {cols} FROM {_ident(table)} WHERE id IN (SELECT id FROM temp.sync_ids)")
    i = columns.index("id")
    return {r[i]: tuple(r) for r in rows}


def sync_people(db: Database) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """What duplicate detection compares: (id, reference, first, middle, last, dob) of every
    applicant with personal data, their (applicant id, alias) and (applicant id, docket) pairs."""
    people = db.execute("SELECT id, reference, first_name, middle_name, last_name, date_of_birth "
                        "FROM applicants WHERE purged_at IS NULL ORDER BY id").fetchall()
    aliases = db.execute("SELECT applicant_id, name FROM aliases ORDER BY applicant_id, position, id").fetchall()
    dockets = db.execute("SELECT applicant_id, docket FROM convictions WHERE docket != '' "
                         "ORDER BY applicant_id, position, id").fetchall()
    return people, aliases, dockets


def sync_set_duplicate_flags(db: Database, flags: Iterable[tuple[str, str, str]]) -> None:
    """Replace every flag: they are recomputed from the whole merged data after each import."""
    db.execute("DELETE FROM duplicate_flags")
    db.conn.executemany("INSERT OR IGNORE INTO duplicate_flags(applicant_id, other_id, reason) VALUES (?, ?, ?)",
                        flags)


def sync_duplicate_flags(db: Database) -> list[tuple[str, str, str]]:
    return db.execute("SELECT applicant_id, other_id, reason FROM duplicate_flags ORDER BY 1, 2, 3").fetchall()


def sync_conflicted(db: Database) -> list[tuple[str, str]]:
    """(record type, id) of records another laptop than their owner sent with other content, in a
    version not older than the owner's (kiosk.sync.office.merge keeps both)."""
    return db.execute("SELECT DISTINCT c.record_type, c.record_id FROM sync_conflicts c JOIN sync_versions v "
                      "ON v.record_type = c.record_type AND v.record_id = c.record_id "
                      "WHERE c.version >= v.version AND c.content_sha256 != v.content_sha256 "
                      "ORDER BY 1, 2").fetchall()


_REPORT_SQL = """
SELECT a.reference, a.id AS applicant_id, a.first_name, a.middle_name, a.last_name, a.suffix,
       a.date_of_birth, a.status, a.laptop_id, a.purged_at, c.id AS conviction_id, c.position,
       c.docket, c.court, c.county, c.offense, c.conviction_date, d.outcome, d.override_outcome,
       d.override_reason, d.hits, t.name AS attorney, t.organization, e.name AS event, e.laptop_name,
       (SELECT COALESCE(SUM(p.copies), 0) FROM print_jobs p WHERE p.applicant_id = a.id) AS copies
FROM convictions c JOIN applicants a ON a.id = c.applicant_id
LEFT JOIN determinations d ON d.conviction_id = c.id
LEFT JOIN attorneys t ON t.id = a.attorney_id
LEFT JOIN events e ON e.id = a.event_id
ORDER BY a.reference, a.id, c.position, c.id"""


def sync_report_rows(db: Database) -> list[dict]:
    """One row per conviction with its applicant, determination, attorney, event and copies printed."""
    return [dict(r) for r in db.query(_REPORT_SQL)]


def sync_applicant_summary(db: Database) -> list[tuple]:
    """(laptop id, status, convictions) per applicant, for the summary's counts."""
    return db.execute("SELECT a.laptop_id, a.status, (SELECT COUNT(*) FROM convictions c "
                      "WHERE c.applicant_id = a.id) FROM applicants a ORDER BY a.id").fetchall()


def data_digest(db: Database, tables: Iterable[str] = SYNC_DATA_TABLES) -> str:
    """SHA-256 over the rows of these tables in a fixed order: equal digests = the same data."""
    h = hashlib.sha256()
    for table in tables:
        cols = table_columns(db, table)
        order = ", ".join(str(i + 1) for i in range(len(cols)))
        h.update(f"{table}:{','.join(cols)}\n".encode())
        for row in db.execute(f"SELECT * FROM {_ident(table)} ORDER BY {order}"):
            h.update(json.dumps(list(row), ensure_ascii=False, default=bytes.hex).encode() + b"\n")
    return h.hexdigest()
