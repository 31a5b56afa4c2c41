"""kiosk.store.applicants: an applicant's rows (aliases and convictions in order, answers that may be
unknown), the reference read aloud at the table, search, and determinations with their override."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk import eligibility, store
from kiosk.errors import NotFoundError
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict, conviction_dict


def saved(db, **over):
    applicant = parse_applicant(applicant_dict(**over))
    with store.transaction(db):
        store.save_applicant(db, applicant, status="evaluated")
    return applicant


def test_an_applicant_round_trips_with_aliases_convictions_and_unknown_answers(db):
    raw = applicant_dict(aliases=["Janie Sample", "J. Q. Sample"], convictions=[
        conviction_dict(sentence_complete=True, fines_owed=None),
        conviction_dict(docket="2014KN001234", offense="PL 221.40", conviction_date="2014-02-03", arrest_date=None,
                        sentence_complete=None, fines_owed=False)])
    applicant = parse_applicant(raw)
    with store.transaction(db):
        aid = store.save_applicant(db, applicant)
    again = store.get_applicant(db, aid)
    assert again.aliases == ["Janie Sample", "J. Q. Sample"] and again.date_of_birth == date(1980, 4, 2)
    assert [(c.docket, c.sentence_complete, c.fines_owed) for c in again.convictions] == [
        ("2016KN074376", True, None), ("2014KN001234", None, False)]
    assert [c.id for c in again.convictions] == [c.id for c in applicant.convictions]


def test_the_reference_avoids_look_alike_letters_and_finds_the_applicant_in_any_case(db):
    applicant = saved(db)
    ref = applicant.reference
    assert ref.startswith("BA-") and len(ref) == 9 and set(ref[3:]) <= set(store.REF_ALPHABET)
    assert not set("01IO") & set(store.REF_ALPHABET)
    assert store.find_applicant_id(db, ref.lower()) == applicant.id == store.find_applicant_id(db, applicant.id)
    with pytest.raises(NotFoundError):
        store.find_applicant_id(db, "BA-000000")
    with pytest.raises(NotFoundError):
        store.get_applicant(db, "no-such-id")


def test_the_list_is_searched_by_name_alias_reference_and_docket_and_skips_purged_records(db):
    jane = saved(db, aliases=["Mary Wynn"])
    other = saved(db, first_name="Pat", last_name="Other", aliases=[],
                  convictions=[conviction_dict(docket="2014KN001234")])
    assert store.applicant_count(db) == 2
    for query, who in (("jane sam", jane), ("WYNN", jane), (jane.reference.lower(), jane), ("2014kn0012", other)):
        assert [r["id"] for r in store.list_applicants(db, query)] == [who.id], query
    store.update_applicant_fields(db, other.id, purged_at=store.now())
    assert [r["id"] for r in store.list_applicants(db)] == [jane.id]
    store.delete_applicant(db, jane.id)
    assert store.list_applicants(db) == [] and store.applicant_count(db) == 1


def test_a_determination_is_stored_and_an_override_set_and_cleared_beside_it(db):
    applicant = saved(db)
    det = eligibility.evaluate_applicant(db, applicant, date(2018, 9, 21))[0]
    cid = applicant.convictions[0].id
    with store.transaction(db):
        did = store.save_determination(db, applicant.id, cid, det)
    assert store.set_override(db, cid, "NEEDS_REVIEW", "check the plea minutes", "att-1") == did
    stored = store.get_determinations(db, applicant.id)[cid]
    assert (stored.outcome, stored.standing_outcome, stored.override_reason) == (
        det.outcome, "NEEDS_REVIEW", "check the plea minutes")
    store.set_override(db, cid, "", "", "")
    assert store.get_determinations(db, applicant.id)[cid].standing_outcome == det.outcome
