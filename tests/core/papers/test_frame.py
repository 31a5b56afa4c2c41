"""The page frame every document shares: lines never wider than asked (a word longer than a line
is cut, not left to overflow), each part numbered on its own, the same inputs the same bytes."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader

from kiosk.papers.frame import BuiltDocument, Sheet
from tests.core.papers.builders_support import MARGIN, PAGE_H, PAGE_W, WHEN, assert_inside_margins, text_runs


def sheet() -> Sheet:
    return Sheet(family="sans", created_at=WHEN, title="test")


def test_wrapped_lines_stay_inside_the_width_and_a_long_word_is_cut():
    s = sheet()
    lines = s.wrap([("", "short words then " + "x" * 300)], 200.0, size=11, first_indent=30.0)
    assert len(lines) > 2 and lines[0].indent == 30.0
    assert all(line.width <= 200.0 - line.indent + 0.01 for line in lines)
    assert "".join(seg.text for line in lines for seg in line.segments).count("x") == 300
    assert s.height_of("one line", size=10) == 12.0


def test_each_part_is_numbered_on_its_own_and_the_bytes_repeat():
    def build() -> bytes:
        s = sheet()
        s.begin_part("First")
        s.flow("A paragraph. " * 400, size=11)  # runs over onto a second page
        s.begin_part("Second")
        s.flow("One more page.", size=11)
        s.number_pages(lambda page, pages: f"Page {page} of {pages}")
        return s.finish("receipt").data

    data = build()
    pages = PdfReader(BytesIO(data)).pages
    footers = [p.extract_text().strip().splitlines()[-1] for p in pages]
    assert footers == ["First Page 1 of 2", "First Page 2 of 2", "Second Page 1 of 1"]
    assert build() == data
    # US Letter, and the flowed text fills the width between the 1-inch margins without crossing them
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {(PAGE_W, PAGE_H)}
    doc = BuiltDocument("receipt", data, len(pages), "")
    assert_inside_margins(doc)
    body = [x + width for _, x, y, width, _ in text_runs(doc) if y <= PAGE_H - MARGIN]  # the footer left out
    assert PAGE_W - MARGIN - 20 < max(body) <= PAGE_W - MARGIN + 0.5
