"""The papers' fonts (kiosk/papers/fonts.py): each face is parsed once per process and shared by
every document after it, and the copy handed to fpdf2 is the shipped file without the tables
fpdf2 would drop when embedding it, every other table byte for byte."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from fontTools.ttLib import TTFont

from kiosk.papers import fonts

from .test_builders import packet, receipt

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
