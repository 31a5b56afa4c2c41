"""The applicant's receipt: a page they keep, in their own language, never filed in court.

It says what was done for each conviction in plain words (a motion, a review by the DA, nothing
under this program and what to do instead, or already cleared by law), what happens next, whom
to call, and why the court papers themselves are in English (users of similar tools were
confused by screens in one language and papers in another; docs/legal.md, "The papers").

Data minimisation: the receipt shows the reference number and the case numbers, not the
applicant's name, date of birth or contact details, so a lost receipt does not tie a person to
a conviction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..errors import InputError
from ..i18n import format_date, translator
from ..models import MOTION_OUTCOMES, Applicant, Attorney, Conviction, Determination, Event
from .fonts import FAST_FONTS, check_printable
from .frame import MARGIN, TEXT_W, BuiltDocument, Sheet
from .lines import clean
from .scope import motion_allowed, outside_pack, referral_for

FAMILY = "sans"
# Sizes chosen so the longest realistic receipt (three convictions, one referred to another
# county, long names of event, venue and office) fits one page in every shipped language.
BODY = 11.0
LEADING = 12.8
HEADING = 13.0

MESSAGES: list[str] = []  # every string the receipt can print, as msgids


def N_(message: str) -> str:
    """Marks a string for extraction into the catalogs (translated where it is used) and
    registers it, so the builder knows every character a receipt in a language can need."""
    MESSAGES.append(message)
    return message


TITLE = N_("Your Begin Again receipt")
KEEP = N_("Keep this paper. It is your receipt. It is not a court paper and is not filed in court.")
REFERENCE = N_("Reference number")
REFERENCE_FOOTER = N_("Reference number: {reference}")
PAGE = N_("Page {page} of {pages}")
DATE = N_("Date: {date}")
EVENT = N_("Event: {event}")
YOUR_CASES = N_("Your cases")
CASE_NUMBER = N_("Case number {docket}")
CASE_NUMBER_UNKNOWN = N_("Case number not known yet")
CONVICTION_DATE = N_("conviction date {date}")
WHAT_NEXT = N_("What happens next")
TAKES_MONTHS = N_("This can take a few months.")
NO_MOTION = N_("No motion was prepared today. See above what you can do for each case.")
QUESTIONS = N_("If you have questions")
PHONE = N_("Phone: {phone}")
HAVE_REFERENCE = N_("Please have your reference number ready.")
NO_ATTORNEY = N_("Contact the free legal services office that helped you at the event. Please have "
                 "your reference number ready.")
LANGUAGE = N_("Language of your papers")
PAPERS_IN_ENGLISH = N_("Your court papers are in English because the court requires papers in English.")
RECEIPT_IN_YOURS = N_("This receipt is in your language so that you can read it.")


OUTCOME_TEXT = {
    "ELIGIBLE": N_("Your lawyer prepared a motion (a written request to the judge) to cancel this "
                   "conviction and dismiss the case."),
    "NEEDS_REVIEW": N_("Your lawyer prepared a motion for this conviction, but the District Attorney's "
                       "office must review it first. It may or may not agree. Your lawyer will tell you "
                       "the result."),
    "RELIEF_BY_STATUTE": N_("The law already cleared this conviction: it was cancelled and the record "
                            "sealed or erased automatically. You do not need a motion. If it still shows "
                            "up on a background check, contact the office listed below."),
    "INELIGIBLE": N_("This program cannot clear this conviction."),
    "": N_("This conviction has not been reviewed yet. Ask the office listed below."),
}
# County slugs as people in New York name them (for "this conviction is from ...").
COUNTY_NAMES = {
    "new-york": N_("Manhattan (New York County)"),
    "bronx": N_("the Bronx"),
    "queens": N_("Queens"),
    "richmond": N_("Staten Island (Richmond County)"),
}
ANY_COUNTY = N_("{county} County")
OTHER_COUNTY = N_("This conviction is from {county}. Only the District Attorney of that county can "
                  "agree to clear it. Ask a free legal services office there for help.")
REFERRAL_DA = N_("District Attorney: {office}")
REFERRAL_HELP = N_("Free legal help: {names}")
TO_CONFIRM = N_("(address to confirm before you go)")
OTHER_WAYS = N_("Ask the office listed below about other ways to clear or seal it. For example, "
                "New York law lets some convictions be sealed (CPL 160.59).")
NEXT_STEPS = (
    N_("Your lawyer files the motion with the court."),
    N_("The District Attorney's office reviews it."),
    N_("The District Attorney agrees in court, and the judge cancels (vacates) the conviction and "
       "dismisses the case. The record is then sealed."),
    N_("You do not need to come back to court."),
)


@dataclass
class _Block:
    kind: str  # "title" | "heading" | "text" | "case" | "step" | "reference"
    text: str
    extra: str = ""


def _join(first: str, second: str) -> str:
    """Two sentences: a space between them, except after Chinese full-width punctuation."""
    return first + ("" if first.endswith(("。", "！", "？", "：", "；", "）")) else " ") + second


def _case_lines(_, lang: str, conviction: Conviction,
                determination: Determination | None) -> tuple[str, str]:
    """The case's line (number and date) and what was done for it, in plain words. A conviction
    outside the deciding pack's counties gets no motion here, whatever an override says: the
    receipt says so and where to go instead."""
    if conviction.docket:
        label = _(CASE_NUMBER).format(docket=conviction.docket)
    else:
        label = _(CASE_NUMBER_UNKNOWN)
    when = format_date(conviction.conviction_date, lang)
    label += " \u2014 " + _(CONVICTION_DATE).format(date=when)
    outcome = determination.standing_outcome if determination else ""
    outside = determination is not None and outside_pack(conviction, determination)
    if outcome in MOTION_OUTCOMES and outside:
        outcome = "INELIGIBLE"
    text = _(OUTCOME_TEXT.get(outcome, OUTCOME_TEXT[""]))
    if outcome == "INELIGIBLE":
        if outside or (conviction.county and conviction.county != "kings"):
            if conviction.county in COUNTY_NAMES:
                county = _(COUNTY_NAMES[conviction.county])
            else:
                county = _(ANY_COUNTY).format(county=conviction.county.replace("-", " ").title())
            text = _join(text, _(OTHER_COUNTY).format(county=county))
            referral = referral_for(conviction, determination)
            if referral is not None:
                text += "\n" + _(REFERRAL_DA).format(office=referral.district_attorney)
                text += "\n" + _(REFERRAL_HELP).format(names=", ".join(referral.defenders))
                if not referral.confirmed:
                    text += " " + _(TO_CONFIRM)
        else:
            text = _join(text, _(OTHER_WAYS))
    return label, text


def _compose(applicant: Applicant, determinations: Sequence[Determination | None], reference: str,
             attorney: Attorney | None, event: Event | None, signed_on: date) -> list[_Block]:
    lang = applicant.language
    _ = translator(lang)
    blocks = [
        _Block("title", _(TITLE)),
        _Block("text", _(KEEP)),
        _Block("reference", _(REFERENCE), reference),
        _Block("text", _(DATE).format(date=format_date(signed_on, lang))),
    ]
    if event is not None:
        where = ", ".join(p for p in (clean(event.name), clean(event.venue)) if p)
        blocks.append(_Block("text", _(EVENT).format(event=where)))
    blocks.append(_Block("heading", _(YOUR_CASES)))
    for conviction, determination in zip(applicant.convictions, determinations, strict=True):
        label, text = _case_lines(_, lang, conviction, determination)
        blocks.append(_Block("case", label, text))
    motions = any(motion_allowed(c, d) for c, d in zip(applicant.convictions, determinations, strict=True))
    blocks.append(_Block("heading", _(WHAT_NEXT)))
    if motions:
        blocks += [_Block("step", _(step), str(i)) for i, step in enumerate(NEXT_STEPS, 1)]
        blocks.append(_Block("text", _(TAKES_MONTHS)))
    else:
        blocks.append(_Block("text", _(NO_MOTION)))
    blocks.append(_Block("heading", _(QUESTIONS)))
    if attorney is not None:
        who = ", ".join(p for p in (clean(attorney.name), clean(attorney.organization)) if p)
        blocks.append(_Block("text", who))
        if attorney.phone:
            blocks.append(_Block("text", _(PHONE).format(phone=clean(attorney.phone))))
        blocks.append(_Block("text", _(HAVE_REFERENCE)))
    else:
        blocks.append(_Block("text", _(NO_ATTORNEY)))
    blocks.append(_Block("heading", _(LANGUAGE)))
    language_line = _(PAPERS_IN_ENGLISH)
    if lang != "en":
        language_line = _join(language_line, _(RECEIPT_IN_YOURS))
    blocks.append(_Block("text", language_line))
    return blocks


def build_receipt(applicant: Applicant, determinations: Sequence[Determination | None], *, reference: str,
                  attorney: Attorney | None, event: Event | None, created_at: datetime,
                  signed_on: date | None = None, fast_fonts: bool | None = None) -> BuiltDocument:
    """The receipt in `applicant.language` (English for any string not translated), dated
    `signed_on` like the papers it goes with (default: `created_at`'s day).

    Same inputs and same `created_at` give the same bytes."""
    if len(determinations) != len(applicant.convictions):
        raise InputError("determinations", "must have one entry per conviction")
    if not reference.strip():
        raise InputError("reference", "is required on the receipt")
    _ = translator(applicant.language)
    blocks = _compose(applicant, determinations, clean(reference), attorney, event,
                      signed_on or created_at.date())
    user_values = {"reference": reference, "dockets": " ".join(c.docket for c in applicant.convictions)}
    if attorney is not None:
        user_values.update({"attorney.name": attorney.name, "attorney.organization": attorney.organization,
                            "attorney.phone": attorney.phone})
    if event is not None:
        user_values.update({"event.name": event.name, "event.venue": event.venue})
    check_printable(user_values, FAMILY, {})
    sheet = Sheet(family=FAMILY, created_at=created_at, title=_(TITLE),
                  lang=applicant.language,
                  fast_fonts=FAST_FONTS if fast_fonts is None else fast_fonts)
    footer = _(REFERENCE_FOOTER).format(reference=clean(reference))
    page_label = _(PAGE)
    # every receipt string of the language too, so all receipts in it share one cut of the font
    sheet.enable_fallback(" ".join([footer, *(_(m) for m in MESSAGES),
                                    *(b.text + " " + b.extra for b in blocks)]))
    sheet.begin_part(footer)
    for block in blocks:
        _draw(sheet, block)
    sheet.number_pages(lambda page, total: page_label.format(page=page, pages=total))
    return sheet.finish("receipt")


def _draw(sheet: Sheet, block: _Block) -> None:
    if block.kind == "title":
        sheet.flow([("B", block.text)], size=18, leading=22, space_after=4)
    elif block.kind == "heading":
        sheet.set_y(sheet.y + 7)
        sheet.ensure_space(LEADING * 3)  # never a heading alone at the foot of a page
        sheet.flow([("B", block.text)], size=HEADING, leading=17, space_after=1)
    elif block.kind == "text":
        sheet.flow(block.text, size=BODY, leading=LEADING, space_after=3)
    elif block.kind == "reference":
        label_h, number_h = 16.0, 26.0
        sheet.ensure_space(label_h + number_h + 20)
        top = sheet.y + 4
        sheet.set_y(top + 8)
        sheet.flow(block.text, size=BODY, leading=label_h, left=12, right=12)
        sheet.flow([("B", block.extra)], size=20, leading=number_h, left=12, right=12)
        sheet.set_line_width(1.2)
        sheet.rect(MARGIN, top, TEXT_W, sheet.y + 8 - top)
        sheet.set_line_width(0.6)
        sheet.set_y(sheet.y + 12)
    elif block.kind == "case":
        sheet.ensure_space(LEADING * 3)
        sheet.flow([("B", block.text)], size=BODY, leading=LEADING, left=0)
        sheet.flow(block.extra, size=BODY, leading=LEADING, left=18, space_after=5)
    elif block.kind == "step":
        sheet.ensure_space(LEADING)
        top, page = sheet.y, sheet.page
        sheet.flow([("B", f"{block.extra}.")], size=BODY, leading=LEADING, left=0)
        if sheet.page == page:
            sheet.set_y(top)
        sheet.flow(block.text, size=BODY, leading=LEADING, left=18, space_after=2)
