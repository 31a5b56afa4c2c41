"""Helpers for the case list tests: a small records extract with the people the tests look for,
the case list file built from it at the office, a laptop database with it loaded, and the
command line in a new process."""

from __future__ import annotations

import atexit
import csv
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from kiosk import services
from kiosk.caselist import office as caselist_office
from kiosk.caselist import service as caselist_service
from tests.conftest import TEST_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]

# The event passphrase unlocks the laptop database and the DA's case list alike.
PASSPHRASE = TEST_PASSPHRASE
AS_OF = date(2018, 9, 21)
HEADER = ["record_id", "first_name", "middle_name", "last_name", "date_of_birth", "nysid", "aliases", "docket",
          "offense", "conviction_date", "arrest_date", "arrest_number", "sentence", "plea", "original_charge",
          "other_counts_dismissed"]
JOSE = {"record_id": "r-jose-1", "first_name": "José", "middle_name": "", "last_name": "Álvarez-Núñez",
        "date_of_birth": "1980-04-12", "nysid": "01234567L", "aliases": "Pepe Alvarez; J. Nunez",
        "docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
        "arrest_date": "2016-03-01", "arrest_number": "K16612345", "sentence": "Time served", "plea": "guilty",
        "original_charge": "PL 221.10(1)", "other_counts_dismissed": "yes"}
JOSE_2 = {**JOSE, "record_id": "r-jose-2", "docket": "2012KN011111", "offense": "PL 221.05",
          "conviction_date": "2012-06-01", "arrest_date": "", "arrest_number": "", "sentence": "Fine $100",
          "original_charge": "", "other_counts_dismissed": "no"}
SEAN = {"record_id": "r-sean", "first_name": "Seán", "last_name": "O'Brien", "date_of_birth": "1990-02-02",
        "docket": "2017KN005555", "offense": "PL 221.10(1)", "conviction_date": "2017-07-07", "sentence": "Time served"}
# five people called Maria Rodriguez: a name alone is not enough to show any of them
MARIAS = [{"record_id": f"r-maria-{i}", "first_name": "Maria", "last_name": "Rodriguez",
           "date_of_birth": f"197{i}-01-0{i + 1}", "docket": f"2014KN00{i}234", "offense": "PL 221.40",
           "conviction_date": "2014-02-03", "sentence": "Conditional discharge"} for i in range(5)]
BAD_DATE = {"record_id": "r-bad", "first_name": "Bad", "last_name": "Row", "date_of_birth": "1975-13-01",
            "docket": "2014KN001299", "offense": "PL 221.40", "conviction_date": "2014-02-03"}
ONLY_IN_LIST = ("Zebulon", "Quixotic", "2015KN098765")  # a person no test ever types into the wizard
OTHER = {"record_id": "r-other", "first_name": ONLY_IN_LIST[0], "last_name": ONLY_IN_LIST[1],
         "date_of_birth": "1970-07-07", "docket": ONLY_IN_LIST[2], "offense": "PL 221.10(1)",
         "conviction_date": "2015-08-08"}
ROWS = [JOSE, JOSE_2, SEAN, *MARIAS, BAD_DATE, OTHER]
BAD_LINE = 2 + ROWS.index(BAD_DATE)


def write_extract(path: Path, rows: list[dict] = ROWS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, HEADER, restval="")
        w.writeheader()
        w.writerows(rows)
    return path


def build_list(folder: Path, rows: list[dict] = ROWS, passphrase: str = PASSPHRASE
               ) -> tuple[Path, caselist_office.BuildResult]:
    out = folder / "caselist.age"
    result = caselist_office.build(str(write_extract(folder / "records.csv", rows)), str(out), passphrase,
                                   as_of=AS_OF)
    return out, result


def laptop_with_list(folder: Path, list_path: Path, template: Path | None = None):
    """A laptop database (the demo event) with the list loaded; `template` is copied when given."""
    path = folder / "kiosk.db"
    if template is not None:
        shutil.copyfile(template, path)
        return services.open_kiosk(path)
    db = services.open_kiosk(path)
    services.ensure_demo_event(db)
    caselist_service.load(db, str(list_path), PASSPHRASE)
    return db


def list_person(last: str = "Sample", dob: str = "1980-04-02", aliases: tuple[str, ...] = ("Janie",),
                nysid: str = "", docket: str = "2016KN074376") -> dict:
    """One person as the office puts them in the file (kiosk.caselist.listfile), with one conviction."""
    from kiosk.caselist import listfile
    from kiosk.caselist.match import person_keys

    conviction = {f: "" for f in listfile.CONVICTION_FIELDS}
    conviction.update({f: False for f in listfile.CONVICTION_FLAGS}, sentence_complete=None, fines_owed=True,
                      record_id="r-1", docket=docket, conviction_date="2016-03-21", outcome="ELIGIBLE",
                      rules=["K18-02", "K18-17"])
    p = {"first_name": "Jane", "middle_name": "", "last_name": last, "suffix": "", "date_of_birth": dob,
         "nysid": nysid, "aliases": list(aliases), "convictions": [conviction]}
    return {**p, "keys": person_keys(p)}


@functools.cache
def shared_list() -> tuple[Path, caselist_office.BuildResult]:
    """The list built once per test process and only read by the tests: age's scrypt takes seconds
    each time a list is encrypted or opened."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-test-caselist-"))
    atexit.register(shutil.rmtree, folder, True)
    return build_list(folder)


@functools.cache
def shared_template() -> Path:
    """A laptop database with the shared list loaded, checkpointed, for laptop_with_list to copy."""
    folder = shared_list()[0].parent / "laptop"
    folder.mkdir()
    db = laptop_with_list(folder, shared_list()[0])
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder / "kiosk.db"


def kiosk(*args: str, env: dict | None = None, locked: bool = False) -> subprocess.CompletedProcess:
    """The command line in a new process; with the event passphrase in KIOSK_PASSPHRASE unless `locked`."""
    full = {k: v for k, v in os.environ.items() if not (locked and k == "KIOSK_PASSPHRASE")}
    full.update(PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, env=full,
                          stdin=subprocess.DEVNULL, timeout=120)

