"""The text of a PDF, read in the document worker, bounded in pages, time and memory.

PDFs come from strangers' mailboxes, and pdfminer (under pdfplumber) is pure Python: a
crafted or merely broken file can loop for minutes or allocate gigabytes. So PDFs are read
in the worker process of ``documents.worker`` (which kills it after ``timeout_seconds`` and
caps its memory at ``memory_mb`` over what it needed to start), never in the service itself;
at most ``max_pages`` are read, each page closed as soon as its text is taken, so memory stays
flat on long documents.

Every failure becomes a ``DocumentError`` whose message is one of a few plain reasons
("encrypted PDF: password needed", "PDF could not be read: damaged", "PDF took longer than
60 s", "PDF needed more than 1024 MB"); nothing from a document is ever logged.

**Passwords.** Many PDFs are encrypted with an empty user password (only printing or copying
is restricted), so the empty password is tried first, then each of ``passwords`` in turn (the
known passwords of the configuration's ``pdf_passwords_file``). A PDF none of them opens is
"encrypted PDF: password needed".

**Layout.** A page with a ruled table or two columns of prose is read in reading order by
``documents.layout``; any other page keeps pdfplumber's own text, read across the page.

**Scanned pages** have no text layer but an image covering at least a quarter of the page: a
letter that was printed and scanned, which only OCR can read (``documents.ocr``).

**Letters.** ``letter_starts`` tells which pages start a letter when one PDF holds several
(see ``documents.letters`` for the heuristic).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from denialwatch.documents import layout, worker
from denialwatch.documents.letters import letter_starts
from denialwatch.errors import DocumentError

_SCAN_COVERAGE = 0.25
"""Share of a page an image must cover for a page without text to count as scanned."""
LOCKED = "encrypted PDF: password needed"
DAMAGED = "PDF could not be read: damaged"


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]
    """The text of each page read, in order; an empty string for a page without text."""
    page_count: int
    """All the pages in the document, read or not."""
    truncated: bool
    """The document has more pages than ``max_pages``; only those were read."""
    encrypted: bool
    scanned_pages: tuple[int, ...] = ()
    """Indexes of the pages read that are scanned images without a text layer."""
    letter_starts: tuple[int, ...] = (0,)
    """Indexes of the pages that start a letter (see ``documents.letters``)."""

    @property
    def scanned(self) -> bool:
        return bool(self.scanned_pages)


def read_pdf(
    data: bytes,
    *,
    max_pages: int,
    timeout_seconds: float,
    memory_mb: int,
    passwords: Sequence[str] = (),
) -> PdfText:
    """Read a PDF's text within the bounds; raises ``DocumentError`` with a plain reason."""
    return worker.run(
        extract_text,
        (data, max_pages, tuple(passwords)),
        what="PDF",
        timeout_seconds=timeout_seconds,
        memory_mb=memory_mb,
    )


# -- in the worker process ------------------------------------------------------------------


def extract_text(data: bytes, max_pages: int, passwords: tuple[str, ...]) -> PdfText:
    """The worker's task: the text of the first ``max_pages`` pages, opened with the first
    password that fits ("" first)."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    for password in _candidates(passwords):
        try:
            return _extract(data, max_pages, password)
        except MemoryError:
            raise
        except Exception as err:
            if not any(isinstance(cause, PDFPasswordIncorrect) for cause in _causes(err)):
                raise _failure(err) from None
    raise DocumentError(LOCKED)


def _candidates(passwords: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(("", *passwords)))


def _causes(err: BaseException) -> list[object]:
    return [err, *err.args, err.__cause__, err.__context__]


def _failure(err: BaseException) -> BaseException:
    from pdfminer.pdfdocument import PDFEncryptionError

    causes = _causes(err)
    if any(isinstance(cause, MemoryError) for cause in causes):
        return MemoryError()
    if any(isinstance(cause, PDFEncryptionError) for cause in causes):
        return DocumentError("encrypted PDF: encryption not supported")
    # Whatever pdfminer raises on a broken file is, to the reader of the mail, damage.
    return DocumentError(DAMAGED)


def _extract(data: bytes, max_pages: int, password: str) -> PdfText:
    import pdfplumber

    # Not a context manager: PDF.close() walks every page again, even the unread ones.
    pdf = pdfplumber.open(io.BytesIO(data), password=password)
    encrypted = getattr(pdf.doc, "encryption", None) is not None
    pages = pdf.pages
    texts: list[str] = []
    scanned: list[int] = []
    for index, page in enumerate(pages[:max_pages]):
        source = page.dedupe_chars() if _has_doubled_chars(page) else page
        text = _page_text(source)
        if not text.strip() and _mostly_image(page):
            scanned.append(index)
        texts.append(text)
        source.close()
        page.close()
    return PdfText(
        pages=tuple(texts),
        page_count=len(pages),
        truncated=len(pages) > max_pages,
        encrypted=encrypted,
        scanned_pages=tuple(scanned),
        letter_starts=letter_starts(texts),
    )


def _page_text(page: Any) -> str:
    """The page's text in reading order: ``layout`` where it finds columns or a table,
    pdfplumber's own reading across the page otherwise."""
    if not page.chars:
        return ""
    words = [
        layout.Word(
            str(w["text"]), float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"])
        )
        for w in page.extract_words()
    ]
    tables: list[layout.Table] = []
    # The "lines" strategy finds only ruled tables; without rules there is nothing to find.
    if page.rects or page.lines:
        for found in page.find_tables():
            rows = tuple(tuple(row) for row in found.extract())
            # A ruled box around a paragraph (a regulator's statement) is not a table.
            if len(rows) < 2 or max(len(row) for row in rows) < 2:
                continue
            x0, top, x1, bottom = (float(v) for v in found.bbox)
            tables.append(layout.Table(x0, top, x1, bottom, rows))
    ordered = layout.ordered_text(words, tables, float(page.width))
    return ordered if ordered is not None else str(page.extract_text() or "")


def _has_doubled_chars(page: Any) -> bool:
    """Whether the page prints glyphs twice in place (fake bold: "DDeenniieedd").

    pdfplumber's ``dedupe_chars`` fixes that but triples the time of a page, so it runs
    only where more than one glyph in twenty repeats at the same spot.
    """
    seen: set[tuple[str, int, int]] = set()
    repeats = 0
    chars = page.chars
    for char in chars:
        key = (str(char["text"]), round(float(char["x0"])), round(float(char["top"])))
        repeats += key in seen
        seen.add(key)
    return repeats * 20 > len(chars)


def _mostly_image(page: Any) -> bool:
    """Whether some image covers a good part of the page (pdfplumber's Page is untyped)."""
    width, height = float(page.width), float(page.height)
    if width <= 0 or height <= 0:
        return False
    for image in page.images:
        w = abs(float(image["x1"]) - float(image["x0"]))
        h = abs(float(image["bottom"]) - float(image["top"]))
        if w * h >= _SCAN_COVERAGE * width * height:
            return True
    return False
