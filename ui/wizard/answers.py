"""The conviction's yes / no / unknown questions ("Sentence completed", "Fines owed"), asked at
the top of the conviction with no answer chosen: the affirmation states only what is answered
(docs/papers.md). The choices and labels are data in kiosk.wizard."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QBoxLayout

from kiosk.wizard import ANSWER_HINTS, ANSWER_KEYS, ANSWERS, CONVICTION_LABELS, answer_from_draft, answer_to_draft

from ..forms import combo, grid


def add_answer_fields(page: Any, layout: QBoxLayout) -> None:
    """Add the answer pickers to `page` (a StepPage) side by side, at the end of `layout`."""
    g = grid()
    for column, key in enumerate(ANSWER_KEYS):
        page.add_field(key, CONVICTION_LABELS[key], combo(ANSWERS), hint=ANSWER_HINTS[key],
                       to_draft=answer_to_draft, from_draft=answer_from_draft).place(g, 0, column)
    g.setColumnStretch(0, 1)
    g.setColumnStretch(1, 1)
    layout.addLayout(g)
