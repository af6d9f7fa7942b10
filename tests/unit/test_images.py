"""Photos and scans of letters (JPEG, PNG, TIFF, GIF, HEIC) read by OCR, turned upright from
their EXIF orientation; images too large refused before they are decoded, logos skipped; and
without Tesseract a clear "image of a letter, OCR not available"."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image, ImageChops, ImageFilter

from denialwatch.config import Documents
from denialwatch.documents.read import IMAGE_NO_OCR, IMAGE_NO_TEXT, DocumentText, read_text
from denialwatch.documents.sniff import FileKind, sniff
from tests.unit.test_ocr import LETTER, letter_page, need_tesseract, recall

TABLE_COLOUR = (92, 74, 58)


def read(data: bytes, limits: Documents | None = None) -> DocumentText:
    return read_text(data, sniff(data), limits or Documents())


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()


def photo_of(page: Image.Image) -> bytes:
    """A phone photo of the printed page: turned a little, on a table, lit unevenly, softly
    focused, taken with the phone held sideways (the pixels lie on their side and the EXIF
    orientation says to turn them)."""
    paper = page.convert("RGB").rotate(
        1.5, expand=True, fillcolor=TABLE_COLOUR, resample=Image.Resampling.BICUBIC
    )
    scene = Image.new("RGB", (paper.width + 160, paper.height + 160), TABLE_COLOUR)
    scene.paste(paper, (80, 80))
    light = Image.linear_gradient("L").resize(scene.size).point(lambda v: 190 + v // 4)
    scene = ImageChops.multiply(scene, Image.merge("RGB", [light, light, light]))
    scene = scene.filter(ImageFilter.GaussianBlur(0.8))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to show"
    return encoded(scene.rotate(90, expand=True), "JPEG", quality=75, exif=exif)


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` x ``height`` one-bit pixels; its data is a few bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_phone_photo_of_a_letter_is_read_upright() -> None:
    need_tesseract()
    data = photo_of(letter_page(LETTER))
    assert sniff(data) is FileKind.JPEG
    result = read(data)
    assert result.problem is None
    assert result.ocr_pages == (0,)
    assert result.pages is not None
    assert recall(LETTER, result.pages[0]) >= 0.9
    assert "Independent Medical Review" in result.pages[0]


def test_a_transparent_screenshot_is_read_on_white() -> None:
    need_tesseract()
    ink = letter_page(LETTER)
    clear = Image.new("RGBA", ink.size, (0, 0, 0, 0))
    clear.putalpha(ImageChops.invert(ink))
    result = read(encoded(clear, "PNG"))
    assert result.pages is not None
    assert "Independent Medical Review" in result.pages[0]


def test_every_page_of_a_faxed_tiff_is_read() -> None:
    need_tesseract()
    first = letter_page([*LETTER, "Page 1 of 2"]).convert("1")
    second = letter_page(["Your appeal rights", "Page 2 of 2"]).convert("1")
    data = encoded(first, "TIFF", save_all=True, append_images=[second], compression="group4")
    result = read(data)
    assert result.page_count == 2
    assert result.ocr_pages == (0, 1)
    assert result.letter_starts == (0,)
    assert result.pages is not None
    assert "appeal rights" in result.pages[1]


def test_gif_and_heic_are_read() -> None:
    need_tesseract()
    page = letter_page(LETTER)
    for data in (encoded(page, "GIF"), heic(page)):
        result = read(data)
        assert result.pages is not None, sniff(data)
        assert "Independent Medical Review" in result.pages[0], sniff(data)


def heic(page: Image.Image) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    data = encoded(page.convert("RGB"), "HEIF", quality=80)
    assert sniff(data) is FileKind.HEIC
    return data


def test_a_logo_is_not_a_letter() -> None:
    need_tesseract()
    logo = Image.new("RGB", (180, 60), (0, 90, 160))
    result = read(encoded(logo, "PNG"))
    assert (result.pages, result.problem) == (None, None)


def test_a_picture_without_words_says_ocr_found_nothing() -> None:
    need_tesseract()
    result = read(encoded(Image.new("L", (800, 600), 200), "PNG"))
    assert result.problem == IMAGE_NO_TEXT


@pytest.mark.parametrize(("width", "height"), [(35000, 35000), (10000, 9000)])
def test_an_image_too_large_is_refused_before_it_is_decoded(width: int, height: int) -> None:
    need_tesseract()
    read(encoded(Image.new("L", (300, 300), 255), "PNG"))  # the worker is up
    started = time.monotonic()
    result = read(png_header(width, height))
    assert time.monotonic() - started < 2
    assert result.problem == "image too large to read (over 80000000 pixels)"


def test_a_huge_page_inside_a_tiff_is_refused() -> None:
    need_tesseract()
    small = Image.new("1", (900, 900), 1)
    large = Image.new("1", (1100, 1000), 1)
    data = encoded(small, "TIFF", save_all=True, append_images=[large])
    result = read(data, Documents(max_image_pixels=1_000_000))
    assert result.problem == "image too large to read (over 1000000 pixels)"


def test_a_damaged_image_says_so() -> None:
    need_tesseract()
    result = read(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    assert result.problem == "image could not be read: damaged"


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "TIFF", "GIF"])
def test_without_tesseract_an_image_says_ocr_is_not_available(kind: str) -> None:
    data = encoded(letter_page(LETTER[:3]).convert("RGB" if kind == "JPEG" else "L"), kind)
    result = read(data, Documents(tesseract_command="/nonexistent/tesseract"))
    assert (result.pages, result.problem) == (None, IMAGE_NO_OCR)
