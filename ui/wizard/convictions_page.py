"""The Convictions step: a list of the applicant's convictions and an editor for the selected one.
Like every page it shows what the view tells it; `kiosk.wizard` checks each conviction."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import (
    CONVICTION_LABELS,
    COUNTIES,
    COURTS,
    DOCKET_SOURCES,
    PLEAS,
    SENTENCES,
    Step,
    is_blank_conviction,
    offense_choice_text,
    offense_choices,
    offense_from_choice,
)

from ..forms import DATE_HINT, DATE_PLACEHOLDER, Field, button, combo, grid, label, line_edit
from .answers import add_answer_fields
from .pages import StepPage


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
            ("conviction_date", line_edit(DATE_PLACEHOLDER, max_length=10), "Plea or verdict date. " + DATE_HINT,
             3, 0, 1),
            ("plea", combo(PLEAS), "", 3, 1, 1),
            ("arrest_date", line_edit(DATE_PLACEHOLDER, max_length=10), "Optional. " + DATE_HINT, 4, 0, 1),
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
