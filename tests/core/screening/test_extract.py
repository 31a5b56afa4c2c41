"""Bulk screening (`kiosk screen`): a seeded 20,000-row extract keeps every row in input order,
good rows get the engine's answer, bad rows get an error naming the column and never stop the run;
--columns mapping, booleans written yes/no/1/0, and missing optional columns."""

from __future__ import annotations

import csv
import json
import random
from datetime import date
from pathlib import Path

import pytest

from kiosk.screening.bulk import screen_file
from kiosk.screening.extract import COLUMNS, RESULT_COLUMNS
from kiosk.validate import parse_applicant
from tests.core.cli_support import one_line_error, run
from tests.core.eligibility_support import oracle, read_packs

AS_OF = date(2019, 9, 1)  # two packs in force, so precedence shows in the extract too
TRUE_WORDS = ["true", "yes", "1", "TRUE", "Yes", "y"]
FALSE_WORDS = ["false", "no", "0", "False", "NO", "n"]
BOOL_COLUMNS = ("violent_felony", "sex_offense", "open_case_or_warrant", "attempt", "sentence_complete",
                "fines_owed", "other_counts_dismissed", "driving_involved")
OFFENSES = ["PL 221.05", "PL 221.10(1)", "PL 221.10(2)", "221.15", "PL 221.20", "PL 221.35", "Penal Law 221.40",
            "PL 221.55", "PL 240.20", "PL 110/221.10"]
BAD = {  # kind of damage → (column named in the error, how to damage the row)
    "docket": ("docket", lambda r: r.update(docket="2016KN12")),
    "date": ("conviction_date", lambda r: r.update(conviction_date="2016-02-30")),
    "offense": ("offense", lambda r: r.update(offense="weed")),
    "bool": ("fines_owed", lambda r: r.update(fines_owed="maybe")),
    "county": ("county", lambda r: r.update(county="queens", docket="2016KN074376")),
}


def make_extract(path: Path, n: int, seed: int) -> list[dict]:
    """Write an extract of n rows; return, per row, what the test expects to see."""
    rng = random.Random(seed)
    expected = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for i in range(n):
            county, code = rng.choice([("kings", "KN")] * 6 + [("queens", "QN"), ("bronx", "BX")])
            year = rng.randrange(1995, 2020)
            conv_date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            flags = {c: rng.random() < (0.8 if c == "sentence_complete" else 0.08) for c in BOOL_COLUMNS}
            offense = rng.choice(OFFENSES)
            row = {
                "record_id": f"R{i:06d}", "first_name": "Ana", "last_name": "Row", "date_of_birth": "1970-01-01",
                "court": "criminal", "county": county if rng.random() < 0.5 else "",
                "docket": f"{year}{code}{rng.randrange(10**6):06d}", "offense": offense,
                "arrest_date": "", "conviction_date": conv_date, "plea": "guilty", "sentence": "time served",
                "original_charge": rng.choice(["", "", "PL 221.40"]),
            }
            for c, v in flags.items():
                if c in ("sentence_complete", "fines_owed") and rng.random() < 0.3:
                    row[c] = ""  # a blank answer is unknown
                    flags[c] = None
                elif not v and c not in ("sentence_complete", "fines_owed") and rng.random() < 0.3:
                    row[c] = ""
                else:
                    row[c] = rng.choice(TRUE_WORDS if v else FALSE_WORDS)
            if "110/" in offense:
                flags["attempt"] = True
            damage = rng.random()
            kind = None
            if damage < 0.05:
                kind = rng.choice(sorted(BAD))
                BAD[kind][1](row)
            values = [row[c] for c in COLUMNS]
            if kind is None and damage < 0.055:
                kind = "short"
                values = values[:-3]
            w.writerow(values)
            expected.append({"record_id": row["record_id"], "kind": kind, "row": row, "flags": flags})
    return expected


def expected_answer(packs, item) -> tuple[str, list[str]]:
    """The same record as an applicant file with real JSON booleans, through the oracle."""
    r, fl = item["row"], item["flags"]
    raw = {"first_name": "Ana", "last_name": "Row", "date_of_birth": "1970-01-01",
           "other_convictions": {"violent_felony": fl["violent_felony"], "sex_offense": fl["sex_offense"]},
           "open_case_or_warrant": fl["open_case_or_warrant"],
           "convictions": [{"court": "criminal", "county": r["county"], "docket": r["docket"],
                            "docket_source": "document", "offense": r["offense"], "attempt": fl["attempt"],
                            "conviction_date": r["conviction_date"], "original_charge": r["original_charge"],
                            "sentence_complete": fl["sentence_complete"], "fines_owed": fl["fines_owed"],
                            "other_counts_dismissed": fl["other_counts_dismissed"],
                            "driving_involved": fl["driving_involved"]}]}
    a = parse_applicant(raw)
    return oracle(packs, a, a.convictions[0], AS_OF)


def read_results(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("screen")
    src, out = tmp / "extract.csv", tmp / "results.csv"
    expected = make_extract(src, 20_000, seed=7)
    summary = screen_file(str(src), str(out), as_of=AS_OF, progress=False)
    header, rows = read_results(out)
    return expected, summary, header, rows


def test_every_row_in_input_order_with_result_columns(screened):
    expected, summary, header, rows = screened
    assert header == list(COLUMNS) + list(RESULT_COLUMNS)
    assert [r["record_id"] for r in rows] == [e["record_id"] for e in expected]
    assert summary.startswith("screened 20000 rows in ")


def test_good_rows_get_the_engines_answer(screened):
    expected, _, _, rows = screened
    packs = read_packs()
    good = [(e, r) for e, r in zip(expected, rows, strict=True) if e["kind"] is None]
    assert len(good) > 18_000
    outcomes = set()
    for e, r in good:
        outcome, rules = expected_answer(packs, e)
        assert (r["error"], r["outcome"], r["rules"]) == ("", outcome, ";".join(rules)), e["record_id"]
        assert len(r["reasons"].split(" | ")) == len(rules)
        outcomes.add(outcome)
    assert outcomes == {"ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE", "RELIEF_BY_STATUTE"}


def test_bad_rows_get_an_error_naming_the_column_and_no_outcome(screened):
    expected, _, _, rows = screened
    kinds = set()
    for e, r in zip(expected, rows, strict=True):
        if e["kind"] is None:
            continue
        kinds.add(e["kind"])
        assert (r["outcome"], r["rules"], r["reasons"]) == ("", "", ""), e
        if e["kind"] == "short":
            assert r["error"].startswith("row: has 18 values where the header has 21")
        else:
            assert r["error"].startswith(BAD[e["kind"]][0] + ": "), (e["kind"], r["error"])
        for v in ("2016KN12", "2016-02-30", "weed", "maybe"):
            assert v not in r["error"]
    assert kinds == set(BAD) | {"short"}


def test_input_columns_are_written_back_unchanged(screened):
    expected, _, _, rows = screened
    for e, r in zip(expected[:2000], rows[:2000], strict=True):
        if e["kind"] is None:
            assert all(r[c] == e["row"][c] for c in COLUMNS)


# --- small extracts -----------------------------------------------------------------------------

def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def screen_small(tmp_path, header, rows, **kw) -> list[dict]:
    src = write_csv(tmp_path / "in.csv", header, rows)
    screen_file(str(src), str(tmp_path / "out.csv"), as_of=date(2018, 9, 21), progress=False, **kw)
    return read_results(tmp_path / "out.csv")[1]


def test_missing_optional_columns_take_their_defaults(tmp_path):
    rows = screen_small(tmp_path, ["docket", "offense", "conviction_date"], [
        ["2016KN074376", "PL 221.10(1)", "2016-03-21"],     # county from the docket, court criminal
        ["2015QN022318", "PL 221.10(1)", "2015-01-01"],
        ["", "PL 221.10(1)", "2016-03-21"],                  # no docket and no county: an error
    ])
    assert [(r["outcome"], r["rules"]) for r in rows[:2]] == [("ELIGIBLE", "K18-02;K18-17"),  # answers unknown
                                                                ("INELIGIBLE", "K18-08")]
    assert rows[2]["outcome"] == "" and rows[2]["error"].startswith("county: ")


@pytest.mark.parametrize(("word", "value"), [("yes", True), ("no", False), ("1", True), ("0", False),
                                             ("true", True), ("false", False), ("", False)])
def test_booleans_in_an_extract(tmp_path, word, value):
    rows = screen_small(tmp_path, ["docket", "offense", "conviction_date", "driving_involved"],
                        [["2016KN074376", "PL 221.10(1)", "2016-03-21", word]])
    assert rows[0]["rules"] == ("K18-11;K18-02;K18-17" if value else "K18-02;K18-17")


def test_blank_answers_are_unknown_never_a_default(tmp_path):
    rows = screen_small(tmp_path, ["docket", "offense", "conviction_date", "sentence_complete", "fines_owed"],
                        [["2016KN074376", "221.10", "2016-03-21", "", "no"],
                         ["2016KN074376", "221.10", "2016-03-21", "no", "no"],
                         ["2016KN074376", "221.10", "2016-03-21", "yes", "no"]])
    assert [r["rules"] for r in rows] == ["K18-02;K18-17", "K18-02;K18-16", "K18-02"]


def test_columns_mapping_inline_and_json(tmp_path):
    header = ["CASE_ID", "DOCKET_NO", "CHARGE", "DISP_DATE", "DWI", "EXTRA"]
    data = [["c1", "2016KN074376", "PL 221.10(1)", "2016-03-21", "Y", "kept"],
            ["c2", "2016KN0", "PL 221.10(1)", "2016-03-21", "N", "kept"]]
    spec = "CASE_ID=record_id,DOCKET_NO=docket,CHARGE=offense,DISP_DATE=conviction_date,DWI=driving_involved"
    rows = screen_small(tmp_path, header, data, columns=spec)
    assert list(rows[0]) == header + list(RESULT_COLUMNS)
    assert (rows[0]["CASE_ID"], rows[0]["EXTRA"], rows[0]["rules"]) == ("c1", "kept", "K18-11;K18-02;K18-17")
    assert rows[1]["outcome"] == "" and rows[1]["error"].startswith("docket: ")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps(dict(p.split("=") for p in spec.split(","))), encoding="utf-8")
    assert screen_small(tmp_path, header, data, columns=str(mapping)) == rows


def test_a_mapping_that_swaps_two_columns(tmp_path):
    """offense=original_charge,CHG=offense: each value is read and written under its own column."""
    for header, data in ((["offense", "CHG", "conviction_date", "docket"],
                          ["PL 221.35", "PL 221.10(1)", "2016-01-01", "2016KN000001"]),
                         (["CHG", "offense", "conviction_date", "docket"],
                          ["PL 221.10(1)", "PL 221.35", "2016-01-01", "2016KN000001"])):
        rows = screen_small(tmp_path, header, [data], columns="offense=original_charge,CHG=offense")
        assert (rows[0]["offense"], rows[0]["CHG"], rows[0]["rules"]) == ("PL 221.35", "PL 221.10(1)",
                                                                          "K18-12;K18-02;K18-17")


@pytest.mark.parametrize(("header", "columns", "words"), [
    (["docket", "offense"], None, "header: needs at least the columns offense and conviction_date"),
    (["offense", "conviction_date", "offense"], None, "names the same column twice"),
    (["offense", "conviction_date"], "offense=colour", "--columns: 'colour' is not one of our columns"),
    (["offense", "conviction_date"], "offense", "--columns: write it as"),
])
def test_bad_header_or_mapping_exits_2(capsys, tmp_path, header, columns, words):
    src = write_csv(tmp_path / "in.csv", header, [["PL 221.05", "2016-01-01", "x"][:len(header)]])
    args = ["screen", src, "--out", tmp_path / "out.csv", "--quiet"] + (["--columns", columns] if columns else [])
    code, _, err = run(capsys, *args)
    assert code == 2 and words in one_line_error(err)
    assert not (tmp_path / "out.csv").exists()


def test_missing_extract_and_empty_extract_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "screen", tmp_path / "none.csv", "--out", tmp_path / "o.csv", "--quiet")
    assert code == 2 and "none.csv: no such file" in one_line_error(err)
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "screen", tmp_path / "empty.csv", "--out", tmp_path / "o.csv", "--quiet")
    assert code == 2 and "the file is empty" in one_line_error(err)


def test_screen_command_writes_and_summarises(capsys, tmp_path):
    src = write_csv(tmp_path / "in.csv", ["record_id", "docket", "offense", "conviction_date"],
                    [["a", "2016KN074376", "221.05", "2016-01-01"], ["b", "bad", "221.05", "2016-01-01"],
                     ["c", "2016KN074376", "221.20", "2016-01-01"]])
    code, out, err = run(capsys, "screen", src, "--out", tmp_path / "o.csv", "--as-of", "2018-09-21")
    assert code == 0, err
    assert "screened 3 rows" in err and "ELIGIBLE 1" in err and "INELIGIBLE 1" in err and "error 1" in err
    rows = read_results(tmp_path / "o.csv")[1]
    assert [(r["record_id"], r["outcome"]) for r in rows] == [("a", "ELIGIBLE"), ("b", ""), ("c", "INELIGIBLE")]


