"""From raw bytes to what the message says: parse, unwrap the forward, read the documents.

This is the one place that joins the mail parser, the document readers and the pure
reader; it touches no database. Documents are read with the bounds from the configuration
(pages, seconds, memory), so one hostile attachment costs at most that and becomes a
recorded problem, not a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from denialwatch.config import Documents
from denialwatch.documents.pdf import read_pdf
from denialwatch.documents.sniff import FileKind, sniff
from denialwatch.domain.model import Reading, SourceText
from denialwatch.domain.read import read_message
from denialwatch.errors import DocumentError
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
    kind = sniff(attachment.data)
    if kind is FileKind.PDF:
        try:
            pdf = read_pdf(
                attachment.data,
                max_pages=limits.max_pdf_pages,
                timeout_seconds=limits.pdf_timeout_seconds,
                memory_mb=limits.pdf_memory_mb,
            )
        except DocumentError as err:
            return ReadDocument(attachment, kind, None, None, str(err))
        problem = None
        if pdf.scanned and not any(page.strip() for page in pdf.pages):
            problem = "scanned letter, OCR not available"
        return ReadDocument(attachment, kind, pdf.pages, pdf.page_count, problem)
    if kind in (FileKind.PNG, FileKind.JPEG, FileKind.TIFF, FileKind.HEIC, FileKind.GIF):
        return ReadDocument(attachment, kind, None, None, "image of a letter, OCR not available")
    if kind is FileKind.TEXT:
        text = attachment.data.decode("utf-8", "replace")
        return ReadDocument(attachment, kind, (text,), 1, None)
    return ReadDocument(attachment, kind, None, None, None)


def understand(raw: bytes, *, limits: Documents, max_bytes: int) -> Understanding:
    """Raises ParseError when the message itself cannot be read."""
    outer = parse_mail(raw, max_bytes=max_bytes)
    forward = unwrap(outer)
    documents = tuple(read_document(a, limits) for a in forward.attachments)
    original = forward.original
    body = original.text if original is not None else outer.text
    sources = [SourceText(EMAIL_SOURCE, (body,))]
    sources += [SourceText(d.name, d.pages) for d in documents if d.pages]
    subject = original.subject if original is not None else outer.subject
    return Understanding(forward, documents, read_message(sources, subject=subject))
