"""Durability: intake runs in a child process that is SIGKILLed at random moments, over and over.

Every save the child reported as done must be present and whole afterwards, the database must pass
PRAGMA integrity_check, and the app must start cleanly on it. KIOSK_SOAK=1 runs 1,000 kills."""

import multiprocessing
import os
import random
import signal
import time

import pytest

from kiosk import services, store
from kiosk.benchmarks.samples import sample_applicant
from kiosk.store.connection import open_db

KILLS = 1000 if os.environ.get("KIOSK_SOAK") else 120


def _child(db_path: str, start: int, conn) -> None:
    db = services.open_kiosk(db_path)
    conn.send(("ready", None))
    i = start
    while True:
        applicant, _ = services.intake(db, sample_applicant(i, convictions=1 + i % 3))
        conn.send(("saved", (applicant.id, len(applicant.convictions))))
        i += 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL of a forked child needs POSIX")
def test_sigkill_during_intake_loses_no_reported_save(tmp_path):
    db_path = str(tmp_path / "kiosk.db")
    services.open_kiosk(db_path).conn.close()
    ctx = multiprocessing.get_context("fork")
    rnd = random.Random(2018)
    reported: dict[str, int] = {}
    for run in range(KILLS):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(db_path, run * 1000, child))
        proc.start()
        assert parent.poll(30), "child did not open the database"
        assert parent.recv()[0] == "ready"
        time.sleep(rnd.uniform(0.0, 0.08))  # a random moment mid-intake: the point of the test
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        while parent.poll():
            try:
                kind, value = parent.recv()
            except (EOFError, OSError):
                break
            if kind == "saved":
                reported[value[0]] = value[1]
        parent.close()
    assert len(reported) > KILLS, "too few saves completed between kills; the test proves little"

    raw = open_db(db_path, migrate=False).conn  # the encrypted file, unlocked
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    db = services.open_kiosk(db_path)  # the app starts cleanly on the killed database
    for applicant_id, n_convictions in reported.items():
        applicant = store.get_applicant(db, applicant_id)
        dets = store.get_determinations(db, applicant_id)
        assert len(applicant.convictions) == n_convictions
        assert set(dets) == {c.id for c in applicant.convictions}, "a save was reported but not whole"
    # nothing half-written either: every applicant in the database is whole
    for row in store.list_applicants(db, limit=100_000):
        applicant = store.get_applicant(db, row["id"])
        assert applicant.convictions and len(store.get_determinations(db, row["id"])) == len(applicant.convictions)
