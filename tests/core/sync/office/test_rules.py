"""kiosk.sync.office.rules: ids, stamps, codes and rule lists spelled as the kiosk writes them, and
stored values (booleans, outcomes, links between rows) checked on the staged tables."""

from __future__ import annotations

import json

from kiosk.store import office_merge as office_store
from kiosk.store.connection import open_db
from kiosk.sync.office import rules

STAMP = "2018-09-21T10:00:00.000000+00:00"


def test_spelling_names_the_first_column_written_otherwise():
    cols = ["id", "created_at", "kind", "sha256"]
    good = ["d-1", STAMP, "packet", "ab" * 32]
    assert rules.check_spelling("documents", cols, [good, good]) == ""
    assert rules.check_spelling("documents", cols, [good, [*good[:2], "Packet!", good[3]]]) == "documents.kind"
    assert rules.check_spelling("documents", cols, [["d 1", *good[1:]]]) == "documents.id"
    assert rules.check_spelling("documents", cols, [[good[0], "2018-09-21", *good[2:]]]) == "documents.created_at"
    assert rules.check_spelling("documents", cols, [[good[0], None, *good[2:]]]) == "documents.created_at"
    hits = ["id", "hits", "packs"]
    ok = ["x", json.dumps([{"rule_id": "K18-02"}]), json.dumps([{"id": "kings-2018-consent"}])]
    assert rules.check_spelling("determinations", hits, [ok]) == ""
    assert rules.check_spelling("determinations", hits, [[ok[0], '[{"rule_id": 7}]', ok[2]]]) == "determinations.hits"


def test_a_stored_value_the_kiosk_never_writes_is_named_by_table_and_column(tmp_path):
    db = open_db(tmp_path / "central.db")
    columns = {"applicants": ["id", "status", "consent_to_share", "reference"]}
    with office_store.staging_area(db, in_memory=True), db.atomic():
        office_store.stage_create(db, "applicants", columns["applicants"])
        office_store.stage_insert(db, "applicants", columns["applicants"], [["a1", "evaluated", 1, "BA-23456Z"]])
        assert rules.stored_row_problem(db, columns) == ""
        office_store.stage_insert(db, "applicants", columns["applicants"], [["a2", "evaluated", 7, "BA-23456Z"]])
        assert rules.stored_row_problem(db, columns) == "applicants.consent_to_share"
        office_store.stage_create(db, "applicants", columns["applicants"])
        office_store.stage_insert(db, "applicants", columns["applicants"], [["a3", "evaluated", 0, "BA-O00000"]])
        assert rules.stored_row_problem(db, columns) == "applicants.reference"  # O and 0 are never in a reference
