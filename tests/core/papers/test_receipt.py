"""The applicant's receipt: what was done for each case and what comes next, in the applicant's
language and script, no personal detail beyond the reference, the same bytes for the same inputs."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from tests.core.conftest import conviction_dict
from tests.core.papers.builders_support import (  # noqa: F401  (no_missing_glyphs: an autouse fixture)
    applicant,
    assert_inside_margins,
    det,
    flat,
    no_missing_glyphs,
    one_line,
    pages,
    receipt,
    reference_text,
)


def receipt_case_mix():
    convs = [conviction_dict(docket="2016KN000001"),
             conviction_dict(docket="2015QN000002", county="queens"),
             conviction_dict(docket="2014KN000003", offense="PL 221.20"),
             conviction_dict(docket="", county="kings", offense="PL 221.05", conviction_date="2015-06-01",
                             arrest_date=None),
             conviction_dict(docket="2013KN000005", offense="PL 221.35")]
    dets = [det(), det("INELIGIBLE", rule="K18-08"), det("INELIGIBLE", rule="K18-06"),
            det("RELIEF_BY_STATUTE", "ny-mrta-2021", "MRTA-01"), det("NEEDS_REVIEW", rule="K18-05")]
    return convs, dets


def test_english_receipt_says_what_was_done_and_what_comes_next():
    convs, dets = receipt_case_mix()
    doc = receipt(applicant(convictions=convs), dets)
    assert doc.kind == "receipt"
    text = one_line(" ".join(pages(doc)))
    assert "Your Begin Again receipt" in text
    assert "It is not a court paper and is not filed in court." in text
    assert "Reference number BA-7Q4K-2M9X" in text
    assert "Date: September 21, 2018" in text
    assert "Case number 2016KN000001 — conviction date March 21, 2016 Your lawyer prepared a motion" in text
    assert "Case number 2015QN000002" in text and "This conviction is from Queens." in text
    assert "Case number 2014KN000003 — conviction date March 21, 2016 This program cannot clear this " \
           "conviction. Ask the office listed below about other ways" in text
    assert "Case number not known yet — conviction date June 1, 2015 The law already cleared this " \
           "conviction" in text
    assert "Case number 2013KN000005 — conviction date March 21, 2016 Your lawyer prepared a motion for " \
           "this conviction, but the District Attorney's office must review it first." in text
    assert "The District Attorney's office reviews it." in text
    assert "the judge cancels (vacates) the conviction" in text
    assert "You do not need to come back to court." in text
    assert "Jordan Counsel, The Legal Aid Society" in text and "Phone: 212-577-3300" in text
    assert "Your court papers are in English because the court requires papers in English." in text
    assert "This receipt is in your language" not in text
    assert "Page 1 of" in text
    for private in ("Jane", "Sample", "718-555-0100", "jane@example.org", "1980", "01234567L"):
        assert private not in text
    assert_inside_margins(doc)


def test_spanish_receipt():
    doc = receipt(applicant(language="es"))
    text = one_line(" ".join(pages(doc)))
    assert "Su recibo de Begin Again" in text
    assert "Número de referencia BA-7Q4K-2M9X" in text
    assert "Fecha: 21 de septiembre de 2018" in text
    assert "Caso número 2016KN074376 — fecha de la condena: 21 de marzo de 2016" in text
    assert "Su abogado preparó una moción" in text
    assert "Usted no necesita volver al tribunal." in text
    assert "Teléfono: 212-577-3300" in text
    assert "Sus documentos judiciales están en inglés porque el tribunal exige" in text
    assert "Este recibo está en español para que usted pueda leerlo." in text
    assert "Página 1 de 1" in text
    assert "Your lawyer" not in text


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", ["您的 Begin Again 收据", "参考编号", "2018年9月21日", "您不需要再回到法院。", "第 1 页"]),
    ("ru", ["Ваша квитанция Begin Again", "21 сентября 2018 г.", "Вам не нужно снова приходить в суд.",
            "Страница 1 из"]),
    ("ht", ["Resi Begin Again ou", "21 septanm 2018", "Ou pa bezwen retounen nan tribinal.", "Paj 1 sou"]),
])
def test_receipts_in_other_scripts_render_every_glyph(lang, expected):
    convs, dets = receipt_case_mix()
    doc = receipt(applicant(language=lang, convictions=convs), dets)
    text = one_line(" ".join(pages(doc)))
    squeezed = flat(text)
    for phrase in expected:
        assert flat(phrase) in squeezed, phrase
    assert "Your lawyer" not in text
    assert_inside_margins(doc)


def test_receipt_without_motion_or_attorney():
    doc = receipt(dets=[det("RELIEF_BY_STATUTE", "ny-mrta-2021", "MRTA-01")], attorney=None, event=None)
    text = one_line(" ".join(pages(doc)))
    assert "No motion was prepared today." in text
    assert "The District Attorney's office reviews it." not in text
    assert "Contact the free legal services office that helped you at the event." in text
    assert "None" not in text


def test_receipt_is_deterministic_and_needs_a_reference():
    assert receipt().data == receipt().data
    assert receipt(applicant(language="zh")).data == receipt(applicant(language="zh")).data
    with pytest.raises(InputError) as err:
        receipt(reference="  ")
    assert err.value.field == "reference"


def test_spanish_receipt_matches_its_reviewed_text():
    convs, dets = receipt_case_mix()
    reference_text("receipt-es.txt", receipt(applicant(language="es", convictions=convs), dets))
