"""The Result step: one card per conviction in plain words, and the attorney's override behind
a button.

The applicant reads the outcome in their language, in the tense of this step (nothing is
prepared yet). The attorney reads why in plain words; rule ids and pack slugs sit on one small
details line. A conviction from another county gets the referral contacts the deciding pack's
templates carry (`referrals.toml`, as on the receipt), or a plain-words fallback. The override panel
opens only on "Override the outcome…" and offers only outcomes that differ from the current one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.models import OUTCOMES
from kiosk.wizard import OUTCOME_MEANING, OUTCOME_WORDS, Step

from .. import i18n
from ..forms import button, button_row, card, combo, grid, label, text_area
from ..icons import outcome_pixmap
from .pages import StepPage

OVERRIDE_BUTTON = "Override the outcome\u2026"


def county_name(slug: str) -> str:
    return slug.replace("-", " ").title()


def referral(conviction: Any, det: Any) -> str:
    """Where to send an applicant whose conviction is from another county: that county's DA and
    free defenders from the deciding pack's referral data (the same the receipt prints), marked
    "to confirm" until checked; plain words where the pack has none for that county."""
    try:
        from kiosk.papers.scope import referral_for  # lazy: the papers' templates load on first result

        contact = referral_for(conviction, det)
    except Exception:  # a missing or broken template must not hide the result
        contact = None
    if contact is not None:
        text = f"Refer to: {contact.district_attorney}"
        if contact.phone:
            text += f" \u00b7 {contact.phone}"
        if contact.defenders:
            text += ". Free legal help: " + ", ".join(contact.defenders)
        return text + ("." if contact.confirmed else " (to confirm before sending anyone).")
    return (f"Refer the applicant to the District Attorney's office of {county_name(conviction.county)} County, "
            "or to a public defender or legal aid office there: only that county's DA can consent.")


def other_county(lang: str, county: str) -> str:
    """The receipt's sentence, in the applicant's language: only that county's DA can agree."""
    # lazy: the receipt's module loads fpdf2 and PIL
    from kiosk.papers.receipt import ANY_COUNTY, COUNTY_NAMES, OTHER_COUNTY

    where = i18n.tr(lang, COUNTY_NAMES[county]) if county in COUNTY_NAMES else \
        i18n.tr(lang, ANY_COUNTY).format(county=county_name(county))
    return i18n.tr(lang, OTHER_COUNTY).format(county=where)


class OutcomeCard(QFrame):
    """One conviction's result: the outcome in large words with its shape, what it means (for the
    attorney and, in their language, for the applicant), why in plain words, advice, the
    referral, and a details line with the rule ids."""

    def __init__(self, index: int, conviction: Any, det: Any, language: str = "en") -> None:
        super().__init__()
        self.setObjectName("card")
        self.outcome = det.standing_outcome
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        icon = QLabel()
        icon.setPixmap(outcome_pixmap(self.outcome, 56))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName(OUTCOME_WORDS[self.outcome])
        layout.addWidget(icon)
        col = QVBoxLayout()
        col.setSpacing(6)
        self.word = label(OUTCOME_WORDS[self.outcome], "outcome")
        col.addWidget(self.word)
        where = [conviction.offense, f"docket {conviction.docket}" if conviction.docket else "no docket number",
                 conviction.court_name, county_name(conviction.county),
                 f"convicted {conviction.conviction_date.isoformat()}"]
        col.addWidget(label(f"Conviction {index + 1}: " + " \u00b7 ".join(where), "h2"))
        summary = i18n.outcome_for_applicant(language, self.outcome)
        if self.outcome == "INELIGIBLE" and conviction.county and conviction.county != "kings":
            summary += " " + other_county(language, conviction.county)
        self.for_applicant = label(summary)
        self.for_applicant.setObjectName("applicant")
        self.for_applicant.setAccessibleName("For the applicant")
        col.addWidget(self.for_applicant)
        col.addWidget(label(OUTCOME_MEANING[self.outcome], "small"))
        reasons = [h for h in det.hits if h.outcome != "ADVISORY"]
        advice = [h for h in det.hits if h.outcome == "ADVISORY"]
        if reasons:
            col.addWidget(label("Why: " + " ".join(h.reason for h in reasons)))
        for h in advice:
            col.addWidget(label(f"Advice: {h.reason}"))
        if self.outcome == "INELIGIBLE" and conviction.county and conviction.county != "kings":
            self.referral = label(referral(conviction, det))
            self.referral.setAccessibleName("Referral")
            col.addWidget(self.referral)
        packs = sorted({h.pack_id for h in det.hits if h.pack_id})
        ids = ", ".join(h.rule_id for h in det.hits)
        if ids:
            self.details = label(f"Details for the attorney: rules {ids}" + (f" ({', '.join(packs)})" if packs else ""),
                                 "small")
            col.addWidget(self.details)
        if det.overridden:
            self.override_note = label(
                f"Attorney override: the rules said {OUTCOME_WORDS[det.outcome]}. "
                f"Reason: {det.override_reason}", "small")
            col.addWidget(self.override_note)
        layout.addLayout(col, 1)
        self.setAccessibleName(f"Conviction {index + 1}: {OUTCOME_WORDS[self.outcome]}")


class ResultPage(StepPage):
    step = Step.RESULT
    override_requested = Signal(int, str, str)  # conviction index, outcome ("" removes), reason

    def __init__(self) -> None:
        super().__init__("", "The rules' answer for each conviction, and why. The attorney decides: an "
                             "outcome can be overridden with a written reason.")
        self.waiting = label("Working out the result\u2026", "lead")
        self.body.addWidget(self.waiting)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(12)
        self.body.addLayout(self.cards_box)
        self.cards: list[OutcomeCard] = []

        self.open_override = button(OVERRIDE_BUTTON, mnemonics=self.mnemonics)
        self.open_override.setCheckable(True)
        self.mnemonics_text = {OVERRIDE_BUTTON: self.open_override.text(), "Hide the override": "&Hide the override"}
        self.body.addLayout(button_row([self.open_override]))
        self.override_box = card()
        ob = QVBoxLayout(self.override_box)
        ob.setContentsMargins(16, 12, 16, 12)
        ob.addWidget(label("Attorney override", "h2"))
        g = grid()
        self.target = combo()
        self.add_field("override.conviction", "Conviction to override", self.target).place(g, 0, 0)
        self.new_outcome = combo()
        self.add_field("override.outcome", "New outcome", self.new_outcome,
                       hint="Only outcomes that differ from the current one.").place(g, 0, 1)
        self.reason = text_area(2)
        self.add_field("override.reason", "Reason for override", self.reason,
                       hint="Required: why the rules' answer does not fit (at least 10 characters). "
                            "Both answers are kept and the override is logged.").place(g, 1, 0, 2)
        g.setColumnStretch(0, 1)
        g.setColumnStretch(1, 1)
        ob.addLayout(g)
        self.clear_button = button("Remove override", mnemonics=self.mnemonics)
        self.apply_button = button("Apply override", mnemonics=self.mnemonics)
        ob.addLayout(button_row(right=[self.clear_button, self.apply_button]))
        self.body.addWidget(self.override_box)
        self.override_box.hide()

        g2 = grid()
        self.note = text_area(3)
        self.add_field("attorney_note", "Attorney note", self.note,
                       hint="For the file and the DA's office. Not printed on the applicant's receipt."
                       ).place(g2, 0, 0)
        self.body.addLayout(g2)
        self.body.addStretch(1)
        self.apply_button.clicked.connect(self._apply)
        self.clear_button.clicked.connect(lambda: self.override_requested.emit(self.target.currentIndex(), "", ""))
        self.target.currentIndexChanged.connect(self._target_changed)
        self.open_override.toggled.connect(self._toggle_override)
        self.dets: list[Any] = []
        self.show_waiting(True)

    def load(self, wizard: Any) -> None:
        """Draft fields on this page are none: the note and the override are not part of the draft."""

    def _toggle_override(self, on: bool) -> None:
        self.override_box.setVisible(on)
        text = "Hide the override" if on else OVERRIDE_BUTTON
        self.open_override.setText(self.mnemonics_text.get(text, text))
        self.open_override.setAccessibleName(text)
        if on:
            self.target.setFocus()
            QTimer.singleShot(0, lambda: self.ensure_visible(self.apply_button))  # once laid out

    def ensure_visible(self, widget: QWidget) -> None:
        if self.scroll is not None:
            self.scroll.ensureWidgetVisible(widget)

    def show_waiting(self, waiting: bool) -> None:
        self.waiting.setVisible(waiting)
        self.open_override.setEnabled(not waiting)
        self.override_box.setEnabled(not waiting)
        if waiting:
            self.open_override.setChecked(False)

    def render(self, applicant: Any, dets: list[Any]) -> None:
        for c in self.cards:
            self.cards_box.removeWidget(c)
            c.deleteLater()
        self.cards = []
        self.dets = list(dets)
        for i, (conv, det) in enumerate(zip(applicant.convictions, dets, strict=True)):
            card_ = OutcomeCard(i, conv, det, applicant.language)
            self.cards_box.addWidget(card_)
            self.cards.append(card_)
        keep = max(0, self.target.currentIndex())
        self.target.blockSignals(True)
        self.target.clear()
        for i, conv in enumerate(applicant.convictions):
            self.target.addItem(f"{i + 1}. {conv.offense}" + (f" \u00b7 {conv.docket}" if conv.docket else ""), i)
        self.target.setCurrentIndex(min(keep, len(dets) - 1))
        self.target.blockSignals(False)
        self._target_changed()
        self.show_waiting(False)

    def _target_changed(self, *_: Any) -> None:
        """Offer only the outcomes that would change something for the chosen conviction."""
        i = self.target.currentIndex()
        det = self.dets[i] if 0 <= i < len(self.dets) else None
        self.clear_button.setEnabled(bool(det and det.overridden))
        self.new_outcome.clear()
        for o in OUTCOMES:
            if det is None or o != det.standing_outcome:
                self.new_outcome.addItem(OUTCOME_WORDS[o], o)

    def _apply(self) -> None:
        self.override_requested.emit(self.target.currentIndex(), self.new_outcome.currentData() or "",
                                     self.reason.toPlainText())

    def first_input(self) -> QWidget | None:
        return self.note
