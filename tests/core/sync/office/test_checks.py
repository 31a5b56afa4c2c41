"""kiosk.sync.office.checks: each applicant in a file is checked again at the office by the intake
validator, and a refusal names the table, the record's position and the field, never its value."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError, SyncFileError
from kiosk.store import office_merge as office_store
from kiosk.store.connection import open_db
from kiosk.sync.office import checks

APPLICANT = {"id": "a1", "status": "evaluated", "first_name": "Jane", "middle_name": "", "last_name": "Sample",
             "suffix": "", "date_of_birth": "1980-04-02", "nysid": "", "language": "en", "phone": "", "email": "",
             "address": "", "consent_to_share": 0, "violent_felony": 0, "sex_offense": 0,
             "open_case_or_warrant": 0, "immigration_concern": 0}
CONVICTION = {"id": "c1", "applicant_id": "a1", "position": 0, "court": "criminal", "county": "kings",
              "docket": "2016KN074376", "docket_source": "document", "offense": "PL 221.10(1)", "attempt": 0,
              "arrest_date": None, "arrest_number": "", "conviction_date": "2016-03-21", "plea": "guilty",
              "sentence": "", "sentence_complete": None, "fines_owed": None, "original_charge": "",
              "other_counts_dismissed": 0, "driving_involved": 0}


def test_an_applicant_as_intake_writes_it_passes_and_a_changed_one_is_named_by_field():
    checks.check_applicant(APPLICANT, [{"position": 0, "name": "Janie Sample"}], [CONVICTION])
    checks.check_applicant({**APPLICANT, "status": "draft", "last_name": ""}, [], [])  # a draft without its name
    with pytest.raises(InputError) as e:
        checks.check_applicant({**APPLICANT, "phone": "718-555-0100"}, [], [CONVICTION])
    assert e.value.field == "applicants.contact"  # contact details without consent to share them
    with pytest.raises(InputError) as e:
        checks.check_applicant(APPLICANT, [], [{**CONVICTION, "docket": "2016KN074376", "section": "221.40"}])
    assert e.value.field == "convictions.section"
    with pytest.raises(InputError) as e:
        checks.check_applicant({**APPLICANT, "date_of_birth": "1980-02-30"}, [], [CONVICTION])
    assert e.value.field == "date_of_birth"


def test_a_staged_file_is_refused_naming_the_record_and_field_without_its_value(tmp_path):
    db = open_db(tmp_path / "central.db")
    columns = {"events": ["id", "name"], "attorneys": ["id", "name"], "aliases": ["id", "applicant_id", "position",
                                                                                  "name"],
               "applicants": list(APPLICANT), "convictions": list(CONVICTION)}
    for table, cols in columns.items():
        office_store.stage_create(db, table, cols)
    good = {**APPLICANT, "id": "a0"}
    office_store.stage_insert(db, "applicants", columns["applicants"],
                              [list(good.values()), list({**APPLICANT, "first_name": "J4ne"}.values())])
    office_store.stage_insert(db, "convictions", columns["convictions"],
                              [list({**CONVICTION, "id": "c0", "applicant_id": "a0"}.values()),
                               list(CONVICTION.values())])
    with pytest.raises(SyncFileError) as e:
        checks.check_staged(db, columns)
    assert str(e.value).startswith("refused: record 2 of the applicants table: first_name: ")
    assert "J4ne" not in str(e.value)
