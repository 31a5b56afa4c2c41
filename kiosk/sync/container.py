"""The sync file's container: format constants, the signed plaintext container, the gzip payload,
and a check of an age file's framing (docs/sync-format.md describes the format)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .. import store
from ..errors import SyncFileError

FORMAT_NAME = "begin-again-sync"
FORMAT_VERSION = 1
MAGIC = b"begin-again-sync/"
AGE_MAGIC = b"age-encryption.org/v1\n"
PAYLOAD_ENCODING = "json+gzip"
SCOPES = ("since-last", "all")

# in payload order; the applicant's own rows follow the applicant (foreign keys)
EXPORT_TABLES = ("events", "attorneys", "applicants", *store.SYNC_CHILD_TABLES, "audit_log")
# never leave the laptop: the raw wizard draft (unvalidated input), the laptop's own bookkeeping,
# and the attorneys' PIN hashes
NOT_EXPORTED = {"applicants": {"draft", "exported_at", "purged_at"}, "attorneys": {"pin_hash", "pin_salt"}}
REQUIRED_COLUMNS = {t: {"id", "updated_at", "laptop_id"} for t in EXPORT_TABLES}
REQUIRED_COLUMNS.update({t: {"id", "applicant_id", "updated_at", "laptop_id"} for t in store.SYNC_CHILD_TABLES})
REQUIRED_COLUMNS["audit_log"] = {"id", "at", "laptop_id", "export_batch"}

_AGE_CHUNK = 64 * 1024
_B64 = re.compile(rb"[A-Za-z0-9+/]*")

Progress = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """The default progress callback: nothing to show."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack(manifest: dict, payload: bytes, key: Any) -> bytes:
    """The plaintext container: magic + version line, manifest line, signature line, payload."""
    mbytes = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()
    sig = base64.b64encode(key.sign(mbytes))
    return MAGIC + str(manifest["format_version"]).encode() + b"\n" + mbytes + b"\n" + sig + b"\n" + payload


Tables = Mapping[str, tuple[list[str], list | bytes]] | Iterable[tuple[str, tuple[list[str], list | bytes]]]


def encode_payload(tables: Tables) -> bytes:
    """The payload: gzip of {"tables": {name: {"columns": [...], "rows": [[...], ...]}}}.
    Rows may come already written as UTF-8 JSON (the export's fast path) or as lists; `tables`
    may be (name, (columns, rows)) pairs as they are read, so the export can compress one table
    while SQLite writes the next."""
    z = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip framing, no name, mtime 0
    out = [z.compress(b'{"tables":{')]
    for n, (t, (cols, rows)) in enumerate(tables.items() if isinstance(tables, Mapping) else tables):
        text = rows if isinstance(rows, bytes) else \
            json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode()
        head = f'{"," if n else ""}{json.dumps(t)}:{{"columns":{json.dumps(cols)},"rows":'
        out += [z.compress(head.encode()), z.compress(text), z.compress(b"}")]
    out += [z.compress(b"}}"), z.flush()]
    return b"".join(out)


def check_age_structure(data: bytes) -> None:
    """Check an age file's framing without decrypting it: header lines, an X25519 recipient
    stanza, the header MAC line, and a body whose length is a valid run of 64 KiB chunks.
    Catches a truncated or garbled file on the laptop (which cannot decrypt its own export)."""
    bad = SyncFileError("the file is damaged or truncated (its encrypted structure is broken)")
    if not data.startswith(AGE_MAGIC):
        raise SyncFileError("not a sync file: it is not age-encrypted")
    pos, x25519 = len(AGE_MAGIC), 0
    while True:
        nl = data.find(b"\n", pos, pos + 4096)
        if nl < 0:
            raise bad
        line, pos = data[pos:nl], nl + 1
        if line.startswith(b"--- "):
            if len(line) != 47 or not _B64.fullmatch(line[4:]):
                raise bad
            break
        args = line[3:].split(b" ")
        if not line.startswith(b"-> ") or not all(args):
            raise bad
        if args[0] == b"X25519":
            if len(args) != 2 or len(args[1]) != 43:
                raise bad
            x25519 += 1
        while True:  # the stanza body: base64 lines of 64 columns, the last one shorter
            nl = data.find(b"\n", pos, pos + 66)
            if nl < 0:
                raise bad
            body, pos = data[pos:nl], nl + 1
            if len(body) > 64 or not _B64.fullmatch(body):
                raise bad
            if len(body) < 64:
                break
    if not x25519:
        raise SyncFileError("the file is not encrypted to an office key (no X25519 recipient)")
    rest = len(data) - pos - 16  # 16-byte nonce, then chunks of 64 KiB + 16-byte tag
    if rest < 16:
        raise bad
    full, tail = divmod(rest, _AGE_CHUNK + 16)
    if not ((tail == 0 and full > 0) or tail > 16 or (tail == 16 and full == 0)):
        raise bad

