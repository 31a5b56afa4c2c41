"""What the forms share: the sentence a field's problem is shown as, and the county picker."""

from __future__ import annotations

from kiosk.forms import COUNTIES, sentence


def test_sentence():
    assert sentence("Last name", "is required") == "Last name is required."
    assert sentence("Phone", "is it?") == "Phone is it?"


def test_county_picker_lists_the_city_first():
    assert [c for c, _ in COUNTIES[:5]] == ["kings", "new-york", "bronx", "queens", "richmond"]
    assert len(COUNTIES) == 62
