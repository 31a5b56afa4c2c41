"""Text runs cut into words and laid into lines: the tokens a line may break between (spaces, one
CJK character with the punctuation that must stay next to it, a word of any other script) and
the lines a Sheet draws."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

Run = tuple[str, str]  # (style "" | "B" | "I" | "BI", text)

_CJK = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef")
CJK_CHAR = re.compile(f"[{_CJK}]")
_OPENING = "（［｛「『《〈【“‘"
_CLOSING = "，。、：；！？）］｝」』》〉】”’…"
_GLUE = "\u00a0\u2007\u202f"  # no-break spaces: part of the word ("2018\u202fг.")
# A token is a line break, a run of spaces, one CJK character with the punctuation that must stay
# next to it (no line may start with "，" or end with "（"), or a word of any other script.
TOKEN = re.compile(
    rf"(?P<br>\n)|(?P<sp>[^\S\n{_GLUE}]+)|(?P<cjk>[{_OPENING}]*[{_CJK}][{_CLOSING}]*)"
    rf"|(?P<word>(?:[^\s{_CJK}]|[{_GLUE}])+[{_CLOSING}]*)"
)


@dataclass
class Segment:
    style: str
    text: str
    x: float  # offset from the line's start
    width: float


@dataclass
class Line:
    segments: list[Segment] = field(default_factory=list)
    indent: float = 0.0

    @property
    def width(self) -> float:
        return self.segments[-1].x + self.segments[-1].width if self.segments else 0.0


def clean(text: str) -> str:
    """NFC (so "Nguyễn" typed with combining marks prints with the font's composed glyphs) and
    no control characters other than line breaks."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")

