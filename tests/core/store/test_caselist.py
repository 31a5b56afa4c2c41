"""kiosk.store.caselist: the case list's rows, its name keys and their vocabulary, inserted, looked
up and removed (the search built on them: tests/core/caselist/test_service.py)."""

from __future__ import annotations

from kiosk.caselist.listfile import as_arrays
from kiosk.store import caselist
from tests.core import caselist_support as cs

INFO = {"created_at": "2018-09-20T10:00:00+00:00", "as_of": "2018-09-21", "loaded_at": "2018-09-21T08:00:00+00:00",
        "rows": 2, "people": 2, "file_bytes": 123, "file_sha256": "ab" * 32, "rule_packs": {"p": "0" * 64},
        "packs_match": True}


def loaded(db):
    people = [cs.list_person("Álvarez-Núñez", aliases=("Pepe Alvarez",), nysid="01234567L"),
              cs.list_person("Rodriguez", aliases=(), docket="2014KN001234")]
    caselist.insert(db, as_arrays(people), INFO)
    return db


def test_a_list_is_inserted_with_its_file_row_and_read_back_by_person(db):
    loaded(db)
    assert caselist.info(db) == INFO
    assert caselist.nysid_people(db, "01234567L") == [1] and caselist.nysid_people(db, "") == []
    people = caselist.people(db, [2, 1])
    assert (people[1]["last_name"], people[1]["aliases"], people[2]["aliases"]) == ("Álvarez-Núñez",
                                                                                      ["Pepe Alvarez"], [])
    [c] = caselist.convictions(db, [2])
    assert (c["docket"], c["rules"], c["sentence_complete"], c["fines_owed"], c["attempt"]) == (
        "2014KN001234", ["K18-02", "K18-17"], None, True, False)
    assert caselist.convictions(db, []) == []


def test_names_are_found_by_their_keys_and_words_by_a_typo(db):
    loaded(db)
    assert caselist.known_words(db, ["alvarez", "nunez", "smith"]) == {"alvarez", "nunez"}
    assert {(pid, no) for pid, no, _ in caselist.name_groups(db, ["pepe"])} == {(1, 1)}
    assert {pid for pid, _, _ in caselist.name_groups(db, ["jane"], required=["rodriguez"])} == {2}
    assert caselist.fts(db)  # the shipped SQLCipher has FTS5 (the fallback: tests/core/caselist/test_service.py)
    assert caselist.similar_words(db, "rodrigues") == ["rodriguez"]  # a shared trigram, one letter of length
    assert caselist.similar_words(db, "rodriguezes") == []  # two letters longer: past the length window
    assert caselist.similar_words(db, "xyzzy") == []  # no trigram in common


def test_delete_all_removes_every_row_and_says_how_many_there_were(db):
    assert caselist.delete_all(db) == 0
    loaded(db)
    assert caselist.delete_all(db) == 2
    assert caselist.info(db) is None and caselist.people(db, [1, 2]) == {}
    assert caselist.known_words(db, ["jane"]) == set()
    for table in caselist.TABLES:
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
