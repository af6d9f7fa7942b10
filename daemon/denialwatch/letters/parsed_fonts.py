"""TrueType fonts for PDF documents, parsed once per process and cut to the common characters.

fpdf2 parses a font's metrics on every ``add_font`` (about 20 ms for DejaVu Sans), and at
output subsets the font's fontTools object in place, which means reading its glyph, name and
metric tables for each document (about 25 ms per weight for DejaVu's 6,000 glyphs). Here:

- each font file is read once per process, without the tables a PDF subset drops anyway;
- there are two cuts of it: the **common** cut (``COMMON_RANGES``: Latin as European and
  Vietnamese names write it, punctuation, a few symbols: 650 of DejaVu Sans's 5,900
  characters), which subsets in a fraction of the time, and the **whole** font;
- the metrics of each cut are parsed once; each document gets a copy sharing them (through
  fpdf2's own ``TTFFont.__deepcopy__``) with its own subset state and a fresh, lazily read
  fontTools object to subset.

A document starts with the common cut and takes the whole font from the first text holding a
character outside it (``letters.pdf.LetterPdf.clean``): a letter never loses a character to
this. Both cuts of one file keep its glyph names, which is what fpdf2 subsets by.
"""

from __future__ import annotations

import copy
import functools
import io
import threading
from pathlib import Path
from typing import Any

from fontTools import subset as ftsubset
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

UNUSED_TABLES = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "kern")
"""Tables fpdf2 drops when it subsets a font (``fpdf/output.py``), and ``kern``: a PDF places
every glyph itself, so no reader applies a font's kerning, and subsetting it cost 1 ms a
weight per letter."""

COMMON_RANGES = (
    (0x0000, 0x017F),  # Latin, Latin-1 (Spanish), Latin Extended-A (most European names)
    (0x0300, 0x036F),  # combining marks (names pasted in decomposed form)
    (0x1EA0, 0x1EF9),  # Vietnamese letters with two marks
    (0x2010, 0x2027),  # dashes, curly quotes, bullets, ellipsis
    (0x2030, 0x203A),  # per mille, primes, angle quotes
    (0x20AC, 0x20AC),  # euro
    (0x2116, 0x2116),  # numero
    (0x2122, 0x2122),  # trade mark
    (0x2190, 0x2193),  # arrows
    (0x25A0, 0x25FF),  # geometric shapes: squares and circles as bullets
    (0x2610, 0x2612),  # ballot boxes
    (0x2713, 0x2717),  # check and cross marks
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFFFD, 0xFFFD),  # the replacement character
)
"""What letters to California patients are written in, with a margin: 650 of DejaVu Sans's
5,900 characters. Subsetting this cut for a letter takes 35 ms where a cut of 2,200 (every
Latin form, symbols, box drawing, dingbats) took 48; anything else takes the whole font."""

_LOCK = threading.Lock()


def _common(codepoint: int) -> bool:
    return any(low <= codepoint <= high for low, high in COMMON_RANGES)


@functools.cache
def font_bytes(path: Path, *, common: bool) -> bytes:
    """The font file without the unused tables; ``common``: cut to ``COMMON_RANGES``."""
    with _LOCK, ttLib.TTFont(path, recalcTimestamp=False) as font:
        for tag in UNUSED_TABLES:
            if tag in font:
                del font[tag]
        if common:
            options = ftsubset.Options(
                notdef_outline=True, recommended_glyphs=True, glyph_names=True, name_IDs=["*"]
            )
            options.drop_tables += list(UNUSED_TABLES)
            subsetter = ftsubset.Subsetter(options)
            subsetter.populate(unicodes=[c for c in font.getBestCmap() if _common(c)])
            subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


@functools.cache
def _parsed(path: Path, family: str, style: str, common: bool) -> TTFFont:
    """A cut of the font parsed once per process; never output itself, only its copies."""
    data = font_bytes(path, common=common)
    with _LOCK:
        return TTFFont(FPDF(), io.BytesIO(data), f"{family.lower()}{style}", style)  # type: ignore[arg-type]


@functools.cache
def common_characters(path: Path) -> frozenset[int]:
    """The characters the common cut of ``path`` can print."""
    return frozenset(_parsed(path, "common", "", True).cmap)


def document_font(path: Path, family: str, style: str, *, common: bool, number: int) -> TTFFont:
    """A font for one document, the ``number``-th it adds: parsed metrics shared, subset
    state and fontTools object its own."""
    parsed = _parsed(path, family, style, common)
    # Widths and glyph ids are read-only once parsed: share them rather than copy them.
    shared: dict[int, Any] = {
        id(parsed.cw): parsed.cw,
        id(parsed.glyph_ids): parsed.glyph_ids,
        id(parsed.subset): None,
    }
    font = copy.deepcopy(parsed, shared)
    font.subset = SubsetMap(font)  # the glyphs this document uses, from none
    font.i = number
    # The glyphs a subset keeps are unchanged, so their bounds need no recalculating (which
    # would decode and re-encode every outline: a third of the output step).
    font.ttfont = ttLib.TTFont(
        io.BytesIO(font_bytes(path, common=common)),
        recalcTimestamp=False,
        recalcBBoxes=False,
        lazy=True,
    )
    return font
