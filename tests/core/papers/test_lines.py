"""Text cut into the tokens a line may break between, and cleaned before it is drawn."""

from __future__ import annotations

from kiosk.papers.lines import TOKEN, Line, Segment, clean


def tokens(text: str) -> list[str]:
    return [m.group() for m in TOKEN.finditer(text)]


def test_cjk_breaks_between_characters_keeping_punctuation_with_its_neighbour():
    assert tokens("您好，世界") == ["您", "好，", "世", "界"]
    assert tokens("（注）") == ["（注）"]


def test_words_break_at_spaces_but_not_at_a_no_break_space():
    assert tokens("21 сентября 2018\u202fг.") == ["21", " ", "сентября", " ", "2018\u202fг."]
    assert tokens("a\nb") == ["a", "\n", "b"]


def test_clean_composes_letters_and_drops_control_characters_but_not_line_breaks():
    assert clean("Nguye\u0302\u0303n\x07\u200b\nB") == "Nguyễn\nB"


def test_a_line_is_as_wide_as_its_last_segment_reaches():
    assert Line().width == 0.0
    assert Line([Segment("", "a", 0.0, 10.0), Segment("B", "b", 14.0, 6.5)]).width == 20.5
