"""The mailing packet: one PDF the patient prints, signs and mails (or faxes) to the DMHC.

In order: a cover page with a checklist, the letter from a new page, each enclosure behind a
separator page naming it, and last a mailing sheet with the address large enough to copy onto
an envelope. The packet's own pages (all but the enclosures' pages) carry "page N of M"
counted over the whole packet, and, until the letter is final, "DRAFT — not for mailing" at
the top.

How it is put together: fpdf2 draws the packet's own pages into one PDF (drawn twice, the
first time only to learn how many pages it takes, so "of M" is right), then pypdfium2
assembles the result, importing the enclosures' pages after their separators. An image
enclosure (PNG, JPEG) is drawn on its separator page, scaled to fit.

An enclosure is never a reason to fail: one that cannot be read (encrypted, damaged, more
than ``MAX_ENCLOSURE_PAGES`` pages, an image too large, a kind we do not place) becomes a page
asking the patient to print it from the original and add it there. The enclosure's kind is
told from its bytes; the declared content type is not trusted.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from denialwatch.letters.markup import Paragraph, Span, parse
from denialwatch.letters.pdf import (
    BODY_SIZE,
    LINE_HEIGHT,
    MARGIN,
    LetterPdf,
    draw_hanging,
    draw_letter,
)

MAX_ENCLOSURE_PAGES = 200
MAX_IMAGE_PIXELS = 60_000_000
TITLE_SIZE = 18.0
ADDRESS_SIZE = 16.0
FAX_SIZE = 14.0
BOX_SIZE = 10.0
NOT_INCLUDED = (
    "Enclosure could not be included: {title} — print it from the original and add it here"
)
PDF_MAGIC = b"%PDF-"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class Cover:
    title: str
    case_number: str
    lines: tuple[str, ...]
    """Checklist items, each drawn beside an empty box to tick."""
    note: tuple[str, ...] = ()
    """Paragraphs below the checklist, such as how similar cases were decided."""


@dataclass(frozen=True)
class Enclosure:
    title: str
    data: bytes
    content_type: str
    """As declared (application/pdf, image/png, image/jpeg); the bytes decide."""


@dataclass(frozen=True)
class MailingSheet:
    address_lines: tuple[str, ...]
    fax: str
    lines: tuple[str, ...]
    """Instructions, one paragraph each."""


@dataclass(frozen=True)
class Packet:
    cover: Cover
    letter_markdown: str
    enclosures: tuple[Enclosure, ...]
    mailing: MailingSheet
    footer: str
    final: bool


@dataclass
class _Prepared:
    """An enclosure once opened: its PDF pages, or its picture, or neither (not included)."""

    title: str
    document: pdfium.PdfDocument | None = None
    image: Image.Image | None = None
    pages: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.pages = len(self.document) if self.document is not None else 0


def build_packet(packet: Packet, *, unicode_fonts: bool = True) -> bytes:
    """The whole packet as one PDF; ``unicode_fonts=False`` forces the Helvetica fallback."""
    with _opened(packet.enclosures) as prepared:
        counting, _ = _draw(packet, prepared, total=None, unicode_fonts=unicode_fonts)
        counting.release()
        total = counting.page_no() + sum(item.pages for item in prepared)
        pdf, insertions = _draw(packet, prepared, total=total, unicode_fonts=unicode_fonts)
        return _assemble(pdf.finish(), insertions)


@contextmanager
def _opened(enclosures: tuple[Enclosure, ...]) -> Iterator[list[_Prepared]]:
    prepared = [_prepare(enclosure) for enclosure in enclosures]
    try:
        yield prepared
    finally:
        for item in prepared:
            if item.document is not None:
                item.document.close()
            if item.image is not None:
                item.image.close()


def _prepare(enclosure: Enclosure) -> _Prepared:
    head = enclosure.data[:1024]
    if PDF_MAGIC in head:
        return _Prepared(enclosure.title, document=_open_pdf(enclosure.data))
    if head.startswith(IMAGE_MAGICS):
        return _Prepared(enclosure.title, image=_open_image(enclosure.data))
    return _Prepared(enclosure.title)


def _open_pdf(data: bytes) -> pdfium.PdfDocument | None:
    """The enclosure's pages, or None when it is encrypted, damaged or too long."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    if not 0 < len(document) <= MAX_ENCLOSURE_PAGES:
        document.close()
        return None
    return document


def _open_image(data: bytes) -> Image.Image | None:
    """The picture upright, in RGB on white, or None when it is damaged or too large."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return None
            upright = ImageOps.exif_transpose(image)
            if upright.mode in ("RGBA", "LA", "P"):
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                return flat
            return upright.convert("RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


Insertions = list[tuple[int, pdfium.PdfDocument]]
"""(index of a separator page, the enclosure whose pages go after it)."""


def _draw(
    packet: Packet, prepared: list[_Prepared], *, total: int | None, unicode_fonts: bool
) -> tuple[LetterPdf, Insertions]:
    """The packet's own pages, and after which of them each PDF enclosure's pages go.

    Drawn once without ``total`` to count the pages, then again with it: only the footers
    change, and the pages break in the same places.
    """
    pdf = LetterPdf(
        title=packet.cover.title,
        footer=packet.footer,
        draft=not packet.final,
        unicode_fonts=unicode_fonts,
    )
    pdf.page_total = total
    pdf.add_page()
    _draw_cover(pdf, packet.cover)
    pdf.add_page()
    draw_letter(pdf, parse(packet.letter_markdown))
    insertions: Insertions = []
    for number, item in enumerate(prepared, start=1):
        pdf.add_page()
        _draw_title(pdf, f"Enclosure {number} of {len(prepared)}: {item.title}", TITLE_SIZE)
        if item.document is not None:
            count = "1 page follows" if item.pages == 1 else f"{item.pages} pages follow"
            draw_letter(pdf, [Paragraph(((Span(count),),))])
            insertions.append((pdf.page_no() - 1, item.document))
            pdf.pending_shift += item.pages
        elif item.image is not None:
            _draw_image(pdf, item.image)
        else:
            text = NOT_INCLUDED.format(title=item.title)
            draw_letter(pdf, [Paragraph(((Span(text, bold=True),),))])
    pdf.add_page()
    _draw_mailing(pdf, packet.mailing)
    return pdf, insertions


def _draw_title(pdf: LetterPdf, text: str, size: float) -> None:
    pdf.use(size, bold=True)
    pdf.multi_cell(0, size * LINE_HEIGHT, pdf.clean(text), align="L")
    pdf.ln(size * 0.6)


def _draw_cover(pdf: LetterPdf, cover: Cover) -> None:
    _draw_title(pdf, cover.title, TITLE_SIZE)
    draw_letter(pdf, [Paragraph(((Span(cover.case_number, bold=True),),))])
    for line in cover.lines:
        top = pdf.y + (BODY_SIZE * LINE_HEIGHT - BOX_SIZE) / 2
        pdf.rect(pdf.l_margin + 2, top, BOX_SIZE, BOX_SIZE)
        draw_hanging(pdf, "", [Paragraph(((Span(line),),))], BODY_SIZE)
    if cover.note:
        pdf.ln(BODY_SIZE * 0.5)
        draw_letter(pdf, [Paragraph(((Span(text),),)) for text in cover.note])


def _draw_image(pdf: LetterPdf, image: Image.Image) -> None:
    """The picture as large as fits below the title, keeping its proportions."""
    width, height = image.size
    room_width = pdf.epw
    room_height = pdf.h - MARGIN - pdf.y
    scale = min(room_width / width, room_height / height)
    pdf.image(image, x=pdf.l_margin, y=pdf.y, w=width * scale, h=height * scale)


def _draw_mailing(pdf: LetterPdf, mailing: MailingSheet) -> None:
    pdf.ln(BODY_SIZE * 2)
    pdf.use(ADDRESS_SIZE, bold=True)
    for line in mailing.address_lines:
        pdf.cell(0, ADDRESS_SIZE * LINE_HEIGHT, pdf.clean(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(BODY_SIZE)
    pdf.use(FAX_SIZE, bold=True)
    pdf.cell(
        0, FAX_SIZE * LINE_HEIGHT, pdf.clean(f"Fax: {mailing.fax}"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(BODY_SIZE * 1.5)
    draw_letter(pdf, [Paragraph(((Span(text),),)) for text in mailing.lines])


def _assemble(rendered: bytes, insertions: Insertions) -> bytes:
    """The packet's own pages with each PDF enclosure's pages after its separator."""
    own = pdfium.PdfDocument(rendered)
    packet = pdfium.PdfDocument.new()
    try:
        cursor = 0
        for after, enclosure in insertions:
            packet.import_pages(own, pages=list(range(cursor, after + 1)))
            packet.import_pages(enclosure)
            cursor = after + 1
        packet.import_pages(own, pages=list(range(cursor, len(own))))
        out = io.BytesIO()
        packet.save(out)
        return out.getvalue()
    finally:
        packet.close()
        own.close()
