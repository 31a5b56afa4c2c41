"""The papers generated for an applicant (by hash) and each time they were printed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .settings import _stamp, new_id, now

if TYPE_CHECKING:
    from sqlite_utils import Database


def record_document(db: Database, applicant_id: str, kind: str, sha256: str, pages: int,
                    signed_on: str | None = None) -> str:
    """Store a generated document's hash and the date of signing it prints (the same bytes twice
    are one record: the date is part of the bytes)."""
    row = db.execute("SELECT id FROM documents WHERE applicant_id = ? AND kind = ? AND sha256 = ?",
                     [applicant_id, kind, sha256]).fetchone()
    if row:
        return row[0]
    did = new_id()
    db.table("documents").insert(_stamp(db, {"id": did, "applicant_id": applicant_id, "kind": kind,
                                       "sha256": sha256, "pages": pages, "copies_printed": 0,
                                       "printed_at": None, "signed_on": signed_on}))
    return did


def list_documents(db: Database, applicant_id: str) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT * FROM documents WHERE applicant_id = ? ORDER BY created_at", [applicant_id])]


def record_print(db: Database, applicant_id: str, document_id: str, copies: int, printer: str) -> None:
    t = now()
    db.table("print_jobs").insert(_stamp(db, {"id": new_id(), "applicant_id": applicant_id,
                                        "document_id": document_id, "copies": copies, "printer": printer}))
    db.execute("UPDATE documents SET copies_printed = copies_printed + ?, printed_at = ?, updated_at = ? "
               "WHERE id = ?", [copies, t, t, document_id])


def printed_copies(db: Database, applicant_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Copies printed per applicant and document kind ({id: {"packet": 3, "receipt": 1}})."""
    ids = list(applicant_ids)
    out: dict[str, dict[str, int]] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        rows = db.execute(
            f"SELECT p.applicant_id, d.kind, SUM(p.copies) FROM print_jobs p JOIN documents d ON d.id = p.document_id "
            f"WHERE p.applicant_id IN ({','.join('?' * len(chunk))}) GROUP BY p.applicant_id, d.kind", chunk)
        for aid, kind, copies in rows.fetchall():
            out.setdefault(aid, {})[kind] = copies
    return out
