"""The attorney's override waits behind a button and offers only outcomes that change something;
the result cards speak plain words, with the rule ids on a details line for the attorney."""

from __future__ import annotations

from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS, QUEENS, SALE

OPEN = "Override the outcome\u2026"


def choices(d: Driver) -> list[str]:
    box = d.field("New outcome")
    return [box.itemText(i) for i in range(box.count())]


def test_the_override_is_closed_until_asked_for_and_offers_only_outcomes_that_differ(signed_in: Driver):
    d = signed_in
    d.walk_to_result([KINGS, SALE])
    assert [c.word.text() for c in d.view.result_page.cards] == ["ELIGIBLE", "NEEDS REVIEW"]
    assert not d.has("Conviction to override") and not d.has("Apply override")
    d.click(OPEN)
    assert d.has("Conviction to override") and d.has("Hide the override")
    assert "ELIGIBLE" not in choices(d) and len(choices(d)) == 3  # conviction 1 is already eligible
    d.set("Conviction to override", "2. PL 221.40 \u00b7 2014KN001234")
    assert "NEEDS REVIEW" not in choices(d) and "ELIGIBLE" in choices(d)
    d.set("New outcome", "ELIGIBLE")
    d.set("Reason for override", "The DA's office confirmed this plea is covered.")
    d.click("Apply override")
    d.idle()
    assert [c.word.text() for c in d.view.result_page.cards] == ["ELIGIBLE", "ELIGIBLE"]
    assert "ELIGIBLE" not in choices(d)  # now eligible: only the others are offered
    d.click("Hide the override")
    assert not d.has("Conviction to override")


def test_result_cards_put_rule_ids_on_a_details_line_and_refer_out_of_county_plainly(signed_in: Driver):
    d = signed_in
    d.walk_to_result([KINGS, QUEENS])
    kings, queens = d.view.result_page.cards
    assert "K18-02" in kings.details.text() and "(kings-2018-consent)" in kings.details.text()
    card_text = "\n".join(w.text() for w in kings.findChildren(type(kings.word)) if w is not kings.details)
    assert "K18-" not in card_text and "kings-2018-consent" not in card_text
    # the referral comes from the pack's data, the same the receipt prints, not from code
    assert "Queens County District Attorney, 125-01 Queens Boulevard" in queens.referral.text()
    assert "Queens Defenders" in queens.referral.text() and "to confirm" in queens.referral.text()
    assert "can prepare a motion" in kings.for_applicant.text()  # before any papers exist
    assert "prepared a motion" not in kings.for_applicant.text()
