"""Reading an applicant's stored record and the attorney signed in: the reads that the papers,
the signing date and the services share. Kept below all three so none imports another's caller
(docs/architecture.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import store
from .errors import KioskError, NotFoundError
from .models import Applicant, Attorney, Determination, Event

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



def attorney_and_event(db: Database, row: dict) -> tuple[Attorney | None, Event | None]:
    """Who signs an applicant's papers and for which event: the attorney and event recorded with
    the applicant (`row` from store.applicant_row), else the attorney signed in and the current
    event (a record saved before either was known)."""
    attorney = None
    if row["attorney_id"]:
        try:
            attorney = store.get_attorney(db, row["attorney_id"])
        except KioskError:
            attorney = None
    attorney = attorney or signed_in_attorney(db)
    event = store.get_event(db, row["event_id"]) if row["event_id"] else store.current_event(db)
    return attorney, event
