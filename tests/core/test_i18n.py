"""Translations: the catalogs are complete and well-formed, every lookup falls back to English
rather than to an empty string, and dates read naturally in each language."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kiosk import i18n
from kiosk.models import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
_BRACES = re.compile(r"\{[a-z_]*\}")


def marked_strings() -> set[str]:
    """Every string the code marks for translation (`_()`, `N_()`, gettext...) in kiosk/ and ui/."""
    found: set[str] = set()
    for folder in ("kiosk", "ui"):
        if not (ROOT / folder).is_dir():
            continue
        for _name, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")]):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(lang: str):
    with open(i18n.catalog_path(lang), "rb") as fh:
        return read_po(fh, abort_invalid=True)


def test_the_receipt_strings_are_marked_and_registered():
    from babel.messages.extract import extract_from_file

    from kiosk.papers import receipt

    strings = marked_strings()
    assert "Reference number" in strings and "Page {page} of {pages}" in strings
    in_receipt = {m for _line, m, _c, _ctx in extract_from_file("python", receipt.__file__)}
    # the builder prepares glyphs for MESSAGES: a string printed but not registered could miss some
    assert in_receipt == set(receipt.MESSAGES)
    assert len(in_receipt) >= 30 and in_receipt <= strings


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_catalog_is_well_formed_and_complete(lang):
    cat = catalog(lang)
    assert cat.mime_headers  # parsed header
    ids = {m.id for m in cat if m.id}
    expected = marked_strings()
    assert expected - ids == set(), f"{lang}: strings missing from the catalog"
    assert ids - expected == set(), f"{lang}: catalog has strings the code no longer uses"
    assert dict(cat.mime_headers)["Language"] == lang
    if lang == "en":
        return  # the source catalog: msgids are the English text
    for m in cat:
        if not m.id:
            continue
        assert m.string and m.string.strip(), f"{lang}: empty translation for {m.id!r}"
        assert not m.fuzzy, f"{lang}: fuzzy translation for {m.id!r}"
        assert sorted(_BRACES.findall(m.string)) == sorted(_BRACES.findall(m.id)), \
            f"{lang}: placeholders differ for {m.id!r}"
        if len(m.id.split()) > 2:
            assert m.string != m.id, f"{lang}: {m.id!r} is not translated"


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {"en"}))
def test_translator_returns_the_catalog_text(lang):
    _ = i18n.translator(lang)
    for m in catalog(lang):
        if m.id:
            assert _(m.id) == m.string


def test_known_spanish_strings():
    _ = i18n.translator("es")
    assert _("Reference number") == "Número de referencia"
    assert _("Page {page} of {pages}").format(page=1, pages=2) == "Página 1 de 2"


def test_unknown_language_or_message_falls_back_to_english():
    assert i18n.translator("en")("Reference number") == "Reference number"
    assert i18n.translator("fr")("Reference number") == "Reference number"
    assert i18n.translator("../../etc/passwd")("Reference number") == "Reference number"
    assert i18n.translator("es")("A string nobody translated") == "A string nobody translated"


def test_empty_or_fuzzy_translations_fall_back_to_english(tmp_path, monkeypatch):
    po = tmp_path / "kiosk.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Reference number"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Your cases"\nmsgstr "Casos dudosos"\n\n'
        'msgid "Phone: {phone}"\nmsgstr "Teléfono: {phone}"\n\n'
        'msgid "one case"\nmsgid_plural "{n} cases"\nmsgstr[0] "un caso"\nmsgstr[1] "{n} casos"\n',
        encoding="utf-8")
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: po)
    i18n.translations.cache_clear()
    try:
        t = i18n.translations("es")
        assert t.gettext("Reference number") == "Reference number"
        assert t.gettext("Your cases") == "Your cases"
        assert t.gettext("Phone: {phone}") == "Teléfono: {phone}"
        assert t.ngettext("one case", "{n} cases", 1) == "un caso"
        assert t.ngettext("one case", "{n} cases", 3) == "{n} casos"
        assert t.ngettext("missing", "missings", 3) == "missings"
    finally:
        i18n.translations.cache_clear()


def test_a_broken_catalog_falls_back_to_english(tmp_path, monkeypatch):
    po = tmp_path / "kiosk.po"
    po.write_bytes(b'garbage line\nmsgid "Reference number"\nmsgstr "Wrong"\n')
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: po)
    i18n.translations.cache_clear()
    try:
        assert i18n.translator("es")("Reference number") == "Reference number"
        po.write_bytes(b"\xff\xfe not utf-8")
        i18n.translations.cache_clear()
        assert i18n.translator("es")("Reference number") == "Reference number"
    finally:
        i18n.translations.cache_clear()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "September 21, 2018"), ("es", "21 de septiembre de 2018"), ("ht", "21 septanm 2018"),
    ("ru", "21 сентября 2018\u202fг."), ("zh", "2018年9月21日"), ("xx", "September 21, 2018"),
])
def test_dates_in_each_language(lang, expected):
    assert i18n.format_date(date(2018, 9, 21), lang) == expected


def test_english_dates_written_without_babel_are_babels_long_dates():
    from babel.dates import format_date

    for day in (date(2018, m, d) for m in range(1, 13) for d in (1, 9, 28)):
        assert i18n.format_date(day, "en") == format_date(day, format="long", locale="en_US"), day
