"""kiosk.sync.office.checks: each applicant in a file is checked again at the office by the intake
validator, and a refusal names the table, the record's position and the field, never its value."""

from __future__ import annotations

import pytest

from kiosk.errors import SyncFileError
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


ALIAS = {"id": "l1", "applicant_id": "a1", "position": 0, "name": "Janie Sample"}


def staged(tmp_path, applicants: list[dict], aliases: list[dict], convictions: list[dict], *,
           alias_columns: list[str] | None = None) -> None:
    """Stage these rows as an import does, then check them (raises SyncFileError)."""
    db = open_db(tmp_path / "central.db")
    columns = {"events": ["id", "name"], "attorneys": ["id", "name"], "aliases": alias_columns or list(ALIAS),
               "applicants": list(APPLICANT), "convictions": list(dict.fromkeys(k for r in [CONVICTION, *convictions]
                                                                                  for k in r))}
    with office_store.staging_area(db, in_memory=True), db.atomic():
        stage(db, columns, {"applicants": applicants, "aliases": aliases, "convictions": convictions})


def stage(db, columns: dict[str, list[str]], records: dict[str, list[dict]]) -> None:
    """Stage these records as an import does, then check them both ways (raises SyncFileError)."""
    streamed = {}
    for table, cols in columns.items():
        office_store.stage_create(db, table, cols)
        streamed[table] = [[r.get(c) for c in cols] for r in records.get(table, [])]
        if streamed[table]:
            office_store.stage_insert(db, table, cols, streamed[table])
    both_ways(db, columns, streamed)


def _words(check) -> str:
    try:
        check()
    except SyncFileError as e:
        return str(e)
    return ""


def both_ways(db, columns: dict[str, list[str]], streamed: dict[str, list[list]]) -> None:
    """check_staged (streamed from staging) and RecordCheck (on its thread, over the rows as they
    streamed in, as the import runs it for a file that fits in memory) must refuse with the same
    words, or both accept."""
    one_after_other = _words(lambda: checks.check_staged(db, columns))
    try:
        beside = _words(lambda: (checks.check_stored_rows(db, columns),
                                 checks.RecordCheck(columns, streamed).verdict()))
    except TypeError:  # ids that are not all text: in an import, the whole-table checks refuse the file first
        assert one_after_other
    else:
        assert beside == one_after_other, (beside, one_after_other)
    if one_after_other:
        raise SyncFileError(one_after_other)


def refusal(tmp_path, *rows, **kw) -> str:
    with pytest.raises(SyncFileError) as e:
        staged(tmp_path, *rows, **kw)
    return str(e.value)


def test_an_applicant_as_intake_writes_it_passes_and_a_changed_one_is_named_by_field(tmp_path):
    staged(tmp_path, [APPLICANT], [ALIAS], [CONVICTION])
    staged(tmp_path, [{**APPLICANT, "status": "draft", "last_name": ""}], [], [])  # a draft without its name
    assert ": applicants.contact: " in refusal(tmp_path, [{**APPLICANT, "phone": "718-555-0100"}], [], [CONVICTION])
    assert ": convictions.section: " in refusal(tmp_path, [APPLICANT], [], [{**CONVICTION, "section": "221.40"}])
    assert ": date_of_birth: " in refusal(tmp_path, [{**APPLICANT, "date_of_birth": "1980-02-30"}], [], [CONVICTION])


def test_a_record_whose_applicant_is_not_in_the_file_is_refused_and_hides_no_other_record(tmp_path):
    future = {**CONVICTION, "conviction_date": "2099-01-01"}  # would be refused on its own
    orphan = {**CONVICTION, "id": "c0", "applicant_id": "0-not-in-the-file"}  # sorts before a1
    for convictions in ([orphan, future], [orphan, CONVICTION], [CONVICTION, {**orphan, "applicant_id": "z9"}],
                        [CONVICTION, {**orphan, "applicant_id": None}],
                        [CONVICTION, {**orphan, "applicant_id": "\U0010ffff-x"}]):  # sorts after any id
        assert "convictions table has a record whose applicant is not in the file" in \
            refusal(tmp_path, [APPLICANT], [], convictions), convictions
    assert "aliases table has a record whose applicant is not in the file" in \
        refusal(tmp_path, [APPLICANT], [{**ALIAS, "applicant_id": "0"}], [CONVICTION])


def test_a_child_table_without_a_column_the_kiosk_always_writes_is_refused_naming_it(tmp_path):
    text = refusal(tmp_path, [APPLICANT], [ALIAS], [CONVICTION], alias_columns=["id", "applicant_id", "name"])
    assert ": aliases.position: is missing from the file" in text and "Janie" not in text
    staged(tmp_path, [APPLICANT], [], [CONVICTION], alias_columns=["id", "applicant_id", "name"])  # no aliases: fine


def test_a_staged_file_is_refused_naming_the_record_and_field_without_its_value(tmp_path):
    db = open_db(tmp_path / "central.db")
    columns = {"events": ["id", "name"], "attorneys": ["id", "name"], "aliases": ["id", "applicant_id", "position",
                                                                                  "name"],
               "applicants": list(APPLICANT), "convictions": list(CONVICTION)}
    with office_store.staging_area(db, in_memory=True), db.atomic(), pytest.raises(SyncFileError) as e:
        stage(db, columns, {"applicants": [{**APPLICANT, "id": "a0"}, {**APPLICANT, "first_name": "J4ne"}],
                            "convictions": [{**CONVICTION, "id": "c0", "applicant_id": "a0"}, CONVICTION]})
    assert str(e.value).startswith("refused: record 2 of the applicants table: first_name: ")
    assert "J4ne" not in str(e.value)
