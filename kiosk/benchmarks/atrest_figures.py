"""`kiosk bench` figures for the database at rest (docs/storage-encryption.md): what the
encryption costs an autosave and the 20,000-applicant export, how long the shipped Argon2id cost
takes to unlock (start-up to the unlock prompt is a window figure: ui/bench.py). Each encrypted
figure is paired with the same work on an unencrypted copy, measured in the same run."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from kiosk import keyfile, services
from kiosk.store.connection import open_db

from .samples import figure_row as _row
from .sync_figures import BENCH_PASSPHRASE, bench_export_encryption


def _autosave_median(db, runs: int) -> float:
    draft = {"first_name": "Tamika", "last_name": "Sample", "date_of_birth": "1980-04-02",
             "convictions": [{"docket": "2016KN074376", "offense": "PL 221.10(1)"}]}
    aid, times = "", []
    for i in range(runs):
        draft["middle_name"] = "Q" * (i % 5)
        t = time.perf_counter()
        aid = services.autosave_wizard(db, draft, "person", applicant_id=aid).id
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_autosave(tmp: Path, runs: int = 60) -> dict:
    """One wizard autosave (a committed, fsynced write) on the encrypted database vs a plain one."""
    enc = services.open_kiosk(tmp / "autosave-enc.db", passphrase=BENCH_PASSPHRASE)
    plain = open_db(tmp / "autosave-plain.db", encrypted=False)
    ours, floor = [], []
    for _ in range(3):  # paired rounds: the machine's noise falls on both
        ours.append(_autosave_median(enc, runs // 3))
        floor.append(_autosave_median(plain, runs // 3))
    enc.conn.close()
    plain.conn.close()
    return _row("autosave (median): encrypted database vs unencrypted", min(ours), min(floor), "< 20 ms")


def bench_unlock(tmp: Path) -> dict:
    """Deriving the key-encryption key at the shipped Argon2id cost (what typing the passphrase costs)."""
    saved = keyfile.COST
    keyfile.COST = keyfile.KdfCost()
    try:
        _, data = keyfile.new_key_file(BENCH_PASSPHRASE)
        keyfile._kek.cache_clear()
        t = time.perf_counter()
        keyfile.unwrap(data, BENCH_PASSPHRASE)
        took = time.perf_counter() - t
    finally:
        keyfile.COST = saved
        keyfile._kek.cache_clear()
    c = keyfile.KdfCost()
    return _row(f"unlock: Argon2id (t={c.time_cost}, {c.memory_kib // 1024} MiB, p={c.parallelism})", took, None,
                "about 0.5 s: slow for a guesser")


def bench_atrest(tmp: Path, results: list, applicants: int) -> None:
    results.append(bench_unlock(tmp))
    results.append(bench_autosave(tmp))
    results.append(bench_export_encryption(tmp, applicants))
