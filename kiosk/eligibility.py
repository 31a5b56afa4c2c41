"""The eligibility engine: turns convictions into facts, asks SQLite which rules in force match
(one set-based query for one applicant or an extract of 20,000 records), ranks the matches by
the precedence below and reads them into Determinations that explain themselves (deciding rule
first, every reason kept).

Which rule decides is written here and nowhere else (docs/legal.md, "Which rule decides"):

1. advisories never decide: they add a reason and come after every other match;
2. the pack that came into force last decides (a later program speaks for the same conviction;
   packs starting the same day are taken in id order);
3. inside that pack, the most restrictive outcome (SEVERITY);
4. then the rule written first in the pack file.

No match at all is INELIGIBLE with a reason that says so (NO-RULE). `kiosk rules explain` prints
the ranking and why the winner won (kiosk.cli_rules)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from . import __version__, store
from .models import Applicant, Conviction, Determination, RuleHit
from .rules import ANY_FACT, RULE_OUTCOMES

if TYPE_CHECKING:
    from sqlite_utils import Database

NO_RULE_ID = "NO-RULE"
NO_RULE_REASON = ("No rule in force on this date covers this conviction, so no motion can be prepared "
                  "under these programs; the attorney may review it.")

# Step 3 of the precedence: how restrictive an outcome is (higher decides within a pack).
SEVERITY = {"INELIGIBLE": 3, "NEEDS_REVIEW": 2, "ELIGIBLE": 1, "RELIEF_BY_STATUTE": 1, "ADVISORY": 0}
assert set(SEVERITY) == set(RULE_OUTCOMES)


@dataclass(frozen=True)
class Match:
    """One rule in force that matched a conviction, with what the precedence reads of it."""

    rule_id: str
    pack_id: str
    outcome: str
    reason: str
    pack_from: str  # the day the rule's pack came into force (ISO)
    position: int  # the rule's place in its pack file, from 0

    @property
    def advisory(self) -> bool:
        return self.outcome == "ADVISORY"


def precedence_key(m: Match) -> tuple:
    """The sort key of the precedence above: smaller ranks first."""
    return (m.advisory, -date.fromisoformat(m.pack_from).toordinal(), m.pack_id, -SEVERITY[m.outcome],
            m.position)


def rank(matches: Iterable[Match]) -> list[Match]:
    """The matches in precedence order: the first one decides unless it is an advisory."""
    return sorted(matches, key=precedence_key)


def why_ranked(m: Match, above: Match | None, below: Match | None = None) -> str:
    """Why `m` ranks where it does: against `above` (the match ranked just before it), or for the
    first match, against `below` (the one after it)."""
    if m.advisory:
        return "advisory: adds a reason, never decides"
    if above is None:
        if below is None or below.advisory:
            return "decides: the only rule in force that matched"
        if m.pack_from != below.pack_from:
            return f"decides: its pack is the latest in force (since {m.pack_from})"
        if m.pack_id != below.pack_id:
            return f"decides: its pack starts the same day as {below.pack_id} and comes first by id"
        if SEVERITY[m.outcome] != SEVERITY[below.outcome]:
            return "decides: the most restrictive outcome in its pack"
        return "decides: written first in its pack file"
    if m.pack_from != above.pack_from:
        return f"its pack came into force earlier ({m.pack_from}) than {above.pack_id} ({above.pack_from})"
    if m.pack_id != above.pack_id:
        return f"its pack starts the same day as {above.pack_id}, which comes first by id"
    if SEVERITY[m.outcome] != SEVERITY[above.outcome]:
        return f"less restrictive than {above.rule_id} ({above.outcome}) in the same pack"
    return f"written after {above.rule_id} in the same pack file"


def conviction_facts(applicant: Applicant, c: Conviction) -> list[str]:
    """The fact tokens rules match on (vocabulary documented in kings-2018-consent.toml)."""
    facts = [ANY_FACT, f"offense:{c.section}", f"article:{c.section.split('.', 1)[0]}",
             f"court:{c.court}", f"county:{c.county}"]
    if c.subdivision:
        facts.append(f"offense:{c.section}({c.subdivision})")
    if c.original_charge:
        facts.append(f"original_charge:{_section_of(c.original_charge)}")
    if c.attempt:
        facts.append("attempt")
    for flag in ("violent_felony", "sex_offense", "open_case_or_warrant", "immigration_concern"):
        if getattr(applicant, flag):
            facts.append(flag)
    for flag in ("driving_involved", "other_counts_dismissed", "fines_owed"):
        if getattr(c, flag):
            facts.append(flag)
    if c.sentence_complete is False:
        facts.append("sentence_incomplete")
    elif c.sentence_complete is None:
        facts.append("sentence_unknown")
    if c.fines_owed is None:
        facts.append("fines_unknown")
    if not c.verified:
        facts.append("docket_unverified")
    return facts


def _section_of(canonical: str) -> str:
    """"PL 110/221.35(1)" → "221.35"; "VTL 1192(3)" → "VTL 1192"."""
    law, _, rest = canonical.partition(" ")
    rest = rest.split("/")[-1].split("(")[0]
    return rest if law == "PL" else f"{law} {rest}"


def signature(applicant: Applicant, c: Conviction, thresholds: list[str]) -> tuple[str, ...]:
    """Everything the rules can see of a conviction: its date bucket, county and fact tokens.
    Equal signatures get equal determinations, so an extract is evaluated once per signature."""
    return (_date_bucket(c.conviction_date.isoformat(), thresholds), c.county, *conviction_facts(applicant, c))


def ranked_matches(db: Database, sigs: list[tuple[str, ...]], as_of: date) -> list[list[Match]]:
    """One set-based SQL query over distinct signatures; each one's matches in precedence order."""
    convs = [(k, sig[0], sig[1]) for k, sig in enumerate(sigs)]
    facts = [(k, t) for k, sig in enumerate(sigs) for t in sig[2:]]
    found: list[list[Match]] = [[] for _ in sigs]
    for row in store.match_rules(db, convs, facts, as_of):
        found[row[0]].append(Match(*row[1:]))
    return [rank(m) for m in found]


def evaluate_signatures(db: Database, sigs: list[tuple[str, ...]], as_of: date) -> list[Determination]:
    """A determination for each distinct signature, in order."""
    packs = store.pack_refs(db, as_of)
    return [_determination([RuleHit(rule_id=m.rule_id, pack_id=m.pack_id, outcome=m.outcome, reason=m.reason)
                            for m in matches], as_of, packs)
            for matches in ranked_matches(db, sigs, as_of)]


def evaluate_keys(db: Database, items: Iterable[tuple[Applicant, Conviction]],
                  as_of: date) -> tuple[list[int], list[Determination]]:
    """Evaluate pairs in one SQL query over their *distinct* signatures.

    Returns (index into the unique determinations for each pair, unique determinations): an
    extract of 20,000 rows asks SQLite about a few hundred distinct cases."""
    thresholds = store.date_thresholds(db)
    keys: dict[tuple, int] = {}
    index: list[int] = []
    for a, c in items:
        sig = signature(a, c, thresholds)
        key = keys.get(sig)
        if key is None:
            key = keys[sig] = len(keys)
        index.append(key)
    return index, evaluate_signatures(db, list(keys), as_of)


def _date_bucket(iso: str, thresholds: list[str]) -> str:
    """The largest rule threshold not after `iso` ("" below all): compares with every rule's
    `convicted_before` exactly as the date itself does, so dates collapse into a few buckets."""
    rep = "0000-00-00"
    for t in thresholds:
        if t <= iso:
            rep = t
        else:
            break
    return rep


def evaluate_many(db: Database, items: Iterable[tuple[Applicant, Conviction]], as_of: date) -> list[Determination]:
    """Determinations for (applicant, conviction) pairs, in input order (each its own object)."""
    index, unique = evaluate_keys(db, items, as_of)
    return [replace(unique[k], hits=[replace(h) for h in unique[k].hits], packs=list(unique[k].packs))
            for k in index]


def _determination(hits: list[RuleHit], as_of: date, packs) -> Determination:
    """`hits` in precedence order: the first decides unless it is an advisory (nothing decided)."""
    if hits and hits[0].outcome != "ADVISORY":
        hits[0].deciding = True
        outcome = hits[0].outcome
    else:
        hits.insert(0, RuleHit(rule_id=NO_RULE_ID, pack_id="", outcome="INELIGIBLE",
                               reason=NO_RULE_REASON, deciding=True))
        outcome = "INELIGIBLE"
    return Determination(outcome=outcome, as_of=as_of, hits=hits, packs=list(packs), app_version=__version__)


def evaluate_applicant(db: Database, applicant: Applicant, as_of: date) -> list[Determination]:
    return evaluate_many(db, ((applicant, c) for c in applicant.convictions), as_of)


def explain_applicant(db: Database, applicant: Applicant, as_of: date) -> list[list[Match]]:
    """For each conviction, every rule in force that matched it, in precedence order."""
    thresholds = store.date_thresholds(db)
    return ranked_matches(db, [signature(applicant, c, thresholds) for c in applicant.convictions], as_of)
