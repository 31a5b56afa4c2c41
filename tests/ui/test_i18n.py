"""ui.i18n: the applicant-facing texts in the applicant's language, English when a translation is
missing or empty, and the catalogs carrying the wizard's current texts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk import i18n as core_i18n
from kiosk import wizard
from kiosk.models import LANGUAGES
from kiosk.papers.receipt import OUTCOME_TEXT
from tests.ui.walk_support import qt_cancel
from ui import i18n


def test_a_missing_translation_shows_english_never_an_empty_label(qtbot):
    text = i18n.ApplicantText()
    shown = QLabel()
    qtbot.addWidget(shown)
    text.bind(shown.setText, "A sentence no catalog has ever seen.")
    text.bind(shown.setToolTip, i18n.WELCOME)
    text.set_language("es")
    assert shown.text() == "A sentence no catalog has ever seen."
    assert shown.toolTip() == "Le damos la bienvenida"
    text.set_language("xx")  # a language with no catalog at all
    assert shown.toolTip() == "Welcome"
    assert i18n.use_qt_language("ht") == "en"  # Qt ships no Haitian Creole: its own texts stay English
    assert qt_cancel() == "Cancel"


def test_an_empty_translation_in_a_catalog_falls_back_to_english(tmp_path, monkeypatch):
    po = tmp_path / "kiosk.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Welcome"\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(core_i18n, "catalog_path", lambda lang: po)
    core_i18n.translations.cache_clear()
    try:
        assert i18n.tr("es", i18n.WELCOME) == "Welcome"
    finally:
        core_i18n.translations.cache_clear()


def test_the_catalogs_carry_the_wizards_current_applicant_texts():
    """ui.i18n repeats the wizard's applicant-facing texts for the catalogs: they must still match,
    or a reworded text would silently lose its translations."""
    assert i18n.CONSENT_TEXT == wizard.CONSENT_TEXT
    assert i18n.SCREENING_EXPLANATIONS == tuple(text for _, text in wizard.SCREENING_QUESTIONS)
    for lang in sorted(set(LANGUAGES) - {"en"}):
        _ = core_i18n.translator(lang)
        for text in (wizard.CONSENT_TEXT, i18n.CONSENT_STATEMENT, i18n.LANGUAGE_HINT, i18n.SCREENING_LEAD,
                     *i18n.SCREENING_EXPLANATIONS, i18n.WHAT_IT_MEANS, i18n.WELCOME):
            assert _(text) != text, f"{lang}: not translated: {text[:40]!r}"


def test_the_result_summary_says_what_the_lawyer_can_do_and_falls_back_for_other_outcomes():
    assert i18n.outcome_for_applicant("en", "ELIGIBLE") == f"What this means for you: {i18n.RESULT_TEXT['ELIGIBLE']}"
    assert i18n.outcome_for_applicant("en", "SOMETHING_NEW").endswith(OUTCOME_TEXT[""])
    assert i18n.outcome_for_applicant("es", "ELIGIBLE").startswith(i18n.tr("es", i18n.WHAT_IT_MEANS) + ": ")
    assert i18n.tr("es", i18n.WHAT_IT_MEANS) != i18n.WHAT_IT_MEANS
