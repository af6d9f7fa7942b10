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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.fonts import CoreFont, TTFFont

from denialwatch.letters.fonts import FALLBACK_FAMILY, find_dejavu, fold_latin1
from denialwatch.letters.markup import Block, Heading, Line, ListItem, Paragraph, parse
from denialwatch.letters.parsed_fonts import common_characters, document_font
from denialwatch.letters.wrap import Piece, wrap

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
        self._fonts = fonts
        self._whole = False
        if fonts is not None:
            self._add_fonts(fonts.family, common=True)
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

    def _add_fonts(self, family: str, *, common: bool) -> None:
        """Regular and bold of ``family``, in the common cut or whole (``parsed_fonts``)."""
        assert self._fonts is not None
        for style, path in (("", self._fonts.regular), ("B", self._fonts.bold)):
            self.fonts[f"{family.lower()}{style}"] = document_font(
                path, family, style, common=common, number=len(self.fonts) + 1
            )
        self.family = family

    def _take_whole_fonts(self) -> None:
        """From now on, the whole fonts (both cuts end up embedded, each subset)."""
        assert self._fonts is not None
        self._whole = True
        self._add_fonts(f"{self._fonts.family}Whole", common=False)
        if self.font_family:  # a font is in use: the same style and size, whole
            style = self.font_style + ("U" if self.underline else "")
            self.set_font(self.family, style, self.font_size_pt)

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
        """Text the current fonts can print; call it after ``use`` and before drawing."""
        if not self.unicode:
            return fold_latin1(text)
        if not self._whole and self._fonts is not None:
            common = common_characters(self._fonts.regular)
            if any(ord(c) not in common for c in text):
                self._take_whole_fonts()
        return text

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
    """One line of the markup, wrapped at spaces (``letters.wrap``) from the current position;
    the position is left after its last word, as ``FPDF.write`` leaves it."""
    height = size * LINE_HEIGHT
    pieces: list[Piece[_Look]] = []
    for span in line:
        look = _Look(bold or span.bold or span.placeholder, span.placeholder)
        pieces.append(Piece(pdf.clean(span.text), look))
    measure = _Measure(pdf, size)
    # Text sits c_margin inside its cell on both sides, as fpdf2's cells set it.
    pad = 2 * pdf.c_margin
    right = pdf.w - pdf.r_margin
    lines = wrap(
        pieces,
        first=right - pdf.x - pad,
        full=right - pdf.l_margin - pad,
        measure=measure,
    )
    for index, pieces_on_line in enumerate(lines):
        if index:
            pdf.ln(height)
        if not pieces_on_line:
            continue
        if pdf.will_page_break(height):
            x = pdf.x
            pdf.add_page(same=True)
            pdf.x = x
        x = pdf.x + pdf.c_margin
        baseline = pdf.y + 0.5 * height + 0.3 * size
        for piece in pieces_on_line:
            pdf.use(size, bold=piece.style.bold, underline=piece.style.underline)
            pdf.text(x, baseline, piece.text)
            x += measure(piece.text, piece.style)
        pdf.x = x - pdf.c_margin


@dataclass(frozen=True)
class _Look:
    bold: bool
    underline: bool


class _Measure:
    """The width of a text in a look at one size, in the document's current fonts."""

    def __init__(self, pdf: LetterPdf, size: float) -> None:
        self.pdf = pdf
        self.size = size
        self.fonts: dict[_Look, CoreFont | TTFFont] = {}

    def __call__(self, text: str, look: _Look) -> float:
        pdf = self.pdf
        font = self.fonts.get(look)
        if font is None:
            pdf.use(self.size, bold=look.bold, underline=look.underline)
            assert pdf.current_font is not None
            font = self.fonts[look] = pdf.current_font
        _, width = font.get_text_width(pdf.normalize_text(text), self.size, None)
        return float(width) / pdf.k
