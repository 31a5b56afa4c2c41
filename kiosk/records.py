"""Reading an applicant's stored record and the attorney signed in: the reads that the papers,
the signing date and the services share. Kept below all three so none imports another's caller
(docs/architecture.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import store
from .errors import NotFoundError
from .models import Applicant, Attorney, Determination

if TYPE_CHECKING:
    from sqlite_utils import Database


def load_applicant(db: Database, applicant_id: str) -> tuple[Applicant, list[Determination | None]]:
    """The stored record and each conviction's determination (None where it has none yet)."""
    applicant = store.get_applicant(db, applicant_id)
    dets = store.get_determinations(db, applicant_id)
    return applicant, [dets.get(c.id) for c in applicant.convictions]


def signed_in_attorney(db: Database) -> Attorney | None:
    aid = store.get_setting(db, "signed_in_attorney_id")
    if not aid:
        return None
    try:
        return store.get_attorney(db, aid)
    except NotFoundError:
        return None
