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
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QVBoxLayout

from ..forms import label


def english_date(day: date) -> str:
    """As the papers print it; imported lazily: the Qt layer starts even without the PDF builder."""
    from kiosk.documents.packet import english_date as fmt

    return fmt(day)


class PapersFacts(QFrame):
    """Shown above the papers; `signed_on` is the date to print."""

    signed_on_changed = Signal(object)  # datetime.date

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.date_line = label("", "lead")
        self.date_line.setAccessibleName("Date of signing")
        self.outside = label("", "hint")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Date of signing to print")
        self.choice_label = label("Date of signing to print")
        self.choice_label.setBuddy(self.choice)
        self.missing = label("", "fieldError")
        self.missing.setAccessibleName("Needed facts missing")
        self.confirm = QCheckBox("Print lines to fill in by hand for the missing facts")
        self.confirm.setAccessibleName("Print lines to fill in by hand for the missing facts")
        for w in (self.date_line, self.outside, self.choice_label, self.choice, self.missing, self.confirm):
            layout.addWidget(w)
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
        self.outside.setText("This laptop's date is outside the event's days. Which date of signing should "
                             "the papers print? The event's day comes first.")
        self._show_date()
        missing = facts["missing"]
        self.missing.setVisible(bool(missing))
        self.confirm.setVisible(bool(missing))
        self.confirm.setChecked(False)
        self.missing.setText("Needed facts missing (the papers print a line to fill in by hand):\n" + "\n".join(
            f"\u2022 {m.label}: {m.why}" for m in missing))

    def _show_date(self) -> None:
        when = english_date(self._signed_on) if self._signed_on else ""
        self.date_line.setText(f"Date of signing printed on the papers: {when}")

    def _chosen(self, index: int) -> None:
        day = self.choice.itemData(index)
        if isinstance(day, date) and day != self._signed_on:
            self._signed_on = day
            self._show_date()
            self.signed_on_changed.emit(day)
