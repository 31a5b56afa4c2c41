"""SIGKILL during the conversion of a plain database, and during an export's write: one whole
database is always left, and no partial export outlives the next start (docs/storage-encryption.md)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk import services, store, sync
from kiosk.keyfile import file_state
from kiosk.store.connection import open_db
from tests.core.sync_support import Office, laptop, person

ROOT = Path(__file__).resolve().parents[2]
KILLS = 12


def _plain_database(path: Path, applicants: int) -> dict[str, int]:
    db = open_db(path, encrypted=False)
    services.intake(db, person("Pat", "Planted"))
    with store.transaction(db):  # bulk rows so the conversion takes long enough to be hit mid-way
        db.table("audit_log").insert_all(
            ({"id": f"bulk{i}", "at": "2018-09-21T10:00:00", "action": "bulk.filler", "actor": "",
              "record_type": "", "record_id": "", "detail": "x" * 400, "laptop_id": "l", "export_batch": ""}
             for i in range(applicants)), batch_size=500)
    counts = store.counts(db) | {"audit_log": db.execute("SELECT count(*) FROM audit_log").fetchone()[0]}
    db.conn.close()
    return counts


def _counts(db) -> dict[str, int]:
    return store.counts(db) | {"audit_log": db.execute("SELECT count(*) FROM audit_log").fetchone()[0]}


def _converter(path: Path) -> subprocess.Popen:
    """A process that imports everything, says "ready", then converts the database at `path`."""
    code = ("from kiosk.store.connection import open_db\n"
            "print('ready', flush=True)\n"
            f"open_db({str(path)!r}, migrate=False).conn.close()\n"
            "print('converted', flush=True)\n")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_sigkill_during_conversion_leaves_one_whole_database(tmp_path):
    rnd = random.Random(7)
    first = tmp_path / "timing" / "kiosk.db"
    first.parent.mkdir()
    _plain_database(first, 20_000)
    with _converter(first) as proc:  # how long one conversion takes here, from "ready" on
        assert proc.stdout.readline().strip() == "ready"
        start = time.perf_counter()
        assert proc.stdout.readline().strip() == "converted"
        took = time.perf_counter() - start
    # moments spread over the whole conversion, in a shuffled order; then, if none of them landed
    # while the encrypted copy was being written, a few more in the middle; and one after it ended
    moments: list[float | None] = [took * 1.2 * (k + rnd.random()) / KILLS for k in range(KILLS)]
    rnd.shuffle(moments)
    seen: set[str] = set()
    mid = 0
    run = 0
    while moments:
        moment = moments.pop(0)
        path = tmp_path / f"run{run}" / "kiosk.db"
        run += 1
        path.parent.mkdir()
        counts = _plain_database(path, 20_000)
        with _converter(path) as proc:
            assert proc.stdout.readline().strip() == "ready"
            if moment is None:
                assert proc.stdout.readline().strip() == "converted"
            else:
                time.sleep(moment)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        mid += (path.parent / "kiosk.db.encrypting").exists()
        state = file_state(path)
        seen.add(state)
        assert state in ("plain", "encrypted")
        if state == "plain":  # the plain database is whole, and the next start converts it
            raw = open_db(path, encrypted=False, migrate=False)
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and _counts(raw) == counts
            raw.conn.close()
        db = open_db(path, migrate=False)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and _counts(db) == counts
        db.conn.close()
        assert file_state(path) == "encrypted" and not (path.parent / "kiosk.db.encrypting").exists()
        if not moments and run <= KILLS:
            moments = [took * f for f in (0.6, 0.75, 0.9)] if not mid else []
            moments.append(None)
    assert mid >= 1, "no kill landed while the encrypted copy was written"
    assert seen == {"plain", "encrypted"}, f"the kills never hit both sides of the switch: {seen}"


def test_a_killed_export_leaves_no_part_file_after_the_next_start(tmp_path):
    office = Office(tmp_path)
    db = laptop(tmp_path / "laptop.db", office)
    services.intake(db, person("Pat", "Planted"))
    db.conn.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    code = (
        "import os, signal\n"
        "from kiosk import services, sync\n"
        f"db = services.open_kiosk({str(tmp_path / 'laptop.db')!r})\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # killed while the file is synced\n"
        f"sync.export_batch(db, {str(usb / 'day.sync')!r})\n"
    )
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=120)
    assert p.returncode == -signal.SIGKILL
    parts = list(usb.glob(".*.part"))
    assert len(parts) == 1 and parts[0].read_bytes().startswith(b"age-encryption.org/v1")  # whole, and left
    db = services.open_kiosk(tmp_path / "laptop.db")  # the next start
    assert list(usb.iterdir()) == []
    assert sync.export_batch(db, usb / "day.sync").applicants == 1
    assert [p.name for p in usb.iterdir()] == ["day.sync"]


def test_a_part_file_on_a_drive_plugged_in_later_is_removed_by_the_next_export_there(tmp_path):
    office = Office(tmp_path)
    db = laptop(tmp_path / "laptop.db", office)
    services.intake(db, person("Pat", "Planted"))
    usb = tmp_path / "usb"
    usb.mkdir()
    stale = usb / ".old.sync.abcd1234.part"
    stale.write_bytes(b"age-encryption.org/v1\n-> X25519 leftover\n")
    mine = usb / ".notes.part"
    mine.write_bytes(b"someone else's hidden file")
    sync.export_batch(db, usb / "new.sync")
    assert not stale.exists() and mine.exists()
