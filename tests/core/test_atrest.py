"""The laptop database at rest: encrypted bytes, the passphrase and office recovery, conversion of
a plain file, the command line behind the same lock, and a purge that cannot lose an applicant
(docs/storage-encryption.md)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import keyfile, services, store, sync
from kiosk.errors import AuthError, InputError
from kiosk.models import Attorney
from tests.core.sync_support import Office, laptop, person, run_cli

ROOT = Path(__file__).resolve().parents[2]
MARKERS = {"first_name": "Zebulonmarker", "last_name": "Quixotemarker", "nysid": "98765432Z",
           "phone": "718-555-0199", "address": "77 Plantedmarker Ave"}


def planted() -> dict:
    p = person(MARKERS["first_name"], MARKERS["last_name"], aliases=["Aliasmarker Quixote"])
    p.update(nysid=MARKERS["nysid"], contact={"phone": MARKERS["phone"], "address": MARKERS["address"]})
    return p


def marker_bytes() -> list[bytes]:
    return [v.encode() for v in (*MARKERS.values(), "Aliasmarker", "2016KN074376", "1980-04-02")]


def files_of(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files_of(folder)}


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Office:
    return Office(tmp_path_factory.mktemp("office"))


def test_the_files_hold_no_applicant_value_no_key_and_no_sqlite_header(tmp_path):
    db = services.open_kiosk(tmp_path / "kiosk.db")
    services.intake(db, planted())
    signing = sync.laptop_key(db)
    draft = {"first_name": "Draftmarker", "last_name": MARKERS["last_name"]}
    services.autosave_wizard(db, draft, "person")
    db.conn.close()  # the WAL is checkpointed into the file on close; look at both states
    db = services.open_kiosk(tmp_path / "kiosk.db")
    services.intake(db, planted())  # leave this one in the WAL
    secret = store.get_setting(db, "sync_signing_key")
    assert secret  # the laptop's private signing key is inside the encrypted database
    for path in files_of(tmp_path):
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3"), path.name
        for marker in [*marker_bytes(), b"Draftmarker", secret.encode(), signing.public_key.encode()[:20]]:
            assert marker not in data, (path.name, marker)
    assert {p.name for p in files_of(tmp_path)} >= {"kiosk.db", "kiosk.db.keys"}
    db.conn.close()


def test_sqlite_utils_wal_and_fts5_trigram_work_on_the_encrypted_database(tmp_path):
    db = services.open_kiosk(tmp_path / "kiosk.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute("CREATE VIRTUAL TABLE probe USING fts5(name, tokenize='trigram')")
    db.table("probe").insert({"name": "Nguyễn Thị Minh"})
    assert [r[0] for r in db.execute("SELECT name FROM probe WHERE probe MATCH 'Thị'")] == ["Nguyễn Thị Minh"]
    assert db.table("settings").count >= 1


def test_a_wrong_passphrase_is_refused_and_changes_nothing(tmp_path, monkeypatch):
    services.open_kiosk(tmp_path / "kiosk.db").conn.close()
    before = digest(tmp_path)
    with pytest.raises(AuthError, match="wrong passphrase"):
        services.open_kiosk(tmp_path / "kiosk.db", passphrase="not the event passphrase at all")
    (tmp_path / "applicant.json").write_text(json.dumps(planted()))
    monkeypatch.setenv("KIOSK_PASSPHRASE", "a wrong passphrase for the test")
    code, text = run_cli("intake", str(tmp_path / "applicant.json"), "--db", str(tmp_path / "kiosk.db"))
    assert code == 1 and text.count("\n") == 1 and "wrong passphrase" in text
    (tmp_path / "applicant.json").unlink()
    assert digest(tmp_path) == before


def test_no_passphrase_and_no_terminal_is_one_line_exit_2(tmp_path):
    services.open_kiosk(tmp_path / "k.db").conn.close()  # a laptop database, made with the test passphrase
    before = (tmp_path / "k.db").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_PASSPHRASE"}
    p = subprocess.run([sys.executable, "-m", "kiosk", "laptop", "status", "--db", str(tmp_path / "k.db")],
                       capture_output=True, text=True, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=120)
    assert p.returncode == 2 and "KIOSK_PASSPHRASE" in p.stderr and p.stderr.count("\n") == 1
    assert (tmp_path / "k.db").read_bytes() == before


def test_the_passphrase_file_opens_and_an_argument_is_not_accepted(tmp_path, monkeypatch):
    services.open_kiosk(tmp_path / "k.db", passphrase="four words make a passphrase").conn.close()
    monkeypatch.delenv("KIOSK_PASSPHRASE")
    (tmp_path / "pass.txt").write_text("four words make a passphrase\n")
    code, text = run_cli("laptop", "status", "--db", str(tmp_path / "k.db"),
                         "--passphrase-file", str(tmp_path / "pass.txt"))
    assert code == 0 and "waiting for export: 0" in text
    assert services.open_kiosk(tmp_path / "k.db", passphrase="four words make a passphrase")
    code, text = run_cli("laptop", "status", "--db", str(tmp_path / "k.db"), "--passphrase", "x")
    assert code == 2 and "No such option" in text


def test_office_recovery_opens_a_laptop_with_the_office_identity_alone(tmp_path, office, monkeypatch):
    db = laptop(tmp_path / "laptop.db", office)
    services.intake(db, planted())
    db.conn.close()
    assert keyfile.office_recipient(tmp_path / "laptop.db") == office.recipient
    monkeypatch.delenv("KIOSK_PASSPHRASE")  # the event passphrase is lost
    (tmp_path / "new.txt").write_text("the office gave this laptop a new passphrase\n")
    code, text = run_cli("office", "recover", str(tmp_path / "laptop.db"), "--identity",
                         str(office.identity_path), "--new-passphrase-file", str(tmp_path / "new.txt"))
    assert code == 0 and "1 applicant" in text and MARKERS["last_name"] not in text
    db = services.open_kiosk(tmp_path / "laptop.db", passphrase="the office gave this laptop a new passphrase")
    assert store.list_applicants(db)[0]["last_name"] == MARKERS["last_name"]
    (tmp_path / "elsewhere").mkdir()
    stranger = Office(tmp_path / "elsewhere")
    code, text = run_cli("office", "recover", str(tmp_path / "laptop.db"), "--identity",
                         str(stranger.identity_path), "--new-passphrase-file", str(tmp_path / "new.txt"))
    assert code == 1 and "does not open" in text


def test_the_thief_sequence_loses_nothing(tmp_path, office):
    """Export everything to a key of one's own, then purge: the office still gets every applicant."""
    db = laptop(tmp_path / "laptop.db", office)
    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "246813")
    for i in range(4):
        services.intake(db, person("Pat", f"Person{'abcd'[i]}", docket=f"2016KN07437{i}"))
    thief = Office(tmp_path)
    with pytest.raises(InputError, match="office key recorded"):
        sync.export_batch(db, tmp_path / "s.sync", recipient=thief.recipient, scope="all")
    assert not (tmp_path / "s.sync").exists()
    # with no office key recorded, an export to another key is allowed but never makes a record purgeable
    db2 = laptop(tmp_path / "bare.db", None)
    for i in range(3):
        services.intake(db2, person("Pat", f"Bare{'abc'[i]}"))
    sync.export_batch(db2, tmp_path / "t.sync", recipient=thief.recipient, scope="all")
    result = sync.purge_exported(db2, actor="x")
    assert result.purged == 0 and result.waiting == 3 and "no office key" in result.kept[0]
    # without an attorney's PIN the command line purges nothing
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"), "--exported")
    assert code == 2 and "PIN" in text
    (tmp_path / "pin.txt").write_text("000000\n")
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"), "--exported",
                         "--pin-file", str(tmp_path / "pin.txt"))
    assert code == 1 and "nothing was changed" in text
    real = sync.export_batch(db, tmp_path / "real.sync")
    assert real.applicants == 4
    (tmp_path / "pin.txt").write_text("246813\n")
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"), "--exported",
                         "--pin-file", str(tmp_path / "pin.txt"))
    assert code == 0 and "purged 4" in text, text
    assert store.get_setting(db, "pin_wait").split()[0] == "0"  # the right PIN started the count over
    assert db.execute("SELECT actor FROM audit_log WHERE action = 'sync.purge'").fetchone()[0] == aid


def test_purge_keeps_records_last_exported_to_another_key(tmp_path, office):
    db = laptop(tmp_path / "laptop.db", office)
    services.intake(db, person("Pat", "Kept"))
    sync.export_batch(db, tmp_path / "1.sync")
    other = Office(tmp_path)
    services.set_attorney_note(db, store.list_applicants(db)[0]["id"], "edited", actor="a")
    from kiosk.office_key import set_office_key

    with pytest.raises(AuthError, match="passphrase"):
        set_office_key(db, other.recipient, passphrase=None)
    with pytest.raises(AuthError, match="wrong passphrase"):
        set_office_key(db, other.recipient, passphrase="guessing the passphrase here")
    set_office_key(db, other.recipient, passphrase=os.environ["KIOSK_PASSPHRASE"], actor="lead")
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'event.office_key_changed'").fetchone()[0] == 1
    assert keyfile.office_recipient(tmp_path / "laptop.db") == other.recipient
    sync.export_batch(db, tmp_path / "2.sync")
    set_office_key(db, office.recipient, passphrase=os.environ["KIOSK_PASSPHRASE"], actor="lead")
    result = sync.purge_exported(db, actor="x")
    assert result.purged == 0 and "another key" in result.kept[0]




def test_office_set_key_from_the_command_line_needs_the_passphrase_and_is_audited(tmp_path, office, monkeypatch):
    db = laptop(tmp_path / "laptop.db", office)
    other = Office(tmp_path)
    monkeypatch.setenv("KIOSK_PASSPHRASE", "a wrong passphrase for the test")
    code, text = run_cli("office", "set-key", other.recipient, "--db", str(tmp_path / "laptop.db"))
    assert code == 1 and "wrong passphrase" in text
    assert services.current_event(db).office_recipient == office.recipient
    monkeypatch.delenv("KIOSK_PASSPHRASE")
    from tests.conftest import TEST_PASSPHRASE

    (tmp_path / "pass.txt").write_text(TEST_PASSPHRASE + "\n")
    code, text = run_cli("office", "set-key", other.recipient, "--db", str(tmp_path / "laptop.db"),
                         "--passphrase-file", str(tmp_path / "pass.txt"))
    assert code == 0 and other.recipient in text
    assert services.current_event(db).office_recipient == other.recipient
    assert db.execute("SELECT actor FROM audit_log WHERE action = 'event.office_key_changed'").fetchone()[0] \
        == "command line"


def test_without_the_passphrase_no_command_reads_the_laptop(tmp_path, office, monkeypatch):
    """The thief's commands: sqlite3 on the file, export to a key of one's own, report, motion."""
    import sqlite3

    db = laptop(tmp_path / "laptop.db", office)
    a, _ = services.intake(db, planted())
    db.conn.close()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(tmp_path / "laptop.db").execute("SELECT first_name FROM applicants").fetchall()
    monkeypatch.delenv("KIOSK_PASSPHRASE")
    thief = Office(tmp_path)
    laptop_db = str(tmp_path / "laptop.db")
    for args in (["export", "--all", "--db", laptop_db, "--recipient", thief.recipient, "--out", str(tmp_path / "s")],
                 ["report", "--db", laptop_db, "--out", str(tmp_path / "r.csv")],
                 ["motion", "--db", laptop_db, "--applicant", a.reference, "--out", str(tmp_path / "m")],
                 ["laptop", "key", "--db", laptop_db]):
        code, text = run_cli(*args)
        assert code == 2 and "passphrase" in text and text.count("\n") == 1, args
        assert MARKERS["last_name"] not in text
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("office")) == \
        ["laptop.db", "laptop.db.keys"]
