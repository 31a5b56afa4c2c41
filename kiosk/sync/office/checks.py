"""What a validly signed sync file may say: every staged record is checked at the office with the
same validator intake uses (kiosk.validate), so nothing reaches the office's database that the
laptop itself would have refused. An applicant's rows are rebuilt into the intake format and go
through validate.parse_applicant; the columns intake does not see (status, stamps, references,
rule results, prints, audit entries) get the checks below. docs/sync-format.md, "Checks"."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from ...errors import InputError, SyncFileError
from ...store import office_merge as office_store
from ...validate import parse_applicant, parse_attorney, parse_event
from . import parallel
from .rules import stored_row_problem

_APPLICANT_KEYS = ("first_name", "middle_name", "last_name", "suffix", "date_of_birth", "nysid", "language")
_CONVICTION_KEYS = ("court", "county", "docket", "docket_source", "offense", "attempt", "arrest_date",
                    "arrest_number", "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
                    "original_charge", "other_counts_dismissed", "driving_involved")


def _need(cond: bool, field: str, message: str) -> None:
    if not cond:
        raise InputError(field, message)


class _Rows:
    """Reads a staged table's rows (tuples, in its columns' order) as the intake's input pieces:
    the wanted keys' values in one C-level itemgetter call, None for a column the file lacks
    (no per-row dict of every column)."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        self.index = {c: i for i, c in enumerate(columns)}

    def getter(self, keys: tuple[str, ...]) -> itemgetter:
        pad = len(self.columns)  # rows are read with a None appended: a missing column reads as None
        return itemgetter(*(self.index.get(k, pad) for k in keys))  # two keys or more: a tuple

    def at(self, key: str) -> int | None:
        return self.index.get(key)


_CONTACT = ("phone", "email", "address")
_OTHER = ("violent_felony", "sex_offense")
_ANSWERS = ("consent_to_share", "open_case_or_warrant", "immigration_concern", "status")
_DERIVED = ("docket", "docket_kind", "offense", "section", "subdivision")


class _Applicants:
    """One staged applicant with its aliases and convictions rebuilt into the intake format and
    checked by the intake validator (`check` raises InputError naming the field)."""

    def __init__(self, app: list[str], alias: list[str], conv: list[str]):
        a, al, cv = _Rows(app), _Rows(alias), _Rows(conv)
        self.person = a.getter(_APPLICANT_KEYS)
        self.contact = a.getter(_CONTACT)
        self.other = a.getter(_OTHER)
        self.answers = a.getter(_ANSWERS)
        self.alias = al.getter(("position", "name"))
        self.conviction = cv.getter(_CONVICTION_KEYS)
        self.conv_position = cv.at("position")
        self.derived = [(k, i) for k, i in ((k, cv.at(k)) for k in _DERIVED) if i is not None]
        # columns a file the kiosk writes always has, needed once a table has rows
        self.alias_lacks = next((k for k in ("position", "name") if al.at(k) is None), "")
        self.conv_lacks = "" if cv.at("position") is not None else "position"

    def check(self, row: Sequence[Any], aliases: list[Sequence[Any]], convictions: list[Sequence[Any]]) -> None:
        if aliases and self.alias_lacks:
            raise InputError(f"aliases.{self.alias_lacks}", "is missing from the file")
        if convictions and self.conv_lacks:
            raise InputError(f"convictions.{self.conv_lacks}", "is missing from the file")
        row = (*row, None)
        contact = dict(zip(_CONTACT, self.contact(row), strict=True))
        consent, open_case, immigration, status = self.answers(row)
        _need(consent == 1 or not any(contact.values()),
              "applicants.contact", "is filled in for an applicant who did not consent to share it")
        raw = dict(zip(_APPLICANT_KEYS, self.person(row), strict=True))
        raw["aliases"] = [name for _, name in sorted((self.alias((*x, None)) for x in aliases), key=itemgetter(0))]
        raw["contact"] = contact
        raw["consent_to_share"] = consent
        raw["other_convictions"] = dict(zip(_OTHER, self.other(row), strict=True))
        raw["open_case_or_warrant"] = open_case
        raw["immigration_concern"] = immigration
        ordered = sorted(((*c, None) for c in convictions), key=itemgetter(self.conv_position))
        raw["convictions"] = [dict(zip(_CONVICTION_KEYS, self.conviction(c), strict=True)) for c in ordered]
        if status == "draft" and not raw["last_name"]:
            raw["last_name"] = "Draft"  # a draft may not have its name yet; its other fields still count
        parsed = parse_applicant(raw, require_convictions=False)
        for c, got in zip(ordered, parsed.convictions, strict=True):
            for k, i in self.derived:
                _need(c[i] == getattr(got, k), f"convictions.{k}", "does not match what the docket and offense say")


class _Children:
    """One child table's rows grouped by applicant, read beside the applicants in the same id order
    (a merge join). A group whose applicant is not in the file is refused: skipped, it would have
    kept every later group from being matched, and so from being checked."""

    def __init__(self, groups: Iterator[tuple[Any, Iterator[Sequence[Any]]]], table: str):
        self.groups, self.table = groups, table
        self.head = next(groups, None)

    def of(self, applicant_id: str) -> list[Sequence[Any]]:
        if self.head is not None and (not isinstance(self.head[0], str) or self.head[0] < applicant_id):
            raise self._orphan()
        if self.head is None or self.head[0] != applicant_id:
            return []
        rows, self.head = list(self.head[1]), next(self.groups, None)
        return rows

    def _orphan(self) -> SyncFileError:
        return SyncFileError(f"refused: the {self.table} table has a record whose applicant is not in the file "
                             "(a file the kiosk writes carries every record's applicant)")

    def none_left(self) -> None:
        """After the last applicant: any group still here has no applicant in the file."""
        if self.head is not None:
            raise self._orphan()


_APPLICANT_COLUMNS = ("id", "status", *_APPLICANT_KEYS, "phone", "email", "address", "consent_to_share",
                      "violent_felony", "sex_offense", "open_case_or_warrant", "immigration_concern")
_CONVICTION_COLUMNS = ("id", "applicant_id", "position", *_CONVICTION_KEYS, "docket_kind", "section", "subdivision")
_EVENT_KEYS = ("name", "starts_on", "ends_on", "venue", "address", "county", "laptop_name", "office_recipient",
               "part", "return_date")
_ATTORNEY_KEYS = ("name", "organization", "registration_number", "phone", "office_address", "typed_signature")


def _wanted(columns: list[str], keys: tuple[str, ...]) -> list[str]:
    return [c for c in columns if c in keys]


# the tables whose records go through the intake validator
RECORD_TABLES = ("events", "attorneys", "applicants", "aliases", "convictions")
# the order records are checked in (a total order: ids are unique within a table)
_ORDER = {"aliases": ("applicant_id", "id"), "convictions": ("applicant_id", "id")}  # the others by id


@dataclass
class _Staged:
    """The staged rows the intake validator reads, per table: the columns read and the rows in
    the order they are checked (events, attorneys and applicants by id, aliases and convictions by
    applicant, then id). Cursors keep memory flat; lists let another thread read them."""

    columns: dict[str, list[str]]
    rows: dict[str, Iterable[Sequence[Any]]]

    @classmethod
    def cursors(cls, db: Database, columns: dict[str, list[str]]) -> _Staged:
        wanted = {"events": columns["events"], "attorneys": columns["attorneys"],
                  "applicants": _wanted(columns["applicants"], _APPLICANT_COLUMNS),
                  "aliases": _wanted(columns["aliases"], ("applicant_id", "position", "name")),
                  "convictions": _wanted(columns["convictions"], _CONVICTION_COLUMNS)}
        return cls(wanted, {t: office_store.stage_rows(db, t, c, order=", ".join(_ORDER.get(t, ("id",))))
                            for t, c in wanted.items()})

    @classmethod
    def as_streamed(cls, columns: dict[str, list[str]], rows: dict[str, list[list]]) -> _Staged:
        """The rows of RECORD_TABLES as they streamed into staging (every column, in the file's
        order); in_order sorts them as cursors() gives them."""
        return cls({t: columns[t] for t in RECORD_TABLES}, {t: rows.get(t, []) for t in RECORD_TABLES})

    def in_order(self) -> _Staged:
        """The rows sorted as cursors() gives them. Used only for a file whose tables pass the
        whole-table checks, where every id and applicant id is text: compared by code point, as
        SQLite compares UTF-8 text. (A file with other ids may make the sort fail; that file is
        refused by the whole-table checks, whose refusal comes first.)"""
        return _Staged(self.columns, {t: sorted(rows, key=itemgetter(*(self.columns[t].index(k)
                                                                        for k in _ORDER.get(t, ("id",)))))
                                      for t, rows in self.rows.items()})

    def close(self) -> None:
        """End the reads now, even part way (the staging database detaches only when none is open)."""
        for rows in self.rows.values():
            if hasattr(rows, "close"):
                rows.close()


class Abandoned(Exception):
    """The record check was stopped before it finished (another check refused the file first)."""


def _check_records(staged: _Staged, stop: threading.Event | None = None) -> None:
    """Every staged event, attorney and applicant (with its aliases and convictions) through the
    intake validator, one applicant at a time; SyncFileError names the table, the record's
    position and the field, never the value."""
    pos: dict[str, Any] = {"n": 0, "where": "events"}

    def counted(rows: Iterable, where: str) -> Iterator:
        pos["where"] = where
        for pos["n"], row in enumerate(rows, 1):
            if stop is not None and pos["n"] % 1000 == 0 and stop.is_set():
                raise Abandoned
            yield row

    cols, rows = staged.columns, staged.rows
    try:
        for row in counted(rows["events"], "events"):
            got = dict(zip(cols["events"], row, strict=True))
            parse_event({k: got.get(k) for k in _EVENT_KEYS})
        for row in counted(rows["attorneys"], "attorneys"):
            got = dict(zip(cols["attorneys"], row, strict=True))
            parse_attorney({k: got.get(k) for k in _ATTORNEY_KEYS})
        app_cols, alias_cols, conv_cols = cols["applicants"], cols["aliases"], cols["convictions"]
        applicants = _Applicants(app_cols, alias_cols, conv_cols)
        alias_groups = _Children(groupby(rows["aliases"], key=itemgetter(alias_cols.index("applicant_id"))),
                                 "aliases")
        conviction_groups = _Children(groupby(rows["convictions"], key=itemgetter(conv_cols.index("applicant_id"))),
                                      "convictions")
        aid = app_cols.index("id")
        for a in counted(rows["applicants"], "applicants"):
            applicants.check(a, alias_groups.of(a[aid]), conviction_groups.of(a[aid]))
        alias_groups.none_left()
        conviction_groups.none_left()
    except InputError as e:
        raise SyncFileError(f"refused: record {pos['n']} of the {pos['where']} table: {e.field}: {e.message} "
                            "(the office checks every field as intake does)") from None


def check_stored_rows(db: Database, columns: dict[str, list[str]]) -> None:
    """The stored-row rules (kiosk.sync.office.rules) over every staged table, in SQL."""
    bad = stored_row_problem(db, columns)
    if bad:
        raise SyncFileError(f"refused: {bad} holds a value the kiosk never writes (the office checks every field)")


def check_staged(db: Database, columns: dict[str, list[str]]) -> None:
    """Check every staged record, one applicant at a time (memory stays flat): the stored-row
    rules, then the intake validator; raise SyncFileError at the first refusal."""
    check_stored_rows(db, columns)
    staged = _Staged.cursors(db, columns)
    try:
        _check_records(staged)
    finally:
        staged.close()


SWITCH_INTERVAL = 0.0005  # seconds


class RecordCheck:
    """The intake validator over a file's records, on a thread of its own, while the import's SQL
    runs on the connection (the whole-table checks, the stored-row rules, the merge). It reads
    the rows kept as they streamed into staging (the thread cannot use the connection), so only
    files up to importer.IN_MEMORY_ROWS take this way. `verdict()` must be called before the
    file's transaction commits: it raises what check_staged would have raised."""

    def __init__(self, columns: dict[str, list[str]], streamed: dict[str, list[list]]):
        staged = _Staged.as_streamed(columns, streamed)
        self._stop = threading.Event()
        # the importing thread wants the interpreter back after each SQL statement: by default it
        # would wait up to 5 ms each time for this thread to hand it over
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            self._work = parallel.Beside("office-record-check", self._check, staged)
        except BaseException:
            sys.setswitchinterval(self._switch)
            raise

    def _check(self, staged: _Staged) -> None:
        try:
            _check_records(staged.in_order(), self._stop)
        except Abandoned:
            pass

    def verdict(self) -> None:
        """Wait for the check; raise its refusal (or its failure, e.g. MemoryError)."""
        try:
            self._work.result()
        except Exception:
            raise
        except BaseException:  # Ctrl-C while waiting: the check stops too
            self._stop.set()
            raise
        finally:
            sys.setswitchinterval(self._switch)

    def abandon(self) -> None:
        """Stop the check early and wait for it (the file is refused for another reason): what
        it found, or how it failed, no longer counts."""
        self._stop.set()
        try:
            self._work.discard()
        finally:
            sys.setswitchinterval(self._switch)
