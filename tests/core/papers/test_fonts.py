"""The fonts the papers embed: text no shipped font can draw is refused naming the field, never
quoting the text; the CJK fallback covers Chinese."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.papers.fonts import FONT_FILES, check_printable, font_path, unprintable


def test_every_face_the_papers_name_ships():
    from pathlib import Path

    for family, faces in FONT_FILES.items():
        for style in faces:
            assert Path(font_path(family, style)).is_file(), (family, style)


def test_chinese_prints_through_the_fallback_but_hieroglyphs_do_not():
    assert unprintable("Nguyễn Łukasz 王秀英 Алексей", "serif") == set()
    assert unprintable("Sample\U00013000", "sans") == {"\U00013000"}


def test_an_unprintable_value_is_refused_naming_its_field_not_its_text():
    check_printable({"name": "Jane Sample", "docket": ""}, "serif", {"name": "last_name"})
    with pytest.raises(InputError) as e:
        check_printable({"name": "Sample\U00013000"}, "serif", {"name": "last_name"})
    assert e.value.field == "last_name" and "Sample" not in str(e.value) and "\U00013000" not in str(e.value)
