"""The fonts every printed paper embeds: which TTF files, parsed once per process and shared
between documents (each document still embeds only the subset of glyphs it uses), the CJK
fallback cut down per character set, and the check that refuses text no shipped font can draw."""

from __future__ import annotations

import copy
import io
import struct
from functools import cache, lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from ..errors import InputError
from ..resources import resource_path

FONT_FILES: dict[str, dict[str, str]] = {
    "serif": {  # court papers: a Times-metric serif (docs/legal.md, "The papers")
        "": "LiberationSerif-Regular.ttf",
        "B": "LiberationSerif-Bold.ttf",
        "I": "LiberationSerif-Italic.ttf",
        "BI": "LiberationSerif-BoldItalic.ttf",
    },
    "sans": {  # the applicant receipt: easier to read for people who do not read much English
        "": "LiberationSans-Regular.ttf",
        "B": "LiberationSans-Bold.ttf",
    },
    "cjk": {"": "DroidSansFallbackFull.ttf"},  # Chinese; used only as a per-glyph fallback
}
FALLBACK_FAMILY = "cjk"


def font_path(family: str, style: str) -> str:
    return str(resource_path("fonts", FONT_FILES[family][style]))


# Tables fpdf2's subsetter drops when it embeds a font (OpenType layout, hdmx), and kern, which
# fontTools drops when GPOS exists (so they are dropped only from a font that has GPOS).
_NOT_EMBEDDED = frozenset({b"GSUB", b"GPOS", b"GDEF", b"hdmx", b"kern"})


@cache
def font_bytes(family: str, style: str) -> bytes:
    """The font file without the tables fpdf2's subsetter drops anyway: the embedded subset is
    byte-for-byte the same, and each document's subsetting no longer has to parse them (~10 ms
    per face). The file is cut, not re-saved with fontTools: re-saving cost ~7 ms a face in every
    process that writes a paper."""
    with open(font_path(family, style), "rb") as fh:
        return without_tables(fh.read(), _NOT_EMBEDDED, unless_missing=b"GPOS")


def without_tables(data: bytes, drop: frozenset[bytes], *, unless_missing: bytes = b"") -> bytes:
    """An sfnt font (TrueType or OpenType, not a collection) without the tables in `drop`, each
    other table copied byte for byte, so their checksums stay right (the file's own checksum goes
    stale; fontTools, and so fpdf2, recompute it when they save). Unchanged when the font has no
    `unless_missing` table or none of `drop`."""
    count = struct.unpack_from(">H", data, 4)[0]
    records = [struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count)]
    tags = {tag for tag, *_ in records}
    if data[:4] == b"ttcf" or (unless_missing and unless_missing not in tags) or not tags & drop:
        return data
    kept = [r for r in records if r[0] not in drop]
    n = len(kept)
    search = 1 << (n.bit_length() - 1)  # the directory's binary-search fields (OpenType spec)
    head = struct.pack(">4sHHHH", data[:4], n, search * 16, search.bit_length() - 1, (n - search) * 16)
    directory, bodies, offset = [], [], 12 + 16 * n
    for tag, checksum, start, length in kept:
        directory.append(struct.pack(">4sIII", tag, checksum, offset, length))
        bodies.append(data[start:start + length] + b"\0" * (-length % 4))
        offset += length + (-length % 4)
    return b"".join([head, *directory, *bodies])


@cache
def font_template(family: str, style: str) -> TTFFont:
    """The font parsed once (cmap, widths, descriptor); documents get light copies of it.
    (fpdf2's TTFFont reads fonts with fontTools, which takes a file object as well as a path.)"""
    # read from memory, so no file stays open for the life of the process
    data = io.BytesIO(font_bytes(family, style))
    return TTFFont(FPDF(), data, f"{family}{style}", style)  # type: ignore[arg-type]


@cache
def coverage(family: str) -> frozenset[int]:
    """Code points the family's regular face can draw: the cmap of its parsed template, which the
    document uses anyway; for the CJK fallback only the font's cmap is read."""
    if family != FALLBACK_FAMILY:
        return frozenset(font_template(family, "").cmap)
    font = TTFont(io.BytesIO(font_bytes(family, "")), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@lru_cache(maxsize=16)
def fallback_subset(chars: frozenset[int]) -> bytes:
    """The CJK fallback cut down to the characters a document needs.

    The full font has ~30,000 glyphs, and fpdf2 re-reads all of them to subset it for every
    document (~0.4 s). Cutting it once per character set, and caching the result, leaves fpdf2 a
    font of a few hundred glyphs. The receipt asks for its whole catalog's characters, so all
    receipts in one language share one entry."""
    font = TTFont(io.BytesIO(font_bytes(FALLBACK_FAMILY, "")), recalcTimestamp=False, lazy=True)
    for tag in ("GSUB", "GPOS", "GDEF", "kern", "hdmx", "vhea", "vmtx"):  # unused by fpdf2 without shaping
        if tag in font:
            del font[tag]
    if font["post"].formatType == 3.0:
        # the file stores no glyph names; plain ones spare fontTools deriving 50,000 from the cmap
        font.setGlyphOrder([".notdef", *(f"g{i}" for i in range(1, font["maxp"].numGlyphs))])
    options = subset.Options()
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


@lru_cache(maxsize=16)
def fallback_template(chars: frozenset[int]) -> TTFFont:
    return TTFFont(FPDF(), io.BytesIO(fallback_subset(chars)), FALLBACK_FAMILY, "")  # type: ignore[arg-type]


# The fast path copies fpdf2's parsed TTFFont instead of re-parsing the file for each document.
# It relies on TTFFont's per-document state being exactly these attributes; if a future fpdf2
# changes that, FAST_FONTS is False and every document falls back to plain `add_font`.
_PER_DOCUMENT_ATTRS = ("i", "subset", "missing_glyphs", "biggest_size_pt", "ttfont")
FAST_FONTS = all(a in getattr(TTFFont, "__slots__", ()) for a in _PER_DOCUMENT_ATTRS + ("cw", "_hbfont"))


def attach_font(pdf: FPDF, family: str, style: str, *, fast: bool) -> None:
    if not fast:
        pdf.add_font(family, style, font_path(family, style))
        return
    attach_copy(pdf, f"{family}{style}", font_template(family, style), font_bytes(family, style))


def attach_copy(pdf: FPDF, key: str, template: TTFFont, data: bytes) -> None:
    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.fontkey = key
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    font._hbfont = None
    # fpdf2 subsets `ttfont` in place when it writes the file, so each document needs its own;
    # a lazy TTFont over cached bytes costs well under a millisecond.
    font.ttfont = TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
    font.subset = SubsetMap(font)
    pdf.fonts[key] = font


def unprintable(text: str, family: str) -> set[str]:
    """Characters of `text` that neither `family` nor the CJK fallback can draw."""
    main = coverage(family)
    missing = {ch for ch in text if ord(ch) not in main and not ch.isspace()}
    if missing:
        fallback = coverage(FALLBACK_FAMILY)
        missing = {ch for ch in missing if ord(ch) not in fallback}
    return missing


def check_printable(values: dict[str, str], family: str, field_names: dict[str, str]) -> None:
    """Refuse, before drawing anything, text no shipped font can print: a paper with empty boxes
    where a name should be must never reach a court. The error names the field, never the text."""
    for key, value in values.items():
        if value and unprintable(value, family):
            raise InputError(field_names.get(key, key),
                             "has characters the printed papers cannot show; type it in Latin letters "
                             "as it appears on court papers")
