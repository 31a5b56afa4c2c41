"""The DA office's review list: one CSV row per conviction, and a short printable text summary.

Built only from the merged records (no import time, no file names, no "generated at"), so two
offices that import the same files, in any order, get byte-for-byte the same report."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import store
from .errors import InputError, StorageError
from .models import OUTCOMES
from .papers import write_atomic
from .store.office_merge import enrolled_keys
from .sync import csv_bytes, os_reason

if TYPE_CHECKING:
    from sqlite_utils import Database

REPORT_COLUMNS = [
    "reference", "name", "date_of_birth", "docket", "court", "county", "offense", "conviction_date",
    "outcome", "engine_outcome", "overridden", "override_reason", "rule_ids", "attorney", "organization", "event",
    "laptop", "laptop_name", "status", "printed", "copies_printed", "duplicate_of", "duplicate_reason",
    "conflict", "applicant_id", "conviction_id",
]
NOT_EVALUATED = "NOT_EVALUATED"


@dataclass
class ReportResult:
    path: Path
    summary_path: Path
    rows: int
    outcome_counts: dict[str, int]
    summary: str


def _name(r: dict) -> str:
    if r["purged_at"]:
        return "(removed after export)"
    name = " ".join(p for p in (r["first_name"], r["middle_name"], r["last_name"]) if p)
    return f"{name}, {r['suffix']}" if r["suffix"] else name


def _rule_hits(raw: object) -> list[dict]:
    """The rules a determination recorded; anything unreadable counts as none, so the report
    never breaks on what a database holds (the office refuses such files; older ones may not)."""
    try:
        hits = json.loads(raw) if isinstance(raw, str) and raw else []
    except (ValueError, RecursionError):
        return []
    return [h for h in hits if isinstance(h, dict) and isinstance(h.get("rule_id"), str)] \
        if isinstance(hits, list) else []


def build_report(db: Database) -> tuple[list[list], dict[str, int], str]:
    """(CSV rows, counts per standing outcome, summary text) from the merged records."""
    rows = store.sync_report_rows(db)
    flags = store.sync_duplicate_flags(db)
    conflicted = {rid for rtype, rid in store.sync_conflicted(db) if rtype == "applicant"}
    refs = {r["applicant_id"]: r["reference"] for r in rows}
    others: dict[str, set[str]] = defaultdict(set)
    reasons: dict[str, set[str]] = defaultdict(set)
    for a, b, why in flags:
        others[a].add(b)
        others[b].add(a)
        reasons[a].add(why)
        reasons[b].add(why)
    out: list[list] = []
    outcomes: Counter[str] = Counter()
    overridden = 0
    for r in rows:
        engine = r["outcome"] or ""
        standing = r["override_outcome"] or engine or NOT_EVALUATED
        outcomes[standing] += 1
        overridden += bool(r["override_outcome"])
        hits = _rule_hits(r["hits"])
        aid = r["applicant_id"]
        out.append([
            r["reference"], _name(r), r["date_of_birth"] or "", r["docket"], r["court"], r["county"],
            r["offense"], r["conviction_date"], standing, engine, "yes" if r["override_outcome"] else "no",
            r["override_reason"] or "" if r["override_outcome"] else "",  # internal: never on a court paper
            ";".join(h["rule_id"] for h in hits), r["attorney"] or "", r["organization"] or "",
            r["event"] or "", r["laptop_id"], r["laptop_name"] or "", r["status"],
            "yes" if r["copies"] else "no", r["copies"],
            ";".join(sorted(refs.get(o, o) for o in others.get(aid, ()))),
            "; ".join(sorted(reasons.get(aid, ()))), "yes" if aid in conflicted else "no",
            aid, r["conviction_id"],
        ])
    counts = {o: outcomes.get(o, 0) for o in (*OUTCOMES, NOT_EVALUATED)}
    return out, counts, _summary(db, rows, counts, overridden, flags, conflicted)


def _summary(db: Database, rows: list[dict], counts: dict[str, int], overridden: int,
             flags: list[tuple[str, str, str]], conflicted: set[str]) -> str:
    applicants = store.sync_applicant_summary(db)
    by_laptop: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for laptop, _status, n in applicants:
        by_laptop[laptop][0] += 1
        by_laptop[laptop][1] += n
    printed = len({r["applicant_id"] for r in rows if r["copies"]})
    pairs = {(a, b) for a, b, _ in flags}
    lines = [
        "Begin Again: review summary",
        "=" * 27,
        "",
        f"Applicants:   {len(applicants)} ({sum(1 for a in applicants if not a[2])} without a conviction entered)",
        f"Convictions:  {len(rows)}",
        f"Printed on site: papers for {printed} applicant(s)",
        "",
        "Standing outcome per conviction (the attorney's override where there is one):",
        *(f"  {o:<20} {n:>7}" for o, n in counts.items()),
        f"  {'overridden':<20} {overridden:>7}",
        "",
        f"Possible duplicates to review: {len(pairs)} pair(s) (columns duplicate_of, duplicate_reason)",
        f"Records edited on two laptops (column conflict): {len(conflicted)}",
        "",
        "By laptop (applicants, convictions):",
        *(f"  {lap}  {a:>6} {c:>7}" for lap, (a, c) in sorted(by_laptop.items())),
        "",
        *_trusted_new(db),
    ]
    return "\n".join(lines)


def _trusted_new(db: Database) -> list[str]:
    """The laptop keys an import trusted on first use instead of their being enrolled."""
    keys = [k for k in enrolled_keys(db) if k["how"] != "enrolled"]
    if not keys:
        return []
    return ["Laptop keys trusted on first use, never enrolled (check them against the laptops):",
            *(f"  {k['key_fingerprint']}  {k['name'] or '(no name)'}  {k['how']}; laptops: {k['laptops'] or '-'}"
              for k in keys), ""]


def summary_path_for(out: Path) -> Path:
    return out.with_name(f"{out.stem}-summary.txt")


def write_report(db: Database, out: str | os.PathLike) -> ReportResult:
    """`kiosk report`: the review CSV at `out` and the printable summary beside it
    (`<name>-summary.txt`)."""
    path = Path(out)
    if path.is_dir():
        raise InputError("--out", f"{path.name} is a folder; name the CSV file to write")
    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise InputError("--out", "its folder does not exist")
    rows, counts, summary = build_report(db)
    summary_path = summary_path_for(path)
    try:
        write_atomic(path, csv_bytes(REPORT_COLUMNS, rows))
        write_atomic(summary_path, summary.encode("utf-8"))
    except OSError as e:
        raise StorageError(f"cannot write the report: {os_reason(e)}") from None
    return ReportResult(path=path, summary_path=summary_path, rows=len(rows), outcome_counts=counts,
                        summary=summary)
