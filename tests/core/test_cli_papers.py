"""`kiosk motion` and `kiosk screen --motions`: the papers land as PDFs, facts on the right paper,
documents recorded with the applicant, and every misuse is a one-line exit 2."""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader

from kiosk import services, store
from tests.core.cli_support import one_line_error, run
from tests.core.conftest import applicant_dict, conviction_dict, write_json


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_bare_file_writes_packet_and_receipt_with_the_attorney_block(capsys, tmp_path):
    f = write_json(tmp_path / "a.json", applicant_dict(
        attorney={"name": "Jordan Ellis", "organization": "Brooklyn Defender Services", "phone": "718-254-0700"}))
    code, out, err = run(capsys, "motion", f, "--out", tmp_path / "papers", "--as-of", "2018-09-21")
    assert code == 0, err
    paths = [tmp_path / "papers" / p.split("/")[-1] for p in out.split()]
    assert sorted(p.name.split("-", 2)[-1] for p in paths) == ["packet.pdf", "receipt-en.pdf"]
    packet = next(p for p in paths if "packet" in p.name)
    text = _text(packet)
    for fact in ("NOTICE OF MOTION", "AFFIRMATION", "PEOPLE'S CONSENT", "ORDER", "2016KN074376",
                 "221.10(1)", "Jordan Ellis", "Brooklyn Defender Services", "J.C.C."):
        assert fact in text.replace("\u2019", "'"), fact


def test_command_line_attorney_options_override_and_typed_signature(capsys, tmp_path):
    f = write_json(tmp_path / "a.json", applicant_dict())
    code, out, err = run(capsys, "motion", f, "--out", tmp_path / "p", "--as-of", "2018-09-21",
                         "--attorney-name", "Ana Ruiz", "--attorney-org", "The Legal Aid Society", "--typed-signature")
    assert code == 0, err
    packet = next(p for p in (tmp_path / "p").iterdir() if "packet" in p.name)
    assert "/s/ Ana Ruiz" in _text(packet)


def test_without_an_attorney_the_lines_print_blank_not_none(capsys, tmp_path):
    f = write_json(tmp_path / "a.json", applicant_dict())
    assert run(capsys, "motion", f, "--out", tmp_path / "p", "--as-of", "2018-09-21")[0] == 0
    text = _text(next(p for p in (tmp_path / "p").iterdir() if "packet" in p.name))
    assert "None" not in text and "____" in text


def test_no_qualifying_conviction_writes_the_receipt_only(capsys, tmp_path):
    f = write_json(tmp_path / "a.json", applicant_dict(convictions=[conviction_dict(
        docket="2015QN022318", county="queens", conviction_date="2015-06-01", arrest_date="2015-05-01")]))
    code, out, err = run(capsys, "motion", f, "--out", tmp_path / "p", "--as-of", "2018-09-21")
    assert code == 0
    assert [p.name for p in (tmp_path / "p").iterdir()] == [out.strip().split("/")[-1]]
    assert "receipt" in out and "receipt only" in err


def test_from_the_database_records_each_document(capsys, tmp_path):
    db_path = tmp_path / "kiosk.db"
    db = services.open_kiosk(str(db_path))
    services.ensure_demo_event(db)  # evaluated as of the 2018 event, so the conviction qualifies
    applicant, _ = services.intake(db, applicant_dict(language="es"))
    code, out, err = run(capsys, "motion", "--db", db_path, "--applicant", applicant.reference,
                         "--out", tmp_path / "p")
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert names == [f"{applicant.reference}-packet.pdf", f"{applicant.reference}-receipt-es.pdf"]
    docs = {d["kind"]: d for d in store.list_documents(services.open_kiosk(str(db_path)), applicant.id)}
    assert set(docs) == {"packet", "receipt"}
    for kind, name in (("packet", names[0]), ("receipt", names[1])):
        data = (tmp_path / "p" / name).read_bytes()
        assert docs[kind]["sha256"] == hashlib.sha256(data).hexdigest()
        assert docs[kind]["pages"] == len(PdfReader(io.BytesIO(data)).pages)


def test_misuse_is_one_line_exit_2(capsys, tmp_path):
    f = write_json(tmp_path / "a.json", applicant_dict())
    cases = [
        ("motion", "--out", tmp_path / "p"),  # neither file nor --applicant
        ("motion", "--applicant", "BA-XXXXXX", "--out", tmp_path / "p"),  # --applicant without --db
        ("motion", f, "--out", tmp_path / "p", "--as-of", "2018-02-30"),
        ("motion", f, "--out", tmp_path / "p", "--attorney-name", "R2D2"),
    ]
    for args in cases:
        code, _, err = run(capsys, *args)
        assert code == 2, args
        one_line_error(err)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "motion", f, "--out", blocker / "sub", "--as-of", "2018-09-21")
    assert code == 2 and "--out" in one_line_error(err)


def test_screen_with_motions_writes_one_packet_per_qualifying_row(capsys, tmp_path):
    src = tmp_path / "x.csv"
    src.write_text(
        "record_id,first_name,last_name,date_of_birth,docket,offense,conviction_date\n"
        "r1,Ann,Lee,1980-01-01,2011KN000001,PL 221.10(1),2011-01-02\n"
        "r2,Bo,Kim,1981-01-01,2012QN000002,PL 221.05,2012-01-02\n"
        "r3,Cy,Ng,1982-01-01,2013KN000003,PL 221.35,2013-01-02\n"
        "r4,Di,Oh,1983-01-01,2013KN00003,PL 221.10,2013-01-02\n", encoding="utf-8")
    code, _, err = run(capsys, "screen", src, "--out", tmp_path / "o.csv", "--as-of", "2018-09-21",
                       "--motions", tmp_path / "m", "--quiet")
    assert code == 0, err
    packets = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert [p.split("-")[0] for p in packets] == ["r1", "r3"]  # eligible + needs review; not Queens, not the bad row
    assert "2013KN000003" in _text(tmp_path / "m" / packets[1])
    assert "wrote 2 motion packets" in err
