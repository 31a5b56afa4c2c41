"""Preparing an applicant's papers: gather the models, call the pure PDF builders, record each
document's SHA-256, kind and page count with the applicant, and (for the CLI) write the files.

The builders never touch files; writing lives here so the GUI can send the same bytes to a
preview, a printer or a USB stick instead."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import store
from ..errors import InputError, StorageError
from ..models import MOTION_OUTCOMES, Applicant, Attorney, Determination, Event
from ..records import attorney_and_event, load_applicant
from ..signing import signing_date
from ..store import REF_ALPHABET

if TYPE_CHECKING:
    from sqlite_utils import Database


def qualifies(dets: list[Determination | None]) -> bool:
    return any(d is not None and d.standing_outcome in MOTION_OUTCOMES for d in dets)


def signed_on_for(event: Event | None, signed_on: date | None, today: date) -> date:
    """The date of signing to print: the one the attorney chose, else the signing-date rule's
    default (the event's day; see kiosk.signing)."""
    return signed_on or signing_date(event, today).default


def qualifies_docs(docs: list[Any]) -> bool:
    return any(d.kind == "packet" for d in docs)


def build_papers(applicant: Applicant, dets: list[Determination | None], *, reference: str,
                 attorney: Attorney | None, event: Event | None, created_at: datetime,
                 signed_on: date | None = None) -> list[Any]:
    """The packet (when any conviction may have a motion) and the receipt, as BuiltDocuments,
    both dated `signed_on` (default: the signing-date rule applied to `created_at`'s day)."""
    from .packet import build_packet  # lazy: fpdf2 loads only when a paper is built
    from .receipt import build_receipt  # lazy: fpdf2 loads only when a paper is built
    from .scope import motion_allowed  # lazy: the papers' templates load only when papers are built

    signed = signed_on_for(event, signed_on, created_at.date())
    docs = []
    if any(motion_allowed(c, d) for c, d in zip(applicant.convictions, dets, strict=True)):
        docs.append(build_packet(applicant, dets, attorney=attorney, event=event, created_at=created_at,
                                 signed_on=signed))
    docs.append(build_receipt(applicant, dets, reference=reference, attorney=attorney, event=event,
                              created_at=created_at, signed_on=signed))
    return docs


def papers_for_applicant(db: Database, applicant_id: str, *, created_at: datetime | None = None,
                         signed_on: date | None = None, actor: str = "") -> tuple[Applicant, list[Any]]:
    """Build an evaluated applicant's papers and record them, each with the date of signing it
    prints (one transaction). A purged applicant is refused: its personal data is gone."""
    purged = store.applicant_row(db, applicant_id)["purged_at"]
    if purged:
        raise InputError("applicant", f"its personal data was removed after export on {purged[:10]}; "
                                      "no papers can be made from this laptop")
    applicant, dets = load_applicant(db, applicant_id)
    if not applicant.convictions or any(d is None for d in dets):
        raise InputError("applicant", "has not been evaluated yet; finish the wizard (or run kiosk intake) first")
    row = store.applicant_row(db, applicant_id)
    attorney, event = attorney_and_event(db, row)
    created_at = created_at or datetime.now(UTC)
    # a reprint keeps the date of signing the papers were first made with, unless one is chosen
    earlier = [d["signed_on"] for d in store.list_documents(db, applicant_id) if d["signed_on"]]
    if signed_on is None and earlier:
        signed_on = date.fromisoformat(earlier[-1])
    signed = signed_on_for(event, signed_on, created_at.date())
    docs = build_papers(applicant, dets, reference=row["reference"], attorney=attorney, event=event,
                        created_at=created_at, signed_on=signed)
    with store.transaction(db):
        for d in docs:
            store.record_document(db, applicant_id, d.kind, d.sha256, d.pages, signed_on=signed.isoformat())
        store.audit(db, "documents.generated", actor=actor, record_type="applicant", record_id=applicant_id,
                    detail=",".join(f"{d.kind}:{d.pages}p" for d in docs))
    applicant.reference = row["reference"]
    return applicant, docs


def file_reference(raw: Any) -> str:
    """A stable reference for an applicant file evaluated without a database."""
    digest = hashlib.sha256(repr(raw).encode("utf-8", "replace")).digest()
    return "BA-" + "".join(REF_ALPHABET[b % len(REF_ALPHABET)] for b in digest[:6])


def file_name(reference: str, kind: str, language: str = "") -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", reference)[:60] or "papers"
    return f"{safe}-{kind}{'-' + language if language else ''}.pdf"


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temp file in the same folder, fsync, rename: never a half-written file.
    The temp file (and so the result) is owner-only, as mkstemp makes it: papers and reports hold
    personal data."""
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_papers(out_dir: str | os.PathLike, reference: str, docs: list[Any], language: str) -> list[Path]:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for d in docs:
            p = out / file_name(reference, d.kind, language if d.kind == "receipt" else "")
            write_atomic(p, d.data)
            paths.append(p)
        return paths
    except OSError as e:
        raise InputError("--out", f"cannot be written ({e.strerror or e.__class__.__name__}); "
                         "check the folder or drive and try again") from None



# --- printing and saving on site -------------------------------------------------------------------
# The GUI prints the bytes built above; what it printed, how many copies and on which printer is
# recorded here with the applicant, so the dashboard shows "printed" and the office sees it.

def record_printed(db: Database, applicant_id: str, printed: list[dict], *, printer: str,
                   actor: str = "") -> None:
    """Record one finished print job (one transaction): for each document, its kind, SHA-256,
    page count and copies. Called only after the printer accepted the whole job, so a failed or
    cancelled job leaves nothing marked printed."""
    if not printed:
        raise InputError("documents", "nothing was printed")
    for d in printed:
        if int(d.get("copies", 0)) < 1:
            raise InputError("copies", "must be at least 1")
    with store.transaction(db):
        store.applicant_row(db, applicant_id)  # NotFoundError for an unknown or removed applicant
        for d in printed:
            doc_id = store.record_document(db, applicant_id, d["kind"], d["sha256"], int(d["pages"]))
            store.record_print(db, applicant_id, doc_id, int(d["copies"]), printer)
        store.audit(db, "documents.printed", actor=actor, record_type="applicant", record_id=applicant_id,
                    detail=",".join(f"{d['kind']}:{int(d['copies'])}x{int(d['pages'])}p" for d in printed))


def pending_print(db: Database) -> list[dict]:
    """Applicants of the current event whose papers have never been printed and who have a motion
    (an ELIGIBLE or NEEDS_REVIEW outcome that stands), oldest first: the "Print all pending" queue.
    Rows hold the id and reference only (no names: the queue is shown while printing)."""
    event = store.current_event(db)
    rows = store.list_applicants(db, event_id=event.id if event else None, statuses=["evaluated"],
                                 limit=1_000_000)
    out = []
    for r in reversed(rows):  # list_applicants is newest first
        outcomes = {o.strip().rstrip("*") for o in (r["outcomes"] or "").split(",")}
        if r["copies_printed"] or r["exported_at"] or not outcomes & set(MOTION_OUTCOMES):
            continue
        out.append({"id": r["id"], "reference": r["reference"]})
    return out


def print_history(db: Database, applicant_id: str) -> list[dict]:
    """What was printed for an applicant: kind, pages, copies printed, when (for the dashboard)."""
    return [{"kind": d["kind"], "pages": d["pages"], "copies_printed": d["copies_printed"],
             "printed_at": d["printed_at"]}
            for d in store.list_documents(db, applicant_id) if d["copies_printed"]]


def save_papers(db: Database, applicant_id: str, folder: str | os.PathLike, reference: str, docs: list[Any],
                language: str = "", *, actor: str = "") -> list[Path]:
    """"Save as PDF" when no printer works: write the papers into a folder (a USB stick) and
    audit that personal data left the laptop this way. Nothing is marked printed."""
    out = Path(folder)
    try:
        if not out.is_dir():
            raise FileNotFoundError(2, "no such folder")
        paths = []
        for d in docs:
            p = out / file_name(reference, d.kind, language if d.kind == "receipt" else "")
            write_atomic(p, d.data)
            paths.append(p)
    except OSError as e:
        raise StorageError(f"the papers could not be saved in that folder ({e.strerror or type(e).__name__}); "
                           "check the drive is plugged in and not full, or choose another folder") from None
    with store.transaction(db):
        store.audit(db, "documents.saved", actor=actor, record_type="applicant", record_id=applicant_id,
                    detail=",".join(d.kind for d in docs))
    return paths
