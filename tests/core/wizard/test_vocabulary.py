"""What the wizard says: the offense picker's entries, the yes / no / unknown answers as the draft
keeps them, and one label for every field a step asks."""

from __future__ import annotations

import pytest

from kiosk.wizard.vocabulary import (
    CONVICTION_LABELS,
    LABELS,
    ORDER,
    STEP_FIELDS,
    Step,
    answer_from_draft,
    answer_to_draft,
    offense_choice_text,
    offense_choices,
    offense_from_choice,
)


def test_the_offense_picker_lists_the_common_sections_first_and_reads_free_entry():
    choices = offense_choices()
    assert choices[0].startswith("PL 221.10(1)") and choices[1].startswith("PL 221.05")
    assert offense_from_choice(choices[0]) == "PL 221.10(1)"
    assert offense_from_choice("VTL 1192(3)") == "VTL 1192(3)"
    assert offense_choice_text("PL 221.05") == choices[1]
    assert offense_choice_text("PL 110/221.10") == "PL 110/221.10"


@pytest.mark.parametrize(("choice", "stored"), [("yes", True), ("no", False), ("unknown", "unknown"), ("", "")])
def test_an_answer_goes_into_the_draft_and_comes_back_as_the_same_choice(choice, stored):
    assert answer_to_draft(choice) == stored
    assert answer_from_draft(stored) == choice
    assert answer_from_draft(None) == "unknown"  # a record that stored the answer as unknown


def test_every_field_a_step_asks_has_a_label_and_every_step_is_in_the_order():
    assert set(ORDER) == set(Step) and ORDER[0] == Step.LANGUAGE_CONSENT
    for step, fields in STEP_FIELDS.items():
        for key in fields:
            assert key in LABELS or key.split(".")[-1] in CONVICTION_LABELS, (step, key)
