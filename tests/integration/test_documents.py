"""Attachments of every kind through ``read_document`` with a loaded configuration: the real
worker, the real Tesseract, the ``[documents]`` keys and the PDF passwords file.

Every kind gives pages or a plain problem; pages that came from OCR are listed; a forward from
a phone with an unnamed scan, a photo and a Word file is understood from all three.
"""

from __future__ import annotations

import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from fpdf import FPDF

from denialwatch.config import Documents, parse_config
from denialwatch.documents.read import IMAGE_NO_OCR, SCANNED_NO_OCR
from denialwatch.documents.sniff import FileKind
from denialwatch.documents.word import DOC_NEEDS_CONVERSION
from denialwatch.errors import ConfigError
from denialwatch.mail.message import Attachment
from denialwatch.service.understand import read_document, understand
from tests.conftest import make_config
from tests.unit.test_docx import letter_docx, word_97_file
from tests.unit.test_images import photo_of
from tests.unit.test_ocr import LETTER, letter_page, need_tesseract, scanned_pdf

SQLITE = "sqlite:///:memory:"


def text_pdf(text: str, *, user_password: str | None = None) -> bytes:
    pdf = FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(w=0, text=text)
    return bytes(pdf.output())


def attachment(data: bytes, filename: str | None = None) -> Attachment:
    return Attachment(filename, "application/octet-stream", data)


def documents(
    tmp_path: Path, keys: dict[str, object] | None = None, environ: dict[str, str] | None = None
) -> Documents:
    """The ``[documents]`` section of a configuration holding ``keys``, loaded in ``environ``."""
    data = {
        "inbox": {"source": "maildir", "path": str(tmp_path / "inbox")},
        "outgoing": {
            "transport": "maildir",
            "path": str(tmp_path / "outbox"),
            "from_address": "denials@denialwatch.example.org",
        },
        "database": {"url": SQLITE},
        "storage": {"path": str(tmp_path / "documents")},
        "documents": keys or {},
    }
    return parse_config(data, environ or {}).documents


def test_every_kind_gives_pages_or_a_plain_problem(tmp_path: Path) -> None:
    need_tesseract()
    limits = make_config(tmp_path, SQLITE).documents
    cases = {
        FileKind.PDF: text_pdf("Dear Jane Doe, your request is denied."),
        FileKind.JPEG: photo_of(letter_page(LETTER)),
        FileKind.DOCX: letter_docx(),
        FileKind.TEXT: b"Dear Jane Doe, your request is denied.",
    }
    for kind, data in cases.items():
        document = read_document(attachment(data), limits)
        assert document.kind is kind
        assert document.problem is None, kind
        assert document.pages, kind
        assert document.letter_starts == (0,), kind
    doc = read_document(attachment(word_97_file(), "letter.doc"), limits)
    # Without antiword, a request for a DOCX or PDF; with it, this stub is damaged.
    assert doc.problem is not None
    assert doc.problem.startswith("Word 97-2003 document")
    if shutil.which("antiword") is None:
        assert doc.problem == DOC_NEEDS_CONVERSION
    other = read_document(attachment(b"\x00\x01binary"), limits)
    assert (other.kind, other.pages, other.problem) == (FileKind.OTHER, None, None)


def test_ocr_pages_are_listed_and_text_pages_are_not(tmp_path: Path) -> None:
    need_tesseract()
    limits = make_config(tmp_path, SQLITE).documents
    scan = read_document(attachment(scanned_pdf(letter_page(LETTER))), limits)
    assert scan.ocr_pages == (0,)
    assert scan.pages is not None
    assert "Independent Medical Review" in scan.pages[0]
    text = read_document(attachment(text_pdf("Denied.")), limits)
    assert text.ocr_pages == ()


def test_a_missing_tesseract_is_configured_away_not_mocked(tmp_path: Path) -> None:
    limits = documents(tmp_path, {"tesseract_command": str(tmp_path / "no-such-tesseract")})
    scan = read_document(attachment(scanned_pdf(letter_page(LETTER))), limits)
    photo = read_document(attachment(photo_of(letter_page(LETTER))), limits)
    assert scan.problem == SCANNED_NO_OCR
    assert photo.problem == IMAGE_NO_OCR


def test_ocr_can_be_turned_off_from_the_environment(tmp_path: Path) -> None:
    limits = documents(tmp_path, environ={"DENIALWATCH_DOCUMENTS__OCR_ENABLED": "false"})
    assert not limits.ocr_enabled
    photo = read_document(attachment(photo_of(letter_page(LETTER))), limits)
    assert photo.problem == IMAGE_NO_OCR


def test_known_pdf_passwords_come_from_a_credential_file(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "pdf-passwords").write_text("first guess\r\nA1234567\n\n")
    environ = {"CREDENTIALS_DIRECTORY": str(credentials)}
    limits = documents(tmp_path, {"pdf_passwords_file": "pdf-passwords"}, environ)
    assert limits.pdf_passwords == ("first guess", "A1234567")
    assert "A1234567" not in repr(limits)
    locked = attachment(text_pdf("Denied.", user_password="A1234567"))
    assert read_document(locked, limits).pages == ("Denied.",)
    closed = read_document(locked, documents(tmp_path))
    assert closed.problem == "encrypted PDF: password needed"
    assert closed.pages is None


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"pdf_passwords": ["A1234567"]}, "passwords are not accepted in the configuration"),
        ({"pdf_passwords_file": "/nonexistent/pdf-passwords"}, "cannot read"),
        ({"ocr_languages": "eng; rm -rf"}, "ocr_languages"),
        ({"ocr_dpi": 1200}, "ocr_dpi"),
        ({"max_ocr_pages": 0}, "max_ocr_pages"),
        ({"max_image_pixels": 1000}, "max_image_pixels"),
        ({"tesseract_command": ""}, "tesseract_command"),
        ({"ocr_timeout_seconds": 0}, "ocr_timeout_seconds"),
    ],
)
def test_documents_keys_are_validated(
    tmp_path: Path, keys: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        documents(tmp_path, keys)
    assert "A1234567" not in str(caught.value)


def test_an_empty_passwords_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "pdf-passwords"
    empty.write_text("\n")
    with pytest.raises(ConfigError, match="is empty"):
        documents(tmp_path, {"pdf_passwords_file": str(empty)})


def test_a_forward_from_a_phone_is_understood_from_every_attachment(tmp_path: Path) -> None:
    need_tesseract()
    message = EmailMessage()
    message["From"] = "Jane Doe <jane@example.org>"
    message["To"] = "denials@denialwatch.example.org"
    message["Subject"] = "my denial letter"
    message["Message-ID"] = "<phone-1@example.org>"
    message["Date"] = "Tue, 03 Mar 2026 09:00:00 -0800"
    message.set_content("Here are the pictures of the letter.")
    message.add_attachment(
        scanned_pdf(letter_page(LETTER)), "application", "octet-stream", filename="IMG_2041"
    )
    message.add_attachment(photo_of(letter_page(LETTER)), "image", "jpeg", filename="IMG_2042.JPG")
    message.add_attachment(
        letter_docx(),
        "application",
        "vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="letter.docx",
    )
    limits = make_config(tmp_path, SQLITE).documents
    understood = understand(message.as_bytes(), limits=limits, max_bytes=10 * 1024 * 1024)
    kinds = [(d.kind, d.ocr_pages, d.problem) for d in understood.documents]
    assert kinds == [
        (FileKind.PDF, (0,), None),
        (FileKind.JPEG, (0,), None),
        (FileKind.DOCX, (), None),
    ]
    assert understood.problems == []
