"""The legal text of the motion papers, read from `resources/templates/` (data, not code).

docs/legal.md, "The papers": how the grounds were phrased is not public, so the wording is a template owned by
each rule pack, editable and versioned. Layout:

    resources/templates/common.toml             courts, each county's courthouses and DA, offense names
    resources/templates/oaths.toml              the affirmation's closing, by the date of signing
    resources/templates/<pack-id>/papers.toml   the four papers' text, the grounds, the phrases,
                                                the counties the pack's papers may be made for

Text uses `{placeholder}` for facts the program fills in and `**bold**` for emphasis. Facts are
substituted after the markup is read, so a name or a sentence typed by a user can never change
the layout. Every placeholder is checked when a template is loaded: a typo in a template fails
at once with the file and key named, not halfway through an event.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from ..errors import KioskError
from ..resources import resource_path
from .lines import Run

DEFAULT_PACK = "kings-2018-consent"

# Facts the packet builder supplies (see kiosk/papers/packet.py `_facts`).
FACTS = frozenset({
    "defendant", "aka", "attorney", "organization", "date", "court_name", "court_address", "part",
    "return_date", "number_label", "docket", "instrument", "dismissal_statute", "judge_title",
    "arrest_date", "original_charge", "conviction_date", "offense", "offense_cite", "sentence",
    "affirm_day", "affirm_month", "affirm_year", "da_name", "review_rules",
})
# Fragments: template text the builder picks by the facts (a phrase, or the pack's grounds).
FRAGMENTS = frozenset({
    "grounds", "counsel", "plea", "arrest", "docket_note", "counts_note", "sentence_imposed",
    "sentence_note", "fines_note", "review_note", "oath", "under_docket",
})
PHRASES = (
    "counsel_with_organization", "counsel_without_organization", "plea_guilty", "plea_verdict",
    "arrest_dated", "arrest_undated", "charged_under_docket", "charged", "under_docket", "sentence_imposed",
    "docket_from_memory", "docket_unknown", "other_counts_dismissed", "sentence_complete",
    "sentence_not_complete", "fines_owed", "fines_not_owed", "review", "override",
)
PAPERS = {
    "notice": ("title", "body", "relief", "after"),
    "affirmation": ("title", "opening", "paragraphs", "wherefore", "attestation"),
    "consent": ("title", "body"),
    "order": ("title", "recital", "body", "ordered"),
}
COURT_KEYS = ("heading", "name", "number_label", "judge_title", "instrument", "dismissal_statute")
COUNTY_KEYS = ("caption", "name", "criminal_court", "supreme_court", "da_name", "da_address", "status")
ANY_COUNTY = "*"

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class TemplateError(KioskError):
    """A shipped template file that is missing, unreadable or uses an unknown placeholder."""


@dataclass(frozen=True)
class PaperTemplates:
    pack: str
    version: str
    statutes: dict[str, str]  # court -> caption statute line
    papers: dict[str, dict[str, Any]]
    grounds: str
    phrases: dict[str, str]
    counties: tuple[str, ...] = (ANY_COUNTY,)
    people_consent: bool = True

    @property
    def ref(self) -> str:
        return f"{self.pack}@{self.version}"

    def covers(self, county: str) -> bool:
        """Whether this pack's papers may be made for a conviction from `county`: one DA cannot
        consent for another county, so a county pack's papers never carry another county."""
        return ANY_COUNTY in self.counties or county in self.counties


@dataclass(frozen=True)
class County:
    slug: str
    caption: str  # "KINGS", as the caption reads "COUNTY OF KINGS"
    name: str  # "Kings"
    courthouses: dict[str, str]  # court key -> address
    da_name: str
    da_address: list[str]
    status: str


@dataclass(frozen=True)
class Common:
    version: str
    courts: dict[str, dict[str, Any]]
    counties: dict[str, County]
    offenses: dict[str, str]

    @property
    def ref(self) -> str:
        return f"common@{self.version}"


def _read(*parts: str) -> dict:
    path = resource_path("templates", *parts)
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise TemplateError(f"template file templates/{'/'.join(parts)} is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"template file templates/{'/'.join(parts)} is not valid TOML: {exc}") from None


def _strings(value: Any, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")


def _check_text(text: str, where: str, allowed: frozenset[str]) -> None:
    for name in _PLACEHOLDER.findall(text):
        if name not in allowed:
            raise TemplateError(f"{where}: unknown placeholder {{{name}}}")
    if text.count("**") % 2:
        raise TemplateError(f"{where}: unbalanced ** (bold markup)")


def _require(table: dict, keys, where: str) -> None:
    for key in keys:
        if key not in table:
            raise TemplateError(f"{where}: missing key '{key}'")


@cache
def common() -> Common:
    raw = _read("common.toml")
    where = "templates/common.toml"
    _require(raw, ("template", "courts", "counties", "offenses"), where)
    _require(raw["courts"], ("criminal", "supreme"), f"{where} [courts]")
    for court, table in raw["courts"].items():
        _require(table, COURT_KEYS, f"{where} [courts.{court}]")
    for key, text in _strings(raw["courts"], "courts"):
        _check_text(text, f"{where} {key}", frozenset({"part", "county_caption", "county_name"}))
    version = str(raw["template"].get("version", "")).strip()
    if not version:
        raise TemplateError(f"{where}: [template] needs a version")
    counties = {}
    for slug, table in raw["counties"].items():
        _require(table, COUNTY_KEYS, f"{where} [counties.{slug}]")
        counties[slug] = County(slug=slug, caption=table["caption"], name=table["name"],
                                courthouses={"criminal": table["criminal_court"],
                                             "supreme": table["supreme_court"]},
                                da_name=table["da_name"], da_address=list(table["da_address"]),
                                status=table["status"])
    return Common(version=version, courts=raw["courts"], counties=counties, offenses=dict(raw["offenses"]))


@dataclass(frozen=True)
class Oath:
    id: str
    starts: date
    ends: date | None
    text: str
    version: str

    @property
    def ref(self) -> str:
        return f"oath:{self.id}@{self.version}"


@cache
def oaths() -> tuple[Oath, ...]:
    raw = _read("oaths.toml")
    where = "templates/oaths.toml"
    _require(raw, ("template", "oath"), where)
    version = str(raw["template"].get("version", "")).strip()
    found = []
    for i, table in enumerate(raw["oath"]):
        _require(table, ("id", "from", "until", "sources", "text"), f"{where} oath[{i}]")
        if not table["sources"]:
            raise TemplateError(f"{where} oath[{i}]: name its sources")
        _check_text(table["text"], f"{where} oath[{i}].text", FACTS)
        try:
            starts = date.fromisoformat(table["from"])
            ends = date.fromisoformat(table["until"]) if table["until"] else None
        except ValueError:
            raise TemplateError(f"{where} oath[{i}]: from/until must be dates written YYYY-MM-DD") from None
        found.append(Oath(table["id"], starts, ends, " ".join(table["text"].split()), version))
    return tuple(found)


def oath_for(signed_on: date) -> Oath:
    """The affirmation's closing in force on the date of signing (CPLR 2106 changed its form on
    January 1, 2024; a 2018 event's papers keep the 2018 form whenever they are printed)."""
    for oath in oaths():
        if oath.starts <= signed_on and (oath.ends is None or signed_on <= oath.ends):
            return oath
    raise TemplateError(f"templates/oaths.toml: no oath form covers {signed_on.isoformat()}")


@cache
def pack_templates(pack_id: str) -> PaperTemplates:
    """The papers' text for a rule pack; the default pack's when the pack has no folder."""
    if not pack_id or not resource_path("templates", pack_id, "papers.toml").is_file():
        pack_id = DEFAULT_PACK
    raw = _read(pack_id, "papers.toml")
    where = f"templates/{pack_id}/papers.toml"
    _require(raw, ("template", "statutes", "grounds", "phrases", *PAPERS), where)
    meta = raw["template"]
    version = str(meta.get("version", "")).strip()
    if not version:
        raise TemplateError(f"{where}: [template] needs a version")
    if meta.get("pack") != pack_id:
        raise TemplateError(f"{where}: [template] pack must be '{pack_id}'")
    _require(raw["statutes"], ("criminal", "supreme"), f"{where} [statutes]")
    for paper, keys in PAPERS.items():
        _require(raw[paper], keys, f"{where} [{paper}]")
    _require(raw["grounds"], ("text",), f"{where} [grounds]")
    _require(raw["phrases"], PHRASES, f"{where} [phrases]")
    allowed_in_fragments = FACTS
    for key, text in _strings(raw["phrases"], "phrases"):
        _check_text(text, f"{where} {key}", allowed_in_fragments)
    _check_text(raw["grounds"]["text"], f"{where} grounds.text", allowed_in_fragments)
    for paper in PAPERS:
        for key, text in _strings(raw[paper], paper):
            _check_text(text, f"{where} {key}", FACTS | FRAGMENTS)
    counties = meta.get("counties", [ANY_COUNTY])
    if not isinstance(counties, list) or not counties or not all(isinstance(c, str) for c in counties):
        raise TemplateError(f"{where}: [template] counties must be a list of county slugs (or \"*\")")
    return PaperTemplates(
        pack=pack_id, version=version, statutes=dict(raw["statutes"]),
        papers={p: raw[p] for p in PAPERS}, grounds=" ".join(raw["grounds"]["text"].split()),
        phrases={k: " ".join(v.split()) for k, v in raw["phrases"].items()},
        counties=tuple(counties), people_consent=bool(meta.get("people_consent", True)),
    )


def fill(text: str, values: dict[str, str]) -> str:
    """Substitute placeholders in plain text (no markup)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render(text: str, fragments: dict[str, str], facts: dict[str, str]) -> list[Run]:
    """Template text → styled runs. Fragments (template text) are expanded first, then the
    `**bold**` markup is read, then facts are substituted inside each run."""
    expanded = _PLACEHOLDER.sub(lambda m: fragments.get(m.group(1), m.group(0)), text)
    expanded = " ".join(expanded.split())
    runs: list[Run] = []
    for i, part in enumerate(expanded.split("**")):
        if part:
            runs.append(("B" if i % 2 else "", fill(part, facts)))
    return runs


def is_blank(runs: list[Run]) -> bool:
    return not any(text.strip() for _, text in runs)
