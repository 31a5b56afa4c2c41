"""ui.caselist_dialog: "Find in the DA's list" shows only when a list is loaded, asks the applicant
in their language before any search, and lists the matches to pick from."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QWidget

from tests.ui.drive import Driver
from ui import i18n
from ui.caselist_dialog import LOOKUP_QUESTION, CaseListLookup


def test_without_a_list_the_wizard_shows_no_lookup(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    assert not d.has("Find in the DA's list")


class View(QWidget):
    """What the lookup dialog needs of the wizard view: its draft, the database thread and a place
    for messages."""

    def __init__(self, answer: dict) -> None:
        super().__init__()
        self.wizard = SimpleNamespace(draft={"language": "es", "first_name": "Jose", "middle_name": "",
                                             "last_name": "Alvarez Nunez", "date_of_birth": "1980-04-12",
                                             "nysid": ""})
        self.searched: list[tuple] = []

        def call(fn, *args, on_done=None, on_error=None, **kw):
            self.searched.append(args)
            on_done(answer)

        self.backend = SimpleNamespace(call=call)
        self.actor = "attorney-1"
        self.channel = SimpleNamespace(applicant_id="")
        self.lookup_dialog = None


def match(docket: str) -> dict:
    return {"person": "p1", "docket": docket, "name": "José Álvarez-Núñez", "date_of_birth": "1980-04-12",
            "conviction_date": "2016-05-02", "offense": "PL 221.10(1)", "sentence": "Time served",
            "outcome": "NEEDS_REVIEW", "matched_by": "name"}


def test_nothing_is_searched_before_the_applicant_agrees_then_matches_can_be_picked(qtbot):
    view = View({"ask_for": "", "people": 1, "matches": [match("2016KN074376"), match("2012KN011111")]})
    qtbot.addWidget(view)
    dialog = CaseListLookup(view)
    assert dialog.question.text() == i18n.tr("es", LOOKUP_QUESTION) != LOOKUP_QUESTION
    assert dialog.name.value() == "Jose Alvarez Nunez" and dialog.dob.value() == "1980-04-12"
    assert not dialog.search_button.isEnabled()
    dialog.search()
    assert view.searched == []
    dialog.agree.widget.setChecked(True)
    dialog.search()
    assert view.searched == [("Jose Alvarez Nunez",)]
    assert dialog.result.text().startswith("2 conviction(s) of 1 person(s).")
    assert [b.accessibleName() for b in dialog.boxes] == ["Add 2016KN074376", "Add 2012KN011111"]
    assert dialog.table.item(0, 6).text() == "NEEDS REVIEW" and not dialog.add_button.isEnabled()
    dialog.set_picked({"2012KN011111"})
    assert [m["docket"] for m in dialog.picked()] == ["2012KN011111"] and dialog.add_button.isEnabled()


def test_too_many_people_with_the_name_asks_for_the_date_of_birth(qtbot):
    view = View({"ask_for": "date_of_birth", "people": 4, "matches": []})
    qtbot.addWidget(view)
    dialog = CaseListLookup(view)
    dialog.agree.widget.setChecked(True)
    dialog.search()
    assert dialog.result.text().startswith("4 people in the list have this name. Add the date of birth")
    assert dialog.table.isHidden()
