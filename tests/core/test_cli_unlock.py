"""kiosk.cli_unlock: a command opens the laptop with the event passphrase, and names an attorney as
the actor only when that attorney's PIN was given; a wrong PIN is refused and counted."""

from __future__ import annotations

import json

import pytest

from kiosk import cli_unlock, pin_wait, services, store
from kiosk.errors import AuthError, InputError
from kiosk.models import Attorney
from tests.core.cli_support import one_line_error, run
from tests.core.sync_support import laptop, person, run_cli


def test_cli_intake_names_the_attorney_only_with_their_pin(tmp_path):
    db = laptop(tmp_path / "laptop.db", None)
    a = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    services.sign_in(db, a, "2468")  # the last signed-in attorney is not credited without a PIN
    (tmp_path / "a.json").write_text(json.dumps(person("Pat", "Sample")))
    code, text = run_cli("intake", str(tmp_path / "a.json"), "--db", str(tmp_path / "laptop.db"))
    assert code == 0
    first = text.split()[0]
    (tmp_path / "pin.txt").write_text("2468\n")
    code, text = run_cli("intake", str(tmp_path / "a.json"), "--db", str(tmp_path / "laptop.db"),
                         "--pin-file", str(tmp_path / "pin.txt"))
    assert code == 0
    second = text.split()[0]
    rows = dict(db.execute("SELECT record_id, actor FROM audit_log WHERE action = 'applicant.intake'").fetchall())
    assert rows == {first: "command line", second: a}
    assert store.applicant_row(db, first)["attorney_id"] is None
    assert store.applicant_row(db, second)["attorney_id"] == a


def test_a_wrong_pin_is_refused_audited_and_counted(tmp_path):
    db = services.open_kiosk(tmp_path / "k.db")
    services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    (tmp_path / "pin.txt").write_text("1357\n")
    with pytest.raises(AuthError, match="does not belong to an attorney"):
        cli_unlock.pin_actor(db, str(tmp_path / "pin.txt"))
    assert pin_wait.state(db)[0] == 1
    assert db.execute("SELECT actor FROM audit_log WHERE action = 'cli.pin_refused'").fetchall() == [
        (cli_unlock.CLI_ACTOR,)]


def test_a_required_pin_must_be_given_and_an_unreadable_pin_file_is_named(tmp_path):
    db = services.open_kiosk(tmp_path / "k.db")
    assert cli_unlock.pin_actor(db, None) == cli_unlock.CLI_ACTOR
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="needs an attorney's PIN") as e:
        cli_unlock.pin_actor(db, str(tmp_path / "empty.txt"), required=True)
    assert e.value.field == "--pin-file"
    with pytest.raises(InputError, match="missing.txt cannot be read"):
        cli_unlock.pin_actor(db, str(tmp_path / "missing.txt"))


def test_open_laptop_takes_the_passphrase_given_and_memory_needs_none(tmp_path):
    db = cli_unlock.open_laptop(tmp_path / "k.db", passphrase="four words make a passphrase")
    db.conn.close()
    with pytest.raises(AuthError, match="wrong passphrase"):
        cli_unlock.open_laptop(tmp_path / "k.db", passphrase="not the right words at all")
    assert cli_unlock.open_laptop(":memory:").kiosk_path is None


def test_a_new_database_without_a_passphrase_is_refused_naming_it_and_nothing_is_created(tmp_path, capsys,
                                                                                         monkeypatch):
    monkeypatch.delenv("KIOSK_PASSPHRASE")
    (tmp_path / "a.json").write_text(json.dumps(person("Pat", "Sample")))
    code, out, err = run(capsys, "intake", tmp_path / "a.json", "--db", tmp_path / "new.db")
    assert code == 2 and out == ""
    assert one_line_error(err) == ("error: passphrase: the new database new.db is encrypted under the event "
                                   "passphrase: give the event passphrase with --passphrase-file FILE or the "
                                   "KIOSK_PASSPHRASE environment variable")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
