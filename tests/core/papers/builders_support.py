"""Helpers for the paper builders' tests: sample facts, building a packet or a receipt from them,
reading the PDF back (text, papers, positions by the fonts' own metrics), the reviewed reference
texts, and a fixture that fails a test whose document misses a glyph."""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from datetime import UTC, date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from kiosk.models import Applicant, Attorney, Determination, Event, PackRef, RuleHit
from kiosk.papers import BuiltDocument, build_packet, build_receipt
from kiosk.validate import parse_applicant, parse_attorney, parse_event
from tests.core.conftest import applicant_dict

ROOT = Path(__file__).resolve().parents[3]
FONTS = ROOT / "resources" / "fonts"
REFERENCE = Path(__file__).resolve().parents[1] / "reference"
WHEN = datetime(2018, 9, 21, 14, 30, tzinfo=UTC)
PAGE_W, PAGE_H, MARGIN = 612.0, 792.0, 72.0

PAPER_ORDER = ["Notice of Motion", "Affirmation in Support", "People's Consent", "Proposed Order"]


# --- helpers ----------------------------------------------------------------------------------

def det(outcome: str = "ELIGIBLE", pack: str = "kings-2018-consent", rule: str = "K18-02",
        **over) -> Determination:
    hits = [RuleHit(rule, pack, outcome, "reason for the attorney", True)]
    return Determination(outcome=outcome, as_of=date(2018, 9, 21), hits=hits, packs=[PackRef(pack, "h")],
                         **over)


def attorney(**over) -> Attorney:
    raw = {"name": "Jordan Counsel", "organization": "The Legal Aid Society", "phone": "212-577-3300",
           "office_address": "111 Livingston Street, Brooklyn, NY 11201", "registration_number": "1234567"}
    raw.update(over)
    return parse_attorney(raw)


def event(**over) -> Event:
    raw = {"name": "Begin Again", "starts_on": "2018-09-21", "ends_on": "2018-09-22",
           "venue": "Lenox Road Baptist Church", "part": "AP2", "return_date": "2018-12-19"}
    raw.update(over)
    return parse_event(raw)


def applicant(**over) -> Applicant:
    return parse_applicant(applicant_dict(**over), today=date(2025, 1, 1))


def packet(app: Applicant | None = None, dets=None, **kw) -> BuiltDocument:
    app = app or applicant()
    dets = dets if dets is not None else [det() for _ in app.convictions]
    kw.setdefault("attorney", attorney())
    kw.setdefault("event", event())
    kw.setdefault("created_at", WHEN)
    return build_packet(app, dets, **kw)


def receipt(app: Applicant | None = None, dets=None, **kw) -> BuiltDocument:
    app = app or applicant()
    dets = dets if dets is not None else [det() for _ in app.convictions]
    kw.setdefault("reference", "BA-7Q4K-2M9X")
    kw.setdefault("attorney", attorney())
    kw.setdefault("event", event())
    kw.setdefault("created_at", WHEN)
    return build_receipt(app, dets, **kw)


def pages(doc: BuiltDocument) -> list[str]:
    return [unicodedata.normalize("NFC", p.extract_text()) for p in PdfReader(BytesIO(doc.data)).pages]


def flat(text: str) -> str:
    """Text with all whitespace removed: a wrapped (or cut) word reads whole again."""
    return re.sub(r"\s+", "", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


PAGE_NO = re.compile(r"Page (\d+) of (\d+)")


def papers(doc: BuiltDocument) -> list[tuple[str, str]]:
    """(footer label, text without footers) per paper, split where a page says "Page 1 of n"."""
    result: list[tuple[str, str]] = []
    for text in pages(doc):
        body, footer = text.rstrip().rsplit("\n", 1)
        m = PAGE_NO.search(footer)
        assert m, "every page carries a page number in its footer"
        label = next(p for p in PAPER_ORDER if footer.startswith(p))
        if m.group(1) == "1":
            result.append((label, body))
        else:
            assert result and result[-1][0] == label, "a continued paper keeps its label"
            result[-1] = (label, result[-1][1] + "\n" + body)
    return result


@cache
def _font_metrics() -> dict[str, tuple[dict[int, str], dict[str, tuple[int, int]], int]]:
    """Full font name (as fpdf2 embeds it) → (cmap, advance widths, units per em)."""
    found = {}
    for path in FONTS.glob("*.ttf"):
        with TTFont(path, lazy=True) as font:
            name = re.sub("[ ()]", "", font["name"].getBestFullName())
            found[name] = (font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm)
    return found


def text_runs(doc: BuiltDocument) -> list[tuple[int, float, float, float, str]]:
    """(page, x, baseline y from the top, width, text) of every text run, measured with the
    embedded font's own advance widths."""
    runs = []
    metrics = _font_metrics()
    for number, page in enumerate(PdfReader(BytesIO(doc.data)).pages, 1):
        def visit(text, cm, tm, font_dict, font_size, number=number):
            text = text.strip()  # pypdf adds a space or newline between runs; x is where the run starts
            if not text:
                return
            base = str(font_dict["/BaseFont"]).split("+", 1)[1]
            cmap, widths, upem = metrics[base]
            advance = sum(widths[cmap[ord(ch)]][0] for ch in text if ord(ch) in cmap)
            scale = font_size * tm[0] * cm[0]
            x = tm[4] * cm[0] + cm[4]
            y = PAGE_H - (tm[5] * cm[3] + cm[5])
            runs.append((number, x, y, advance * scale / upem, text))
        page.extract_text(visitor_text=visit)
    return runs


def assert_inside_margins(doc: BuiltDocument) -> None:
    runs = text_runs(doc)
    assert runs
    for page, x, y, width, text in runs:
        where = f"page {page}: {text[:40]!r}"
        assert x >= MARGIN - 0.01, where
        assert x + width <= PAGE_W - MARGIN + 0.5, f"{where} ends at {x + width:.1f}"
        if y > PAGE_H - MARGIN:  # only the footer lives in the bottom margin, half an inch up
            assert y <= PAGE_H - 30, where
        else:
            assert y >= MARGIN, where


@pytest.fixture(autouse=True)
def no_missing_glyphs(caplog):
    """fpdf2 only logs a glyph it cannot draw (an empty box on paper): make that a failure."""
    caplog.set_level(logging.WARNING, logger="fpdf")
    yield
    missing = [r.getMessage() for r in caplog.records if r.name.startswith("fpdf")]
    assert not missing, missing


def reference_text(name: str, doc: BuiltDocument) -> None:
    """The text of a document, page by page and line by line, against a reviewed copy under
    tests/core/reference/. A change of wording or of line breaks shows up as a diff to review;
    after reviewing it, rewrite the copy with KIOSK_UPDATE_REFERENCE=1."""
    got = "\n\f\n".join(pages(doc)) + "\n"
    path = REFERENCE / name
    if os.environ.get("KIOSK_UPDATE_REFERENCE") == "1":
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; review, then KIOSK_UPDATE_REFERENCE=1"
