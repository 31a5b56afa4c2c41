"""A plain-Python reading of the rule files, sharing no code with kiosk.rules or
kiosk.eligibility: it reads the TOML files itself, derives the facts from the validated conviction
itself, and applies the precedence of docs/legal.md ("Which rule decides") literally (the most
recent pack in force with a matching non-advisory rule decides; inside it the most restrictive
rule, then file order; the other packs' matches follow, newest pack first; advisories come last
and never decide; nothing matched -> NO-RULE, INELIGIBLE). The set-based SQL evaluation and bulk
screening are checked against it."""

from __future__ import annotations

import tomllib
from datetime import date

from kiosk.models import Applicant, Conviction
from tests.core.conftest import RULES_DIR

SEVERITY = {"INELIGIBLE": 3, "NEEDS_REVIEW": 2}  # "the rest" rank equal, below these


def read_packs() -> list[dict]:
    packs = []
    for path in sorted(RULES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        pack = dict(data["pack"])
        pack["rules"] = [dict(r, position=i) for i, r in enumerate(data["rules"])]
        packs.append(pack)
    return packs


def facts_of(a: Applicant, c: Conviction) -> set[str]:
    sub = f"({c.subdivision})" if c.subdivision else ""
    facts = {f"offense:{c.section}", f"offense:{c.section}{sub}", f"article:{c.section.split('.')[0]}",
             f"court:{c.court}", f"county:{c.county}"}
    if c.original_charge:
        law, rest = c.original_charge.split(" ", 1)
        section = rest.split("/")[-1].split("(")[0]
        facts.add(f"original_charge:{section if law == 'PL' else law + ' ' + section}")
    named = {"attempt": c.attempt, "violent_felony": a.violent_felony, "sex_offense": a.sex_offense,
             "open_case_or_warrant": a.open_case_or_warrant, "immigration_concern": a.immigration_concern,
             "driving_involved": c.driving_involved, "other_counts_dismissed": c.other_counts_dismissed,
             "fines_owed": c.fines_owed is True, "sentence_incomplete": c.sentence_complete is False,
             "sentence_unknown": c.sentence_complete is None, "fines_unknown": c.fines_owed is None,
             "docket_unverified": not (c.docket and c.docket_source == "document")}
    return facts | {k for k, v in named.items() if v}


def holds(condition: str, facts: set[str]) -> bool:
    if condition.startswith("not "):
        return condition[4:].strip() not in facts
    return any(t.strip() in facts for t in condition.split("|"))


def oracle(packs: list[dict], a: Applicant, c: Conviction, as_of: date) -> tuple[str, list[str]]:
    iso, facts = as_of.isoformat(), facts_of(a, c)
    deciding, advisory = [], []
    for pack in packs:
        if not (pack["effective_from"] <= iso and (not pack.get("effective_to") or iso <= pack["effective_to"])):
            continue
        inside = "*" in pack["counties"] or c.county in pack["counties"]
        for r in pack["rules"]:
            if (r.get("scope", "inside") == "inside") != inside:
                continue
            if r.get("convicted_before") and not c.conviction_date.isoformat() < r["convicted_before"]:
                continue
            if not all(holds(cond, facts) for cond in r.get("when", [])):
                continue
            key = (pack["effective_from"], SEVERITY.get(r["outcome"], 1), -r["position"])
            (advisory if r["outcome"] == "ADVISORY" else deciding).append((key, r))
    ordered = [r for _, r in sorted(deciding, key=lambda kr: kr[0], reverse=True)]
    notes = [r for _, r in sorted(advisory, key=lambda kr: kr[0], reverse=True)]
    if not ordered:
        return "INELIGIBLE", ["NO-RULE"] + [r["id"] for r in notes]
    return ordered[0]["outcome"], [r["id"] for r in ordered + notes]
