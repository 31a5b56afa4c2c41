"""Export and import of a laptop with many applicants, timed against a floor (`kiosk bench`).

The laptop is built fast: a few applicants go through the real intake (validation, rules,
documents, prints, audit), then their rows are cloned under new ids, references, names and
dockets. The floors are the least work that moves the same data securely: copy the SQLite
database and age-encrypt its bytes (export); decrypt them and copy every table into a fresh
database (import). Our figures add what the floors skip: the signature, the read-back check,
per-record versions, the order-free merge and the duplicate check."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

from . import services, store, sync
from .db import database_key
from .store import REF_ALPHABET

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
    from .validate import parse_event

    event = parse_event({**EVENT, "laptop_name": f"laptop-{seed}", "office_recipient": recipient})
    services.configure_event(db, event)
    made = []
    for i in range(min(templates, applicants)):
        applicant, _ = services.intake(db, _template(i))
        with store.transaction(db):
            for kind in ("packet", "receipt"):
                did = store.record_document(db, applicant.id, kind, f"{i:02d}{kind:0>62}"[:64], 4)
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
                    row[cols.index("docket")] = f"{1995 + n % 24}KN{(seed * 1_000_003 + n) % 1_000_000:06d}"
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
    from .encrypted_db import connect

    copy.unlink(missing_ok=True)
    src = connect(db_path, key)
    src.execute("ATTACH DATABASE ? AS plain KEY ''", [str(copy)])
    src.execute("SELECT sqlcipher_export('plain')")
    src.execute("DETACH DATABASE plain")
    src.close()


def _floor_export(db_path: Path, key: bytes, recipient: object) -> bytes:
    """Copy the SQLite data out of the encrypted file and age-encrypt the bytes."""
    import pyrage

    copy = db_path.with_suffix(".copy")
    _plain_copy(db_path, key, copy)
    data = copy.read_bytes()
    copy.unlink()
    return pyrage.encrypt(data, [recipient])


def _floor_import(cipher: bytes, identity: object, work: Path) -> None:
    """Decrypt, and copy every table of the laptop's data into a fresh database in one transaction."""
    import pyrage

    plain = work / "floor-plain.db"
    plain.write_bytes(pyrage.decrypt(cipher, [identity]))
    target = work / "floor-central.db"
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target)
    conn.execute("ATTACH DATABASE ? AS src", [str(plain)])
    with conn:
        for t in sync.EXPORT_TABLES:
            conn.execute(f"CREATE TABLE {t} AS SELECT * FROM src.{t}")
    conn.execute("DETACH DATABASE src")
    conn.close()
    plain.unlink()


def _timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def _export_unencrypted(db_path: Path, key: bytes, out: Path) -> float:
    """The same export from a plain copy of the database: what the encryption at rest costs."""
    from sqlite_utils import Database

    from .encrypted_db import connect

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


def bench_export_import(work: str | os.PathLike, applicants: int = 20_000, *,
                        passphrase: str = BENCH_PASSPHRASE) -> list[dict]:
    """Time one export (--all) and its import into an empty office database, with their floors.

    Returns rows {"name", "ours_s", "floor_s", "ratio", "target"} as `kiosk bench` prints them."""
    import pyrage

    from .db import open_db

    work = Path(work) / "sync-bench"
    work.mkdir(parents=True, exist_ok=True)
    identity = pyrage.x25519.Identity.generate()
    recipient = identity.to_public()
    laptop = work / "laptop.db"
    for old in work.glob("laptop*"):
        old.unlink()
    make_laptop(laptop, applicants, seed=1, recipient=str(recipient), passphrase=passphrase)
    db = services.open_kiosk(laptop, passphrase=passphrase)
    sync.laptop_key(db)  # the key is made once per laptop, not per export
    key = database_key(db)
    assert key is not None
    out = work / "laptop.sync"
    ours_export, result = _timed(lambda: sync.export_batch(db, out, scope="all"))
    floor_export, cipher = _timed(lambda: _floor_export(laptop, key, recipient))
    central = open_db(work / "central.db", encrypted=False)
    ours_import, summary = _timed(lambda: sync.import_files(central, [out], [identity]))
    floor_import, _ = _timed(lambda: _floor_import(cipher, identity, work))
    assert summary.files[0].new == applicants, summary.lines()
    db.conn.close()
    central.conn.close()
    size = f"{result.size / 1e6:.1f} MB file"

    def row(name: str, ours: float, floor: float, target: str) -> dict:
        return {"name": name, "ours_s": round(ours, 6), "floor_s": round(floor, 6),
                "ratio": round(ours / floor, 2) if floor else None, "target": target}

    return [
        row(f"export {applicants:,} applicants (encrypted, signed, read back; {size})", ours_export,
            floor_export, "a few seconds"),
        row(f"import {applicants:,} applicants (verify, merge, duplicate check)", ours_import, floor_import,
            "a few seconds"),
    ]


def main() -> None:
    """`python -m kiosk.bench_sync [N]`: print the two figures."""
    import sys
    import tempfile

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory(prefix="kiosk-sync-bench-") as d:
        for r in bench_export_import(d, n):
            print(f"{r['name']:<80} ours {r['ours_s']:.3f} s  floor {r['floor_s']:.3f} s  ratio {r['ratio']}")


if __name__ == "__main__":
    main()
