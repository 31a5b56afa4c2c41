"""Saving an applicant's papers as PDF, and the printer the print dialog offers again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..errors import InputError, KioskError
from ..papers import papers_for_applicant, write_atomic

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class SavedPaper:
    """One document written to a file the attorney chose."""

    kind: str  # "packet" or "receipt"
    pages: int
    path: str
    sha256: str


def papers_available() -> bool:
    """Whether this installation can build the papers (the document builders are importable)."""
    try:
        from ..papers import build_packet, build_receipt  # lazy: probing this import is the point  # noqa: F401
    except ImportError:
        return False
    return True


def save_paper(db: Database, applicant_id: str, kind: str, path: str | Path, *, actor: str = "",
               signed_on: date | None = None) -> SavedPaper:
    """The documents step's "Save … PDF": build the applicant's papers (recording each document's
    hash), and write the one asked for to `path` atomically."""
    if not papers_available():
        raise KioskError("the papers cannot be made on this laptop: the document builder is not installed")
    _, docs = papers_for_applicant(db, applicant_id, actor=actor, signed_on=signed_on)
    doc = next((d for d in docs if d.kind == kind), None)
    if doc is None:
        raise InputError("papers", f"there is no {kind} for this applicant: no conviction needs a motion")
    target = Path(path)
    try:
        write_atomic(target, doc.data)
    except OSError as e:
        raise InputError("papers", f"cannot be written there ({e.strerror or e.__class__.__name__}); "
                                   "choose another folder or drive") from None
    return SavedPaper(kind=kind, pages=doc.pages, path=str(target), sha256=doc.sha256)


def remember_printer(db: Database, printer: str, packet_copies: int) -> None:
    """The printer and packet copies chosen in the print dialog, offered again next time."""
    if not 1 <= int(packet_copies) <= 10:
        raise InputError("copies", "must be from 1 to 10")
    with store.transaction(db):
        store.set_setting(db, "last_printer", printer or "")
        store.set_setting(db, "packet_copies", str(int(packet_copies)))
