"""From raw email to reading, through the real document worker."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pypdfium2 as pdfium

from denialwatch.config import Documents
from denialwatch.domain.model import Decision, DocumentKind
from denialwatch.service.understand import understand
from tests.builders import TERESA, forward_gmail_inline, insurer_email, sample_pdf
from tests.builders.catalogue.labelled import LABELLED_LETTERS

WHEN = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


def merged(*pdfs: bytes) -> bytes:
    """One PDF holding the pages of each, in order (as a plan mails a decision and the
    original denial together)."""
    out = pdfium.PdfDocument.new()
    for data in pdfs:
        out.import_pages(pdfium.PdfDocument(data))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_several_letters_in_one_pdf_are_read_as_letters() -> None:
    decision = LABELLED_LETTERS["kaiser_grievance_upheld"].sample
    denial = LABELLED_LETTERS["kaiser_medical_necessity"].sample
    # The original denial first, then the plan's grievance decision: the decision is news.
    both = merged(sample_pdf(denial), sample_pdf(decision))
    original = insurer_email(
        decision,
        message_id="<plan-1@kp.example.com>",
        date=WHEN,
        pdf=both,
        pdf_filename="grievance-decision-and-denial.pdf",
    )
    raw = forward_gmail_inline(original, TERESA, message_id="<fwd-1@example.com>", date=WHEN)
    reading = understand(raw, limits=Documents(), max_bytes=10**8).reading
    # The latest step of the path names the message; its own letter gives the fields.
    assert reading.kind is DocumentKind.GRIEVANCE_DECISION
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD
    assert reading.reference_number is not None
    assert reading.reference_number.value == "GRV-2026-0320-1187"
    # Page numbers are the document's own, whichever letter a value came from.
    denial_pages = len(pdfium.PdfDocument(sample_pdf(denial)))
    total = len(pdfium.PdfDocument(both))
    for finding in (
        reading.reference_number,
        reading.decision,
        reading.letter_date,
        reading.grievance_date,
    ):
        assert finding is not None
        assert finding.document == "grievance-decision-and-denial.pdf"
        assert finding.page is not None
        assert denial_pages < finding.page <= total
