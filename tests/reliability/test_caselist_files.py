"""Hostile case list files that decrypt with the right passphrase but were built wrongly or
forged by someone holding it: each is refused with one line naming the file, and a laptop's
loaded list stays as it was."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from kiosk.caselist import listfile as caselist
from kiosk.caselist import passphrase_age
from kiosk.caselist import service as caselist_service
from kiosk.errors import InputError
from tests.core import caselist_support as cs
from tests.core.sync_support import full_digest


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """(the good list's decrypted content, a laptop database with it loaded)."""
    folder = tmp_path_factory.mktemp("office")
    path, _ = cs.build_list(folder)
    db = cs.laptop_with_list(folder, path)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return caselist.decrypt(path.read_bytes(), cs.PASSPHRASE, path.name), folder / "kiosk.db"


def parts(plain: bytes) -> tuple[dict, dict]:
    body = plain[len(caselist.MAGIC):]
    line, payload = body.split(b"\n", 1)
    return json.loads(line), json.loads(gzip.decompress(payload))


def pack(manifest: dict, people: dict, *, fix_hash: bool = True, magic: bytes = caselist.MAGIC) -> bytes:
    payload = gzip.compress(json.dumps(people).encode())
    if fix_hash:
        manifest = {**manifest, "payload_sha256": hashlib.sha256(payload).hexdigest(), "payload_bytes": len(payload)}
    return magic + json.dumps(manifest).encode() + b"\n" + payload


def forged(plain: bytes, how: str) -> bytes:
    m, p = parts(plain)
    first = p["people"][0][caselist.PERSON_FIELDS.index("convictions")][0]
    if how == "payload changed, hash kept":
        first[caselist.CONVICTION_FIELDS.index("docket")] = "2016KN000001"
        return pack(m, p, fix_hash=False)
    if how == "a person left out":
        p["people"].pop()
        return pack(m, p)
    if how == "a conviction's date is not a date":
        first[caselist.CONVICTION_FIELDS.index("conviction_date")] = "last May"
        return pack(m, p)
    if how == "a flag is a string":
        first[caselist.CONVICTION_FIELDS.index("fines_owed")] = "no"
        return pack(m, p)
    if how == "fields in another order":
        return pack({**m, "conviction_fields": sorted(m["conviction_fields"])}, p)
    if how == "a name no database can hold":  # a lone surrogate, as JSON can spell it
        p["people"][0][caselist.PERSON_FIELDS.index("last_name")] = "Alv\ud800arez"
        return pack(m, p)
    if how == "another format version":
        return pack({**m, "version": 2}, p)
    if how == "not a case list inside":
        return b"begin-again-sync/1\n" + plain[len(caselist.MAGIC):]
    raise AssertionError(how)


HOW = ["payload changed, hash kept", "a person left out", "a conviction's date is not a date", "a flag is a string",
       "a name no database can hold", "fields in another order", "another format version", "not a case list inside"]


@pytest.mark.parametrize("how", HOW)
def test_a_forged_list_is_refused_in_one_line_and_the_loaded_list_stays(office, how, tmp_path):
    plain, template = office
    bad = tmp_path / "bad.age"
    bad.write_bytes(passphrase_age.encrypt(forged(plain, how), cs.PASSPHRASE))  # as the office writes it
    db = cs.laptop_with_list(tmp_path, bad, template)
    before = full_digest(db)
    with pytest.raises(InputError) as e:
        caselist_service.load(db, str(bad), cs.PASSPHRASE)
    message = str(e.value)
    assert message.startswith("bad.age: ") and "\n" not in message
    assert "2016KN" not in message and "Alvarez" not in message
    assert full_digest(db) == before
