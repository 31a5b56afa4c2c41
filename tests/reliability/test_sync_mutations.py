"""Hostile sync files at the office: bit flips, truncation, swapped parts, a wrong key, a wrong
version, replays, forged signatures and well-signed nonsense. Every one is rejected (or, for a
replay, reported as already imported) and the central database does not change at all: the
digest of every table, bookkeeping included, is the same before and after.

The mutated files come from a laptop whose files were never imported, so a mutation that got
through would add records and change the digest."""

from __future__ import annotations

import base64
import io
import json
import os
import sys
import zlib
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import services, sync
from kiosk.benchmarks.sync_figures import make_laptop
from kiosk.cli import main as cli_main
from kiosk.sync.office import importer as office_import
from tests.core.sync_support import (
    Office,
    central,
    decrypt,
    encrypt,
    enroll,
    full_digest,
    join,
    laptop,
    laptop_signing_key,
    manifest_of,
    person,
    resign,
    split,
)

HYP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class World:
    def __init__(self, root: Path):
        self.root = root
        self.office = Office(root)
        self.a = laptop(root / "a.db", self.office, "a")
        x, _ = services.intake(self.a, person("Jane", "Sample"))
        self.e1 = self.export(self.a, "a-1")
        self.a_all_old = self.export(self.a, "a-all-old", "all")
        services.set_attorney_note(self.a, x.id, "second look", actor="att")
        self.a_all_new = self.export(self.a, "a-all-new", "all")  # supersedes a-all-old entirely
        services.intake(self.a, person("Marcus", "Johnson", docket="2011KN000001", dob="1975-01-01"))
        self.e2 = self.export(self.a, "a-2")
        self.b = laptop(root / "b.db", self.office, "b")  # never imported: the files we mutate
        services.intake(self.b, person("Rosa", "Díaz", docket="2013KN000002", dob="1990-02-02"))
        services.intake(self.b, person("Wei", "Chen", docket="2014KN000004", dob="1988-08-08"))
        self.fresh = self.export(self.b, "b-1")
        make_laptop(root / "big.db", 1200, seed=9, recipient=self.office.recipient)
        big = services.open_kiosk(root / "big.db")
        self.big = self.export(big, "big", "all")  # several 64 KiB age chunks
        self.central_path = root / "central.db"
        self.central = central(self.central_path)
        enroll(self.central, self.a, self.b, big)  # so the checks past the key are the ones tried
        s = office_import.import_files(self.central, [self.e1, self.a_all_new, self.e2], self.office.identities)
        assert s.rejected == 0

    def export(self, db, name: str, scope: str = "since-last") -> Path:
        path = self.root / f"{name}.sync"
        sync.export_batch(db, path, scope=scope)
        return path

    def attempt(self, data: bytes, name: str = "mutant.sync", *, trust_new: bool = False) -> office_import.FileOutcome:
        """Import one file's bytes; assert the central database did not change; the outcome."""
        path = self.root / name
        path.write_bytes(data)
        before = full_digest(self.central)
        summary = office_import.import_files(self.central, [path], self.office.identities, trust_new=trust_new)
        assert full_digest(self.central) == before
        return summary.files[0]

    def rejected(self, data: bytes, *, trust_new: bool = False) -> str:
        outcome = self.attempt(data, trust_new=trust_new)
        assert outcome.status == "rejected", outcome.line()
        assert outcome.reason and "\n" not in outcome.reason
        return outcome.reason


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return World(tmp_path_factory.mktemp("mutations"))


def payload_tables(plain: bytes) -> dict:
    return json.loads(zlib.decompress(split(plain)[3], 31))["tables"]


def repack(tables: dict) -> bytes:
    return sync.encode_payload({t: (v["columns"], v["rows"]) for t, v in tables.items()})


# --- the outer, encrypted file -------------------------------------------------------------------

@HYP
@given(data=st.data())
def test_a_flipped_bit_anywhere_in_the_file_is_rejected(world, data):
    raw = bytearray(world.fresh.read_bytes())
    at = data.draw(st.integers(0, len(raw) - 1))
    raw[at] ^= 1 << data.draw(st.integers(0, 7))
    world.rejected(bytes(raw))


@HYP
@given(data=st.data())
def test_a_truncated_or_extended_file_is_rejected(world, data):
    raw = world.fresh.read_bytes()
    if data.draw(st.booleans()):
        mutant = raw[:data.draw(st.integers(0, len(raw) - 1))]
    else:
        mutant = raw + data.draw(st.binary(min_size=1, max_size=200))
    world.rejected(mutant)


def test_swapped_encrypted_parts_are_rejected(world):
    fresh, other = world.fresh.read_bytes(), world.e1.read_bytes()
    cut_f = fresh.index(b"\n---") + 48  # the header ends after the MAC line
    cut_o = other.index(b"\n---") + 48
    assert "damaged or tampered" in world.rejected(fresh[:cut_f] + other[cut_o:])
    big = world.big.read_bytes()
    cut = big.index(b"\n---") + 48 + 16
    chunk = 64 * 1024 + 16
    assert len(big) > cut + 2 * chunk
    first, second = big[cut:cut + chunk], big[cut + chunk:cut + 2 * chunk]
    world.rejected(big[:cut] + second + first + big[cut + 2 * chunk:])


def test_a_file_for_another_office_is_rejected(world, tmp_path):
    stranger = Office(tmp_path)
    plain = decrypt(world.office, world.fresh.read_bytes())
    foreign = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(stranger.recipient)])
    assert "not encrypted to this office key" in world.rejected(foreign)


def test_files_that_are_not_sync_files_are_rejected(world):
    assert "empty" in world.rejected(b"")
    assert "not age-encrypted" in world.rejected(b"PK\x03\x04 a zip file, say")
    assert "not a Begin Again sync file" in world.rejected(encrypt(world.office, b"hello, office"))
    assert "damaged" in world.rejected(b"age-encryption.org/v1\n-> X25519 abc\n")


# --- the inside: re-encrypted to the right office key, so only the signature and hash stand guard

@HYP
@given(data=st.data())
def test_a_flipped_bit_inside_the_encryption_is_rejected(world, data):
    plain = bytearray(decrypt(world.office, world.fresh.read_bytes()))
    at = data.draw(st.integers(0, len(plain) - 1))
    plain[at] ^= 1 << data.draw(st.integers(0, 7))
    world.rejected(encrypt(world.office, bytes(plain)))


@HYP
@given(data=st.data())
def test_a_truncated_inside_is_rejected(world, data):
    plain = decrypt(world.office, world.fresh.read_bytes())
    world.rejected(encrypt(world.office, plain[:data.draw(st.integers(0, len(plain) - 1))]))


def test_swapped_inner_parts_are_rejected(world):
    f_version, f_manifest, f_sig, f_payload = split(decrypt(world.office, world.fresh.read_bytes()))
    o_version, o_manifest, o_sig, o_payload = split(decrypt(world.office, world.e2.read_bytes()))
    assert "payload" in world.rejected(encrypt(world.office, join(f_version, f_manifest, f_sig, o_payload)))
    assert "signature" in world.rejected(encrypt(world.office, join(f_version, f_manifest, o_sig, f_payload)))
    assert "signature" in world.rejected(encrypt(world.office, join(f_version, o_manifest, f_sig, f_payload)))
    world.rejected(encrypt(world.office, join(f_version, f_sig, f_manifest, f_payload)))


def test_a_look_alike_spelling_of_the_signature_is_rejected(world):
    """Base64 leaves 4 unused bits before "==": a different file that decodes to the same bytes."""
    version, manifest, sig, payload = split(decrypt(world.office, world.fresh.read_bytes()))
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    twin = sig[:-3] + bytes([alphabet[alphabet.index(sig[-3]) ^ 1]]) + sig[-2:]
    assert twin != sig and base64.b64decode(twin) == base64.b64decode(sig)
    assert "signature" in world.rejected(encrypt(world.office, join(version, manifest, twin, payload)))


def test_a_wrong_format_version_is_rejected(world):
    plain = decrypt(world.office, world.fresh.read_bytes())
    manifest, payload = manifest_of(plain), split(plain)[3]
    key = laptop_signing_key(world.b)
    v2 = resign(dict(manifest, format_version=2), payload, key)
    assert "format version 2 is not supported" in world.rejected(encrypt(world.office, v2))
    liar = b"begin-again-sync/1" + v2[len(b"begin-again-sync/2"):]
    assert "version" in world.rejected(encrypt(world.office, liar))
    padded = b"begin-again-sync/01" + plain[len(b"begin-again-sync/1"):]
    assert "version" in world.rejected(encrypt(world.office, padded))


def test_a_file_signed_by_another_key_in_a_known_laptops_name_is_rejected(world):
    plain = decrypt(world.office, world.e2.read_bytes())
    manifest = dict(manifest_of(plain), export_id="forged-0001")
    tables = payload_tables(plain)
    cols = tables["applicants"]["columns"]
    tables["applicants"]["rows"][0][cols.index("last_name")] = "Forged"
    forged = encrypt(world.office, resign(manifest, repack(tables)))
    assert "not enrolled" in world.rejected(forged)
    # an office that trusts new keys still never lets a second key speak for a known laptop
    reason = world.rejected(forged, trust_new=True)
    assert "different key" in reason and manifest["laptop_id"] in reason


# --- replays -------------------------------------------------------------------------------------

def test_replays_change_nothing(world):
    again = world.attempt(world.e1.read_bytes())
    assert again.status == "already imported" and "imported before" in again.reason
    old = world.attempt(world.a_all_old.read_bytes())
    assert old.status == "already imported" and "superseded" in old.reason


def test_a_reused_export_id_with_other_content_is_rejected(world):
    plain = decrypt(world.office, world.e1.read_bytes())
    tables = payload_tables(plain)
    cols = tables["applicants"]["columns"]
    tables["applicants"]["rows"][0][cols.index("attorney_note")] = "rewritten later"
    forged = resign(manifest_of(plain), repack(tables), laptop_signing_key(world.a))
    assert "same id but different content" in world.rejected(encrypt(world.office, forged))


# --- signed by the right key, but nonsense inside (a bug, or a stolen laptop) --------------------

def signed_b(world, change, *, counts: dict | None = None) -> bytes:
    plain = decrypt(world.office, world.fresh.read_bytes())
    tables = payload_tables(plain)
    change(tables)
    manifest = manifest_of(plain)
    manifest["counts"] = counts or {**manifest["counts"], **{t: len(v["rows"]) for t, v in tables.items()}}
    return encrypt(world.office, resign(manifest, repack(tables), laptop_signing_key(world.b)))


def _set(table: str, column: str, value):
    def change(tables):
        t = tables[table]
        t["rows"][0][t["columns"].index(column)] = value
    return change


@pytest.mark.parametrize("change, words", [
    (_set("applicants", "last_name", True), "malformed"),
    (_set("applicants", "last_name", 1.5), "malformed"),
    (_set("applicants", "last_name", ["a"]), "malformed"),
    (_set("convictions", "applicant_id", "no-such-applicant"), "without their applicant"),
    (_set("convictions", "updated_at", ""), "without updated_at"),
    (_set("applicants", "updated_at", "9999"), "malformed updated_at"),  # would win every merge
    (lambda t: t["applicants"]["rows"][0].append("x"), "malformed"),
    (lambda t: t["applicants"]["rows"].append(list(t["applicants"]["rows"][0])), "repeats record ids"),
    (lambda t: (t["applicants"]["columns"].append("favourite_colour"),
                [r.append("blue") for r in t["applicants"]["rows"]]), "newer version"),
    (lambda t: t.pop("audit_log"), "expected tables"),
    (_set("convictions", "court", None), "records without court"),  # NOT NULL: refused before the merge
])
def test_well_signed_nonsense_is_rejected(world, change, words):
    assert words in world.rejected(signed_b(world, change))


def test_record_counts_must_match_the_manifest(world):
    def nothing(tables):
        pass
    counts = {t: 0 for t in sync.EXPORT_TABLES}
    assert "number of records" in world.rejected(signed_b(world, nothing, counts=counts))


def bomb(inflated: int) -> bytes:
    """A gzip payload that opens like a sync payload and inflates to `inflated` bytes."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [z.compress(b'{"tables":{"events":{"columns":["id"],"rows":[["')]
    block = b"A" * (1024 * 1024)
    parts += [z.compress(block) for _ in range(inflated // len(block))]
    return b"".join([*parts, z.compress(b'"]]}}}'), z.flush()])


def test_a_compression_bomb_is_refused_before_it_is_inflated(world):
    """1 MB of gzip that would inflate to 1 GiB: refused after at most the few hundred KB its
    record counts allow, with memory to match."""
    import tracemalloc

    payload = bomb(1024 * 1024 * 1024)
    assert len(payload) < 1.1 * 1024 * 1024
    plain = decrypt(world.office, world.fresh.read_bytes())
    forged = encrypt(world.office, resign(manifest_of(plain), payload, laptop_signing_key(world.b)))
    tracemalloc.start()
    try:
        reason = world.rejected(forged)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "bomb" in reason or "far larger" in reason
    assert peak < 40 * 1024 * 1024, peak


def test_ids_reused_for_another_persons_records_are_rejected(world):
    """A conviction id that belongs to another applicant at the office: refused, not moved."""
    held = world.central.execute("SELECT id FROM convictions LIMIT 1").fetchone()[0]

    def reuse(tables):
        convs, dets = tables["convictions"], tables["determinations"]
        old = convs["rows"][0][convs["columns"].index("id")]
        convs["rows"][0][convs["columns"].index("id")] = held
        for r in dets["rows"]:
            if r[dets["columns"].index("conviction_id")] == old:
                r[dets["columns"].index("conviction_id")] = held
    assert "clash" in world.rejected(signed_b(world, reuse))


# --- together, and through the command line -----------------------------------------------------

def test_a_bad_file_in_a_batch_is_rejected_alone_and_the_cli_says_so_in_one_line(world, tmp_path):
    bad = tmp_path / "bad.sync"
    raw = bytearray(world.fresh.read_bytes())
    raw[len(raw) // 2] ^= 0x10
    bad.write_bytes(bytes(raw))
    target = tmp_path / "c.db"
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        with pytest.raises(SystemExit) as e:
            cli_main(["import", "--trust-new", str(bad), str(world.fresh), "--into", str(target),
                      "--identity", str(world.office.identity_path)])
    finally:
        sys.stdout, sys.stderr = old
    assert e.value.code == 1
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert lines[0].startswith("bad.sync: rejected: ") and lines[1].startswith("b-1.sync: imported")
    assert "1 rejected" in text and lines[-1].startswith("error: 1 of 2 file(s) rejected")
    c = central(target)
    assert c.execute("SELECT COUNT(*) FROM applicants").fetchone()[0] == 2
    assert os.path.getsize(target) > 0
