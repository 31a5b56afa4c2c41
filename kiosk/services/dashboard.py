"""The dashboard's list of the day's applicants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from .. import store

if TYPE_CHECKING:
    from sqlite_utils import Database

DASHBOARD_STATUSES = ("draft", "evaluated", "printed", "exported")


@dataclass
class DashboardRow:
    id: str
    reference: str
    name: str  # "" while the draft has no name yet
    status: str  # one of DASHBOARD_STATUSES
    outcomes: list[str]  # standing outcome per conviction
    overridden: list[bool]  # whether the attorney overrode each
    step: str  # the wizard step it stopped at
    updated_at: str
    convictions: int
    printed: dict[str, int] = field(default_factory=dict)  # copies per document kind, e.g. {"packet": 3}


def dashboard_rows(db: Database, search: str = "", *, all_days: bool = False,
                   today: date | None = None) -> list[DashboardRow]:
    """The day's applicants for the dashboard, newest first: reference, name, status (draft,
    evaluated, printed, exported), standing outcomes (an override marked), the step it stopped at.

    Without a search only today's records are listed unless `all_days`; a search (name, alias,
    reference or docket) covers every day of the event, since people come back."""
    event = store.current_event(db)
    rows = store.list_applicants(db, search, event_id=event.id if event else None)
    today = today or date.today()
    out = []
    for r in rows:
        if not all_days and not search.strip():
            when = datetime.fromisoformat(r["updated_at"]).astimezone().date()
            if when != today:
                continue
        if r["exported_at"]:
            status = "exported"
        elif r["copies_printed"]:
            status = "printed"
        else:
            status = "evaluated" if r["status"] != "draft" else "draft"
        name = " ".join(p for p in (r["first_name"], r["middle_name"], r["last_name"]) if p)
        if r["suffix"]:
            name = f"{name}, {r['suffix']}"
        outcomes = [o.strip() for o in (r["outcomes"] or "").split(",") if o.strip()]
        out.append(DashboardRow(id=r["id"], reference=r["reference"], name=name, status=status,
                                outcomes=[o.rstrip("*") for o in outcomes],
                                overridden=[o.endswith("*") for o in outcomes],
                                step=r["wizard_step"], updated_at=r["updated_at"], convictions=r["convictions"]))
    printed = store.printed_copies(db, [r.id for r in out if r.status in ("printed", "exported")])
    for row in out:
        row.printed = printed.get(row.id, {})
    return out
