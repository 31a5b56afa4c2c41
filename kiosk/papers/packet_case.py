"""One conviction's packet, worded: the facts and phrases its four papers print (names as on the
docket, the court and DA of the conviction's own county, dates in fixed English), gathered once
so the layout in packet.py only draws them. What the papers say: docs/legal.md, "The papers"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..models import Applicant, Attorney, Conviction, Determination, Event
from .lines import Run, clean
from .names import court_name
from .templates import Common, County, PaperTemplates, fill, oath_for, pack_templates, render

BLANK = "__________"
BLANK_LONG = "____________________"
BLANK_PART = "______"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def english_date(value: date) -> str:
    """"September 21, 2018" — fixed English month names: the process locale must not leak into
    court papers."""
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_OFFENSE = re.compile(r"^(?P<law>PL|VTL)\s*(?P<att>110/)?(?P<sec>\d+(?:\.\d+)?)(?:\((?P<sub>\d+)\))?$")


def describe_offense(canonical: str, names: dict[str, str], *, attempt: bool = False) -> tuple[str, str]:
    """("PL § 221.10(1)", "PL § 221.10(1) (Criminal Possession of Marihuana in the Fifth Degree)");
    an attempt reads "PL §§ 110.00/221.10(1) (attempted Criminal Possession ...)"."""
    m = _OFFENSE.match(canonical.strip())
    if not m:
        return canonical, canonical
    law, sec, sub = m["law"], m["sec"], m["sub"]
    is_attempt = attempt or bool(m["att"])
    number = f"{sec}({sub})" if sub else sec
    cite = f"{law} §§ 110.00/{number}" if is_attempt else f"{law} § {number}"
    name = names.get(sec) if law == "PL" else None
    if name and is_attempt:
        name = f"attempted {name}"
    return cite, f"{cite} ({name})" if name else cite


@dataclass
class PacketCase:
    """Everything one conviction's four papers need, already worded."""

    conviction: Conviction
    templates: PaperTemplates
    court_key: str  # "criminal" | "supreme"
    court: dict
    facts: dict[str, str]
    fragments: dict[str, str]
    caption_name: str
    caption_aliases: list[str]
    docket_display: str
    county: County
    oath_ref: str

    def runs(self, text: str) -> list[Run]:
        return render(text, self.fragments, self.facts)


def case_county(shared: Common, conviction: Conviction, tpl: PaperTemplates, index: int) -> County:
    """The county whose court and DA the papers address: the conviction's own, never the event's.
    Refused when the pack's papers do not cover it (one DA cannot consent for another county)."""
    county = shared.counties.get(conviction.county)
    where = f"convictions[{index}].county"
    if not tpl.covers(conviction.county):
        raise InputError(where, f"is outside the counties of the {tpl.pack} papers: that county's District "
                                "Attorney, not this program, decides; the receipt says where to go instead")
    if county is None:
        raise InputError(where, "has no court data in templates/common.toml: papers are made only for "
                                "New York City's five counties")
    return county


def packet_case(applicant: Applicant, index: int, determination: Determination, attorney: Attorney | None,
          event: Event | None, signed_on: date, shared: Common) -> PacketCase:
    conviction = applicant.convictions[index]
    tpl = pack_templates(determination.deciding_pack)
    county = case_county(shared, conviction, tpl, index)
    court_key = "supreme" if conviction.court == "supreme" else "criminal"
    court_table = shared.courts[court_key]
    names = {"county_caption": county.caption, "county_name": county.name}
    court = {**court_table, "heading": [fill(h, {**names, "part": "{part}"}) for h in court_table["heading"]],
             "name": fill(court_table["name"], names), "address": county.courthouses[court_key]}
    phrases = tpl.phrases
    aliases = [clean(a) for a in applicant.aliases if a.strip()]
    aka = f" (a/k/a {', a/k/a '.join(aliases)})" if aliases else ""
    offense_cite, offense = describe_offense(conviction.offense, shared.offenses, attempt=conviction.attempt)
    # the offense of conviction stands for the charge when no other charge is given
    charge = describe_offense(conviction.original_charge, shared.offenses)[1] if conviction.original_charge else offense
    review_rules = ", ".join(h.rule_id for h in determination.hits if h.outcome == "NEEDS_REVIEW")
    # the Part and return date are the event's only for convictions of the event's own county
    same_county = event is not None and event.county == conviction.county
    oath = oath_for(signed_on)
    facts = {
        "defendant": clean(court_name(applicant)),
        "aka": aka,
        "attorney": clean(attorney.name) if attorney and attorney.name else BLANK,
        "organization": clean(attorney.organization) if attorney and attorney.organization else "",
        "date": english_date(signed_on),
        "court_name": court["name"],
        "court_address": court["address"],
        "part": clean(event.part) if same_county and event and event.part else BLANK_PART,
        "return_date": english_date(event.return_date) if same_county and event and event.return_date
        else BLANK_LONG,
        "number_label": court["number_label"],
        "docket": conviction.docket or BLANK,
        "instrument": court["instrument"],
        "dismissal_statute": court["dismissal_statute"],
        "judge_title": court["judge_title"],
        "arrest_date": english_date(conviction.arrest_date) if conviction.arrest_date else "",
        "original_charge": charge,
        "conviction_date": english_date(conviction.conviction_date),
        "offense": offense,
        "offense_cite": offense_cite,
        "sentence": clean(conviction.sentence) if conviction.sentence.strip() else "",
        "affirm_day": ordinal(signed_on.day),
        "affirm_month": MONTHS[signed_on.month - 1],
        "affirm_year": str(signed_on.year),
        "da_name": county.da_name,
        "review_rules": review_rules or "not recorded",
    }
    counsel = phrases["counsel_with_organization"] if facts["organization"] else phrases["counsel_without_organization"]
    if not conviction.docket:
        docket_note = phrases["docket_unknown"]
    elif not conviction.verified:
        docket_note = phrases["docket_from_memory"]
    else:
        docket_note = ""
    # the override's reason is internal (audit trail, office report): it never reaches a court paper
    if determination.overridden:
        review_note = phrases["override"]
    elif determination.standing_outcome == "NEEDS_REVIEW":
        review_note = phrases["review"]
    else:
        review_note = ""
    arrest = phrases["arrest_dated"] if conviction.arrest_date else phrases["arrest_undated"]
    arrest += " " + (phrases["charged_under_docket"] if conviction.docket else phrases["charged"])
    # yes / no / unknown: only an answer is stated, an unknown says nothing
    answered = {True: "sentence_complete", False: "sentence_not_complete", None: ""}[conviction.sentence_complete]
    fines = {True: "fines_owed", False: "fines_not_owed", None: ""}[conviction.fines_owed]
    fragments = {
        "grounds": tpl.grounds,
        "counsel": counsel,
        "plea": phrases["plea_verdict"] if conviction.plea == "verdict" else phrases["plea_guilty"],
        "arrest": arrest,
        "docket_note": docket_note,
        "counts_note": phrases["other_counts_dismissed"] if conviction.other_counts_dismissed else "",
        "sentence_imposed": phrases["sentence_imposed"] if facts["sentence"] else "",
        "sentence_note": phrases[answered] if answered else "",
        "fines_note": phrases[fines] if fines else "",
        "review_note": review_note,
        "oath": oath.text,
        "under_docket": " " + phrases["under_docket"] if conviction.docket else "",
    }
    caption_name = facts["defendant"].upper()
    caption_aliases = [a.upper() for a in aliases]
    docket_display = f"{court['number_label']} {conviction.docket or BLANK}"
    return PacketCase(conviction, tpl, court_key, court, facts, fragments, caption_name, caption_aliases,
                 docket_display, county, oath.ref)


def printable_values(case: PacketCase, attorney: Attorney | None) -> dict[str, str]:
    values = dict(case.facts)
    values["caption_name"] = case.caption_name
    values["caption_aliases"] = " ".join(case.caption_aliases)
    if attorney:
        values["attorney_address"] = attorney.office_address
        values["attorney_phone"] = attorney.phone
    return values
