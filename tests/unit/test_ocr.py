"""OCR of scanned PDFs: pages rendered and recognised within the time, page and pixel bounds;
without Tesseract (or with OCR turned off) the letter says plainly that OCR is not available.

The scans are made here: a letter drawn by Pillow with its scalable default font (or, for
accented letters, printed by fpdf2 and rasterised by pdfium), put on a page of an image-only
PDF by fpdf2. Tests that need Tesseract ``require`` it (skipped
locally without it, failed under CI=true).
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from denialwatch.config import Documents
from denialwatch.documents import worker
from denialwatch.documents.ocr import OcrSettings
from denialwatch.documents.read import (
    SCANNED_NO_OCR,
    SCANNED_NO_TEXT,
    SCANNED_TOO_LARGE,
    DocumentText,
    read_text,
)
from denialwatch.documents.sniff import FileKind
from tests.conftest import require

LETTER = [
    "Blue Shield of California",
    "March 3, 2026",
    "",
    "Dear Jane Doe,",
    "",
    "We have denied your request for an MRI of the lumbar spine.",
    "Our medical director found that it is not medically necessary.",
    "You may ask for an Independent Medical Review from the",
    "Department of Managed Health Care at 1-888-466-2219.",
    "Reference number A-1234567",
]
SPANISH = [
    "Estimada Jane Doe:",
    "",
    "Su solicitud de resonancia magnética fue denegada.",
    "Puede pedir una Revisión Médica Independiente al",
    "Departamento de Atención Médica Administrada.",
]


def need_tesseract() -> None:
    require(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")


def letter_page(lines: list[str], *, dpi: int = 200, size: int = 28) -> Image.Image:
    """A letter-size page with ``lines`` drawn in black, as a scanner at ``dpi`` gives it."""
    page = Image.new("L", (int(8.5 * dpi), int(11 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=size)
    y = dpi
    for line in lines:
        draw.text((dpi, y), line, fill=0, font=font)
        y += int(size * 1.6)
    return page


def printed_page(lines: list[str], *, dpi: int = 200) -> Image.Image:
    """A page printed in Helvetica and scanned at ``dpi``: for accented letters, which the
    font Pillow bundles does not draw (it draws a box). fpdf2 prints, pdfium scans."""
    import pypdfium2 as pdfium

    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.set_xy(72, 72)
    pdf.multi_cell(w=0, h=16, text="\n".join(lines))
    document = pdfium.PdfDocument(bytes(pdf.output()))
    bitmap = document[0].render(scale=dpi / 72, grayscale=True)
    page: Image.Image = bitmap.to_pil().copy()
    bitmap.close()
    document.close()
    return page


def scanned_pdf(*pages: Image.Image, user_password: str | None = None) -> bytes:
    """An image-only PDF: each page one full-page picture, no text layer."""
    pdf = FPDF(unit="pt", format="letter")
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    for page in pages:
        pdf.add_page()
        pdf.image(page, x=0, y=0, w=612, h=792)
    return bytes(pdf.output())


def recall(expected: list[str], found: str) -> float:
    """Share of the expected words that OCR found (punctuation aside)."""
    words = re.findall(r"[\w-]+", " ".join(expected))
    seen = set(re.findall(r"[\w-]+", found))
    return sum(word in seen for word in words) / len(words)


def read_pdf_text(data: bytes, limits: Documents | None = None) -> DocumentText:
    return read_text(data, FileKind.PDF, limits or Documents())


def tesseract_processes(group: int) -> list[int]:
    """Tesseract processes of the worker's process group still running (a leftover keeps its
    group when the worker that started it is gone)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or (entry / "comm").read_text().strip() != "tesseract":
                continue
            # /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm is "tesseract" here.
            if int((entry / "stat").read_text().split(")")[1].split()[2]) == group:
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_a_scanned_letter_is_read_by_ocr() -> None:
    need_tesseract()
    result = read_pdf_text(scanned_pdf(letter_page(LETTER)))
    assert result.problem is None
    assert result.ocr_pages == (0,)
    assert result.page_count == 1
    assert result.letter_starts == (0,)
    assert result.pages is not None
    assert recall(LETTER, result.pages[0]) >= 0.95
    assert "1-888-466-2219" in result.pages[0]


def test_spanish_keeps_its_accents() -> None:
    need_tesseract()
    result = read_pdf_text(scanned_pdf(printed_page(SPANISH)))
    assert result.pages is not None
    assert "Revisión Médica Independiente" in result.pages[0]
    assert recall(SPANISH, result.pages[0]) >= 0.9


@pytest.mark.parametrize(
    "limits",
    [Documents(tesseract_command="/nonexistent/tesseract"), Documents(ocr_enabled=False)],
    ids=["tesseract-missing", "ocr-off"],
)
def test_without_ocr_a_scanned_letter_says_so(limits: Documents) -> None:
    started = time.monotonic()
    result = read_pdf_text(scanned_pdf(letter_page(LETTER)), limits)
    assert result.problem == SCANNED_NO_OCR
    assert result.pages == ("",)
    assert result.ocr_pages == ()
    assert time.monotonic() - started < 10


def test_missing_language_data_counts_as_ocr_not_available() -> None:
    need_tesseract()
    result = read_pdf_text(scanned_pdf(letter_page(LETTER)), Documents(ocr_languages="zzz"))
    assert result.problem == SCANNED_NO_OCR


def test_only_max_ocr_pages_are_recognised() -> None:
    need_tesseract()
    pages = [letter_page([f"Page {n} of 3", *LETTER]) for n in (1, 2, 3)]
    result = read_pdf_text(scanned_pdf(*pages), Documents(max_ocr_pages=2))
    assert result.ocr_pages == (0, 1)
    assert result.page_count == 3
    assert result.pages is not None
    assert result.pages[2] == ""
    assert all("Independent Medical Review" in page for page in result.pages[:2])


def test_text_pages_are_kept_and_scanned_pages_recognised() -> None:
    need_tesseract()
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(w=0, text="Dear Jane Doe, your request is denied.")
    pdf.add_page()
    pdf.image(letter_page(LETTER[5:]), x=0, y=0, w=612, h=792)
    result = read_pdf_text(bytes(pdf.output()))
    assert result.ocr_pages == (1,)
    assert result.pages is not None
    assert result.pages[0] == "Dear Jane Doe, your request is denied."
    assert "Independent Medical Review" in result.pages[1]


def test_a_blank_scan_says_ocr_found_nothing() -> None:
    need_tesseract()
    result = read_pdf_text(scanned_pdf(letter_page([])))
    assert result.problem == SCANNED_NO_TEXT
    assert result.ocr_pages == (0,)


def test_ocr_stops_at_its_time_bound_and_leaves_no_tesseract_behind() -> None:
    need_tesseract()
    dense = letter_page(LETTER * 5, dpi=300, size=30)
    limits = Documents(ocr_timeout_seconds=0.2)
    started = time.monotonic()
    result = read_pdf_text(scanned_pdf(dense, dense), limits)
    assert time.monotonic() - started < 20
    assert result.problem == "OCR took longer than 0.2 s"
    group = worker.process_group()
    assert group is not None
    assert tesseract_processes(group) == []
    assert read_pdf_text(scanned_pdf(letter_page(LETTER))).problem is None


def test_a_page_holding_a_huge_image_is_refused_unread() -> None:
    need_tesseract()
    huge = Image.new("1", (1100, 1000), 1)
    result = read_pdf_text(scanned_pdf(huge), Documents(max_image_pixels=1_000_000))
    assert result.problem == SCANNED_TOO_LARGE
    assert result.ocr_pages == ()


def test_an_encrypted_scan_is_recognised_with_a_known_password(tmp_path: Path) -> None:
    need_tesseract()
    passwords = tmp_path / "pdf-passwords"
    passwords.write_text("not this one\nA1234567\n")
    limits = Documents(pdf_passwords_file=passwords)
    data = scanned_pdf(letter_page(LETTER), user_password="A1234567")
    result = read_pdf_text(data, limits)
    assert result.ocr_pages == (0,)
    assert result.pages is not None
    assert "Independent Medical Review" in result.pages[0]
    assert read_pdf_text(data).problem == "encrypted PDF: password needed"


def test_nothing_recognised_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    need_tesseract()
    caplog.set_level(logging.DEBUG)
    result = read_pdf_text(scanned_pdf(letter_page(["Patient ZQXJ diagnosis", *LETTER])))
    assert result.pages is not None
    assert "ZQXJ" in result.pages[0]
    assert "ZQXJ" not in caplog.text


def test_render_pixels_stay_within_twice_a_letter_page_and_the_image_cap() -> None:
    assert OcrSettings(dpi=300).render_pixels == 16_830_000
    assert OcrSettings(dpi=300, max_image_pixels=1_000_000).render_pixels == 1_000_000


def test_ocr_needing_more_memory_than_allowed_fails_plainly() -> None:
    need_tesseract()
    dense = scanned_pdf(letter_page(LETTER * 6, dpi=300, size=42))
    result = read_pdf_text(dense, Documents(pdf_memory_mb=64, ocr_dpi=600))
    assert result.problem == "OCR needed more than 64 MB"
    assert read_pdf_text(scanned_pdf(letter_page(LETTER))).problem is None
