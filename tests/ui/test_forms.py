"""ui.forms: labels whose text is the accessible name, mnemonics that never collide, and a field
that reports only the user's edits and shows its problem as its accessible description."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ui.forms import Field, Mnemonics, combo, plain


def test_plain_drops_the_mnemonic_marker_but_keeps_a_literal_ampersand():
    assert plain("&First name") == "First name"
    assert plain("Save && &close") == "Save & close"


def test_mnemonics_prefer_word_starts_never_repeat_and_skip_reserved_letters():
    m = Mnemonics("b")
    assert m.mark("Back to list") == "Back &to list"  # b is the window's; t starts the next word
    assert m.mark("Last name") == "&Last name"
    assert m.mark("Later") == "L&ater"  # l is taken, so the next free letter
    assert m.mark("&Explicit") == "&Explicit" and "e" in m.used
    assert m.mark("Émile") == "É&mile"  # a letter Alt cannot type is never a mark


def test_a_field_reports_user_edits_not_loaded_values_and_round_trips_through_the_draft(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    f = Field("last_name", "Last name", edit, hint="As on the court papers.", required=True,
              to_draft=str.upper, from_draft=str.lower)
    changes: list[tuple[str, str]] = []
    f.on_change(lambda key, value: changes.append((key, value)))
    f.set_value("DOE")
    assert edit.text() == "doe" and f.value() == "DOE"
    assert changes == [] and not f.edited  # a loaded value is not a user change
    edit.setText("roe")
    assert changes == [("last_name", "ROE")] and f.edited
    assert edit.accessibleName() == "Last name" and f.label.buddy() is edit


def test_a_shown_problem_is_the_fields_description_and_clearing_it_restores_the_hint(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    f = Field("dob", "Date of birth", edit, hint="MM/DD/YYYY.", required=True)
    f.show_error("Date of birth is in the future.")
    assert f.error_text == "Date of birth is in the future."
    assert edit.accessibleDescription() == "Date of birth is in the future."
    assert edit.property("invalid") is True
    f.show_error(None)
    assert f.error_text == "" and edit.accessibleDescription() == "MM/DD/YYYY. Required."


def test_a_pick_list_stores_the_choices_value_not_its_words(qtbot):
    box = combo([("kings", "Kings (Brooklyn)"), ("queens", "Queens")])
    qtbot.addWidget(box)
    f = Field("county", "County", box)
    f.set_value("queens")
    assert box.currentText() == "Queens" and f.value() == "queens"
