"""The wizard's draft: the applicant JSON format of the README with raw strings as typed (a
half-typed date survives an autosave), blank forms, paths into it, and a draft from a saved
record."""

from __future__ import annotations

from typing import Any


def new_conviction(county: str = "kings") -> dict[str, Any]:
    return {
        "court": "criminal", "county": county, "docket": "", "docket_source": "document",
        "offense": "", "attempt": False, "plea": "guilty", "arrest_date": "", "arrest_number": "",
        "conviction_date": "", "sentence": "", "sentence_complete": "", "fines_owed": "",
        "original_charge": "", "other_counts_dismissed": False, "driving_involved": False,
    }


def new_draft(*, language: str = "en", county: str = "kings") -> dict[str, Any]:
    return {
        "language": language, "consent_to_share": False,
        "first_name": "", "middle_name": "", "last_name": "", "suffix": "", "record_name": "", "aliases": [],
        "date_of_birth": "", "nysid": "", "contact": {"phone": "", "email": "", "address": ""},
        "other_convictions": {"violent_felony": False, "sex_offense": False},
        "open_case_or_warrant": False, "immigration_concern": False,
        "convictions": [new_conviction(county)],
    }


_CONVICTION_DEFAULT_KEYS = ("court", "county", "docket_source", "plea", "id")


def is_blank_conviction(conv: dict[str, Any]) -> bool:
    """Nothing typed: only defaults. A blank conviction the user added is dropped, not refused."""
    blank = new_conviction()
    return all(conv.get(k, blank.get(k)) in (blank.get(k), "", None, False)
               for k in set(conv) | set(blank) if k not in _CONVICTION_DEFAULT_KEYS)


def get_path(draft: dict[str, Any], key: str) -> Any:
    node: Any = draft
    for part in key.split("."):
        node = node.get(part, "") if isinstance(node, dict) else ""
    return node


def set_path(draft: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = draft
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def draft_from_applicant(applicant: Any) -> dict[str, Any]:
    """A draft from a stored record (one saved by `kiosk intake` carries no wizard draft)."""
    d = new_draft(language=applicant.language)
    d.update({
        "consent_to_share": applicant.consent_to_share, "first_name": applicant.first_name,
        "middle_name": applicant.middle_name, "last_name": applicant.last_name, "suffix": applicant.suffix,
        "record_name": applicant.record_name, "aliases": list(applicant.aliases),
        "date_of_birth": applicant.date_of_birth.isoformat() if applicant.date_of_birth else "",
        "nysid": applicant.nysid,
        "contact": {"phone": applicant.contact.phone, "email": applicant.contact.email,
                    "address": applicant.contact.address},
        "other_convictions": {"violent_felony": applicant.violent_felony, "sex_offense": applicant.sex_offense},
        "open_case_or_warrant": applicant.open_case_or_warrant,
        "immigration_concern": applicant.immigration_concern,
    })
    d["convictions"] = [{
        "court": c.court, "county": c.county, "docket": c.docket, "docket_source": c.docket_source,
        "offense": c.offense, "attempt": c.attempt, "plea": c.plea,
        "arrest_date": c.arrest_date.isoformat() if c.arrest_date else "", "arrest_number": c.arrest_number,
        "conviction_date": c.conviction_date.isoformat(), "sentence": c.sentence,
        "sentence_complete": "unknown" if c.sentence_complete is None else c.sentence_complete,
        "fines_owed": "unknown" if c.fines_owed is None else c.fines_owed,
        "original_charge": c.original_charge, "other_counts_dismissed": c.other_counts_dismissed,
        "driving_involved": c.driving_involved, "id": c.id,
    } for c in applicant.convictions] or [new_conviction()]
    return d
