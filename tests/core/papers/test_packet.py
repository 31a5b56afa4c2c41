"""The motion packet: every fact lands on the right paper, nothing runs outside the margins, names
in any Latin script (and Chinese) print, blanks are left for what is unknown, and the same inputs
give the same bytes. PDFs are read back with pypdf; positions are checked against the fonts'
own metrics, independently of the builder's layout code (helpers in builders_support.py)."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from kiosk.errors import InputError
from kiosk.papers import BuiltDocument, build_packet
from tests.core.conftest import conviction_dict
from tests.core.papers.builders_support import (  # noqa: F401  (no_missing_glyphs: an autouse fixture)
    PAGE_NO,
    PAPER_ORDER,
    ROOT,
    WHEN,
    applicant,
    assert_inside_margins,
    attorney,
    det,
    event,
    flat,
    no_missing_glyphs,
    one_line,
    packet,
    pages,
    papers,
    receipt,
    reference_text,
)


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
        if PAGE_NO.search(text).group(1) == "1":
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
    numbers = [PAGE_NO.search(text).groups() for text in pages(sample_packet)]
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


# --- reference texts and reproducibility ---------------------------------------------------------

def test_sample_packet_matches_its_reviewed_text(sample_packet):
    reference_text("packet-sample.txt", sample_packet)


_ELSEWHERE = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.core.papers.builders_support import applicant, packet, receipt
print(packet().sha256, receipt(applicant(language="zh")).sha256)
"""


def test_same_bytes_in_another_process_with_another_hash_seed(sample_packet):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", _ELSEWHERE, str(ROOT)], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout.split()
    here = [sample_packet.sha256, receipt(applicant(language="zh")).sha256]
    assert out == here
