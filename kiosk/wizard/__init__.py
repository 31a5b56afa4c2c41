"""The applicant's wizard without Qt: what it says (vocabulary), what it edits (draft), what
blocks a step (checks, every problem at once from kiosk.validate) and how it moves (flow).

Imported as one name by `ui/` (`from kiosk.wizard import Step, Wizard, LABELS, ...`). The event
set-up and sign-in forms live in kiosk.forms."""

from .checks import field_errors, label_for, sentence
from .draft import (
    draft_from_applicant,
    get_path,
    is_blank_conviction,
    new_conviction,
    new_draft,
    set_path,
)
from .flow import (
    STATE_VERSION,
    FlowError,
    Transition,
    Wizard,
    blockers,
    document_kinds,
    next_step,
    state_json,
)
from .vocabulary import (
    ANSWER_HINTS,
    ANSWER_KEYS,
    ANSWERS,
    COMMON_OFFENSES,
    CONSENT_TEXT,
    CONVICTION_LABELS,
    COUNTIES,
    COURTS,
    DOCKET_SOURCES,
    LABELS,
    NO_CONSENT_TEXT,
    OFFENSE_SEPARATOR,
    ORDER,
    OUTCOME_MEANING,
    OUTCOME_WORDS,
    PLEAS,
    RECORD_NAME_HINT,
    REQUIRED,
    SCREENING_QUESTIONS,
    SENTENCES,
    STEP_FIELDS,
    TITLES,
    Step,
    answer_from_draft,
    answer_to_draft,
    language_choices,
    offense_choice_text,
    offense_choices,
    offense_from_choice,
)

__all__ = [
    "ANSWERS", "ANSWER_HINTS", "ANSWER_KEYS", "COMMON_OFFENSES", "CONSENT_TEXT", "CONVICTION_LABELS",
    "COUNTIES", "COURTS", "DOCKET_SOURCES", "LABELS", "NO_CONSENT_TEXT", "OFFENSE_SEPARATOR", "ORDER",
    "OUTCOME_MEANING", "OUTCOME_WORDS", "PLEAS", "RECORD_NAME_HINT", "REQUIRED", "SCREENING_QUESTIONS",
    "SENTENCES", "STATE_VERSION", "STEP_FIELDS", "TITLES", "FlowError", "Step", "Transition", "Wizard",
    "answer_from_draft", "answer_to_draft", "blockers", "document_kinds", "draft_from_applicant",
    "field_errors", "get_path", "is_blank_conviction", "label_for", "language_choices", "new_conviction",
    "new_draft", "next_step", "offense_choice_text", "offense_choices", "offense_from_choice",
    "sentence", "set_path", "state_json",
]
