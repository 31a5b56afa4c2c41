"""ui.wizard.navigation: Next (or the problems that block it), Back, each keeping every value."""

from __future__ import annotations

from tests.ui.drive import Driver


def test_back_and_forward_keep_every_value(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.fill_identity(aliases="Mary Nguyen\nMaría R.")
    d.type("Phone", "347-555-0100")
    d.next()
    d.set("Open case or warrant", True)
    d.next()
    d.fill_conviction(docket="2016KN074376", offense="PL 221.10(1)")
    d.click("Back")
    d.idle()
    assert d.step() == "screening" and d.value("Open case or warrant") is True
    d.click("Back")
    d.idle()
    assert d.step() == "identity"
    assert (d.value("First name"), d.value("Last name"), d.value("Date of birth")) == (
        "Maria", "Nguyễn-Rodríguez", "1985-03-14")
    assert d.value("Aliases") == "Mary Nguyen\nMaría R." and d.value("Phone") == "347-555-0100"
    d.click("Back")
    d.idle()
    assert d.step() == "language_consent"
    assert d.value("Consent: I agree to share my information with the DA's office") is True
    assert not d.enabled("Back")
    d.next()
    d.next()
    d.next()
    assert d.step() == "convictions"
    assert d.value("Docket number") == "2016KN074376"
    assert d.value("Offense").startswith("PL 221.10(1)")
    assert d.value("County") == "Kings (Brooklyn)"


def test_validation_blocks_next_with_a_visible_message_attached_to_the_field(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    assert not d.enabled("Next")
    assert "agrees to share" in d.field("What is missing").text()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.type("Last name", "Doe")
    d.type("Date of birth", "1985-02-30")
    assert not d.enabled("Next")
    message = "Date of birth is not a real calendar date."
    assert d.error_of("Date of birth") == message  # shown as the field was left
    assert d.field("Date of birth").accessibleDescription() == message
    assert message in d.field("What is missing").text()
    d.type("Date of birth", "1985-02-03")
    assert d.error_of("Date of birth") == "" and d.enabled("Next")
    assert d.field("Date of birth").accessibleDescription() == "MM/DD/YYYY or YYYY-MM-DD."
