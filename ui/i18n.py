"""The GUI side of the one translation system: the applicant-facing parts of the wizard in the
applicant's language, from the same gettext catalogs as the receipt (kiosk.i18n), plus Qt's own
shipped translations (qtbase_<lang>.qm) for the standard texts Qt draws itself.

What is translated: the welcome and consent step, the screening step's explanations and the
result's plain summary ("what this means for you"). What stays English, on purpose: everything
the attorney works with (field labels, which are also the accessible names assistive technology
and scripts find fields by, rule reasons, buttons) and the court papers. A missing translation
shows the English text, never an empty label.

Widgets register the text they show with `ApplicantText.bind`; `set_language` rewrites them
all. Qt's translator is installed only while an applicant-facing step is on screen
(`use_qt_language`), so the attorney's dialogs keep English buttons."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLibraryInfo, QObject, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.i18n import SOURCE_LANGUAGE, translator
from kiosk.resources import resource_path

log = logging.getLogger("kiosk.ui")


def N_(message: str) -> str:
    """Marks a string for the catalogs; translated where it is shown."""
    return message


# Applicant-facing texts the wizard shows. The consent paragraph and the screening explanations
# are the wizard's own constants (kiosk.wizard), repeated here so the catalogs carry them; a test
# checks they still match, so a reworded paragraph cannot silently lose its translations.
WELCOME = N_("Welcome")
CONSENT_TEXT = N_(
    "A free lawyer will look at your old marijuana conviction with you. If it qualifies, the lawyer "
    "prepares papers asking the court to vacate it (erase the conviction and dismiss the case). "
    "The Kings County District Attorney's office has to see your information to agree. "
    "Your information stays on this laptop until it is sent, locked with a code only that office "
    "can open. You can stop at any time."
)
CONSENT_STATEMENT = N_("I agree that my information is shared with the Kings County District Attorney's office.")
LANGUAGE_HINT = N_("Your receipt will be in this language. Court papers are always in English, because the "
                   "court requires it.")
SCREENING_LEAD = N_("Check each one that applies. Leave it unchecked if the answer is no. The answers help "
                    "the lawyer; they are not shared on the receipt.")
SCREENING_EXPLANATIONS = (
    N_("Any conviction for a violent felony, such as robbery or assault with a weapon, anywhere, ever."),
    N_("Any conviction for a sex offense, anywhere, ever."),
    N_("A court case that is not finished, or a warrant out for your arrest, today."),
    N_("You are not a U.S. citizen, or you worry how this could affect your immigration case."),
)
WHAT_IT_MEANS = N_("What this means for you")
# Step titles of the steps the applicant reads, in their language (the English follows, small).
STEP_OF = N_("Step {n} of {total}: {title}")
STEP_TITLES = {"language_consent": N_("Language and consent"), "screening": N_("A few questions"),
               "result": N_("Result")}
TITLED_STEPS = frozenset(STEP_TITLES)
# The result step comes before any papers exist: its sentences say what the lawyer *can* do (the
# receipt, printed after, says what was done).
RESULT_TEXT = {
    "ELIGIBLE": N_("Your lawyer can prepare a motion (a written request to the judge) to cancel this "
                   "conviction and dismiss the case."),
    "NEEDS_REVIEW": N_("Your lawyer can prepare a motion for this conviction, but the District Attorney's "
                       "office must review it first. It may or may not agree."),
}
# Wizard steps the applicant reads (Qt's own texts follow the applicant's language there).
APPLICANT_STEPS = frozenset({"language_consent", "screening"})

# Qt ships qtbase translations for es, ru and zh_CN; none for Haitian Creole, which keeps Qt's
# English (the rule for anything without a translation).
QT_CATALOGS = {"es": "qtbase_es", "ru": "qtbase_ru", "zh": "qtbase_zh_CN"}
# Script fonts the app ships, registered the first time a language needs them.
SCRIPT_FONTS = {"zh": "DroidSansFallbackFull.ttf"}
UI_FAMILIES = ("Liberation Sans", "Liberation Serif")

_qt_translator: QTranslator | None = None
_qt_language = SOURCE_LANGUAGE
_fonts_added: set[str] = set()


def tr(lang: str, message: str) -> str:
    """`message` in `lang`, or in English when there is no translation (never empty)."""
    return translator(lang)(message) or message


def outcome_for_applicant(lang: str, outcome: str) -> str:
    """The result summary in the applicant's words, in the result step's tense."""
    from kiosk.papers.receipt import OUTCOME_TEXT  # lazy: the receipt's module loads fpdf2 and PIL

    text = RESULT_TEXT.get(outcome) or OUTCOME_TEXT.get(outcome, OUTCOME_TEXT[""])
    return f"{tr(lang, WHAT_IT_MEANS)}: {tr(lang, text)}"


def ensure_script_font(lang: str) -> None:
    """Register the shipped font for a script the UI font lacks (Chinese), as its fallback, so a
    laptop without such a font still shows the characters rather than empty boxes."""
    name = SCRIPT_FONTS.get(lang)
    if not name or name in _fonts_added:
        return

    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("the %s font could not be loaded; the system's fonts are used", lang)
        return
    for family in UI_FAMILIES:
        QFont.insertSubstitution(family, families[0])
    _fonts_added.add(name)


def use_qt_language(lang: str) -> str:
    """Install Qt's own translations for `lang` (standard buttons, context menus, dialogs) or go
    back to English. Returns the language Qt now speaks."""
    global _qt_translator, _qt_language
    app = QApplication.instance()
    target = lang if lang in QT_CATALOGS else SOURCE_LANGUAGE
    if app is None or target == _qt_language:
        return _qt_language
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if target != SOURCE_LANGUAGE:
        translator_ = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator_.load(QT_CATALOGS[target], folder):
            app.installTranslator(translator_)
            _qt_translator = translator_
        else:
            log.warning("Qt's translations for %r are not installed; Qt's own texts stay English", target)
            target = SOURCE_LANGUAGE
    _qt_language = target
    return target


def qt_language() -> str:
    return _qt_language


class ApplicantText(QObject):
    """The applicant-facing texts of a page: each bound to a widget setter, all rewritten when the
    applicant's language changes."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = SOURCE_LANGUAGE
        self._bound: list[tuple[Callable[[str], Any], str, Callable[[str], str]]] = []

    def tr(self, message: str) -> str:
        return tr(self.language, message)

    def bind(self, setter: Callable[[str], Any], message: str,
             shape: Callable[[str], str] = lambda text: text) -> None:
        """Show `message` through `setter` (e.g. ``label.setText``) now and after every change;
        `shape` may decorate the translated text."""
        self._bound.append((setter, message, shape))
        setter(shape(self.tr(message)))

    def set_language(self, lang: str | None) -> None:
        lang = lang or SOURCE_LANGUAGE
        if lang == self.language:
            return
        self.language = lang
        ensure_script_font(lang)
        for setter, message, shape in self._bound:
            setter(shape(self.tr(message)))
        self.language_changed.emit(lang)
