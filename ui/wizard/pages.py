"""One page per wizard step. Pages lay out fields bound to the draft's keys and show what the
view tells them; the flow, the checks and the saving belong to `kiosk.wizard` and the view."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.models import LANGUAGES
from kiosk.wizard import (
    CONSENT_TEXT,
    LABELS,
    RECORD_NAME_HINT,
    SCREENING_QUESTIONS,
    Step,
)

from .. import i18n
from ..forms import DATE_HINT, DATE_PLACEHOLDER, Field, Mnemonics, combo, grid, label, line_edit, scroll_page, text_area

DATE_KEYS = frozenset({"date_of_birth", "conviction_date", "arrest_date"})

# Letters the wizard's own buttons use (Back, Next, Save and close) and the window's (Lock, Dismiss).
RESERVED = "bncld"


class StepPage(QWidget):
    """A step's page: `fields` maps draft keys to bound fields."""

    step: Step

    def __init__(self, heading: str = "", lead: str = "", *, scrolls: bool = True) -> None:
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
        self.scroll: QScrollArea | None = scroll_page(inner) if scrolls else None
        outer.addWidget(self.scroll or inner)

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


CONSENT_HINT = "Read the paragraph above to the applicant, or let them read it."


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
        # the box the applicant ticks speaks their language; its accessible name (what assistive
        # technology and scripts find it by) and the small line under it stay the attorney's English
        consent = QCheckBox()
        consent_field = self.add_field("consent_to_share", LABELS["consent_to_share"], consent,
                                       hint=CONSENT_HINT)
        g2 = grid()
        consent_field.place(g2, 0, 0)
        self.body.addLayout(g2)
        self.body.addStretch(1)
        self.applicant_text = i18n.ApplicantText(self)
        self.applicant_text.bind(self.heading.setText, i18n.WELCOME)
        self.applicant_text.bind(self.lead.setText, CONSENT_TEXT)
        self.applicant_text.bind(lang_field.hint.setText, i18n.LANGUAGE_HINT)
        self.english = consent.text()
        self.applicant_text.language_changed.connect(self._retranslate_consent)
        lang.currentIndexChanged.connect(lambda _i: self.set_language(lang.currentData()))

    def _retranslate_consent(self, code: str) -> None:
        f = self.fields["consent_to_share"]
        in_english = code == "en"
        f.widget.setText(self.english if in_english else self.applicant_text.tr(i18n.CONSENT_STATEMENT))
        assert f.hint is not None
        f.hint.setText(CONSENT_HINT if in_english else f"{LABELS['consent_to_share']}. {CONSENT_HINT}")

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
            # the whole name on one row, so the step fits a 1366x768 laptop with little scrolling
            ("first_name", 0, 0, 1, line_edit(max_length=80), ""),
            ("middle_name", 0, 1, 1, line_edit(max_length=80), ""),
            ("last_name", 0, 2, 1, line_edit(max_length=80), ""),
            ("suffix", 0, 3, 1, line_edit(max_length=10), "Jr., Sr., III"),
            ("record_name", 1, 0, 2, line_edit("WANG, XIUYING", max_length=240), RECORD_NAME_HINT),
            ("aliases", 1, 2, 2, text_area(2), "Other names or spellings on court papers, one per line."),
            ("date_of_birth", 2, 0, 2, line_edit(DATE_PLACEHOLDER, max_length=10), DATE_HINT),
            ("nysid", 2, 2, 2, line_edit(max_length=20),
             "Optional: from a rap sheet (8 digits and a letter). Unknown is fine."),
        ]
        for key, r, c, span, w, hint in spec:
            self.add_field(key, LABELS[key], w, hint=hint, required=key == "last_name").place(g, r, c, span)
        for col, stretch in enumerate((3, 2, 3, 1)):
            g.setColumnStretch(col, stretch)
        self.body.addLayout(g)
        self.body.addWidget(label("Contact for follow-up (optional)", "h2"))
        self.body.addWidget(label("Used only to reach the applicant about the motion. Never printed on court "
                                  "papers.", "hint"))
        g2 = grid()
        self.add_field("contact.phone", LABELS["contact.phone"], line_edit(max_length=30)).place(g2, 0, 0)
        self.add_field("contact.email", LABELS["contact.email"], line_edit(max_length=254)).place(g2, 0, 1)
        self.add_field("contact.address", LABELS["contact.address"], line_edit(max_length=300)).place(g2, 0, 2)
        for col, stretch in enumerate((2, 3, 4)):
            g2.setColumnStretch(col, stretch)
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
        self.english: dict[str, str] = {}
        for row, (key, explanation) in enumerate(SCREENING_QUESTIONS):
            f = self.add_field(key, LABELS[key], QCheckBox(), hint=explanation)
            f.place(g, row, 0)
            self.english[key] = f.widget.text()
        self.body.addLayout(g)
        self.body.addStretch(1)
        self.applicant_text.language_changed.connect(self._retranslate)

    def _retranslate(self, code: str) -> None:
        """In English the box says the short question and the line under it explains; in another
        language the box says the explanation in that language, and the English follows small."""
        for key, explanation in SCREENING_QUESTIONS:
            f = self.fields[key]
            assert f.hint is not None
            if code == "en":
                f.widget.setText(self.english[key])
                f.hint.setText(explanation)
            else:
                f.widget.setText(self.applicant_text.tr(explanation))
                f.hint.setText(f"{LABELS[key]}: {explanation}")

    def load(self, wizard: Any) -> None:
        super().load(wizard)
        self.applicant_text.set_language(wizard.get("language"))
