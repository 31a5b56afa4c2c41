"""ui.wizard.answers: the sentence and fines questions start with no answer, and the answers
reach the record (docs/papers.md)."""

from __future__ import annotations

from kiosk import services, store
from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS


def test_answers_start_unanswered_and_reach_the_record_and_papers(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.fill_identity(first="秀英", last="王")
    d.type("Name on court records (Latin letters)", "WANG, XIUYING")
    d.next()
    d.next()
    assert d.field("Sentence completed").currentText() == "Not answered yet"
    assert d.field("Fines owed").currentText() == "Not answered yet"
    d.fill_conviction(**KINGS, sentence_complete="Yes", fines_owed="Unknown")
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=15_000)
    db = services.open_kiosk(d.db_path)
    a = store.get_applicant(db, d.view.wizard.applicant_id)
    assert (a.record_name, a.convictions[0].sentence_complete, a.convictions[0].fines_owed) == \
        ("WANG, XIUYING", True, None)
