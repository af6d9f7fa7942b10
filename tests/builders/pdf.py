"""The letter as a PDF: ``letter_pdf`` prints it the way a plan's correspondence system does
(letterhead, date, member block, body, the regulator's statement in bold, page numbers,
enclosure pages) with fpdf2's core Helvetica, hence ``latin1_safe``; ``sample_pdf`` prints a
catalogue letter; ``normalise_space`` compares text across line and page breaks."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .dates import PACIFIC, _require_aware
from .model import Letter, SampleLetter

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2022": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def latin1_safe(text: str) -> str:
    """``text`` with typographic punctuation made plain, so the core PDF fonts can print it.

    Accented letters (Spanish included) are latin-1 and pass through; anything else that is not
    latin-1 raises ``ValueError`` instead of turning into a question mark.
    """
    plain = text.translate(_TYPOGRAPHY)
    try:
        plain.encode("latin-1")
    except UnicodeEncodeError as err:
        raise ValueError(f"not printable in a core PDF font: {plain[err.start]!r}") from err
    return plain


def normalise_space(text: str) -> str:
    """Runs of whitespace as one space: how to compare text across line and page breaks."""
    return " ".join(text.split())


_MARGIN = 60.0
_BODY_SIZE = 10.5
_LINE = 14.0


class _LetterPDF(FPDF):
    def __init__(self, running_header: str, footer_code: str) -> None:
        super().__init__(orientation="portrait", unit="pt", format="letter")
        self._running_header = running_header
        self._footer_code = footer_code

    def header(self) -> None:
        if self.page_no() == 1 or not self._running_header:
            return
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(0, 10, self._running_header, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(14)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-40)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        if self._footer_code:
            self.cell(0, 10, self._footer_code, align="L")
            self.set_x(self.l_margin)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)


_LANGUAGE_ASSISTANCE = (
    "## Language Assistance Services",
    "ATTENTION: If you need help in your language, call the Member Services number on your ID "
    "card (TTY 711). Aids and services for people with disabilities, like documents in braille "
    "and large print, are also available. These services are free.",
    "ATENCIÓN: Si necesita ayuda en su idioma, llame al número de Servicios para Miembros que "
    "figura en su tarjeta de identificación (TTY 711). También ofrecemos asistencia y servicios "
    "para personas con discapacidades, como documentos en braille y con letras grandes. Estos "
    "servicios son gratuitos.",
    "PAUNAWA: Kung kailangan mo ng tulong sa iyong wika, tumawag sa numero ng Member Services na "
    "nasa iyong ID card (TTY 711). Mayroon ding mga tulong at serbisyo para sa mga taong may "
    "kapansanan. Libre ang mga serbisyong ito.",
    "ATTENTION : Si vous avez besoin d'aide dans votre langue, appelez le numéro des Services aux "
    "membres indiqué sur votre carte (TTY 711). Ces services sont gratuits.",
)


def _nondiscrimination(organisation: str) -> tuple[str, ...]:
    return (
        "## Nondiscrimination Notice",
        f"Discrimination is against the law. {organisation} follows State and Federal civil "
        f"rights laws. {organisation} does not unlawfully discriminate, exclude people, or treat "
        "them differently because of sex, race, color, religion, ancestry, national origin, "
        "ethnic group identification, age, mental disability, physical disability, medical "
        "condition, genetic information, marital status, gender, gender identity, or sexual "
        "orientation.",
        "If you believe that you have been discriminated against, you can file a complaint with "
        "our Civil Rights Coordinator by calling the Member Services number on your ID card, or "
        "with the U.S. Department of Health and Human Services, Office for Civil Rights, at "
        "1-800-368-1019 (TDD 1-800-537-7697).",
    )


def letter_pdf(
    lines_or_paragraphs: Letter | str | Sequence[str],
    *,
    title: str | None = None,
    pages: int = 1,
    created: datetime = datetime(2026, 1, 5, 14, 0, tzinfo=UTC),
) -> bytes:
    """A denial-letter PDF that ``pdfplumber`` reads back in order.

    ``lines_or_paragraphs`` is a full ``Letter``, or just body paragraphs (a string is split at
    blank lines), which get a generic letterhead. ``title`` overrides the letter's title.
    ``pages`` is a minimum: a letter shorter than that gets the language-assistance and
    nondiscrimination pages real plans enclose. A longer letter runs onto as many pages as it
    needs; paragraphs are kept whole on one page when they fit, so a quoted sentence is never
    interrupted by a page footer. ``created`` is the document's creation date (no clock reads).
    """
    letter = _as_letter(lines_or_paragraphs)
    pdf = _LetterPDF(letter.running_header, letter.footer_code)
    pdf.set_creation_date(_require_aware(created))
    pdf.set_title(latin1_safe(title or letter.title))
    pdf.set_author(latin1_safe(letter.organisation))
    pdf.set_creator("Correspondence Composer 12.4")
    pdf.set_producer("Correspondence Composer 12.4 PDF Output")
    pdf.set_margins(_MARGIN, 54, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=60)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 20, latin1_safe(letter.organisation), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.set_text_color(70)
    for line in letter.letterhead:
        pdf.cell(0, 11, latin1_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    pdf.ln(4)
    pdf.set_draw_color(150)
    pdf.line(_MARGIN, pdf.get_y(), pdf.w - _MARGIN, pdf.get_y())
    pdf.ln(16)

    pdf.set_font("Helvetica", "", _BODY_SIZE)
    pdf.cell(0, _LINE, latin1_safe(letter.date_line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    for line in letter.recipient:
        pdf.cell(0, _LINE, latin1_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if letter.recipient:
        pdf.ln(10)
    pdf.set_font("Helvetica", "B", _BODY_SIZE)
    label_width = max(
        (pdf.get_string_width(latin1_safe(f"{label}:")) for label, _ in letter.member_block),
        default=0,
    )
    label_width = max(150.0, label_width + 14)
    for label, value in letter.member_block:
        pdf.set_font("Helvetica", "B", _BODY_SIZE)
        pdf.cell(label_width, _LINE, latin1_safe(f"{label}:"))
        pdf.set_font("Helvetica", "", _BODY_SIZE)
        pdf.multi_cell(0, _LINE, latin1_safe(value), align="L")
        pdf.set_x(_MARGIN)
    pdf.ln(12)

    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 17, latin1_safe(title or letter.title), align="C")
    pdf.ln(8)

    for paragraph in (*letter.paragraphs, *letter.closing_block()):
        _paragraph(pdf, paragraph)
    if letter.statement:
        pdf.ln(4)
        _keep_together(pdf, letter.statement, size=12, bold=True)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 15, latin1_safe(letter.statement), border=1, align="L", padding=6)

    enclosures = (_LANGUAGE_ASSISTANCE, _nondiscrimination(letter.organisation))
    index = 0
    while pdf.page_no() < pages:
        pdf.add_page()
        for paragraph in enclosures[index % len(enclosures)]:
            _paragraph(pdf, paragraph)
        index += 1
    return bytes(pdf.output())


def _as_letter(content: Letter | str | Sequence[str]) -> Letter:
    if isinstance(content, Letter):
        return content
    if isinstance(content, str):
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", content) if p.strip())
    else:
        paragraphs = tuple(content)
    return Letter(
        organisation="Golden Poppy Health Plan",
        letterhead=("P.O. Box 4410, Sacramento, CA 95812-4410", "Member Services 1-800-555-0100"),
        date_line="January 5, 2026",
        recipient=(),
        member_block=(),
        title="Notice of Action",
        paragraphs=paragraphs,
    )


def _line_count(pdf: FPDF, text: str, width: float) -> int:
    lines = pdf.multi_cell(width, _LINE, text, dry_run=True, output="LINES", align="L")
    return max(1, len(lines)) if isinstance(lines, list) else 1


def _keep_together(pdf: FPDF, text: str, *, size: float, bold: bool, extra: float = 0) -> None:
    """Start a new page first when ``text`` would be split by a page break but fits on one."""
    pdf.set_font("Helvetica", "B" if bold else "", size)
    height = _line_count(pdf, latin1_safe(text), pdf.epw - 12) * (size + 4) + 12 + extra
    if pdf.will_page_break(height) and height < (pdf.h - 120) / 2:
        pdf.add_page()


def _paragraph(pdf: FPDF, paragraph: str) -> None:
    if paragraph == "\f":
        pdf.add_page()
        return
    if paragraph.startswith("## "):
        _keep_together(pdf, paragraph[3:], size=11.5, bold=True, extra=3 * _LINE)
        pdf.set_font("Helvetica", "B", 11.5)
        pdf.ln(4)
        pdf.multi_cell(0, 15, latin1_safe(paragraph[3:]), align="L")
        pdf.ln(3)
        return
    _keep_together(pdf, paragraph, size=_BODY_SIZE, bold=False)
    pdf.set_font("Helvetica", "", _BODY_SIZE)
    if paragraph.startswith("- "):
        pdf.rect(_MARGIN + 6, pdf.get_y() + 5, 3, 3, style="F")
        pdf.set_x(_MARGIN + 18)
        pdf.multi_cell(pdf.epw - 18, _LINE, latin1_safe(paragraph[2:]), align="L")
        pdf.set_x(_MARGIN)
        pdf.ln(4)
        return
    pdf.multi_cell(0, _LINE, latin1_safe(paragraph), align="L")
    pdf.ln(8)


@functools.lru_cache(maxsize=64)
def sample_pdf(sample: SampleLetter, *, pages: int = 1) -> bytes:
    """The PDF of a catalogue letter, created at the moment the plan printed it (cached: the
    same letter always gives the same bytes, and tests ask for it often)."""
    if sample.letter is None:
        raise ValueError(f"{sample.key} has no letter")
    created = sample.letter_datetime or datetime.combine(
        sample.facts.letter_date if sample.facts else date(2026, 1, 5),
        datetime.min.time(),
        tzinfo=PACIFIC,
    )
    return letter_pdf(sample.letter, pages=pages, created=created)
