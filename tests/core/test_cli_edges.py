"""The command line's sharp edges: a missing self-test folder, CSV header mistakes and an unknown
rule id each get one clear line (a mistyped --db and files saved by Windows tools: test_cli_db.py,
test_cli_files.py)."""

from __future__ import annotations

from tests.core.cli_support import one_line_error, run
from tests.core.conftest import EXAMPLES

ELIGIBLE = EXAMPLES / "eligible-221-10-1.json"




# --- CSV extracts -------------------------------------------------------------------------------

def test_a_csv_header_error_names_the_file(capsys, tmp_path):
    src = tmp_path / "extract.csv"
    src.write_text("record_id,docket\n1,2016KN074376\n", encoding="utf-8")
    code, _, err = run(capsys, "screen", src, "--out", tmp_path / "out.csv", "--quiet")
    assert code == 2 and one_line_error(err).startswith("error: extract.csv: header: needs at least the columns")


def test_a_semicolon_separated_csv_gets_a_hint(capsys, tmp_path):
    src = tmp_path / "excel.csv"
    src.write_text("record_id;docket;offense;conviction_date\n1;2016KN074376;PL 221.10(1);2016-05-02\n",
                   encoding="utf-8-sig")
    code, _, err = run(capsys, "screen", src, "--out", tmp_path / "out.csv", "--quiet")
    line = one_line_error(err)
    assert code == 2 and line.startswith("error: excel.csv: header: ") and "semicolons" in line
    assert not (tmp_path / "out.csv").exists()


# --- rules ----------------------------------------------------------------------------------------

def test_an_unknown_rule_or_pack_id_is_named_as_typed(capsys):
    code, _, err = run(capsys, "rules", "show", "K99-99")
    assert code == 1 and one_line_error(err) == "error: no pack or rule with id 'K99-99' (see `kiosk rules list`)"

