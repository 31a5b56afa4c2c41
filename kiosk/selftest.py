"""`kiosk self-test`: prove that this installation (from source or frozen) works end to end.

IT staff run it on each event laptop after copying the build: every step takes the code path a
user's action takes (services, rule packs, PDF builders, export encryption) in a throwaway
database inside a fresh temp folder that is removed afterwards. A build that forgot a resource,
a native library or a Qt plugin fails here, at the office, instead of in front of an applicant.

This module is the Qt-free part; `ui.selftest` adds the Qt steps (offscreen start, QtPdf render)
and is what `kiosk self-test` and the executables' `--self-test` run. The sample applicant is
fictional; no step reads or writes the laptop's real database."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from . import __version__, i18n, services, store, sync
from .errors import AuthError, SyncFileError
from .models import LANGUAGES
from .papers import papers_for_applicant
from .resources import resources_root
from .rules import load_packs
from .store.connection import cipher_version, open_db
from .store.migrations import MIGRATIONS
from .validate import parse_attorney

# A fictional applicant with one Brooklyn conviction the 2018 program covers (rule K18-02).
SAMPLE_APPLICANT: dict[str, Any] = {
    "first_name": "Sample", "last_name": "Selftest", "date_of_birth": "1980-01-01", "language": "es",
    "consent_to_share": True,
    "convictions": [{"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
                     "arrest_date": "2016-03-01", "sentence": "time served"}],
}
SAMPLE_DOCKET = "2016KN074376"
SAMPLE_ATTORNEY = {"name": "Self-Test Attorney", "organization": "Self-test", "registration_number": "1234567"}
SAMPLE_PIN = "246801"
# The throwaway database of the self-test is encrypted like a laptop's, under this passphrase.
SELFTEST_PASSPHRASE = "self-test throwaway database only"


class StepFailed(Exception):
    """A step found something wrong: the message says what, in words IT staff can act on."""


@dataclass
class Context:
    """What the steps hand on to each other."""

    parent: str | None = None  # where the temp folder goes (None: the system temp folder)
    workdir: Path | None = None
    db: Any = None
    applicant_id: str = ""
    docs: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None


Step = tuple[str, Callable[[Context], str]]


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


# --- the Qt-free steps -----------------------------------------------------------------------------

def step_resources(ctx: Context) -> str:
    """The shipped data is where the frozen-aware resource lookup says it is: rule packs, fonts,
    a translation catalog and Babel's date names for every language the app offers."""

    root = resources_root()
    counts = {}
    for folder, pattern in (("rules", "*.toml"), ("fonts", "*.ttf")):
        found = sorted((root / folder).glob(pattern))
        check(bool(found), f"no {pattern} in {folder}/ under the resources folder {root}")
        counts[folder] = len(found)
    for lang in LANGUAGES:
        if lang != i18n.SOURCE_LANGUAGE:
            check(i18n.catalog_path(lang).is_file(), f"the {LANGUAGES[lang]} ({lang}) translation catalog is missing")
        check(bool(i18n.format_date(date(2018, 9, 21), lang)), f"dates cannot be written in {lang}")
    counts["languages"] = len(LANGUAGES)
    return ", ".join(f"{n} {k}" for k, n in counts.items())


def step_database(ctx: Context) -> str:
    """A fresh database in a new temp folder, every migration applied."""
    try:
        if ctx.parent:  # `--workdir` may name a folder that does not exist yet (a new USB folder)
            Path(ctx.parent).mkdir(parents=True, exist_ok=True)
        ctx.workdir = Path(tempfile.mkdtemp(prefix="kiosk-selftest-", dir=ctx.parent))
    except OSError as e:
        raise StepFailed(f"cannot create a temp folder ({e.strerror or e.__class__.__name__})") from None
    db = open_db(ctx.workdir / "kiosk.db", passphrase=SELFTEST_PASSPHRASE)
    try:
        pending = MIGRATIONS.pending(db)
        check(not pending, f"{len(pending)} migrations were not applied")
        check("applicants" in db.table_names(), "the schema has no applicants table")
        cipher = cipher_version(db)
        check(bool(cipher), "the database library has no encryption (SQLCipher missing)")
        return f"{len(MIGRATIONS.applied(db))} migrations, SQLCipher {cipher.split()[0]}"
    finally:
        db.close()


def check_encrypted(ctx: Context) -> str:
    """What was written is encrypted at rest: no plain SQLite header and no applicant's name in
    the database files, a wrong passphrase is refused, the right one reads the record back."""
    assert ctx.workdir is not None and ctx.db is not None
    store.checkpoint(ctx.db)
    name = SAMPLE_APPLICANT["last_name"].encode()
    for f in ctx.workdir.glob("kiosk.db*"):
        data = f.read_bytes()
        check(not data.startswith(b"SQLite format 3"), f"{f.name} is not encrypted")
        check(name not in data, f"{f.name} holds an applicant's name in plain text")
    try:
        services.open_kiosk(ctx.workdir / "kiosk.db", passphrase="not the passphrase of this test")
    except AuthError:
        pass
    else:
        raise StepFailed("a wrong passphrase opened the database")
    again = services.open_kiosk(ctx.workdir / "kiosk.db", passphrase=SELFTEST_PASSPHRASE)
    try:
        check(store.applicant_row(again, ctx.applicant_id)["last_name"] == SAMPLE_APPLICANT["last_name"],
              "the encrypted database does not read back what was written")
    finally:
        again.close()
    return "database encrypted at rest, wrong passphrase refused"


def step_rules(ctx: Context) -> str:
    """The app's own start-up path loads every shipped rule pack into the database."""
    assert ctx.workdir is not None
    ctx.db = services.open_kiosk(ctx.workdir / "kiosk.db", passphrase=SELFTEST_PASSPHRASE)
    shipped = {p.id for p in load_packs()}
    stored = {p["id"] for p in store.list_packs(ctx.db)}
    check(bool(shipped) and stored == shipped,
          f"rule packs stored {sorted(stored)} differ from shipped {sorted(shipped)}")
    return f"{len(stored)} packs"


def step_evaluate(ctx: Context) -> str:
    """Event, attorney, sign-in and intake of the sample, through the same services as the GUI."""
    db = ctx.db
    services.ensure_demo_event(db)
    aid = services.add_attorney(db, parse_attorney(SAMPLE_ATTORNEY), SAMPLE_PIN)
    services.sign_in(db, aid, SAMPLE_PIN)
    applicant, dets = services.intake(db, dict(SAMPLE_APPLICANT), actor=aid)
    ctx.applicant_id = applicant.id
    check(len(dets) == 1, f"expected 1 determination, got {len(dets)}")
    outcome = dets[0].standing_outcome
    check(outcome == "ELIGIBLE", f"the sample conviction came out {outcome}, expected ELIGIBLE under the 2018 program")
    return f"{outcome} by {dets[0].rules[0]}"


def step_papers(ctx: Context) -> str:
    """The packet and the receipt, built by the PDF builders and recorded with the applicant."""
    _, docs = papers_for_applicant(ctx.db, ctx.applicant_id, created_at=datetime.now(UTC))
    ctx.docs = {d.kind: d for d in docs}
    check(set(ctx.docs) == {"packet", "receipt"}, f"built {sorted(ctx.docs)}, expected packet and receipt")
    for d in docs:
        check(d.data[:5] == b"%PDF-", f"the {d.kind} is not a PDF")
        check(d.pages >= 1, f"the {d.kind} has no pages")
        check(hashlib.sha256(d.data).hexdigest() == d.sha256, f"the {d.kind}'s recorded SHA-256 is wrong")
    return ", ".join(f"{d.kind} {d.pages}p" for d in docs)


def step_export(ctx: Context) -> str:
    """An export to a fresh office key, then opened as the office would: age encryption, the
    laptop's Ed25519 signature and the payload hash all checked; a wrong key must be refused.
    Then the database the export came from is checked to be encrypted at rest."""
    import pyrage  # lazy: a build without age's library fails this step only

    assert ctx.workdir is not None
    office = pyrage.x25519.Identity.generate()
    target = ctx.workdir / "selftest-export.age"
    result = sync.export_batch(ctx.db, target, recipient=str(office.to_public()), scope="all")
    check(result.applicants == 1, f"the export holds {result.applicants} applicants, expected 1")
    data = sync.read_sync_bytes(target)
    check(SAMPLE_APPLICANT["last_name"].encode() not in data, "the export file contains a name in plain text")
    opened = sync.open_sync_file(data, [office], name=target.name)
    check(opened.manifest["counts"].get("applicants") == 1, "the opened export does not hold the sample applicant")
    try:
        sync.open_sync_file(data, [pyrage.x25519.Identity.generate()], name=target.name)
    except SyncFileError:
        pass
    else:
        raise StepFailed("a wrong office key opened the export")
    return f"{result.size} bytes, laptop key {result.key_fingerprint}; {check_encrypted(ctx)}"


def core_steps(render: Step | None = None) -> list[Step]:
    """The Qt-free steps in order; `render` (from ui.selftest) goes right after the papers."""
    steps: list[Step] = [("resources", step_resources), ("database", step_database), ("rules", step_rules),
                         ("evaluate", step_evaluate), ("papers", step_papers)]
    if render is not None:
        steps.append(render)
    steps.append(("export", step_export))
    return steps


# --- running ----------------------------------------------------------------------------------------

def describe(e: BaseException) -> str:
    """One line for a failed step. The data is the fictional sample, so the message may be shown."""
    if isinstance(e, StepFailed):
        return str(e)
    text = " ".join(str(e).split())
    return f"{e.__class__.__name__}: {text}" if text else e.__class__.__name__


def run(steps: list[Step], *, parent: str | None = None, echo: Callable[[str, bool], None] | None = None) -> int:
    """Run the steps in order, stop at the first failure. Prints one line; returns the exit code."""
    echo = echo or _echo
    ctx = Context(parent=parent)
    done: list[str] = []
    start = time.perf_counter()
    try:
        for name, fn in steps:
            t0 = time.perf_counter()
            try:
                detail = fn(ctx)
            except Exception as e:
                if os.environ.get("KIOSK_DEBUG"):
                    traceback.print_exc()
                before = f" (passed: {', '.join(done)})" if done else ""
                echo(f"self-test FAILED at step {name}: {describe(e)}{before}", True)
                return 1
            done.append(f"{name} {time.perf_counter() - t0:.2f}s" + (f" [{detail}]" if detail else ""))
    finally:
        ctx.close()
    mode = "frozen" if getattr(sys, "frozen", False) else "source"
    echo(f"self-test passed: {len(steps)} steps in {time.perf_counter() - start:.2f}s "
         f"(kiosk {__version__}, {mode}): {', '.join(done)}", False)
    return 0


def _echo(line: str, error: bool) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # a windowed executable on Windows has no console
        print(line, file=stream, flush=True)
