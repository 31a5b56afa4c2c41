"""ui.wizard.editing: the convictions list (add, edit, remove) with each conviction's problems, and
the result step's override, refused with the reason when the core refuses it."""

from __future__ import annotations

from kiosk import services, store
from tests.ui.drive import Driver
from tests.ui.walk_support import KINGS


def test_a_conviction_form_can_be_added_edited_and_removed(signed_in: Driver):
    d = signed_in
    d.start_consented_applicant()
    d.type("Last name", "Doe")
    d.next()
    d.next()
    d.fill_conviction(**KINGS)
    d.click("Add another conviction")
    assert d.value("Docket number") == "" and d.field("Convictions").count() == 2
    d.fill_conviction(docket="2015QN022318")
    assert d.value("County") == "Queens"  # the docket names its county
    d.fill_conviction(offense="PL 221.05", conviction_date="2099-01-01")
    assert d.error_of("Conviction date") == "Conviction date is in the future."
    assert "Conviction 2: Conviction date is in the future." in d.field("What is missing").text()
    d.field("Convictions").setCurrentRow(0)
    assert d.value("Docket number") == "2016KN074376"
    d.field("Convictions").setCurrentRow(1)
    d.click("Remove conviction")
    assert d.field("Convictions").count() == 1 and d.value("Docket number") == "2016KN074376"
    assert d.enabled("Next")
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes == ["ELIGIBLE"])


def test_an_override_of_a_queens_conviction_is_refused_with_the_reason(signed_in: Driver):
    d = signed_in
    d.walk_to_result([{"docket": "2015QN022318", "offense": "PL 221.05", "conviction_date": "2015-06-01"}])
    d.click("Override the outcome\u2026")
    d.set("New outcome", "ELIGIBLE")
    d.set("Reason for override", "The DA's office at the table agreed to consent.")
    d.click("Apply override")
    d.idle()
    text = d.visible_text()
    assert "Override is refused: this conviction is from Queens County" in text
    assert "only the District Attorney of Queens County can consent" in text
    db = services.open_kiosk(d.db_path)
    dets = store.get_determinations(db, d.view.wizard.applicant_id)
    assert [x.override_outcome for x in dets.values()] == [""]
