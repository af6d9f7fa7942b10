"""Letters as a scanner or a phone camera gives them: pictures of the printed page, no text.

A patient who has only the paper letter scans it (an image-only PDF, or a PNG from a scanner
app) or photographs it (a JPEG). ``render`` draws a ``Letter`` onto letter-size pages
with Pillow's bundled scalable font (``ImageFont.load_default(size=...)``), word-wrapped,
letterhead and title in a larger size; ``scanned_pdf`` wraps the pages in a PDF with fpdf2
(one full-page image per page, no text layer, so only OCR can read it); ``scanned_png`` and
``photo_jpeg`` give one page as a file. A photo is slightly turned, lit unevenly and framed
by the table it lies on, as phone pictures are.

Deterministic like every builder: no randomness, fixed creation dates, and Pillow's encoders
give the same bytes for the same pixels and settings.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .dates import _require_aware
from .model import Letter

_PAGE_INCHES = (8.5, 11.0)
_MARGIN_INCHES = 0.8


def _blocks(letter: Letter) -> list[tuple[str, float]]:
    """(text, size in points) for each printed block, in reading order."""
    blocks: list[tuple[str, float]] = [(letter.organisation, 16.0)]
    if letter.letterhead:
        blocks.append(("\n".join(letter.letterhead), 8.5))
    blocks.append((letter.date_line, 10.5))
    if letter.recipient:
        blocks.append(("\n".join(letter.recipient), 10.5))
    if letter.member_block:
        blocks.append(
            ("\n".join(f"{label}: {value}" for label, value in letter.member_block), 10.5)
        )
    blocks.append((letter.title, 13.0))
    for paragraph in (*letter.paragraphs, *letter.closing_block()):
        if paragraph == "\f":
            continue
        if paragraph.startswith("## "):
            blocks.append((paragraph[3:], 11.5))
        else:
            blocks.append((paragraph, 10.5))
    if letter.statement:
        blocks.append((letter.statement, 11.0))
    return blocks


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float
) -> list[str]:
    lines: list[str] = []
    for raw_line in text.split("\n"):
        words = raw_line.split(" ")
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and draw.textlength(candidate, font=font) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Rendered:
    """The pictures of the pages, and the text that made it onto them."""

    pages: tuple[Image.Image, ...]
    text: str
    """Every line drawn, in order: what OCR could at best read back."""


def render(letter: Letter, *, dpi: int = 110, max_pages: int = 3) -> Rendered:
    """The letter printed on white letter-size pages (grayscale), at most ``max_pages``.

    A letter longer than that is cut, as a patient scans only the pages that matter.
    """
    width = round(_PAGE_INCHES[0] * dpi)
    height = round(_PAGE_INCHES[1] * dpi)
    margin = round(_MARGIN_INCHES * dpi)
    pages: list[Image.Image] = []
    drawn: list[str] = []

    def new_page() -> ImageDraw.ImageDraw:
        image = Image.new("L", (width, height), 255)
        pages.append(image)
        return ImageDraw.Draw(image)

    draw = new_page()
    y = float(margin)
    for text, points in _blocks(letter):
        size = max(8, round(points * dpi / 72))
        font = ImageFont.load_default(size=size)
        assert isinstance(font, ImageFont.FreeTypeFont)
        line_height = size * 1.3
        for line in _wrap(draw, text, font, width - 2 * margin):
            if y + line_height > height - margin:
                if len(pages) >= max_pages:
                    return Rendered(tuple(pages), "\n".join(drawn))
                draw = new_page()
                y = float(margin)
            draw.text((margin, y), line, fill=0, font=font)
            drawn.append(line)
            y += line_height
        y += line_height * 0.6
    return Rendered(tuple(pages), "\n".join(drawn))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _bilevel(image: Image.Image) -> Image.Image:
    """What a document scanner's black-and-white mode gives: one bit per pixel."""
    return image.point(lambda value: 255 if value > 150 else 0).convert(
        "1", dither=Image.Dither.NONE
    )


def scanned_png(letter: Letter, *, dpi: int = 150, page: int = 1) -> bytes:
    """One page of the letter as a black-and-white PNG, as a scanner app saves it."""
    return _png(_bilevel(render(letter, dpi=dpi, max_pages=page).pages[page - 1]))


def scanned_pdf(
    letter: Letter,
    *,
    created: datetime,
    dpi: int = 150,
    max_pages: int = 2,
    producer: str = "ScanSnap Home 2.22",
) -> bytes:
    """The letter as an image-only PDF: each page one black-and-white picture, no text."""
    pdf = FPDF(orientation="portrait", unit="pt", format="letter")
    pdf.set_creation_date(_require_aware(created))
    pdf.set_creator(producer)
    pdf.set_producer(producer)
    pdf.set_auto_page_break(auto=False)
    for image in render(letter, dpi=dpi, max_pages=max_pages).pages:
        pdf.add_page()
        pdf.image(io.BytesIO(_png(_bilevel(image))), x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def photo_jpeg(letter: Letter, *, dpi: int = 100, angle: float = 1.8, quality: int = 55) -> bytes:
    """The first page photographed on a table: turned a little, unevenly lit, JPEG."""
    page = render(letter, dpi=dpi, max_pages=1).pages[0]
    border = round(0.4 * dpi)
    canvas = Image.new("L", (page.width + 2 * border, page.height + 2 * border), 92)
    canvas.paste(page.point(lambda value: round(value * 0.93)), (border, border))
    turned = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=92)
    shade = Image.linear_gradient("L").resize(turned.size).point(lambda value: 255 - value // 5)
    lit = Image.composite(turned, Image.new("L", turned.size, 0), shade)
    soft = lit.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    soft.convert("RGB").save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()
