"""Hostile and huge files at the office, timed through `kiosk import` as a user runs it, with its
peak memory (`kiosk bench`; docs/benchmarks.md, "Sync"): a file of 4,000 copies of one person
(then a one-applicant import into the same database), a 1 MB gzip bomb (refused), and, behind
--large, 10^6 applicants in one file.

The files are signed by an enrolled laptop's key: they pass every check up to what they say."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pyrage

from kiosk import services, store, sync
from kiosk.passphrase import ENV
from kiosk.store.connection import open_db
from kiosk.sync.office.enrollment import enroll
from kiosk.validate import parse_event

from .sync_figures import BENCH_PASSPHRASE, FIRST, LAST, _reference, _row

_PEAK = ("import atexit, sys\n"
         "def peak():\n"
         "    s = open('/proc/self/status').read()\n"
         "    print('VmHWM', s.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
         "atexit.register(peak)\n"
         "from kiosk.cli import main\n")


def run_import(files: list[Path], central: Path, identity: Path) -> tuple[float, float, int, str]:
    """`kiosk import` in a new process: (wall seconds, peak MB, exit code, its output)."""
    args = ["import", *map(str, files), "--into", str(central), "--identity", str(identity)]
    t = time.perf_counter()
    env = {**os.environ, ENV: BENCH_PASSPHRASE}  # the office database is encrypted like any other
    p = subprocess.run([sys.executable, "-c", _PEAK + f"main({args!r})\n"], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    peak = int(p.stderr.split("VmHWM")[1].split()[0]) / 1024 if "VmHWM" in p.stderr else 0.0
    return wall, peak, p.returncode, p.stdout + p.stderr


class _Laptop:
    """One laptop with one applicant through the real intake: the rows the big files repeat."""

    def __init__(self, work: Path, ident: object, name: str):
        self.recipient = ident.to_public()  # type: ignore[attr-defined]
        self.db = services.open_kiosk(work / f"{name}.db", passphrase=BENCH_PASSPHRASE)
        services.configure_event(self.db, parse_event({
            "name": "Begin Again (benchmark)", "starts_on": "2018-09-21", "ends_on": "2018-09-22",
            "laptop_name": name, "office_recipient": str(self.recipient)}))
        services.intake(self.db, {
            "first_name": "Tamika", "last_name": "Sample", "date_of_birth": "1985-02-11", "consent_to_share": True,
            "convictions": [{"court": "criminal", "county": "kings", "docket": "2010KN012345",
                             "offense": "PL 221.10(1)", "arrest_date": "2010-03-01",
                             "conviction_date": "2010-03-02"}]})
        self.key = sync.laptop_key(self.db)
        self.sample = work / f"{name}-1.sync"
        sync.export_batch(self.db, self.sample, scope="all")
        plain = pyrage.decrypt(self.sample.read_bytes(), [ident])
        self.manifest = json.loads(plain.split(b"\n", 3)[1])

    def signed(self, tables: dict[str, tuple[list[str], Iterator[list]]] | None, path: Path, *,
               payload: bytes | None = None, counts: dict[str, int] | None = None) -> Path:
        """A file signed by this laptop with these tables (rows streamed into the gzip), or with
        this raw payload and these counts."""
        if payload is None:
            assert tables is not None
            z = zlib.compressobj(1, zlib.DEFLATED, 31)
            parts, counts = [z.compress(b'{"tables":{')], {}
            for n, (t, (cols, rows)) in enumerate(tables.items()):
                parts.append(z.compress(f'{"," if n else ""}"{t}":{{"columns":{json.dumps(cols)},"rows":['.encode()))
                k = 0
                for k, r in enumerate(rows, 1):
                    text = json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode()
                    parts.append(z.compress(b"," + text if k > 1 else text))
                counts[t] = k
                parts.append(z.compress(b"]}"))
            payload = b"".join([*parts, z.compress(b"}}"), z.flush()])
        manifest = dict(self.manifest, export_id=store.new_id(), created_at=store.now(), counts=counts,
                        payload_size=len(payload), payload_sha256=sync.sha256_hex(payload))
        plain = sync.pack(manifest, payload, sync.signing_key(self.db))
        path.write_bytes(pyrage.encrypt(plain, [self.recipient]))
        return path

    def rows(self) -> dict[str, tuple[list[str], list[list]]]:
        ids = list(store.sync_applicant_versions(self.db))
        out = {}
        for t in sync.EXPORT_TABLES:
            cols = [c for c in store.table_columns(self.db, t) if c not in sync.NOT_EXPORTED.get(t, ())]
            mine = None if t in ("events", "attorneys", "audit_log") else ids
            out[t] = (cols, [list(r) for r in store.sync_rows(self.db, t, cols, applicant_ids=mine)])
        return out


def _clones(laptop: _Laptop, n: int, *, same_person: bool) -> dict[str, tuple[list[str], Iterator[list]]]:
    """The laptop's applicant repeated n times under new ids and references; the same person each
    time, or a different name, birthday and docket each time."""
    tables = laptop.rows()

    def gen(t: str, cols: list[str], rows: list[list]) -> Iterator[list]:
        rnd = random.Random(7)  # about as many shared names and birthdays as a real crowd
        for k in range(n):
            for r in rows:
                r2 = list(r)
                for c in ("id", "applicant_id", "conviction_id", "document_id"):
                    if c in cols and r2[cols.index(c)]:
                        r2[cols.index(c)] = f"{r[cols.index(c)][:24]}{k:012d}"
                if t == "applicants":
                    r2[cols.index("reference")] = _reference(k + 1000)
                    if not same_person:
                        r2[cols.index("first_name")] = rnd.choice(FIRST)
                        r2[cols.index("last_name")] = f"{rnd.choice(LAST)}-{rnd.choice(LAST)}"
                        r2[cols.index("date_of_birth")] = \
                            f"{rnd.randint(1945, 2000)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
                elif t == "convictions" and not same_person:
                    r2[cols.index("docket")] = f"2010KN{k % 1_000_000:06d}"
                yield r2

    return {t: (cols, gen(t, cols, rows) if t in ("applicants", *store.SYNC_CHILD_TABLES) else iter(rows))
            for t, (cols, rows) in tables.items()}


def _bomb(inflated: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [z.compress(b'{"tables":{"events":{"columns":["id"],"rows":[["')]
    block = b"A" * (1024 * 1024)
    parts += [z.compress(block) for _ in range(inflated // len(block))]
    return b"".join([*parts, z.compress(b'"]]}}}'), z.flush()])


def bench_hostile(work: Path, *, large: bool = False) -> list[dict]:
    """The hostile-file figures as `kiosk bench` rows."""
    work = Path(work) / "office-bench"
    work.mkdir(parents=True, exist_ok=True)
    ident = pyrage.x25519.Identity.generate()
    identity = work / "office.txt"
    identity.write_text(f"{ident}\n")
    a = _Laptop(work, ident, "table-a")
    b = _Laptop(work, ident, "table-b")
    out = []

    def central(name: str) -> Path:
        path = work / name
        db = open_db(path, passphrase=BENCH_PASSPHRASE)
        for lap in (a, b):
            enroll(db, lap.key.fingerprint, lap.key.laptop_id)
        db.conn.close()
        return path

    copies = a.signed(_clones(a, 4000, same_person=True), work / "copies.sync")
    c = central("copies.db")
    wall, peak, code, text = run_import([copies], c, identity)
    assert code == 0, text[-300:]
    flags = open_db(c, passphrase=BENCH_PASSPHRASE).execute("SELECT COUNT(*) FROM duplicate_flags").fetchone()[0]
    out.append(_row(f"import 4,000 copies of one person ({copies.stat().st_size / 1e3:.0f} KB; {flags:,} flags; "
                    f"peak {peak:.0f} MB)", wall, None, "seconds, flags ~ copies"))
    wall, peak, code, text = run_import([b.sample], c, identity)
    assert code == 0, text[-300:]
    out.append(_row(f"then import 1 applicant into that database (peak {peak:.0f} MB)", wall, None, "< 1 s"))
    counts = {t: 0 for t in sync.EXPORT_TABLES} | {"events": 1}
    bomb = a.signed(None, work / "bomb.sync", payload=_bomb(1024**3), counts=counts)
    wall, peak, code, text = run_import([bomb, b.sample], central("bomb.db"), identity)
    assert code == 1 and "rejected" in text, text[-300:]
    out.append(_row(f"1 MB gzip bomb ({bomb.stat().st_size / 1e6:.1f} MB, 1 GiB inflated): refused, the good file "
                    f"beside it merged (peak {peak:.0f} MB)", wall, None, "refused, peak < 100 MB"))
    if large:
        n = 1_000_000
        huge = a.signed(_clones(a, n, same_person=False), work / "huge.sync")
        wall, peak, code, text = run_import([huge], central("huge.db"), identity)
        assert code == 0, text[-300:]
        size = huge.stat().st_size / 1e6
        out.append(_row(f"import {n:,} applicants in one file ({size:.0f} MB; peak {peak:.0f} MB)", wall, None,
                        "peak < 500 MB"))
    return out
