"""One page per wizard step. Pages lay out fields bound to the draft's keys and show what the
view tells them; the flow, the checks and the saving belong to `kiosk.wizard` and the view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.models import LANGUAGES, OUTCOMES
from kiosk.wizard import (
    CONSENT_TEXT,
    CONVICTION_LABELS,
    COUNTIES,
    COURTS,
    DOCKET_SOURCES,
    LABELS,
    OUTCOME_MEANING,
    OUTCOME_WORDS,
    PLEAS,
    RECORD_NAME_HINT,
    SCREENING_QUESTIONS,
    SENTENCES,
    Step,
    is_blank_conviction,
    offense_choice_text,
    offense_choices,
    offense_from_choice,
)

from .. import i18n
from ..forms import Field, Mnemonics, button, button_row, card, combo, grid, label, line_edit, scroll_page, text_area
from ..icons import outcome_pixmap
from ..preview import PaperPreview
from .answers import add_answer_fields
from .signing_date import PapersFacts

# Letters the wizard's own buttons use (Back, Next, Save and close) and the window's (Lock, Dismiss).
RESERVED = "bncld"


class StepPage(QWidget):
    """A step's page: `fields` maps draft keys to bound fields."""

    step: Step

    def __init__(self, heading: str = "", lead: str = "") -> None:
        super().__init__()
        self.setObjectName("page")
        self.mnemonics = Mnemonics(RESERVED)
        self.fields: dict[str, Field] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        inner.setObjectName("page")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(28, 8, 28, 16)
        self.body.setSpacing(12)
        self.heading = label(heading, "h2")
        if heading:  # the view's title already names the step; a page adds a heading only if it says more
            self.body.addWidget(self.heading)
        if lead:
            self.lead = label(lead, "lead")
            self.body.addWidget(self.lead)
        self.scroll = scroll_page(inner)
        outer.addWidget(self.scroll)

    def add_field(self, key: str, text: str, widget: QWidget, **kw: Any) -> Field:
        f = Field(key, text, widget, mnemonics=self.mnemonics, **kw)
        self.fields[key] = f
        return f

    def load(self, wizard: Any) -> None:
        for key, f in self.fields.items():
            f.set_value(wizard.get(key))

    def field_for_error(self, key: str) -> Field | None:
        return self.fields.get(key)

    def first_input(self) -> QWidget | None:
        return next(iter(self.fields.values())).widget if self.fields else None


class ConsentPage(StepPage):
    step = Step.LANGUAGE_CONSENT

    def __init__(self) -> None:
        super().__init__("Welcome", CONSENT_TEXT)
        g = grid()
        lang = combo(LANGUAGES.items())
        lang_field = self.add_field("language", LABELS["language"], lang, hint=i18n.LANGUAGE_HINT)
        lang_field.place(g, 0, 0)
        g.setColumnStretch(1, 1)
        self.body.addLayout(g)
        # in the applicant's language (the field labels stay English: they are the attorney's
        # and the accessible names); the statement repeats the consent for a non-English reader
        self.statement = label("", "lead")
        self.body.addWidget(self.statement)
        consent = QCheckBox()
        consent_field = self.add_field("consent_to_share", LABELS["consent_to_share"], consent,
                                       hint="Read the paragraph above to the applicant, or let them read it.")
        g2 = grid()
        consent_field.place(g2, 0, 0)
        self.body.addLayout(g2)
        self.body.addStretch(1)
        self.applicant_text = i18n.ApplicantText(self)
        self.applicant_text.bind(self.heading.setText, i18n.WELCOME)
        self.applicant_text.bind(self.lead.setText, CONSENT_TEXT)
        self.applicant_text.bind(lang_field.hint.setText, i18n.LANGUAGE_HINT)
        self.applicant_text.bind(self.statement.setText, i18n.CONSENT_STATEMENT)
        self.applicant_text.language_changed.connect(lambda code: self.statement.setVisible(code != "en"))
        self.statement.hide()
        lang.currentIndexChanged.connect(lambda _i: self.set_language(lang.currentData()))

    def set_language(self, lang: str | None) -> None:
        """The language pick retranslates this page at once (and Qt's own texts with it)."""
        self.applicant_text.set_language(lang)
        if self.isVisible():
            i18n.use_qt_language(self.applicant_text.language)

    def load(self, wizard: Any) -> None:
        super().load(wizard)
        self.applicant_text.set_language(wizard.get("language"))


class IdentityPage(StepPage):
    step = Step.IDENTITY

    def __init__(self) -> None:
        super().__init__("",
                         "The legal name as it appears on the court papers. Only the last name is required.")
        g = grid()
        spec = [
            ("first_name", 0, 0, 1, line_edit(max_length=80), ""),
            ("middle_name", 0, 1, 1, line_edit(max_length=80), ""),
            ("last_name", 1, 0, 1, line_edit(max_length=80), ""),
            ("suffix", 1, 1, 1, line_edit(max_length=10), "Jr., Sr., III"),
            ("record_name", 2, 0, 2, line_edit("WANG, XIUYING", max_length=240), RECORD_NAME_HINT),
            ("aliases", 3, 0, 2, text_area(3), "Other names or spellings on court papers, one per line."),
            ("date_of_birth", 4, 0, 1, line_edit("YYYY-MM-DD", max_length=10), "YYYY-MM-DD"),
            ("nysid", 4, 1, 1, line_edit(max_length=20),
             "Optional: from a rap sheet (8 digits and a letter). Unknown is fine."),
        ]
        for key, r, c, span, w, hint in spec:
            self.add_field(key, LABELS[key], w, hint=hint, required=key == "last_name").place(g, r, c, span)
        g.setColumnStretch(0, 1)
        g.setColumnStretch(1, 1)
        self.body.addLayout(g)
        self.body.addWidget(label("Contact for follow-up (optional)", "h2"))
        self.body.addWidget(label("Used only to reach the applicant about the motion. Never printed on court "
                                  "papers.", "hint"))
        g2 = grid()
        self.add_field("contact.phone", LABELS["contact.phone"], line_edit(max_length=30)).place(g2, 0, 0)
        self.add_field("contact.email", LABELS["contact.email"], line_edit(max_length=254)).place(g2, 0, 1)
        self.add_field("contact.address", LABELS["contact.address"], line_edit(max_length=300)).place(g2, 1, 0, 2)
        g2.setColumnStretch(0, 1)
        g2.setColumnStretch(1, 1)
        self.body.addLayout(g2)
        self.body.addStretch(1)

    def first_input(self) -> QWidget | None:
        return self.fields["first_name"].widget


class ScreeningPage(StepPage):
    step = Step.SCREENING

    def __init__(self) -> None:
        super().__init__("",
                         "Check each one that applies. Leave it unchecked if the answer is no. "
                         "The answers help the lawyer; they are not shared on the receipt.")
        g = grid()
        self.applicant_text = i18n.ApplicantText(self)
        self.applicant_text.bind(self.lead.setText, i18n.SCREENING_LEAD)
        for row, (key, explanation) in enumerate(SCREENING_QUESTIONS):
            f = self.add_field(key, LABELS[key], QCheckBox(), hint=explanation)
            f.place(g, row, 0)
            self.applicant_text.bind(f.hint.setText, explanation)  # the question stays English
        self.body.addLayout(g)
        self.body.addStretch(1)

    def load(self, wizard: Any) -> None:
        super().load(wizard)
        self.applicant_text.set_language(wizard.get("language"))


def conviction_summary(i: int, conv: dict) -> str:
    if is_blank_conviction(conv):
        return f"{i + 1}. (not filled in yet)"
    parts = [conv.get("offense") or "offense?", conv.get("docket") or "no docket number",
             conv.get("conviction_date") or "date?"]
    return f"{i + 1}. " + " \u00b7 ".join(p for p in parts if p)


class ConvictionsPage(StepPage):
    """A list of the applicant's convictions and an editor for the selected one."""

    step = Step.CONVICTIONS
    selected = Signal(int)
    add_requested = Signal()
    remove_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__("",
                         "One entry per conviction. Leave the docket number blank if the applicant has no "
                         "papers: the record is marked unverified, never refused.")
        self.current = 0
        top = QHBoxLayout()
        top.setSpacing(20)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setMinimumWidth(260)
        self.list.setMaximumWidth(380)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_field = self.add_field("convictions", "Convictions", self.list)
        lg = grid()
        self.list_field.place(lg, 0, 0)
        left.addLayout(lg)
        self.add_button = button("Add another conviction", mnemonics=self.mnemonics)
        self.remove_button = button("Remove conviction", mnemonics=self.mnemonics)
        left.addWidget(self.add_button)
        left.addWidget(self.remove_button)
        left.addStretch(1)
        top.addLayout(left, 1)

        editor = QVBoxLayout()
        self.editor_title = label("Conviction 1", "h2")
        editor.addWidget(self.editor_title)
        add_answer_fields(self, editor)  # "Sentence completed", "Fines owed": asked first, no default
        g = grid()
        L = CONVICTION_LABELS  # noqa: N806 (a table of labels)
        offense = combo([(c, c) for c in offense_choices()], editable=True)
        offense.lineEdit().setPlaceholderText("Pick, or type e.g. PL 221.10(1)")
        sentence = combo([(s, s) for s in SENTENCES], editable=True)
        sentence.lineEdit().setPlaceholderText("Pick, or type")
        original = line_edit("e.g. PL 221.40", max_length=60)
        spec: list[tuple[str, QWidget, str, int, int, int]] = [
            ("docket", line_edit("2016KN074376 or CR-004766-24KN", max_length=40),
             "Blank if unknown.", 0, 0, 1),
            ("docket_source", combo(DOCKET_SOURCES), "", 0, 1, 1),
            ("court", combo(COURTS), "", 1, 0, 1),
            ("county", combo(COUNTIES), "Set from the docket number when it names a county.", 1, 1, 1),
            ("offense", offense, "The offense of conviction (what the plea was to).", 2, 0, 2),
            ("conviction_date", line_edit("YYYY-MM-DD", max_length=10), "Plea or verdict date.", 3, 0, 1),
            ("plea", combo(PLEAS), "", 3, 1, 1),
            ("arrest_date", line_edit("YYYY-MM-DD", max_length=10), "Optional.", 4, 0, 1),
            ("arrest_number", line_edit("K18612345", max_length=20), "Optional.", 4, 1, 1),
            ("sentence", sentence, "", 5, 0, 1),
            ("original_charge", original, "Optional: the top charge at arrest, if different.", 5, 1, 1),
        ]
        for key, w, hint, r, c, span in spec:
            kw: dict[str, Any] = {}
            if key == "offense":
                kw = {"to_draft": offense_from_choice, "from_draft": offense_choice_text}
            self.add_field(key, L[key], w, hint=hint, required=key in ("offense", "conviction_date"),
                           **kw).place(g, r, c, span)
        checks = QGridLayout()
        checks.setHorizontalSpacing(24)
        for i, key in enumerate(("attempt", "other_counts_dismissed", "driving_involved")):
            hint = {"driving_involved": "Smoking while driving, or a driving (VTL 1192) count in the case.",
                    "other_counts_dismissed": "The plea dismissed other counts of the case.",
                    "attempt": "The conviction was for an attempt."}.get(key, "")
            self.add_field(key, L[key], QCheckBox(), hint=hint).place(checks, i // 2, i % 2)
        g.addLayout(checks, 6, 0, 1, 2)
        g.setColumnStretch(0, 1)
        g.setColumnStretch(1, 1)
        editor.addLayout(g)
        editor.addStretch(1)
        top.addLayout(editor, 3)
        self.body.addLayout(top)
        self.list.currentRowChanged.connect(self._row_changed)
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.current))

    def editor_keys(self) -> list[str]:
        return [k for k in self.fields if k != "convictions"]

    def load(self, wizard: Any) -> None:
        convs = wizard.draft["convictions"]
        self.current = min(self.current, len(convs) - 1)
        self.refresh_list(convs)
        self.load_editor(convs[self.current])

    def refresh_list(self, convs: list[dict]) -> None:
        self.list.blockSignals(True)
        while self.list.count() > len(convs):
            self.list.takeItem(self.list.count() - 1)
        for i, conv in enumerate(convs):
            text = conviction_summary(i, conv)
            if i < self.list.count():
                if self.list.item(i).text() != text:
                    self.list.item(i).setText(text)
            else:
                self.list.addItem(QListWidgetItem(text))
        self.list.setCurrentRow(self.current)
        self.list.blockSignals(False)
        self.remove_button.setEnabled(len(convs) > 1 or not is_blank_conviction(convs[0]))

    def load_editor(self, conv: dict) -> None:
        self.editor_title.setText(f"Conviction {self.current + 1}")
        for key in self.editor_keys():
            self.fields[key].set_value(conv.get(key, ""))

    def _row_changed(self, row: int) -> None:
        if row >= 0 and row != self.current:
            self.current = row
            self.selected.emit(row)

    def field_for_error(self, key: str) -> Field | None:
        if key.startswith("convictions["):
            index = int(key[len("convictions["):key.index("]")])
            sub = key.split("].", 1)[1]
            return self.fields.get(sub) if index == self.current else None
        return None

    def first_input(self) -> QWidget | None:
        return self.fields["docket"].widget


class OutcomeCard(QFrame):
    """One conviction's result: the outcome in large words with its shape, what it means, the
    rules that decided it and their reasons, advice, and any attorney override."""

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
                 conviction.court_name, conviction.county.replace("-", " ").title(),
                 f"convicted {conviction.conviction_date.isoformat()}"]
        col.addWidget(label(f"Conviction {index + 1}: " + " \u00b7 ".join(where), "h2"))
        col.addWidget(label(OUTCOME_MEANING[self.outcome]))
        self.for_applicant = label(i18n.outcome_for_applicant(language, self.outcome))
        self.for_applicant.setAccessibleName("For the applicant")
        col.addWidget(self.for_applicant)
        reasons = [h for h in det.hits if h.outcome != "ADVISORY"]
        advice = [h for h in det.hits if h.outcome == "ADVISORY"]
        if reasons:
            col.addWidget(label("Why:", "small"))
            for h in reasons:
                col.addWidget(label(f"\u2022 {h.rule_id} ({h.pack_id}): {h.reason}"))
        if advice:
            col.addWidget(label("Advice:", "small"))
            for h in advice:
                col.addWidget(label(f"\u2022 {h.rule_id}: {h.reason}"))
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

        self.override_box = card()
        ob = QVBoxLayout(self.override_box)
        ob.setContentsMargins(16, 12, 16, 12)
        ob.addWidget(label("Attorney override", "h2"))
        g = grid()
        self.target = combo()
        self.add_field("override.conviction", "Conviction to override", self.target).place(g, 0, 0)
        self.new_outcome = combo([(o, OUTCOME_WORDS[o]) for o in OUTCOMES])
        self.add_field("override.outcome", "New outcome", self.new_outcome).place(g, 0, 1)
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
        self.dets: list[Any] = []
        self.show_waiting(True)

    def load(self, wizard: Any) -> None:
        """Draft fields on this page are none: the note and the override are not part of the draft."""

    def show_waiting(self, waiting: bool) -> None:
        self.waiting.setVisible(waiting)
        self.override_box.setEnabled(not waiting)
        self.override_box.setVisible(not waiting)

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
        i = self.target.currentIndex()
        overridden = 0 <= i < len(self.dets) and self.dets[i].overridden
        self.clear_button.setEnabled(overridden)

    def _apply(self) -> None:
        self.override_requested.emit(self.target.currentIndex(), self.new_outcome.currentData(),
                                     self.reason.toPlainText())

    def first_input(self) -> QWidget | None:
        return self.note


PAPER_TEXT = {
    "packet": ("Motion papers", "Notice of motion, affirmation, the People's consent and a proposed order for "
                                "each conviction that needs a motion. In English (court papers)."),
    "receipt": ("Applicant's receipt", "The reference number, what happens next and who to call, in the "
                                       "applicant's language."),
}


class DocumentsPage(StepPage):
    step = Step.DOCUMENTS
    save_requested = Signal(str)  # kind

    def __init__(self) -> None:
        super().__init__("", "Look over the papers, then print them: the motion papers for the court, the DA and "
                             "the applicant, and the applicant's receipt. Save as PDF if no printer works.")
        self.explain = label("", "lead")
        self.body.addWidget(self.explain)
        self.facts = PapersFacts()  # the date of signing and the needed facts still missing
        self.body.addWidget(self.facts)
        self.rows: dict[str, tuple[QFrame, Any]] = {}
        self.paper_actions = QVBoxLayout()  # where preview and print controls are added next to saving
        for kind in ("packet", "receipt"):
            box = card()
            bl = QHBoxLayout(box)
            bl.setContentsMargins(16, 12, 16, 12)
            col = QVBoxLayout()
            title, text = PAPER_TEXT[kind]
            col.addWidget(label(title, "h2"))
            col.addWidget(label(text))
            bl.addLayout(col, 1)
            b = button(f"Save {'packet' if kind == 'packet' else 'receipt'} PDF\u2026", mnemonics=self.mnemonics)
            b.clicked.connect(lambda _=False, k=kind: self.save_requested.emit(k))
            bl.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            self.body.addWidget(box)
            self.rows[kind] = (box, b)
        self.preview = PaperPreview(mnemonics=self.mnemonics)
        self.preview.setMinimumHeight(420)
        self.paper_actions.addWidget(self.preview)
        self.body.addLayout(self.paper_actions)
        self.status = label("", "lead")
        self.status.setAccessibleName("Papers status")
        self.body.addWidget(self.status)
        self.body.addStretch(1)

    def load(self, wizard: Any) -> None:
        kinds = wizard.document_kinds()
        for kind, (box, _) in self.rows.items():
            box.setVisible(kind in kinds)
        if "packet" in kinds:
            self.explain.setText("At least one conviction needs a motion: save the motion papers and the receipt.")
        else:
            self.explain.setText("No motion papers: no conviction can be vacated by a motion under this program "
                                 "(the result step says why). The receipt tells the applicant what that means.")

    def set_available(self, available: bool) -> None:
        for _, b in self.rows.values():
            b.setEnabled(available)
        if not available:
            self.status.setText("The papers cannot be made on this laptop yet: the document builder is not "
                                "installed. The record is saved and can be printed later from the dashboard.")

    def first_input(self) -> QWidget | None:
        for box, b in self.rows.values():
            if not box.isHidden() and b.isEnabled():
                return b
        return None


class DonePage(StepPage):
    step = Step.DONE
    next_applicant = Signal()
    dashboard = Signal()

    def __init__(self) -> None:
        super().__init__("", "This applicant's record is saved. Give the applicant their reference "
                                     "number: they need it if they call.")
        self.reference = label("", "reference")
        self.reference.setAccessibleName("Reference number")
        self.body.addWidget(self.reference)
        self.dashboard_button = button("Back to the dashboard", mnemonics=self.mnemonics)
        self.next_button = button("Next applicant", primary=True, mnemonics=Mnemonics("bcld"))
        self.body.addLayout(button_row([self.dashboard_button], [self.next_button]))
        self.body.addStretch(1)
        self.next_button.clicked.connect(self.next_applicant)
        self.dashboard_button.clicked.connect(self.dashboard)

    def load(self, wizard: Any) -> None:
        self.reference.setText(f"Reference number: {wizard.reference}" if wizard.reference else "")

    def first_input(self) -> QWidget | None:
        return self.next_button


PAGE_CLASSES = (ConsentPage, IdentityPage, ScreeningPage, ConvictionsPage, ResultPage, DocumentsPage, DonePage)
