"""`kiosk rules explain`: a person reads, for each conviction, the rules that matched, ranked,
and why the first decides; the command agrees with `kiosk evaluate` and prints no personal data."""

from __future__ import annotations

import json

from tests.core.cli_support import one_line_error, run
from tests.core.conftest import EXAMPLES, applicant_dict, conviction_dict, write_json

MIXED = EXAMPLES / "mixed-three-convictions.json"


def test_explain_ranks_each_conviction_and_names_the_winner(capsys):
    code, out, err = run(capsys, "rules", "explain", MIXED, "--as-of", "2018-09-21")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "as of 2018-09-21"
    assert "conviction 1: PL 221.05, convicted 2015-01-10: ELIGIBLE by K18-01 (kings-2018-consent)" in lines
    assert "conviction 3: PL 221.20, convicted 2009-02-03: INELIGIBLE by K18-06 (kings-2018-consent)" in lines
    first = lines.index("conviction 1: PL 221.05, convicted 2015-01-10: ELIGIBLE by K18-01 (kings-2018-consent)")
    assert lines[first + 1].split() == ["rank", "pack", "in", "force", "rule", "outcome", "why"]
    assert lines[first + 2].split()[:5] == ["1", "kings-2018-consent", "2018-09-07", "K18-01", "ELIGIBLE"]
    assert lines[first + 2].endswith("decides: the only rule in force that matched")
    assert lines[first + 3].endswith("advisory: adds a reason, never decides")


def test_explain_says_why_a_later_pack_wins(capsys):
    code, out, _ = run(capsys, "rules", "explain", MIXED, "--as-of", "2024-05-01")
    assert code == 0
    block = out.split("\n\n")[1].splitlines()
    assert block[0].endswith("RELIEF_BY_STATUTE by MRTA-01 (ny-mrta-2021)")
    assert block[2].endswith("decides: its pack is the latest in force (since 2021-03-31)")
    ranked = [row.split()[3] for row in block[2:]]
    assert ranked[:4] == ["MRTA-01", "NY19-02", "NY19-01", "K18-01"]
    assert "less restrictive than NY19-02 (NEEDS_REVIEW) in the same pack" in block[4]
    assert "its pack came into force earlier (2018-09-07) than ny-2019-decrim (2019-08-28)" in block[5]


def test_explain_agrees_with_evaluate(capsys):
    _, out, _ = run(capsys, "evaluate", MIXED, "--as-of", "2024-05-01")
    evaluated = json.loads(out)["convictions"]
    _, out, _ = run(capsys, "rules", "explain", MIXED, "--as-of", "2024-05-01")
    blocks = out.split("\n\n")[1:]
    for conv, block in zip(evaluated, blocks, strict=True):
        rows = block.splitlines()[2:]
        assert [r.split()[3] for r in rows] == conv["rules"]
        assert block.splitlines()[0].endswith(f"{conv['engine_outcome']} by {conv['rules'][0]} "
                                              f"({conv['deciding_pack']})")


def test_explain_prints_no_personal_data(capsys, tmp_path):
    raw = applicant_dict(convictions=[conviction_dict(docket="2016KN074376")])
    path = write_json(tmp_path / "a.json", raw)
    code, out, _ = run(capsys, "rules", "explain", path, "--as-of", "2018-09-21")
    assert code == 0
    for value in (raw["first_name"], raw["last_name"], "2016KN074376", raw["date_of_birth"], "Main St"):
        assert value not in out


def test_explain_bad_input_is_one_line_exit_2(capsys, tmp_path):
    bad = write_json(tmp_path / "bad.json", applicant_dict(date_of_birth="1980-13-02"))
    code, out, err = run(capsys, "rules", "explain", bad)
    assert code == 2 and out == ""
    assert one_line_error(err) == "error: bad.json: date_of_birth: is not a real calendar date"
    code, _, err = run(capsys, "rules", "explain", MIXED, "--as-of", "21/09/2018")
    assert code == 2 and "--as-of" in one_line_error(err)
