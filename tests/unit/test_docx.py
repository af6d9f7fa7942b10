"""Word attachments: a DOCX read in order (letterhead in the header, paragraphs, tables a row a
line, the footer), refused when it would unpack too large; a Word 97-2003 file asks to be sent
again as DOCX or PDF when antiword is not there."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document

from denialwatch.config import Documents
from denialwatch.documents.read import WORD_NO_TEXT, DocumentText, read_text
from denialwatch.documents.sniff import FileKind, sniff
from denialwatch.documents.word import DOC_NEEDS_CONVERSION, MAX_UNPACKED_MB, read_doc
from denialwatch.errors import DocumentError


def read(data: bytes) -> DocumentText:
    return read_text(data, sniff(data), Documents())


def letter_docx() -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Blue Shield of California"
    document.sections[0].footer.paragraphs[0].text = "Member Services 1-800-393-6130"
    document.add_paragraph("March 3, 2026")
    document.add_paragraph("Dear Jane Doe,")
    document.add_paragraph("We reviewed the services listed below.")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [
            ("Service", "Date", "Decision"),
            ("MRI of the lumbar spine", "01/02/2026", "Denied"),
            ("Office visit", "", ""),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "Approved on 01/03/2026"
    document.add_paragraph("You may ask for an Independent Medical Review.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_letter_is_read_in_order() -> None:
    data = letter_docx()
    assert sniff(data) is FileKind.DOCX
    result = read(data)
    assert result.problem is None
    assert result.page_count == 1
    assert result.pages is not None
    assert result.pages[0].splitlines() == [
        "Blue Shield of California",
        "March 3, 2026",
        "Dear Jane Doe,",
        "We reviewed the services listed below.",
        "Service | Date | Decision",
        "MRI of the lumbar spine | 01/02/2026 | Denied",
        "Office visit | Approved on 01/03/2026",
        "You may ask for an Independent Medical Review.",
        "Member Services 1-800-393-6130",
    ]


def test_an_empty_docx_says_it_has_no_text() -> None:
    out = io.BytesIO()
    Document().save(out)
    assert read(out.getvalue()).problem == WORD_NO_TEXT


def with_entry(docx: bytes, name: str, *, zeros_mb: int = 0, text: bytes | None = None) -> bytes:
    """``docx`` with the entry ``name`` added or replaced: ``zeros_mb`` of zeros, or ``text``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry, source.read(entry))
        if text is not None:
            target.writestr(name, text)
        else:
            with target.open(name, "w", force_zip64=True) as stream:
                for _ in range(zeros_mb):
                    stream.write(bytes(1024 * 1024))
    return out.getvalue()


def test_a_docx_that_would_unpack_too_large_is_refused_unparsed() -> None:
    bomb = with_entry(letter_docx(), "word/media/image1.png", zeros_mb=MAX_UNPACKED_MB + 1)
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    result = read(bomb)
    assert time.monotonic() - started < 5
    assert result.problem == f"Word document too large: more than {MAX_UNPACKED_MB} MB unpacked"


def test_a_damaged_docx_says_so() -> None:
    broken = with_entry(letter_docx(), "word/document.xml", text=b"<w:document><w:body>")
    assert sniff(broken) is FileKind.DOCX
    assert read(broken).problem == "Word document could not be read: damaged"


def word_97_file() -> bytes:
    """The start of a Word 97-2003 file: an OLE2 compound file naming a WordDocument stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "WordDocument".encode("utf-16-le").ljust(128, b"\x00")
    return header + directory + bytes(4096)


@pytest.mark.parametrize("antiword", [None, "/nonexistent/antiword"])
def test_a_word_97_file_without_antiword_asks_for_docx_or_pdf(antiword: str | None) -> None:
    data = word_97_file()
    assert sniff(data) is FileKind.DOC
    with pytest.raises(DocumentError, match=f"^{DOC_NEEDS_CONVERSION}$"):
        read_doc(data, antiword=antiword, timeout_seconds=10, memory_mb=512)
