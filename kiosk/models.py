"""Typed records the core passes around: what an applicant, a conviction, an attorney, an event
and a determination are once validated. Builders (documents, sync) take these, never raw dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

OUTCOMES = ("ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE", "RELIEF_BY_STATUTE")
# Outcomes for which a motion packet is prepared.
MOTION_OUTCOMES = ("ELIGIBLE", "NEEDS_REVIEW")

COURTS = {"criminal": "Criminal Court", "supreme": "Supreme Court"}
DOCKET_SOURCES = ("document", "memory", "unknown", "caselist")
# a docket read off a document, or picked from the DA's own case list, is verified
VERIFIED_SOURCES = ("document", "caselist")
PLEAS = ("guilty", "verdict")
LANGUAGES = {"en": "English", "es": "Español", "ht": "Kreyòl ayisyen", "ru": "Русский", "zh": "中文"}


@dataclass
class Contact:
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass
class Conviction:
    court: str  # "criminal" | "supreme"
    county: str  # county slug, e.g. "kings", "new-york"
    offense: str  # canonical, e.g. "PL 221.10(1)" or "PL 110/221.10(1)"
    section: str  # "221.10"
    subdivision: str  # "1" or ""
    conviction_date: date
    docket: str = ""  # canonical docket / indictment number, "" when unknown
    docket_kind: str = "unknown"  # "legacy" | "current" | "indictment" | "unknown"
    docket_source: str = "unknown"  # "document" | "memory" | "unknown" | "caselist"
    attempt: bool = False
    arrest_date: date | None = None
    arrest_number: str = ""
    plea: str = "guilty"
    sentence: str = ""
    sentence_complete: bool | None = None  # yes / no / unknown (None): never assumed
    fines_owed: bool | None = None
    original_charge: str = ""  # canonical offense or ""
    other_counts_dismissed: bool = False
    driving_involved: bool = False
    id: str = ""

    @property
    def verified(self) -> bool:
        """A docket read off a document or taken from the DA's case list is verified; one from
        memory or unknown is not."""
        return bool(self.docket) and self.docket_source in VERIFIED_SOURCES

    @property
    def article(self) -> str:
        return self.section.split(".", 1)[0]

    @property
    def court_name(self) -> str:
        return COURTS[self.court]


@dataclass
class Applicant:
    first_name: str
    last_name: str
    middle_name: str = ""
    suffix: str = ""
    record_name: str = ""  # the name on court records in Latin letters, when written in another script
    aliases: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    nysid: str = ""
    language: str = "en"
    contact: Contact = field(default_factory=Contact)
    consent_to_share: bool = False
    violent_felony: bool = False
    sex_offense: bool = False
    open_case_or_warrant: bool = False
    immigration_concern: bool = False
    convictions: list[Conviction] = field(default_factory=list)
    id: str = ""
    reference: str = ""

    @property
    def full_name(self) -> str:
        parts = [self.first_name, self.middle_name, self.last_name]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.suffix}" if self.suffix else name


@dataclass
class Attorney:
    name: str
    organization: str = ""
    registration_number: str = ""
    phone: str = ""
    office_address: str = ""
    typed_signature: bool = False  # True: print "/s/ Name"; False: a blank line for wet ink
    id: str = ""


@dataclass
class Event:
    name: str
    starts_on: date
    ends_on: date
    venue: str = ""
    address: str = ""
    county: str = "kings"
    laptop_name: str = ""
    office_recipient: str = ""  # the DA office's age1... public key, "" until configured
    part: str = ""  # court Part for the return date, "" prints a blank
    return_date: date | None = None
    id: str = ""


@dataclass
class RuleHit:
    """One rule that matched a conviction, as stored with the determination."""

    rule_id: str
    pack_id: str
    outcome: str  # one of OUTCOMES, or "ADVISORY"
    reason: str
    deciding: bool = False


@dataclass
class PackRef:
    id: str
    hash: str


@dataclass
class Determination:
    """The engine's answer for one conviction, plus any attorney override that stands over it."""

    outcome: str
    as_of: date
    hits: list[RuleHit]
    packs: list[PackRef]
    app_version: str = ""
    override_outcome: str = ""
    override_reason: str = ""
    override_by: str = ""
    id: str = ""

    @property
    def rules(self) -> list[str]:
        return [h.rule_id for h in self.hits]

    @property
    def reasons(self) -> list[str]:
        return [h.reason for h in self.hits]

    @property
    def advisories(self) -> list[str]:
        return [h.reason for h in self.hits if h.outcome == "ADVISORY"]

    @property
    def standing_outcome(self) -> str:
        """The outcome that stands: the attorney's override if any, else the engine's."""
        return self.override_outcome or self.outcome

    @property
    def overridden(self) -> bool:
        return bool(self.override_outcome)

    @property
    def deciding_pack(self) -> str:
        return next((h.pack_id for h in self.hits if h.deciding), "")
