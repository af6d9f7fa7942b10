"""From raw bytes to what the message says: parse, unwrap the forward, read the documents.

This is the one place that joins the mail parser, the document readers and the pure
reader; it touches no database. Documents are read with the bounds from the configuration
(pages, seconds, memory), so one hostile attachment costs at most that and becomes a
recorded problem, not a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from denialwatch.config import Documents
from denialwatch.documents.read import read_text
from denialwatch.documents.sniff import FileKind, sniff
from denialwatch.domain.model import DocumentKind, Reading, SourceText
from denialwatch.domain.read import read_message
from denialwatch.mail.forwards import unwrap
from denialwatch.mail.message import Attachment, Forward
from denialwatch.mail.parse import parse_mail

EMAIL_SOURCE = "email"


@dataclass(frozen=True)
class ReadDocument:
    attachment: Attachment
    kind: FileKind
    pages: tuple[str, ...] | None
    page_count: int | None
    problem: str | None
    """Why the document gave no text, worded without its content."""
    ocr_pages: tuple[int, ...] = ()
    """Indexes of the pages whose text came from OCR: read their words with less trust."""
    letter_starts: tuple[int, ...] = ()
    """Indexes of the pages that start a letter, when one file holds several."""

    @property
    def name(self) -> str:
        return self.attachment.filename or f"attachment-{self.attachment.sha256[:8]}"


@dataclass(frozen=True)
class Understanding:
    forward: Forward
    documents: tuple[ReadDocument, ...]
    reading: Reading

    @property
    def problems(self) -> list[str]:
        return [f"{d.kind.value}: {d.problem}" for d in self.documents if d.problem]


def read_document(attachment: Attachment, limits: Documents) -> ReadDocument:
    """Pages of text, or a plain problem, for one attachment (see ``documents.read``)."""
    kind = sniff(attachment.data)
    text = read_text(attachment.data, kind, limits)
    return ReadDocument(
        attachment,
        kind,
        text.pages,
        text.page_count,
        text.problem,
        ocr_pages=text.ocr_pages,
        letter_starts=text.letter_starts,
    )


def _letters(document: ReadDocument) -> list[SourceText]:
    """The document as one source per letter it holds (a plan often sends the decision and
    the original denial in one PDF); page numbers stay the document's own."""
    assert document.pages is not None
    starts = sorted({0, *(s for s in document.letter_starts if 0 < s < len(document.pages))})
    ends = [*starts[1:], len(document.pages)]
    return [
        SourceText(document.name, document.pages[start:end], first_page=start + 1)
        for start, end in zip(starts, ends, strict=True)
    ]


def understand(raw: bytes, *, limits: Documents, max_bytes: int) -> Understanding:
    """Raises ParseError when the message itself cannot be read."""
    outer = parse_mail(raw, max_bytes=max_bytes)
    forward = unwrap(outer)
    documents = tuple(read_document(a, limits) for a in forward.attachments)
    original = forward.original
    body = original.text if original is not None else outer.text
    sources = [SourceText(EMAIL_SOURCE, (body,))]
    sources += [letter for d in documents if d.pages for letter in _letters(d)]
    subject = original.subject if original is not None else outer.subject
    reading = read_message(sources, subject=subject)
    problems = [d for d in documents if d.problem]
    if reading.kind is DocumentKind.NOT_DENIAL and problems:
        # Nothing readable says what this is, and a document could not be read: the letter
        # may be in it. That is not "not a denial"; a person should look.
        why = "; ".join(f"{d.kind.value}: {d.problem}" for d in problems)
        reading = Reading(DocumentKind.UNREADABLE, f"a document could not be read ({why})")
    return Understanding(forward, documents, reading)
