"""The office figures of `kiosk bench`, as `kiosk bench` runs them: without the suite's
KIOSK_PASSPHRASE (the bench's laptop and office databases carry their own passphrase, and its
`kiosk import` process is given it)."""

import pyrage

from kiosk.benchmarks import office_figures
from kiosk.store.connection import open_db
from kiosk.sync.office.enrollment import enroll


def test_an_import_through_the_command_line_runs_without_an_event_passphrase_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_PASSPHRASE", raising=False)
    ident = pyrage.x25519.Identity.generate()
    identity = tmp_path / "office.txt"
    identity.write_text(f"{ident}\n")
    laptop = office_figures._Laptop(tmp_path, ident, "table-a")
    central = tmp_path / "central.db"
    db = open_db(central, passphrase=office_figures.BENCH_PASSPHRASE)
    enroll(db, laptop.key.fingerprint, laptop.key.laptop_id)
    db.conn.close()
    wall, peak, code, text = office_figures.run_import([laptop.sample], central, identity)
    assert code == 0, text[-300:]
    merged = open_db(central, passphrase=office_figures.BENCH_PASSPHRASE).execute("SELECT COUNT(*) FROM applicants")
    assert merged.fetchone()[0] == 1 and wall > 0 and peak > 0
