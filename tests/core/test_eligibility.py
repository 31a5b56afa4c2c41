"""The set-based SQL evaluation equals a plain-Python reading of the same rule files (the oracle
of tests/core/eligibility_support.py, which shares no code with kiosk.rules or kiosk.eligibility)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from kiosk import eligibility, services, store
from kiosk.models import Applicant, Conviction
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict, conviction_dict
from tests.core.eligibility_support import facts_of, oracle, read_packs

# --- random records -----------------------------------------------------------------------------

OFFENSES = ["PL 221.05", "PL 221.10", "PL 221.10(1)", "PL 221.10(2)", "PL 221.15", "PL 221.20",
            "PL 221.25", "PL 221.30", "PL 221.35", "PL 221.40", "PL 221.45", "PL 221.50", "PL 221.55",
            "PL 110/221.10(1)", "PL 110/221.15", "PL 110/221.05", "PL 110/221.35", "PL 240.20",
            "PL 220.03", "PL 240.36", "VTL 1192(3)", "PL 110/221.20"]
ORIGINALS = ["", "", "", "PL 221.10(1)", "PL 221.35", "PL 221.40", "PL 221.45", "PL 221.55", "PL 220.39",
             "PL 110/221.40", "VTL 1192(2)"]
COUNTY_DOCKETS = {"kings": "KN", "queens": "QN", "new-york": "NY", "bronx": "BX", "richmond": "RI",
                  "nassau": "", "westchester": ""}
EDGE_DATES = ["2019-08-27", "2019-08-28", "2019-08-29", "2021-03-30", "2021-03-31", "2021-04-01",
              "2018-09-06", "2018-09-07"]
AS_OF = [date(2018, 9, 6), date(2018, 9, 21), date(2019, 8, 28), date(2019, 9, 1), date(2020, 6, 1),
         date(2021, 3, 31), date(2021, 6, 1), date(2024, 5, 1)]


def random_record(rng: random.Random) -> dict:
    county = rng.choice(list(COUNTY_DOCKETS))
    if rng.random() < 0.3:
        conv_date = rng.choice(EDGE_DATES)
    else:
        conv_date = (date(1990, 1, 1) + timedelta(days=rng.randrange(12_000))).isoformat()
    year = conv_date[:4]
    court = "supreme" if rng.random() < 0.15 else "criminal"
    code = COUNTY_DOCKETS[county]
    if rng.random() < 0.2:
        docket = rng.choice(["", "unknown"])
    elif court == "supreme":
        docket = f"{rng.randrange(1, 9999)}/{year}"
    elif code:
        docket = f"{year}{code}{rng.randrange(10**6):06d}"
    else:
        docket = ""
    def flag(p: float) -> bool:
        return rng.random() < p

    offense = rng.choice(OFFENSES)
    return applicant_dict(
        date_of_birth="1960-01-01",
        other_convictions={"violent_felony": flag(0.07), "sex_offense": flag(0.05)},
        open_case_or_warrant=flag(0.1), immigration_concern=flag(0.15),
        convictions=[conviction_dict(
            court=court, county=county, docket=docket, docket_source=rng.choice(["document", "memory", None]),
            offense=offense, attempt=offense.startswith("PL") and flag(0.05), arrest_date=None,
            conviction_date=conv_date,
            original_charge=rng.choice(ORIGINALS) or None,
            sentence_complete=rng.choice([True] * 8 + [False, None]),
            fines_owed=rng.choice([False] * 8 + [True, None]), other_counts_dismissed=flag(0.1),
            driving_involved=flag(0.07))])


@pytest.fixture(scope="module")
def records() -> list[tuple[Applicant, Conviction]]:
    rng = random.Random(20180921)
    out = []
    for _ in range(3000):
        a = parse_applicant(random_record(rng), today=date(2024, 12, 31))
        out.append((a, a.convictions[0]))
    return out


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_sql_equals_the_plain_python_reading(engine_db, records, as_of):
    packs = read_packs()
    dets = eligibility.evaluate_many(engine_db, records, as_of)
    assert len(dets) == len(records)
    seen = set()
    for (a, c), det in zip(records, dets, strict=True):
        want = oracle(packs, a, c, as_of)
        assert (det.outcome, det.rules) == want, (c.offense, c.county, c.court, c.conviction_date,
                                                   sorted(facts_of(a, c)))
        assert det.as_of == as_of
        seen.add(det.outcome)
    if as_of >= date(2021, 3, 31):
        assert seen == {"ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE", "RELIEF_BY_STATUTE"}


def test_oracle_cases_cover_every_rule(engine_db, records):
    fired = set()
    for as_of in AS_OF:
        for det in eligibility.evaluate_many(engine_db, records, as_of):
            fired.update(det.rules)
    every = {r["id"] for p in read_packs() for r in p["rules"]} | {"NO-RULE"}
    assert fired == every


def test_one_at_a_time_equals_the_batch(engine_db, records):
    as_of = date(2021, 6, 1)
    batch = eligibility.evaluate_many(engine_db, records[:300], as_of)
    for (a, c), det in zip(records[:300], batch, strict=True):
        single = eligibility.evaluate_many(engine_db, [(a, c)], as_of)[0]
        assert (single.outcome, single.rules, single.reasons) == (det.outcome, det.rules, det.reasons)


def test_batch_determinations_are_independent_objects(engine_db, records):
    dets = eligibility.evaluate_many(engine_db, records[:50] * 2, date(2018, 9, 21))
    dets[0].hits[0].reason = "changed"
    dets[0].packs.clear()
    assert dets[50].hits[0].reason != "changed" and dets[50].packs


def test_applicant_convictions_keep_input_order(engine_db):
    convs = [conviction_dict(offense="PL 221.20", original_charge=None),
             conviction_dict(docket="2015QN022318", county="queens"),
             conviction_dict(offense="PL 221.05")]
    a = parse_applicant(applicant_dict(convictions=convs))
    dets = eligibility.evaluate_applicant(engine_db, a, date(2018, 9, 21))
    assert [d.rules[0] for d in dets] == ["K18-06", "K18-08", "K18-01"]


def test_determination_is_stored_with_packs_rules_reasons_and_as_of(db):
    applicant, dets = services.intake(db, applicant_dict(immigration_concern=True), as_of=date(2019, 9, 1))
    stored = store.get_determinations(db, applicant.id)
    d = stored[applicant.convictions[0].id]
    assert d.outcome == "NEEDS_REVIEW" and d.as_of == date(2019, 9, 1)
    assert d.rules == ["NY19-02", "NY19-01", "K18-02", "K18-14"] == dets[0].rules
    assert d.reasons == dets[0].reasons and d.hits[0].deciding
    hashes = {r["id"]: r["hash"] for r in store.list_packs(db)}
    assert [(p.id, p.hash) for p in d.packs] == [("ny-2019-decrim", hashes["ny-2019-decrim"]),
                                                 ("kings-2018-consent", hashes["kings-2018-consent"])]
    assert d.app_version


# --- which rule decides: the precedence, table by table --------------------------------------------

def _m(rule: str, pack: str, since: str, outcome: str, position: int = 0) -> eligibility.Match:
    return eligibility.Match(rule_id=rule, pack_id=pack, outcome=outcome, reason="", pack_from=since,
                             position=position)


# (what the row shows, the matches in any order, the rule ids in precedence order, why the winner won)
PRECEDENCE_TABLE = [
    ("the pack in force since the latest date decides, whatever its outcome",
     [_m("K18-06", "kings-2018-consent", "2018-09-07", "INELIGIBLE"),
      _m("MRTA-01", "ny-mrta-2021", "2021-03-31", "RELIEF_BY_STATUTE")],
     ["MRTA-01", "K18-06"], "its pack is the latest in force"),
    ("inside one pack the most restrictive outcome decides",
     [_m("K18-03", "kings-2018-consent", "2018-09-07", "ELIGIBLE", 2),
      _m("K18-09", "kings-2018-consent", "2018-09-07", "NEEDS_REVIEW", 8),
      _m("K18-06", "kings-2018-consent", "2018-09-07", "INELIGIBLE", 5)],
     ["K18-06", "K18-09", "K18-03"], "the most restrictive outcome in its pack"),
    ("equal outcomes in one pack: the rule written first decides",
     [_m("NY19-01", "ny-2019-decrim", "2019-08-28", "RELIEF_BY_STATUTE", 0),
      _m("NY19-03", "ny-2019-decrim", "2019-08-28", "ELIGIBLE", 2)],
     ["NY19-01", "NY19-03"], "written first in its pack file"),
    ("an advisory never decides, even from the latest pack",
     [_m("MRTA-09", "ny-mrta-2021", "2021-03-31", "ADVISORY"),
      _m("K18-01", "kings-2018-consent", "2018-09-07", "ELIGIBLE")],
     ["K18-01", "MRTA-09"], "the only rule in force that matched"),
    ("two packs starting the same day: the first by id decides",
     [_m("B-01", "b-pack", "2020-01-01", "INELIGIBLE"), _m("A-01", "a-pack", "2020-01-01", "ELIGIBLE")],
     ["A-01", "B-01"], "comes first by id"),
]


@pytest.mark.parametrize("shows, matches, order, why", PRECEDENCE_TABLE, ids=[r[0] for r in PRECEDENCE_TABLE])
def test_precedence_table(shows, matches, order, why):
    for arrangement in (matches, matches[::-1]):
        ranked = eligibility.rank(arrangement)
        assert [m.rule_id for m in ranked] == order, shows
        below = ranked[1] if len(ranked) > 1 else None
        assert why in eligibility.why_ranked(ranked[0], None, below), shows
    for above, m in zip(ranked, ranked[1:], strict=False):
        assert eligibility.why_ranked(m, above) and not eligibility.why_ranked(m, above).startswith("decides")


# (conviction, as of, (pack, rule) of every match in precedence order, the outcome)
SHIPPED_TABLE = [
    ({"offense": "PL 221.05", "docket": "2015KN001234", "conviction_date": "2015-01-10",
      "original_charge": "", "arrest_date": ""}, "2018-09-21",
     [("kings-2018-consent", "K18-01")], "ELIGIBLE"),
    ({"offense": "PL 221.05", "docket": "2015KN001234", "conviction_date": "2015-01-10",
      "original_charge": "", "arrest_date": ""}, "2024-05-01",
     [("ny-mrta-2021", "MRTA-01"), ("ny-2019-decrim", "NY19-01"), ("kings-2018-consent", "K18-01")],
     "RELIEF_BY_STATUTE"),
    ({"offense": "PL 221.15", "docket": "5957/2014", "court": "supreme", "conviction_date": "2014-11-18",
      "original_charge": "", "arrest_date": ""}, "2018-09-22",
     [("kings-2018-consent", "K18-09"), ("kings-2018-consent", "K18-03")], "NEEDS_REVIEW"),
]


@pytest.mark.parametrize("conviction, as_of, expected, outcome", SHIPPED_TABLE)
def test_shipped_packs_rank_as_the_table_says(engine_db, conviction, as_of, expected, outcome):
    """The packs that matched, in the order the precedence puts them (advisories aside), and the
    determination's outcome and hits follow that order."""
    a = parse_applicant(applicant_dict(convictions=[conviction_dict(**conviction)]))
    ranked = eligibility.explain_applicant(engine_db, a, date.fromisoformat(as_of))[0]
    assert [(m.pack_id, m.rule_id) for m in ranked if not m.advisory] == expected
    assert all(m.advisory for m in ranked[len(expected):])
    det = eligibility.evaluate_applicant(engine_db, a, date.fromisoformat(as_of))[0]
    assert det.outcome == outcome and det.rules == [m.rule_id for m in ranked]
    assert det.hits[0].deciding and det.hits[0].rule_id == expected[0][1]


def test_no_match_is_no_rule_ineligible(engine_db):
    """The day before the first pack came into force nothing matches: NO-RULE decides."""
    a = parse_applicant(applicant_dict())
    ranked = eligibility.explain_applicant(engine_db, a, date(2018, 9, 6))[0]
    det = eligibility.evaluate_applicant(engine_db, a, date(2018, 9, 6))[0]
    assert ranked == []
    assert det.outcome == "INELIGIBLE" and det.rules[0] == eligibility.NO_RULE_ID
