"""The defendant's name as the court's record carries it (docs/papers.md, "Names").

Court records are in Latin letters, usually surname first as the arrest record carried them,
and initials take a period. A person who writes their name in another script has a romanized
form on their record: when the applicant gives it ("Name on court records"), the papers use it;
their own spelling stays theirs (the receipt and the screens). Without it, a Chinese, Japanese or
Korean name is written family name first with no space, as it is written in that script."""

from __future__ import annotations

import unicodedata

from ..models import Applicant
from ..signing import CJK as _CJK
from ..signing import is_cjk


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def with_initial_periods(name: str) -> str:
    """"L" → "L."; "J R" → "J. R."; "Ann" and "L." stay as they are."""
    return " ".join(w + "." if len(w) == 1 and _is_letter(w) and not _CJK.match(w) else w
                    for w in name.split())


def court_name(applicant: Applicant) -> str:
    """The name the papers print in sentences; the caption prints it in capitals."""
    if applicant.record_name.strip():
        return " ".join(applicant.record_name.split())
    first, middle, last = applicant.first_name, applicant.middle_name, applicant.last_name
    if is_cjk(first + middle + last):
        name = "".join(p for p in (last, first, middle) if p)
    else:
        name = " ".join(p for p in (with_initial_periods(first), with_initial_periods(middle), last) if p)
    return f"{name}, {applicant.suffix}" if applicant.suffix else name
