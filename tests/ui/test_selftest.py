"""ui.selftest: the Qt step that renders the sample packet from memory passes a page with text
and refuses a blank page, a wrong page count and a file QtPdf cannot load."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pytest

from kiosk import selftest
from kiosk.selftest import Context, StepFailed


@dataclass
class Doc:
    kind: str
    data: bytes
    pages: int
    sha256: str


def pdf(text: str) -> Doc:
    from fpdf import FPDF

    p = FPDF(format="letter")
    p.add_page()
    if text:
        p.set_font("helvetica", size=12)
        for _ in range(30):
            p.cell(text=text, new_x="LMARGIN", new_y="NEXT")
    data = bytes(p.output())
    return Doc("packet", data, 1, hashlib.sha256(data).hexdigest())


def test_render_passes_a_page_with_text_and_refuses_a_blank_one(qapp):
    from ui.selftest import step_render

    ok = Context(docs={"packet": pdf(f"Docket No. {selftest.SAMPLE_DOCKET}")})
    assert "612x792" in step_render(ok)
    with pytest.raises(StepFailed, match="rendered blank"):
        step_render(Context(docs={"packet": pdf("")}))
    wrong_pages = pdf(f"Docket No. {selftest.SAMPLE_DOCKET}")
    wrong_pages.pages = 3
    with pytest.raises(StepFailed, match="QtPdf sees 1 pages, the builder reported 3"):
        step_render(Context(docs={"packet": wrong_pages}))
    with pytest.raises(StepFailed, match="could not load"):
        step_render(Context(docs={"packet": Doc("packet", b"%PDF-1.4 truncated", 1, "")}))


def test_the_qt_step_starts_qt_offscreen_and_paints(qapp):
    from ui.selftest import step_qt

    assert re.fullmatch(r"Qt [\d.]+ offscreen", step_qt(Context()))
