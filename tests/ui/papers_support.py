"""Test support for the preview, printing, lock and language tests: a kiosk database with the
demo event, a signed-in attorney and evaluated applicants, their built papers, a synchronous
stand-in for ui.backend.Backend.call, and PDF text helpers."""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from typing import Any

from kiosk import papers, services
from kiosk.models import Attorney

PIN = "2468"
NAME = ("Quintessa", "Marlowe")  # distinctive, so a test can look for it anywhere on screen

ELIGIBLE = {
    "first_name": NAME[0], "last_name": NAME[1], "date_of_birth": "1984-03-09", "language": "es",
    "convictions": [{"court": "criminal", "county": "kings", "docket": "2016KN074376", "docket_source": "document",
                     "offense": "PL 221.10(1)", "conviction_date": "2016-05-02", "sentence": "Time served"}],
}
QUEENS = {
    "first_name": "Odalys", "last_name": "Pemberton", "language": "en",
    "convictions": [{"court": "criminal", "county": "queens", "docket": "2015QN022318",
                     "offense": "PL 221.10(1)", "conviction_date": "2015-07-01"}],
}


def new_db(path: Any = ":memory:") -> Any:
    db = services.open_kiosk(path)
    services.ensure_demo_event(db)
    return db


def sign_in_attorney(db: Any, name: str = "Avery Counsel", pin: str = PIN) -> Attorney:
    aid = services.add_attorney(db, Attorney(name=name, organization="The Legal Aid Society",
                                             registration_number="1234567"), pin)
    return services.sign_in(db, aid, pin)


def add_applicant(db: Any, raw: dict | None = None, **changes: Any) -> str:
    raw = {**(raw or ELIGIBLE), **changes}
    applicant, _dets = services.intake(db, raw)
    return applicant.id


def build(db: Any, applicant_id: str) -> tuple[Any, list[Any]]:
    return papers.papers_for_applicant(db, applicant_id)


class SyncCall:
    """`Backend.call` on the calling thread: runs fn(db, *args) and the callbacks at once."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.calls: list[str] = []

    def __call__(self, fn: Any, *args: Any, on_done: Any = None, on_error: Any = None, **kw: Any) -> int:
        self.calls.append(fn.__name__)
        try:
            result = fn(self.db, *args, **kw)
        except Exception as e:
            if on_error is None:
                raise
            on_error(e)
            return 0
        if on_done is not None:
            on_done(result)
        return 0


def pdf_pages_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def words(text: str) -> Counter:
    """The words of a page, as a multiset: layout and reading order aside, the same words.

    Qt's text shaping may draw "ffi", "ff", "fi", "fl" as one ligature glyph, depending on the
    fonts at hand, while fpdf2 writes the letters. Read back, that glyph comes out as U+FB03 (NFKC
    gives the letters back) or, when the font's glyph has no Unicode mapping, as nothing at all
    between two word pieces. So both sides have their f-ligature letter runs cut out before the
    words are counted: every other letter of the page must still match."""
    text = unicodedata.normalize("NFKC", text.replace("\ufffe", " "))
    return Counter(re.findall(r"\w+", _F_LIGATURES.sub(" ", text)))


_F_LIGATURES = re.compile(r"ffi|ffl|ff|fi|fl")
