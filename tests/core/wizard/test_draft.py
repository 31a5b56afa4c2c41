"""The wizard's draft: blank forms, which extra conviction form counts as blank, paths into the
draft, and a stored record turned back into an equivalent draft."""

from __future__ import annotations

from kiosk import services
from kiosk.validate import parse_applicant
from kiosk.wizard.draft import draft_from_applicant, get_path, is_blank_conviction, new_conviction, new_draft


def test_a_record_saved_without_the_wizard_becomes_an_equivalent_draft(tmp_path):
    from tests.core.conftest import SAMPLE_APPLICANT

    db = services.open_kiosk(tmp_path / "k.db")
    applicant, _ = services.intake(db, SAMPLE_APPLICANT)
    stored, _ = services.load_applicant(db, applicant.id)
    draft = draft_from_applicant(stored)
    again = parse_applicant(draft)
    again.id, again.reference = stored.id, stored.reference
    assert again == stored


def test_a_conviction_form_is_blank_until_something_beyond_the_defaults_is_typed():
    assert is_blank_conviction(new_conviction("queens"))
    assert is_blank_conviction({**new_conviction(), "plea": "verdict", "id": "c1", "sentence_complete": ""})
    assert not is_blank_conviction({**new_conviction(), "docket": "2016KN074376"})
    assert not is_blank_conviction({**new_conviction(), "attempt": True})


def test_paths_reach_into_the_draft_and_make_what_is_missing():
    from kiosk.wizard.draft import set_path

    d = new_draft(language="es", county="bronx")
    assert (d["language"], d["convictions"][0]["county"]) == ("es", "bronx")
    set_path(d, "contact.phone", "718-555-0100")
    set_path(d, "extra.note", "x")
    assert get_path(d, "contact.phone") == "718-555-0100" and d["extra"] == {"note": "x"}
    assert get_path(d, "contact.missing") == "" and get_path(d, "last_name.deeper") == ""
