"""The page frame every document shares: lines never wider than asked (a word longer than a line
is cut, not left to overflow), each part numbered on its own, the same inputs the same bytes."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader

from kiosk.papers.frame import TEXT_W, Sheet
from tests.core.papers.builders_support import WHEN


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
    footers = [p.extract_text().strip().splitlines()[-1] for p in PdfReader(BytesIO(data)).pages]
    assert footers == ["First Page 1 of 2", "First Page 2 of 2", "Second Page 1 of 1"]
    assert build() == data
    assert TEXT_W == 468.0  # US Letter less two 1-inch margins
