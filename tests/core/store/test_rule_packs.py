"""kiosk.store.rule_packs: the shipped packs are written only when a file changed, listed with their
rules, and the packs in force on a day are the ones effective then, newest first."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk import store
from kiosk.errors import NotFoundError
from kiosk.rules import load_packs


def test_the_packs_are_rewritten_only_when_one_changed(db):
    packs = load_packs()
    assert store.load_rule_packs(db, packs) is False  # opening the database loaded them already
    assert store.load_rule_packs(db, packs[:1]) is True
    assert list(store.packs_loaded(db)) == ["kings-2018-consent"]
    assert store.get_rule(db, "NY19-01") is None  # the other packs' rules went with them
    assert db.execute("SELECT count(*) FROM rule_conditions WHERE rule_id LIKE 'NY19-%'").fetchone()[0] == 0
    assert store.load_rule_packs(db, packs) is True and store.packs_loaded(db) == {p.id: p.hash for p in packs}


def test_packs_are_listed_oldest_first_with_their_rules(db):
    listed = store.list_packs(db)
    assert [p["id"] for p in listed] == ["kings-2018-consent", "ny-2019-decrim", "ny-mrta-2021"]
    assert listed[0]["rule_count"] == 17
    pack, rules = store.get_pack(db, "ny-2019-decrim")
    assert pack["effective_from"] == "2019-08-28" and [r["id"] for r in rules] == ["NY19-01", "NY19-02"]
    assert store.get_rule(db, "K18-02")["pack_id"] == "kings-2018-consent"
    with pytest.raises(NotFoundError, match="no rule pack with id 'nope'"):
        store.get_pack(db, "nope")


def test_the_packs_in_force_on_a_day_newest_first(db):
    refs = store.pack_refs(db, date(2019, 9, 1))
    assert [r.id for r in refs] == ["ny-2019-decrim", "kings-2018-consent"] and all(len(r.hash) == 64 for r in refs)
    assert store.pack_refs(db, date(2018, 9, 6)) == []
    # each rule's convicted_before date in the shipped packs, once, ascending; a rule without one adds none
    assert store.date_thresholds(db) == ["2019-08-28", "2021-03-31"]
