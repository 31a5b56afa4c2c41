"""kiosk.store.documents: each generated document's hash (the same bytes twice are one record) and
every print of it, summed per applicant and kind."""

from __future__ import annotations

from kiosk import store
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict


def test_documents_are_recorded_once_and_their_prints_summed(db):
    applicant = parse_applicant(applicant_dict())
    other = parse_applicant(applicant_dict(last_name="Other"))
    with store.transaction(db):
        store.save_applicant(db, applicant)
        store.save_applicant(db, other)
        packet = store.record_document(db, applicant.id, "packet", "ab" * 32, 4, signed_on="2018-09-21")
        assert store.record_document(db, applicant.id, "packet", "ab" * 32, 4) == packet
        receipt = store.record_document(db, applicant.id, "receipt", "cd" * 32, 1)
        store.record_print(db, applicant.id, packet, 2, "Venue HP")
        store.record_print(db, applicant.id, packet, 1, "Venue HP")
        store.record_print(db, applicant.id, receipt, 1, "Venue HP")
    docs = {d["kind"]: d for d in store.list_documents(db, applicant.id)}
    assert (docs["packet"]["copies_printed"], docs["packet"]["signed_on"], docs["receipt"]["pages"]) == (
        3, "2018-09-21", 1)
    assert docs["packet"]["printed_at"] and docs["receipt"]["printed_at"]
    assert store.printed_copies(db, [applicant.id, other.id]) == {applicant.id: {"packet": 3, "receipt": 1}}
    assert store.printed_copies(db, []) == {}
