"""The wizard's flow without Qt (the Electrum model): every branch, Back and Forward keeping
values, and the checks each step applies through kiosk.validate. (What the GUI saves at each step
is tested with the services that save it, tests/core/services/.)"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import services
from kiosk.errors import InputError
from kiosk.models import Attorney
from kiosk.validate import parse_applicant
from kiosk.wizard import (
    NO_CONSENT_TEXT,
    ORDER,
    STEP_FIELDS,
    FlowError,
    Step,
    Wizard,
    blockers,
    document_kinds,
    field_errors,
    is_blank_conviction,
    new_conviction,
    next_step,
)
from tests.core.wizard_support import KINGS, at_convictions, consented, fill

# --- the first step: language and consent -------------------------------------------------------

def test_a_new_wizard_starts_at_language_and_consent_with_an_empty_draft():
    w = Wizard.start(county="queens", language="es")
    assert w.step == Step.LANGUAGE_CONSENT and w.stack == []
    assert w.draft["language"] == "es" and w.draft["consent_to_share"] is False
    assert w.draft["convictions"] == [new_conviction("queens")]
    assert not w.can_go_back()


def test_without_consent_the_flow_stops_at_the_first_step_with_a_plain_explanation():
    w = Wizard.start()
    assert next_step(Step.LANGUAGE_CONSENT, w.draft) is None
    assert w.blockers() == [NO_CONSENT_TEXT]
    assert "cannot consent" in NO_CONSENT_TEXT and "still talk with the lawyer" in NO_CONSENT_TEXT
    assert not w.can_advance()
    with pytest.raises(FlowError):
        w.advance()
    assert w.step == Step.LANGUAGE_CONSENT and w.stack == []


def test_consent_must_be_a_real_yes_not_a_truthy_string():
    w = Wizard.start()
    w.set("consent_to_share", "yes")
    assert not w.can_advance()
    w.set("consent_to_share", True)
    t = w.advance()
    assert (t.source, t.target, t.save) == (Step.LANGUAGE_CONSENT, Step.IDENTITY, "draft")


def test_an_unknown_language_is_refused_by_the_core_validator():
    w = Wizard.start()
    w.set("language", "xx")
    assert "language" in field_errors(Step.LANGUAGE_CONSENT, w.draft)
    w.set("consent_to_share", True)
    assert not w.can_advance()


# --- identity ------------------------------------------------------------------------------------

def test_identity_needs_only_a_last_name():
    w = consented()
    w.advance()
    assert w.blockers() == ["Last name is required."]
    w.set("last_name", "Doe")
    assert w.can_advance()


def test_identity_reports_every_bad_field_at_once_in_sentences():
    w = consented()
    w.advance()
    w.set("first_name", "J4ne")
    w.set("last_name", "Doe")
    w.set("date_of_birth", "1980-02-30")
    w.set("contact.phone", "call me")
    w.set("contact.email", "nobody")
    w.set("nysid", "12-34")
    errors = w.errors
    assert set(errors) == {"first_name", "date_of_birth", "contact.phone", "contact.email", "nysid"}
    assert errors["first_name"].startswith("First name may contain only letters")
    assert errors["date_of_birth"] == "Date of birth is not a real calendar date."
    assert errors["contact.phone"].startswith("Phone must be a phone number")
    assert errors["contact.email"] == "Email is not an email address."
    assert not w.can_advance()


def test_a_date_of_birth_in_the_future_is_refused():
    w = consented()
    w.today = date(2020, 1, 1)
    w.advance()
    w.set("last_name", "Doe")
    w.set("date_of_birth", "2021-01-01")
    assert w.errors == {"date_of_birth": "Date of birth is in the future."}


def test_aliases_are_one_per_line_and_a_bad_line_is_named():
    w = consented()
    w.advance()
    w.set("last_name", "Doe")
    w.set("aliases", "Janie Doe\n\n  Jane   Q Doe \nJ@ne")
    assert w.draft["aliases"] == ["Janie Doe", "Jane Q Doe", "J@ne"]
    assert w.errors["aliases"].startswith("Aliases line 3 may contain only letters")
    w.set("aliases", ["Janie Doe"])
    assert w.errors == {}


def test_names_in_any_script_are_accepted():
    w = consented()
    w.advance()
    w.set("first_name", "Łukasz")
    w.set("last_name", "Nguyễn-Rodríguez")
    w.set("middle_name", "O'Brien")
    assert w.errors == {} and w.can_advance()


def test_fields_that_cannot_be_convictions_are_refused_by_set():
    w = consented()
    with pytest.raises(KeyError):
        w.set("convictions", [])


# --- screening ----------------------------------------------------------------------------------

def test_screening_answers_are_booleans_and_the_step_is_always_complete():
    w = at_convictions()
    w.back()
    assert w.step == Step.SCREENING and w.can_advance()
    for key in STEP_FIELDS[Step.SCREENING]:
        w.set(key, True)
    assert w.draft["other_convictions"] == {"violent_felony": True, "sex_offense": True}
    assert w.draft["open_case_or_warrant"] is True and w.draft["immigration_concern"] is True
    assert w.can_advance()
    w.set("open_case_or_warrant", "perhaps")
    assert "open_case_or_warrant" in w.errors and not w.can_advance()


# --- convictions ---------------------------------------------------------------------------------

def test_an_empty_convictions_step_says_what_is_needed():
    w = at_convictions()
    assert w.blockers() == ["Add at least one conviction: the offense and the conviction date are needed."]
    assert not w.can_advance()


def test_a_complete_kings_conviction_lets_the_record_be_evaluated():
    w = at_convictions()
    fill(w, **KINGS)
    assert w.errors == {} and w.can_advance()
    t = w.advance()
    assert (t.source, t.target, t.save) == (Step.CONVICTIONS, Step.RESULT, "evaluate")
    assert parse_applicant(w.applicant_json()).convictions[0].docket == "2016KN074376"


def test_a_docket_that_names_its_county_sets_the_county_and_the_court():
    w = at_convictions()
    fill(w, docket="2015QN022318")
    assert w.draft["convictions"][0]["county"] == "queens"
    fill(w, docket="5957/2014")
    assert w.draft["convictions"][0]["court"] == "supreme"
    fill(w, docket="CR-004766-24KN")
    c = w.draft["convictions"][0]
    assert (c["court"], c["county"]) == ("criminal", "kings")
    fill(w, docket="not a docket")  # a bad docket changes nothing else
    assert (c["court"], c["county"]) == ("criminal", "kings")
    assert w.errors["convictions[0].docket"].startswith("Docket number is not a docket format we know")


def test_a_county_that_contradicts_the_docket_is_named_on_the_county_field():
    w = at_convictions()
    fill(w, **KINGS)
    fill(w, county="queens")
    assert w.errors == {"convictions[0].county": "County does not match the docket's county code (KN)."}


def test_no_papers_means_no_docket_but_then_the_county_is_needed():
    w = at_convictions()
    fill(w, offense="PL 221.05", conviction_date="2012-06-01", docket_source="unknown", county="")
    assert w.errors == {
        "convictions[0].county": "County is required when the docket is unknown or has no county code."}
    fill(w, county="kings")
    assert w.errors == {} and w.can_advance()


def test_dates_are_checked_against_each_other_and_the_date_of_birth():
    w = at_convictions(date_of_birth="1990-01-01")
    fill(w, **{**KINGS, "conviction_date": "1989-12-31"})
    assert w.errors == {"convictions[0].conviction_date": "Conviction date is before the date of birth."}
    fill(w, conviction_date="2016-03-21", arrest_date="2016-04-01")
    assert w.errors == {"convictions[0].arrest_date": "Arrest date is after the conviction date."}
    fill(w, arrest_date="2016-03-01")
    assert w.errors == {}


def test_a_bad_date_of_birth_does_not_block_the_convictions_step_twice():
    w = at_convictions()
    w.draft["date_of_birth"] = "not a date"
    fill(w, **KINGS)
    assert w.errors == {}


def test_several_problems_on_one_conviction_are_all_reported():
    w = at_convictions()
    fill(w, docket="2016KN07", offense="221", conviction_date="2016-13-01", arrest_number="K-1")
    assert set(w.errors) == {"convictions[0].docket", "convictions[0].offense",
                             "convictions[0].conviction_date", "convictions[0].arrest_number"}


def test_problems_on_a_second_conviction_say_which_conviction():
    w = at_convictions()
    fill(w, **KINGS)
    i = w.add_conviction()
    assert i == 1 and w.draft["convictions"][1]["county"] == "kings"
    fill(w, 1, offense="PL 221.05")
    assert w.blockers() == ["Conviction 2: Conviction date is required (YYYY-MM-DD)."]


def test_a_blank_extra_conviction_is_dropped_on_next_not_refused():
    w = at_convictions()
    fill(w, **KINGS)
    w.add_conviction()
    assert is_blank_conviction(w.draft["convictions"][1])
    assert w.can_advance()
    w.advance()
    assert len(w.draft["convictions"]) == 1


def test_removing_the_only_conviction_leaves_an_empty_form():
    w = at_convictions()
    fill(w, **KINGS)
    w.remove_conviction(0)
    assert len(w.draft["convictions"]) == 1 and is_blank_conviction(w.draft["convictions"][0])


# --- result, documents, done ------------------------------------------------------------------------

def evaluated(outcomes: list[str]) -> Wizard:
    w = at_convictions()
    for i in range(len(outcomes)):
        if i:
            w.add_conviction()
        fill(w, i, **KINGS)
    w.advance()
    w.set_results(outcomes, [f"c{i}" for i in range(len(outcomes))])
    return w


def test_the_result_step_waits_for_the_evaluation():
    w = at_convictions()
    fill(w, **KINGS)
    w.advance()
    assert w.step == Step.RESULT and w.outcomes is None
    assert not w.can_advance()
    assert any("being worked out" in b for b in w.blockers())
    w.set_results(["ELIGIBLE"], ["conv-1"])
    assert w.can_advance()
    assert w.draft["convictions"][0]["id"] == "conv-1"


def test_unknown_outcomes_are_refused():
    w = at_convictions()
    fill(w, **KINGS)
    w.advance()
    with pytest.raises(ValueError):
        w.set_results(["MAYBE"])


@pytest.mark.parametrize(("outcomes", "kinds"), [
    (["ELIGIBLE"], ("packet", "receipt")),
    (["INELIGIBLE", "NEEDS_REVIEW"], ("packet", "receipt")),
    (["INELIGIBLE"], ("receipt",)),
    (["INELIGIBLE", "RELIEF_BY_STATUTE"], ("receipt",)),
    (["RELIEF_BY_STATUTE"], ("receipt",)),
])
def test_the_documents_step_offers_the_packet_only_when_a_motion_is_needed(outcomes, kinds):
    w = evaluated(outcomes)
    t = w.advance()
    assert (t.target, t.save) == (Step.DOCUMENTS, "draft")
    assert w.document_kinds() == kinds == document_kinds(outcomes)


def test_finishing_closes_the_applicant_and_done_is_terminal():
    w = evaluated(["ELIGIBLE"])
    w.advance()
    t = w.advance()
    assert (t.source, t.target, t.save) == (Step.DOCUMENTS, Step.DONE, "finish")
    assert not w.can_go_back() and not w.can_advance()
    assert next_step(Step.DONE, w.draft, w.outcomes) is None
    with pytest.raises(FlowError):
        w.back()
    with pytest.raises(FlowError):
        w.advance()


def test_changing_a_conviction_after_the_result_needs_a_new_evaluation():
    w = evaluated(["ELIGIBLE"])
    w.back()
    assert w.step == Step.CONVICTIONS and w.outcomes == ["ELIGIBLE"]
    fill(w, offense="PL 221.40")
    assert w.outcomes is None
    assert w.advance().save == "evaluate"


def test_a_refused_evaluation_returns_to_the_convictions_step():
    w = at_convictions()
    fill(w, **KINGS)
    w.advance()
    w.evaluation_failed()
    assert w.step == Step.CONVICTIONS and w.outcomes is None and w.stack[-1] == Step.SCREENING


# --- Back and Forward ------------------------------------------------------------------------------

def test_back_returns_to_the_previous_step_and_forward_finds_every_value_kept():
    w = at_convictions(first_name="Maria", last_name="Nguyễn")
    w.set("immigration_concern", True)
    fill(w, docket="2016KN074376")  # half a conviction: kept as typed
    assert w.back().target == Step.SCREENING
    assert w.back().target == Step.IDENTITY
    assert w.get("first_name") == "Maria" and w.get("last_name") == "Nguyễn"
    w.set("middle_name", "Q")
    w.advance()
    assert w.get("immigration_concern") is True
    w.advance()
    assert w.draft["convictions"][0]["docket"] == "2016KN074376"
    assert w.get("middle_name") == "Q"
    assert w.stack == [Step.LANGUAGE_CONSENT, Step.IDENTITY, Step.SCREENING]


def test_back_to_a_completed_step_jumps_there_with_the_stack_as_back_would_leave_it():
    w = evaluated(["ELIGIBLE"])
    w.advance()  # the papers step
    assert w.can_jump_back(Step.IDENTITY) and not w.can_jump_back(Step.DOCUMENTS)
    t = w.back_to(Step.IDENTITY)
    assert (t.source, t.target, t.save) == (Step.DOCUMENTS, Step.IDENTITY, "draft")
    assert w.stack == [Step.LANGUAGE_CONSENT] and w.get("last_name")
    with pytest.raises(FlowError):
        w.back_to(Step.RESULT)  # not reached on this walk any more


def test_no_jumping_back_from_done():
    w = evaluated(["ELIGIBLE"])
    w.advance()
    w.advance()
    assert w.step == Step.DONE and not w.can_jump_back(Step.IDENTITY)


def test_back_keeps_a_half_typed_value_on_the_step_it_leaves():
    w = consented()
    w.advance()
    w.set("date_of_birth", "1980-0")
    w.back()
    w.advance()
    assert w.get("date_of_birth") == "1980-0"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["next", "back"]), max_size=30))
def test_any_walk_of_next_and_back_keeps_the_draft_and_a_consistent_stack(moves):
    w = at_convictions()
    fill(w, **KINGS)
    before = json.dumps(w.draft, sort_keys=True)
    for move in moves:
        if move == "next" and w.can_advance():
            w.advance()
            if w.step == Step.RESULT:
                w.set_results(["ELIGIBLE"])
        elif move == "back" and w.can_go_back():
            w.back()
        assert w.stack == list(ORDER[:ORDER.index(w.step)])
    after = json.dumps({k: v for k, v in w.draft.items()}, sort_keys=True)
    assert json.loads(after)["convictions"][0]["docket"] == json.loads(before)["convictions"][0]["docket"]
    assert {k: v for k, v in json.loads(after).items() if k != "convictions"} == \
        {k: v for k, v in json.loads(before).items() if k != "convictions"}


# --- saving and resuming --------------------------------------------------------------------------

def test_the_state_round_trips_through_json():
    w = evaluated(["ELIGIBLE"])
    w.applicant_id, w.reference = "id-1", "BA-2345AB"
    state = json.loads(json.dumps(w.to_state()))
    w2 = Wizard.from_state(state)
    assert (w2.step, w2.stack, w2.draft, w2.outcomes, w2.reference) == (
        w.step, w.stack, w.draft, w.outcomes, w.reference)
    with pytest.raises(InputError):
        Wizard.from_state({**state, "version": 99})


@pytest.mark.parametrize(("saved", "outcomes", "expected"), [
    ("identity", None, Step.IDENTITY),
    ("convictions", None, Step.CONVICTIONS),
    ("result", None, Step.CONVICTIONS),  # saved mid-evaluation: the record has no result yet
    ("result", ["ELIGIBLE"], Step.RESULT),
    ("documents", ["INELIGIBLE"], Step.DOCUMENTS),
    ("done", ["ELIGIBLE"], Step.DOCUMENTS),  # a finished applicant reopens at its papers
    ("", None, Step.LANGUAGE_CONSENT),
    ("no-such-step", None, Step.LANGUAGE_CONSENT),
])
def test_resume_reopens_at_the_saved_step_with_the_back_stack_rebuilt(saved, outcomes, expected):
    w = at_convictions(first_name="Ana")
    fill(w, **KINGS)
    r = Wizard.resume(w.draft, saved, outcomes=outcomes, applicant_id="x", reference="BA-22")
    assert r.step == expected
    assert r.stack == list(ORDER[:ORDER.index(expected)])
    assert r.get("first_name") == "Ana" and r.draft["convictions"][0]["docket"] == "2016KN074376"
    assert (r.applicant_id, r.reference) == ("x", "BA-22")


def test_resume_fills_in_keys_an_older_draft_lacks():
    r = Wizard.resume({"last_name": "Doe", "consent_to_share": True}, "identity")
    assert r.get("contact.phone") == "" and r.draft["convictions"] == [new_conviction()]
    assert r.can_advance()


def test_applicant_json_is_the_applicant_file_format():
    w = at_convictions()
    fill(w, **KINGS)
    w.add_conviction()
    data = w.applicant_json()
    assert len(data["convictions"]) == 1 and len(w.draft["convictions"]) == 2
    applicant = parse_applicant(data)
    assert applicant.last_name == "Doe" and applicant.consent_to_share is True


# --- blockers -----------------------------------------------------------------------------------

def test_blockers_of_a_step_are_exactly_its_sentences():
    w = consented()
    w.advance()
    w.set("last_name", "D0e")
    assert blockers(Step.IDENTITY, w.draft) == list(w.errors.values())


# --- persistence through the services (one transaction per step change) --------------------------

@pytest.fixture()
def db(tmp_path):
    d = services.open_kiosk(tmp_path / "kiosk.db")
    services.ensure_demo_event(d)
    return d


def test_register_attorney_and_setup_event_validate_their_forms(db):
    with pytest.raises(InputError):
        services.register_attorney(db, {"name": ""}, "2468")
    with pytest.raises(InputError):
        services.register_attorney(db, {"name": "Ada"}, "12")
    assert services.list_attorneys(db) == []
    a = services.register_attorney(db, {"name": "Ada Lawyer", "registration_number": "4512345"}, "2468")
    assert isinstance(a, Attorney) and services.signed_in_attorney(db).id == a.id
    ev = services.setup_event(db, {"name": "Dec event", "starts_on": "2018-12-11", "venue": "Borough Hall"})
    assert services.current_event(db).name == "Dec event" and services.default_as_of(db) == ev.starts_on
    with pytest.raises(InputError):
        services.setup_event(db, {"name": "", "starts_on": "2018-12-11"})
    assert services.startup_state(db).event.id == ev.id


