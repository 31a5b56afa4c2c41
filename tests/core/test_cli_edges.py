"""The command line's sharp edges: a mistyped --db, files saved by Windows tools, a missing
self-test folder, CSV header mistakes and an unknown rule id each get one clear line."""

from __future__ import annotations

import json

from kiosk import services, store
from tests.core.conftest import EXAMPLES
from tests.core.test_cli import one_line_error, run

ELIGIBLE = EXAMPLES / "eligible-221-10-1.json"


# --- a database that is not there -------------------------------------------------------------

def test_reading_commands_refuse_a_missing_database_naming_it_and_create_nothing(capsys, tmp_path):
    missing = tmp_path / "kisok.db"  # a typo of kiosk.db
    for args in (["evaluate", ELIGIBLE, "--db", missing],
                 ["motion", "--db", missing, "--applicant", "BA-AAAAAA", "--out", tmp_path / "p"],
                 ["motion", ELIGIBLE, "--db", missing, "--out", tmp_path / "p"],
                 ["rules", "list", "--db", missing],
                 ["laptop", "key", "--db", missing],
                 ["laptop", "status", "--db", missing],
                 ["export", "--db", missing, "--out", tmp_path / "x.sync"],
                 ["purge", "--db", missing, "--exported"]):
        code, out, err = run(capsys, *args)
        line = one_line_error(err)
        assert code == 2 and out == "", args
        assert line.startswith("error: --db: no database at ") and str(missing) in line, (args, line)
        assert not missing.exists(), args
        assert list(tmp_path.iterdir()) == [], args


def test_evaluate_with_an_existing_database_uses_its_event_day(capsys, tmp_path):
    db_path = tmp_path / "kiosk.db"
    services.ensure_demo_event(services.open_kiosk(str(db_path)))
    code, out, _ = run(capsys, "evaluate", ELIGIBLE, "--db", db_path)
    assert code == 0 and json.loads(out)["as_of"] == "2018-09-21"


def test_intake_creates_a_missing_database_and_says_so_in_one_line(capsys, tmp_path):
    db_path = tmp_path / "new" / "kiosk.db"
    code, out, err = run(capsys, "intake", ELIGIBLE, "--db", db_path)
    assert code == 0 and out.startswith(tuple("0123456789abcdef"))
    assert err.strip().splitlines() == [f"kiosk: creating a new database at {db_path}"]
    assert store.counts(services.open_kiosk(str(db_path)))["applicants"] == 1
    code, _, err = run(capsys, "intake", ELIGIBLE, "--db", db_path)  # the second time: nothing to say
    assert code == 0 and err == ""


# --- applicant files saved by other tools -----------------------------------------------------

def test_an_applicant_file_with_a_utf8_byte_order_mark_is_read(capsys, tmp_path):
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + ELIGIBLE.read_bytes())
    code, out, err = run(capsys, "evaluate", path, "--as-of", "2018-09-21")
    assert code == 0, err
    assert json.loads(out)["convictions"][0]["outcome"] == "ELIGIBLE"


def test_an_empty_applicant_file_is_said_to_be_empty(capsys, tmp_path):
    for content in (b"", b"  \r\n", b"\xef\xbb\xbf"):
        path = tmp_path / "empty.json"
        path.write_bytes(content)
        code, _, err = run(capsys, "evaluate", path)
        assert code == 2 and one_line_error(err).startswith("error: empty.json: is empty"), content


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

