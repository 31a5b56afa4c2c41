"""What a validly signed sync file may say: every staged record is checked at the office with the
same validator intake uses (kiosk.validate), so nothing reaches the office's database that the
laptop itself would have refused. An applicant's rows are rebuilt into the intake format and go
through validate.parse_applicant; the columns intake does not see (status, stamps, references,
rule results, prints, audit entries) get the checks below. docs/sync-format.md, "Checks"."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter

from sqlite_utils import Database

from . import office_store
from .errors import InputError, SyncFileError
from .models import OUTCOMES
from .store import REF_ALPHABET, SYNC_CHILD_TABLES
from .validate import _text, parse_applicant, parse_attorney, parse_date, parse_event

STATUSES = ("draft", "evaluated", "printed", "exported")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00")
_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_REF = re.compile(f"BA-[{REF_ALPHABET}]{{6}}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_WORD = re.compile(r"[a-z][a-z0-9_.-]{0,63}")
BOOLEANS = {
    "applicants": ("consent_to_share", "violent_felony", "sex_offense", "open_case_or_warrant", "immigration_concern"),
    "convictions": ("attempt", "sentence_complete", "fines_owed", "other_counts_dismissed", "driving_involved"),
    "attorneys": ("typed_signature",),
}
_APPLICANT_KEYS = ("first_name", "middle_name", "last_name", "suffix", "date_of_birth", "nysid", "language")
_CONVICTION_KEYS = ("court", "county", "docket", "docket_source", "offense", "attempt", "arrest_date",
                    "arrest_number", "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
                    "original_charge", "other_counts_dismissed", "driving_involved")
_FAR = date(9999, 12, 31)


def _need(cond: bool, field: str, message: str) -> None:
    if not cond:
        raise InputError(field, message)


def _stamp(row: dict, key: str, field: str) -> None:
    v = row.get(key)
    _need(v is None or (isinstance(v, str) and bool(_STAMP.fullmatch(v))), f"{field}.{key}", "is not a time stamp")


def _ident_cell(row: dict, key: str, field: str, *, empty: bool = False) -> None:
    v = row.get(key)
    if empty and v in (None, ""):
        return
    _need(isinstance(v, str) and bool(_ID.fullmatch(v)), f"{field}.{key}", "is not a record id")


def _row_common(row: dict, field: str) -> None:
    for k in ("created_at", "updated_at"):
        _stamp(row, k, field)
    _ident_cell(row, "id", field)


def check_booleans(db: Database, table: str, columns: list[str]) -> None:
    """Booleans are stored as 0 or 1 (a 7 or "yes" is refused, as intake would never write it)."""
    for c in BOOLEANS.get(table, ()):
        if c in columns and db.execute(f"SELECT 1 FROM temp.stage_{table} WHERE typeof({c}) != 'integer' "
                                       f"OR {c} NOT IN (0, 1) LIMIT 1").fetchone():
            raise SyncFileError(f"refused: {table}.{c} must be 0 or 1")


def _applicant_input(a: dict, aliases: list[dict], convictions: list[dict]) -> dict:
    raw = {k: a.get(k) for k in _APPLICANT_KEYS}
    raw["aliases"] = [x["name"] for x in sorted(aliases, key=itemgetter("position"))]
    raw["contact"] = {k: a.get(k) for k in ("phone", "email", "address")}
    raw["consent_to_share"] = a.get("consent_to_share")
    raw["other_convictions"] = {k: a.get(k) for k in ("violent_felony", "sex_offense")}
    raw["open_case_or_warrant"] = a.get("open_case_or_warrant")
    raw["immigration_concern"] = a.get("immigration_concern")
    raw["convictions"] = [{k: c.get(k) for k in _CONVICTION_KEYS}
                          for c in sorted(convictions, key=itemgetter("position"))]
    if a.get("status") == "draft" and not raw["last_name"]:
        raw["last_name"] = "Draft"  # a draft may not have its name yet; its other fields still count
    return raw


def check_applicant(a: dict, children: dict[str, list[dict]]) -> None:
    """One applicant with its rows, by the intake validator and the stored-row checks."""
    _row_common(a, "applicants")
    _need(a.get("status") in STATUSES, "applicants.status", f"must be one of {', '.join(STATUSES)}")
    _need(isinstance(a.get("reference"), str) and bool(_REF.fullmatch(a["reference"])),
          "applicants.reference", "is not a reference number")
    for k in ("event_id", "attorney_id"):
        _ident_cell(a, k, "applicants", empty=True)
    _text(a.get("wizard_step"), "applicants.wizard_step", limit=40)
    _text(a.get("attorney_note"), "applicants.attorney_note", limit=2000)
    _need(a.get("consent_to_share") == 1 or not any(a.get(k) for k in ("phone", "email", "address")),
          "applicants.contact", "is filled in for an applicant who did not consent to share it")
    parsed = parse_applicant(_applicant_input(a, children.get("aliases", []), children.get("convictions", [])),
                             require_convictions=False)
    convs = {c["id"]: c for c in children.get("convictions", [])}
    for row, got in zip(sorted(convs.values(), key=itemgetter("position")), parsed.convictions, strict=True):
        _row_common(row, "convictions")
        for k in ("docket", "docket_kind", "offense", "section", "subdivision"):
            if k in row:
                _need(row[k] == getattr(got, k), f"convictions.{k}", "does not match what the docket and "
                                                                      "offense say")
    for row in children.get("aliases", []):
        _row_common(row, "aliases")
        _need(isinstance(row.get("position"), int), "aliases.position", "must be a number")
    for row in children.get("determinations", []):
        _row_common(row, "determinations")
        _need(row.get("conviction_id") in convs, "determinations.conviction_id", "names no conviction of its applicant")
        _need(row.get("outcome") in OUTCOMES, "determinations.outcome", f"must be one of {', '.join(OUTCOMES)}")
        _need(row.get("override_outcome") in ("", *OUTCOMES), "determinations.override_outcome",
              f"must be empty or one of {', '.join(OUTCOMES)}")
        parse_date(row.get("as_of"), "determinations.as_of", required=True, today=_FAR)
        _text(row.get("override_reason"), "determinations.override_reason", limit=1000)
        _text(row.get("override_by"), "determinations.override_by", limit=64)
        _text(row.get("app_version"), "determinations.app_version", limit=40)
        _check_json_list(row.get("hits"), "determinations.hits", "rule_id")
        _check_json_list(row.get("packs"), "determinations.packs", "id")
    docs = {d["id"] for d in children.get("documents", [])}
    for row in children.get("documents", []):
        _row_common(row, "documents")
        _need(isinstance(row.get("kind"), str) and bool(_WORD.fullmatch(row["kind"])), "documents.kind",
              "is not a document kind")
        _need(isinstance(row.get("sha256"), str) and bool(_HEX64.fullmatch(row["sha256"])), "documents.sha256",
              "is not a SHA-256")
        for k, top in (("pages", 10_000), ("copies_printed", 100_000)):
            if k in row:
                _need(isinstance(row[k], int) and 0 <= row[k] <= top, f"documents.{k}", "is out of range")
        _stamp(row, "printed_at", "documents")
    for row in children.get("print_jobs", []):
        _row_common(row, "print_jobs")
        _need(row.get("document_id") in docs, "print_jobs.document_id", "names no document of its applicant")
        _need(isinstance(row.get("copies"), int) and 1 <= row["copies"] <= 1000, "print_jobs.copies",
              "is out of range")
        _text(row.get("printer"), "print_jobs.printer", limit=200)


def _check_json_list(raw: object, field: str, key: str) -> None:
    try:
        value = json.loads(raw) if isinstance(raw, str) else None
    except (ValueError, RecursionError):
        value = None
    _need(isinstance(value, list) and all(isinstance(x, dict) and isinstance(x.get(key), str) for x in value),
          field, "is not the list of rules the kiosk writes")


def _dicts(db: Database, table: str, columns: list[str], order: str) -> Iterator[dict]:
    for r in office_store.stage_rows(db, table, columns, order=order):
        yield dict(zip(columns, r, strict=True))


def check_staged(db: Database, columns: dict[str, list[str]]) -> None:
    """Check every staged record, one applicant at a time (memory stays flat); raise
    SyncFileError naming the table, the record's position and the field, never its value."""
    for t in ("applicants", *SYNC_CHILD_TABLES, "attorneys"):
        check_booleans(db, t, columns[t])
    n, where = 0, "events"
    try:
        for n, row in enumerate(_dicts(db, "events", columns["events"], "id"), 1):
            _row_common(row, "events")
            parse_event({k: row.get(k) for k in ("name", "starts_on", "ends_on", "venue", "address", "county",
                                                 "laptop_name", "office_recipient", "part", "return_date")})
        where = "attorneys"
        for n, row in enumerate(_dicts(db, "attorneys", columns["attorneys"], "id"), 1):
            _row_common(row, "attorneys")
            parse_attorney({k: row.get(k) for k in ("name", "organization", "registration_number", "phone",
                                                    "office_address", "typed_signature")})
        where = "audit_log"
        for n, row in enumerate(_dicts(db, "audit_log", columns["audit_log"], "id"), 1):
            _stamp(row, "at", "audit_log")
            _need(isinstance(row.get("action"), str) and bool(_WORD.fullmatch(row["action"])), "audit_log.action",
                  "is not an action name")
            for k in ("actor", "record_type", "record_id", "export_batch"):
                _text(row.get(k), f"audit_log.{k}", limit=64)
            _text(row.get("detail"), "audit_log.detail", limit=1000)
        streams = {t: groupby(_dicts(db, t, columns[t], "applicant_id, id"), key=itemgetter("applicant_id"))
                   for t in SYNC_CHILD_TABLES}
        heads: dict[str, tuple] = {t: next(s, None) for t, s in streams.items()}
        where = "applicants"
        for n, a in enumerate(_dicts(db, "applicants", columns["applicants"], "id"), 1):
            children: dict[str, list[dict]] = {}
            for t in SYNC_CHILD_TABLES:  # children arrive in applicant order: a merge join
                head = heads[t]
                if head is not None and head[0] == a["id"]:
                    children[t] = list(head[1])
                    heads[t] = next(streams[t], None)
            check_applicant(a, children)
    except InputError as e:
        raise SyncFileError(f"refused: record {n} of the {where} table: {e.field}: {e.message} "
                            "(the office checks every field as intake does)") from None
