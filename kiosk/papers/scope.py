"""Which county a pack's papers may address, and where to send a conviction they may not.

One District Attorney cannot consent for another county: a Kings County program's papers are
never made for a Queens conviction, whatever the screening or an override says. The receipt names
that county's DA and free defenders instead, from the pack's `referrals.toml` (contacts kept as
data, each marked "to confirm" until someone has checked it)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from ..models import MOTION_OUTCOMES, Conviction, Determination
from ..resources import resource_path
from .templates import TemplateError, pack_templates


def motion_allowed(conviction: Conviction, determination: Determination | None) -> bool:
    """A motion is prepared: the outcome that stands asks for one, and the deciding pack's
    papers cover the conviction's county."""
    return (determination is not None and determination.standing_outcome in MOTION_OUTCOMES
            and pack_templates(determination.deciding_pack).covers(conviction.county))


def outside_pack(conviction: Conviction, determination: Determination | None) -> bool:
    """The deciding pack's papers do not cover this conviction's county."""
    pack = determination.deciding_pack if determination is not None else ""
    return not pack_templates(pack).covers(conviction.county)


@dataclass(frozen=True)
class Referral:
    county: str
    district_attorney: str  # office and address, one line
    phone: str
    defenders: tuple[str, ...]
    confirmed: bool


@cache
def referrals(pack_id: str) -> dict[str, Referral]:
    """County slug → where to go, for the pack's out-of-county convictions ({} when none ship)."""
    tpl = pack_templates(pack_id)
    path = resource_path("templates", tpl.pack, "referrals.toml")
    if not path.is_file():
        return {}
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"templates/{tpl.pack}/referrals.toml is not valid TOML: {exc}") from None
    out = {}
    for slug, table in raw.get("counties", {}).items():
        try:
            out[slug] = Referral(slug, table["district_attorney"], table.get("phone", ""),
                                 tuple(table["defenders"]), table["status"] == "confirmed")
        except (KeyError, TypeError):
            raise TemplateError(f"templates/{tpl.pack}/referrals.toml [counties.{slug}]: needs "
                                "district_attorney, defenders and status") from None
    return out


def referral_for(conviction: Conviction, determination: Determination | None) -> Referral | None:
    pack = determination.deciding_pack if determination is not None else ""
    return referrals(pack).get(conviction.county)
