"""kiosk.cli_caselist: `kiosk office caselist` builds the file and reports bad rows by line,
`kiosk caselist load` and `find` on a laptop; a refusal is one line, exit 2, and changes nothing."""

from __future__ import annotations

import json

import pytest

from kiosk import services
from kiosk.caselist import service as caselist_service
from tests.core import caselist_support as cs
from tests.core.sync_support import full_digest


@pytest.fixture
def listed(tmp_path):
    """A laptop database at tmp_path/kiosk.db with the office's list loaded."""
    return cs.laptop_with_list(tmp_path, cs.shared_list()[0], cs.shared_template())


def test_the_office_command_reports_bad_rows_by_line_and_writes_the_file(tmp_path):
    records = cs.write_extract(tmp_path / "records.csv")
    (tmp_path / "pass.txt").write_text(cs.PASSPHRASE + "\n", encoding="utf-8")
    r = cs.kiosk("office", "caselist", str(records), "--out", str(tmp_path / "list.age"), "--as-of", "2018-09-21",
              "--passphrase-file", str(tmp_path / "pass.txt"))
    assert r.returncode == 0, r.stderr
    assert f"line {cs.BAD_LINE}: date_of_birth: is not a real calendar date (left out)" in r.stderr
    assert "1975-13-01" not in r.stderr + r.stdout  # the bad value itself is never repeated
    assert r.stdout.startswith(f"wrote list.age: {len(cs.ROWS) - 1} conviction(s) of {len(cs.ROWS) - 2} people")
    assert (tmp_path / "list.age").exists()


def test_the_passphrase_is_never_a_command_line_argument(tmp_path):
    records = cs.write_extract(tmp_path / "records.csv")
    r = cs.kiosk("office", "caselist", str(records), "--out", str(tmp_path / "l.age"), "--passphrase", "secret12")
    assert r.returncode == 2 and not (tmp_path / "l.age").exists()
    r = cs.kiosk("office", "caselist", str(records), "--out", str(tmp_path / "l.age"),
              locked=True)  # no tty, no file, no env
    assert r.returncode == 2 and "KIOSK_PASSPHRASE" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_find_on_the_command_line_prints_json(listed, tmp_path):
    listed.close()
    r = cs.kiosk("caselist", "find", "--db", str(tmp_path / "kiosk.db"), "--name", "Alvarez Nunez Jose", "--dob",
              "1980-04-12")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["people"] == 1 and {m["docket"] for m in out["matches"]} == {"2016KN074376", "2012KN011111"}


def test_a_wrong_passphrase_is_refused_with_one_line_and_changes_nothing(listed, tmp_path):
    # the office encrypted the list under another event's passphrase than this laptop's
    other, _ = cs.build_list(tmp_path, passphrase="another event's passphrase 2019")
    before = full_digest(listed)
    listed.close()
    r = cs.kiosk("caselist", "load", str(other), "--db", str(tmp_path / "kiosk.db"))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        "error: caselist.age: cannot be opened: wrong passphrase, or the file was changed or damaged; "
        "nothing was loaded"]
    assert full_digest(services.open_kiosk(tmp_path / "kiosk.db")) == before


@pytest.mark.parametrize("where", [60, 200, -20, "truncate"])
def test_a_tampered_list_is_refused_with_one_line_and_changes_nothing(listed, tmp_path, where):
    data = bytearray(cs.shared_list()[0].read_bytes())
    if where == "truncate":
        data = data[:-100]
    else:
        data[where] ^= 0x01
    bad = tmp_path / "tampered.age"
    bad.write_bytes(bytes(data))
    before = full_digest(listed)
    listed.close()
    r = cs.kiosk("caselist", "load", str(bad), "--db", str(tmp_path / "kiosk.db"),
              env={"KIOSK_PASSPHRASE": cs.PASSPHRASE})
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("error: tampered.age: ")
    assert full_digest(services.open_kiosk(tmp_path / "kiosk.db")) == before


def test_purge_caselist_removes_it(listed, tmp_path):
    listed.close()
    r = cs.kiosk("purge", "--caselist", "--db", str(tmp_path / "kiosk.db"))
    assert r.returncode == 0 and r.stdout.startswith(f"removed the DA's case list ({len(cs.ROWS) - 1} rows)")
    db = services.open_kiosk(tmp_path / "kiosk.db")
    assert caselist_service.status(db) == {"loaded": False}
    for table in ("caselist_people", "caselist_convictions", "caselist_keys", "caselist_keys_terms", "caselist_words",
                  "caselist_files"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    with pytest.raises(Exception, match="no case list is loaded"):
        caselist_service.find(db, "jose alvarez")
