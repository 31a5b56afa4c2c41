"""The stored-row checks of a staged sync file that intake's validator never sees (stamps, ids,
rule results, documents, prints, audit entries), as SQL over the staging tables: one statement
per check instead of a Python call per row. What intake does see (names, dates, dockets,
offenses, booleans, contact, lengths) goes through kiosk.validate in kiosk.sync.office.checks."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from ...models import OUTCOMES
from ...store.office_merge import STAMP, stage_first_failing

_D = "[0-9]"
DATE = f"{_D * 4}-{_D * 2}-{_D * 2}"
# the spelling of ids and codes is checked while the rows stream in (check_spelling): a regular
# expression per value is cheaper there than a GLOB or ltrim per value in SQL
_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_ID_OR_EMPTY = re.compile(r"[A-Za-z0-9._:-]{0,64}")
_WORD = re.compile(r"[a-z][a-z0-9_.-]{0,63}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00", re.ASCII)
SPELLING = {
    "applicants": {"wizard_step": _ID_OR_EMPTY},
    "determinations": {"app_version": _ID, "override_by": _ID_OR_EMPTY},
    "documents": {"kind": _WORD, "sha256": _HEX64},
    "audit_log": {"action": _WORD, "actor": _ID_OR_EMPTY, "record_type": _ID_OR_EMPTY,
                  "record_id": _ID_OR_EMPTY, "export_batch": _ID_OR_EMPTY},
}
# control characters (NUL is looked for separately: it cannot stand in a GLOB pattern)
_CONTROL = "*[" + "".join(map(chr, range(1, 32))) + "\x7f]*"
_OUTCOMES = ", ".join(f"'{o}'" for o in OUTCOMES)


def _id(c: str, *, empty: bool = False) -> str:
    bad = f"(typeof({c}) != 'text' OR length({c}) > 64 OR {c} = '')"
    return f"({c} IS NOT NULL AND {c} != '' AND {bad})" if empty else bad


def _text(c: str, limit: int) -> str:
    return (f"({c} IS NOT NULL AND (typeof({c}) != 'text' OR length({c}) > {limit} "
            f"OR instr(CAST({c} AS BLOB), x'00') > 0 OR {c} GLOB ?))")


def _stamp(c: str, *, empty: bool = False) -> str:
    bad = f"(typeof({c}) != 'text' OR NOT {c} GLOB '{STAMP}')"
    return f"({c} IS NOT NULL AND {bad})" if empty else bad


def _int(c: str, low: int, high: int) -> str:
    return f"(typeof({c}) != 'integer' OR {c} < {low} OR {c} > {high})"


BOOLEANS = {
    "applicants": ("consent_to_share", "violent_felony", "sex_offense", "open_case_or_warrant", "immigration_concern"),
    "convictions": ("attempt", "other_counts_dismissed", "driving_involved"),
    "attorneys": ("typed_signature",),
}
# yes / no / unknown answers: 0, 1 or NULL (docs/papers.md: never a default)
ANSWERS = {"convictions": ("sentence_complete", "fines_owed")}

# (table, column named in the message, the condition of a bad row); ids: check_spelling
CHECKS: list[tuple[str, str, str]] = [
    # booleans are 0 or 1 (a 7 or "yes" is refused: intake never writes one)
    *((t, c, f"(typeof({c}) != 'integer' OR {c} NOT IN (0, 1))") for t, cs in BOOLEANS.items() for c in cs),
    *((t, c, f"({c} IS NOT NULL AND (typeof({c}) != 'integer' OR {c} NOT IN (0, 1)))")
      for t, cs in ANSWERS.items() for c in cs),
    ("applicants", "status", "status NOT IN ('draft', 'evaluated', 'printed', 'exported')"),
    ("applicants", "reference", "(typeof(reference) != 'text' OR NOT reference GLOB "
                                "'BA-[2-9A-HJ-NP-Z][2-9A-HJ-NP-Z][2-9A-HJ-NP-Z][2-9A-HJ-NP-Z][2-9A-HJ-NP-Z]"
                                "[2-9A-HJ-NP-Z]')"),
    ("applicants", "event_id", _id("event_id", empty=True)),
    ("applicants", "attorney_id", _id("attorney_id", empty=True)),
    ("applicants", "attorney_note", _text("attorney_note", 2000)),
    ("aliases", "position", _int("position", 0, 1000)),
    ("convictions", "position", _int("position", 0, 1000)),
    ("determinations", "conviction_id",
     "NOT EXISTS (SELECT 1 FROM stage.stage_convictions c WHERE c.id = conviction_id "
     "AND c.applicant_id = stage_determinations.applicant_id)"),
    ("determinations", "outcome", f"outcome NOT IN ({_OUTCOMES})"),
    ("determinations", "override_outcome", f"override_outcome NOT IN ('', {_OUTCOMES})"),
    ("determinations", "as_of", f"(typeof(as_of) != 'text' OR NOT as_of GLOB '{DATE}')"),
    ("determinations", "override_reason", _text("override_reason", 1000)),
    ("documents", "pages", _int("pages", 0, 10_000)),
    ("documents", "copies_printed", _int("copies_printed", 0, 100_000)),
    ("documents", "printed_at", _stamp("printed_at", empty=True)),
    ("print_jobs", "document_id",
     "NOT EXISTS (SELECT 1 FROM stage.stage_documents d WHERE d.id = document_id "
     "AND d.applicant_id = stage_print_jobs.applicant_id)"),
    ("print_jobs", "copies", _int("copies", 1, 1000)),
    ("print_jobs", "printer", _text("printer", 200)),
    ("audit_log", "detail", _text("detail", 1000)),
]


def stored_row_problem(db: Database, columns: dict[str, list[str]]) -> str:
    """The first stored-row check a staged table fails, as '<table>.<column>', or '' (one pass
    over each table, run by kiosk.store.office_merge)."""
    for table in columns:
        checks = [(column, bad) for t, column, bad in CHECKS if t == table and column in columns[table]]
        if not checks:
            continue
        args = [_CONTROL] * sum(bad.count("GLOB ?") for _, bad in checks)
        bad_column = stage_first_failing(db, table, checks, args)
        if bad_column:
            return f"{table}.{bad_column}"
    return ""


@functools.lru_cache(maxsize=4096)
def _rule_list(text: str, key: str) -> bool:
    """A determination's rule hits or packs: a JSON array of objects with a text `key` (the same
    few lists repeat across thousands of rows: each distinct one is parsed once)."""
    if len(text) > 200_000:
        return False
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, list) and all(isinstance(x, dict) and isinstance(x.get(key), str) for x in value)


_HITS = functools.partial(_rule_list, key="rule_id")
_PACKS = functools.partial(_rule_list, key="id")


def check_spelling(table: str, columns: list[str], rows: list[list]) -> str:
    """Ids, codes, stamps and rule lists written as the kiosk writes them, checked on a batch of
    streamed rows: '<table>.<column>' of the first one that is not, or ''."""
    checks: list[tuple[str, Callable[[Any], object]]] = [("id", _ID.fullmatch), ("created_at", _STAMP.fullmatch),
              *((c, p.fullmatch) for c, p in SPELLING.get(table, {}).items())]
    if table == "determinations":
        checks += [("hits", _HITS), ("packs", _PACKS)]
    for column, ok in checks:
        if column in columns:
            try:  # each distinct value once: codes, stamps and rule lists repeat across rows
                if not all(map(ok, set(map(itemgetter(columns.index(column)), rows)))):
                    return f"{table}.{column}"
            except TypeError:  # a number or null where text belongs
                return f"{table}.{column}"
    return ""
