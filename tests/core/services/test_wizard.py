"""kiosk.services.wizard: the saves the GUI makes at each step change, one transaction each
(autosave, evaluate, resume, the open applicant)."""

from __future__ import annotations

import json

import pytest

from kiosk import services
from kiosk.errors import InputError, NotFoundError
from tests.core.wizard_support import KINGS, at_convictions, consented, fill


def test_autosave_creates_the_record_once_and_then_updates_it(event_db):
    w = consented()
    w.advance()
    r1 = services.autosave_wizard(event_db, w.draft, str(w.step))
    assert r1.reference.startswith("BA-") and r1.determinations is None
    w.set("last_name", "Doe")
    w.advance()
    r2 = services.autosave_wizard(event_db, w.draft, str(w.step), applicant_id=r1.id)
    assert r2.id == r1.id and r2.reference == r1.reference
    rows = services.dashboard_rows(event_db)
    assert [(r.name, r.status, r.step) for r in rows] == [("Doe", "draft", "screening")]
    assert services.unfinished_applicant(event_db).id == r1.id



def test_evaluating_saves_the_record_and_its_determinations_in_the_same_transaction(event_db):
    w = at_convictions()
    fill(w, **KINGS)
    w.add_conviction()
    fill(w, 1, docket="2015QN022318", offense="PL 221.05", conviction_date="2015-06-01")
    w.advance()
    r = services.autosave_wizard(event_db, w.draft, str(w.step), evaluate=True, actor="")
    assert [d.standing_outcome for d in r.determinations] == ["ELIGIBLE", "INELIGIBLE"]
    assert r.determinations[1].rules[0] == "K18-08"
    info = services.resume_applicant(event_db, r.id)
    assert info.step == "result" and info.status == "evaluated"
    assert [c["id"] for c in info.draft["convictions"]] == [c.id for c in r.applicant.convictions]



def test_a_refused_evaluation_rolls_back_the_whole_step_change(event_db):
    w = at_convictions()
    fill(w, **KINGS)
    first = services.autosave_wizard(event_db, w.draft, "convictions")
    bad = json.loads(json.dumps(w.draft))
    bad["convictions"][0]["offense"] = "not an offense"
    with pytest.raises(InputError):
        services.autosave_wizard(event_db, bad, "result", applicant_id=first.id, evaluate=True, note="x")
    info = services.resume_applicant(event_db, first.id)
    assert info.step == "convictions" and info.draft["convictions"][0]["offense"] == "PL 221.10(1)"
    assert info.note == "" and info.status == "draft"



def test_finishing_clears_the_open_applicant_so_no_resume_is_offered(event_db):
    w = at_convictions()
    fill(w, **KINGS)
    r = services.autosave_wizard(event_db, w.draft, "result", evaluate=True)
    assert services.unfinished_applicant(event_db).id == r.id
    services.autosave_wizard(event_db, w.draft, "done", applicant_id=r.id, keep_open=False)
    assert services.unfinished_applicant(event_db) is None
    services.resume_applicant(event_db, r.id)
    assert services.unfinished_applicant(event_db).id == r.id
    services.close_applicant(event_db)
    assert services.unfinished_applicant(event_db) is None



def test_resume_of_an_unknown_applicant_is_a_plain_error(event_db):
    with pytest.raises(NotFoundError):
        services.resume_applicant(event_db, "nope")
