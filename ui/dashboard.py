"""The day's dashboard: today's applicants (reference, name, status, outcome, where the wizard
stopped), a search over name, alias, reference and docket, and New, Resume, Export, Event settings.

Status and outcome are words (an overridden outcome says so), never a colour."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from kiosk import services
from kiosk.wizard import OUTCOME_WORDS, TITLES, Step

from .forms import Field, Mnemonics, Page, button, grid, label, line_edit

if TYPE_CHECKING:
    from kiosk.services import DashboardRow

COLUMNS = ("Reference", "Name", "Status", "Outcome", "Step reached", "Papers printed", "Updated")
STATUS_WORDS = {"draft": "Draft", "evaluated": "Evaluated", "printed": "Printed", "exported": "Exported"}


def outcome_text(row: DashboardRow) -> str:
    """ "1 eligible · 1 not eligible" (the count per outcome, in the order of the convictions'
    first appearance), with how many of them an attorney overrode."""
    counts: dict[str, int] = {}
    overrides = 0
    for outcome, overridden in zip(row.outcomes, row.overridden, strict=False):
        counts[outcome] = counts.get(outcome, 0) + 1
        overrides += bool(overridden)
    if not counts:
        return "\u2014"
    text = " \u00b7 ".join(f"{n} {OUTCOME_WORDS.get(o, o).lower()}" for o, n in counts.items())
    return text + (f" ({overrides} overridden)" if overrides else "")


def status_text(row: DashboardRow) -> str:
    return STATUS_WORDS[row.status]


def printed_text(row: DashboardRow) -> str:
    """ "Yes: papers ×3, receipt ×1", "Papers not printed" once evaluated, a dash before that."""
    printed = row.printed
    if not printed:
        return "Papers not printed" if row.outcomes else "\u2014"
    kinds = [(k, printed[k]) for k in ("packet", "receipt") if printed.get(k)]
    kinds += sorted((k, n) for k, n in printed.items() if k not in ("packet", "receipt") and n)
    names = {"packet": "papers", "receipt": "receipt"}
    return "Yes: " + ", ".join(f"{names.get(k, k)} \u00d7{n}" for k, n in kinds)


def step_text(step: str) -> str:
    if step == Step.DONE:
        return "Finished"
    return TITLES.get(Step(step), step) if step in set(Step) else ""


class DashboardPage(Page):
    new_requested = Signal()
    resume_requested = Signal(str)  # applicant id
    export_requested = Signal()
    settings_requested = Signal()
    print_all_requested = Signal()
    laptop_settings_requested = Signal()
    refreshed = Signal()

    def __init__(self, backend: Any, presenter: Any) -> None:
        super().__init__("Today's applicants")
        self.backend = backend
        self.presenter = presenter
        self.rows: list[DashboardRow] = []
        m = Mnemonics("dl")
        actions = QHBoxLayout()
        self.new_button = button("New applicant", primary=True, mnemonics=m)
        self.resume_button = button("Resume", mnemonics=m)
        self.export_button = button("Export", mnemonics=m)
        self.settings_button = button("Event settings", mnemonics=m)
        self.print_all_button = button("Print all pending", mnemonics=m)
        self.print_all_button.setToolTip("Print the papers of every evaluated applicant not printed yet.")
        self.laptop_button = button("Laptop settings", mnemonics=m)
        for b in (self.new_button, self.resume_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.print_all_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.settings_button)
        actions.addWidget(self.laptop_button)
        self.body.addLayout(actions)
        g = grid()
        self.search = line_edit("Name, reference (BA-…) or docket number")
        self.search_field = Field("search", "Search", self.search, mnemonics=m,
                                  hint="A search covers every day of the event.")
        self.search_field.place(g, 0, 0)
        self.all_days = QCheckBox()
        self.all_days_field = Field("all_days", "Show earlier days too", self.all_days, mnemonics=m)
        self.all_days_field.place(g, 0, 1)
        g.setColumnStretch(0, 3)
        g.setColumnStretch(1, 1)
        self.body.addLayout(g)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Applicants")
        self.table.setAccessibleDescription("Select an applicant and press Enter, or Resume, to open it.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(260)
        self.table_label = QLabel(m.mark("Applicants"))
        self.table_label.setBuddy(self.table)
        self.body.addWidget(self.table_label)
        self.body.addWidget(self.table, 1)
        self.empty = label("", "hint")
        self.body.addWidget(self.empty)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.all_days.toggled.connect(lambda _c: self.refresh())
        self.new_button.clicked.connect(self.new_requested)
        self.resume_button.clicked.connect(self._resume)
        self.export_button.clicked.connect(self.export_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.print_all_button.clicked.connect(self.print_all_requested)
        self.laptop_button.clicked.connect(self.laptop_settings_requested)
        self.table.itemActivated.connect(lambda _i: self._resume())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def first_input(self):
        return self.new_button

    def refresh(self) -> None:
        self.backend.call(services.dashboard_rows, self.search.text(), all_days=self.all_days.isChecked(),
                          on_done=self._fill, on_error=self.presenter.show_error)

    def clear(self) -> None:
        """Forget every row (on lock and sign-out: nobody's data stays in a hidden widget)."""
        self.rows = []
        self.table.setRowCount(0)
        self.search_field.set_value("")

    def _fill(self, rows: list[DashboardRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            updated = datetime.fromisoformat(row.updated_at).astimezone().strftime("%b %d, %H:%M")
            values = (row.reference, row.name or "(no name yet)", status_text(row),
                      outcome_text(row), step_text(row.step), printed_text(row), updated)
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        if rows:
            self.empty.setText(f"{len(rows)} applicant{'s' if len(rows) != 1 else ''} shown.")
        elif self.search.text().strip():
            self.empty.setText("No applicant matches this search.")
        else:
            self.empty.setText("No applicants yet today. Press New applicant to start.")
        self._selection_changed()
        self.refreshed.emit()

    def selected_id(self) -> str:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else ""

    def _selection_changed(self) -> None:
        self.resume_button.setEnabled(bool(self.selected_id()))

    def _resume(self) -> None:
        aid = self.selected_id()
        if aid:
            self.resume_requested.emit(aid)
