"""What a validly signed sync file may say: every staged record is checked at the office with the
same validator intake uses (kiosk.validate), so nothing reaches the office's database that the
laptop itself would have refused. An applicant's rows are rebuilt into the intake format and go
through validate.parse_applicant; the columns intake does not see (status, stamps, references,
rule results, prints, audit entries) get the checks below. docs/sync-format.md, "Checks"."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from sqlite_utils import Database

from ...errors import InputError, SyncFileError
from ...store import office_merge as office_store
from ...validate import parse_applicant, parse_attorney, parse_event
from .rules import stored_row_problem

_APPLICANT_KEYS = ("first_name", "middle_name", "last_name", "suffix", "date_of_birth", "nysid", "language")
_CONVICTION_KEYS = ("court", "county", "docket", "docket_source", "offense", "attempt", "arrest_date",
                    "arrest_number", "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
                    "original_charge", "other_counts_dismissed", "driving_involved")


def _need(cond: bool, field: str, message: str) -> None:
    if not cond:
        raise InputError(field, message)


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


def check_applicant(a: dict, aliases: list[dict], convictions: list[dict]) -> None:
    """One applicant with its aliases and convictions, by the intake validator."""
    _need(a.get("consent_to_share") == 1 or not any(a.get(k) for k in ("phone", "email", "address")),
          "applicants.contact", "is filled in for an applicant who did not consent to share it")
    parsed = parse_applicant(_applicant_input(a, aliases, convictions), require_convictions=False)
    for row, got in zip(sorted(convictions, key=itemgetter("position")), parsed.convictions, strict=True):
        for k in ("docket", "docket_kind", "offense", "section", "subdivision"):
            if k in row:
                _need(row[k] == getattr(got, k), f"convictions.{k}",
                      "does not match what the docket and offense say")


def _dicts(db: Database, table: str, columns: list[str], order: str) -> Iterator[dict]:
    for r in office_store.stage_rows(db, table, columns, order=order):
        yield dict(zip(columns, r, strict=True))


def _wanted(columns: list[str], keys: tuple[str, ...]) -> list[str]:
    return [c for c in columns if c in keys]


_APPLICANT_COLUMNS = ("id", "status", *_APPLICANT_KEYS, "phone", "email", "address", "consent_to_share",
                      "violent_felony", "sex_offense", "open_case_or_warrant", "immigration_concern")
_CONVICTION_COLUMNS = ("id", "applicant_id", "position", *_CONVICTION_KEYS, "docket_kind", "section", "subdivision")


def check_staged(db: Database, columns: dict[str, list[str]]) -> None:
    """Check every staged record, one applicant at a time (memory stays flat); raise
    SyncFileError naming the table, the record's position and the field, never its value."""
    bad = stored_row_problem(db, columns)
    if bad:
        raise SyncFileError(f"refused: {bad} holds a value the kiosk never writes (the office checks every field)")
    pos = {"n": 0, "where": "events"}

    def counted(rows: Iterator[dict], where: str) -> Iterator[dict]:
        pos["where"] = where
        for pos["n"], row in enumerate(rows, 1):
            yield row

    try:
        for row in counted(_dicts(db, "events", columns["events"], "id"), "events"):
            parse_event({k: row.get(k) for k in ("name", "starts_on", "ends_on", "venue", "address", "county",
                                                 "laptop_name", "office_recipient", "part", "return_date")})
        for row in counted(_dicts(db, "attorneys", columns["attorneys"], "id"), "attorneys"):
            parse_attorney({k: row.get(k) for k in ("name", "organization", "registration_number", "phone",
                                                    "office_address", "typed_signature")})
        aliases = groupby(_dicts(db, "aliases", _wanted(columns["aliases"], ("applicant_id", "position", "name")),
                                 "applicant_id"), key=itemgetter("applicant_id"))
        convictions = groupby(_dicts(db, "convictions", _wanted(columns["convictions"], _CONVICTION_COLUMNS),
                                     "applicant_id"), key=itemgetter("applicant_id"))
        next_alias, next_conv = next(aliases, None), next(convictions, None)
        for a in counted(_dicts(db, "applicants", _wanted(columns["applicants"], _APPLICANT_COLUMNS), "id"),
                         "applicants"):
            mine_aliases: list[dict] = []
            mine_convictions: list[dict] = []
            if next_alias is not None and next_alias[0] == a["id"]:  # children in applicant order: a merge join
                mine_aliases, next_alias = list(next_alias[1]), next(aliases, None)
            if next_conv is not None and next_conv[0] == a["id"]:
                mine_convictions, next_conv = list(next_conv[1]), next(convictions, None)
            check_applicant(a, mine_aliases, mine_convictions)
    except InputError as e:
        raise SyncFileError(f"refused: record {pos['n']} of the {pos['where']} table: {e.field}: {e.message} "
                            "(the office checks every field as intake does)") from None
