"""The date of signing the papers print, and the facts a packet still lacks (docs/papers.md).

A laptop's clock is evidence of nothing: a wrong clock, or a reprint weeks later, must never
re-date a sworn paper. So the date printed is a fact the attorney sees and confirms: the day
itself when today is one of the event's days; otherwise the Papers step (and `kiosk motion`)
offers the event's days first and asks which to print. The date printed is recorded with each
document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import store
from .errors import InputError
from .models import MOTION_OUTCOMES, Applicant, Attorney, Determination, Event
from .records import attorney_and_event, load_applicant

# Chinese, Japanese and Korean letters: such a name needs its romanized form for the papers
# (kiosk.papers.names), and this module asks for it; kept here so the papers import this module, not back.
CJK = re.compile(r"[\u2e80-\u2fff\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
MAX_EVENT_DAYS = 14  # choices offered for a long event (the first days, then today)


@dataclass(frozen=True)
class SigningDate:
    """`default` is printed unless the attorney picks another of `choices`; `ask` says that
    today is outside the event's days, so the attorney must be asked (the GUI) or told (CLI)."""

    default: date
    ask: bool
    choices: tuple[date, ...] = field(default_factory=tuple)


def event_days(event: Event) -> list[date]:
    days = (event.ends_on - event.starts_on).days + 1
    return [event.starts_on + timedelta(days=i) for i in range(max(1, min(days, MAX_EVENT_DAYS)))]


def signing_date(event: Event | None, today: date) -> SigningDate:
    """The signing-date rule: the event's day when today is one of them, else ask (event first)."""
    if event is None:
        return SigningDate(today, False, (today,))
    days = event_days(event)
    if event.starts_on <= today <= event.ends_on:
        return SigningDate(today, False, (today,))
    return SigningDate(days[0], True, tuple(days) + ((today,) if today not in days else ()))


def parse_signed_on(raw: Any, field_name: str = "--signed-on") -> date:
    try:
        value = date.fromisoformat(str(raw).strip())
    except ValueError:
        raise InputError(field_name, "must be a date written YYYY-MM-DD") from None
    if value.year < 1990:
        raise InputError(field_name, "is before any Begin Again event; check the year")
    return value


@dataclass(frozen=True)
class MissingFact:
    """A fact the papers need and do not have: printed as a line to fill in by hand, after
    the attorney confirms. `field` names where to supply it."""

    field: str
    label: str
    why: str


def is_cjk(text: str) -> bool:
    return bool(CJK.search(text))


def missing_facts(applicant: Applicant, determinations: list[Determination | None], *,
                  attorney: Attorney | None, event: Event | None) -> list[MissingFact]:
    """What the packet would print as a blank line, per needed fact (never an optional one:
    those are rephrased away). Empty when nothing is missing or no motion is prepared."""
    out: list[MissingFact] = []
    motions = [(i, c) for i, (c, d) in enumerate(zip(applicant.convictions, determinations, strict=True))
               if d is not None and d.standing_outcome in MOTION_OUTCOMES]
    if not motions:
        return out
    for i, c in motions:
        n = f"Conviction {i + 1}" if len(applicant.convictions) > 1 else "The conviction"
        if not c.docket:
            out.append(MissingFact(f"convictions[{i}].docket", f"{n}: Docket number",
                                   "the caption, the consent and the order name the case by it"))
    if attorney is None or not attorney.name:
        out.append(MissingFact("attorney.name", "Attorney", "the affirmation is sworn by the signing attorney"))
    same_county = [c for _, c in motions if event is not None and c.county == event.county]
    if event is None or not event.part:
        out.append(MissingFact("event.part", "Court Part", "the notice says where the motion is heard"))
    if event is None or not event.return_date:
        out.append(MissingFact("event.return_date", "Return date", "the notice says when the motion is heard"))
    if event is not None and len(same_county) < len(motions):
        out.append(MissingFact("convictions.county", "Court Part and return date for a conviction outside "
                               "the event's county", "the event's Part and date are for its own county's court"))
    if not applicant.record_name and is_cjk(applicant.first_name + applicant.middle_name + applicant.last_name):
        out.append(MissingFact("record_name", "Name on court records (Latin letters)",
                               "the court's record carries the name in Latin letters"))
    return out


def papers_facts(db: Any, applicant_id: str, *, today: date | None = None) -> dict[str, Any]:
    """What the Papers step shows before printing: the signing-date choice and the needed facts
    still missing (each naming its field). Reads only; builds nothing."""
    row = store.applicant_row(db, applicant_id)
    applicant, dets = load_applicant(db, applicant_id)
    attorney, event = attorney_and_event(db, row)
    signing = signing_date(event, today or date.today())
    earlier = [d["signed_on"] for d in store.list_documents(db, applicant_id) if d["signed_on"]]
    if earlier:  # papers made before keep their date of signing (offered first)
        first = date.fromisoformat(earlier[-1])
        signing = SigningDate(first, signing.ask, (first, *(d for d in signing.choices if d != first)))
    return {"signing": signing, "missing": missing_facts(applicant, dets, attorney=attorney, event=event)}
