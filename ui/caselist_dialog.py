"""The DA's case list in the wizard: "Find in the DA's list" on the About-you and Convictions
steps, which asks the applicant's agreement in their language, searches
(kiosk.caselist.service on the database thread) and adds the picked convictions to the wizard's
draft, still editable. Loading the list lives in Laptop settings (ui/caselist_settings.py).

Hooked in with one call: `install_lookup(view)`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kiosk.wizard import OUTCOME_WORDS, Step

from . import i18n
from .forms import DATE_PLACEHOLDER, Field, Mnemonics, button, button_row, grid, label, line_edit

N_ = i18n.N_
# Asked in the applicant's language before any lookup (field labels stay English: they are the
# attorney's and the accessible names).
LOOKUP_QUESTION = N_("May the lawyer look for your old cases in the District Attorney's records? The search "
                     "uses your name and date of birth, on this laptop only; nothing is sent anywhere.")
LOOKUP_AGREE = N_("I agree that the lawyer looks for my name in the District Attorney's records.")
FIND = "Find in the DA's list"
COLUMNS = ("Add to the applicant", "Name", "Date of birth", "Convicted", "Offense", "Sentence", "Outcome", "Found by")


class CaseListLookup(QDialog):
    """Ask the applicant, search, show the matches, add the picked ones. Opened with `.open()`."""

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self.backend = view.backend
        self.matches: list[dict] = []
        self.boxes: list[QCheckBox] = []
        self.closed = False
        self.setWindowTitle(FIND)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        m = Mnemonics()
        draft = view.wizard.draft
        lang = draft.get("language") or "en"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(label(FIND, "h2"))
        self.question = label(i18n.tr(lang, LOOKUP_QUESTION), "lead")
        self.question.setAccessibleName("Lookup question")
        layout.addWidget(self.question)
        g = grid()
        self.agree = Field("agree", "The applicant agrees to the lookup", QCheckBox(), mnemonics=m,
                           hint=i18n.tr(lang, LOOKUP_AGREE))
        self.agree.place(g, 0, 0, 2)
        name = " ".join(draft.get(k) or "" for k in ("first_name", "middle_name", "last_name")).split()
        self.name = Field("name", "Name to look up", line_edit(max_length=240), mnemonics=m,
                          hint="Any order; accents, hyphens and one typo do not matter.")
        self.name.place(g, 1, 0, 2)
        self.name.set_value(" ".join(name))
        self.dob = Field("dob", "Date of birth to look up", line_edit(DATE_PLACEHOLDER, max_length=10), mnemonics=m,
                         hint="Needed when many people share the name.")
        self.dob.place(g, 2, 0)
        self.dob.set_value(draft.get("date_of_birth") or "")
        self.nysid = Field("nysid", "NYSID to look up", line_edit(max_length=20), mnemonics=m, hint="Optional.")
        self.nysid.place(g, 2, 1)
        self.nysid.set_value(draft.get("nysid") or "")
        layout.addLayout(g)
        self.search_button = button("Search the list", primary=True, mnemonics=m)
        self.search_button.setEnabled(False)
        layout.addLayout(button_row([], [self.search_button]))
        self.result = label("", "lead")
        self.result.setAccessibleName("Lookup result")
        layout.addWidget(self.result)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Matches")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.hide()
        layout.addWidget(self.table, 1)
        self.close_button = button("Close", mnemonics=m)
        self.add_button = button("Add picked convictions", primary=True, mnemonics=m)
        self.add_button.setEnabled(False)
        layout.addLayout(button_row([self.close_button], [self.add_button]))
        self.agree.widget.toggled.connect(self.search_button.setEnabled)
        self.search_button.clicked.connect(self.search)
        for f in (self.name, self.dob, self.nysid):  # Enter in a search field searches
            f.widget.returnPressed.connect(self.search)
        self.close_button.clicked.connect(self.reject)
        self.add_button.clicked.connect(self.add_picked)
        self.resize(1120, 640)

    def _live(self, fn: Any) -> Any:
        return lambda value: None if self.closed else fn(value)

    def search(self) -> None:
        from kiosk.caselist import service as caselist_service  # lazy: the case list service loads on first use

        if not self.agree.value():
            return
        name, dob, nysid = self.name.value(), self.dob.value().strip(), self.nysid.value().strip()
        self.result.setText("Searching\u2026")
        self.backend.call(caselist_service.find, name, date_of_birth=dob, nysid=nysid, actor=self.view.actor,
                          applicant_id=self.view.channel.applicant_id, on_done=self._live(self._found),
                          on_error=self._live(lambda e: self._show([], self.view.presenter.message_for(e))))

    def _found(self, r: dict) -> None:
        if r["ask_for"] == "date_of_birth":
            text = (f"{r['people']} people in the list have this name. Add the date of birth "
                    "(or the NYSID) to find the applicant.")
        elif r["ask_for"]:
            text = f"{r['people']} people match. Type the full name as on the court papers."
        elif not r["matches"]:
            text = "No one in the DA's list matches. Check the spelling, the date of birth, or try an alias."
        else:
            people = len({x["person"] for x in r["matches"]})
            text = (f"{len(r['matches'])} conviction(s) of {people} person(s). Tick the ones that are the "
                    "applicant's, then Add picked convictions.")
        self._show(r["matches"], text)

    def _show(self, matches: list[dict], text: str) -> None:
        self.matches = matches
        self.result.setText(text)
        self.boxes: list[QCheckBox] = []
        self.table.setRowCount(len(matches))
        for row, x in enumerate(matches):
            # a real check box whose text is its accessible name ("Add 2016KN074376"): a screen
            # reader and a script tick it like any other field
            box = QCheckBox(f"Add {x['docket']}")
            box.setAccessibleName(f"Add {x['docket']}")
            box.toggled.connect(lambda _on: self.add_button.setEnabled(bool(self.picked())))
            self.table.setCellWidget(row, 0, box)
            self.boxes.append(box)
            values = (x["name"], x["date_of_birth"], x["conviction_date"], x["offense"], x["sentence"],
                      OUTCOME_WORDS.get(x["outcome"], x["outcome"]), x["matched_by"])
            for col, value in enumerate(values, 1):
                self.table.setItem(row, col, QTableWidgetItem(value))
        if self.boxes:  # size the column to its check boxes (Qt sizes columns by their items only)
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(0, max(b.sizeHint().width() for b in self.boxes) + 16)
        self.table.setVisible(bool(matches))
        self.add_button.setEnabled(False)

    def set_picked(self, dockets: set[str]) -> None:
        """Tick the rows of these dockets (what a click on each box does)."""
        for box, x in zip(self.boxes, self.matches, strict=True):
            box.setChecked(x["docket"] in dockets)

    def picked(self) -> list[dict]:
        return [x for box, x in zip(self.boxes, self.matches, strict=True) if box.isChecked()]

    def add_picked(self) -> None:
        from kiosk.caselist import service as caselist_service  # lazy: the case list service loads on first use

        picked = self.picked()
        view = self.view
        added = caselist_service.add_to_wizard(view.wizard, picked)
        self.backend.call(caselist_service.record_pick, view.channel.applicant_id, added, actor=view.actor)
        if view.wizard.step == Step.CONVICTIONS:
            view.convictions_page.current = 0
        view.current_page().load(view.wizard)  # blank identity fields may have been filled from the list
        view._refresh_nav()
        view.flush(keep_open=True)
        view.presenter.show_info(f"Added {added} conviction(s) from the DA's list; check them on the "
                                 "Convictions step." if added else "Those convictions were already added.")
        self.accept()

    def done(self, result: int) -> None:  # Qt override: late answers are ignored once closed
        self.closed = True
        self.view.lookup_dialog = None
        super().done(result)


def install_lookup(view: Any) -> None:
    """Add "Find in the DA's list" to the About-you and Convictions steps, shown when a list is loaded."""
    from kiosk.caselist import service as caselist_service  # lazy: the case list service loads on first use

    view.lookup_dialog = None
    # "The DA's case list" shows where a picked docket came from; nobody picks it by hand, as it
    # marks the docket verified
    sources = view.convictions_page.fields["docket_source"].widget
    item = sources.model().item(sources.findData("caselist"))
    if item is not None:
        item.setEnabled(False)
    buttons: list[QPushButton] = []
    for step in (Step.IDENTITY, Step.CONVICTIONS):
        page = view.pages[step]
        b = button(FIND, mnemonics=page.mnemonics)
        b.setToolTip("Look up the applicant's convictions in the DA's records (after they agree).")
        b.hide()
        page.body.insertLayout(0, button_row([], [b]))
        b.clicked.connect(lambda: open_lookup(view))
        buttons.append(b)
    view.lookup_buttons = buttons

    def show(s: dict) -> None:
        if not view.discarded:
            for b in buttons:
                b.setVisible(bool(s.get("loaded")))

    def shown(step: str) -> None:  # asked when a step with the button appears (a list may load meanwhile)
        if step in (Step.IDENTITY, Step.CONVICTIONS):
            view.backend.call(caselist_service.status, on_done=show, on_error=lambda _e: None)

    view.step_shown.connect(shown)


def open_lookup(view: Any) -> CaseListLookup:
    dialog = CaseListLookup(view)
    view.lookup_dialog = dialog
    dialog.open()
    return dialog
