"""Reading a sync file (the office, and `kiosk decrypt`): decrypt, verify the signature and the
manifest, decode the payload's tables with whole-table checks."""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..errors import InputError, SyncFileError
from .container import (
    EXPORT_TABLES,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAGIC,
    PAYLOAD_ENCODING,
    REQUIRED_COLUMNS,
    SCOPES,
    check_age_structure,
    sha256_hex,
)
from .files import csv_bytes, os_reason
from .keys import fingerprint, read_identities
from .office.payload import inflate_limit

MAX_FILE_BYTES = 2 * 1024**3  # larger than any event's export by far
MAX_PAYLOAD_JSON = 4 * 1024**3
MAX_MANIFEST = 64 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(\+00:00|Z)")
# updated_at as kiosk.store writes it; one fixed width, so text order is time order (versions)
_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00")

MANIFEST_KEYS = {"format", "format_version", "app_version", "export_id", "created_at", "scope", "laptop_id",
                 "laptop_name", "public_key", "key_fingerprint", "event", "counts", "payload_encoding",
                 "payload_size", "payload_sha256"}
EVENT_KEYS = {"id", "name", "starts_on", "ends_on", "venue"}
CLOCK_SKEW = timedelta(days=1)  # how far ahead of the office's clock a laptop's may run
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # and lone surrogates

_CELL_TYPES = {str, int, type(None)}  # what a cell may hold (not bool, float, list or object)


@dataclass
class SyncFile:
    """A decrypted file whose signature, payload hash, version and structure all checked out."""

    name: str
    manifest: dict
    tables: dict[str, tuple[list[str], list[list]]]
    file_sha256: str

    @property
    def laptop_id(self) -> str:
        return self.manifest["laptop_id"]


def read_sync_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise SyncFileError("the file is far larger than any export; not a sync file")
        return p.read_bytes()
    except FileNotFoundError:
        raise SyncFileError("no such file") from None
    except IsADirectoryError:
        raise SyncFileError("is a folder, not a sync file") from None
    except OSError as e:
        raise SyncFileError(f"cannot be read: {os_reason(e)}") from None


def open_sync_file(data: bytes, identities: list[Any], *, name: str = "") -> SyncFile:
    """Decrypt and verify one sync file, or raise SyncFileError with a one-line reason.

    Checks, in order: open_container's; then payload structure and record counts."""
    manifest, payload = open_container(data, identities)
    tables = _decode_payload(payload, manifest)
    return SyncFile(name=name, manifest=manifest, tables=tables, file_sha256=sha256_hex(data))


def open_container(data: bytes, identities: list[Any]) -> tuple[dict, bytes]:
    """Decrypt one sync file and verify its manifest: (manifest, compressed payload).

    Checks, in order: age framing; decryption (wrong office key, or any altered byte: age is
    authenticated); container magic and format version; manifest; the laptop's signature over
    the manifest; payload size and SHA-256."""
    import pyrage  # lazy: age's native library loads on first use
    from cryptography.exceptions import InvalidSignature  # lazy: cryptography loads only when a file is read
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # lazy: loads on first use

    if not data:
        raise SyncFileError("the file is empty")
    check_age_structure(data)
    try:
        plain = pyrage.decrypt(data, identities)
    except pyrage.DecryptError as e:
        if "no matching keys" in str(e).lower():
            raise SyncFileError("not encrypted to this office key (wrong --identity?), or its header "
                                "was altered") from None
        raise SyncFileError("damaged or tampered with: decryption failed its integrity check") from None
    if not plain.startswith(MAGIC):
        raise SyncFileError("not a Begin Again sync file (decrypted, but the content is something else)")
    lines = plain.split(b"\n", 3)
    if len(lines) < 4:
        raise SyncFileError("damaged: the container is incomplete")
    version_line, mbytes, sig_line, payload = lines
    version = version_line[len(MAGIC):]
    if not version.isdigit() or len(version) > 6 or version != str(int(version)).encode():
        raise SyncFileError("damaged: the format version is unreadable")
    if int(version) != FORMAT_VERSION:
        raise SyncFileError(f"format version {int(version)} is not supported (this program reads version "
                            f"{FORMAT_VERSION}); use a matching version of the kiosk")
    if len(mbytes) > MAX_MANIFEST:
        raise SyncFileError("damaged: the manifest is too large")
    try:
        manifest = json.loads(mbytes)
        pub = base64.b64decode(manifest["public_key"], validate=True)
        sig = base64.b64decode(sig_line, validate=True)
        verifier = Ed25519PublicKey.from_public_bytes(pub)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise SyncFileError("damaged: the manifest or its signature is unreadable") from None
    if base64.b64encode(sig) != sig_line:  # one signature, one spelling: no look-alike files
        raise SyncFileError("damaged: the signature is not written as the format says")
    try:
        verifier.verify(sig, mbytes)
    except InvalidSignature:
        raise SyncFileError("the laptop's signature does not match: the file was altered after it was made") \
            from None
    _check_manifest(manifest, pub)
    if len(payload) != manifest["payload_size"]:
        raise SyncFileError("damaged: the payload is not the size the signed manifest says")
    if sha256_hex(payload) != manifest["payload_sha256"]:
        raise SyncFileError("the payload does not match the signed hash: the file was altered")
    return manifest, payload


def _check_manifest(m: Any, pub: bytes) -> None:
    def need(cond: bool, what: str) -> None:
        if not cond:
            raise SyncFileError(f"damaged manifest: {what}")

    need(isinstance(m, dict), "not an object")
    need(set(m) == MANIFEST_KEYS, "it has fields the format does not define, or lacks some")
    need(m.get("format") == FORMAT_NAME, "not a Begin Again sync manifest")
    need(m.get("format_version") == FORMAT_VERSION, "its version does not match the container's")
    for k in ("export_id", "laptop_id"):
        need(isinstance(m.get(k), str) and bool(_ID.fullmatch(m[k])), f"bad {k}")
    need(isinstance(m.get("created_at"), str) and bool(_STAMP.fullmatch(m["created_at"])), "bad created_at")
    need(created_at_of(m) <= datetime.now(UTC) + CLOCK_SKEW,
         "it was made later than now (the laptop's clock is wrong, or the file is forged)")
    event = m.get("event")
    need(event is None or (isinstance(event, dict) and set(event) == EVENT_KEYS
                           and all(isinstance(v, str) and len(v) <= 200 and not _CONTROL.search(v)
                                   for v in event.values())), "bad event")
    for k in ("app_version", "laptop_name"):  # shown in the office's summaries: one line each
        need(isinstance(m.get(k), str) and len(m[k]) <= 120 and not _CONTROL.search(m[k]), f"bad {k}")
    need(m.get("scope") in SCOPES, "bad scope")
    need(m.get("key_fingerprint") == fingerprint(pub), "the key fingerprint does not match its key")
    need(m.get("payload_encoding") == PAYLOAD_ENCODING, "unknown payload encoding")
    need(isinstance(m.get("payload_size"), int) and not isinstance(m["payload_size"], bool), "bad payload_size")
    need(isinstance(m.get("payload_sha256"), str) and bool(_HEX64.fullmatch(m["payload_sha256"])),
         "bad payload_sha256")
    counts = m.get("counts")
    need(isinstance(counts, dict) and set(counts) == set(EXPORT_TABLES)
         and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values()),
         "bad record counts")


def created_at_of(manifest: dict) -> datetime:
    """The manifest's created_at as a time (a checked manifest has a well-formed one)."""
    return datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))


def _decode_payload(payload: bytes, manifest: dict) -> dict[str, tuple[list[str], list[list]]]:
    try:
        d = zlib.decompressobj(wbits=31)
        raw = d.decompress(payload, min(MAX_PAYLOAD_JSON, inflate_limit(manifest["counts"])))
        if d.unconsumed_tail or not d.eof or d.unused_data:
            raise SyncFileError("damaged: the payload is incomplete or too large")
        body = json.loads(raw)
    except (zlib.error, ValueError, RecursionError):
        raise SyncFileError("damaged: the payload cannot be read") from None
    if not isinstance(body, dict) or not isinstance(body.get("tables"), dict) \
            or set(body["tables"]) != set(EXPORT_TABLES):
        raise SyncFileError("damaged: the payload does not hold the expected tables")
    tables: dict[str, tuple[list[str], list[list]]] = {}
    for t in EXPORT_TABLES:
        part = body["tables"][t]
        cols = part.get("columns") if isinstance(part, dict) else None
        rows = part.get("rows") if isinstance(part, dict) else None
        if not (isinstance(cols, list) and isinstance(rows, list)
                and all(isinstance(c, str) and c.isidentifier() and c.isascii() and c == c.lower()
                        for c in cols)
                and len(set(cols)) == len(cols) and REQUIRED_COLUMNS[t] <= set(cols)):
            raise SyncFileError(f"damaged: the {t} table is malformed")
        # whole-table checks in C-speed passes (a 20,000-applicant file has ~200,000 rows)
        if set(map(type, rows)) - {list} or set(map(len, rows)) - {len(cols)} \
                or set(map(type, chain.from_iterable(rows))) - _CELL_TYPES:
            raise SyncFileError(f"damaged: a row of the {t} table is malformed")
        if len(rows) != manifest["counts"][t]:
            raise SyncFileError(f"the {t} table does not hold the number of records the manifest says")
        if len(set(map(itemgetter(cols.index("id")), rows))) != len(rows):
            raise SyncFileError(f"damaged: the {t} table repeats record ids")
        for c in REQUIRED_COLUMNS[t] - {"export_batch"}:
            values = set(map(itemgetter(cols.index(c)), rows))
            if "" in values or set(map(type, values)) - {str}:
                raise SyncFileError(f"damaged: the {t} table has records without {c}")
            if c == "updated_at" and not all(map(_VERSION.fullmatch, values)):
                raise SyncFileError(f"damaged: the {t} table has a malformed updated_at")
        tables[t] = (cols, rows)
    return tables


def decrypt_to_dir(path: str | os.PathLike, identity: str | os.PathLike, out_dir: str | os.PathLike) -> SyncFile:
    """`kiosk decrypt`: verify a file and write its manifest and records as JSON and CSV files
    (an owner-only folder: they hold personal data in plaintext)."""
    identities = read_identities(identity)
    name = Path(path).name
    try:
        sf = open_sync_file(read_sync_bytes(path), identities, name=name)
    except SyncFileError as e:
        raise SyncFileError(f"{name}: rejected: {e}") from None
    out = Path(out_dir)
    names = ["manifest.json", "records.json", *(f"{t}.csv" for t in EXPORT_TABLES)]
    try:
        out.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(out, 0o700)
    except OSError as e:
        raise SyncFileError(f"cannot create the folder {out.name}: {os_reason(e)}") from None
    clash = [n for n in names if (out / n).exists()]
    if clash:
        raise InputError("--out", f"{out.name} already holds {clash[0]}; use an empty folder")
    records = {t: [dict(zip(cols, r, strict=True)) for r in rows] for t, (cols, rows) in sf.tables.items()}
    files = {
        "manifest.json": json.dumps({**sf.manifest, "file_sha256": sf.file_sha256}, indent=2,
                                    ensure_ascii=False, sort_keys=True).encode() + b"\n",
        "records.json": json.dumps(records, indent=1, ensure_ascii=False).encode() + b"\n",
    }
    for t, (cols, rows) in sf.tables.items():
        files[f"{t}.csv"] = csv_bytes(cols, rows)
    try:
        for n, data in files.items():
            fd = os.open(out / n, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
    except OSError as e:
        raise SyncFileError(f"cannot write into {out.name}: {os_reason(e)}") from None
    return sf

