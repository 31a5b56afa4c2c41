"""Preparing an applicant's papers: file names that are safe on any drive, files written whole and
owner-only, and a print job recorded only when every document of it is real."""

from __future__ import annotations

import stat

import pytest

from kiosk import services
from kiosk.errors import InputError
from kiosk.papers import prepare
from kiosk.papers.frame import BuiltDocument
from tests.core.conftest import applicant_dict


def doc(kind: str) -> BuiltDocument:
    return BuiltDocument(kind=kind, data=b"%PDF-1.4 " + kind.encode(), pages=1, sha256=kind[0] * 64)


def test_file_names_and_references_are_stable_and_safe():
    assert prepare.file_name("BA-7Q4K 2M9X/..", "receipt", "es") == "BA-7Q4K_2M9X___-receipt-es.pdf"
    assert prepare.file_name("", "packet") == "papers-packet.pdf"
    ref = prepare.file_reference({"last_name": "Doe"})
    assert ref == prepare.file_reference({"last_name": "Doe"}) != prepare.file_reference({"last_name": "Roe"})
    assert ref.startswith("BA-") and len(ref) == 9


def test_papers_are_written_owner_only_and_an_unwritable_folder_names_the_option(tmp_path):
    paths = prepare.write_papers(tmp_path / "out", "BA-1", [doc("packet"), doc("receipt")], "es")
    assert [p.name for p in paths] == ["BA-1-packet.pdf", "BA-1-receipt-es.pdf"]
    assert paths[1].read_bytes() == b"%PDF-1.4 receipt" and stat.S_IMODE(paths[1].stat().st_mode) == 0o600
    (tmp_path / "a-file").write_text("")
    with pytest.raises(InputError) as e:
        prepare.write_papers(tmp_path / "a-file" / "out", "BA-1", [doc("packet")], "")
    assert e.value.field == "--out"
    assert not list(tmp_path.glob("out/.part-*"))


def test_a_print_is_recorded_only_whole_and_then_leaves_the_pending_queue(db):
    services.ensure_demo_event(db)
    applicant, _ = services.intake(db, applicant_dict())
    assert [r["id"] for r in prepare.pending_print(db)] == [applicant.id]
    job = [{"kind": "packet", "sha256": "a" * 64, "pages": 4, "copies": 1},
           {"kind": "receipt", "sha256": "b" * 64, "pages": 1, "copies": 0}]
    with pytest.raises(InputError) as e:
        prepare.record_printed(db, applicant.id, job, printer="Test printer")
    assert e.value.field == "copies" and prepare.print_history(db, applicant.id) == []
    job[1]["copies"] = 2
    prepare.record_printed(db, applicant.id, job, printer="Test printer")
    assert [(h["kind"], h["copies_printed"]) for h in prepare.print_history(db, applicant.id)] == \
        [("packet", 1), ("receipt", 2)]
    assert prepare.pending_print(db) == []
