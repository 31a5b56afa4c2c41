"""Which laptops the DA office expects files from: each laptop shows its key fingerprint at
set-up and on every export receipt; the office enrolls them (`kiosk office enroll`), one at a
time or from a file the event lead's checklist exports, and `kiosk import` refuses a file signed
by any other key unless told to trust new keys (docs/sync-format.md, "Enrollment")."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ... import store
from ...errors import InputError
from ...store import office_merge as office_store
from ...validate import _text

_HEX32 = re.compile(r"[0-9A-F]{32}")
MAX_FILE = 1024 * 1024


def parse_fingerprint(raw: str, field: str = "FINGERPRINT") -> str:
    """A key fingerprint as the laptop shows it (XXXX-XXXX-... upper-case hex); spaces, dashes and
    case as typed do not matter."""
    compact = re.sub(r"[\s-]", "", raw or "").upper()
    if not _HEX32.fullmatch(compact):
        raise InputError(field, "is not a laptop key fingerprint (32 hexadecimal digits, shown in the "
                                "laptop's settings and on its export receipt as XXXX-XXXX-...)")
    return "-".join(compact[i:i + 4] for i in range(0, 32, 4))


@dataclass
class Enrolled:
    fingerprint: str
    name: str
    new: bool


def enroll(db: Database, fingerprint: str, name: str = "") -> Enrolled:
    fp = parse_fingerprint(fingerprint)
    label = _text(name, "--name", limit=60)
    with store.transaction(db):
        new = office_store.enroll(db, fp, label, "enrolled", store.now())
    return Enrolled(fp, label, new)


def read_enrollment_file(path: str | os.PathLike) -> list[tuple[str, str]]:
    """(fingerprint, name) pairs from a file: one laptop a line, `FINGERPRINT name...` or CSV with
    the columns fingerprint and name; blank lines and lines starting with # are skipped."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE:
            raise InputError("--file", f"{p.name} is too large to be a list of laptop keys")
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("--file", f"{p.name}: no such file") from None
    except (UnicodeDecodeError, OSError):
        raise InputError("--file", f"{p.name} cannot be read as text") from None
    # each kept line with its number in the file, so an error names the line the operator sees
    numbered = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    lines = [ln for _, ln in numbered]
    out: list[tuple[str, str]] = []
    if lines and "fingerprint" in lines[0].lower() and "," in lines[0]:
        reader = csv.DictReader(io.StringIO("\n".join(lines)))
        for row in reader:
            n = numbered[reader.line_num - 1][0]
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            out.append((parse_fingerprint(row.get("fingerprint", ""), f"{p.name} line {n}"), row.get("name", "")))
        return out
    for n, line in numbered:
        head, _, rest = line.strip().partition(" ")
        if "\t" in head:
            head, _, rest = line.strip().partition("\t")
        out.append((parse_fingerprint(head, f"{p.name} line {n}"), rest.strip()))
    if not out:
        raise InputError("--file", f"{p.name} names no laptop key")
    return out


def enroll_many(db: Database, pairs: list[tuple[str, str]]) -> list[Enrolled]:
    """Enroll every pair in one transaction (all or nothing)."""
    out = []
    with store.transaction(db):
        for fp, name in pairs:
            label = _text(name, "name", limit=60)
            out.append(Enrolled(fp, label, office_store.enroll(db, fp, label, "enrolled", store.now())))
    return out


def listing(db: Database) -> list[str]:
    """One line per enrolled key: fingerprint, name, how it came in, the laptops seen with it."""
    return [f"{r['key_fingerprint']}  {r['name'] or '(no name)'}  [{r['how']}]"
            + (f"  laptops: {r['laptops']}" if r["laptops"] else "")
            for r in office_store.enrolled_keys(db)]
