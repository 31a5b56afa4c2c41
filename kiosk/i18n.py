"""Translations for the Qt-free core (the applicant receipt), shared with the GUI.

One system for both (docs/architecture.md: gettext catalogs via Babel). The catalogs ship as `.po`
under ``resources/translations/<lang>/LC_MESSAGES/kiosk.po``; `*.mo` files are not committed,
so the `.po` is read directly with Babel's parser and kept in memory. That needs no compile
step, no writable cache directory and no gettext search path, which keeps a frozen (PyInstaller)
build working with nothing but the shipped `resources/` folder. A catalog of ~100 strings
parses in a few milliseconds and is cached per language.

Every lookup falls back to the English msgid when a language, a message or its translation
is missing, so a user never sees an empty string.
"""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from .resources import resource_path

if TYPE_CHECKING:
    from babel.core import Locale

log = logging.getLogger(__name__)

_LANG_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_[A-Z]{2})?")  # also keeps paths out

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en"

# Babel locale used for dates and numbers per app language. Spanish speakers at a Brooklyn event
# are best served by US Spanish; Chinese text is written in Simplified characters.
BABEL_LOCALES = {"en": "en_US", "es": "es_US", "ru": "ru_RU", "zh": "zh_Hans_CN", "ht": "ht_HT"}

# English, the language of most receipts, is written without loading Babel and its locale data
# (~20 ms of a new `kiosk motion`): CLDR's long en_US date, "September 21, 2018"; a test checks
# every month against Babel.
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
# CLDR has no Haitian Creole month names (Babel's "ht" falls back to French), so they are kept
# here; "21 septanm 2018" is how dates are written in Kreyòl.
_HT_MONTHS = ("janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm",
              "oktòb", "novanm", "desanm")


def catalog_path(lang: str):
    return resource_path("translations", lang, "LC_MESSAGES", f"{DOMAIN}.po")


class CatalogTranslations(gettext.NullTranslations):
    """gettext-compatible translations backed by a parsed `.po` catalog.

    Behaves like `gettext.GNUTranslations` (gettext, ngettext, pgettext, npgettext, install),
    except that an empty or fuzzy translation counts as missing and falls back to English."""

    def __init__(self, lang: str, messages: dict, plural: Callable[[int], int]):
        super().__init__()
        self.lang = lang
        self._messages = messages  # (context, msgid) -> str | tuple[str, ...]
        self._plural = plural

    def gettext(self, message: str) -> str:
        found = self._messages.get((None, message))
        return found if isinstance(found, str) and found else message

    def pgettext(self, context: str, message: str) -> str:
        found = self._messages.get((context, message))
        return found if isinstance(found, str) and found else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._plural_lookup(None, msgid1, msgid2, n)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._plural_lookup(context, msgid1, msgid2, n)

    def _plural_lookup(self, context: str | None, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._messages.get((context, msgid1))
        if isinstance(forms, tuple):
            index = self._plural(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return msgid1 if n == 1 else msgid2


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The translations for an app language ("en", "es", "ht", "ru", "zh"); English for others."""
    if lang == SOURCE_LANGUAGE or not _LANG_CODE.fullmatch(lang):
        return gettext.NullTranslations()
    from babel.messages.pofile import read_po  # lazy: the GUI's first window needs no catalog

    path = catalog_path(lang)
    try:
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=None, domain=DOMAIN, abort_invalid=True)
    except FileNotFoundError:
        log.warning("no translation catalog for language %r; using English", lang)
        return gettext.NullTranslations()
    except Exception:  # a broken catalog must not stop a receipt from printing
        log.exception("translation catalog for language %r could not be read; using English", lang)
        return gettext.NullTranslations()
    messages: dict = {}
    for msg in catalog:
        if not msg.id or msg.fuzzy:
            continue
        key_id = msg.id[0] if isinstance(msg.id, (list, tuple)) else msg.id
        value = tuple(msg.string) if isinstance(msg.string, (list, tuple)) else msg.string
        messages[(msg.context, key_id)] = value
    try:
        plural = gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError):
        plural = gettext.c2py("(n != 1)")
    return CatalogTranslations(lang, messages, plural)


def translator(lang: str) -> Callable[[str], str]:
    """A gettext function for `lang`: ``_ = translator("es"); _("Reference number")``."""
    return translations(lang).gettext


def babel_locale(lang: str) -> Locale:
    from babel.core import Locale, UnknownLocaleError  # lazy: the GUI's first window formats no date

    try:
        return Locale.parse(BABEL_LOCALES.get(lang, lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(BABEL_LOCALES[SOURCE_LANGUAGE])


def format_date(value: date, lang: str) -> str:
    """A long date the applicant reads naturally: "September 21, 2018", "21 de septiembre de 2018",
    "2018年9月21日", "21 septanm 2018"."""
    if lang == "ht":
        return f"{value.day} {_HT_MONTHS[value.month - 1]} {value.year}"
    if lang == SOURCE_LANGUAGE:
        return f"{_EN_MONTHS[value.month - 1]} {value.day}, {value.year}"
    from babel.dates import format_date as babel_format_date  # lazy: the GUI's first window formats no date

    return babel_format_date(value, format="long", locale=babel_locale(lang))
