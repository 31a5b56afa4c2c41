"""The motion packet: for each conviction that gets a motion, four court papers in order —
Notice of Motion, Affirmation in Support, People's Consent, Proposed Order (docs/legal.md, "The papers").

Court style: US Letter, 1-inch margins, Liberation Serif (Times metrics) 12 pt, the New York
caption with ruled "x" lines, double-spaced body text. Each paper starts on a new page and is
numbered on its own ("Page x of y" counts the pages of that paper), because the clerk separates
the papers and each must stand alone; the footer also names the paper and its docket so a loose
page finds its way back.

Data minimisation: the papers carry the name and aliases as on the docket and the case facts,
never the applicant's date of birth, NYSID, phone, email or address.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ..errors import InputError
from ..models import MOTION_OUTCOMES, Applicant, Attorney, Determination, Event
from .fonts import FAST_FONTS, check_printable
from .frame import MARGIN, TEXT_W, BuiltDocument, Sheet
from .lines import clean
from .packet_case import BLANK_LONG, PacketCase, packet_case, printable_values
from .templates import common, fill, is_blank

FAMILY = "serif"
SIZE = 12.0
SINGLE = 14.0  # single-spaced leading (caption, lists, signature blocks)
DOUBLE = 24.0  # double-spaced leading for the body, as New York motion papers are set
SIG_W = 216.0  # a 3-inch signature line
RULE_ADVANCE = 3.0
LEFT_COL = 276.0  # caption: width of the box that holds the parties
RIGHT_COL_X = MARGIN + LEFT_COL + 24.0


PAPER_NAMES = {
    "notice": "Notice of Motion",
    "affirmation": "Affirmation in Support",
    "consent": "People's Consent",
    "order": "Proposed Order",
}

# Which packet field an unprintable value came from, for the error message.
FIELD_NAMES = {
    "defendant": "name", "caption_name": "name", "aka": "aliases", "caption_aliases": "aliases",
    "attorney": "attorney.name", "organization": "attorney.organization",
    "attorney_address": "attorney.office_address", "attorney_phone": "attorney.phone",
    "sentence": "sentence", "part": "event.part", "original_charge": "original_charge",
}


class _Packet:
    def __init__(self, sheet: Sheet, attorney: Attorney | None):
        self.pdf = sheet
        self.attorney = attorney

    # --- blocks ------------------------------------------------------------------------------

    def caption(self, case: PacketCase, title: str) -> None:
        """The New York caption: court and Part, the parties in a ruled box closed by "x", and
        the number, the paper's title and its statutes to the right of the box."""
        pdf = self.pdf
        for line in case.court["heading"]:
            pdf.flow(fill(line, {"part": case.facts["part"]}), size=SIZE, leading=SINGLE)
        pdf.set_y(pdf.y + 4)
        top = pdf.y
        self._x_rule(top)
        # the right column first: it is short and belongs on the caption's first page even when
        # a long list of aliases pushes the box onto the next one
        col = LEFT_COL + 24.0
        pdf.set_y(top + SINGLE)
        pdf.flow(case.docket_display, size=SIZE, leading=SINGLE, left=col)
        pdf.set_y(pdf.y + SINGLE)
        pdf.flow([("B", title)], size=SIZE, leading=SINGLE, left=col)
        pdf.flow(case.templates.statutes[case.court_key], size=SIZE, leading=SINGLE, left=col)
        right_page, right_end = pdf.page, pdf.y
        box = TEXT_W - LEFT_COL + 12.0  # right indent that keeps the parties inside the box
        pdf.set_y(top + 8)
        pdf.flow("THE PEOPLE OF THE STATE OF NEW YORK,", size=SIZE, leading=SINGLE, right=box)
        pdf.set_y(pdf.y + SINGLE)
        pdf.flow("-against-", size=SIZE, leading=SINGLE, right=box, align="C")
        pdf.set_y(pdf.y + SINGLE)
        name = case.caption_name
        for alias in case.caption_aliases:
            name += f", a/k/a {alias}"
        pdf.flow(name + ",", size=SIZE, leading=SINGLE, right=box)
        pdf.flow("Defendant.", size=SIZE, leading=SINGLE, right=box, align="R")
        if pdf.page == right_page:
            pdf.set_y(max(pdf.y, right_end))
        pdf.set_y(pdf.y + 6)
        self._x_rule(pdf.y)
        pdf.set_y(pdf.y + SINGLE)

    def _x_rule(self, y: float) -> None:
        pdf = self.pdf
        x_w = pdf.measure("", SIZE, "x")
        pdf.rule(MARGIN, MARGIN + LEFT_COL - x_w - 1, y)
        pdf.set_font(FAMILY, "", SIZE)
        pdf.set_xy(MARGIN + LEFT_COL - x_w, y - SINGLE / 2)
        pdf.cell(x_w, SINGLE, text="x", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(y)

    def paragraph(self, case: PacketCase, text: str, *, number: int | None = None, indent: float = 36.0,
                  left: float = 0.0, leading: float = DOUBLE, keep_with: float = 0.0,
                  keep_tail: int | None = 2) -> bool:
        """A body paragraph (first line indented); `keep_with` is the height of what must follow
        it on the same page: its last `keep_tail` lines (all when None) go with it, so a
        signature never stands alone on a page and no page is left half empty."""
        runs = case.runs(text)
        if is_blank(runs):
            return False
        if number is not None:
            runs = [("", f"{number}. "), *runs]
        self.pdf.flow(runs, size=SIZE, leading=leading, left=left, first_indent=indent, hanging=0.0,
                      keep_after=keep_with, keep_tail=keep_tail)
        return True

    # A block is a list of items laid out top to bottom in one column: text lines (wrapped),
    # gaps, and signature rules. Blocks are measured before drawing so that a signature block
    # and the "Dated:" lines beside it always land on the same page.
    def _items_height(self, items: list[tuple], left: float, right: float) -> float:
        total = 0.0
        for kind, *args in items:
            if kind == "text":
                extra = args[1] if len(args) > 1 else 0.0
                total += self.pdf.height_of(args[0], size=SIZE, leading=SINGLE, left=left + extra, right=right)
            elif kind == "gap":
                total += args[0]
            elif kind == "rule":
                total += RULE_ADVANCE
        return total

    def _draw_items(self, items: list[tuple], left: float, right: float) -> None:
        pdf = self.pdf
        for kind, *args in items:
            if kind == "text":
                extra = args[1] if len(args) > 1 else 0.0
                pdf.flow(args[0], size=SIZE, leading=SINGLE, left=left + extra, right=right, keep_lines=1)
            elif kind == "gap":
                pdf.set_y(pdf.y + args[0])
            elif kind == "rule":
                pdf.rule(MARGIN + left, MARGIN + left + min(SIG_W, TEXT_W - left - right), pdf.y + 1)
                pdf.set_y(pdf.y + RULE_ADVANCE)

    def side_by_side(self, left_items: list[tuple], right_items: list[tuple]) -> None:
        """Two blocks side by side: left half (date, addressees) and right half (signature)."""
        pdf = self.pdf
        left_margin, right_margin = (0.0, TEXT_W / 2 + 12.0), (TEXT_W / 2, 0.0)
        height = max(self._items_height(left_items, *left_margin),
                     self._items_height(right_items, *right_margin))
        pdf.ensure_space(height)
        top, page = pdf.y, pdf.page
        self._draw_items(right_items, *right_margin)
        right_end, right_page = pdf.y, pdf.page
        if right_page != page:  # taller than a page: cannot sit side by side, stack instead
            self._draw_items(left_items, *left_margin)
            return
        pdf.set_y(top)
        self._draw_items(left_items, *left_margin)
        if pdf.page == right_page:
            pdf.set_y(max(pdf.y, right_end))

    def block_height(self, left_items: list[tuple], right_items: list[tuple]) -> float:
        return max(self._items_height(left_items, 0.0, TEXT_W / 2 + 12.0),
                   self._items_height(right_items, TEXT_W / 2, 0.0))

    @staticmethod
    def dated(when: str) -> list[tuple]:
        return [("text", "Dated: Brooklyn, New York"), ("text", when, 38.0)]

    def attorney_items(self) -> list[tuple]:
        """Signature line for counsel: blank for wet ink, or "/s/ Name" when counsel signs typed."""
        a = self.attorney
        if a is None:
            return [("gap", SINGLE * 1.5), ("rule",), ("text", "Attorney for Defendant"),
                    ("text", f"Print name: {BLANK_LONG}")]
        items: list[tuple] = []
        if a.typed_signature:
            items += [("gap", SINGLE * 0.5), ("text", f"/s/ {clean(a.name)}"), ("gap", 2.0)]
        else:
            items += [("gap", SINGLE * 1.5)]
        items.append(("rule",))
        for line in (clean(a.name), clean(a.organization), "Attorney for Defendant",
                     clean(a.office_address), clean(a.phone),
                     f"Attorney Reg. No. {a.registration_number}" if a.registration_number else ""):
            if line:
                items.append(("text", line))
        return items

    # --- the four papers -----------------------------------------------------------------------

    def notice(self, case: PacketCase) -> None:
        paper = case.templates.papers["notice"]
        pdf = self.pdf
        self._start(case, "notice")
        for text in paper["body"]:
            self.paragraph(case, text)
        for text in paper["relief"]:
            self.paragraph(case, text, indent=0.0, left=72.0, leading=SINGLE * 1.5)
        pdf.set_y(pdf.y + SINGLE / 2)
        to_items: list[tuple] = [("gap", SINGLE), ("text", "TO:")]
        to_items += [("text", line, 24.0) for line in case.county.da_address]
        to_items += [("gap", SINGLE / 2), ("text", "Clerk of the Court", 24.0),
                     ("text", case.court["name"], 24.0), ("text", case.court["address"], 24.0)]
        dated = self.dated(case.facts["date"])
        right = [("text", "Yours, etc.,"), *self.attorney_items()]
        after = [case.runs(text) for text in paper["after"]]
        after_h = sum(pdf.height_of(runs, size=SIZE, leading=DOUBLE, first_indent=36.0) for runs in after)
        # The addressees sit beside the signature when all of it fits on this page; otherwise only
        # the date and the signature stay with the paragraph's last lines, and "TO:" follows them,
        # so the first page is never left half empty.
        beside = after_h + self.block_height(dated + to_items, right) + SINGLE <= pdf.bottom - pdf.y
        left = dated + to_items if beside else dated
        for i, text in enumerate(paper["after"]):
            last = i == len(paper["after"]) - 1
            self.paragraph(case, text, keep_with=self.block_height(left, right) + SINGLE if last else 0.0)
        pdf.set_y(pdf.y + SINGLE / 2)
        self.side_by_side(left, right)
        if not beside:
            pdf.ensure_space(self._items_height(to_items, 0.0, TEXT_W / 2 + 12.0))
            self._draw_items(to_items, 0.0, TEXT_W / 2 + 12.0)

    def affirmation(self, case: PacketCase) -> None:
        paper = case.templates.papers["affirmation"]
        pdf = self.pdf
        self._start(case, "affirmation")
        self.paragraph(case, paper["opening"])
        number = 1
        for text in paper["paragraphs"]:
            if self.paragraph(case, text, number=number):
                number += 1
        left, right = self.dated(case.facts["date"]), self.attorney_items()
        jurat = self.pdf.height_of(case.runs(paper["attestation"]), size=SIZE, leading=DOUBLE, first_indent=36.0)
        # the WHEREFORE clause's last lines come along when the jurat must start a new page
        self.paragraph(case, paper["wherefore"], keep_with=jurat + self.block_height(left, right) + SINGLE * 1.5)
        # the jurat, the signature and the attorney's block stay together
        self.paragraph(case, paper["attestation"], keep_with=self.block_height(left, right) + SINGLE,
                       keep_tail=None)
        pdf.set_y(pdf.y + SINGLE / 2)
        self.side_by_side(left, right)

    def consent(self, case: PacketCase) -> None:
        paper = case.templates.papers["consent"]
        pdf = self.pdf
        self._start(case, "consent")
        left = self.dated(BLANK_LONG)
        right = [("text", case.county.da_address[0].upper()), ("gap", SINGLE * 1.5), ("text", "By:"), ("rule",),
                 ("text", "Assistant District Attorney"), ("gap", SINGLE),
                 ("text", f"Name (print): {BLANK_LONG}")]
        for i, text in enumerate(paper["body"]):
            last = i == len(paper["body"]) - 1
            self.paragraph(case, text, keep_with=self.block_height(left, right) + SINGLE if last else 0.0)
        pdf.set_y(pdf.y + SINGLE)
        self.side_by_side(left, right)

    def order(self, case: PacketCase) -> None:
        paper = case.templates.papers["order"]
        pdf = self.pdf
        pdf.begin_part(self._footer(case, "order"))
        for text in paper["recital"]:
            pdf.flow(case.runs(text), size=SIZE, leading=SINGLE, left=TEXT_W * 0.42)
        pdf.set_y(pdf.y + SINGLE)
        self.caption(case, paper["title"])
        for text in paper["body"]:
            self.paragraph(case, text)
        left = self.dated(BLANK_LONG)
        right = [("text", "ENTER:"), ("gap", SINGLE * 1.5), ("rule",), ("text", case.facts["judge_title"])]
        for i, text in enumerate(paper["ordered"]):
            last = i == len(paper["ordered"]) - 1
            self.paragraph(case, text, keep_with=self.block_height(left, right) + SINGLE if last else 0.0)
        pdf.set_y(pdf.y + SINGLE)
        self.side_by_side(left, right)

    def _footer(self, case: PacketCase, paper: str) -> str:
        return f"{PAPER_NAMES[paper]} \u2014 {case.docket_display}"

    def _start(self, case: PacketCase, paper: str) -> None:
        self.pdf.begin_part(self._footer(case, paper))
        self.caption(case, case.templates.papers[paper]["title"])


def build_packet(applicant: Applicant, determinations: Sequence[Determination | None], *,
                 attorney: Attorney | None, event: Event | None, created_at: datetime,
                 signed_on: date | None = None, fast_fonts: bool | None = None) -> BuiltDocument:
    """Motion papers for every conviction whose standing outcome is ELIGIBLE or NEEDS_REVIEW.

    `determinations` is aligned with `applicant.convictions` (None: not evaluated, no motion).
    The legal text comes from the templates of each determination's deciding pack; the court,
    county, courthouse and DA from the conviction itself. `signed_on` is the date of signing the
    papers print (and the oath form in force on it); it defaults to `created_at`'s day, which is
    only the PDF's creation stamp. Same inputs give the same bytes. Raises InputError when no
    conviction qualifies, when a conviction lies outside its pack's counties, or when a name
    cannot be printed with the shipped fonts."""
    if len(determinations) != len(applicant.convictions):
        raise InputError("determinations", "must have one entry per conviction")
    shared = common()
    signed = signed_on or created_at.date()
    cases = [
        packet_case(applicant, i, det, attorney, event, signed, shared)
        for i, det in enumerate(determinations)
        if det is not None and det.standing_outcome in MOTION_OUTCOMES
    ]
    if not cases:
        raise InputError("convictions", "no conviction qualifies for a motion (none is eligible or "
                                        "flagged for review)")
    sheet = Sheet(family=FAMILY, created_at=created_at, title="Motion to vacate judgment and dismiss",
                  fast_fonts=FAST_FONTS if fast_fonts is None else fast_fonts)
    printed: list[str] = []
    for case in cases:
        values = printable_values(case, attorney)
        check_printable(values, FAMILY, FIELD_NAMES)
        printed += values.values()
    sheet.enable_fallback(" ".join(printed))  # e.g. a name in Chinese characters
    refs = sorted({c.templates.ref for c in cases} | {c.oath_ref for c in cases} | {shared.ref})
    sheet.set_keywords(" ".join(refs))
    packet = _Packet(sheet, attorney)
    for case in cases:
        packet.notice(case)
        packet.affirmation(case)
        if case.templates.people_consent:
            packet.consent(case)
        packet.order(case)
    sheet.number_pages(lambda page, total: f"Page {page} of {total}")
    return sheet.finish("packet", tuple(refs))
