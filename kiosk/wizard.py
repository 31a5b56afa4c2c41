"""The applicant wizard's flow as data (the Electrum model, architecture.md habit 2).

The steps, the fields each step owns, what blocks Next, which step comes next, and a stack of
visited steps so Back returns to where the user came from with every value kept. `ui/` only
draws pages and binds widgets to the draft's keys; it never decides the flow.

The draft is the applicant JSON format of the README (raw strings as typed, so a half-typed date
survives an autosave), which `kiosk.services` persists at every step change. The rest of the
bookkeeping (the current step) is stored beside it, and the stack of visited steps is rebuilt on
resume by replaying the flow, so nothing outside the applicant format is written into the draft.

Every field is judged by `kiosk.validate`, the same functions the CLI and bulk screening use:
the wizard only decides which fields to probe together, and says it in a sentence."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from . import pins
from .errors import InputError
from .models import LANGUAGES, MOTION_OUTCOMES, OUTCOMES
from .validate import NY_COUNTIES, parse_applicant, parse_attorney, parse_conviction, parse_docket, parse_event

STATE_VERSION = 1


class Step(StrEnum):
    LANGUAGE_CONSENT = "language_consent"
    IDENTITY = "identity"
    SCREENING = "screening"
    CONVICTIONS = "convictions"
    RESULT = "result"
    DOCUMENTS = "documents"
    DONE = "done"


ORDER: tuple[Step, ...] = tuple(Step)

TITLES = {
    Step.LANGUAGE_CONSENT: "Language and consent",
    Step.IDENTITY: "About you",
    Step.SCREENING: "A few questions",
    Step.CONVICTIONS: "Convictions",
    Step.RESULT: "Result",
    Step.DOCUMENTS: "Papers",
    Step.DONE: "Done",
}

# Visible label = accessible name of every field (the held-back script finds fields by these).
LABELS = {
    "language": "Language",
    "consent_to_share": "Consent: I agree to share my information with the DA's office",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "suffix": "Suffix",
    "record_name": "Name on court records (Latin letters)",
    "aliases": "Aliases",
    "date_of_birth": "Date of birth",
    "nysid": "NYSID",
    "contact.phone": "Phone",
    "contact.email": "Email",
    "contact.address": "Address",
    "other_convictions.violent_felony": "Other violent felony conviction",
    "other_convictions.sex_offense": "Sex offense conviction",
    "open_case_or_warrant": "Open case or warrant",
    "immigration_concern": "Immigration concern",
}
CONVICTION_LABELS = {
    # asked first: the affirmation states only what is answered here (docs/papers.md)
    "sentence_complete": "Sentence completed",
    "fines_owed": "Fines owed",
    "court": "Court",
    "county": "County",
    "docket": "Docket number",
    "docket_source": "Docket number came from",
    "offense": "Offense",
    "attempt": "Attempt (PL 110)",
    "plea": "Plea",
    "arrest_date": "Arrest date",
    "arrest_number": "Arrest number",
    "conviction_date": "Conviction date",
    "sentence": "Sentence",
    "original_charge": "Original charge",
    "other_counts_dismissed": "Other counts dismissed in the plea",
    "driving_involved": "Driving involved",
}

STEP_FIELDS: dict[Step, tuple[str, ...]] = {
    Step.LANGUAGE_CONSENT: ("language", "consent_to_share"),
    Step.IDENTITY: ("first_name", "middle_name", "last_name", "suffix", "record_name", "aliases", "date_of_birth",
                    "nysid",
                    "contact.phone", "contact.email", "contact.address"),
    Step.SCREENING: ("other_convictions.violent_felony", "other_convictions.sex_offense",
                     "open_case_or_warrant", "immigration_concern"),
    Step.CONVICTIONS: tuple(CONVICTION_LABELS),
    Step.RESULT: (),
    Step.DOCUMENTS: (),
    Step.DONE: (),
}
REQUIRED = {"last_name", "offense", "conviction_date"}

# Screening questions: the field, and one plain line the applicant can understand.
SCREENING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("other_convictions.violent_felony",
     "Any conviction for a violent felony, such as robbery or assault with a weapon, anywhere, ever."),
    ("other_convictions.sex_offense",
     "Any conviction for a sex offense, anywhere, ever."),
    ("open_case_or_warrant",
     "A court case that is not finished, or a warrant out for your arrest, today."),
    ("immigration_concern",
     "You are not a U.S. citizen, or you worry how this could affect your immigration case."),
)

CONSENT_TEXT = (
    "A free lawyer will look at your old marijuana conviction with you. If it qualifies, the lawyer "
    "prepares papers asking the court to vacate it (erase the conviction and dismiss the case). "
    "The Kings County District Attorney's office has to see your information to agree. "
    "Your information stays on this laptop until it is sent, locked with a code only that office "
    "can open. You can stop at any time."
)
NO_CONSENT_TEXT = (
    "We can only continue if the applicant agrees to share their information with the DA's office: "
    "without it the DA cannot consent to the motion. The applicant can still talk with the lawyer."
)

# The offense picker: the sections people at these events were convicted of, most common first.
COMMON_OFFENSES: tuple[tuple[str, str], ...] = (
    ("PL 221.10(1)", "possession 5th: public place or open to view"),
    ("PL 221.05", "unlawful possession (violation)"),
    ("PL 221.10(2)", "possession 5th: more than 25 grams"),
    ("PL 221.15", "possession 4th: more than 2 ounces"),
    ("PL 221.35", "sale 5th"),
    ("PL 221.40", "sale 4th"),
    ("PL 221.20", "possession 3rd (felony)"),
    ("PL 221.25", "possession 2nd (felony)"),
    ("PL 221.30", "possession 1st (felony)"),
    ("PL 221.45", "sale 3rd (felony)"),
    ("PL 221.50", "sale 2nd (felony)"),
    ("PL 221.55", "sale 1st (felony)"),
    ("PL 240.20", "disorderly conduct (violation)"),
    ("PL 240.36", "loitering 1st"),
)
OFFENSE_SEPARATOR = " — "
# Yes / no / unknown questions ("Sentence completed", "Fines owed"): no default answer. The draft
# holds "" until answered, then True, False or "unknown" (stored as null).
ANSWERS = (("", "Not answered yet"), ("yes", "Yes"), ("no", "No"), ("unknown", "Unknown"))
ANSWER_KEYS = ("sentence_complete", "fines_owed")
ANSWER_HINTS = {
    "sentence_complete": "Has every part of the sentence been done (time, program, fine)? "
                         "The affirmation says so only when the answer is yes.",
    "fines_owed": "Is any fine or fee from this case still unpaid?",
}
RECORD_NAME_HINT = ("Only when the name is written in another script: the name as court papers carry "
                    "it, e.g. WANG, XIUYING. The papers use it; the receipt keeps the name as written.")


def answer_to_draft(choice: str) -> Any:
    """A picker choice ("yes", "no", "unknown", "") as the draft stores it."""
    return {"yes": True, "no": False}.get(choice, choice)


def answer_from_draft(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return "unknown" if value is None or value == "unknown" else ""
SENTENCES = ("Time served", "Conditional discharge", "Fine", "Jail", "Community service", "Probation")
COURTS = (("criminal", "Criminal Court"), ("supreme", "Supreme Court"))
DOCKET_SOURCES = (("document", "Papers (court record, rap sheet)"), ("memory", "Memory"),
                  ("unknown", "Unknown"), ("caselist", "The DA's case list"))
PLEAS = (("guilty", "Guilty plea"), ("verdict", "Verdict after trial"))
_NYC = (("kings", "Kings (Brooklyn)"), ("new-york", "New York (Manhattan)"), ("bronx", "Bronx"),
        ("queens", "Queens"), ("richmond", "Richmond (Staten Island)"))
COUNTIES: tuple[tuple[str, str], ...] = _NYC + tuple(
    (c, c.replace("-", " ").title()) for c in NY_COUNTIES if c not in dict(_NYC))

OUTCOME_WORDS = {
    "ELIGIBLE": "ELIGIBLE",
    "NEEDS_REVIEW": "NEEDS REVIEW",
    "INELIGIBLE": "NOT ELIGIBLE",
    "RELIEF_BY_STATUTE": "ALREADY CLEARED BY LAW",
}
OUTCOME_MEANING = {
    "ELIGIBLE": "A motion to vacate can be prepared and filed with the DA's consent.",
    "NEEDS_REVIEW": "A draft motion is prepared; the DA's office decides after review.",
    "INELIGIBLE": "No motion under this program. The reasons below say why and where to go instead.",
    "RELIEF_BY_STATUTE": "A later law already vacated or expunged this conviction; no motion is needed.",
}


def offense_choices() -> list[str]:
    """Picker entries, e.g. "PL 221.10(1) — possession 5th: public place or open to view"."""
    return [f"{code}{OFFENSE_SEPARATOR}{text}" for code, text in COMMON_OFFENSES]


def offense_from_choice(text: str) -> str:
    """The offense a picker entry or a free entry stands for ("PL 221.05 — ..." → "PL 221.05")."""
    return text.split(OFFENSE_SEPARATOR, 1)[0].strip()


def offense_choice_text(offense: str) -> str:
    """The picker entry for a stored offense, or the offense itself when it is a free entry."""
    for code, text in COMMON_OFFENSES:
        if code == offense:
            return f"{code}{OFFENSE_SEPARATOR}{text}"
    return offense


# --- the draft --------------------------------------------------------------------------------

def new_conviction(county: str = "kings") -> dict[str, Any]:
    return {
        "court": "criminal", "county": county, "docket": "", "docket_source": "document",
        "offense": "", "attempt": False, "plea": "guilty", "arrest_date": "", "arrest_number": "",
        "conviction_date": "", "sentence": "", "sentence_complete": "", "fines_owed": "",
        "original_charge": "", "other_counts_dismissed": False, "driving_involved": False,
    }


def new_draft(*, language: str = "en", county: str = "kings") -> dict[str, Any]:
    return {
        "language": language, "consent_to_share": False,
        "first_name": "", "middle_name": "", "last_name": "", "suffix": "", "record_name": "", "aliases": [],
        "date_of_birth": "", "nysid": "", "contact": {"phone": "", "email": "", "address": ""},
        "other_convictions": {"violent_felony": False, "sex_offense": False},
        "open_case_or_warrant": False, "immigration_concern": False,
        "convictions": [new_conviction(county)],
    }


_CONVICTION_DEFAULT_KEYS = ("court", "county", "docket_source", "plea", "id")


def is_blank_conviction(conv: dict[str, Any]) -> bool:
    """Nothing typed: only defaults. A blank conviction the user added is dropped, not refused."""
    blank = new_conviction()
    return all(conv.get(k, blank.get(k)) in (blank.get(k), "", None, False)
               for k in set(conv) | set(blank) if k not in _CONVICTION_DEFAULT_KEYS)


def get_path(draft: dict[str, Any], key: str) -> Any:
    node: Any = draft
    for part in key.split("."):
        node = node.get(part, "") if isinstance(node, dict) else ""
    return node


def set_path(draft: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = draft
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def draft_from_applicant(applicant: Any) -> dict[str, Any]:
    """A draft from a stored record (one saved by `kiosk intake` carries no wizard draft)."""
    d = new_draft(language=applicant.language)
    d.update({
        "consent_to_share": applicant.consent_to_share, "first_name": applicant.first_name,
        "middle_name": applicant.middle_name, "last_name": applicant.last_name, "suffix": applicant.suffix,
        "record_name": applicant.record_name, "aliases": list(applicant.aliases),
        "date_of_birth": applicant.date_of_birth.isoformat() if applicant.date_of_birth else "",
        "nysid": applicant.nysid,
        "contact": {"phone": applicant.contact.phone, "email": applicant.contact.email,
                    "address": applicant.contact.address},
        "other_convictions": {"violent_felony": applicant.violent_felony, "sex_offense": applicant.sex_offense},
        "open_case_or_warrant": applicant.open_case_or_warrant,
        "immigration_concern": applicant.immigration_concern,
    })
    d["convictions"] = [{
        "court": c.court, "county": c.county, "docket": c.docket, "docket_source": c.docket_source,
        "offense": c.offense, "attempt": c.attempt, "plea": c.plea,
        "arrest_date": c.arrest_date.isoformat() if c.arrest_date else "", "arrest_number": c.arrest_number,
        "conviction_date": c.conviction_date.isoformat(), "sentence": c.sentence,
        "sentence_complete": "unknown" if c.sentence_complete is None else c.sentence_complete,
        "fines_owed": "unknown" if c.fines_owed is None else c.fines_owed,
        "original_charge": c.original_charge, "other_counts_dismissed": c.other_counts_dismissed,
        "driving_involved": c.driving_involved, "id": c.id,
    } for c in applicant.convictions] or [new_conviction()]
    return d


# --- judging fields with kiosk.validate ------------------------------------------------------

def sentence(label: str, message: str) -> str:
    """"Last name" + "is required" → "Last name is required.\""""
    text = f"{label} {message}".strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _first_error(fn: Any, *args: Any, **kw: Any) -> InputError | None:
    try:
        fn(*args, **kw)
    except InputError as e:
        return e
    return None


def identity_errors(draft: dict[str, Any], *, today: date | None = None) -> dict[str, str]:
    """Field key → sentence, for the identity step. Each field is probed on its own through
    `parse_applicant`, so one bad field never hides another."""
    out: dict[str, str] = {}
    for key in STEP_FIELDS[Step.IDENTITY]:
        probe: dict[str, Any] = {"last_name": "Probe"}
        set_path(probe, key, copy.deepcopy(get_path(draft, key)))
        err = _first_error(parse_applicant, probe, today=today, require_convictions=False)
        if err is None:
            continue
        if key == "aliases" and err.field.startswith("aliases["):
            line = int(err.field[len("aliases["):-1]) + 1
            out[key] = sentence(LABELS[key], f"line {line} {err.message}")
        else:
            out[key] = sentence(LABELS.get(key, key), err.message)
    return out


_PROBE_BASE = {"offense": "PL 221.05", "conviction_date": "2000-01-01"}
# A field is judged together with the fields its rules read.
_CONVICTION_GROUPS: dict[str, tuple[str, ...]] = {
    "docket": ("docket", "court"),
    "county": ("docket", "county"),
    "court": ("court", "docket"),
    "docket_source": ("docket_source",),
    "offense": ("offense", "attempt"),
    "plea": ("plea",),
    "conviction_date": ("conviction_date",),
    "arrest_date": ("arrest_date", "conviction_date"),
    "arrest_number": ("arrest_number",),
    "sentence": ("sentence",),
    "original_charge": ("original_charge",),
}
_DOB_GROUPS = {"conviction_date", "arrest_date"}


def conviction_errors(conv: dict[str, Any], *, date_of_birth: Any = "", today: date | None = None) -> dict[str, str]:
    """Field key (within the conviction) → sentence. Each field is probed with the fields it
    depends on; a final full parse catches whatever the probes could not see."""
    dob = None
    dob_err = _first_error(parse_applicant, {"last_name": "Probe", "date_of_birth": date_of_birth},
                           today=today, require_convictions=False)
    if dob_err is None and date_of_birth:
        dob = date.fromisoformat(str(date_of_birth).strip())
    out: dict[str, str] = {}
    for key, group in _CONVICTION_GROUPS.items():
        probe = {k: v for k, v in _PROBE_BASE.items() if k not in group}
        if "docket" not in group and "county" not in group:
            probe["county"] = "kings"
        for k in group:
            probe[k] = copy.deepcopy(conv.get(k, ""))
        err = _first_error(parse_conviction, probe, "c", date_of_birth=dob if key in _DOB_GROUPS else None,
                           today=today)
        if err is not None and err.field == f"c.{key}":
            out[key] = sentence(CONVICTION_LABELS[key], err.message)
    if not out:
        err = _first_error(parse_conviction, conv, "c", date_of_birth=dob, today=today)
        if err is not None:
            key = err.field.removeprefix("c.")
            out[key] = sentence(CONVICTION_LABELS.get(key, key), err.message)
    return out


def field_errors(step: Step, draft: dict[str, Any], *, today: date | None = None) -> dict[str, str]:
    """Every problem on a step, keyed like the validator's field paths
    (``last_name``, ``contact.phone``, ``convictions[1].docket``)."""
    step = Step(step)
    if step == Step.LANGUAGE_CONSENT:
        err = _first_error(parse_applicant, {"last_name": "Probe", "language": draft.get("language")},
                           require_convictions=False)
        return {"language": sentence(LABELS["language"], err.message)} if err else {}
    if step == Step.IDENTITY:
        return identity_errors(draft, today=today)
    if step == Step.SCREENING:
        out = {}
        for key, _ in SCREENING_QUESTIONS:
            probe: dict[str, Any] = {"last_name": "Probe"}
            set_path(probe, key, get_path(draft, key))
            err = _first_error(parse_applicant, probe, require_convictions=False)
            if err:
                out[key] = sentence(LABELS[key], err.message)
        return out
    if step == Step.CONVICTIONS:
        convs = draft.get("convictions") or []
        out = {}
        for i, conv in enumerate(convs):
            if is_blank_conviction(conv) and any(not is_blank_conviction(c) for c in convs):
                continue  # an empty extra form is dropped on Next, not refused
            for key, msg in conviction_errors(conv, date_of_birth=draft.get("date_of_birth", ""),
                                              today=today).items():
                out[f"convictions[{i}].{key}"] = msg
        return out
    return {}


def label_for(key: str) -> str:
    if key.startswith("convictions["):
        sub = key.split("].", 1)[1]
        return CONVICTION_LABELS.get(sub, sub)
    return LABELS.get(key, key)


def document_kinds(outcomes: list[str] | None) -> tuple[str, ...]:
    """Which papers the documents step offers: the motion packet only when some conviction's
    standing outcome asks for a motion; the receipt always."""
    if outcomes and any(o in MOTION_OUTCOMES for o in outcomes):
        return ("packet", "receipt")
    return ("receipt",)


# --- the flow -----------------------------------------------------------------------------------

def next_step(step: Step, draft: dict[str, Any], outcomes: list[str] | None = None) -> Step | None:
    """The step after `step` for this draft, or None when the flow cannot go on from here."""
    step = Step(step)
    if step == Step.LANGUAGE_CONSENT:
        return Step.IDENTITY if draft.get("consent_to_share") is True else None
    if step == Step.RESULT:
        return Step.DOCUMENTS if outcomes is not None else None
    if step == Step.DONE:
        return None
    return ORDER[ORDER.index(step) + 1]


def blockers(step: Step, draft: dict[str, Any], outcomes: list[str] | None = None, *,
             today: date | None = None) -> list[str]:
    """Plain sentences saying why Next is not available yet (empty: Next is available)."""
    step = Step(step)
    out: list[str] = []
    if step == Step.LANGUAGE_CONSENT and draft.get("consent_to_share") is not True:
        out.append(NO_CONSENT_TEXT)
    if step == Step.CONVICTIONS:
        convs = draft.get("convictions") or []
        if not convs or all(is_blank_conviction(c) for c in convs):
            return ["Add at least one conviction: the offense and the conviction date are needed."]
    errors = field_errors(step, draft, today=today)
    many = step == Step.CONVICTIONS and len(draft.get("convictions") or []) > 1
    for key, msg in errors.items():
        if many and key.startswith("convictions["):
            n = int(key[len("convictions["):key.index("]")]) + 1
            msg = f"Conviction {n}: {msg}"
        out.append(msg)
    if step == Step.RESULT and outcomes is None:
        out.append("The result is being worked out; it appears in a moment.")
    if step == Step.DONE:
        out.append("This applicant is finished.")
    return out


@dataclass(frozen=True)
class Transition:
    """A step change: where from, where to, and what the save at this change must do
    ("draft" autosave, "evaluate" the complete record, "finish" and close the applicant)."""

    source: Step
    target: Step
    save: str


class FlowError(InputError):
    """Next was asked for while the step is not complete (the UI keeps Next disabled)."""


@dataclass
class Wizard:
    draft: dict[str, Any] = field(default_factory=new_draft)
    step: Step = Step.LANGUAGE_CONSENT
    stack: list[Step] = field(default_factory=list)
    outcomes: list[str] | None = None  # standing outcome per conviction, once evaluated
    applicant_id: str = ""
    reference: str = ""
    today: date | None = None

    @classmethod
    def start(cls, *, county: str = "kings", language: str = "en", today: date | None = None) -> Wizard:
        return cls(draft=new_draft(language=language, county=county), today=today)

    # -- reading
    @property
    def errors(self) -> dict[str, str]:
        return field_errors(self.step, self.draft, today=self.today)

    def blockers(self) -> list[str]:
        return blockers(self.step, self.draft, self.outcomes, today=self.today)

    def can_advance(self) -> bool:
        return not self.blockers() and next_step(self.step, self.draft, self.outcomes) is not None

    def can_go_back(self) -> bool:
        return bool(self.stack) and self.step != Step.DONE

    def document_kinds(self) -> tuple[str, ...]:
        return document_kinds(self.outcomes)

    def get(self, key: str) -> Any:
        return get_path(self.draft, key)

    def applicant_json(self) -> dict[str, Any]:
        """The draft in the applicant JSON format (what `kiosk intake` reads), blank forms dropped."""
        d = copy.deepcopy(self.draft)
        convs = [c for c in d.get("convictions") or [] if not is_blank_conviction(c)]
        d["convictions"] = convs
        return d

    # -- editing
    def set(self, key: str, value: Any) -> None:
        if key.startswith("convictions"):
            raise KeyError("use set_conviction for a conviction's fields")
        if key == "aliases":
            if isinstance(value, str):
                value = value.splitlines()
            value = [" ".join(v.split()) for v in value if v and v.strip()]
        set_path(self.draft, key, value)

    def set_conviction(self, index: int, key: str, value: Any) -> None:
        """Set one field of conviction `index`. A docket number that names its county (2015QN…)
        or its court (an indictment number) sets those too, so they never disagree by accident."""
        conv = self.draft["convictions"][index]
        conv[key] = value
        if key == "docket":
            try:
                _, kind, county = parse_docket(value)
            except InputError:
                return
            if county:
                conv["county"] = county
            if kind == "indictment":
                conv["court"] = "supreme"
            elif kind in ("legacy", "current"):
                conv["court"] = "criminal"
        if self.outcomes is not None and key != "id":
            self.outcomes = None  # the result no longer matches the record until re-evaluated

    def add_conviction(self) -> int:
        convs = self.draft.setdefault("convictions", [])
        county = convs[-1].get("county", "kings") if convs else "kings"
        convs.append(new_conviction(county))
        self.outcomes = None
        return len(convs) - 1

    def remove_conviction(self, index: int) -> None:
        convs = self.draft["convictions"]
        del convs[index]
        if not convs:
            convs.append(new_conviction())
        self.outcomes = None

    # -- moving
    def advance(self) -> Transition:
        problems = self.blockers()
        target = next_step(self.step, self.draft, self.outcomes)
        if problems or target is None:
            raise FlowError("step", problems[0] if problems else "this is the last step")
        source = self.step
        if source == Step.CONVICTIONS:
            kept = [c for c in self.draft["convictions"] if not is_blank_conviction(c)]
            self.draft["convictions"] = kept
        self.stack.append(source)
        self.step = target
        save = "evaluate" if source == Step.CONVICTIONS else "finish" if target == Step.DONE else "draft"
        return Transition(source, target, save)

    def back(self) -> Transition:
        if not self.can_go_back():
            raise FlowError("step", "there is no earlier step to go back to")
        source = self.step
        self.step = self.stack.pop()
        return Transition(source, self.step, "draft")

    def can_jump_back(self, step: Step) -> bool:
        """A step already completed on the way here (the step list lets the attorney return to it)."""
        return self.step != Step.DONE and Step(step) in self.stack

    def back_to(self, step: Step) -> Transition:
        """Return to an earlier visited step, as pressing Back until it shows would (values kept)."""
        if not self.can_jump_back(step):
            raise FlowError("step", "that step has not been reached yet")
        source = self.step
        while self.step != step:
            self.step = self.stack.pop()
        return Transition(source, self.step, "draft")

    def set_results(self, outcomes: list[str], conviction_ids: list[str] | None = None) -> None:
        """The standing outcome of each conviction after evaluation (or an override). Conviction ids
        are written into the draft so a later edit or removal keeps each override with its conviction."""
        for o in outcomes:
            if o not in OUTCOMES:
                raise ValueError(f"unknown outcome {o!r}")
        self.outcomes = list(outcomes)
        if conviction_ids:
            for conv, cid in zip(self.draft["convictions"], conviction_ids, strict=False):
                conv["id"] = cid

    def evaluation_failed(self) -> None:
        """The evaluating save was refused: return to the convictions step to fix the record."""
        if self.step == Step.RESULT and self.stack and self.stack[-1] == Step.CONVICTIONS:
            self.step = self.stack.pop()
        self.outcomes = None

    # -- saving and resuming
    def to_state(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, "draft": copy.deepcopy(self.draft), "step": str(self.step),
                "stack": [str(s) for s in self.stack], "outcomes": self.outcomes,
                "applicant_id": self.applicant_id, "reference": self.reference}

    @classmethod
    def from_state(cls, state: dict[str, Any], *, today: date | None = None) -> Wizard:
        if state.get("version") != STATE_VERSION:
            raise InputError("wizard", "was saved by another version of the app")
        return cls(draft=copy.deepcopy(state["draft"]), step=Step(state["step"]),
                   stack=[Step(s) for s in state["stack"]], outcomes=state.get("outcomes"),
                   applicant_id=state.get("applicant_id", ""), reference=state.get("reference", ""),
                   today=today)

    @classmethod
    def resume(cls, draft: dict[str, Any], step: str, *, outcomes: list[str] | None = None,
               applicant_id: str = "", reference: str = "", today: date | None = None) -> Wizard:
        """Reopen a saved applicant at the step where it stopped, with the Back stack rebuilt by
        replaying the flow over the saved draft. A step that needs a result the record does not
        have (a draft saved at the result step but never evaluated) reopens at the convictions
        step; a finished applicant reopens at its papers."""
        base = new_draft(language=draft.get("language") or "en")
        base.update(copy.deepcopy(draft))
        w = cls(draft=base, outcomes=outcomes, applicant_id=applicant_id, reference=reference, today=today)
        target = Step(step) if step in set(Step) else Step.LANGUAGE_CONSENT
        if target == Step.DONE:
            target = Step.DOCUMENTS
        if target in (Step.RESULT, Step.DOCUMENTS) and outcomes is None:
            target = Step.CONVICTIONS
        while w.step != target:
            nxt = ORDER[ORDER.index(w.step) + 1]
            w.stack.append(w.step)
            w.step = nxt
        return w


def state_json(w: Wizard) -> str:
    return json.dumps(w.to_state(), ensure_ascii=False, sort_keys=True)


# --- other forms the GUI fills (first-run event set-up, a new attorney) ---------------------------

# Names unique across the whole app (the applicant's "Phone" and "County" are the wizard's), so a
# script that looks a field up by name among every widget, shown or not, finds the right one.
EVENT_LABELS = {
    "name": "Event name", "starts_on": "First day", "ends_on": "Last day", "venue": "Venue",
    "address": "Venue address", "county": "Event county", "laptop_name": "Laptop name",
    "office_recipient": "DA office public key", "part": "Court Part", "return_date": "Return date",
}
ATTORNEY_LABELS = {
    "name": "Name", "organization": "Organization", "registration_number": "Registration number",
    "phone": "Office phone", "office_address": "Office address",
    "typed_signature": "Sign papers with a typed /s/ signature",
    "pin": "Choose a PIN", "pin_repeat": "Repeat the PIN",
}
ORGANIZATIONS = ("The Legal Aid Society", "Brooklyn Defender Services")


def event_errors(raw: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in EVENT_LABELS:
        probe = {"name": "Probe", "starts_on": "2018-09-21"}
        if key == "ends_on":
            probe["starts_on"] = raw.get("starts_on", "")
        probe[key] = raw.get(key, "")
        err = _first_error(parse_event, probe, "event")
        if err is not None and err.field == f"event.{key}":
            out[key] = sentence(EVENT_LABELS[key], err.message)
    return out


def attorney_errors(raw: dict[str, Any], pin: str | None = None, pin_repeat: str | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ("name", "organization", "registration_number", "phone", "office_address"):
        probe = {"name": "Probe", key: raw.get(key, "")}
        err = _first_error(parse_attorney, probe, "attorney")
        if err is not None and err.field == f"attorney.{key}":
            out[key] = sentence(ATTORNEY_LABELS[key], err.message)
    if pin is not None:
        if pins.pin_problem(pin):
            out["pin"] = sentence(ATTORNEY_LABELS["pin"], pins.pin_problem(pin))
        elif pin_repeat is not None and pin_repeat != pin:
            out["pin_repeat"] = "The two PINs are not the same."
    return out


def language_choices() -> list[tuple[str, str]]:
    return list(LANGUAGES.items())
