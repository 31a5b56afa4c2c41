"""Papers a judge would sign as printed: each conviction's court, county and DA come from that
conviction; an override cannot carry another county's conviction into a Kings motion; nothing
typed for internal use reaches a paper; no blank inside a sworn sentence; the date of signing
and the oath form are facts, not the laptop's clock; names as the court's record carries them;
a purged applicant gets no papers. Every check reads the PDF text back."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from kiosk import eligibility, export_safety, papers, services, store, sync
from kiosk.errors import InputError
from kiosk.models import Attorney
from kiosk.papers import build_packet, build_receipt
from kiosk.papers import templates as templates_module
from kiosk.signing import missing_facts
from kiosk.store.connection import open_db
from kiosk.store.migrations import MIGRATIONS
from kiosk.validate import parse_applicant
from tests.core.cli_support import one_line_error, run
from tests.core.conftest import applicant_dict, conviction_dict, write_json
from tests.core.papers.builders_support import attorney, det, event, one_line, packet, pages
from tests.core.papers.builders_support import papers as split_papers

LATER = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a reprint years after the event
OTHER_COUNTIES = {"QN": "queens", "NY": "new-york", "BX": "bronx", "RI": "richmond"}


def text_of(doc) -> str:
    return one_line(" ".join(pages(doc)))


def kiosk_db(tmp_path):
    db = services.open_kiosk(str(tmp_path / "kiosk.db"))
    services.ensure_demo_event(db)  # Sept 21-22, 2018
    aid = services.add_attorney(db, Attorney(name="Tamika L. Robinson", organization="Brooklyn Defender Services"),
                                "1234")
    store.set_setting(db, "signed_in_attorney_id", aid)
    return db, aid


# --- 1. each conviction's own county; overrides cannot cross it -------------------------------

@pytest.mark.parametrize("code", sorted(OTHER_COUNTIES))
def test_an_override_of_another_countys_conviction_is_refused_and_the_receipt_refers(tmp_path, code):
    db, aid = kiosk_db(tmp_path)
    docket = f"2015{code}022318"
    applicant, dets = services.intake(db, applicant_dict(convictions=[conviction_dict(
        docket=docket, county=None, conviction_date="2015-08-12", arrest_date="2015-08-01")]))
    assert dets[0].standing_outcome == "INELIGIBLE"
    cid = applicant.convictions[0].id
    with pytest.raises(InputError) as err:
        services.override_outcome(db, applicant.id, cid, "ELIGIBLE", "DA's office at the table agreed", actor=aid)
    assert err.value.field == "override" and "only the District Attorney of" in err.value.message
    assert store.get_determinations(db, applicant.id)[cid].override_outcome == ""  # nothing recorded
    _, docs = papers.papers_for_applicant(db, applicant.id, created_at=LATER)
    assert [d.kind for d in docs] == ["receipt"]
    receipt = text_of(docs[0])
    assert "District Attorney:" in receipt and "to confirm" in receipt and "Kings" not in receipt


@pytest.mark.parametrize("code", sorted(OTHER_COUNTIES))
def test_no_packet_the_code_can_build_captions_kings_for_another_countys_docket(code):
    app = parse_applicant(applicant_dict(convictions=[conviction_dict(
        docket=f"2015{code}022318", county=None, conviction_date="2015-08-12", arrest_date="2015-08-01")]))
    # a Kings-pack determination standing at ELIGIBLE (e.g. an override stored before the check existed)
    forced = det("INELIGIBLE", rule="K18-08", override_outcome="ELIGIBLE", override_reason="x" * 12)
    with pytest.raises(InputError) as err:
        build_packet(app, [forced], attorney=attorney(), event=event(), created_at=LATER)
    assert err.value.field == "convictions[0].county"
    docs = papers.build_papers(app, [forced], reference="BA-22222A", attorney=attorney(), event=event(),
                               created_at=LATER)
    assert [d.kind for d in docs] == ["receipt"]
    assert "prepared a motion" not in text_of(docs[0])
    # a statewide pack's papers address the conviction's own county, court and DA
    statewide = det("NEEDS_REVIEW", pack="ny-2019-decrim", rule="NY19-02")
    doc = build_packet(app, [statewide], attorney=attorney(), event=event(), created_at=LATER)
    text = text_of(doc)
    county = templates_module.common().counties[OTHER_COUNTIES[code]]
    assert f"COUNTY OF {county.caption}: PART ______" in text  # the event's Part is Kings'
    assert county.da_address[1] in text and county.courthouses["criminal"] in text
    assert "KINGS" not in text and "Kings" not in text and "Schermerhorn" not in text


# --- 2. the override reason stays internal ----------------------------------------------------

def test_the_override_reason_is_in_no_pdf(tmp_path):
    db, aid = kiosk_db(tmp_path)
    applicant, dets = services.intake(db, applicant_dict(convictions=[conviction_dict(offense="PL 240.20")]))
    assert dets[0].standing_outcome == "INELIGIBLE"
    reason = "Plea recorded under the wrong section per the DA at the table"
    services.override_outcome(db, applicant.id, applicant.convictions[0].id, "ELIGIBLE", reason, actor=aid)
    _, docs = papers.papers_for_applicant(db, applicant.id, created_at=LATER)
    assert [d.kind for d in docs] == ["packet", "receipt"]
    for d in docs:
        text = text_of(d)
        assert "wrong section" not in text and "stated reason" not in text, d.kind
    assert "individual review" in text_of(docs[0])  # the People still learn counsel overrode


# --- 3./4. no blank inside a sworn sentence; answered facts only ---------------------------------

OPTIONAL_BLANKS = {
    "arrest_date": {"arrest_date": None},
    "original_charge": {"original_charge": None},
    "sentence": {"sentence": ""},
    "sentence_complete": {"sentence_complete": None},
    "fines_owed": {"fines_owed": None},
    "all": {"arrest_date": None, "original_charge": None, "sentence": "", "sentence_complete": None,
            "fines_owed": None},
}


@pytest.mark.parametrize("blank", sorted(OPTIONAL_BLANKS))
def test_no_fill_in_line_inside_a_sentence_when_an_optional_fact_is_blank(blank):
    app = parse_applicant(applicant_dict(convictions=[conviction_dict(**OPTIONAL_BLANKS[blank])]))
    doc = packet(app, attorney=attorney(organization=""))
    found = {label: one_line(text) for label, text in split_papers(doc)}
    # the notice and the affirmation are sworn or signed by counsel: no fill-in line at all
    for label in ("Notice of Motion", "Affirmation in Support"):
        assert "__" not in found[label], (blank, label)
    for label, text in found.items():
        for sentence in re.split(r"(?<=[.;:])\s", text):
            if "ORDERED" in sentence or "People of the State of New York, by" in sentence:
                assert "__" not in sentence, (blank, label, sentence)
    affirmation = found["Affirmation in Support"]
    if "arrest_date" in OPTIONAL_BLANKS[blank]:
        assert "The defendant was arrested and charged, under Docket No. 2016KN074376, with PL § 221.10(1)" \
            in affirmation and "On or about" not in affirmation
    if "sentence" in OPTIONAL_BLANKS[blank]:
        assert "imposed a sentence" not in affirmation
    if "sentence_complete" in OPTIONAL_BLANKS[blank]:
        assert "sentence has been completed" not in affirmation and "not yet been completed" not in affirmation
    if "fines_owed" in OPTIONAL_BLANKS[blank]:
        assert "fine" not in affirmation.replace("fine or imprisonment", "")


def test_an_unknown_docket_is_a_line_in_the_caption_never_inside_a_sentence(capsys, tmp_path):
    app = parse_applicant(applicant_dict(convictions=[conviction_dict(docket="", county="kings")]))
    found = {label: one_line(text) for label, text in split_papers(packet(app))}
    for label, text in found.items():
        assert "Docket No. __________" in text, label  # the caption's line to fill in
        body = text.split("160.50)", 1)[1]
        for sentence in re.split(r"(?<=[.;:])\s", body):
            if "Docket No." in sentence and "PRESENT" not in sentence:
                assert "__" not in sentence, (label, sentence)
    assert "ORDERED that the judgment of conviction of March 21, 2016, convicting the defendant" \
        in found["Proposed Order"]
    f = write_json(tmp_path / "a.json", applicant_dict(convictions=[conviction_dict(docket="", county="kings")]))
    code, _, err = run(capsys, "motion", f, "--out", tmp_path / "p", "--as-of", "2018-09-21",
                       "--attorney-name", "Ana Ruiz")
    assert code == 0 and "convictions[0].docket" in err and "attorney.name" not in err


@pytest.mark.parametrize(("answer", "said", "unsaid"), [
    (True, "The sentence has been completed.", "not yet been completed"),
    (False, "the sentence has not yet been completed", "has been completed"),
    (None, "", "completed"),
])
def test_the_affirmation_states_only_the_sentence_answer_given(answer, said, unsaid):
    app = parse_applicant(applicant_dict(convictions=[conviction_dict(sentence_complete=answer)]))
    text = dict(split_papers(packet(app)))["Affirmation in Support"]
    text = one_line(text)
    assert said in text
    assert unsaid not in text.replace("CPLR 2106", "")


def test_unknown_answers_add_a_review_note_for_the_da(engine_db):
    app = parse_applicant(applicant_dict(convictions=[conviction_dict(sentence_complete=None, fines_owed="unknown")]))
    assert app.convictions[0].sentence_complete is None and app.convictions[0].fines_owed is None
    [d] = eligibility.evaluate_applicant(engine_db, app, date(2018, 9, 21))
    assert "K18-17" in d.rules and d.standing_outcome == "ELIGIBLE"
    answered = parse_applicant(applicant_dict())
    [d] = eligibility.evaluate_applicant(engine_db, answered, date(2018, 9, 21))
    assert "K18-17" not in d.rules


# --- 5./6. the date of signing and the oath in force on it --------------------------------------

def test_papers_printed_later_keep_the_events_date_and_record_it(tmp_path):
    db, _ = kiosk_db(tmp_path)
    applicant, _ = services.intake(db, applicant_dict())
    _, docs = papers.papers_for_applicant(db, applicant.id, created_at=LATER)
    for d in docs:
        text = text_of(d)
        assert "2026" not in text, d.kind
        assert "September 21, 2018" in text, d.kind
    assert "affirms this 21st day of September, 2018" in text_of(docs[0])
    recorded = {r["kind"]: r["signed_on"] for r in store.list_documents(db, applicant.id)}
    assert recorded == {"packet": "2018-09-21", "receipt": "2018-09-21"}
    _, chosen = papers.papers_for_applicant(db, applicant.id, created_at=LATER, signed_on=date(2018, 9, 22))
    assert "affirms this 22nd day of September, 2018" in text_of(chosen[0])
    # a reprint on another day keeps the date last printed
    _, again = papers.papers_for_applicant(db, applicant.id, created_at=datetime(2018, 9, 21, 15, tzinfo=UTC))
    assert "affirms this 22nd day of September, 2018" in text_of(again[0])


@pytest.mark.parametrize(("signed", "said", "unsaid"), [
    (date(2018, 9, 21), "pursuant to CPLR 2106, that the foregoing statements are true under the penalties "
                        "of perjury", "which may include a fine or imprisonment"),
    (date(2023, 12, 31), "pursuant to CPLR 2106", "which may include a fine or imprisonment"),
    (date(2024, 1, 1), "under the penalties of perjury under the laws of New York, which may include a fine "
                       "or imprisonment, that the foregoing is true", "pursuant to CPLR 2106"),
])
def test_the_oath_is_the_form_in_force_on_the_date_of_signing(signed, said, unsaid):
    doc = build_packet(parse_applicant(applicant_dict()), [det()], attorney=attorney(), event=event(),
                       created_at=LATER, signed_on=signed)
    text = one_line(dict(split_papers(doc))["Affirmation in Support"])
    assert said in text and unsaid not in text
    assert any(ref.startswith("oath:") for ref in doc.templates)
    oath = templates_module.oath_for(signed)
    assert templates_module.oaths() and oath.ref in doc.templates


def test_motion_takes_signed_on_and_says_when_today_is_outside_the_event(capsys, tmp_path):
    db, _ = kiosk_db(tmp_path)
    applicant, _ = services.intake(db, applicant_dict())
    code, out, err = run(capsys, "motion", "--db", tmp_path / "kiosk.db", "--applicant", applicant.reference,
                         "--out", tmp_path / "p")
    assert code == 0, err
    assert "the event's first day" in err and "--signed-on" in err
    first = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        next(p for p in (tmp_path / "p").iterdir() if "packet" in p.name).read_bytes())).pages)
    assert "21st day of September, 2018" in first
    code, out, err = run(capsys, "motion", "--db", tmp_path / "kiosk.db", "--applicant", applicant.reference,
                         "--out", tmp_path / "q", "--signed-on", "2018-09-22")
    assert code == 0 and "first day" not in err
    assert err.strip() == "printed lines to fill in by hand for: event.part, event.return_date"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        next(p for p in (tmp_path / "q").iterdir() if "packet" in p.name).read_bytes())).pages)
    assert "22nd day of September, 2018" in text
    code, _, err = run(capsys, "motion", "--db", tmp_path / "kiosk.db", "--applicant", applicant.reference,
                       "--out", tmp_path / "r", "--signed-on", "2018-02-30")
    assert code == 2 and "--signed-on" in one_line_error(err)


# --- 7. names as the record carries them --------------------------------------------------------

def test_initials_take_their_period():
    app = parse_applicant(applicant_dict(first_name="Tamika", middle_name="L", aliases=[]))
    text = text_of(packet(app))
    assert "TAMIKA L. SAMPLE," in text and "Tamika L. Sample" in text and "L SAMPLE" not in text


def test_a_name_in_chinese_script_uses_the_record_name_on_court_papers_only():
    app = parse_applicant(applicant_dict(first_name="秀英", middle_name="", last_name="王", aliases=[],
                                         record_name="WANG, XIUYING", language="zh"))
    text = text_of(packet(app))
    assert "WANG, XIUYING," in text and "秀英" not in text and "王" not in text
    plain = parse_applicant(applicant_dict(first_name="秀英", middle_name="", last_name="王", aliases=[]))
    text = text_of(packet(plain))
    assert "王秀英" in text and "秀英 王" not in text  # family name first, as the script writes it
    assert [m.field for m in missing_facts(plain, [det()], attorney=attorney(), event=event())] == ["record_name"]
    with pytest.raises(InputError) as err:
        parse_applicant(applicant_dict(record_name="王秀英"))
    assert err.value.field == "record_name"


# --- layout -------------------------------------------------------------------------------------

def test_the_jurat_and_signature_share_a_page_with_the_end_of_the_wherefore():
    seen = set()
    for n in range(0, 14):  # aliases push the text down line by line across page breaks
        aliases = [f"Alias {chr(65 + i)}{chr(97 + i) * 6}" for i in range(n)]
        doc = packet(parse_applicant(applicant_dict(aliases=aliases)))
        for page in pages(doc):
            flat = one_line(page)
            if "Affirmation in Support —" not in flat:
                continue
            if "under the penalties of perjury" in flat:
                assert "Attorney for Defendant" in flat, n
                assert "and proper." in flat, n  # the WHEREFORE clause ends on the jurat's page
                seen.add(flat.count("Page 1 of"))
    assert seen  # the check ran on every layout


RECEIPT_LANGUAGES = ("en", "es", "ht", "ru", "zh")


@pytest.mark.parametrize("lang", RECEIPT_LANGUAGES)
def test_the_longest_receipt_fits_one_page(lang):
    convs = [conviction_dict(),
             conviction_dict(docket="2015QN022318", county=None, conviction_date="2015-08-12",
                             arrest_date="2015-08-01"),
             conviction_dict(docket="2012KN012345", offense="PL 221.35", conviction_date="2012-07-02",
                             arrest_date="2012-06-30")]
    app = parse_applicant(applicant_dict(language=lang, convictions=convs))
    dets = [det(), det("INELIGIBLE", rule="K18-08"), det("NEEDS_REVIEW", rule="K18-05")]
    long_event = event(name="Begin Again: Brooklyn marijuana conviction vacatur, second day",
                       venue="Lenox Road Baptist Church, 1356 Nostrand Avenue, East Flatbush, Brooklyn")
    doc = build_receipt(app, dets, reference="BA-7Q4K2M", created_at=LATER, event=long_event,
                        attorney=attorney(organization="The Legal Aid Society, Criminal Defense Practice"),
                        signed_on=date(2018, 9, 21))
    assert doc.pages == 1, lang


# --- 8. purged or unknown applicants ------------------------------------------------------------

def test_motion_for_a_purged_or_unknown_applicant_refuses_with_exit_2(capsys, tmp_path, monkeypatch):
    db, _ = kiosk_db(tmp_path)
    applicant, _ = services.intake(db, applicant_dict())
    # as if its last export had reached the event's office key (how export does that: test_atrest)
    monkeypatch.setattr(export_safety, "purge_plan", lambda db: export_safety.PurgePlan(ready=[applicant.id]))
    assert sync.purge_exported(db).purged == 1
    code, out, err = run(capsys, "motion", "--db", tmp_path / "kiosk.db", "--applicant", applicant.reference,
                         "--out", tmp_path / "p")
    line = one_line_error(err)
    assert code == 2 and "its personal data was removed after export on" in line and out == ""
    assert not (tmp_path / "p").exists()
    code, _, err = run(capsys, "motion", "--db", tmp_path / "kiosk.db", "--applicant", "BA-NOSUCH",
                       "--out", tmp_path / "p")
    assert code == 2 and "no applicant" in one_line_error(err)


# --- schema: old records stay readable ------------------------------------------------------------

def test_old_records_keep_deliberate_answers_and_lose_unconfirmed_defaults(db_path):
    names = [m.name for m in MIGRATIONS._migrations]
    mine = next(n for n in names if "papers_answers" in n)
    db = open_db(db_path, migrate=False)
    MIGRATIONS.apply(db, stop_before=mine)
    stamp = {"created_at": "2018-09-21T10:00:00+00:00", "updated_at": "2018-09-21T10:00:00+00:00",
             "laptop_id": "laptop-1"}
    old_draft = {"last_name": "Old", "convictions": [{"sentence_complete": True, "fines_owed": False},
                                                     {"sentence_complete": False, "fines_owed": True}]}
    db["applicants"].insert({"id": "a1", "reference": "BA-22222A", "last_name": "Old",
                             "draft": json.dumps(old_draft), **stamp})
    base = {"applicant_id": "a1", "court": "criminal", "county": "kings", "offense": "PL 221.10(1)",
            "section": "221.10", "subdivision": "1", "conviction_date": "2016-03-21", **stamp}
    for i, (done, fines) in enumerate([(1, 0), (0, 1)]):
        db["convictions"].insert({"id": f"c{i}", "position": i, "sentence_complete": done, "fines_owed": fines, **base})
        db["determinations"].insert({"id": f"d{i}", "conviction_id": f"c{i}", "applicant_id": "a1",
                                     "as_of": "2018-09-21", "outcome": "ELIGIBLE", "hits": "[]", "packs": "[]",
                                     "app_version": "1", **stamp})
    db.conn.commit()
    db.conn.close()
    db = services.open_kiosk(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    a = store.get_applicant(db, "a1")
    assert [(c.sentence_complete, c.fines_owed) for c in a.convictions] == [(None, None), (False, True)]
    assert len(store.get_determinations(db, "a1")) == 2  # nothing cascaded away
    assert a.record_name == ""
    resumed = json.loads(store.applicant_row(db, "a1")["draft"])["convictions"]
    assert [(c["sentence_complete"], c["fines_owed"]) for c in resumed] == [("", ""), (False, True)]
    a.convictions[0].sentence_complete = True
    store.save_applicant(db, a)
    assert store.get_applicant(db, "a1").convictions[0].sentence_complete is True


def test_the_applicant_file_round_trips_answers_and_record_name(tmp_path, capsys):
    raw = applicant_dict(record_name="WANG, XIUYING", first_name="秀英", middle_name="", last_name="王",
                         convictions=[conviction_dict(sentence_complete=None, fines_owed=True)])
    code, out, err = run(capsys, "intake", write_json(tmp_path / "a.json", raw), "--db", tmp_path / "k.db",
                         "--as-of", "2018-09-21")
    assert code == 0, err
    db = services.open_kiosk(str(tmp_path / "k.db"))
    a = store.get_applicant(db, out.split()[0])
    assert (a.record_name, a.convictions[0].sentence_complete, a.convictions[0].fines_owed) == \
        ("WANG, XIUYING", None, True)


def test_a_notice_that_runs_over_fills_its_first_page_and_keeps_its_last_lines_with_the_signature():
    from tests.core.papers.builders_support import text_runs

    seen_two_pages = False
    for n in range(0, 21, 2):  # aliases lengthen the caption and the notice, line by line
        aliases = [f"Alias {chr(65 + i % 26)}{chr(97 + i % 26) * 8}" for i in range(n)]
        doc = packet(parse_applicant(applicant_dict(aliases=aliases)))
        runs = text_runs(doc)
        notice_pages = sorted({p for p, _, _, _, t in runs if t.startswith("Notice of Motion —")})
        if len(notice_pages) < 2:
            continue
        seen_two_pages = True
        first = [y for p, _, y, _, _ in runs if p == notice_pages[0] and y < 720]
        # what is left at the foot of page 1 is less than the last two lines and the signature need
        assert max(first) > 490, (n, max(first))
        for page in notice_pages:  # the signature shares its page with the paragraph's last line
            text = " ".join(t for p, _, _, _, t in runs if p == page)
            if "Yours, etc.," in text:
                assert "marijuana possession." in text, n
    assert seen_two_pages
