"""kiosk.caselist.service: the DA's case list loaded on a laptop, searched by the name as the
applicant gives it, picked into the applicant's convictions (verified, every field filled), never
exported, removed by purge. The office's side is in test_office.py, the commands in
tests/core/test_cli_caselist.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import services, store, sync
from kiosk.caselist import service as caselist_service
from kiosk.validate import parse_applicant
from kiosk.wizard import Wizard
from tests.core import caselist_support as cs
from tests.core.sync_support import Office

ROOT = Path(__file__).resolve().parents[3]


def people_found(result: dict) -> set[str]:
    return {m["name"] for m in result["matches"]}


# --- the office's file -------------------------------------------------------------------------------

# --- finding the applicant ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["jose alvarez nunez", "Alvarez Nunez Jose", "JOSÉ ÁLVAREZ-NÚÑEZ",
                                   "alvarez-nunez, jose", "Jose Alvareznunez", "jose alvarez", "Jose A. Nunez",
                                   "José Álvarez y Núñez", "Jose Alvarez-Nunez Jr."])
def test_the_name_is_found_whatever_the_order_case_accents_and_hyphens(db, typed):
    r = caselist_service.find(db, typed)
    assert people_found(r) == {"José Álvarez-Núñez"}
    assert {m["docket"] for m in r["matches"]} == {"2016KN074376", "2012KN011111"}
    assert all(m["matched_by"] == "name" for m in r["matches"])


@pytest.mark.parametrize("typed", ["Jose Alvares Nunez", "Jsoe Alvarez Nunez", "Jose Alvarez Nunnez",
                                   "Jose Alvrez Nunez"])
def test_one_typo_is_tolerated(db, typed):
    r = caselist_service.find(db, typed)
    assert people_found(r) == {"José Álvarez-Núñez"}
    assert all(m["matched_by"] == "name, one letter off" for m in r["matches"])


def one_edit_spellings(word: str) -> set[str]:
    out = {word[:i] + word[i + 1:] for i in range(len(word))}  # a letter missing
    out |= {word[:i] + "x" + word[i + 1:] for i in range(len(word))}  # a letter wrong
    out |= {word[:i] + "x" + word[i:] for i in range(len(word) + 1)}  # a letter extra
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}  # two swapped
    return out - {word}


@pytest.mark.parametrize("which", [0, 1, 2])
def test_any_one_typo_anywhere_in_any_word_of_four_letters_or_more_is_found(db, which):
    words = ["jose", "alvarez", "nunez"]
    for typo in sorted(one_edit_spellings(words[which])):
        typed = " ".join(typo if k == which else w for k, w in enumerate(words))
        assert people_found(caselist_service.find(db, typed)) == {"José Álvarez-Núñez"}, typed


def test_two_typos_are_not_a_match(db):
    assert caselist_service.find(db, "Jsoe Alvares Nunez")["matches"] == []


def test_aliases_and_apostrophes(db):
    r = caselist_service.find(db, "pepe alvarez")
    assert people_found(r) == {"José Álvarez-Núñez"} and r["matches"][0]["matched_by"] == "name (alias Pepe Alvarez)"
    for typed in ("sean obrien", "Sean O Brien", "O'Brien Seán", "Sean O’Brien"):
        assert people_found(caselist_service.find(db, typed)) == {"Seán O'Brien"}, typed


def test_a_name_alone_matching_many_people_asks_for_the_date_of_birth(db):
    r = caselist_service.find(db, "Maria Rodriguez")
    assert r == {"people": 5, "ask_for": "date_of_birth", "matches": []}
    r = caselist_service.find(db, "maria rodriguez", date_of_birth="1972-01-03")
    assert [(m["name"], m["date_of_birth"], m["docket"]) for m in r["matches"]] == [
        ("Maria Rodriguez", "1972-01-03", "2014KN002234")]


def test_the_date_of_birth_or_nysid_narrows_and_a_different_one_excludes(db):
    assert caselist_service.find(db, "jose alvarez", date_of_birth="1981-01-01")["matches"] == []
    assert people_found(caselist_service.find(db, "jose alvarez", nysid="01234567l")) == {"José Álvarez-Núñez"}
    assert caselist_service.find(db, "jose alvarez", nysid="99999999X")["matches"] == []


def test_each_match_has_what_the_attorney_needs_to_recognise_the_case(db):
    m = next(m for m in caselist_service.find(db, "jose alvarez nunez")["matches"] if m["docket"] == "2016KN074376")
    assert (m["conviction_date"], m["offense"], m["sentence"], m["outcome"]) == (
        "2016-05-02", "PL 221.10(1)", "Time served", "NEEDS_REVIEW")  # other counts were dismissed
    assert m["rules"][0].startswith("K18-")


def test_the_lookup_is_audited_without_the_values_searched(db):
    caselist_service.find(db, "jose alvarez nunez", date_of_birth="1980-04-12", actor="att-1", applicant_id="app-1")
    row = db.execute("SELECT actor, action, record_id, detail FROM audit_log WHERE action = 'caselist.lookup'"
                     ).fetchall()[-1]
    assert row[:3] == ("att-1", "caselist.lookup", "app-1")
    assert "people=1" in row[3]
    for value in ("jose", "alvarez", "1980", "04-12"):
        assert value not in row[3].lower()


# --- picking: the round trip -------------------------------------------------------------------------

def test_round_trip_office_file_laptop_find_pick_gives_verified_filled_convictions(db):
    wizard = Wizard.start()
    wizard.draft.update(first_name="Jose", last_name="Alvarez Nunez", date_of_birth="1980-04-12",
                        consent_to_share=True)
    matches = caselist_service.find(db, "jose alvarez nunez", date_of_birth="1980-04-12")["matches"]
    assert caselist_service.add_to_wizard(wizard, matches) == 2
    assert caselist_service.add_to_wizard(wizard, matches) == 0  # the same dockets are not added twice
    convs = wizard.draft["convictions"]
    assert [c["docket"] for c in convs] == ["2012KN011111", "2016KN074376"]  # the blank form was replaced
    first = convs[1]
    assert first == {
        "court": "criminal", "county": "kings", "docket": "2016KN074376", "docket_source": "caselist",
        "offense": "PL 221.10(1)", "attempt": False, "plea": "guilty", "arrest_date": "2016-03-01",
        "arrest_number": "K16612345", "conviction_date": "2016-05-02", "sentence": "Time served",
        # the extract does not say: left unanswered, for the attorney to ask (never a default)
        "sentence_complete": "", "fines_owed": "", "original_charge": "PL 221.10(1)",
        "other_counts_dismissed": True, "driving_involved": False}
    applicant = parse_applicant(wizard.applicant_json())
    assert all(c.verified and c.docket_source == "caselist" for c in applicant.convictions)
    saved, dets = services.intake(db, wizard.applicant_json())
    again = store.get_applicant(db, saved.id)
    assert [(c.docket, c.docket_source, c.arrest_number) for c in again.convictions] == [
        ("2012KN011111", "caselist", ""), ("2016KN074376", "caselist", "K16612345")]
    assert all("docket_unverified" not in " ".join(h.rule_id for h in d.hits) for d in dets)
    assert dets[1].outcome in ("ELIGIBLE", "NEEDS_REVIEW")


def test_blank_identity_fields_take_the_lists_values_and_typed_ones_stay(db):
    wizard = Wizard.start()
    caselist_service.add_to_wizard(wizard, caselist_service.find(db, "pepe alvarez")["matches"])
    d = wizard.draft
    assert (d["first_name"], d["last_name"], d["date_of_birth"], d["nysid"]) == (
        "José", "Álvarez-Núñez", "1980-04-12", "01234567L")
    wizard = Wizard.start()
    wizard.draft.update(first_name="Joe", last_name="Alvarez", date_of_birth="1980-04-12")
    caselist_service.add_to_wizard(wizard, caselist_service.find(db, "pepe alvarez")["matches"])
    d = wizard.draft
    assert (d["first_name"], d["last_name"], d["nysid"]) == ("Joe", "Alvarez", "01234567L")


def test_a_picked_conviction_stays_editable(db):
    wizard = Wizard.start()
    caselist_service.add_to_wizard(wizard, caselist_service.find(db, "sean obrien")["matches"])
    wizard.set_conviction(0, "sentence", "Conditional discharge")
    assert wizard.draft["convictions"][0]["sentence"] == "Conditional discharge"
    assert wizard.draft["convictions"][0]["docket_source"] == "caselist"


# --- refusals ----------------------------------------------------------------------------------------

def test_another_kind_of_file_is_named_as_such(db, tmp_path):
    other = tmp_path / "records.csv"
    cs.write_extract(other)
    with pytest.raises(Exception) as e:
        caselist_service.load(db, str(other), cs.PASSPHRASE)
    assert str(e.value) == "records.csv: is not a case list file (not encrypted with a passphrase)"


# --- never exported, removed by purge ----------------------------------------------------------------

def test_the_list_never_appears_in_an_export(db, tmp_path):
    office = Office(tmp_path)
    event = store.current_event(db)
    event.office_recipient = office.recipient
    services.configure_event(db, event)
    matches = caselist_service.find(db, "sean obrien")["matches"]
    wizard = Wizard.start()
    wizard.draft.update(first_name="Sean", last_name="OBrien", consent_to_share=True)
    caselist_service.add_to_wizard(wizard, matches)
    services.intake(db, wizard.applicant_json())
    out = tmp_path / "export.age"
    sync.export_batch(db, out)
    sync.decrypt_to_dir(out, office.identity_path, tmp_path / "decrypted")
    content = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "decrypted").iterdir())
    assert "2017KN005555" in content  # the applicant's own picked conviction is exported
    for value in (*cs.ONLY_IN_LIST, "Álvarez", "Alvarez", "2016KN074376", "Rodriguez", "01234567L"):
        assert value not in content, value
    assert "caselist_" not in content


def test_purge_leaves_no_name_from_the_list_in_the_database_file(db, tmp_path):
    def raw() -> bytes:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("kiosk.db"))

    words = (b"Quixotic", b"quixotic", b"zebulon", b"2015KN098765", b"obrien")
    assert db.execute("SELECT count(*) FROM caselist_keys WHERE caselist_keys MATCH 'quixotic'").fetchone()[0] == 1
    # in a plain database file the list's words are readable until the purge (an encrypted one never shows them)
    assert all(w in raw() for w in words) or not raw().startswith(b"SQLite format 3")
    caselist_service.purge(db)
    after = raw()
    for word in words:
        assert word not in after, word


def test_the_days_purge_removes_the_list_too(db):
    assert caselist_service.status(db)["loaded"]
    sync.purge_exported(db, actor="test")
    assert caselist_service.status(db) == {"loaded": False}
    assert "caselist=" in db.execute("SELECT detail FROM audit_log WHERE action = 'sync.purge'").fetchone()[0]


def test_loading_again_replaces_the_list_and_settings_show_size_and_date(db, built):
    caselist_service.load(db, str(built[0]), cs.PASSPHRASE)
    s = caselist_service.status(db)
    assert (s["loaded"], s["rows"], s["people"], s["as_of"]) == (True, len(cs.ROWS) - 1, len(cs.ROWS) - 2,
                                                                  "2018-09-21")
    assert s["file_bytes"] == built[0].stat().st_size and s["created_at"] and s["loaded_at"]
    assert db.execute("SELECT count(*) FROM caselist_convictions").fetchone()[0] == len(cs.ROWS) - 1


def test_without_fts5_the_list_still_loads_and_tolerates_a_typo(tmp_path, built, monkeypatch):
    from kiosk.store import caselist as caselist_store
    from kiosk.store import migrations

    no_fts5 = [statement.replace("USING fts5", "USING no_such_module") for statement in migrations._CASELIST_FTS]
    monkeypatch.setattr(migrations, "_CASELIST_FTS", no_fts5)
    db = services.open_kiosk(tmp_path / "kiosk.db")
    assert not caselist_store.fts(db)
    caselist_service.load(db, str(built[0]), cs.PASSPHRASE)
    assert people_found(caselist_service.find(db, "Jose Alvares Nunez")) == {"José Álvarez-Núñez"}
    assert people_found(caselist_service.find(db, "Alvarez Nunez Jose", date_of_birth="1980-04-12")) == {
        "José Álvarez-Núñez"}
    assert caselist_service.find(db, "Maria Rodriguez")["ask_for"] == "date_of_birth"
    assert caselist_service.purge(db) == len(cs.ROWS) - 1
