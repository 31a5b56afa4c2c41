"""ui.caselist_dialog: "Find in the DA's list" shows only when a list is loaded."""

from __future__ import annotations

from tests.ui.drive import Driver


def test_without_a_list_the_wizard_shows_no_lookup(signed_in: Driver):
    d = signed_in
    d.start_applicant()
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    assert not d.has("Find in the DA's list")
