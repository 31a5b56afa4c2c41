"""kiosk.cli_files: what a command reads from the person typing it (applicant files, --as-of, --db);
each problem is one InputError naming the file or the option."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kiosk import cli_files, services
from kiosk.errors import InputError
from tests.core.cli_support import one_line_error, run
from tests.core.conftest import EXAMPLES, applicant_dict, write_json

ELIGIBLE = EXAMPLES / "eligible-221-10-1.json"


def test_evaluate_with_an_existing_database_uses_its_event_day(capsys, tmp_path):
    db_path = tmp_path / "kiosk.db"
    services.ensure_demo_event(services.open_kiosk(str(db_path)))
    code, out, _ = run(capsys, "evaluate", ELIGIBLE, "--db", db_path)
    assert code == 0 and json.loads(out)["as_of"] == "2018-09-21"



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


def test_not_json_missing_file_and_bad_as_of(capsys, tmp_path):
    (tmp_path / "notjson.json").write_text("{first_name: 'Jane'", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", tmp_path / "notjson.json")
    assert code == 2 and "notjson.json: is not valid JSON" in one_line_error(err)
    code, _, err = run(capsys, "evaluate", tmp_path / "missing.json")
    assert code == 2 and "missing.json: no such file" in one_line_error(err)
    (tmp_path / "latin1.json").write_bytes('{"first_name": "Jos\xe9"}'.encode("latin-1"))
    code, _, err = run(capsys, "evaluate", tmp_path / "latin1.json")
    assert code == 2 and "not UTF-8" in one_line_error(err)
    path = write_json(tmp_path / "a.json", applicant_dict())
    code, _, err = run(capsys, "evaluate", path, "--as-of", "21/09/2018")
    assert code == 2 and "--as-of" in one_line_error(err)


def test_read_json_file_names_the_file_and_the_place_of_a_json_error(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text('{"first_name": "Jane",\n  oops}', encoding="utf-8")
    with pytest.raises(InputError, match=r"is not valid JSON \(line 2, column 3\)") as e:
        cli_files.read_json_file(str(tmp_path / "a.json"))
    assert e.value.field == "a.json"
    with pytest.raises(InputError, match="is a folder"):
        cli_files.read_json_file(str(tmp_path))
    monkeypatch.setattr(cli_files, "MAX_JSON_BYTES", 10)
    with pytest.raises(InputError, match="larger than 5 MB"):
        cli_files.read_json_file(str(tmp_path / "a.json"))


def test_in_file_prefixes_a_parser_error_with_the_file_name_once(tmp_path):
    def parser():
        raise InputError("first_name", "is required", row=3)

    with pytest.raises(InputError) as e:
        cli_files.in_file(str(tmp_path / "a.json"), parser)
    assert (e.value.field, e.value.message, e.value.row) == ("a.json: first_name", "is required", 3)
    with pytest.raises(InputError) as e:
        cli_files.in_file("a.json", lambda: (_ for _ in ()).throw(InputError("a.json: x", "bad")))
    assert e.value.field == "a.json: x"
    assert cli_files.in_file("a.json", int, "42") == 42


def test_as_of_is_the_date_given_else_the_events_day_else_today(tmp_path):
    assert cli_files.as_of_date("2019-09-01") == date(2019, 9, 1)
    assert cli_files.as_of_date(None) == date.today()
    db = services.open_kiosk(tmp_path / "k.db")
    services.ensure_demo_event(db)
    assert cli_files.as_of_date("", db) == date(2018, 9, 21)
    with pytest.raises(InputError, match="YYYY-MM-DD") as e:
        cli_files.as_of_date("21/09/2018")
    assert e.value.field == "--as-of"
