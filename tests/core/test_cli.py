"""The `kiosk` command line, run in-process through kiosk.cli.main (the real entry point with its
error handling) and, for the exit-code contract, as the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kiosk import services, store
from tests.core.cli_support import one_line_error, run
from tests.core.conftest import EXAMPLES, applicant_dict, conviction_dict, write_json

KIOSK = Path(sys.executable).with_name("kiosk")


# --- evaluate -----------------------------------------------------------------------------------

def test_evaluate_prints_json_in_input_order(capsys, tmp_path):
    convs = [conviction_dict(offense="PL 221.20", original_charge=None),
             conviction_dict(docket="2015QN022318", county="queens"),
             conviction_dict(docket="", docket_source=None, offense="PL 221.05"),
             conviction_dict(docket="5957/2014", court="supreme")]
    path = write_json(tmp_path / "a.json", applicant_dict(convictions=convs))
    code, out, err = run(capsys, "evaluate", path, "--as-of", "2018-09-21")
    assert code == 0, err
    data = json.loads(out)
    assert data["as_of"] == "2018-09-21"
    got = [(c["docket"], c["offense"], c["outcome"], c["rules"][0]) for c in data["convictions"]]
    assert got == [("2016KN074376", "PL 221.20", "INELIGIBLE", "K18-06"),
                   ("2015QN022318", "PL 221.10(1)", "INELIGIBLE", "K18-08"),
                   ("", "PL 221.05", "ELIGIBLE", "K18-01"),
                   ("5957/2014", "PL 221.10(1)", "NEEDS_REVIEW", "K18-09")]
    for c in data["convictions"]:
        assert len(c["reasons"]) == len(c["rules"]) and all(isinstance(r, str) and r for r in c["reasons"])
    assert data["convictions"][2]["rules"] == ["K18-01", "K18-15"]
    assert data["convictions"][2]["advisories"] == [data["convictions"][2]["reasons"][1]]


@pytest.mark.parametrize(("as_of", "outcome", "rule"), [
    ("2018-09-21", "ELIGIBLE", "K18-02"), ("2019-09-01", "RELIEF_BY_STATUTE", "NY19-01"),
    ("2021-06-01", "RELIEF_BY_STATUTE", "MRTA-01"), ("2018-01-01", "INELIGIBLE", "NO-RULE")])
def test_evaluate_as_of(capsys, tmp_path, as_of, outcome, rule):
    path = write_json(tmp_path / "a.json", applicant_dict())
    code, out, _ = run(capsys, "evaluate", path, "--as-of", as_of)
    c = json.loads(out)["convictions"][0]
    assert (code, c["outcome"], c["rules"][0]) == (0, outcome, rule)


def test_evaluate_defaults_to_the_configured_event_date(capsys, tmp_path):
    db_path = tmp_path / "k.db"
    db = services.open_kiosk(db_path)
    services.ensure_demo_event(db)
    db.conn.close()
    path = write_json(tmp_path / "a.json", applicant_dict())
    code, out, _ = run(capsys, "evaluate", path, "--db", db_path)
    data = json.loads(out)
    assert (code, data["as_of"], data["convictions"][0]["rules"][0]) == (0, "2018-09-21", "K18-02")


def test_evaluate_defaults_to_today_without_a_db(capsys, tmp_path):
    path = write_json(tmp_path / "a.json", applicant_dict())
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0 and json.loads(out)["as_of"] == date.today().isoformat()


@pytest.mark.parametrize(("data", "field"), [
    (applicant_dict(convictions=[conviction_dict(docket="2016KN07437")]), "convictions[0].docket"),
    (applicant_dict(convictions=[conviction_dict(docket="2015QN022318", county="kings")]),
     "convictions[0].county"),
    (applicant_dict(first_name="J4ne"), "first_name"),
    (applicant_dict(convictions=[conviction_dict(conviction_date="2016-02-30")]), "convictions[0].conviction_date"),
    (applicant_dict(colour="blue"), "colour"),
    ([1, 2, 3], "applicant"),
])
def test_bad_input_exits_2_with_one_line_naming_file_and_field(capsys, tmp_path, data, field):
    path = write_json(tmp_path / "bad.json", data)
    code, out, err = run(capsys, "evaluate", path, "--as-of", "2018-09-21")
    assert code == 2 and out == ""
    line = one_line_error(err)
    assert line.startswith(f"error: bad.json: {field}: ")


def test_the_error_does_not_quote_personal_data(capsys, tmp_path):
    path = write_json(tmp_path / "bad.json", applicant_dict(first_name="Secret9", date_of_birth="1980-31-12"))
    code, _, err = run(capsys, "evaluate", path)
    assert code == 2 and "Secret9" not in err and "1980-31-12" not in err


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "evaluate")
    assert code == 2 and "Traceback" not in err
    code, _, err = run(capsys, "no-such-command")
    assert code == 2 and "Traceback" not in err


# --- intake -------------------------------------------------------------------------------------

def test_intake_prints_id_and_reference_and_saves(capsys, tmp_path):
    db_path = tmp_path / "k.db"
    path = write_json(tmp_path / "a.json", applicant_dict(convictions=[
        conviction_dict(), conviction_dict(docket="2015QN022318", county="queens")]))
    code, out, err = run(capsys, "intake", path, "--db", db_path, "--as-of", "2018-09-21")
    assert code == 0, err
    first = out.splitlines()[0].split()
    applicant_id, reference = first
    assert len(applicant_id) == 36 and reference.startswith("BA-") and len(reference) == 9
    db = services.open_kiosk(db_path)
    a, dets = services.load_applicant(db, applicant_id)
    assert (a.reference, a.last_name, [c.docket for c in a.convictions]) == \
           (reference, "Sample", ["2016KN074376", "2015QN022318"])
    assert [d.rules[0] for d in dets] == ["K18-02", "K18-08"]
    assert "K18-02" in out and "K18-08" in out
    audit = db.execute("SELECT action, record_id, detail FROM audit_log WHERE action = 'applicant.intake'").fetchall()
    assert audit == [("applicant.intake", applicant_id, "outcomes=ELIGIBLE,INELIGIBLE")]
    dump = "\n".join(str(r) for r in db.execute("SELECT * FROM audit_log").fetchall())
    for private in ("Sample", "Jane", "1980-04-02", "2016KN074376", "01234567L"):
        assert private not in dump


def test_intake_of_bad_input_saves_nothing(capsys, tmp_path):
    db_path = tmp_path / "k.db"
    path = write_json(tmp_path / "a.json", applicant_dict(convictions=[conviction_dict(docket="bad")]))
    code, _, err = run(capsys, "intake", path, "--db", db_path)
    assert code == 2 and "a.json: convictions[0].docket" in one_line_error(err)
    db = services.open_kiosk(db_path)
    assert store.counts(db)["applicants"] == 0


# --- rules --------------------------------------------------------------------------------------

def test_rules_list(capsys):
    code, out, _ = run(capsys, "rules", "list")
    lines = out.splitlines()
    assert code == 0 and [ln.split()[0] for ln in lines] == ["kings-2018-consent", "ny-2019-decrim",
                                                              "ny-mrta-2021"]
    assert "2018-09-07" in lines[0] and "17 rules" in lines[0]


def test_rules_show_pack_and_rule(capsys):
    code, out, _ = run(capsys, "rules", "show", "ny-2019-decrim")
    assert code == 0
    assert "NY19-01" in out and "NY19-02" in out and "convicted before 2019-08-28" in out
    code, out, _ = run(capsys, "rules", "show", "k18-08")
    assert code == 0 and out.startswith("K18-08") and "outside kings" in out and "K18-07" not in out
    code, _, err = run(capsys, "rules", "show", "nope")
    assert code == 1 and "no pack or rule with id 'nope'" in one_line_error(err)


# --- the installed script -----------------------------------------------------------------------

def test_console_script_exit_codes(tmp_path):
    """The installed entry point (make test installs it), not just main() in-process."""
    exe = str(KIOSK if KIOSK.exists() else shutil.which("kiosk"))
    env = {**os.environ, "KIOSK_DEBUG": ""}
    good = write_json(tmp_path / "good.json", applicant_dict())
    bad = write_json(tmp_path / "bad.json", applicant_dict(convictions=[conviction_dict(docket="2016KN1")]))

    p = subprocess.run([exe, "evaluate", good, "--as-of", "2018-09-21"], capture_output=True, text=True, env=env)
    assert p.returncode == 0 and json.loads(p.stdout)["convictions"][0]["outcome"] == "ELIGIBLE"
    p = subprocess.run([exe, "evaluate", bad], capture_output=True, text=True, env=env)
    assert p.returncode == 2 and p.stdout == ""
    assert one_line_error(p.stderr).startswith("error: bad.json: convictions[0].docket: ")
    p = subprocess.run([exe, "evaluate", tmp_path / "nope.json"], capture_output=True, text=True, env=env)
    assert p.returncode == 2 and "no such file" in one_line_error(p.stderr)


def test_example_files_evaluate(capsys):
    """The files in examples/ are documentation: each must evaluate as its name says."""
    want = {
        "eligible-221-10-1.json": [("ELIGIBLE", "K18-02")],
        "mixed-three-convictions.json": [("ELIGIBLE", "K18-01"), ("NEEDS_REVIEW", "K18-05"),
                                         ("INELIGIBLE", "K18-06")],
        "queens-conviction.json": [("INELIGIBLE", "K18-08")],
        "no-papers-unknown-docket.json": [("ELIGIBLE", "K18-02")],
        "supreme-court-indictment.json": [("NEEDS_REVIEW", "K18-09")],
    }
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(want)
    for name, outcomes in want.items():
        code, out, err = run(capsys, "evaluate", EXAMPLES / name, "--as-of", "2018-09-21")
        assert code == 0, (name, err)
        got = [(c["outcome"], c["rules"][0]) for c in json.loads(out)["convictions"]]
        assert got == outcomes, name
