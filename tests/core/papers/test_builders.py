"""The PDF builders: every fact lands on the right paper, nothing runs outside the margins, names
in any Latin script (and Chinese) print, blanks are left for what is unknown, and the same inputs
give the same bytes. PDFs are read back with pypdf; positions are checked against the fonts'
own metrics, independently of the builder's layout code."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from kiosk.errors import InputError
from kiosk.models import Applicant, Attorney, Determination, Event, PackRef, RuleHit
from kiosk.papers import BuiltDocument, build_packet, build_receipt
from kiosk.papers import packet_case as packet_case_module
from kiosk.papers import templates as templates_module
from kiosk.validate import parse_applicant, parse_attorney, parse_event

from ..conftest import applicant_dict, conviction_dict

ROOT = Path(__file__).resolve().parents[3]
FONTS = ROOT / "resources" / "fonts"
REFERENCE = Path(__file__).resolve().parents[1] / "reference"
WHEN = datetime(2018, 9, 21, 14, 30, tzinfo=UTC)
PAGE_W, PAGE_H, MARGIN = 612.0, 792.0, 72.0

PAPER_ORDER = ["Notice of Motion", "Affirmation in Support", "People's Consent", "Proposed Order"]


# --- helpers ----------------------------------------------------------------------------------

def det(outcome: str = "ELIGIBLE", pack: str = "kings-2018-consent", rule: str = "K18-02",
        **over) -> Determination:
    hits = [RuleHit(rule, pack, outcome, "reason for the attorney", True)]
    return Determination(outcome=outcome, as_of=date(2018, 9, 21), hits=hits, packs=[PackRef(pack, "h")],
                         **over)


def attorney(**over) -> Attorney:
    raw = {"name": "Jordan Counsel", "organization": "The Legal Aid Society", "phone": "212-577-3300",
           "office_address": "111 Livingston Street, Brooklyn, NY 11201", "registration_number": "1234567"}
    raw.update(over)
    return parse_attorney(raw)


def event(**over) -> Event:
    raw = {"name": "Begin Again", "starts_on": "2018-09-21", "ends_on": "2018-09-22",
           "venue": "Lenox Road Baptist Church", "part": "AP2", "return_date": "2018-12-19"}
    raw.update(over)
    return parse_event(raw)


def applicant(**over) -> Applicant:
    return parse_applicant(applicant_dict(**over), today=date(2025, 1, 1))


def packet(app: Applicant | None = None, dets=None, **kw) -> BuiltDocument:
    app = app or applicant()
    dets = dets if dets is not None else [det() for _ in app.convictions]
    kw.setdefault("attorney", attorney())
    kw.setdefault("event", event())
    kw.setdefault("created_at", WHEN)
    return build_packet(app, dets, **kw)


def receipt(app: Applicant | None = None, dets=None, **kw) -> BuiltDocument:
    app = app or applicant()
    dets = dets if dets is not None else [det() for _ in app.convictions]
    kw.setdefault("reference", "BA-7Q4K-2M9X")
    kw.setdefault("attorney", attorney())
    kw.setdefault("event", event())
    kw.setdefault("created_at", WHEN)
    return build_receipt(app, dets, **kw)


def pages(doc: BuiltDocument) -> list[str]:
    return [unicodedata.normalize("NFC", p.extract_text()) for p in PdfReader(BytesIO(doc.data)).pages]


def flat(text: str) -> str:
    """Text with all whitespace removed: a wrapped (or cut) word reads whole again."""
    return re.sub(r"\s+", "", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


_PAGE_NO = re.compile(r"Page (\d+) of (\d+)")


def papers(doc: BuiltDocument) -> list[tuple[str, str]]:
    """(footer label, text without footers) per paper, split where a page says "Page 1 of n"."""
    result: list[tuple[str, str]] = []
    for text in pages(doc):
        body, footer = text.rstrip().rsplit("\n", 1)
        m = _PAGE_NO.search(footer)
        assert m, "every page carries a page number in its footer"
        label = next(p for p in PAPER_ORDER if footer.startswith(p))
        if m.group(1) == "1":
            result.append((label, body))
        else:
            assert result and result[-1][0] == label, "a continued paper keeps its label"
            result[-1] = (label, result[-1][1] + "\n" + body)
    return result


@cache
def _font_metrics() -> dict[str, tuple[dict[int, str], dict[str, tuple[int, int]], int]]:
    """Full font name (as fpdf2 embeds it) → (cmap, advance widths, units per em)."""
    found = {}
    for path in FONTS.glob("*.ttf"):
        with TTFont(path, lazy=True) as font:
            name = re.sub("[ ()]", "", font["name"].getBestFullName())
            found[name] = (font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm)
    return found


def text_runs(doc: BuiltDocument) -> list[tuple[int, float, float, float, str]]:
    """(page, x, baseline y from the top, width, text) of every text run, measured with the
    embedded font's own advance widths."""
    runs = []
    metrics = _font_metrics()
    for number, page in enumerate(PdfReader(BytesIO(doc.data)).pages, 1):
        def visit(text, cm, tm, font_dict, font_size, number=number):
            text = text.strip()  # pypdf adds a space or newline between runs; x is where the run starts
            if not text:
                return
            base = str(font_dict["/BaseFont"]).split("+", 1)[1]
            cmap, widths, upem = metrics[base]
            advance = sum(widths[cmap[ord(ch)]][0] for ch in text if ord(ch) in cmap)
            scale = font_size * tm[0] * cm[0]
            x = tm[4] * cm[0] + cm[4]
            y = PAGE_H - (tm[5] * cm[3] + cm[5])
            runs.append((number, x, y, advance * scale / upem, text))
        page.extract_text(visitor_text=visit)
    return runs


def assert_inside_margins(doc: BuiltDocument) -> None:
    runs = text_runs(doc)
    assert runs
    for page, x, y, width, text in runs:
        where = f"page {page}: {text[:40]!r}"
        assert x >= MARGIN - 0.01, where
        assert x + width <= PAGE_W - MARGIN + 0.5, f"{where} ends at {x + width:.1f}"
        if y > PAGE_H - MARGIN:  # only the footer lives in the bottom margin, half an inch up
            assert y <= PAGE_H - 30, where
        else:
            assert y >= MARGIN, where


@pytest.fixture(autouse=True)
def no_missing_glyphs(caplog):
    """fpdf2 only logs a glyph it cannot draw (an empty box on paper): make that a failure."""
    caplog.set_level(logging.WARNING, logger="fpdf")
    yield
    missing = [r.getMessage() for r in caplog.records if r.name.startswith("fpdf")]
    assert not missing, missing


@pytest.fixture(scope="module")
def sample_packet() -> BuiltDocument:
    return packet()


@pytest.fixture(scope="module")
def sample_papers(sample_packet) -> dict[str, str]:
    found = papers(sample_packet)
    assert [label for label, _ in found] == PAPER_ORDER
    return {label: one_line(text) for label, text in found}


# --- the motion packet -------------------------------------------------------------------------

def test_packet_is_four_papers_in_order_each_with_the_caption(sample_packet, sample_papers):
    assert sample_packet.kind == "packet"
    assert sample_packet.data.startswith(b"%PDF-")
    assert sample_packet.pages == len(PdfReader(BytesIO(sample_packet.data)).pages)
    for label, text in sample_papers.items():
        assert "CRIMINAL COURT OF THE CITY OF NEW YORK COUNTY OF KINGS: PART AP2" in text, label
        assert "THE PEOPLE OF THE STATE OF NEW YORK, -against- JANE Q. SAMPLE, a/k/a JANIE SAMPLE, Defendant." \
            in text, label
        assert "Docket No. 2016KN074376" in text, label
        assert "(CPL 440.10, 170.40, 160.50)" in text, label
    titles = ["NOTICE OF MOTION TO VACATE JUDGMENT AND DISMISS",
              "AFFIRMATION IN SUPPORT OF MOTION TO VACATE JUDGMENT AND DISMISS",
              "PEOPLE'S CONSENT TO MOTION TO VACATE JUDGMENT AND DISMISS",
              "[PROPOSED] ORDER VACATING JUDGMENT AND DISMISSING"]
    for (label, text), title in zip(sample_papers.items(), titles, strict=True):
        assert title in text, label
        for other in titles:
            if other != title:
                assert other not in text, f"{label} carries another paper's title"


def test_notice_of_motion_holds_its_facts(sample_papers):
    text = sample_papers["Notice of Motion"]
    assert ("upon the annexed affirmation of Jordan Counsel, dated September 21, 2018" in text)
    assert "the defendant, Jane Q. Sample (a/k/a Janie Sample), will move this Court, Part AP2" in text
    assert "at 120 Schermerhorn Street, Brooklyn, NY 11201, on December 19, 2018, at 9:30 a.m." in text
    assert "or as soon thereafter as counsel may be heard" in text
    assert "vacating the judgment of conviction pursuant to CPL 440.10" in text
    assert "dismissing the accusatory instrument in furtherance of justice pursuant to CPL 170.40" in text
    assert "sealing the record of this action pursuant to CPL 160.50" in text
    assert "such other and further relief" in text
    assert "TO: District Attorney, Kings County 350 Jay Street Brooklyn, NY 11201" in text
    assert "Clerk of the Court" in text
    assert "Yours, etc.," in text and "Attorney for Defendant" in text
    assert "The Legal Aid Society" in text and "Attorney Reg. No. 1234567" in text
    assert "Dated: Brooklyn, New York September 21, 2018" in text


def test_affirmation_holds_the_case_facts(sample_papers):
    text = sample_papers["Affirmation in Support"]
    assert "Jordan Counsel, an attorney admitted to practice in the courts of the State of New York" in text
    assert "I am an attorney with The Legal Aid Society, counsel for the defendant, Jane Q. Sample " \
           "(a/k/a Janie Sample)" in text
    assert "my interview with the defendant, the court records available to me" in text
    assert "criminal history record (rap sheet)" in text
    assert "On or about March 20, 2016, the defendant was arrested and charged, under Docket No. " \
           "2016KN074376, with PL § 221.10(1) (Criminal Possession of Marihuana in the Fifth Degree)" in text
    assert "On March 21, 2016, the defendant pleaded guilty to PL § 221.10(1) (Criminal Possession of " \
           "Marihuana in the Fifth Degree). The Court imposed a sentence of time served. " \
           "The sentence has been completed." in text
    # the grounds paragraph comes from the kings-2018-consent template
    assert "On September 7, 2018, the District Attorney of Kings County announced" in text
    assert "pursuant to CPL 440.10 to vacate the judgment" in text
    assert "background checks" in text and "immigration consequences" in text
    assert "No prior application for the relief requested herein has been made" in text
    assert "WHEREFORE, the defendant respectfully requests" in text
    # signed in 2018: the attorney's affirmation of CPLR 2106 as it then stood, not the 2024 form
    assert "affirms this 21st day of September, 2018, pursuant to CPLR 2106, that the foregoing " \
           "statements are true under the penalties of perjury." in text
    assert "which may include a fine or imprisonment" not in text
    assert "Dated: Brooklyn, New York September 21, 2018" in text
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d)\. ", text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 7
    # an ELIGIBLE, not overridden determination needs no note for the People
    assert "individual review" not in text


def test_consent_and_order_hold_their_facts(sample_papers):
    consent = sample_papers["People's Consent"]
    assert "The People of the State of New York, by the District Attorney of Kings County" in consent
    assert "The People consent to the relief requested." in consent
    assert "entered on March 21, 2016 under Docket No. 2016KN074376" in consent
    assert "DISTRICT ATTORNEY, KINGS COUNTY By:" in consent
    assert "Assistant District Attorney" in consent and "Name (print): ____" in consent
    assert "Dated: Brooklyn, New York ____" in consent
    order = sample_papers["Proposed Order"]
    assert "At Part AP2 of the Criminal Court of the City of New York, County of Kings" in order
    assert "the affirmation of Jordan Counsel, both dated September 21, 2018, and the People's consent" in order
    assert "ORDERED that the judgment of conviction of March 21, 2016 under Docket No. 2016KN074376, " \
           "convicting the defendant of PL § 221.10(1) (Criminal Possession of Marihuana in the Fifth " \
           "Degree), is VACATED" in order
    assert "ORDERED that the accusatory instrument is DISMISSED in furtherance of justice pursuant to " \
           "CPL 170.40" in order
    assert "ORDERED that the record of this action is SEALED pursuant to CPL 160.50." in order
    assert "ENTER: J.C.C." in order
    assert "J.S.C." not in order
    assert "compelling factors clearly demonstrate" in order


def test_papers_carry_no_contact_details_birth_date_or_nysid(sample_packet):
    text = " ".join(pages(sample_packet))
    for private in ("718-555-0100", "jane@example.org", "1 Main St", "01234567L", "1980", "April 2"):
        assert private not in text
    assert "None" not in text
    meta = PdfReader(BytesIO(sample_packet.data)).metadata
    assert "Sample" not in " ".join(str(v) for v in meta.values())


_RULE = re.compile(rb"[\d.]+ ([\d.]+) m [\d.]+ \1 l S")  # a horizontal line, as fpdf2 strokes it


def test_every_paper_has_its_ruled_caption_and_a_signature_line(sample_packet):
    reader = PdfReader(BytesIO(sample_packet.data))
    per_paper: list[int] = []
    for page, text in zip(reader.pages, pages(sample_packet), strict=True):
        rules = len(_RULE.findall(page.get_contents().get_data()))
        if _PAGE_NO.search(text).group(1) == "1":
            per_paper.append(rules)
        else:
            per_paper[-1] += rules
    # two caption rules closed by "x", and one line to sign: counsel, the ADA, the judge
    assert per_paper == [3, 3, 3, 3]


def test_wet_ink_by_default_typed_signature_on_request(sample_packet):
    assert "/s/" not in " ".join(pages(sample_packet))
    typed = packet(attorney=attorney(typed_signature=True))
    found = {label: one_line(text) for label, text in papers(typed)}
    assert "/s/ Jordan Counsel" in found["Notice of Motion"]
    assert "/s/ Jordan Counsel" in found["Affirmation in Support"]
    assert "/s/" not in found["People's Consent"] + found["Proposed Order"]


def test_needed_facts_left_unknown_print_as_lines_to_fill_by_hand():
    conv = conviction_dict(arrest_date=None, sentence="", docket="", original_charge="")
    app = applicant(convictions=[conv])
    doc = packet(app, attorney=None, event=None)
    found = {label: one_line(text) for label, text in papers(doc)}
    text = " ".join(found.values())
    assert "None" not in text
    assert "PART ______" in found["Notice of Motion"]
    assert "will move this Court, Part ______, at 120 Schermerhorn Street, Brooklyn, NY 11201, on " \
           "____________________, at 9:30 a.m." in found["Notice of Motion"]
    assert "upon the annexed affirmation of __________, dated" in found["Notice of Motion"]
    assert "Print name: ____" in found["Notice of Motion"]
    affirmation = found["Affirmation in Support"]
    assert "I am the attorney for the defendant" in affirmation  # no organization: no blank for it
    assert "does not know the number of this case" in affirmation
    assert "Docket No. __________" in found["Proposed Order"]


def test_docket_from_memory_and_incomplete_sentence_are_stated():
    conv = conviction_dict(docket_source="memory", sentence_complete=False, other_counts_dismissed=True)
    text = one_line(" ".join(pages(packet(applicant(convictions=[conv])))))
    assert "was given from the defendant's recollection and has not yet been checked" in text
    assert "the sentence has not yet been completed" in text
    assert "All other counts were dismissed in satisfaction of the plea." in text
    assert "The sentence has been completed." not in text


def test_supreme_court_indictment_variant():
    conv = conviction_dict(court="supreme", docket="5957/2014", offense="PL 221.15",
                           arrest_date="2014-01-10", conviction_date="2014-06-02", plea="verdict")
    doc = packet(applicant(convictions=[conv]), [det("NEEDS_REVIEW", rule="K18-09")])
    found = {label: one_line(text) for label, text in papers(doc)}
    assert list(found) == PAPER_ORDER
    for label, text in found.items():
        assert "SUPREME COURT OF THE STATE OF NEW YORK COUNTY OF KINGS: PART AP2" in text, label
        assert "Ind. No. 5957/2014" in text and "Docket No." not in text, label
        assert "(CPL 440.10, 210.40, 160.50)" in text and "170.40" not in text, label
        assert "CRIMINAL COURT" not in text, label
    assert "at 320 Jay Street, Brooklyn, NY 11201" in found["Notice of Motion"]
    assert "dismissing the indictment in furtherance of justice pursuant to CPL 210.40" in found["Notice of Motion"]
    assert "was found guilty after trial of PL § 221.15 (Criminal Possession of Marihuana in the Fourth " \
           "Degree)" in found["Affirmation in Support"]
    assert "submitted for the People's individual review" in found["Affirmation in Support"]
    assert "screening rule K18-09" in found["Affirmation in Support"]
    assert "J.S.C." in found["Proposed Order"] and "J.C.C." not in found["Proposed Order"]
    assert "At Part AP2 of the Supreme Court of the State of New York, County of Kings" in found["Proposed Order"]
    assert "ORDERED that the indictment is DISMISSED" in found["Proposed Order"]
    assert_inside_margins(doc)


def test_attempt_is_written_as_attempted_with_its_subdivision():
    conv = conviction_dict(offense="PL 110/221.10(2)")
    doc = packet(applicant(convictions=[conv]), [det("NEEDS_REVIEW", rule="K18-04")])
    found = {label: one_line(text) for label, text in papers(doc)}
    cite = "PL §§ 110.00/221.10(2) (attempted Criminal Possession of Marihuana in the Fifth Degree)"
    assert f"pleaded guilty to {cite}" in found["Affirmation in Support"]
    assert f"convicting the defendant of {cite}, is VACATED" in found["Proposed Order"]
    assert "screening rule K18-04" in found["Affirmation in Support"]


def test_attorney_override_is_stated_for_the_people():
    overridden = det("INELIGIBLE", rule="K18-07", override_outcome="ELIGIBLE",
                     override_reason="Plea to PL 221.10   was\nrecorded under the wrong section.",
                     override_by="attorney-1")
    doc = packet(dets=[overridden])
    text = one_line(dict(papers(doc))["Affirmation in Support"])
    assert "Counsel reviewed the screening result for this conviction" in text
    assert "submits this application for the People's individual review" in text
    # the reason is for the audit trail and the office report, never a court paper
    assert "Counsel's stated reason" not in text and "wrong section" not in text
    assert "wrong section" not in " ".join(pages(doc)) + " ".join(pages(receipt(dets=[overridden])))


def test_only_eligible_and_review_convictions_get_papers_in_order():
    convs = [
        conviction_dict(docket="2016KN000001"),
        conviction_dict(docket="2015QN000002", county="queens"),
        conviction_dict(docket="2014KN000003", offense="PL 221.05"),
        conviction_dict(docket="2013KN000004", offense="PL 221.35"),
        conviction_dict(docket="2012KN000005"),
        conviction_dict(docket="2011KN000006"),
    ]
    dets = [det(), det("INELIGIBLE", rule="K18-08"), det("ELIGIBLE", rule="K18-01"),
            det("NEEDS_REVIEW", rule="K18-05"), det("RELIEF_BY_STATUTE", "ny-mrta-2021", "MRTA-01"), None]
    doc = packet(applicant(convictions=convs), dets)
    found = papers(doc)
    assert [label for label, _ in found] == PAPER_ORDER * 3
    dockets = ["2016KN000001", "2014KN000003", "2013KN000004"]
    for i, (label, text) in enumerate(found):
        assert f"Docket No. {dockets[i // 4]}" in text, label
        for other in set(dockets) - {dockets[i // 4]}:
            assert other not in text
    everything = " ".join(pages(doc))
    for skipped in ("2015QN000002", "2012KN000005", "2011KN000006"):
        assert skipped not in everything
    assert "Unlawful Possession of Marihuana" in one_line(found[5][1])
    assert "Criminal Sale of Marihuana in the Fifth Degree" in one_line(found[9][1])


def test_no_qualifying_conviction_is_an_input_error():
    with pytest.raises(InputError) as err:
        packet(dets=[det("INELIGIBLE", rule="K18-06")])
    assert err.value.field == "convictions"
    with pytest.raises(InputError):
        packet(dets=[None])
    with pytest.raises(InputError) as err:
        packet(dets=[det(), det()])
    assert err.value.field == "determinations"


@pytest.mark.parametrize(("pack", "caption", "grounds"), [
    ("ny-2019-decrim", "(CPL 440.10(1)(k), 160.50)", "Effective August 28, 2019"),
    ("ny-mrta-2021", "(CPL 440.46-a, 160.50)", "The Marihuana Regulation and Taxation Act"),
    ("no-such-pack", "(CPL 440.10, 170.40, 160.50)", "On September 7, 2018"),
])
def test_grounds_and_statutes_come_from_the_deciding_pack(pack, caption, grounds):
    doc = packet(dets=[det("NEEDS_REVIEW", pack=pack, rule="X-01")])
    found = {label: one_line(text) for label, text in papers(doc)}
    assert all(caption in text for text in found.values())
    assert grounds in found["Affirmation in Support"]
    expected = "kings-2018-consent" if pack == "no-such-pack" else pack
    assert f"{expected}@1.1" in doc.templates
    if pack == "ny-mrta-2021":
        assert "VACATED pursuant to CPL 440.46-a" in found["Proposed Order"]
        assert "EXPUNGED and SEALED" in found["Proposed Order"]


def test_each_paper_is_numbered_on_its_own(sample_packet):
    numbers = [_PAGE_NO.search(text).groups() for text in pages(sample_packet)]
    per_paper: list[list[tuple[str, str]]] = []
    for page, total in numbers:
        if page == "1":
            per_paper.append([])
        per_paper[-1].append((page, total))
    assert len(per_paper) == 4
    for numbered in per_paper:
        assert [int(p) for p, _ in numbered] == list(range(1, len(numbered) + 1))
        assert {int(t) for _, t in numbered} == {len(numbered)}


def test_packet_text_stays_inside_the_margins(sample_packet):
    assert_inside_margins(sample_packet)


def test_long_name_and_twenty_aliases_wrap_and_are_never_cut():
    long_word = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen"
    app = applicant(convictions=[conviction_dict()])
    app = dataclasses.replace(
        app, first_name="Maria Guadalupe Esperanza", middle_name=long_word,
        last_name="de los Santos Rodríguez-Villanueva O'Brien-Núñez " + "y Montenegro " * 6,
        aliases=[f"Alias Number {i} Ñandú Christophersen-Łukaszewicz" for i in range(20)])
    assert len(app.full_name) >= 200
    doc = packet(app)
    assert_inside_margins(doc)
    found = papers(doc)
    assert [label for label, _ in found] == PAPER_ORDER
    for label, text in found:
        squeezed = flat(text)
        assert flat(app.full_name.upper()) in squeezed, label
        for alias in app.aliases:
            assert flat(f"a/k/a {alias.upper()}") in squeezed, label
        assert "Defendant." in text and "Docket No. 2016KN074376" in text
    affirmation = flat(dict(found)["Affirmation in Support"])
    assert flat(f"{app.full_name} (a/k/a {', a/k/a '.join(app.aliases)})") in affirmation


@pytest.mark.parametrize("name", [("Minh", "Thị", "Nguyễn"), ("Łukasz", "", "Wójcik"), ("Seán", "", "O'Brien-Núñez")])
def test_non_latin_letters_print_exactly(name):
    first, middle, last = name
    app = applicant(first_name=first, middle_name=middle, last_name=last, aliases=["Đặng Văn Lâm"])
    doc = packet(app)
    text = one_line(" ".join(pages(doc)))
    assert app.full_name in text
    assert app.full_name.upper() in text
    assert "ĐẶNG VĂN LÂM" in text


def test_decomposed_input_prints_composed():
    app = dataclasses.replace(applicant(), first_name=unicodedata.normalize("NFD", "Nguyễn"))
    assert "Nguyễn" in " ".join(pages(packet(app)))


def test_chinese_name_prints_with_the_fallback_font():
    app = dataclasses.replace(applicant(), aliases=["王小明"])
    doc = packet(app)
    assert "王小明" in " ".join(pages(doc))
    assert_inside_margins(doc)


def test_a_name_no_font_can_print_is_refused_without_echoing_it():
    app = dataclasses.replace(applicant(), last_name="Sample\U00013000")
    with pytest.raises(InputError) as err:
        packet(app)
    assert err.value.field == "name"
    assert "\U00013000" not in str(err.value) and "Sample" not in str(err.value)


def test_same_inputs_same_bytes_and_the_date_is_the_given_one(sample_packet):
    again = packet()
    assert again.data == sample_packet.data
    assert again.sha256 == sample_packet.sha256
    later = packet(created_at=WHEN + timedelta(days=1))
    assert later.data != sample_packet.data
    assert "September 22, 2018" in " ".join(pages(later))
    meta = PdfReader(BytesIO(sample_packet.data)).metadata
    assert meta.creation_date == WHEN
    # fonts parsed once and shared between documents give the very same file as fresh ones
    assert packet().data == build_packet(applicant(), [det()], attorney=attorney(), event=event(),
                                         created_at=WHEN, fast_fonts=False).data


def test_every_template_placeholder_is_filled_by_the_builder():
    for pack in ("kings-2018-consent", "ny-2019-decrim", "ny-mrta-2021"):
        tpl = templates_module.pack_templates(pack)
        assert tpl.pack == pack and tpl.version
    case = packet_case_module.packet_case(applicant(), 0, det(), attorney(), event(), WHEN.date(),
                               templates_module.common())
    assert set(case.facts) == templates_module.FACTS
    assert set(case.fragments) == templates_module.FRAGMENTS


def test_a_template_with_an_unknown_placeholder_fails_on_load(tmp_path, monkeypatch):
    src = ROOT / "resources" / "templates"
    (tmp_path / "templates" / "kings-2018-consent").mkdir(parents=True)
    (tmp_path / "templates" / "common.toml").write_bytes((src / "common.toml").read_bytes())
    text = (src / "kings-2018-consent" / "papers.toml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "kings-2018-consent" / "papers.toml").write_text(
        text.replace("entered on {conviction_date}", "entered on {convicton_date}", 1), encoding="utf-8")
    monkeypatch.setattr(templates_module, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    templates_module.pack_templates.cache_clear()
    try:
        with pytest.raises(templates_module.TemplateError, match="convicton_date"):
            templates_module.pack_templates("kings-2018-consent")
    finally:
        templates_module.pack_templates.cache_clear()


def test_packet_from_real_engine_determinations(engine_db):
    from kiosk import eligibility

    convs = [conviction_dict(docket="2016KN000001"),
             conviction_dict(docket="4321/2015", court="supreme", offense="PL 221.15"),
             conviction_dict(docket="2016KN000003", offense="PL 221.25")]
    app = applicant(convictions=convs)
    dets = eligibility.evaluate_applicant(engine_db, app, date(2018, 9, 21))
    outcomes = [d.standing_outcome for d in dets]
    assert outcomes == ["ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE"]
    found = papers(packet(app, dets))
    assert len(found) == 8
    assert "J.S.C." in found[7][1] and "Ind. No. 4321/2015" in found[7][1]
    assert "2016KN000003" not in " ".join(text for _, text in found)


# --- the receipt --------------------------------------------------------------------------------

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


# --- reference texts and reproducibility ---------------------------------------------------------

def _reference(name: str, doc: BuiltDocument) -> None:
    """The text of a document, page by page and line by line, against a reviewed copy under
    tests/core/reference/. A change of wording or of line breaks shows up as a diff to review;
    after reviewing it, rewrite the copy with KIOSK_UPDATE_REFERENCE=1."""
    got = "\n\f\n".join(pages(doc)) + "\n"
    path = REFERENCE / name
    if os.environ.get("KIOSK_UPDATE_REFERENCE") == "1":
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; review, then KIOSK_UPDATE_REFERENCE=1"


def test_sample_packet_matches_its_reviewed_text(sample_packet):
    _reference("packet-sample.txt", sample_packet)


def test_spanish_receipt_matches_its_reviewed_text():
    convs, dets = receipt_case_mix()
    _reference("receipt-es.txt", receipt(applicant(language="es", convictions=convs), dets))


_ELSEWHERE = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.core.papers.test_builders import applicant, packet, receipt
print(packet().sha256, receipt(applicant(language="zh")).sha256)
"""


def test_same_bytes_in_another_process_with_another_hash_seed(sample_packet):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", _ELSEWHERE, str(ROOT)], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout.split()
    here = [sample_packet.sha256, receipt(applicant(language="zh")).sha256]
    assert out == here
