"""Every rule of every shipped pack (docs/legal.md) on a crafted case, precedence across packs and
as-of dates, precedence inside a pack, advisories, and rule-pack parsing errors."""

from __future__ import annotations

import pytest

from kiosk import store
from kiosk.errors import RulePackError
from kiosk.rules import load_pack_file, load_packs, parse_pack
from kiosk.store.connection import open_db
from tests.core.conftest import conviction_dict, evaluate

K18 = "2018-09-21"  # the first Begin Again event: only the Kings program is in force
NY19 = "2019-09-01"  # the 2019 decriminalization law is in force too
MRTA = "2021-06-01"  # all three packs


# (as-of, conviction fields, applicant fields, outcome, deciding rule, other rules that must be listed)
CASES = {
    "K18-01": (K18, {"offense": "PL 221.05", "original_charge": None}, {}, "ELIGIBLE", []),
    "K18-02 (1)": (K18, {"offense": "PL 221.10(1)"}, {}, "ELIGIBLE", []),
    "K18-02 (2)": (K18, {"offense": "PL 221.10(2)", "original_charge": None}, {}, "ELIGIBLE", []),
    "K18-02 bare": (K18, {"offense": "221.10", "original_charge": None}, {}, "ELIGIBLE", []),
    "K18-03": (K18, {"offense": "PL 221.15", "original_charge": None}, {}, "ELIGIBLE", []),
    "K18-04 221.10": (K18, {"offense": "PL 110/221.10(1)"}, {}, "NEEDS_REVIEW", []),
    "K18-04 221.15": (K18, {"offense": "PL 221.15", "attempt": True, "original_charge": None}, {},
                      "NEEDS_REVIEW", []),
    "K18-05 221.35": (K18, {"offense": "PL 221.35", "original_charge": None}, {}, "NEEDS_REVIEW", []),
    "K18-05 221.40": (K18, {"offense": "PL 221.40", "original_charge": None}, {}, "NEEDS_REVIEW", []),
    "K18-06 221.20": (K18, {"offense": "PL 221.20", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-06 221.25": (K18, {"offense": "PL 221.25", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-06 221.30": (K18, {"offense": "PL 221.30", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-06 221.45": (K18, {"offense": "PL 221.45", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-06 221.50": (K18, {"offense": "PL 221.50", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-06 221.55": (K18, {"offense": "PL 221.55", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-07 240.20": (K18, {"offense": "PL 240.20", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-07 220.03": (K18, {"offense": "PL 220.03", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-07 VTL": (K18, {"offense": "VTL 1192(3)", "original_charge": None}, {}, "INELIGIBLE", []),
    "K18-08 queens": (K18, {"docket": "2015QN022318", "county": "queens"}, {}, "INELIGIBLE", []),
    "K18-08 new-york": (K18, {"docket": "CR-000001-16NY", "county": None}, {}, "INELIGIBLE", []),
    "K18-08 nassau": (K18, {"docket": "", "county": "nassau"}, {}, "INELIGIBLE", []),
    "K18-09": (K18, {"docket": "5957/2014", "court": "supreme"}, {}, "NEEDS_REVIEW", ["K18-02"]),
    "K18-10 violent": (K18, {}, {"other_convictions": {"violent_felony": True}}, "INELIGIBLE", ["K18-02"]),
    "K18-10 sex": (K18, {}, {"other_convictions": {"sex_offense": True}}, "INELIGIBLE", ["K18-02"]),
    "K18-11": (K18, {"driving_involved": True}, {}, "INELIGIBLE", ["K18-02"]),
    "K18-12 dismissed": (K18, {"other_counts_dismissed": True}, {}, "NEEDS_REVIEW", ["K18-02"]),
    "K18-12 sale": (K18, {"original_charge": "PL 221.40"}, {}, "NEEDS_REVIEW", ["K18-02"]),
    "K18-12 felony sale": (K18, {"original_charge": "PL 221.55"}, {}, "NEEDS_REVIEW", ["K18-02"]),
    "K18-13": (K18, {}, {"open_case_or_warrant": True}, "NEEDS_REVIEW", ["K18-02"]),
    "NY19-01 221.05": (NY19, {"offense": "PL 221.05", "conviction_date": "2016-03-21"}, {},
                       "RELIEF_BY_STATUTE", ["K18-01"]),
    "NY19-01 221.10": (NY19, {}, {}, "RELIEF_BY_STATUTE", ["K18-02"]),
    "NY19-01 queens": (NY19, {"docket": "2015QN022318", "county": "queens"}, {}, "RELIEF_BY_STATUTE",
                       ["K18-08"]),
    "NY19-02": (NY19, {}, {"immigration_concern": True}, "NEEDS_REVIEW", ["NY19-01", "K18-02", "K18-14"]),
    "MRTA-01 221.05": (MRTA, {"offense": "PL 221.05"}, {}, "RELIEF_BY_STATUTE", ["NY19-01", "K18-01"]),
    "MRTA-01 221.10": (MRTA, {}, {}, "RELIEF_BY_STATUTE", ["NY19-01", "K18-02"]),
    "MRTA-01 221.15": (MRTA, {"offense": "PL 221.15"}, {}, "RELIEF_BY_STATUTE", ["K18-03"]),
    "MRTA-01 221.35": (MRTA, {"offense": "PL 221.35"}, {}, "RELIEF_BY_STATUTE", ["K18-05"]),
    "MRTA-01 221.40": (MRTA, {"offense": "PL 221.40"}, {}, "RELIEF_BY_STATUTE", ["K18-05"]),
    "MRTA-01 bronx": (MRTA, {"docket": "2015BX022318", "county": None, "offense": "PL 221.15"}, {},
                      "RELIEF_BY_STATUTE", ["K18-08"]),
    "MRTA-02": (MRTA, {"offense": "PL 221.20"}, {}, "RELIEF_BY_STATUTE", ["K18-06"]),
    "MRTA-03 221.25": (MRTA, {"offense": "PL 221.25"}, {}, "NEEDS_REVIEW", ["K18-06"]),
    "MRTA-03 221.30": (MRTA, {"offense": "PL 221.30"}, {}, "NEEDS_REVIEW", ["K18-06"]),
    "MRTA-03 221.45": (MRTA, {"offense": "PL 221.45"}, {}, "NEEDS_REVIEW", ["K18-06"]),
    "MRTA-03 221.50": (MRTA, {"offense": "PL 221.50"}, {}, "NEEDS_REVIEW", ["K18-06"]),
    "MRTA-03 221.55": (MRTA, {"offense": "PL 221.55"}, {}, "NEEDS_REVIEW", ["K18-06"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_rule_decides_its_case(engine_db, case):
    as_of, conv, app, outcome, also = CASES[case]
    det = evaluate(engine_db, as_of, conviction_dict(**conv), **app)
    rule = case.split()[0]
    assert det.outcome == outcome, det.rules
    assert det.rules[0] == rule
    assert det.hits[0].deciding and not any(h.deciding for h in det.hits[1:])
    for r in also:
        assert r in det.rules[1:]
    assert len(det.rules) == len(set(det.rules))
    assert len(det.reasons) == len(det.rules) and all(det.reasons)


def test_every_shipped_rule_has_a_case():
    """A rule added to a pack without a case here makes this test fail."""
    advisories = {"K18-14", "K18-15", "K18-16", "K18-17"}  # see test_advisories_*, tests/core/papers/test_truth.py
    shipped = {r.id for p in load_packs() for r in p.rules}
    covered = {c.split()[0] for c in CASES} | advisories
    assert shipped == covered


def test_domain_rule_ids_and_outcomes_are_shipped():
    want = {
        "K18-01": "ELIGIBLE", "K18-02": "ELIGIBLE", "K18-03": "ELIGIBLE", "K18-04": "NEEDS_REVIEW",
        "K18-05": "NEEDS_REVIEW", "K18-06": "INELIGIBLE", "K18-07": "INELIGIBLE", "K18-08": "INELIGIBLE",
        "K18-09": "NEEDS_REVIEW", "K18-10": "INELIGIBLE", "K18-11": "INELIGIBLE", "K18-12": "NEEDS_REVIEW",
        "K18-13": "NEEDS_REVIEW", "K18-14": "ADVISORY", "NY19-01": "RELIEF_BY_STATUTE",
        "NY19-02": "NEEDS_REVIEW", "MRTA-01": "RELIEF_BY_STATUTE", "MRTA-02": "RELIEF_BY_STATUTE",
        "MRTA-03": "NEEDS_REVIEW",
    }
    got = {r.id: r.outcome for p in load_packs() for r in p.rules}
    assert {k: got.get(k) for k in want} == want
    packs = {p.id: p for p in load_packs()}
    assert set(packs) == {"kings-2018-consent", "ny-2019-decrim", "ny-mrta-2021"}
    assert (packs["kings-2018-consent"].effective_from, packs["ny-2019-decrim"].effective_from,
            packs["ny-mrta-2021"].effective_from) == ("2018-09-07", "2019-08-28", "2021-03-31")
    assert packs["kings-2018-consent"].counties == ["kings"]
    assert packs["ny-2019-decrim"].statewide and packs["ny-mrta-2021"].statewide


# --- precedence across packs and dates ---------------------------------------------------------

@pytest.mark.parametrize(("as_of", "offense", "conviction_date", "outcome", "rule"), [
    ("2018-09-21", "PL 221.10(1)", "2016-03-21", "ELIGIBLE", "K18-02"),
    ("2018-09-07", "PL 221.10(1)", "2016-03-21", "ELIGIBLE", "K18-02"),   # first day in force
    ("2018-09-06", "PL 221.10(1)", "2016-03-21", "INELIGIBLE", "NO-RULE"),
    ("2017-01-01", "PL 221.05", "2016-03-21", "INELIGIBLE", "NO-RULE"),
    ("2019-08-27", "PL 221.10(1)", "2016-03-21", "ELIGIBLE", "K18-02"),
    ("2019-08-28", "PL 221.10(1)", "2016-03-21", "RELIEF_BY_STATUTE", "NY19-01"),
    ("2019-09-01", "PL 221.10(1)", "2016-03-21", "RELIEF_BY_STATUTE", "NY19-01"),
    ("2019-09-01", "PL 221.05", "2019-08-27", "RELIEF_BY_STATUTE", "NY19-01"),
    ("2019-09-01", "PL 221.05", "2019-08-28", "ELIGIBLE", "K18-01"),       # convicted on the day: not before
    ("2019-09-01", "PL 221.15", "2016-03-21", "ELIGIBLE", "K18-03"),       # NY19 does not cover 221.15
    ("2019-09-01", "PL 221.35", "2016-03-21", "NEEDS_REVIEW", "K18-05"),
    ("2021-03-30", "PL 221.15", "2016-03-21", "ELIGIBLE", "K18-03"),
    ("2021-03-31", "PL 221.15", "2016-03-21", "RELIEF_BY_STATUTE", "MRTA-01"),
    ("2021-06-01", "PL 221.10(1)", "2016-03-21", "RELIEF_BY_STATUTE", "MRTA-01"),
    ("2021-06-01", "PL 221.15", "2021-03-31", "ELIGIBLE", "K18-03"),       # after the MRTA cut-off
    ("2021-06-01", "PL 221.10(2)", "2020-01-10", "RELIEF_BY_STATUTE", "MRTA-01"),
    ("2021-06-01", "PL 240.20", "2016-03-21", "INELIGIBLE", "K18-07"),
])
def test_pack_precedence_across_as_of_dates(engine_db, as_of, offense, conviction_date, outcome, rule):
    conv = conviction_dict(offense=offense, conviction_date=conviction_date, arrest_date=None,
                           original_charge=None)
    det = evaluate(engine_db, as_of, conv)
    assert (det.outcome, det.rules[0]) == (outcome, rule), det.rules
    assert det.as_of.isoformat() == as_of


def test_packs_recorded_are_those_in_force(engine_db):
    ids = {"2018-09-21": ["kings-2018-consent"],
           "2019-09-01": ["ny-2019-decrim", "kings-2018-consent"],
           "2021-06-01": ["ny-mrta-2021", "ny-2019-decrim", "kings-2018-consent"],
           "2018-01-01": []}
    hashes = {p.id: p.hash for p in load_packs()}
    for as_of, want in ids.items():
        det = evaluate(engine_db, as_of)
        assert [p.id for p in det.packs] == want
        assert all(p.hash == hashes[p.id] and len(p.hash) == 64 for p in det.packs)


def test_later_pack_decides_and_earlier_matches_follow(engine_db):
    det = evaluate(engine_db, MRTA, conviction_dict(), immigration_concern=True)
    assert det.rules == ["MRTA-01", "NY19-02", "NY19-01", "K18-02", "K18-14"]
    assert det.deciding_pack == "ny-mrta-2021"
    assert [h.pack_id for h in det.hits] == ["ny-mrta-2021", "ny-2019-decrim", "ny-2019-decrim",
                                            "kings-2018-consent", "kings-2018-consent"]


def test_no_rule_says_so(engine_db):
    det = evaluate(engine_db, "2018-01-01")
    assert det.outcome == "INELIGIBLE" and det.rules == ["NO-RULE"]
    assert "No rule in force" in det.reasons[0]
    assert det.deciding_pack == ""


# --- inside a pack ------------------------------------------------------------------------------

def test_inside_a_pack_most_restrictive_wins(engine_db):
    # INELIGIBLE (K18-11, K18-10) over NEEDS_REVIEW (K18-13, K18-12, K18-09) over ELIGIBLE (K18-02)
    conv = conviction_dict(docket="5957/2014", court="supreme", driving_involved=True,
                           other_counts_dismissed=True)
    det = evaluate(engine_db, K18, conv, open_case_or_warrant=True,
                   other_convictions={"violent_felony": True})
    assert det.outcome == "INELIGIBLE"
    assert det.rules == ["K18-10", "K18-11", "K18-09", "K18-12", "K18-13", "K18-02"]
    det = evaluate(engine_db, K18, conviction_dict(other_counts_dismissed=True), open_case_or_warrant=True)
    assert (det.outcome, det.rules) == ("NEEDS_REVIEW", ["K18-12", "K18-13", "K18-02"])
    det = evaluate(engine_db, NY19, conviction_dict(), immigration_concern=True)
    assert (det.outcome, det.rules[:2]) == ("NEEDS_REVIEW", ["NY19-02", "NY19-01"])


def test_outside_rules_only_apply_outside_the_pack_counties(engine_db):
    det = evaluate(engine_db, K18, conviction_dict(docket="2015QN022318", county="queens",
                                                   driving_involved=True), immigration_concern=True)
    assert det.rules == ["K18-08"]  # Kings-only rules, advisories included, stay silent
    det = evaluate(engine_db, K18)
    assert "K18-08" not in det.rules


# --- advisories ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("conv", "app", "advisory"), [
    ({}, {"immigration_concern": True}, "K18-14"),
    ({"docket_source": "memory"}, {}, "K18-15"),
    ({"docket": "", "docket_source": None}, {}, "K18-15"),
    ({"sentence_complete": False}, {}, "K18-16"),
    ({"fines_owed": True}, {}, "K18-16"),
])
def test_advisories_add_text_but_never_change_the_outcome(engine_db, conv, app, advisory):
    base = evaluate(engine_db, K18)
    det = evaluate(engine_db, K18, conviction_dict(**conv), **app)
    assert det.outcome == base.outcome == "ELIGIBLE"
    assert det.rules[0] == "K18-02" and det.rules[-1] == advisory
    reason = det.reasons[det.rules.index(advisory)]
    assert reason in det.advisories
    assert not det.hits[det.rules.index(advisory)].deciding


def test_advisories_follow_every_deciding_match(engine_db):
    det = evaluate(engine_db, K18, conviction_dict(offense="PL 221.20", original_charge=None,
                                                   docket_source="memory", fines_owed=True),
                   immigration_concern=True)
    assert det.outcome == "INELIGIBLE"
    assert det.rules == ["K18-06", "K18-14", "K18-15", "K18-16"]


def test_advisories_alone_never_decide(tmp_path):
    """A later pack whose only match is an advisory leaves the decision to the earlier pack."""
    (tmp_path / "test-pack.toml").write_text(_pack_text(), encoding="utf-8")
    (tmp_path / "later-pack.toml").write_text(_pack_text(
        pack='[pack]\nid = "later-pack"\neffective_from = "2021-01-01"\ncounties = ["*"]\n',
        rules='[[rules]]\nid = "L-01"\noutcome = "ADVISORY"\nwhen = ["article:221"]\nreason = "advice"\n'),
        encoding="utf-8")
    db = open_db(":memory:")
    store.load_rule_packs(db, load_packs(tmp_path))
    det = evaluate(db, "2021-06-01", conviction_dict(offense="PL 221.05"))
    assert (det.outcome, det.rules) == ("ELIGIBLE", ["T-01", "L-01"])
    assert det.deciding_pack == "test-pack"
    det = evaluate(db, "2021-06-01", conviction_dict(offense="PL 221.15"))
    assert (det.outcome, det.rules) == ("INELIGIBLE", ["NO-RULE", "L-01"])


# --- parsing rule packs -------------------------------------------------------------------------

def _pack_text(pack: str = "", rules: str | None = None) -> str:
    head = pack or ('[pack]\nid = "test-pack"\ntitle = "Test"\neffective_from = "2020-01-01"\n'
                    'counties = ["kings"]\n')
    body = rules if rules is not None else ('[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\n'
                                            'when = ["offense:221.05"]\nreason = "ok"\n')
    return head + "\n" + body


def test_a_well_formed_pack_parses():
    p = parse_pack(_pack_text(), "test.toml")
    assert (p.id, p.effective_from, p.counties, len(p.rules)) == ("test-pack", "2020-01-01", ["kings"], 1)
    r = p.rules[0]
    assert (r.id, r.outcome, r.reason, r.scope, r.convicted_before) == ("T-01", "ELIGIBLE", "ok", "inside", "")
    assert [c.tokens for c in r.conditions] == [["offense:221.05"]]


@pytest.mark.parametrize(("text", "words"), [
    ("this is [not toml", "not valid TOML"),
    ('title = "no pack table"', "missing the [pack] table"),
    (_pack_text(pack='[pack]\nid = "Bad Id"\neffective_from = "2020-01-01"\ncounties = ["kings"]\n'),
     "id must be lowercase"),
    (_pack_text(pack='[pack]\nid = "p"\neffective_from = "2020-01-01"\ncounties = ["kings"]\n'), "id must be"),
    (_pack_text(pack='[pack]\nid = "test-pack"\ncounties = ["kings"]\n'), "effective_from"),
    (_pack_text(pack='[pack]\nid = "test-pack"\neffective_from = "2020-13-01"\ncounties = ["kings"]\n'),
     "is not a date"),
    (_pack_text(pack='[pack]\nid = "test-pack"\neffective_from = "2020-01-01"\ncounties = []\n'), "counties"),
    (_pack_text(rules=""), "at least one [[rules]]"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nwhen = ["offense:221.05"]\n'),
     "T-01: a reason text is required"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "MAYBE"\nwhen = []\nreason = "r"\n'),
     "T-01: outcome must be one of"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nwhen = ["colour:blue"]\nreason = "r"\n'),
     "T-01: 'colour:blue' is not a fact the engine knows"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nwhen = ["offense:221.05|tall"]\n'
                      'reason = "r"\n'), "'tall' is not a fact"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nwhen = ["not attempt|fines_owed"]\n'
                      'reason = "r"\n'), "'not' takes one fact"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nwhen = "attempt"\nreason = "r"\n'),
     "'when' must be a list"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nwhen = [""]\nreason = "r"\n'),
     "non-empty string"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nscope = "everywhere"\nreason = "r"\n'),
     "scope must be inside or outside"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nreason = "r"\n'
                      'convicted_before = "soon"\n'), "'soon' is not a date"),
    (_pack_text(rules='[[rules]]\noutcome = "ELIGIBLE"\nreason = "r"\n'), "rule 1 needs an id"),
    (_pack_text(rules='[[rules]]\nid = "T-01"\noutcome = "ELIGIBLE"\nreason = "r"\n'
                      '[[rules]]\nid = "T-01"\noutcome = "INELIGIBLE"\nreason = "s"\n'), "T-01: duplicate rule id"),
])
def test_rule_pack_errors_are_clear(text, words):
    with pytest.raises(RulePackError) as e:
        parse_pack(text, "test.toml")
    assert str(e.value).startswith("test.toml")
    assert words in str(e.value)


def test_pack_file_name_must_equal_its_id(tmp_path):
    path = tmp_path / "other-name.toml"
    path.write_text(_pack_text(), encoding="utf-8")
    with pytest.raises(RulePackError, match="file name must equal the pack id"):
        load_pack_file(path)


def test_rule_ids_must_be_unique_across_packs(tmp_path):
    (tmp_path / "test-pack.toml").write_text(_pack_text(), encoding="utf-8")
    (tmp_path / "second-pack.toml").write_text(
        _pack_text(pack='[pack]\nid = "second-pack"\neffective_from = "2021-01-01"\ncounties = ["*"]\n'),
        encoding="utf-8")
    with pytest.raises(RulePackError, match="rule ids used in two packs: T-01"):
        load_packs(tmp_path)


def test_unreadable_pack_file(tmp_path):
    path = tmp_path / "test-pack.toml"
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(RulePackError, match="cannot be read"):
        load_pack_file(path)


def test_pack_hash_changes_with_the_file(tmp_path):
    path = tmp_path / "test-pack.toml"
    path.write_text(_pack_text(), encoding="utf-8")
    first = load_pack_file(path).hash
    path.write_text(_pack_text() + "\n# edited\n", encoding="utf-8")
    assert load_pack_file(path).hash != first and len(first) == 64


def test_packs_load_oldest_first():
    assert [p.id for p in load_packs()] == ["kings-2018-consent", "ny-2019-decrim", "ny-mrta-2021"]
