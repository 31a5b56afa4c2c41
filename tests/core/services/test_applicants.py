"""kiosk.services.applicants: intake, drafts, submitting, an attorney's override and note, one
transaction each."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk import services, store
from kiosk.errors import AuthError, InputError
from tests.core.conftest import SAMPLE_APPLICANT as SAMPLE
from tests.core.conftest import applicant_dict
from tests.core.wizard_support import KINGS, at_convictions, fill


def test_override_keeps_both_answers_and_follows_its_conviction_after_an_edit(event_db):
    aid = services.register_attorney(event_db, {"name": "Ada Lawyer", "organization": "BDS"}, "2468").id
    w = at_convictions()
    fill(w, **KINGS)
    w.add_conviction()
    fill(w, 1, docket="2014KN001234", offense="PL 221.40", conviction_date="2014-02-03")
    w.advance()
    r = services.autosave_wizard(event_db, w.draft, "result", evaluate=True, actor=aid)
    w.set_results([d.standing_outcome for d in r.determinations], [c.id for c in r.applicant.convictions])
    sale_id = r.applicant.convictions[1].id
    with pytest.raises(InputError) as e:
        services.override_and_reload(event_db, r.id, sale_id, "ELIGIBLE", "short", actor=aid)
    assert e.value.field == "override_reason"
    with pytest.raises(AuthError):
        services.override_and_reload(event_db, r.id, sale_id, "ELIGIBLE", "The DA confirmed it at the table.", actor="")
    _, dets = services.override_and_reload(event_db, r.id, sale_id, "ELIGIBLE", "The DA confirmed it at the table.",
                                           actor=aid)
    assert (dets[1].outcome, dets[1].standing_outcome, dets[1].overridden) == ("NEEDS_REVIEW", "ELIGIBLE", True)
    assert services.dashboard_rows(event_db)[0].overridden == [False, True]
    # the attorney goes back, removes the first conviction and adds another: the override stays with the sale
    w.back()
    w.remove_conviction(0)
    w.add_conviction()
    fill(w, 1, offense="PL 221.05", conviction_date="2013-01-02", county="kings")
    w.advance()
    r2 = services.autosave_wizard(event_db, w.draft, "result", applicant_id=r.id, evaluate=True, actor=aid)
    ids = [c.id for c in r2.applicant.convictions]
    assert ids[0] == sale_id and ids[1] != sale_id and len(set(ids)) == 2
    assert r2.determinations[0].override_outcome == "ELIGIBLE"
    assert not r2.determinations[1].overridden
    _, dets = services.override_and_reload(event_db, r.id, sale_id, "", "", actor=aid)
    assert not dets[0].overridden


def test_evaluate_raw_saves_nothing_and_intake_saves_once_with_an_audit_line_without_names(event_db):
    raw = applicant_dict(last_name="Quixotemarker")
    _, dets = services.evaluate_raw(raw, as_of=date(2018, 9, 21), db=event_db)
    assert [d.standing_outcome for d in dets] == ["ELIGIBLE"] and store.applicant_count(event_db) == 0
    applicant, dets = services.intake(event_db, raw, actor="someone not on this laptop")
    row = store.applicant_row(event_db, applicant.id)
    assert (row["status"], row["attorney_id"]) == ("evaluated", None)  # an unknown actor is not credited
    assert set(store.get_determinations(event_db, applicant.id)) == {applicant.convictions[0].id}
    (detail,) = event_db.execute("SELECT detail FROM audit_log WHERE action = 'applicant.intake'").fetchone()
    assert detail == "outcomes=ELIGIBLE" and "Quixotemarker" not in detail


def test_a_draft_keeps_the_typed_values_and_only_a_draft_can_be_discarded(event_db):
    aid, ref = services.save_draft(event_db, {"first_name": "J4ne", "last_name": "Doe"}, "identity")
    row = store.applicant_row(event_db, aid)
    assert (row["first_name"], row["last_name"], row["status"], row["reference"]) == ("", "Doe", "draft", ref)
    services.save_draft(event_db, {"first_name": "Jane", "last_name": "D0e"}, "screening", applicant_id=aid)
    row = store.applicant_row(event_db, aid)
    assert (row["first_name"], row["last_name"], row["wizard_step"]) == ("Jane", "Doe", "screening")
    services.discard_draft(event_db, aid)
    assert store.applicant_count(event_db) == 0
    evaluated, _ = services.intake(event_db, SAMPLE)
    with pytest.raises(InputError, match="only a draft can be discarded"):
        services.discard_draft(event_db, evaluated.id)


def test_the_attorney_note_is_trimmed_and_bounded(event_db):
    applicant, _ = services.intake(event_db, SAMPLE)
    services.set_attorney_note(event_db, applicant.id, "  called back  ")
    assert store.applicant_row(event_db, applicant.id)["attorney_note"] == "called back"
    with pytest.raises(InputError) as e:
        services.set_attorney_note(event_db, applicant.id, "x" * 2001)
    assert e.value.field == "attorney_note"
    assert store.applicant_row(event_db, applicant.id)["attorney_note"] == "called back"


def test_submitting_a_draft_keeps_its_conviction_ids_by_position(event_db):
    aid, _ = services.save_draft(event_db, SAMPLE, "convictions")
    first, _ = services.submit_applicant(event_db, aid, SAMPLE)
    edited = {**SAMPLE, "convictions": [{**SAMPLE["convictions"][0], "sentence": "fine paid"}]}
    again, dets = services.submit_applicant(event_db, aid, edited)
    assert again.convictions[0].id == first.convictions[0].id and again.reference == first.reference
    assert services.applicant_result(event_db, aid)[0].convictions[0].sentence == "fine paid"
    assert dets[0].standing_outcome == "ELIGIBLE"
