"""Helpers for the sync-file tests: an office key, laptops with applicants, and file surgery
(decrypt, change, re-encrypt) to build the hostile files the office must reject."""

from __future__ import annotations

import base64
import copy
import io
import json
import sys
from pathlib import Path

import pyrage

from kiosk import services, store, sync
from kiosk.cli import main as cli_main
from kiosk.store.connection import open_db
from kiosk.validate import parse_event

PERSON = {
    "first_name": "Jane", "middle_name": "Q", "last_name": "Sample", "suffix": "",
    "aliases": ["Janie Sample"], "date_of_birth": "1980-04-02", "nysid": "01234567L", "language": "en",
    "contact": {"phone": "718-555-0100", "email": "jane@example.org", "address": "1 Main St, Brooklyn"},
    "consent_to_share": True, "other_convictions": {"violent_felony": False, "sex_offense": False},
    "open_case_or_warrant": False, "immigration_concern": False,
    "convictions": [{
        "court": "criminal", "county": "kings", "docket": "2016KN074376", "docket_source": "document",
        "offense": "PL 221.10(1)", "arrest_date": "2016-03-20", "conviction_date": "2016-03-21",
        "plea": "guilty", "sentence": "time served", "original_charge": "PL 221.10(1)",
    }],
}


def person(first: str, last: str, dob: str | None = "1980-04-02", docket: str = "2016KN074376",
           aliases: list[str] | None = None, offense: str = "PL 221.10(1)", middle: str = "") -> dict:
    p = copy.deepcopy(PERSON)
    p.update(first_name=first, last_name=last, middle_name=middle, date_of_birth=dob, aliases=aliases or [])
    year = docket[:4] if docket[:4].isdigit() else "2016"
    p["convictions"][0].update(docket=docket, offense=offense, arrest_date=f"{year}-03-20",
                               conviction_date=f"{year}-03-21")
    return p


class Office:
    """The DA office's key pair, as `kiosk office keygen` makes it."""

    def __init__(self, folder: Path):
        self.identity_path = folder / "office-identity.txt"
        self.recipient = sync.office_keygen(self.identity_path)
        self.identities = sync.read_identities(self.identity_path)


def laptop(path: Path, office: Office | None, name: str = "laptop"):
    """A laptop database set up for the 2018 event, with the office key (or none)."""
    db = services.open_kiosk(path)
    services.configure_event(db, parse_event({
        "name": "Begin Again", "starts_on": "2018-09-21", "ends_on": "2018-09-22",
        "venue": "Lenox Road Baptist Church", "laptop_name": name,
        "office_recipient": office.recipient if office else "",
    }))
    return db


def add_print(db, applicant_id: str, kind: str = "packet") -> None:
    with store.transaction(db):
        did = store.record_document(db, applicant_id, kind, "ab" * 32, 4)
        store.record_print(db, applicant_id, did, 2, "Test printer")


def central(path: Path):
    return open_db(path)


def enroll(central_db, *laptops) -> None:
    """Enroll these laptops' keys at the office, as `kiosk office enroll` does."""
    from kiosk.sync.office.enrollment import enroll as enroll_key

    for db in laptops:
        event = store.current_event(db)
        enroll_key(central_db, sync.laptop_key(db).fingerprint, event.laptop_name if event else "")


def all_tables(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()]


def full_digest(db) -> str:
    """Every table, bookkeeping included: proof that nothing at all was written."""
    return store.data_digest(db, all_tables(db))


def laptop_digest(db) -> str:
    """A laptop's records and its export bookkeeping (what a failed export must leave alone)."""
    return store.data_digest(db, ("settings", "applicants", "aliases", "convictions", "determinations",
                                  "documents", "print_jobs", "audit_log", "exports", "export_items"))


def run_cli(*args: str) -> tuple[int, str]:
    """Run `kiosk ...` in-process; (exit code, stdout + stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        cli_main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue() + err.getvalue()


# --- file surgery --------------------------------------------------------------------------------

def decrypt(office: Office, data: bytes) -> bytes:
    return pyrage.decrypt(data, office.identities)


def encrypt(office: Office, plain: bytes) -> bytes:
    return pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(office.recipient)])


def split(plain: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """(version line, manifest line, signature line, payload) of a container."""
    version, manifest, sig, payload = plain.split(b"\n", 3)
    return version, manifest, sig, payload


def join(version: bytes, manifest: bytes, sig: bytes, payload: bytes) -> bytes:
    return b"\n".join([version, manifest, sig, payload])


def resign(manifest: dict, payload: bytes, key=None) -> bytes:
    """A container signed with `key` (a fresh Ed25519 key by default) whose manifest names it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = key or Ed25519PrivateKey.generate()
    pub = sync.public_bytes(key)
    m = dict(manifest, public_key=base64.b64encode(pub).decode(), key_fingerprint=sync.fingerprint(pub),
             payload_size=len(payload), payload_sha256=sync.sha256_hex(payload))
    return sync.pack(m, payload, key)


def laptop_signing_key(db):
    return sync.signing_key(db)


def manifest_of(plain: bytes) -> dict:
    return json.loads(split(plain)[1])
