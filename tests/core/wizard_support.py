"""A wizard walked to a given step without Qt, and the Brooklyn conviction the walks type in:
shared by the wizard's tests and the services' tests of what the wizard saves."""

from __future__ import annotations

from kiosk.wizard import Step, Wizard


def consented() -> Wizard:
    w = Wizard.start()
    w.set("consent_to_share", True)
    return w


def at_convictions(**identity) -> Wizard:
    w = consented()
    w.advance()
    w.set("last_name", identity.get("last_name", "Doe"))
    w.set("first_name", identity.get("first_name", "Jane"))
    w.set("date_of_birth", identity.get("date_of_birth", "1980-04-02"))
    w.advance()
    w.advance()
    assert w.step == Step.CONVICTIONS
    return w


def fill(w: Wizard, i: int = 0, **fields) -> None:
    for k, v in fields.items():
        w.set_conviction(i, k, v)


KINGS = {"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-03-21"}
