"""What an attorney's override may not do: make a conviction from outside the deciding pack's
counties ELIGIBLE (or NEEDS_REVIEW) for that pack. One District Attorney cannot consent for
another county, so no papers could honestly be made; the receipt sends the applicant to that
county's DA and defenders instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import store
from .errors import NotFoundError

if TYPE_CHECKING:
    from sqlite_utils import Database


def county_refusal(db: Database, applicant_id: str, conviction_id: str) -> str:
    """Why this conviction cannot be overridden into a motion ("" when it can)."""
    from .papers.scope import outside_pack  # lazy: the papers' templates load on first override, not at start
    from .papers.templates import common, pack_templates  # lazy: templates load on first use

    applicant = store.get_applicant(db, applicant_id)
    conviction = next((c for c in applicant.convictions if c.id == conviction_id), None)
    if conviction is None:
        raise NotFoundError("no such conviction for this applicant")
    det = store.get_determinations(db, applicant_id).get(conviction_id)
    if not outside_pack(conviction, det):
        return ""
    county = common().counties.get(conviction.county)
    name = f"{county.name} County" if county else f"{conviction.county.replace('-', ' ').title()} County"
    pack = pack_templates(det.deciding_pack if det else "")
    return (f"is refused: this conviction is from {name}, outside the counties of the {pack.pack} "
            f"program, and only the District Attorney of {name} can consent to clear it. The "
            "applicant's receipt names where to go instead")
