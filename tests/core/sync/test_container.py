"""kiosk.sync.container: the format of the sync file; the payload is gzip of JSON tables, the
container is signed over its manifest, and a damaged age file is caught from its framing alone."""

from __future__ import annotations

import base64
import gzip
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.errors import SyncFileError
from kiosk.sync import container
from tests.core.sync_support import Office, encrypt


def test_the_payload_is_gzip_of_every_table_as_columns_and_rows():
    payload = container.encode_payload({"events": (["id", "name"], [["e1", "Begin Again"]]),
                                        "applicants": (["id"], b'[["a1"],["a2"]]')})  # rows already as UTF-8 JSON
    assert json.loads(gzip.decompress(payload)) == {"tables": {
        "events": {"columns": ["id", "name"], "rows": [["e1", "Begin Again"]]},
        "applicants": {"columns": ["id"], "rows": [["a1"], ["a2"]]}}}


def test_the_container_signs_its_manifest_line():
    key = Ed25519PrivateKey.generate()
    manifest = {"format_version": container.FORMAT_VERSION, "export_id": "x"}
    version, mline, sig, payload = container.pack(manifest, b"PAYLOAD", key).split(b"\n", 3)
    assert version == container.MAGIC + b"1" and payload == b"PAYLOAD" and json.loads(mline) == manifest
    key.public_key().verify(base64.b64decode(sig), mline)  # raises if the signature does not match
    assert container.sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_a_truncated_or_foreign_file_is_refused_from_its_framing(tmp_path):
    good = encrypt(Office(tmp_path), b"x" * 1000)
    container.check_age_structure(good)
    with pytest.raises(SyncFileError, match="damaged or truncated"):
        container.check_age_structure(good[:60])  # cut inside the header
    with pytest.raises(SyncFileError, match="damaged or truncated"):
        container.check_age_structure(good.replace(b"\n--- ", b"\n-- ", 1))
    with pytest.raises(SyncFileError, match="not age-encrypted"):
        container.check_age_structure(b"PK\x03\x04 a zip file")
