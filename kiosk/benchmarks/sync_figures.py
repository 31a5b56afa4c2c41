"""Export and import of a laptop with many applicants, timed against like-for-like floors
(`kiosk bench`; docs/benchmarks.md, "Sync").

The laptop is built fast: a few applicants go through the real intake (validation, rules,
documents, prints, audit), then their rows are cloned under new ids, references, names and
dockets. Each floor is the least work that produces the same output: export = SQLite writes the
same rows as JSON, gzip, age, write; import = age decrypt, gunzip, json.loads, INSERT ... ON
CONFLICT of every row into the office schema. Our figures add what the floors skip: the
signature, the read-back check, the checks of every field, ownership and the duplicate check."""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pyrage
from sqlite_utils import Database

from kiosk import services, store, sync
from kiosk.store import REF_ALPHABET
from kiosk.store.cipher import connect
from kiosk.store.connection import database_key, open_db
from kiosk.sync.office.enrollment import enroll
from kiosk.sync.office.importer import import_files
from kiosk.validate import parse_event

from . import floors

FIRST = ["Tamika", "José", "Nguyễn", "Łukasz", "Aisha", "Marcus", "Wei", "Olga", "Darnell", "María",
         "Kwame", "Fatima", "Dmitri", "Yolanda", "Sean", "Mei", "Andre", "Rosa", "Tyrone", "Ana"]
LAST = ["Sample", "Núñez", "O'Brien", "Wójcik", "Johnson", "Baptiste", "Chen", "Ivanova", "Smith", "Lee",
        "Pierre", "Rodríguez", "Okafor", "García-López", "Williams", "Kowalski", "Haddad", "Brown",
        "Díaz", "Jean-Baptiste"]
OFFENSES = ["PL 221.10(1)", "PL 221.10(1)", "PL 221.05", "PL 221.15", "PL 221.35", "PL 221.20"]
EVENT = {"name": "Begin Again (benchmark)", "starts_on": "2018-09-21", "ends_on": "2018-09-22",
         "venue": "Lenox Road Baptist Church", "county": "kings"}


def _reference(n: int) -> str:
    digits = []
    for _ in range(6):
        n, r = divmod(n, len(REF_ALPHABET))
        digits.append(REF_ALPHABET[r])
    return "BA-" + "".join(reversed(digits))


def _template(i: int) -> dict:
    convictions = [{
        "court": "criminal", "county": "kings", "docket": f"{2005 + k}KN{i * 10 + k:06d}",
        "docket_source": "document", "offense": OFFENSES[(i + k) % len(OFFENSES)],
        "arrest_date": f"{2005 + k}-03-01", "conviction_date": f"{2005 + k}-03-02",
        "sentence": "conditional discharge",
    } for k in range(1 + i % 2)]
    return {"first_name": FIRST[i], "last_name": LAST[i], "date_of_birth": f"198{i % 10}-0{1 + i % 9}-11",
            "aliases": [f"{FIRST[i]} {LAST[(i + 3) % len(LAST)]}"] if i % 3 == 0 else [],
            "contact": {"phone": "718-555-0100"}, "consent_to_share": True, "convictions": convictions}


# The bench's throwaway databases are encrypted like a laptop's, under this passphrase.
BENCH_PASSPHRASE = "throwaway bench databases only"


def make_laptop(path: str | os.PathLike, applicants: int, *, seed: int = 0, recipient: str = "",
                templates: int = 10, passphrase: str | None = None) -> None:
    """A laptop database with `applicants` applicants (and their convictions, determinations,
    documents, print records and audit entries). `seed` makes the ids and names of one laptop."""
    db = services.open_kiosk(Path(path), passphrase=passphrase)
    event = parse_event({**EVENT, "laptop_name": f"laptop-{seed}", "office_recipient": recipient})
    services.configure_event(db, event)
    made = []
    for i in range(min(templates, applicants)):
        applicant, _ = services.intake(db, _template(i))
        with store.transaction(db):
            for kind in ("packet", "receipt"):
                digest = hashlib.sha256(f"{i}{kind}".encode()).hexdigest()
                did = store.record_document(db, applicant.id, kind, digest, 4)
                store.record_print(db, applicant.id, did, 1, "bench printer")
        made.append(applicant.id)
    extra = applicants - len(made)
    if extra <= 0:
        return
    tables = {}
    with store.transaction(db):
        for t in ("applicants", *store.SYNC_CHILD_TABLES):
            cols = store.table_columns(db, t)
            tables[t] = (cols, [list(r) for r in store.sync_rows(db, t, cols, applicant_ids=made)])
        acols = store.table_columns(db, "audit_log")
        audit = [list(r) for r in store.sync_rows(db, "audit_log", acols)]
    by_app: dict[str, dict[str, list[list]]] = {a: {} for a in made}
    for t, (cols, rows) in tables.items():
        k = cols.index("id" if t == "applicants" else "applicant_id")
        for r in rows:
            by_app[r[k]].setdefault(t, []).append(r)
    ai, rec = acols.index("id"), acols.index("record_id")
    audit_by_app: dict[str, list[list]] = {}
    for r in audit:
        audit_by_app.setdefault(r[rec], []).append(r)
    out: dict[str, list[list]] = {t: [] for t in tables}
    out_audit: list[list] = []
    rnd = random.Random(seed)
    for n in range(extra):
        src = made[n % len(made)]
        aid = f"{seed:04d}a{n:08d}-0000-4000-8000-000000000000"
        ids: dict[str, str] = {src: aid}
        for t, (cols, _) in tables.items():
            i = cols.index("id")
            for j, r in enumerate(by_app[src].get(t, [])):
                if t != "applicants":
                    ids[r[i]] = f"{seed:04d}{t[0]}{n:08d}-{j:04d}-4000-8000-000000000000"
        for t, (cols, _) in tables.items():
            for r in by_app[src].get(t, []):
                row = [ids.get(v, v) if isinstance(v, str) else v for v in r]
                if t == "applicants":  # about as many shared names and birthdays as a real crowd
                    row[cols.index("reference")] = _reference(seed * 10_000_000 + n + 100)
                    row[cols.index("first_name")] = rnd.choice(FIRST)
                    row[cols.index("last_name")] = f"{rnd.choice(LAST)}-{rnd.choice(LAST)}"
                    row[cols.index("date_of_birth")] = \
                        f"{rnd.randint(1945, 2000)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
                elif t == "convictions":
                    year = row[cols.index("docket")][:4]  # the docket's year stays the conviction's
                    row[cols.index("docket")] = f"{year}KN{(seed * 1_000_003 + n) % 1_000_000:06d}"
                elif t == "aliases":
                    row[cols.index("name")] = f"{FIRST[(n * 5) % len(FIRST)]} {LAST[(n + seed) % len(LAST)]}"
                out[t].append(row)
        for j, r in enumerate(audit_by_app.get(src, [])):
            row = list(r)
            row[ai] = f"{seed:04d}l{n:08d}-{j:04d}-4000-8000-000000000000"
            row[rec] = ids.get(row[rec], row[rec])
            out_audit.append(row)
    with store.transaction(db):
        for t, (cols, _) in tables.items():
            store.sync_insert_rows(db, t, cols, out[t])
        store.sync_insert_rows(db, "audit_log", acols, out_audit)
    db.conn.close()


def _plain_copy(db_path: Path, key: bytes, copy: Path) -> None:
    """Decrypt the laptop database into a plain SQLite file (SQLCipher's export)."""
    copy.unlink(missing_ok=True)
    src = connect(db_path, key)
    src.execute("ATTACH DATABASE ? AS plain KEY ''", [str(copy)])
    src.execute("SELECT sqlcipher_export('plain')")
    src.execute("DETACH DATABASE plain")
    src.close()


def _floor_export(db_path: Path, key: bytes, recipient: object, out: Path) -> None:
    """The least work that writes the same data: SQLite writes each exported table's rows as JSON
    (the same columns and rows as the export), gzip at the export's level, age-encrypt, write."""
    conn = connect(db_path, key)  # the laptop database, encrypted as ours reads it
    z = zlib.compressobj(1, zlib.DEFLATED, 31)
    parts = [z.compress(b'{"tables":{')]
    for n, t in enumerate(sync.EXPORT_TABLES):
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in sync.NOT_EXPORTED.get(t, ())]
        where = " WHERE purged_at IS NULL" if t == "applicants" else ""
        rows = conn.execute(f"SELECT COALESCE(json_group_array(json_array({', '.join(cols)})), '[]') "
                            f"FROM (SELECT * FROM {t}{where} ORDER BY id)").fetchone()[0]
        head = f'{"," if n else ""}"{t}":{{"columns":{json.dumps(cols)},"rows":'
        parts += [z.compress(head.encode()), z.compress(rows.encode()), z.compress(b"}")]
    parts += [z.compress(b"}}"), z.flush()]
    conn.close()
    out.write_bytes(pyrage.encrypt(b"".join(parts), [recipient]))


def _floor_import(cipher: bytes, identity: object, target: Path) -> int:
    """The least work that stores the same data: age-decrypt, gunzip, json.loads, and INSERT ...
    ON CONFLICT DO UPDATE every row into the office schema, one transaction. Returns the rows."""
    body = json.loads(zlib.decompress(pyrage.decrypt(cipher, [identity]), 31))
    conn = sqlite3.connect(target)
    n = 0
    with conn:
        for t, part in body["tables"].items():
            cols = part["columns"]
            sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
            conn.executemany(f"INSERT INTO {t}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                             f"ON CONFLICT(id) DO UPDATE SET {sets}", part["rows"])
            n += len(part["rows"])
    conn.close()
    return n


def _floor_import_file(path: Path, identity: object, target: Path) -> int:
    return _floor_import(path.read_bytes(), identity, target)


def same_stored_rows(ours: Path, floor: Path) -> None:
    """Check the floors made what ours made: the same rows in every table of the file, in the
    office database. The floor's export runs after ours, so it also carries ours' own audit
    entry ("sync.export"), and nothing else."""
    conn = sqlite3.connect(ours)
    conn.execute("ATTACH DATABASE ? AS floor", [str(floor)])
    for t in sync.EXPORT_TABLES:
        only_ours = conn.execute(f"SELECT COUNT(*) FROM (SELECT * FROM main.{t} EXCEPT SELECT * FROM floor.{t})")
        what = "action" if t == "audit_log" else "id"
        extra = [r[0] for r in conn.execute(f"SELECT {what} FROM (SELECT * FROM floor.{t} "
                                             f"EXCEPT SELECT * FROM main.{t})")]
        if only_ours.fetchone()[0] or extra not in ([], ["sync.export"] if t == "audit_log" else []):
            raise RuntimeError(f"the floor's {t} rows differ from ours: not a like-for-like floor")
    conn.close()


def _timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def _export_unencrypted(db_path: Path, key: bytes, out: Path) -> float:
    """The same export from a plain copy of the database: what the encryption at rest costs."""
    plain = db_path.with_name("laptop-plain.db")
    for side in ("", "-wal", "-shm"):
        Path(str(plain) + side).unlink(missing_ok=True)
    _plain_copy(db_path, key, plain)
    conn = connect(plain, None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    db = Database(conn, execute_plugins=False)
    seconds, _ = _timed(lambda: sync.export_batch(db, out, scope="all"))
    conn.close()
    return seconds


def bench_export_encryption(work: str | os.PathLike, applicants: int = 20_000, *, rounds: int = 3) -> dict:
    """The export from the encrypted laptop database against the same export from an unencrypted
    copy, in paired rounds (best of each): what encryption at rest costs the export."""
    work = Path(work) / "sync-bench-encryption"
    work.mkdir(parents=True, exist_ok=True)
    laptop = work / "laptop.db"
    recipient = str(__import__("pyrage").x25519.Identity.generate().to_public())
    make_laptop(laptop, applicants, seed=2, recipient=recipient, passphrase=BENCH_PASSPHRASE)
    db = services.open_kiosk(laptop, passphrase=BENCH_PASSPHRASE)
    sync.laptop_key(db)
    key = database_key(db)
    assert key is not None
    db.conn.close()
    enc, plain = [], []
    for i in range(rounds):  # each export on a fresh connection, as the GUI's export worker opens one
        db = services.open_kiosk(laptop, key=key)
        seconds, _ = _timed(lambda i=i, db=db: sync.export_batch(db, work / f"enc{i}.sync", scope="all"))
        db.conn.close()
        enc.append(seconds)
        plain.append(_export_unencrypted(laptop, key, work / f"plain{i}.sync"))
    ours, floor = min(enc), min(plain)
    return {"name": f"export {applicants:,} applicants: encrypted database vs an unencrypted copy",
            "ours_s": round(ours, 6), "floor_s": round(floor, 6), "ratio": round(ours / floor, 2),
            "target": "within 1.3x"}


def bench_export_import(work: str | os.PathLike, applicants: int = 20_000, *, runs: int = 1,
                        passphrase: str = BENCH_PASSPHRASE) -> list[dict]:
    """Time the export (--all) and its import into an empty, enrolled office database, each
    against its like-for-like floor (docs/benchmarks.md, "Sync"): `runs` pairs of each, ours then
    the floor back to back, on one laptop built once. The floors' stored rows are checked against
    ours in every run (same_stored_rows).

    Returns rows as `kiosk bench` prints them: medians, minimums and the median and lowest
    per-pair ratio (kiosk.benchmarks.floors.summary)."""
    work = Path(work) / "sync-bench"
    work.mkdir(parents=True, exist_ok=True)
    identity = pyrage.x25519.Identity.generate()
    recipient = identity.to_public()
    laptop = work / "laptop.db"
    for old in work.glob("laptop*"):
        old.unlink()
    make_laptop(laptop, applicants, seed=1, recipient=str(recipient), passphrase=passphrase)
    db = services.open_kiosk(laptop, passphrase=passphrase)
    key = sync.laptop_key(db)  # the key is made once per laptop, not per export
    db_key = database_key(db)
    assert db_key is not None
    db.conn.close()
    out = work / "laptop.sync"
    floor_out = work / "floor.sync"
    floor_db = work / "floor-central.db"
    times: dict[str, list[float]] = {"export": [], "floor export": [], "import": [], "floor import": []}
    size = 0
    for _ in range(runs):
        for f in (out, floor_out):
            f.unlink(missing_ok=True)
        # each export on a fresh connection, as the GUI's export worker opens one and as the floor
        # does: no decrypted page is left in its cache from the run before
        laptop_db = services.open_kiosk(laptop, key=db_key)
        seconds, result = _timed(lambda d=laptop_db: sync.export_batch(d, out, scope="all"))
        laptop_db.conn.close()
        times["export"].append(seconds)
        size = result.size
        times["floor export"].append(_timed(lambda: _floor_export(laptop, db_key, recipient, floor_out))[0])
        for name in ("central.db", "floor-central.db"):
            for side in ("", "-wal", "-shm"):
                (work / (name + side)).unlink(missing_ok=True)
        central = open_db(work / "central.db", encrypted=False)
        enroll(central, key.fingerprint, "bench laptop")
        open_db(floor_db, encrypted=False).conn.close()  # the same schema, made before the clock starts
        seconds, summary = _timed(lambda c=central: import_files(c, [out], [identity]))
        times["import"].append(seconds)
        times["floor import"].append(_timed(lambda: _floor_import_file(floor_out, identity, floor_db))[0])
        assert summary.files[0].new == applicants, summary.lines()
        central.conn.close()
        same_stored_rows(work / "central.db", floor_db)
    return [
        floors.row(f"export {applicants:,} applicants (encrypted, signed, read back; {size / 1e6:.1f} MB file)",
                   floors.summary(times["export"], times["floor export"]), "within 1.5x"),
        floors.row(f"import {applicants:,} applicants (verify, check every field, merge, duplicates)",
                   floors.summary(times["import"], times["floor import"]), "within 1.5x"),
    ]


def _row(name: str, ours: float, floor: float | None, target: str) -> dict:
    return {"name": name, "ours_s": round(ours, 6), "floor_s": round(floor, 6) if floor else None,
            "ratio": round(ours / floor, 2) if floor else None, "target": target}


def main() -> None:
    """`python -m kiosk.benchmarks.sync_figures [N [RUNS]]`: print the two figures."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="kiosk-sync-bench-") as d:
        for r in bench_export_import(d, n, runs=runs):
            print(f"{r['name']:<80} ours {r['ours_s']:.3f} s  floor {r['floor_s']:.3f} s  ratio {r['ratio']} "
                  f"(lowest {r['ratio_min']}, {r['runs']} pairs)")


if __name__ == "__main__":
    main()
