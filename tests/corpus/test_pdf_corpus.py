"""Real-world PDFs from other projects' test suites, read in place from ../shared/corpus.

Every file (including the qpdf fuzzer reproducers) gives text or a DocumentError, within
the time bound plus the time to replace a killed worker. The encrypted pdfminer samples
open with their passwords, tried in turn among others, and say they were encrypted; the
image-only OCRmyPDF samples say they are scanned, and OCR reads them within its bounds
(the Linn scan as well as the transcript beside it), except the 35000 x 35000 image, which
is refused before it is decoded. The corpus is never copied into this repository.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from denialwatch.config import Documents
from denialwatch.documents.ocr import RENDER_GRACE_SECONDS
from denialwatch.documents.pdf import PdfText, read_pdf
from denialwatch.documents.read import SCANNED_NO_TEXT, SCANNED_TOO_LARGE, read_text
from denialwatch.documents.sniff import FileKind
from denialwatch.errors import DocumentError
from tests.conftest import require

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

FOLDERS = ["pdfplumber-tests", "pdfminer-samples", "qpdf-damaged", "ocrmypdf-resources"]
TIMEOUT_SECONDS = 20.0
WORKER_RESTART_SECONDS = 15.0
"""Allowance on top of the timeout: killing a stuck worker and starting the next."""
MAX_PAGES = 50
OCR_TIMEOUT_SECONDS = 60.0
OCR_LIMITS = Documents(
    max_pdf_pages=MAX_PAGES,
    pdf_timeout_seconds=TIMEOUT_SECONDS,
    ocr_timeout_seconds=OCR_TIMEOUT_SECONDS,
    max_ocr_pages=3,
)

# Passwords as pdfminer's own tests use them (samples/README: made with cpdf, "foo" opens).
ENCRYPTED = {
    "rc4-40.pdf": "foo",
    "rc4-128.pdf": "foo",
    "aes-128.pdf": "foo",
    "aes-128-m.pdf": "foo",
    "aes-256.pdf": "foo",
    "aes-256-m.pdf": "foo",
    "aes-256-r6.pdf": "usersecret",
    "encrypted_doc_no_id.pdf": "",
}
# Image-only pages per OCRmyPDF's README and SOURCE.txt: no text layer, only a picture.
SCANNED = [
    "c02-22.pdf",
    "linn.pdf",
    "skew.pdf",
    "rotated_skew.pdf",
    "cardinal.pdf",
    "ccitt.pdf",
    "jbig2.pdf",
    "jbig2_baddevicen.pdf",
    "2400dpi.pdf",
    "3small.pdf",
    "francais.pdf",
    "multipage.pdf",
    "poster.pdf",
    "graph.pdf",
    "lichtenstein.pdf",
]


def read(data: bytes, *passwords: str) -> PdfText:
    return read_pdf(
        data,
        max_pages=MAX_PAGES,
        timeout_seconds=TIMEOUT_SECONDS,
        memory_mb=1024,
        passwords=passwords,
    )


def folder(corpus: Path, *parts: str) -> Path:
    """A corpus subfolder: skipped when absent, failed under CI=true (see tests/conftest)."""
    path = corpus.joinpath(*parts)
    require(path.is_dir(), f"corpus folder {path} is absent")
    return path


@pytest.mark.parametrize("name", FOLDERS)
def test_every_pdf_reads_or_raises_document_error_within_bounds(corpus: Path, name: str) -> None:
    found = folder(corpus, "pdf", name).rglob("*")
    files = sorted(f for f in found if f.suffix.lower() in (".pdf", ".fuzz"))
    assert files
    for path in files:
        started = time.monotonic()
        try:
            result = read(path.read_bytes())
        except DocumentError:
            pass
        else:
            assert isinstance(result, PdfText)
            assert len(result.pages) == min(result.page_count, MAX_PAGES)
        elapsed = time.monotonic() - started
        assert elapsed < TIMEOUT_SECONDS + WORKER_RESTART_SECONDS, path.relative_to(corpus)


@pytest.mark.parametrize(("name", "password"), sorted(ENCRYPTED.items()))
def test_encrypted_samples_open_with_their_password(corpus: Path, name: str, password: str) -> None:
    path = folder(corpus, "pdf", "pdfminer-samples", "samples", "encryption") / name
    result = read(path.read_bytes(), "not it", password, "nor this")
    assert result.encrypted
    if password:
        # The cpdf samples hold a line of text; the no-ID one (empty password) holds none.
        assert any(page.strip() for page in result.pages)
        with pytest.raises(DocumentError, match="encrypted PDF: password needed"):
            read(path.read_bytes())


def test_unencrypted_base_sample_is_not_encrypted(corpus: Path) -> None:
    path = folder(corpus, "pdf", "pdfminer-samples", "samples", "encryption") / "base.pdf"
    assert not read(path.read_bytes()).encrypted


@pytest.mark.parametrize("name", SCANNED)
def test_image_only_samples_are_scanned(corpus: Path, name: str) -> None:
    path = folder(corpus, "pdf", "ocrmypdf-resources", "tests", "resources") / name
    assert read(path.read_bytes()).scanned


def resources(corpus: Path) -> Path:
    require(shutil.which("tesseract") is not None, "Tesseract is not installed (tesseract-ocr)")
    return folder(corpus, "pdf", "ocrmypdf-resources", "tests", "resources")


@pytest.mark.parametrize("name", SCANNED)
def test_image_only_samples_are_recognised_within_the_bounds(corpus: Path, name: str) -> None:
    data = (resources(corpus) / name).read_bytes()
    started = time.monotonic()
    result = read_text(data, FileKind.PDF, OCR_LIMITS)
    elapsed = time.monotonic() - started
    bound = TIMEOUT_SECONDS + OCR_TIMEOUT_SECONDS + RENDER_GRACE_SECONDS + WORKER_RESTART_SECONDS
    assert elapsed < bound
    assert result.ocr_pages
    # lichtenstein.pdf is a painting: OCR rightly finds no words in it.
    assert result.problem in (None, SCANNED_NO_TEXT)


def test_the_linn_scan_reads_as_its_transcript(corpus: Path) -> None:
    samples = resources(corpus)
    result = read_text((samples / "linn.pdf").read_bytes(), FileKind.PDF, OCR_LIMITS)
    assert result.pages is not None
    expected = re.findall(r"[A-Za-z]{3,}", (samples / "linn.txt").read_text())
    found = set(re.findall(r"[A-Za-z]{3,}", result.pages[0]))
    assert sum(word in found for word in expected) / len(expected) >= 0.9


@pytest.mark.parametrize("name", ["hugemono.pdf", "enormous.pdf"])
def test_a_page_image_too_large_is_refused_before_it_is_decoded(corpus: Path, name: str) -> None:
    data = (resources(corpus) / name).read_bytes()
    read_text(b"%PDF-1.4\n%%EOF\n", FileKind.PDF, OCR_LIMITS)  # the worker is up
    started = time.monotonic()
    result = read_text(data, FileKind.PDF, OCR_LIMITS)
    assert time.monotonic() - started < 3
    assert result.problem == SCANNED_TOO_LARGE
