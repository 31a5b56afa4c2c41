"""The page frame every printed document shares: US Letter, 1-inch margins, embedded TTF fonts,
a small line-layout engine and per-section "Page x of y" footers.

Why a layout engine of our own on top of fpdf2: fpdf2's `multi_cell` re-measures the whole line
for every character it adds (quadratic per line), which alone would cost more than the 150 ms
budget for a packet. Here words are measured once (cached per document), lines are filled
greedily, and each line is drawn with one text run per style. That also lets us wrap what
fpdf2 cannot wrap well (a 200-character name, Chinese text with no spaces), and we know the
exact extent of every line we draw.

Fonts are parsed once per process and shared between documents (see `attach_font`); each
document still embeds only the subset of glyphs it uses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.fonts import TTFFont

from .fonts import (
    FALLBACK_FAMILY,
    FAST_FONTS,
    FONT_FILES,
    attach_copy,
    attach_font,
    coverage,
    fallback_subset,
    fallback_template,
)
from .lines import CJK_CHAR, TOKEN, Line, Run, Segment

PAGE_W = 612.0  # US Letter in points
PAGE_H = 792.0
MARGIN = 72.0  # 1 inch
FOOTER_Y = PAGE_H - 36.0 - 10.0  # footer cell top: its baseline sits about half an inch above the edge
TEXT_W = PAGE_W - 2 * MARGIN


@dataclass(frozen=True)
class BuiltDocument:
    """A finished PDF: the bytes, how many pages, and their SHA-256 (recorded by the services).

    `templates` names the legal-text templates used, as "pack-id@version", so a printed paper
    can be traced to the exact wording that produced it."""

    kind: str
    data: bytes
    pages: int
    sha256: str
    templates: tuple[str, ...] = ()



class Sheet(FPDF):
    """A Letter page with 1-inch margins and a text-flow API measured in points."""

    def __init__(self, *, family: str, created_at: datetime, title: str, lang: str = "en",
                 fast_fonts: bool = FAST_FONTS):
        super().__init__(orientation="P", unit="pt", format="letter")
        self.family = family
        self._fast_fonts = fast_fonts
        self.set_margins(MARGIN, MARGIN, MARGIN)
        # Our own flow breaks pages before the bottom margin; this is only a safety net.
        self.set_auto_page_break(True, MARGIN)
        self.c_margin = 0
        self.set_line_width(0.6)
        stamp = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
        self.set_creation_date(stamp)
        self.set_title(title)
        self.set_creator("Begin Again Kiosk")
        self.set_producer("Begin Again Kiosk (fpdf2)")
        self.set_lang(lang)
        self._widths: dict[tuple[str, float, str], float] = {}
        self.sections: list[tuple[str, int]] = []  # (footer label, first page)
        self.fallback_enabled = False

    # fonts are attached when first used, so an unused face (e.g. italic) is never embedded
    def set_font(self, family=None, style="", size=0):  # noqa: D401 - fpdf2 override
        fam = (family or self.font_family or self.family).lower()
        st = "".join(sorted(getattr(style, "style", style).upper()))
        if fam in FONT_FILES and f"{fam}{st}" not in self.fonts:
            if st not in FONT_FILES[fam]:
                st = "B" if "B" in st and "B" in FONT_FILES[fam] else ""
            if f"{fam}{st}" not in self.fonts:
                attach_font(self, fam, st, fast=self._fast_fonts)
        super().set_font(fam, st, size)

    def enable_fallback(self, text: str) -> bool:
        """Draw the characters of `text` that the main family lacks (Chinese) with the CJK font.

        Call once, before drawing, with all the text the document will hold. Returns whether a
        fallback is in use."""
        main = coverage(self.family)
        chars = frozenset(ord(ch) for ch in text if ord(ch) not in main and not ch.isspace())
        if not chars or self.fallback_enabled:
            return self.fallback_enabled
        attach_copy(self, FALLBACK_FAMILY, fallback_template(chars), fallback_subset(chars))
        self.set_fallback_fonts([FALLBACK_FAMILY], exact_match=False)
        self.fallback_enabled = True
        return True

    def file_id(self):
        """A /ID derived from the content and creation date only: same inputs, same bytes."""
        return -1

    # --- measuring ---------------------------------------------------------------------------

    def measure(self, style: str, size: float, text: str) -> float:
        key = (style, size, text)
        width = self._widths.get(key)
        if width is None:
            self.set_font(self.family, style, size)
            if self.fallback_enabled:  # widths depend on which font each character falls back to
                width = self.get_string_width(text)
            else:  # fpdf2's own formula (no char spacing, no stretching), without its per-call fragments
                font = self.current_font
                assert isinstance(font, TTFFont)
                widths: dict[int, float] = font.cw
                width = sum(widths[ord(ch)] for ch in text) * size * 0.001 / self.k
            self._widths[key] = width
        return width

    def wrap(self, runs: Sequence[Run], width: float, *, size: float, first_indent: float = 0.0,
             hanging: float = 0.0) -> list[Line]:
        """Break runs into lines no wider than `width` (the first line `first_indent` narrower,
        the following ones `hanging` narrower). A word longer than a whole line is cut between
        characters rather than allowed to overflow."""
        lines: list[Line] = []
        line = Line(indent=first_indent)
        avail = width - first_indent
        x = 0.0
        space_pending = False

        def flush() -> None:
            nonlocal line, avail, x, space_pending
            lines.append(line)
            line = Line(indent=hanging)
            avail = width - hanging
            x = 0.0
            space_pending = False

        def place(style: str, text: str, w: float, gap: float) -> None:
            nonlocal x
            last = line.segments[-1] if line.segments else None
            if last is not None and last.style == style:
                last.text += (" " if gap else "") + text
                last.width = x + gap + w - last.x
            else:
                line.segments.append(Segment(style, text, x + gap, w))
            x += gap + w

        for style, text in runs:
            for m in TOKEN.finditer(text):
                if m.group("br"):
                    flush()
                    continue
                if m.group("sp"):
                    space_pending = bool(line.segments)
                    continue
                word = m.group(0)
                w = self.measure(style, size, word)
                gap = self.measure(style, size, " ") if space_pending and line.segments else 0.0
                space_pending = False
                if line.segments and x + gap + w > avail + 0.01:
                    flush()
                    gap = 0.0
                if w <= avail + 0.01:
                    place(style, word, w, gap)
                    continue
                # longer than a whole line: cut it into pieces that fit
                for piece in self._split_word(style, size, word, avail - x - gap, avail):
                    pw = self.measure(style, size, piece)
                    if line.segments and x + gap + pw > avail + 0.01:
                        flush()
                        gap = 0.0
                    place(style, piece, pw, gap)
                    gap = 0.0
        if line.segments or not lines:
            lines.append(line)
        return lines

    def _split_word(self, style: str, size: float, word: str, first: float, full: float) -> list[str]:
        pieces, current, limit = [], "", max(first, 0.0)
        if limit < self.measure(style, size, word[:1]):
            limit = full
        for ch in word:
            if current and self.measure(style, size, current + ch) > limit + 0.01:
                pieces.append(current)
                current, limit = ch, full
            else:
                current += ch
        if current:
            pieces.append(current)
        return pieces

    # --- drawing -----------------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        return PAGE_H - MARGIN

    def ensure_space(self, height: float) -> None:
        """Start a new page unless `height` points still fit above the bottom margin."""
        if self.y + height > self.bottom + 0.01 and self.y > MARGIN + 0.01:
            self.add_page()

    def draw_lines(self, lines: Iterable[Line], *, left: float, width: float, leading: float,
                   size: float, align: str = "L") -> None:
        for line in lines:
            self.ensure_space(leading)
            if align == "C":
                start = left + (width - line.width) / 2
            elif align == "R":
                start = left + width - line.width
            else:
                start = left + line.indent
            for seg in line.segments:
                self.set_font(self.family, seg.style, size)
                if self.fallback_enabled:  # only cell() switches fonts per glyph
                    self.set_xy(start + seg.x, self.y)
                    if "B" in seg.style and CJK_CHAR.search(seg.text):
                        # the CJK font has no bold face: a fill-and-stroke outline draws it bold
                        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.035):
                            self.cell(seg.width, leading, text=seg.text, new_x="RIGHT", new_y="TOP")
                    else:
                        self.cell(seg.width, leading, text=seg.text, new_x="RIGHT", new_y="TOP")
                else:  # same baseline as cell(): half the leading plus 0.3 em below the line top
                    self.text(start + seg.x, self.y + 0.5 * leading + 0.3 * size, seg.text)
            self.set_xy(self.l_margin, self.y + leading)

    def flow(self, runs: Sequence[Run] | str, *, size: float = 12, leading: float | None = None,
             left: float = 0.0, right: float = 0.0, first_indent: float = 0.0, hanging: float | None = None,
             align: str = "L", space_after: float = 0.0, keep_lines: int = 2, keep_after: float = 0.0,
             keep_tail: int | None = 2) -> list[Line]:
        """Set a paragraph inside the margins (`left`/`right` are extra indents). The first
        `keep_lines` lines are kept together so a paragraph never starts on a page's last line.

        `keep_after` is the height of what must follow the paragraph on the same page (a
        signature block): when both do not fit, the page breaks inside the paragraph so that its
        last `keep_tail` lines (all of them when None) move with the block, and the rest stays
        on this page instead of leaving it half empty."""
        if isinstance(runs, str):
            runs = [("", runs)]
        leading = leading or size * 1.2
        x0 = MARGIN + left
        width = TEXT_W - left - right
        lines = self.wrap(runs, width, size=size, first_indent=first_indent,
                          hanging=first_indent if hanging is None else hanging)
        room = self.bottom - self.y
        if keep_after and len(lines) * leading + keep_after > room + 0.01:
            tail = len(lines) if keep_tail is None else min(keep_tail, len(lines))
            head = min(int((room + 0.01) // leading), len(lines) - tail)
            if head < min(keep_lines, len(lines)):
                head = 0  # nothing worth leaving behind: the whole paragraph moves
            if (len(lines) - head) * leading + keep_after <= self.bottom - MARGIN:
                self.draw_lines(lines[:head], left=x0, width=width, leading=leading, size=size, align=align)
                if self.y > MARGIN + 0.01:
                    self.add_page()
                self.draw_lines(lines[head:], left=x0, width=width, leading=leading, size=size, align=align)
                self.set_y(self.y + space_after)
                return lines
        self.ensure_space(leading * min(keep_lines, len(lines)))
        self.draw_lines(lines, left=x0, width=width, leading=leading, size=size, align=align)
        self.set_y(self.y + space_after)
        return lines

    def height_of(self, runs: Sequence[Run] | str, *, size: float = 12, leading: float | None = None,
                  left: float = 0.0, right: float = 0.0, first_indent: float = 0.0) -> float:
        if isinstance(runs, str):
            runs = [("", runs)]
        leading = leading or size * 1.2
        return leading * len(self.wrap(runs, TEXT_W - left - right, size=size, first_indent=first_indent))

    def rule(self, x1: float, x2: float, y: float | None = None) -> None:
        y = self.y if y is None else y
        self.line(x1, y, x2, y)

    # --- sections and footers ------------------------------------------------------------------

    def begin_part(self, label: str) -> None:
        """Begin a separately numbered part (one court paper, or the receipt) on a new page."""
        self.add_page()
        self.sections.append((label, self.page))

    def number_pages(self, page_label: Callable[[int, int], str], *, size: float = 9) -> None:
        """Write each section's footer once its length is known: the section's label on the left,
        "Page x of y" (counted within the section) on the right, half an inch above the edge."""
        last = self.page
        self.set_auto_page_break(False)
        ends = [first - 1 for _, first in self.sections[1:]] + [last]
        for (label, first), end in zip(self.sections, ends, strict=True):
            total = end - first + 1
            for page in range(first, end + 1):
                self.page = page
                self.current_font_is_set_on_page = False  # that page's stream has its own font state
                self.set_font(self.family, "", size)
                self.set_xy(MARGIN, FOOTER_Y)
                number = page_label(page - first + 1, total)
                number_w = self.get_string_width(number)
                left_w = TEXT_W - number_w - 18
                left_text = label
                while left_text and self.get_string_width(left_text) > left_w:
                    left_text = left_text[:-2].rstrip() + "…"
                if left_text:
                    self.cell(left_w, 10, text=left_text, new_x="RIGHT", new_y="TOP")
                self.set_xy(PAGE_W - MARGIN - number_w, FOOTER_Y)
                self.cell(number_w, 10, text=number, new_x="RIGHT", new_y="TOP")
        self.page = last
        self.set_auto_page_break(True, MARGIN)

    def footer(self) -> None:
        """Footers are drawn by `number_pages` once every section's length is known."""

    def finish(self, kind: str, templates: tuple[str, ...] = ()) -> BuiltDocument:
        data = bytes(self.output())
        return BuiltDocument(kind=kind, data=data, pages=self.pages_count,
                             sha256=hashlib.sha256(data).hexdigest(), templates=templates)
