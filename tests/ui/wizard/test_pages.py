"""ui.wizard.pages: each step's page binds its fields to the draft's keys, loads the draft, and the
applicant's steps speak the applicant's language while the labels stay English."""

from __future__ import annotations

from kiosk.wizard import LABELS, SCREENING_QUESTIONS, Wizard
from ui import i18n
from ui.wizard.pages import ConsentPage, IdentityPage, ScreeningPage


def test_the_identity_page_loads_the_draft_into_its_fields_and_starts_at_the_first_name(qtbot):
    page = IdentityPage()
    qtbot.addWidget(page)
    wizard = Wizard.start()
    wizard.draft.update({"first_name": "Ana", "last_name": "Ortiz", "aliases": ["Ana O.", "Anita Ortiz"]})
    wizard.draft["contact"]["phone"] = "347-555-0100"
    page.load(wizard)
    assert page.fields["last_name"].value() == "Ortiz" and page.fields["contact.phone"].value() == "347-555-0100"
    assert page.fields["aliases"].widget.toPlainText() == "Ana O.\nAnita Ortiz"
    assert page.first_input() is page.fields["first_name"].widget
    assert page.fields["last_name"].required is not None and page.fields["first_name"].required is None


def test_the_welcome_page_follows_the_language_picked_and_keeps_english_names(qtbot):
    page = ConsentPage()
    qtbot.addWidget(page)
    consent = page.fields["consent_to_share"].widget
    english = consent.text()
    page.set_language("es")
    assert page.heading.text() == i18n.tr("es", i18n.WELCOME) != "Welcome"
    assert consent.text() == i18n.tr("es", i18n.CONSENT_STATEMENT)
    assert consent.accessibleName() == LABELS["consent_to_share"]  # what scripts and readers find it by
    page.set_language("en")
    assert consent.text() == english and page.heading.text() == "Welcome"


def test_the_screening_page_explains_each_question_in_the_applicants_language(qtbot):
    page = ScreeningPage()
    qtbot.addWidget(page)
    wizard = Wizard.start(language="ru")
    page.load(wizard)
    key, explanation = SCREENING_QUESTIONS[0]
    box = page.fields[key]
    assert box.widget.text() == i18n.tr("ru", explanation) != explanation
    assert box.hint.text() == f"{LABELS[key]}: {explanation}"
