"""The DA's case list file: the office's screened records extract, encrypted with the event
passphrase (age's passphrase mode, so nothing else has to be distributed), with a manifest.

Layout of the decrypted content (docs/caselist.md):

    begin-again-caselist/1\\n
    <manifest: one line of JSON>\\n
    <payload: gzip of one JSON object {"people": [...]}>

The manifest carries the payload's SHA-256, byte count, row and people counts, when the list was
made, the as-of date of its outcomes and the hashes of the rule packs that decided them. age
authenticates every byte, so a wrong passphrase and a changed file both fail to decrypt; the hash
and counts catch a file built wrongly. Plaintext exists only in memory."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

MAGIC = b"begin-again-caselist/1\n"
FORMAT_NAME = "begin-again-caselist"
FORMAT_VERSION = 1
AGE_MAGIC = b"age-encryption.org/v1\n"
MAX_FILE_BYTES = 512 * 1024**2
MAX_PAYLOAD_JSON = 2 * 1024**3
MAX_MANIFEST = 64 * 1024
MAX_ALIASES = 20
REFUSED = "cannot be opened: wrong passphrase, or the file was changed or damaged; nothing was loaded"

# The payload holds arrays in these orders (named in the manifest, so the file describes itself);
# arrays decode and check several times faster than objects, which matters for a 3-second load.
PERSON_FIELDS = ("first_name", "middle_name", "last_name", "suffix", "date_of_birth", "nysid", "aliases", "keys",
                 "convictions")
CONVICTION_FIELDS = ("record_id", "court", "county", "docket", "offense", "attempt", "arrest_date", "arrest_number",
                     "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed", "original_charge",
                     "other_counts_dismissed", "driving_involved", "outcome", "rules")
CONVICTION_FLAGS = ("attempt", "sentence_complete", "fines_owed", "other_counts_dismissed", "driving_involved")
_PERSON_TYPES = (str, str, str, str, str, str, list, str, list)
# "Sentence completed" and "fines owed" are yes / no / unknown (null) answers, never a default
ANSWER_FIELDS = ("sentence_complete", "fines_owed")
_CONVICTION_TYPES = frozenset(
    tuple((bool if f not in ANSWER_FIELDS else (bool if (i >> ANSWER_FIELDS.index(f)) & 1 else type(None)))
          if f in CONVICTION_FLAGS else str for f in CONVICTION_FIELDS)
    for i in range(1 << len(ANSWER_FIELDS)))
_CONVICTION_DATE = CONVICTION_FIELDS.index("conviction_date")
_ARREST_DATE = CONVICTION_FIELDS.index("arrest_date")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class CaseList:
    manifest: dict[str, Any]
    people: list[list[Any]]  # arrays in PERSON_FIELDS order, convictions in CONVICTION_FIELDS order
    file_bytes: int
    file_sha256: str


def as_arrays(people: list[dict[str, Any]]) -> list[list[Any]]:
    """People (dicts with "convictions", each with a list of "rules") as the payload's arrays."""
    out = []
    for p in people:
        convictions = [[";".join(c[f]) if f == "rules" else c[f] for f in CONVICTION_FIELDS] for c in p["convictions"]]
        out.append([p[f] for f in PERSON_FIELDS[:-1]] + [convictions])
    return out


def encode(people: list[dict[str, Any]], manifest: dict[str, Any], passphrase: str) -> bytes:
    """The encrypted file's bytes for `people` (dicts, each with its "convictions" and name
    "keys"); fills the manifest's payload hash, size, counts and field orders."""
    from .passphrase_age import encrypt  # lazy: cryptography loads only when the office writes a list

    arrays = as_arrays(people)
    payload = gzip.compress(json.dumps({"people": arrays}, ensure_ascii=False, separators=(",", ":")).encode(),
                            compresslevel=6, mtime=0)
    manifest = {**manifest, "format": FORMAT_NAME, "version": FORMAT_VERSION,
                "person_fields": list(PERSON_FIELDS), "conviction_fields": list(CONVICTION_FIELDS),
                "people": len(people), "rows": sum(len(p["convictions"]) for p in people),
                "payload_sha256": hashlib.sha256(payload).hexdigest(), "payload_bytes": len(payload)}
    plain = MAGIC + json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode() + b"\n" + payload
    return encrypt(plain, passphrase)


def write(path: str | os.PathLike, data: bytes) -> None:
    """Write beside the target, sync, rename: a half-written list never has the final name."""
    target = Path(path)
    if target.exists():
        raise InputError("--out", f"{target.name} already exists; choose a new file name")
    tmp = target.with_name(target.name + ".part")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        raise InputError("--out", f"cannot be written ({e.strerror or e.__class__.__name__})") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def read(path: str | os.PathLike, passphrase: str, *, on_decrypted: Callable[[], None] | None = None) -> CaseList:
    """Decrypt and verify a case list file; any problem is one InputError naming the file."""
    name = Path(path).name
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise InputError(name, "is too large to be a case list")
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except OSError as e:
        raise InputError(name, f"cannot be read ({e.strerror or e.__class__.__name__})") from None
    if not data.startswith(AGE_MAGIC) or b"\n-> scrypt " not in data[:200]:
        raise InputError(name, "is not a case list file (not encrypted with a passphrase)")
    plain = decrypt(data, passphrase, name)
    if on_decrypted:
        on_decrypted()
    manifest, payload = _split(plain, name)
    people = _payload(payload, manifest, name)
    return CaseList(manifest=manifest, people=people, file_bytes=len(data),
                    file_sha256=hashlib.sha256(data).hexdigest())


def decrypt(data: bytes, passphrase: str, name: str) -> bytes:
    from pyrage import DecryptError  # lazy: age's native library loads on first use
    from pyrage import passphrase as age_passphrase  # lazy: age's native library loads on first use

    try:
        return age_passphrase.decrypt(data, passphrase)
    except (DecryptError, ValueError, TypeError):
        raise InputError(name, REFUSED) from None


def _split(plain: bytes, name: str) -> tuple[dict, bytes]:
    if not plain.startswith(MAGIC):
        raise InputError(name, "is not a case list file (another program's encrypted file?)")
    end = plain.find(b"\n", len(MAGIC), len(MAGIC) + MAX_MANIFEST)
    if end < 0:
        raise InputError(name, REFUSED)
    try:
        manifest = json.loads(plain[len(MAGIC):end])
    except ValueError:
        raise InputError(name, REFUSED) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise InputError(name, REFUSED)
    if manifest.get("version") != FORMAT_VERSION:
        raise InputError(name, "was made by another version of the program (format version not read here)")
    payload = plain[end + 1:]
    sha = manifest.get("payload_sha256")
    if (not isinstance(sha, str) or not _HEX64.fullmatch(sha) or manifest.get("payload_bytes") != len(payload)
            or hashlib.sha256(payload).hexdigest() != sha):
        raise InputError(name, REFUSED)
    for key in ("created_at", "as_of"):
        if not isinstance(manifest.get(key), str):
            raise InputError(name, REFUSED)
    if not isinstance(manifest.get("rule_packs"), dict):
        raise InputError(name, REFUSED)
    if (manifest.get("person_fields") != list(PERSON_FIELDS)
            or manifest.get("conviction_fields") != list(CONVICTION_FIELDS)):
        raise InputError(name, "was made by another version of the program (its fields are not the ones read here)")
    return manifest, payload


def _payload(payload: bytes, manifest: dict, name: str) -> list[list[Any]]:
    try:
        d = zlib.decompressobj(wbits=31)
        raw = d.decompress(payload, MAX_PAYLOAD_JSON)
        if d.unconsumed_tail or not d.eof:
            raise InputError(name, REFUSED)
        people = json.loads(raw)["people"]
    except (zlib.error, ValueError, KeyError, TypeError):
        raise InputError(name, REFUSED) from None
    if not isinstance(people, list) or len(people) != manifest.get("people"):
        raise InputError(name, REFUSED)
    rows = 0
    for p in people:
        if not _person_ok(p):
            raise InputError(name, REFUSED)
        rows += len(p[-1])
    if rows != manifest.get("rows"):
        raise InputError(name, REFUSED)
    return people


def _person_ok(p: Any) -> bool:
    """The shape the office wrote: texts, dates as YYYY-MM-DD, booleans, one group of name keys
    per name (type tuples compared in one step: this runs for every person on load)."""
    if type(p) is not list or tuple(map(type, p)) != _PERSON_TYPES:
        return False
    dob, aliases, keys, convictions = p[4], p[6], p[7], p[8]
    if (dob and not _DATE.fullmatch(dob)) or not convictions or len(aliases) > MAX_ALIASES:
        return False
    if any(type(a) is not str for a in aliases) or (keys and keys.count("|") != len(aliases)):
        return False
    for c in convictions:
        if type(c) is not list or tuple(map(type, c)) not in _CONVICTION_TYPES:
            return False
        if not _DATE.fullmatch(c[_CONVICTION_DATE]) or (c[_ARREST_DATE] and not _DATE.fullmatch(c[_ARREST_DATE])):
            return False
    return True
