"""Accessibility on every screen: each input has a visible label whose text is its accessible
name, names are unique and predictable, every control is reachable with Tab, Alt+letter
mnemonics do not clash, and outcomes are words and shapes, never colour alone."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QWidget,
)

from kiosk.wizard import CONVICTION_LABELS, LABELS
from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS, QUEENS
from ui.forms import plain

INPUTS = (QLineEdit, QComboBox, QCheckBox, QRadioButton, QPlainTextEdit, QListWidget, QTableWidget)


def inputs(d: Driver) -> list[QWidget]:
    out = []
    for w in d.window.findChildren(QWidget):
        if not isinstance(w, INPUTS) or not w.isVisible():
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QComboBox):
            continue  # an editable pick list's own line edit: the pick list carries the name
        if w.objectName() == "steps":
            continue  # the read-only list of steps (not focusable, announced by the page title)
        out.append(w)
    return out


def english_under(w: QWidget) -> bool:
    """An applicant's box in their language: its English name is the small line shown under it."""
    return any(lb.isVisible() and lb.objectName() == "hint" and lb.text().startswith(w.accessibleName())
               for lb in w.parentWidget().findChildren(QLabel))


def check_screen(d: Driver, screen: str) -> list[str]:
    """Assert the accessibility rules on what is shown now; returns the input names."""
    names = []
    labels = [lb for lb in d.window.findChildren(QLabel) if lb.isVisible() and lb.buddy() is not None]
    for w in inputs(d):
        name = w.accessibleName()
        assert name, f"{screen}: a {type(w).__name__} has no accessible name"
        if isinstance(w, QCheckBox | QRadioButton):
            # the box says its name, or (an applicant's box in their language) the English name
            # is the small line shown under it, for the attorney
            assert plain(w.text()) == name or english_under(w), f"{screen}: {name!r} vs its text {w.text()!r}"
        else:
            visible = [plain(lb.text()) for lb in labels if lb.buddy() is w and lb.objectName() != "fieldError"]
            assert visible == [name], f"{screen}: {name!r} has visible labels {visible}"
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{screen}: {name!r} cannot be reached with Tab"
        names.append(name)
    assert len(names) == len(set(names)), f"{screen}: duplicate names {sorted(names)}"
    mnemonics: dict[str, str] = {}
    controls = [w for w in d.window.findChildren(QWidget) if w.isVisible()
                and (isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None))]
    for w in controls:
        text = w.text().replace("&&", "")
        if isinstance(w, QAbstractButton):
            assert w.accessibleName() in ("", plain(w.text())) or english_under(w), f"{screen}: button {w.text()!r}"
            assert plain(w.text()), f"{screen}: a button without words"
        if "&" in text:
            key = text[text.index("&") + 1].lower()
            assert key not in mnemonics, f"{screen}: Alt+{key} is both {mnemonics[key]!r} and {plain(text)!r}"
            mnemonics[key] = plain(text)
    return names


def test_every_screen_follows_the_accessibility_rules(open_window, template_db, tmp_path):
    d = open_window(tmp_path / "fresh.db", demo=False)
    d.wait_page("setup")
    assert check_screen(d, "event set-up") == [
        "Event name", "First day", "Last day", "Venue", "Venue address", "Event county", "Laptop name",
        "DA office public key", "Court Part", "Return date"]
    d.window.close()

    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    d = open_window(target)
    d.wait_page("signin")
    assert check_screen(d, "sign-in") == ["Attorney", "PIN"]
    d.click("New attorney…")
    assert check_screen(d, "new attorney") == [
        "Name", "Organization", "Registration number", "Office phone", "Office address",
        "Sign papers with a typed /s/ signature", "Choose a PIN", "Repeat the PIN",
        "PIN of an attorney already on this laptop"]
    d.click("Cancel")
    d.sign_in()
    assert check_screen(d, "dashboard") == ["Search", "Show earlier days too", "Applicants"]

    d.start_applicant()
    assert check_screen(d, "step 1") == ["Language", "Consent: I agree to share my information with the DA's office"]
    d.set("Language", "Español")  # the applicant's boxes in Spanish keep their English names
    assert check_screen(d, "step 1 in Spanish") == ["Language",
                                                    "Consent: I agree to share my information with the DA's office"]
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    assert check_screen(d, "step 2") == [
        "First name", "Middle name", "Last name", "Suffix", "Name on court records (Latin letters)", "Aliases",
        "Date of birth", "NYSID",
        "Phone", "Email", "Address"]
    d.type("Last name", "Doe")
    d.next()
    assert check_screen(d, "step 3") == [
        "Other violent felony conviction", "Sex offense conviction", "Open case or warrant", "Immigration concern"]
    d.next()
    names = check_screen(d, "step 4")
    assert names[:1] == ["Convictions"]
    assert {"Docket number", "Docket number came from", "Court", "County", "Offense", "Conviction date", "Plea",
            "Arrest date", "Arrest number", "Sentence", "Original charge", "Attempt (PL 110)", "Sentence completed",
            "Fines owed", "Other counts dismissed in the plea", "Driving involved"} == set(names[1:])
    d.fill_conviction(**KINGS)
    d.click("Add another conviction")
    d.fill_conviction(**QUEENS)
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None)
    d.idle()
    assert check_screen(d, "step 5") == ["Attorney note"]  # the override waits behind its button
    d.click("Override the outcome\u2026")
    assert check_screen(d, "step 5, override open") == ["Conviction to override", "New outcome",
                                                        "Reason for override", "Attorney note"]
    d.next()
    check_screen(d, "step 6")  # the papers step also hosts the preview and printing controls
    # a script may look fields up among every widget, shown or not: the wizard's names are unique
    d.window._page("setup")
    everywhere = [w.accessibleName() for w in d.window.findChildren(QWidget) if isinstance(w, INPUTS)]
    for name in [*LABELS.values(), *CONVICTION_LABELS.values()]:
        assert everywhere.count(name) == 1, f"{name!r} names {everywhere.count(name)} inputs"
    d.finish()
    check_screen(d, "done")
    d.click("Lock now")
    d.wait_page("lock")
    assert check_screen(d, "lock") == ["PIN"]


def test_outcomes_are_words_and_shapes_not_colour_alone(signed_in: Driver):
    from ui.icons import SHAPES

    d = signed_in
    d.walk_to_result([KINGS, QUEENS])
    cards = d.view.result_page.cards
    assert [c.word.text() for c in cards] == ["ELIGIBLE", "NOT ELIGIBLE"]
    assert [c.accessibleName() for c in cards] == ["Conviction 1: ELIGIBLE", "Conviction 2: NOT ELIGIBLE"]
    assert len(set(SHAPES.values())) == len(SHAPES)  # each outcome has its own shape
    icons = [c.findChildren(QLabel)[0] for c in cards]
    assert [i.accessibleName() for i in icons] == ["ELIGIBLE", "NOT ELIGIBLE"]
    a, b = (i.pixmap().toImage() for i in icons)
    assert a != b


def test_tab_moves_through_the_identity_fields_in_reading_order(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.field("First name").setFocus()
    order = []
    for _ in range(11):
        order.append(d.window.focusWidget().accessibleName())
        d.qtbot.keyClick(d.window.focusWidget(), Qt.Key.Key_Tab)
    assert order == ["First name", "Middle name", "Last name", "Suffix", "Name on court records (Latin letters)",
                     "Aliases", "Date of birth", "NYSID", "Phone", "Email", "Address"]


def test_alt_letter_moves_to_the_labelled_field(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    label = next(lb for lb in d.window.findChildren(QLabel) if lb.isVisible() and lb.buddy() is d.field("Last name")
                 and lb.objectName() != "fieldError")
    letter = label.text()[label.text().index("&") + 1]
    d.field("First name").setFocus()
    d.qtbot.keyClick(d.window, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
    assert d.window.focusWidget() is d.field("Last name")


def test_adding_a_second_attorney_at_the_window_needs_an_existing_pin(signed_in, open_window):
    """A stranger at the sign-in page cannot add themselves: the form asks for the PIN of an
    attorney already on the laptop, refuses a wrong one, and accepts the right one."""
    from tests.ui.drive import PIN

    path = signed_in.db_path
    signed_in.window.close()
    d = open_window(path)
    d.wait_page("signin")
    d.click("New attorney…")
    assert d.has("PIN of an attorney already on this laptop")
    d.type("Name", "Stranger Danger")
    d.type("Choose a PIN", "1111")
    d.type("Repeat the PIN", "1111")
    d.type("PIN of an attorney already on this laptop", "9999")
    d.click("Add and sign in")
    d.idle()
    assert d.page() == "signin" and d.error_of("PIN of an attorney already on this laptop")
    d.type("PIN of an attorney already on this laptop", PIN)
    d.click("Add and sign in")
    d.wait_page("dashboard")
