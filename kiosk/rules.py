"""Rule packs: human-readable TOML files in resources/rules/, parsed into plain records that the
store loads into SQLite (with a content hash) for the set-based evaluation in eligibility.py.

A rule's `when` list is a conjunction of conditions; a condition is one fact, facts joined by "|"
(any of them) or "not FACT". See the header of kings-2018-consent.toml for the fact vocabulary."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import RulePackError
from .resources import resource_path

# Which matching rule decides is kiosk.eligibility's precedence (docs/legal.md, "Which rule decides").
RULE_OUTCOMES = ("ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE", "RELIEF_BY_STATUTE", "ADVISORY")
FLAG_FACTS = (
    "attempt", "violent_felony", "sex_offense", "open_case_or_warrant", "immigration_concern",
    "driving_involved", "other_counts_dismissed", "fines_owed", "sentence_incomplete",
    "sentence_unknown", "fines_unknown", "docket_unverified",
)
ANY_FACT = "*"  # every conviction carries it; rules with no positive condition require it
_FACT = re.compile(
    r"(offense:(?:VTL )?\d{2,4}(?:\.\d{2})?(?:\(\d{1,2}\))?|article:\w+|court:(?:criminal|supreme)"
    r"|county:[a-z-]+|original_charge:(?:VTL )?\d{2,4}(?:\.\d{2})?|" + "|".join(FLAG_FACTS) + ")"
)
_ID = re.compile(r"[A-Z0-9][A-Z0-9-]{1,30}")
_PACK_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,60}")


@dataclass
class Condition:
    tokens: list[str]
    negate: bool = False


@dataclass
class Rule:
    id: str
    outcome: str
    reason: str
    conditions: list[Condition]
    position: int
    notes: str = ""
    scope: str = "inside"  # "inside" | "outside" the pack's counties
    convicted_before: str = ""  # ISO date or ""
    when: list[str] = field(default_factory=list)


@dataclass
class RulePack:
    id: str
    title: str
    authority: str
    sources: list[str]
    effective_from: str
    effective_to: str
    counties: list[str]
    version: int
    notes: str
    rules: list[Rule]
    hash: str
    path: str = ""

    @property
    def statewide(self) -> bool:
        return "*" in self.counties

    def in_force(self, as_of: date) -> bool:
        iso = as_of.isoformat()
        return self.effective_from <= iso and (not self.effective_to or iso <= self.effective_to)


def _iso(value: object, where: str, required: bool = False) -> str:
    if value in (None, ""):
        if required:
            raise RulePackError(f"{where}: a date YYYY-MM-DD is required")
        return ""
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise RulePackError(f"{where}: '{value}' is not a date YYYY-MM-DD") from None


def _condition(text: object, where: str) -> Condition:
    if not isinstance(text, str) or not text.strip():
        raise RulePackError(f"{where}: a condition must be a non-empty string")
    body = text.strip()
    negate = body.startswith("not ")
    if negate:
        body = body[4:].strip()
    tokens = [t.strip() for t in body.split("|")]
    for t in tokens:
        if not _FACT.fullmatch(t):
            raise RulePackError(f"{where}: '{t}' is not a fact the engine knows")
    if negate and len(tokens) > 1:
        raise RulePackError(f"{where}: 'not' takes one fact; write one 'not' condition per fact")
    return Condition(tokens=tokens, negate=negate)


def parse_pack(text: str, source: str = "<rule pack>") -> RulePack:
    """Parse and check one pack; any mistake is a RulePackError naming the file and the rule."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RulePackError(f"{source}: not valid TOML ({e})") from None
    pack = data.get("pack")
    if not isinstance(pack, dict):
        raise RulePackError(f"{source}: missing the [pack] table")
    pid = pack.get("id")
    if not isinstance(pid, str) or not _PACK_ID.fullmatch(pid):
        raise RulePackError(f"{source}: [pack] id must be lowercase letters, digits and hyphens")
    counties = pack.get("counties") or []
    if not isinstance(counties, list) or not counties or not all(isinstance(c, str) for c in counties):
        raise RulePackError(f"{source}: [pack] counties must list county slugs, or [\"*\"] for statewide")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RulePackError(f"{source}: a pack needs at least one [[rules]] entry")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, r in enumerate(raw_rules):
        if not isinstance(r, dict):
            raise RulePackError(f"{source}: rule {i + 1} is not a table")
        rid = r.get("id")
        if not isinstance(rid, str) or not _ID.fullmatch(rid):
            raise RulePackError(f"{source}: rule {i + 1} needs an id such as K18-01")
        where = f"{source}: {rid}"
        if rid in seen:
            raise RulePackError(f"{where}: duplicate rule id")
        seen.add(rid)
        outcome = r.get("outcome")
        if outcome not in RULE_OUTCOMES:
            raise RulePackError(f"{where}: outcome must be one of {', '.join(RULE_OUTCOMES)}")
        reason = r.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise RulePackError(f"{where}: a reason text is required")
        when = r.get("when", [])
        if not isinstance(when, list):
            raise RulePackError(f"{where}: 'when' must be a list of conditions")
        scope = r.get("scope", "inside")
        if scope not in ("inside", "outside"):
            raise RulePackError(f"{where}: scope must be inside or outside")
        conditions = [_condition(c, where) for c in when]
        if not any(not c.negate for c in conditions):
            conditions.insert(0, Condition(tokens=[ANY_FACT]))
        rules.append(Rule(
            id=rid, outcome=outcome, reason=reason.strip(), conditions=conditions, position=i,
            notes=str(r.get("notes", "")).strip(), scope=scope,
            convicted_before=_iso(r.get("convicted_before"), f"{where}: convicted_before"),
            when=[str(c) for c in when],
        ))
    version = pack.get("version", 1)
    if not isinstance(version, int):
        raise RulePackError(f"{source}: [pack] version must be a whole number")
    return RulePack(
        id=pid, title=str(pack.get("title", pid)), authority=str(pack.get("authority", "")),
        sources=[str(s) for s in pack.get("sources", [])],
        effective_from=_iso(pack.get("effective_from"), f"{source}: effective_from", required=True),
        effective_to=_iso(pack.get("effective_to"), f"{source}: effective_to"),
        counties=counties, version=version, notes=str(pack.get("notes", "")).strip(), rules=rules,
        hash="", path=source,
    )


def pack_hash(pack_file: Path) -> str:
    """SHA-256 over the pack file and its templates folder, so a template edit is a new pack hash."""
    h = hashlib.sha256(pack_file.read_bytes())
    templates = resource_path("templates", pack_file.stem)
    if templates.is_dir():
        for p in sorted(templates.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(templates).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def load_pack_file(path: Path) -> RulePack:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RulePackError(f"{path.name}: cannot be read ({e.__class__.__name__})") from None
    pack = parse_pack(text, path.name)
    if pack.id != path.stem:
        raise RulePackError(f"{path.name}: the file name must equal the pack id '{pack.id}'")
    pack.hash = pack_hash(path)
    return pack


def load_packs(folder: Path | None = None) -> list[RulePack]:
    """Every pack shipped in resources/rules (or `folder`), oldest first."""
    folder = folder or resource_path("rules")
    packs = [load_pack_file(p) for p in sorted(folder.glob("*.toml"))]
    ids = [r.id for p in packs for r in p.rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RulePackError(f"rule ids used in two packs: {', '.join(sorted(dupes))}")
    return sorted(packs, key=lambda p: (p.effective_from, p.id))
