"""The letter as a PDF, drawn from the same blocks as the DOCX.

Set on US Letter with 1 inch margins in 12 pt DejaVu Sans (Helvetica with the text folded to
Latin-1 where DejaVu is missing, see ``letters.fonts``). Headings are bold; list items hang
from their number or bullet; placeholders are bold and underlined, so one left unfilled is
seen on paper. Every page's footer reads "<footer> — page N of M".

``LetterPdf`` is the page setup and ``draw_letter`` draws blocks at the current position, so
the mailing packet (``letters.packet``) draws the letter into its own document. The creation
date is fixed: the same letter gives the same bytes, and a PDF's date says nothing the
patient's signature date does not.
"""

from __future__ import annotations

import copy
import functools
import io
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from denialwatch.letters.fonts import FALLBACK_FAMILY, find_dejavu, fold_latin1
from denialwatch.letters.markup import Block, Heading, Line, ListItem, Paragraph, parse

POINTS_PER_INCH = 72
MARGIN = POINTS_PER_INCH
BODY_SIZE = 12.0
HEADING_SIZE = 13.5
FOOTER_SIZE = 9.0
LINE_HEIGHT = 1.4
"""Line height as a multiple of the font size."""
ITEM_INDENT = 24.0
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
DRAFT_MARK = "DRAFT — not for mailing"
DRAFT_RED = (190, 30, 30)


class LetterPdf(FPDF):
    """An FPDF page setup for letters: size, margins, fonts, footer, optional draft mark.

    The packet counts its pages across enclosures it adds later, so the footer's numbers can
    be shifted: ``pending_shift`` takes effect from the next page, and ``page_total`` replaces
    fpdf2's own count of its pages.
    """

    def __init__(
        self, *, title: str, footer: str, draft: bool = False, unicode_fonts: bool = True
    ) -> None:
        super().__init__(orientation="portrait", unit="pt", format="letter")
        fonts = find_dejavu() if unicode_fonts else None
        self.unicode = fonts is not None
        self.family = FALLBACK_FAMILY
        if fonts is not None:
            self._add_parsed_font(fonts.family, "", fonts.regular)
            self._add_parsed_font(fonts.family, "B", fonts.bold)
            self.family = fonts.family
        self.footer_text = footer
        self.draft = draft
        self.page_shift = 0
        self.pending_shift = 0
        self.page_total: int | None = None
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_title(self.clean(title))
        self.set_creator("denialwatch")
        self.set_creation_date(FIXED_DATE)
        self.use(BODY_SIZE)

    def _add_parsed_font(self, family: str, style: str, path: Path) -> None:
        """``add_font`` without parsing the file again: a copy of the process's parsed font.

        fpdf2 parses a TrueType file's metrics on every ``add_font`` (~20 ms for DejaVu), and
        at output it subsets the font's fontTools object in place. So the parsed metrics are
        shared (fpdf2's own ``__deepcopy__`` shares them and copies the per-document subset
        state), and each document gets a fresh, lazily read fontTools object to subset.
        """
        fontkey = f"{family.lower()}{style}"
        parsed = _parsed_font(path, family, style)
        # The widths and glyph ids are read-only once parsed: share them, do not copy them.
        shared: dict[int, Any] = {
            id(parsed.cw): parsed.cw,
            id(parsed.glyph_ids): parsed.glyph_ids,
            id(parsed.subset): None,
        }
        font = copy.deepcopy(parsed, shared)
        font.subset = SubsetMap(font)  # the glyphs this document uses, from none
        font.i = len(self.fonts) + 1
        font.ttfont = ttLib.TTFont(io.BytesIO(_font_bytes(path)), recalcTimestamp=False, lazy=True)
        self.fonts[fontkey] = font

    def finish(self) -> bytes:
        """The document's bytes; then the font files are released."""
        try:
            return bytes(self.output())
        finally:
            self.release()

    def release(self) -> None:
        """Close the font files fpdf2 keeps open (fontTools reads them lazily)."""
        for font in self.fonts.values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()

    def clean(self, text: str) -> str:
        """Text the current fonts can print."""
        return text if self.unicode else fold_latin1(text)

    def use(self, size: float, *, bold: bool = False, underline: bool = False) -> None:
        self.set_font(self.family, ("B" if bold else "") + ("U" if underline else ""), size)

    def header(self) -> None:
        self.page_shift = self.pending_shift
        if not self.draft:
            return
        x, y = self.x, self.y
        self.set_text_color(*DRAFT_RED)
        self.use(11, bold=True)
        self.set_xy(self.l_margin, MARGIN / 2)
        self.cell(0, 14, self.clean(DRAFT_MARK), align="C")
        self.set_text_color(0, 0, 0)
        self.set_xy(x, y)

    def footer(self) -> None:
        total = "{nb}" if self.page_total is None else str(self.page_total)
        number = self.page_no() + self.page_shift
        self.set_y(-MARGIN * 0.75)
        self.use(FOOTER_SIZE)
        self.cell(0, 12, self.clean(f"{self.footer_text} — page {number} of {total}"), align="C")


UNUSED_TABLES = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta")
"""Tables fpdf2 drops when it subsets a font (``fpdf/output.py``); dropped once, up front,
they cost nothing per document (fontTools otherwise reads the layout tables to drop them)."""


@functools.cache
def _font_bytes(path: Path) -> bytes:
    """The font file without the tables a PDF subset does not keep."""
    with _PARSING, ttLib.TTFont(path, recalcTimestamp=False) as font:
        for tag in UNUSED_TABLES:
            if tag in font:
                del font[tag]
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


_PARSING = threading.Lock()


@functools.cache
def _parsed_font(path: Path, family: str, style: str) -> TTFFont:
    """The font parsed once per process, never output itself (only its copies are)."""
    with _PARSING:
        holder = FPDF()
        holder.add_font(family, style, path)
        font = holder.fonts[f"{family.lower()}{style}"]
        assert isinstance(font, TTFFont)
        return font


def letter_pdf(
    markdown: str, *, title: str, footer: str, draft: bool = False, unicode_fonts: bool = True
) -> bytes:
    """The letter as a PDF; ``unicode_fonts=False`` forces the Helvetica fallback."""
    pdf = LetterPdf(title=title, footer=footer, draft=draft, unicode_fonts=unicode_fonts)
    pdf.add_page()
    draw_letter(pdf, parse(markdown))
    return pdf.finish()


def draw_letter(pdf: LetterPdf, blocks: Iterable[Block], *, size: float = BODY_SIZE) -> None:
    """Draw blocks from the current position down, breaking pages as needed."""
    line_height = size * LINE_HEIGHT
    for block in blocks:
        match block:
            case Heading(spans):
                pdf.ln(line_height * 0.4)
                _draw_line(pdf, spans, size=HEADING_SIZE, bold=True)
                pdf.ln(HEADING_SIZE * LINE_HEIGHT * 1.2)
            case Paragraph():
                _draw_paragraph(pdf, block, size=size)
            case ListItem():
                _draw_item(pdf, block, size=size)


def draw_hanging(pdf: LetterPdf, marker: str, paragraphs: Iterable[Paragraph], size: float) -> None:
    """Paragraphs indented under a marker hanging in the left margin of the indent."""
    left = pdf.l_margin
    pdf.set_x(left)
    pdf.use(size)
    pdf.cell(ITEM_INDENT, size * LINE_HEIGHT, pdf.clean(marker))
    pdf.set_left_margin(left + ITEM_INDENT)
    try:
        for index, paragraph in enumerate(paragraphs):
            if index > 0:
                pdf.set_x(left + ITEM_INDENT)
            _draw_paragraph(pdf, paragraph, size=size)
    finally:
        pdf.set_left_margin(left)


def _draw_item(pdf: LetterPdf, item: ListItem, *, size: float) -> None:
    marker = f"{item.number}." if item.ordered else "•"
    draw_hanging(pdf, marker, item.paragraphs or (Paragraph(((),)),), size)


def _draw_paragraph(pdf: LetterPdf, paragraph: Paragraph, *, size: float) -> None:
    for line in paragraph.lines:
        _draw_line(pdf, line, size=size)
        pdf.ln(size * LINE_HEIGHT)
    pdf.ln(size * LINE_HEIGHT * 0.5)


def _draw_line(pdf: LetterPdf, line: Line, *, size: float, bold: bool = False) -> None:
    for span in line:
        pdf.use(size, bold=bold or span.bold or span.placeholder, underline=span.placeholder)
        pdf.write(size * LINE_HEIGHT, pdf.clean(span.text))
