"""File kinds are told by content; names and declared types play no part."""

from __future__ import annotations

import io
import zipfile

import pytest
from fpdf import FPDF

from denialwatch.documents.sniff import FileKind, sniff


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Notice of denial")
    return bytes(pdf.output())


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def test_pdf_at_the_start() -> None:
    assert sniff(_pdf()) is FileKind.PDF


def test_pdf_after_junk_within_the_first_kilobyte() -> None:
    assert sniff(b"\r\n" * 100 + _pdf()) is FileKind.PDF


def test_pdf_marker_beyond_the_first_kilobyte_is_not_a_pdf() -> None:
    assert sniff(b"x" * 1024 + _pdf()) is not FileKind.PDF


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FileKind.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", FileKind.JPEG),
        (b"GIF87a\x01\x00", FileKind.GIF),
        (b"GIF89a\x01\x00", FileKind.GIF),
        (b"II*\x00\x08\x00\x00\x00", FileKind.TIFF),
        (b"MM\x00*\x00\x00\x00\x08", FileKind.TIFF),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", FileKind.HEIC),
        (b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf", FileKind.HEIC),
    ],
)
def test_image_signatures(data: bytes, kind: FileKind) -> None:
    assert sniff(data) is kind


def test_an_mp4_is_not_heic() -> None:
    assert sniff(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2") is not FileKind.HEIC


def test_docx_is_a_zip_with_a_word_document() -> None:
    assert sniff(_zip("[Content_Types].xml", "word/document.xml")) is FileKind.DOCX


def test_other_zips_and_broken_zips_are_other() -> None:
    assert sniff(_zip("xl/workbook.xml")) is FileKind.OTHER
    assert sniff(b"PK\x03\x04 not really a zip") is FileKind.OTHER


def test_ole2_with_a_word_stream_is_doc() -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert sniff(header + "WordDocument".encode("utf-16-le")) is FileKind.DOC
    assert sniff(header + "Workbook".encode("utf-16-le")) is FileKind.OTHER


def test_text_in_utf8_and_in_a_single_byte_charset() -> None:
    assert sniff("Estimado se\u00f1or: su solicitud fue denegada.\n".encode()) is FileKind.TEXT
    assert sniff("Se\u00f1or, denegada.\n".encode("latin-1")) is FileKind.TEXT


def test_a_multibyte_character_cut_by_the_window_is_still_text() -> None:
    assert sniff(("a" * 8191 + "\u00e9").encode()) is FileKind.TEXT


def test_binary_and_empty_are_other() -> None:
    assert sniff(bytes(range(256)) * 8) is FileKind.OTHER
    assert sniff(b"text with a \x00 byte") is FileKind.OTHER
    assert sniff(b"") is FileKind.OTHER
