"""The papers' fonts (kiosk/papers/fonts.py): text no shipped font can draw is refused naming the
field, never quoting the text; the CJK fallback covers Chinese; each face is parsed once per
process and shared by every document after it, and the copy handed to fpdf2 is the shipped file
without the tables fpdf2 would drop when embedding it, every other table byte for byte."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from kiosk.errors import InputError
from kiosk.papers import fonts
from kiosk.papers.fonts import FONT_FILES, check_printable, font_path, unprintable
from tests.core.papers.builders_support import packet, receipt

FONTS = Path(__file__).resolve().parents[3] / "resources" / "fonts"


def test_each_face_is_parsed_once_per_process_whatever_the_documents(monkeypatch):
    parsed: Counter[str] = Counter()
    real = fonts.TTFFont

    def counting(pdf, data, key, style):
        parsed[key] += 1
        return real(pdf, data, key, style)

    fonts.font_template.cache_clear()  # as in a new process
    fonts.coverage.cache_clear()
    monkeypatch.setattr(fonts, "TTFFont", counting)
    for _ in range(2):
        packet()
        receipt()
    assert parsed and set(parsed.values()) == {1}, parsed
    assert {"serif", "serifB", "sans", "sansB"} <= set(parsed)


def test_the_copy_for_fpdf2_drops_only_the_tables_it_would_not_embed():
    shipped = (FONTS / "LiberationSans-Regular.ttf").read_bytes()
    cut = fonts.font_bytes("sans", "")
    before = TTFont(io.BytesIO(shipped), lazy=True)
    after = TTFont(io.BytesIO(cut), lazy=True, checkChecksums=2)  # a wrong table checksum raises
    assert "GPOS" in before.reader.keys() and len(cut) < len(shipped)
    gone = set(before.reader.keys()) - set(after.reader.keys())
    assert gone == {"GSUB", "GPOS", "GDEF", "kern", "hdmx"} & set(before.reader.keys())
    for tag in after.reader.keys():
        assert after.reader[tag] == before.reader[tag], tag
    assert after.getBestCmap() == before.getBestCmap()


def test_a_font_without_layout_positioning_is_left_as_it_is():
    shipped = (FONTS / "LiberationSerif-Regular.ttf").read_bytes()
    no_gpos = fonts.without_tables(shipped, frozenset({b"GPOS"}))
    assert "GPOS" not in TTFont(io.BytesIO(no_gpos), lazy=True).reader.keys()
    # kern stays when there is no GPOS (fontTools would keep it): nothing is cut
    assert fonts.without_tables(no_gpos, frozenset({b"kern", b"GSUB"}), unless_missing=b"GPOS") == no_gpos


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
