"""What the applicant's wizard says: its steps and their titles, the label of every field (also
its accessible name), the questions, the pickers' choices and the words for each outcome.

The flow (kiosk.wizard.flow) and the checks (kiosk.wizard.checks) read these; `ui/` draws them."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from ..forms import COUNTIES  # noqa: F401 (the county picker, shared with the event set-up form)
from ..models import LANGUAGES


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

def language_choices() -> list[tuple[str, str]]:
    return list(LANGUAGES.items())

