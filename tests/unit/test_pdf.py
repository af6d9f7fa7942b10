"""read_pdf: text per page within page, time and memory bounds; plain reasons on failure."""

from __future__ import annotations

import logging
import zlib

import pytest
from fpdf import FPDF
from PIL import Image

from denialwatch.documents.pdf import PdfText, read_pdf
from denialwatch.errors import DocumentError


def read(
    data: bytes,
    *,
    max_pages: int = 200,
    timeout_seconds: float = 60.0,
    memory_mb: int = 512,
    password: str = "",
) -> PdfText:
    return read_pdf(
        data,
        max_pages=max_pages,
        timeout_seconds=timeout_seconds,
        memory_mb=memory_mb,
        password=password,
    )


def text_pdf(*pages: str, owner: str | None = None, user: str | None = None) -> bytes:
    pdf = FPDF()
    if owner is not None:
        pdf.set_encryption(owner_password=owner, user_password=user)
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(w=0, text=text)
    return bytes(pdf.output())


def image_pdf(*, with_text: bool = False, full_page: bool = True) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    scan = Image.new("L", (425, 550), 255)
    if full_page:
        pdf.image(scan, x=0, y=0, w=210, h=297)
    else:
        pdf.image(scan, x=10, y=10, w=20, h=20)
    if with_text:
        pdf.set_font("helvetica", size=12)
        pdf.set_xy(40, 40)
        pdf.cell(text="Health plan letterhead")
    return bytes(pdf.output())


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is ``content``, Flate-compressed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def compressed(chunk: bytes, times: int) -> bytes:
    """``chunk * times``, Flate-compressed without ever holding it whole."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(chunk) for _ in range(times)]
    return b"".join(parts) + packer.flush()


def test_text_per_page() -> None:
    result = read(text_pdf("Your MRI request is denied.", "Appeal rights"))
    assert isinstance(result, PdfText)
    assert result.pages == ("Your MRI request is denied.", "Appeal rights")
    assert result.page_count == 2
    assert (result.truncated, result.encrypted, result.scanned) == (False, False, False)


def test_glyphs_printed_twice_for_bold_are_read_once() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", size=12)
    for _ in range(2):
        pdf.set_xy(10, 20)
        pdf.cell(text="Request denied")
    assert read(bytes(pdf.output())).pages == ("Request denied",)


def test_pages_beyond_the_limit_are_counted_not_read() -> None:
    result = read(text_pdf("one", "two", "three"), max_pages=2)
    assert result.pages == ("one", "two")
    assert result.page_count == 3
    assert result.truncated


def test_encrypted_pdf_needs_its_password() -> None:
    data = text_pdf("Denied.", owner="owner-secret", user="letmein")
    with pytest.raises(DocumentError, match=r"^encrypted PDF: password needed$"):
        read(data)
    with pytest.raises(DocumentError, match=r"^encrypted PDF: wrong password$"):
        read(data, password="guess")
    result = read(data, password="letmein")
    assert result.encrypted
    assert result.pages == ("Denied.",)


def test_pdf_encrypted_without_a_user_password_opens_with_any() -> None:
    data = text_pdf("Denied.", owner="owner-secret")
    assert read(data).encrypted
    assert read(data, password="unrelated").pages == ("Denied.",)


def test_image_only_page_is_scanned() -> None:
    result = read(image_pdf())
    assert result.scanned
    assert result.pages == ("",)


def test_text_with_a_small_logo_is_not_scanned() -> None:
    assert not read(image_pdf(with_text=True, full_page=False)).scanned


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"%PDF-" + bytes(range(256))],
)
def test_damaged_pdf(data: bytes) -> None:
    with pytest.raises(DocumentError, match=r"^PDF could not be read: damaged$"):
        read(data)


def test_slow_pdf_is_stopped_and_the_next_one_is_read() -> None:
    slow = raw_pdf(compressed(b"0 0 m 1 1 l S\n" * 1000, 2000))
    with pytest.raises(DocumentError, match=r"^PDF took longer than 0\.5 s$"):
        read(slow, timeout_seconds=0.5)
    assert read(text_pdf("after")).pages == ("after",)


def test_pdf_needing_too_much_memory_is_stopped_and_the_next_one_is_read() -> None:
    bomb = raw_pdf(compressed(b" " * 1024 * 1024, 400))
    with pytest.raises(DocumentError, match=r"^PDF needed more than 64 MB$"):
        read(bomb, memory_mb=64)
    assert read(text_pdf("after"), memory_mb=64).pages == ("after",)


def test_nothing_from_the_document_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    read(text_pdf("Patient ZQXJ diagnosis"))
    with pytest.raises(DocumentError):
        read(b"%PDF-1.4 ZQXJ broken")
    assert "ZQXJ" not in caplog.text
