"""kiosk.services.printing: the documents step saves the applicant's papers to a file the attorney
chooses, and the print dialog's printer and copies are offered again next time."""

from __future__ import annotations

import hashlib
from io import BytesIO

import pytest
from pypdf import PdfReader

from kiosk import services, store
from kiosk.errors import InputError
from tests.core.conftest import SAMPLE_APPLICANT, applicant_dict, conviction_dict


def test_the_receipt_is_saved_where_the_attorney_chooses_and_its_hash_recorded(event_db, tmp_path):
    assert services.papers_available()
    applicant, _ = services.intake(event_db, SAMPLE_APPLICANT)
    saved = services.save_paper(event_db, applicant.id, "receipt", tmp_path / "receipt.pdf")
    data = (tmp_path / "receipt.pdf").read_bytes()
    assert data.startswith(b"%PDF") and saved.sha256 == hashlib.sha256(data).hexdigest()
    assert saved.pages == len(PdfReader(BytesIO(data)).pages)  # the count recorded is the file's own
    assert saved.sha256 in {d["sha256"] for d in store.list_documents(event_db, applicant.id)}


def test_no_packet_for_an_applicant_without_a_motion_and_a_bad_folder_is_named(event_db, tmp_path):
    queens = applicant_dict(convictions=[conviction_dict(county="queens", docket="2015QN022318")])
    applicant, _ = services.intake(event_db, queens)
    with pytest.raises(InputError, match="there is no packet for this applicant"):
        services.save_paper(event_db, applicant.id, "packet", tmp_path / "p.pdf")
    (tmp_path / "file").write_text("")
    with pytest.raises(InputError, match="cannot be written there"):
        services.save_paper(event_db, applicant.id, "receipt", tmp_path / "file" / "r.pdf")


def test_the_printer_and_packet_copies_are_remembered_within_bounds(event_db):
    services.remember_printer(event_db, "Venue HP", 2)
    assert (store.get_setting(event_db, "last_printer"), store.get_setting(event_db, "packet_copies")) == (
        "Venue HP", "2")
    for bad in (0, 11):
        with pytest.raises(InputError, match="from 1 to 10"):
            services.remember_printer(event_db, "Other", bad)
    assert store.get_setting(event_db, "last_printer") == "Venue HP"
