"""The Papers step's facts box: the date of signing the papers will print, and the needed facts
still missing, shown before anything is printed (docs/papers.md).

The date is the event's day when today is one of its days; otherwise the laptop's date is
outside the event and the attorney picks which date to print, the event's day first. Missing
needed facts are listed by field; printing them as lines to fill in by hand needs one more
confirmation (the tick box)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QHBoxLayout, QVBoxLayout

from ..forms import label


def english_date(day: date) -> str:
    """As the papers print it; imported lazily: the Qt layer starts even without the PDF builder."""
    from kiosk.papers.packet_case import english_date as fmt  # lazy: the papers' templates load on first use

    return fmt(day)


class PapersFacts(QFrame):
    """Shown above the papers; `signed_on` is the date to print."""

    signed_on_changed = Signal(object)  # datetime.date

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)  # sits inside the Papers step's summary card: no frame of its own
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        self.date_line = label("")
        self.date_line.setAccessibleName("Date of signing")
        self.outside = label("", "hint")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Date of signing to print")
        self.choice_label = label("Date of signing to print", wrap=False)
        self.choice_label.setBuddy(self.choice)
        self.missing = label("", "fieldError")
        self.missing.setAccessibleName("Needed facts missing")
        self.confirm = QCheckBox("Print lines to fill in by hand for the missing facts")
        self.confirm.setAccessibleName("Print lines to fill in by hand for the missing facts")
        choose = QHBoxLayout()  # label and pick list on one line: the step must fit a 1366x768 screen
        choose.addWidget(self.choice_label)
        choose.addWidget(self.choice, 1)
        layout.addWidget(self.date_line)
        layout.addLayout(choose)
        layout.addWidget(self.outside)
        # the missing facts and their tick box sit in the summary card, beside what is printed
        self.missing_box = QFrame()
        missing_layout = QVBoxLayout(self.missing_box)
        missing_layout.setContentsMargins(0, 4, 0, 0)
        missing_layout.setSpacing(2)
        missing_layout.addWidget(self.missing)
        missing_layout.addWidget(self.confirm)
        self._signed_on: date | None = None
        self.choice.currentIndexChanged.connect(self._chosen)
        self.show_facts(None)

    @property
    def signed_on(self) -> date | None:
        return self._signed_on

    def needs_confirmation(self) -> bool:
        return not self.missing.isHidden() and not self.confirm.isChecked()

    def show_facts(self, facts: dict[str, Any] | None) -> None:
        """`facts` from kiosk.signing.papers_facts (None: nothing known yet)."""
        self.setVisible(facts is not None)
        if facts is None:
            self.missing_box.setVisible(False)
            return
        signing = facts["signing"]
        self._signed_on = signing.default
        self.choice.blockSignals(True)
        self.choice.clear()
        for day in signing.choices:
            self.choice.addItem(english_date(day), day)
        self.choice.setCurrentIndex(0)
        self.choice.blockSignals(False)
        for w in (self.choice, self.choice_label, self.outside):
            w.setVisible(signing.ask)
        self.date_line.setVisible(not signing.ask)  # when asked, the pick list shows the date
        self.outside.setText("The laptop's date is not an event day: check this date.")
        self._show_date()
        missing = facts["missing"]
        self.missing.setVisible(bool(missing))
        self.confirm.setVisible(bool(missing))
        self.missing_box.setVisible(bool(missing))
        self.confirm.setChecked(False)
        self.missing.setText("Needed facts missing: " + ", ".join(m.label for m in missing) + ".")
        self.missing.setToolTip("\n".join(f"{m.label}: {m.why}" for m in missing))

    def _show_date(self) -> None:
        when = english_date(self._signed_on) if self._signed_on else ""
        self.date_line.setText(f"Date of signing printed on the papers: {when}")

    def _chosen(self, index: int) -> None:
        day = self.choice.itemData(index)
        if isinstance(day, date) and day != self._signed_on:
            self._signed_on = day
            self._show_date()
            self.signed_on_changed.emit(day)
