"""A wizard step shows every problem of its own fields at once, read from check_applicant: no
field of another step, no problem of a blank extra conviction form."""

from __future__ import annotations

from kiosk.wizard import Step, field_errors, new_conviction, new_draft


def draft(**over):
    d = new_draft()
    d.update({"consent_to_share": True, "last_name": "Doe", "date_of_birth": "1980-04-02"})
    d.update(over)
    return d


def conviction(**over):
    c = new_conviction()
    c.update({"offense": "PL 221.05", "docket": "2016KN074376", "conviction_date": "2016-03-21"})
    c.update(over)
    return c


def test_each_step_shows_only_its_fields():
    d = draft(language="xx", first_name="J4ne", open_case_or_warrant="maybe",
              convictions=[conviction(plea="maybe")])
    assert set(field_errors(Step.LANGUAGE_CONSENT, d)) == {"language"}
    assert set(field_errors(Step.IDENTITY, d)) == {"first_name"}
    assert set(field_errors(Step.SCREENING, d)) == {"open_case_or_warrant"}
    assert set(field_errors(Step.CONVICTIONS, d)) == {"convictions[0].plea"}
    assert field_errors(Step.RESULT, d) == {}


def test_a_conviction_shows_field_and_cross_field_problems_together():
    d = draft(convictions=[conviction(conviction_date="2015-06-01", plea="maybe", arrest_number="K-1")])
    assert field_errors(Step.CONVICTIONS, d) == {
        "convictions[0].plea": "Plea must be one of guilty, verdict.",
        "convictions[0].conviction_date": "Conviction date is before the year in the docket number; check both.",
        "convictions[0].arrest_number": "Arrest number may contain only letters and digits.",
    }


def test_dates_are_judged_against_the_date_of_birth_of_the_identity_step():
    d = draft(date_of_birth="2017-01-01", convictions=[conviction(arrest_date="")])
    assert field_errors(Step.CONVICTIONS, d) == {
        "convictions[0].conviction_date": "Conviction date is before the date of birth."}
    d["date_of_birth"] = "2017-02-30"  # not a date: the identity step says so, the convictions step is silent
    assert field_errors(Step.CONVICTIONS, d) == {}
    assert field_errors(Step.IDENTITY, d) == {"date_of_birth": "Date of birth is not a real calendar date."}


def test_a_blank_extra_form_is_not_judged_but_a_lone_blank_one_is():
    d = draft(convictions=[conviction(), new_conviction()])
    assert field_errors(Step.CONVICTIONS, d) == {}
    d = draft(convictions=[new_conviction()])
    assert set(field_errors(Step.CONVICTIONS, d)) == {"convictions[0].offense", "convictions[0].conviction_date"}


def test_an_alias_problem_names_its_line():
    d = draft(aliases=["Janie", "J@nie"])
    assert field_errors(Step.IDENTITY, d) == {
        "aliases": "Aliases line 2 may contain only letters, spaces, hyphens, apostrophes and periods."}
