"""The applicant's language: the welcome, screening and result steps follow it, Qt's own texts
follow it on the applicant's steps, the attorney's screens and the court papers stay English,
and every language's receipt has every glyph (ui.i18n's own rules are in test_i18n.py)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QTextLayout

from kiosk import i18n as core_i18n
from kiosk import wizard
from kiosk.models import LANGUAGES
from kiosk.papers import build_packet, build_receipt
from kiosk.papers.receipt import NEXT_STEPS, OUTCOME_TEXT
from tests.ui.drive import Driver
from tests.ui.walk_support import qt_cancel
from ui import i18n

from .papers_support import ELIGIBLE, new_db, pdf_pages_text

CONSENT_LABEL = "Consent: I agree to share my information with the DA's office"


def squash(text: str) -> str:
    """Text without whitespace or soft hyphens: line breaks fall in different places."""
    return re.sub(r"[\s\u00ad\ufffe]+", "", text)


@pytest.fixture(autouse=True)
def english_qt_after():
    yield
    i18n.use_qt_language("en")


def test_spanish_welcome_step_speaks_spanish_and_keeps_english_labels(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    page = d.view.current_page()
    assert page.heading.text() == "Welcome"
    assert qt_cancel() == "Cancel"
    d.set("Language", "Español")
    es = core_i18n.translator("es")
    assert page.heading.text() == "Le damos la bienvenida"
    assert page.lead.text() == es(wizard.CONSENT_TEXT) and page.lead.text().startswith("Un abogado gratuito")
    assert page.fields["language"].hint.text().startswith("Su recibo estará en este idioma")
    # the applicant ticks a box in their own language; the English follows in small type
    consent = d.field(CONSENT_LABEL)
    assert consent.text().startswith("Acepto que mi información")
    assert page.fields["consent_to_share"].hint.text().startswith(CONSENT_LABEL)
    assert d.view.title.text() == "Paso 1 de 6: Idioma y consentimiento"
    assert d.view.title_english.isVisible() and d.view.title_english.text() == "Step 1 of 6: Language and consent"
    assert qt_cancel() == "Cancelar"  # Qt's own texts on the applicant's step
    # the attorney's labels (and the accessible names scripts find fields by) stay English
    assert d.has("Language") and d.has(CONSENT_LABEL) and d.has("Next")
    d.set(CONSENT_LABEL, True)
    d.next()
    assert d.step() == "identity"
    assert qt_cancel() == "Cancel"  # an attorney-facing step: Qt back to English
    d.fill_identity(first="Lucia", last="Fernandez")
    d.next()
    assert d.step() == "screening"
    screening = d.view.current_page()
    assert screening.lead.text().startswith("Marque cada casilla")
    assert d.view.title.text() == "Paso 3 de 6: Algunas preguntas"
    # the boxes say the questions in Spanish; the English name and question follow, small
    boxes = [screening.fields[key].widget.text() for key, _ in wizard.SCREENING_QUESTIONS]
    assert boxes == [es(text) for _, text in wizard.SCREENING_QUESTIONS]
    assert all(b and b != text for b, (_, text) in zip(boxes, wizard.SCREENING_QUESTIONS, strict=True))
    hints = [screening.fields[key].hint.text() for key, _ in wizard.SCREENING_QUESTIONS]
    assert hints == [f"{wizard.LABELS[key]}: {text}" for key, text in wizard.SCREENING_QUESTIONS]
    assert d.has("Open case or warrant")  # the accessible name stays English (scripts find it)
    assert qt_cancel() == "Cancelar"
    d.window.lock()  # the attorney's lock screen: Qt back to English
    assert d.window.current_page_name() == "lock" and qt_cancel() == "Cancel"


def test_switching_back_to_english_retranslates_the_step(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    page = d.view.current_page()
    d.set("Language", "Русский")
    assert page.heading.text() == "Добро пожаловать"
    d.set("Language", "English")
    assert page.heading.text() == "Welcome"
    assert page.lead.text() == wizard.CONSENT_TEXT
    assert d.field(CONSENT_LABEL).text().replace("&", "") == CONSENT_LABEL
    assert not d.view.title_english.isVisible()
    assert qt_cancel() == "Cancel"


def test_chinese_welcome_has_every_glyph(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Language", "中文")
    page = d.view.current_page()
    assert page.heading.text() == "欢迎"
    for w in (page.heading, page.lead, d.field(CONSENT_LABEL), d.view.title):
        layout = QTextLayout(w.text(), w.font())
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
        assert glyphs and 0 not in glyphs, f"missing glyphs in {w.text()[:20]!r}"


def test_the_result_summary_is_in_the_applicants_language(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Language", "Kreyòl ayisyen")
    d.set(CONSENT_LABEL, True)
    d.next()
    d.fill_identity(first="Jean", last="Baptiste")
    d.next()
    d.next()
    d.fill_conviction(docket="2016KN074376", offense="PL 221.10(1)", conviction_date="2016-05-02")
    d.next()
    d.qtbot.waitUntil(lambda: bool(d.view.result_page.cards), timeout=15_000)
    card = d.view.result_page.cards[0]
    ht = core_i18n.translator("ht")
    # in the result step's tense: nothing is prepared yet (the receipt, printed after, says "prepared")
    assert card.for_applicant.text() == f"{ht(i18n.WHAT_IT_MEANS)}: {ht(i18n.RESULT_TEXT['ELIGIBLE'])}"
    assert card.for_applicant.text().startswith("Kisa sa vle di pou ou: Avoka ou a ka prepare")
    assert ht(OUTCOME_TEXT["ELIGIBLE"]) not in card.for_applicant.text()
    assert d.view.title.text() == "Etap 5 sou 6: Rezilta"
    assert card.word.text() == "ELIGIBLE"  # the attorney's outcome word stays English


@pytest.fixture(scope="module")
def evaluated():
    from kiosk import services

    db = new_db()
    applicant, dets = services.intake(db, ELIGIBLE)
    return applicant, dets


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_languages_receipt_has_every_glyph_and_reads_back_as_translated(lang, evaluated):
    from pypdf import PdfReader

    applicant, dets = evaluated
    applicant.language = lang
    doc = build_receipt(applicant, dets, reference="BA-TEST23", attorney=None, event=None,
                        created_at=datetime(2018, 9, 21, 10, 0, tzinfo=UTC))
    text = squash("".join(pdf_pages_text(doc.data)))
    _ = core_i18n.translator(lang)
    for message in (OUTCOME_TEXT["ELIGIBLE"], *NEXT_STEPS):
        assert squash(_(message)) in text, f"{lang}: {_(message)[:40]!r} not read back"
    assert "\ufffd" not in text
    # every font the receipt uses is embedded, so no glyph depends on the printer's fonts
    for page in PdfReader(io.BytesIO(doc.data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), f"{lang}: font not embedded"


def test_court_papers_stay_english_whatever_the_language(evaluated):
    applicant, dets = evaluated
    applicant.language = "es"
    packet = build_packet(applicant, dets, attorney=None, event=None, created_at=datetime(2018, 9, 21, tzinfo=UTC))
    text = " ".join(pdf_pages_text(packet.data))
    assert "NOTICE OF MOTION" in text and "PLEASE TAKE NOTICE" in text
    assert "moción" not in text.lower()
