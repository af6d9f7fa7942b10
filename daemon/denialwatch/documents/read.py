"""Any attachment to text: the reader for its kind, OCR where only pictures hold the words.

Every kind ends in pages of text or a plain problem that says why there are none, in words
a reviewer (and a patient) can act on; none of them quotes the document:

- PDF: the text layer (``documents.pdf``); pages that are scans are recognised by OCR
  (``documents.ocr``) and listed in ``ocr_pages``, so a reader can trust their words less.
  "scanned letter, OCR not available" when OCR is off or Tesseract is missing;
- images (JPEG, PNG, TIFF, GIF, HEIC): OCR (``documents.images``), every page in
  ``ocr_pages``; "image of a letter, OCR not available" without it. An image too small to be
  a page (a logo in a signature) gives neither pages nor a problem: it is not a letter;
- Word: DOCX through python-docx, ``.doc`` through antiword when installed
  (``documents.word``);
- plain text as it is; anything else neither pages nor a problem.

``letter_starts`` says which pages start a letter (``documents.letters``), over the final
text, OCR included.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass

from denialwatch.config import Documents
from denialwatch.documents.images import read_image
from denialwatch.documents.letters import letter_starts
from denialwatch.documents.ocr import OcrSettings, OcrText, ocr_available, ocr_pdf
from denialwatch.documents.pdf import read_pdf
from denialwatch.documents.sniff import FileKind
from denialwatch.documents.word import read_doc, read_docx
from denialwatch.errors import DocumentError

log = logging.getLogger(__name__)

SCANNED_NO_OCR = "scanned letter, OCR not available"
IMAGE_NO_OCR = "image of a letter, OCR not available"
SCANNED_NO_TEXT = "scanned letter, OCR found no text"
IMAGE_NO_TEXT = "image of a letter, OCR found no text"
SCANNED_TOO_LARGE = "scanned letter, page image too large to read"
WORD_NO_TEXT = "Word document without text"
IMAGE_KINDS = frozenset({FileKind.PNG, FileKind.JPEG, FileKind.TIFF, FileKind.GIF, FileKind.HEIC})


@dataclass(frozen=True)
class DocumentText:
    pages: tuple[str, ...] | None
    page_count: int | None
    problem: str | None = None
    """Why the document gave no text, worded without its content."""
    ocr_pages: tuple[int, ...] = ()
    """Indexes of the pages whose text OCR recognised."""
    letter_starts: tuple[int, ...] = ()
    """Indexes of the pages that start a letter; ``(0,)`` for one letter."""


def ocr_settings(limits: Documents) -> OcrSettings:
    return OcrSettings(
        command=limits.tesseract_command,
        languages=limits.ocr_languages,
        dpi=limits.ocr_dpi,
        max_pages=limits.max_ocr_pages,
        max_image_pixels=limits.max_image_pixels,
        timeout_seconds=limits.ocr_timeout_seconds,
    )


def read_text(data: bytes, kind: FileKind, limits: Documents) -> DocumentText:
    """The text of one attachment of ``kind`` within the configured bounds."""
    if kind is FileKind.PDF:
        return _pdf(data, limits)
    if kind in IMAGE_KINDS:
        return _image(data, limits)
    try:
        if kind is FileKind.DOCX:
            text = read_docx(
                data, timeout_seconds=limits.pdf_timeout_seconds, memory_mb=limits.pdf_memory_mb
            )
        elif kind is FileKind.DOC:
            text = read_doc(
                data,
                antiword=shutil.which("antiword"),
                timeout_seconds=limits.pdf_timeout_seconds,
                memory_mb=limits.pdf_memory_mb,
            )
        elif kind is FileKind.TEXT:
            text = data.decode("utf-8", "replace")
        else:
            return DocumentText(None, None)
    except DocumentError as err:
        return DocumentText(None, None, str(err))
    if not text.strip():
        return DocumentText((text,), 1, None if kind is FileKind.TEXT else WORD_NO_TEXT)
    return DocumentText((text,), 1, letter_starts=(0,))


def _ocr_on(limits: Documents, settings: OcrSettings) -> bool:
    return limits.ocr_enabled and ocr_available(settings)


def _pdf(data: bytes, limits: Documents) -> DocumentText:
    try:
        pdf = read_pdf(
            data,
            max_pages=limits.max_pdf_pages,
            timeout_seconds=limits.pdf_timeout_seconds,
            memory_mb=limits.pdf_memory_mb,
            passwords=limits.pdf_passwords,
        )
    except DocumentError as err:
        return DocumentText(None, None, str(err))
    pages = list(pdf.pages)
    recognised: tuple[int, ...] = ()
    problem = SCANNED_NO_OCR
    settings = ocr_settings(limits)
    if pdf.scanned_pages and _ocr_on(limits, settings):
        started = time.monotonic()
        try:
            ocr = ocr_pdf(
                data,
                pdf.scanned_pages,
                passwords=limits.pdf_passwords,
                settings=settings,
                memory_mb=limits.pdf_memory_mb,
            )
        except DocumentError as err:
            problem = str(err)
        else:
            _log_ocr("pdf", data, ocr, started)
            for index, text in ocr.texts:
                pages[index] = text
            recognised = tuple(index for index, _text in ocr.texts)
            problem = _ocr_problem(ocr, scanned=True, timeout=settings.timeout_seconds)
    if pdf.scanned and not any(page.strip() for page in pages):
        return DocumentText(tuple(pages), pdf.page_count, problem, recognised, ())
    return DocumentText(tuple(pages), pdf.page_count, None, recognised, letter_starts(pages))


def _image(data: bytes, limits: Documents) -> DocumentText:
    settings = ocr_settings(limits)
    if not _ocr_on(limits, settings):
        return DocumentText(None, None, IMAGE_NO_OCR)
    started = time.monotonic()
    try:
        ocr = read_image(data, settings=settings, memory_mb=limits.pdf_memory_mb)
    except DocumentError as err:
        return DocumentText(None, None, str(err))
    _log_ocr("image", data, ocr, started)
    if ocr.too_small:
        return DocumentText(None, ocr.page_count)
    pages = tuple(text for _index, text in ocr.texts)
    recognised = tuple(index for index, _text in ocr.texts)
    if not any(page.strip() for page in pages):
        problem = _ocr_problem(ocr, scanned=False, timeout=settings.timeout_seconds)
        return DocumentText(pages or None, ocr.page_count, problem, recognised)
    return DocumentText(pages, ocr.page_count, None, recognised, letter_starts(pages))


def _ocr_problem(ocr: OcrText, *, scanned: bool, timeout: float) -> str:
    """Why OCR gave no text, for a document where it gave none."""
    if ocr.unavailable:
        return SCANNED_NO_OCR if scanned else IMAGE_NO_OCR
    if not ocr.texts and ocr.too_large:
        return SCANNED_TOO_LARGE
    if not ocr.texts and not ocr.complete:
        return f"OCR took longer than {timeout:g} s"
    return SCANNED_NO_TEXT if scanned else IMAGE_NO_TEXT


def _log_ocr(kind: str, data: bytes, ocr: OcrText, started: float) -> None:
    log.info(
        "ocr: kind=%s size=%d pages=%d recognised=%d complete=%s too_large=%d elapsed_ms=%.0f",
        kind,
        len(data),
        ocr.page_count,
        len(ocr.texts),
        ocr.complete,
        len(ocr.too_large),
        (time.monotonic() - started) * 1000,
    )
