"""Privacy: plant distinctive values, drive every command-line path (good and bad input) and the
app itself, then grep every byte of everything written: the data folder (the database, its WAL
and key files: all encrypted), Qt's caches and settings, the temp folder, the papers' folder.

No name, date of birth, docket or NYSID may reach a log, an error message, a temp file left
behind, the database file, or an export in plaintext; the data folder is created owner-only;
a wrong passphrase is refused with one line (docs/storage-encryption.md)."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

PLANTED = {
    "first": "Zyxwvuta",
    "last": "Qorvallis",
    "dob": "1971-07-13",
    "docket": "2011KN987654",
    "nysid": "98765432Z",
}


def _applicant(**over):
    a = {
        "first_name": PLANTED["first"], "last_name": PLANTED["last"], "date_of_birth": PLANTED["dob"],
        "nysid": PLANTED["nysid"], "language": "es", "consent_to_share": True,
        "contact": {"phone": "718 555 0199", "email": "zq@example.org", "address": "1 Qorvallis Way"},
        "convictions": [{"court": "criminal", "docket": PLANTED["docket"], "offense": "PL 221.10(1)",
                         "arrest_date": "2011-02-01", "conviction_date": "2011-02-02", "sentence": "time served"}],
    }
    a.update(over)
    return a


def _run(env, *args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, env=env)


def _leaks(text: str) -> list[str]:
    return [k for k, v in PLANTED.items() if v.lower() in text.lower()]


def _byte_leaks(data: bytes) -> list[str]:
    """Planted values in a file's bytes, as UTF-8 or UTF-16 (Qt writes some caches in UTF-16)."""
    low = data.lower()
    return [k for k, v in PLANTED.items()
            if v.lower().encode() in low or v.lower().encode("utf-16-le") in low]


GUI_WALK = """
import sys
from ui.app import create_app, create_window
from ui.automation import Bot, Driver
create_app()
w = create_window(sys.argv[1], demo=True)
w.resize(1366, 768)
w.show()
d = Driver(w, Bot(), sys.argv[1])
d.qtbot.waitUntil(lambda: w.current_page_name() in ("setup", "signin"), timeout=30_000)
d.idle()
d.add_attorney(pin="246813")  # the shipped rule: 6 digits or more
d.wait_page("dashboard")
d.type("Search", sys.argv[2])
d.idle()
assert sys.argv[2] in d.visible_text(), "the planted applicant is not on the dashboard"
w.close()
w.shutdown()
"""


def test_no_personal_data_leaks_outside_the_database_and_papers(tmp_path):
    home, tmp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for d in (home, tmp, work):
        d.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "TMPDIR": str(tmp),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_DEBUG", None)
    good = work / "good.json"
    good.write_text(json.dumps(_applicant()), encoding="utf-8")
    outputs = []

    # good paths: the database lives in the per-user data folder (no --db)
    p = _run(env, "intake", str(good))
    assert p.returncode == 0, p.stderr
    outputs.append(p.stderr)
    p = _run(env, "motion", str(good), "--out", str(work / "papers"), "--as-of", "2018-09-21")
    assert p.returncode == 0, p.stderr
    outputs.append(p.stderr)

    # the export: encrypted, so no planted value may appear in its bytes
    p = _run(env, "office", "keygen", "--out", str(work / "office-identity.txt"))
    assert p.returncode == 0, p.stderr
    recipient = next(w for w in p.stdout.split() if w.startswith("age1"))
    p = _run(env, "export", "--out", str(work / "day.export"), "--recipient", recipient, "--quiet")
    assert p.returncode == 0, p.stderr
    outputs.append(p.stdout + p.stderr)
    blob = (work / "day.export").read_bytes()
    for value in PLANTED.values():
        assert value.encode() not in blob and value.encode("utf-16-le") not in blob

    # bad paths: each error message must say what is wrong without quoting the value
    bad_inputs = [
        _applicant(date_of_birth=PLANTED["dob"] + "x"),
        _applicant(first_name=PLANTED["first"] + "7"),
        _applicant(nysid=PLANTED["nysid"] + "!"),
        _applicant(convictions=[{"docket": PLANTED["docket"] + "9", "offense": "PL 221.10",
                                 "conviction_date": "2011-02-02"}]),
        _applicant(convictions=[{"docket": PLANTED["docket"], "offense": "PL 221.10",
                                 "conviction_date": "1960-01-01"}]),
        _applicant(**{PLANTED["last"]: 1}),
    ]
    for i, bad in enumerate(bad_inputs):
        f = work / f"bad{i}.json"
        f.write_text(json.dumps(bad), encoding="utf-8")
        for cmd in (["evaluate", str(f)], ["intake", str(f)]):
            p = _run(env, *cmd)
            assert p.returncode == 2, (cmd, p.returncode)
            outputs.append(p.stdout + p.stderr)
    extract = work / "x.csv"
    row = f"r1,{PLANTED['first']},{PLANTED['last']},{PLANTED['dob']},{PLANTED['docket']}9,PL 221.10,2011-02-02"
    extract.write_text("record_id,first_name,last_name,date_of_birth,docket,offense,conviction_date\n" + row + "\n",
                       encoding="utf-8")
    p = _run(env, "screen", str(extract), "--out", str(work / "x-out.csv"), "--quiet")
    assert p.returncode == 0
    outputs.append(p.stderr)
    error_col = (work / "x-out.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[-1]
    assert error_col and not _leaks(error_col)

    # the app on the same data folder: sign in, find the planted applicant on the dashboard
    from kiosk.paths import default_db_path  # noqa: F401  (the folder the app uses without --db)

    db_file = home / "data" / "begin-again-kiosk" / "kiosk.db"
    p = subprocess.run([sys.executable, "-c", GUI_WALK, str(db_file), PLANTED["last"]], capture_output=True,
                       text=True, env=env, cwd=Path(__file__).resolve().parents[2], timeout=180)
    assert p.returncode == 0, p.stderr[-600:]
    outputs.append(p.stdout + p.stderr)

    # a wrong passphrase: one line, and nothing written
    before = {f: f.read_bytes() for f in db_file.parent.glob("kiosk.db*")}
    p = _run({**env, "KIOSK_PASSPHRASE": "not the passphrase of this laptop"}, "intake", str(good))
    assert p.returncode == 1 and p.stderr.count("\n") == 1 and "wrong passphrase" in p.stderr
    assert {f: f.read_bytes() for f in db_file.parent.glob("kiosk.db*")} == before

    for out in outputs:
        assert not _leaks(out), f"personal data in a message: {_leaks(out)}"

    # nothing left in the temp folder; nothing readable outside the database and the papers
    assert list(tmp.iterdir()) == [], "temp files left behind"
    data_dir = home / "data" / "begin-again-kiosk"
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    db_files = list(data_dir.iterdir())
    assert any(f.name == "kiosk.db" for f in db_files)
    for f in db_files:
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f"{f.name} is readable by others"
    allowed = {work / "papers", work}
    written = [f for f in home.rglob("*") if f.is_file()]  # the data folder, Qt's caches and settings
    assert any(f.name == "kiosk.db-wal" or f.name == "kiosk.db" for f in written)
    for f in written:
        data = f.read_bytes()
        assert not _byte_leaks(data), f"personal data in {f.relative_to(home)}: {_byte_leaks(data)}"
        if f.name == "kiosk.db":
            assert not data.startswith(b"SQLite format 3"), "the database file is not encrypted"
    for f in work.rglob("*"):
        if f.is_file() and f.parent not in allowed:
            assert not _leaks(f.read_text(errors="replace")), f"personal data in {f}"
    assert Path(work / "papers").is_dir() and any((work / "papers").glob("*.pdf"))
