"""kiosk.cli_db: a mistyped --db never becomes a new, empty database; commands that read one refuse
a missing one naming the path, and `intake` says in one line that it creates one."""

from __future__ import annotations

import pytest

from kiosk import cli_db, services, store
from kiosk.errors import InputError
from tests.core.cli_support import one_line_error, run
from tests.core.conftest import EXAMPLES

ELIGIBLE = EXAMPLES / "eligible-221-10-1.json"


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



def test_intake_creates_a_missing_database_and_says_so_in_one_line(capsys, tmp_path):
    db_path = tmp_path / "new" / "kiosk.db"
    code, out, err = run(capsys, "intake", ELIGIBLE, "--db", db_path)
    assert code == 0 and out.startswith(tuple("0123456789abcdef"))
    assert err.strip().splitlines() == [f"kiosk: creating a new database at {db_path}"]
    assert store.counts(services.open_kiosk(str(db_path)))["applicants"] == 1
    code, _, err = run(capsys, "intake", ELIGIBLE, "--db", db_path)  # the second time: nothing to say
    assert code == 0 and err == ""


def test_an_existing_database_or_memory_passes_and_only_a_missing_file_is_announced(tmp_path, capsys):
    services.open_kiosk(tmp_path / "k.db").conn.close()
    cli_db.require_existing(str(tmp_path / "k.db"))
    cli_db.require_existing(":memory:")
    with pytest.raises(InputError, match="no database at") as e:
        cli_db.require_existing(str(tmp_path / "typo.db"))
    assert e.value.field == "--db"
    cli_db.announce_if_new(str(tmp_path / "k.db"))
    cli_db.announce_if_new(":memory:")
    assert capsys.readouterr().err == ""
    cli_db.announce_if_new(str(tmp_path / "new.db"))
    assert capsys.readouterr().err == f"kiosk: creating a new database at {tmp_path / 'new.db'}\n"
    assert not (tmp_path / "new.db").exists()  # announcing creates nothing
    assert store.counts(services.open_kiosk(tmp_path / "k.db"))["applicants"] == 0
