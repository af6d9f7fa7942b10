"""The IMR letter's versions: drafted, revised by the patient or the operator, approved.

A version's Markdown text is the source of truth; each version is rendered to DOCX and PDF
when it is made, and all three are kept as named files of the case
(``cases/12/imr-letter-v2.md`` / ``.docx`` / ``.pdf``). Versions are never rewritten: a
change is a new version. A version is approved only when no placeholder remains; the
approved version alone makes the mailing packet, which is sent to the patient with an email
that says it is the final one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from denialwatch.documents.sniff import FileKind
from denialwatch.domain.case import case_number
from denialwatch.domain.letter import draft_letter, placeholders
from denialwatch.domain.letter_edits import fill, resembles
from denialwatch.domain.letter_notice import letter_final, letter_revised
from denialwatch.domain.notice import Notice
from denialwatch.errors import LetterError
from denialwatch.evidence import suggest
from denialwatch.letters.docx import letter_docx, markdown_from_docx
from denialwatch.letters.pdf import letter_pdf
from denialwatch.mail.compose import OutgoingAttachment
from denialwatch.service import cases
from denialwatch.service.packet import make_packet
from denialwatch.service.runtime import Runtime
from denialwatch.service.understand import Understanding
from denialwatch.store import models as m
from denialwatch.store.db import transaction

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def latest(case: m.Case) -> m.Letter | None:
    return case.letters[-1] if case.letters else None


def version(case: m.Case, number: int | None) -> m.Letter:
    """Version ``number`` of the case's letter, or the latest; LetterError when there is none."""
    if not case.letters:
        raise LetterError(f"case {case_number(case.id)} has no letter")
    if number is None:
        return case.letters[-1]
    for letter in case.letters:
        if letter.version == number:
            return letter
    raise LetterError(f"case {case_number(case.id)} has no letter version {number}")


def _footer(case: m.Case, number: int) -> str:
    return f"Case {case_number(case.id)} - letter version {number}"


def add_version(
    session: Session,
    runtime: Runtime,
    case: m.Case,
    markdown: str,
    *,
    source: str,
    now: datetime,
    message_pk: int | None = None,
) -> m.Letter:
    """Store ``markdown`` as the case's next letter version, rendered to DOCX and PDF."""
    number = (case.letters[-1].version + 1) if case.letters else 1
    base = f"cases/{case.id}/imr-letter-v{number}"
    title = f"Request for Independent Medical Review - {case_number(case.id)}"
    footer = _footer(case, number)
    text = markdown.encode()
    runtime.blobs.write_named(f"{base}.md", text)
    runtime.blobs.write_named(f"{base}.docx", letter_docx(markdown, title=title, footer=footer))
    runtime.blobs.write_named(f"{base}.pdf", letter_pdf(markdown, title=title, footer=footer))
    letter = m.Letter(
        case=case,
        version=number,
        status="draft",
        path=f"{base}.md",
        sha256=runtime.blobs.put(text),
        source=source,
        message_pk=message_pk,
        docx_path=f"{base}.docx",
        pdf_path=f"{base}.pdf",
        created_at=now,
    )
    session.add(letter)
    kind = "letter_drafted" if number == 1 else "letter_revised"
    session.add(cases.add_event(case, kind, now, message_pk, version=number, source=source))
    return letter


def text_of(runtime: Runtime, letter: m.Letter) -> str:
    return runtime.blobs.get(letter.sha256).decode("utf-8")


def draft_attachments(runtime: Runtime, letter: m.Letter) -> list[OutgoingAttachment]:
    """The version as the patient gets it: DOCX to edit, PDF to read or print."""
    number = case_number(letter.case.id)
    stem = f"IMR-letter-{number}-v{letter.version}"
    found: list[OutgoingAttachment] = []
    if letter.docx_path:
        found.append(
            OutgoingAttachment(
                f"{stem}.docx", *DOCX_TYPE, (runtime.blobs.root / letter.docx_path).read_bytes()
            )
        )
    if letter.pdf_path:
        found.append(
            OutgoingAttachment(
                f"{stem}.pdf",
                "application",
                "pdf",
                (runtime.blobs.root / letter.pdf_path).read_bytes(),
            )
        )
    return found


def remaining(runtime: Runtime, letter: m.Letter) -> list[str]:
    return placeholders(text_of(runtime, letter))


def approve(
    session: Session, runtime: Runtime, case: m.Case, *, number: int | None, now: datetime
) -> m.Letter:
    """Approve a version; refused (LetterError) while any placeholder remains."""
    letter = version(case, number)
    left = remaining(runtime, letter)
    if left:
        listed = "; ".join(left[:5]) + ("; ..." if len(left) > 5 else "")
        raise LetterError(
            f"version {letter.version} still has {len(left)} placeholder(s) to fill: {listed}"
        )
    for other in case.letters:
        if other.status == "approved" and other is not letter:
            other.status = "superseded"
    letter.status = "approved"
    letter.approved_at = now
    session.add(cases.add_event(case, "letter_approved", now, None, version=letter.version))
    return letter


def approved(case: m.Case) -> m.Letter | None:
    return next((letter for letter in case.letters if letter.status == "approved"), None)


@dataclass(frozen=True)
class Draft:
    """The first version as the patient gets it, and what evidence help found for them."""

    attachments: list[OutgoingAttachment]
    note: tuple[str, ...]
    """How similar IMRs were decided, for the email's cover note (empty when off)."""


def draft_first(
    session: Session, runtime: Runtime, case: m.Case, reasons: Sequence[str], now: datetime
) -> Draft:
    """Draft version 1 from what the reader found, with suggested references where evidence
    help is on; nothing where no California IMR exists for the case's route."""
    summary = cases.summary_of(case, reasons)
    language = case.patient.language
    # The reader does not name the diagnosis: the search and the counts go by the treatment.
    found = suggest(
        runtime.config.evidence,
        treatment=case.service,
        condition=None,
        language=language,
        category=summary.category,
    )
    text = draft_letter(
        summary,
        dmhc_mailing_address=runtime.config.dmhc.mailing_address,
        language=language,
        citations=found.references,
    )
    if text is None:
        return Draft([], ())
    letter = add_version(session, runtime, case, text, source="drafted", now=now)
    return Draft(draft_attachments(runtime, letter), found.note)


LETTER_SUFFIXES = (".md", ".markdown", ".txt")
"""Plain-text files a patient may send back as their edited letter."""


@dataclass(frozen=True)
class Revision:
    """What a patient's reply did to the letter."""

    letter: m.Letter
    remaining: int
    unused: bool
    """Part of a text answer matched no open placeholder: a person reads it."""


def _letter_files(session: Session, runtime: Runtime, message: m.Message) -> list[str]:
    """The attached files that could be a letter, as Markdown: DOCX read back, Markdown or
    plain text as it is."""
    documents = session.scalars(
        select(m.Document)
        .where(m.Document.message_pk == message.id, m.Document.role == "attachment")
        .order_by(m.Document.id)
    )
    found: list[str] = []
    for document in documents:
        name = (document.filename or "").lower()
        if document.kind == "docx":
            try:
                found.append(markdown_from_docx(runtime.blobs.get(document.sha256)))
            except LetterError:
                continue
        elif document.kind == "text" and name.endswith(LETTER_SUFFIXES):
            found.append(runtime.blobs.get(document.sha256).decode("utf-8", errors="replace"))
    return found


def returns_letter(runtime: Runtime, case: m.Case, understanding: Understanding) -> bool:
    """Whether a message in the case's thread carries the case's letter back, edited: it
    reads like a letter to the DMHC, but it is the patient's own draft, not mail from it."""
    current = latest(case)
    if current is None:
        return False
    ours = text_of(runtime, current)
    return any(
        resembles(ours, "\n".join(document.pages))
        for document in understanding.documents
        if document.kind in (FileKind.DOCX, FileKind.TEXT) and document.pages
    )


def revise_from_reply(
    session: Session,
    runtime: Runtime,
    case: m.Case,
    message: m.Message,
    words: str,
    *,
    now: datetime,
) -> Revision | None:
    """A new version from a reply: an edited file attached wins; else answers in the text
    ("YOUR CONDITION: ...") fill the latest version's placeholders. None when the reply
    changes nothing in the letter (or the case has none, or it is approved already)."""
    current = latest(case)
    if current is None or current.status != "draft":
        return None
    before = text_of(runtime, current)
    # A DOCX in the thread may be a doctor's letter: only the letter itself, edited, counts.
    files = [f for f in _letter_files(session, runtime, message) if resembles(before, f)]
    edited = files[0] if files else None
    if edited is not None:
        if edited.strip() == before.strip():
            return None
        letter = add_version(
            session, runtime, case, edited, source="patient_file", now=now, message_pk=message.id
        )
        return Revision(letter, len(placeholders(edited)), unused=False)
    answered = fill(before, words)
    if not answered.filled:
        return None
    letter = add_version(
        session,
        runtime,
        case,
        answered.markdown,
        source="patient_text",
        now=now,
        message_pk=message.id,
    )
    return Revision(letter, len(placeholders(answered.markdown)), unused=bool(answered.unused))


def revised_notice_attachments(
    runtime: Runtime, case: m.Case, revision: Revision, *, yours: bool = True
) -> tuple[Notice, list[OutgoingAttachment]]:
    """The email that carries a new version to the patient, and its files."""
    notice = letter_revised(
        cases.summary_of(case),
        version=revision.letter.version,
        remaining=revision.remaining,
        unused=revision.unused,
        dmhc=runtime.config.dmhc,
        yours=yours,
        language=case.patient.language,
    )
    return notice, draft_attachments(runtime, revision.letter)


def finalize(
    session: Session, runtime: Runtime, case: m.Case, letter: m.Letter, *, now: datetime
) -> m.OutgoingEmail:
    """The approved version's packet, stored and queued to the patient in an email that says
    it is the final one."""
    if letter.status != "approved":
        raise LetterError(f"version {letter.version} is not approved: no final packet")
    packet = make_packet(
        session,
        runtime,
        case,
        text_of(runtime, letter),
        version=letter.version,
        final=True,
        language=case.patient.language,
    )
    relative = f"cases/{case.id}/imr-packet-v{letter.version}.pdf"
    runtime.blobs.write_named(relative, packet)
    letter.packet_path = relative
    number = case_number(case.id)
    email = cases.queue_email(
        session,
        runtime,
        recipient=case.patient.email,
        case=case,
        message=None,
        purpose="packet_final",
        key=f"case-{case.id}.packet-v{letter.version}",
        notice=letter_final(
            cases.summary_of(case),
            version=letter.version,
            dmhc=runtime.config.dmhc,
            language=case.patient.language,
        ),
        attachments=[
            OutgoingAttachment(f"IMR-packet-{number}-final.pdf", "application", "pdf", packet)
        ],
        now=now,
    )
    session.add(cases.add_event(case, "packet_sent", now, None, version=letter.version))
    return email


# The operator's side (the ``letter`` commands): each call is one transaction.


def _case(session: Session, case_id: int) -> m.Case:
    case = session.get(m.Case, case_id)
    if case is None:
        raise LetterError(f"no case {case_number(case_id)}")
    return case


def read_version(runtime: Runtime, case_id: int, number: int | None) -> tuple[m.Letter, str]:
    """A version (the latest when ``number`` is None) and its Markdown text."""
    with runtime.sessions() as session:
        letter = version(_case(session, case_id), number)
        session.expunge(letter)
        return letter, text_of(runtime, letter)


def operator_version(
    runtime: Runtime, case_id: int, markdown: str, *, now: datetime, send: bool
) -> Revision:
    """A version written by the operator (``letter edit`` / ``letter import``); sent to the
    patient for review when ``send``."""
    with transaction(runtime.sessions) as session:
        case = _case(session, case_id)
        current = latest(case)
        if current is not None and current.status == "approved":
            raise LetterError(
                f"version {current.version} is approved already; a new version would need a "
                "new approval"
            )
        letter = add_version(session, runtime, case, markdown, source="operator", now=now)
        revision = Revision(letter, len(placeholders(markdown)), unused=False)
        if send:
            session.flush()
            notice, files = revised_notice_attachments(runtime, case, revision, yours=False)
            cases.queue_email(
                session,
                runtime,
                recipient=case.patient.email,
                case=case,
                message=None,
                purpose="letter_revised",
                key=f"case-{case.id}.letter-v{letter.version}",
                notice=notice,
                attachments=files,
                now=now,
            )
        session.flush()
        session.expunge(letter)
        return revision


def approve_and_send(
    runtime: Runtime, case_id: int, number: int | None, *, now: datetime
) -> m.Letter:
    """Approve a version (refused while placeholders remain) and send the final packet."""
    with transaction(runtime.sessions) as session:
        case = _case(session, case_id)
        letter = approve(session, runtime, case, number=number, now=now)
        session.flush()
        finalize(session, runtime, case, letter, now=now)
        session.flush()
        session.expunge(letter)
        return letter


RENDER_FORMATS = ("md", "docx", "pdf", "packet")


def render_version(runtime: Runtime, case_id: int, number: int | None, fmt: str) -> bytes:
    """A version as Markdown, DOCX, PDF or packet (a draft's packet is marked as a draft)."""
    with runtime.sessions() as session:
        case = _case(session, case_id)
        letter = version(case, number)
        text = text_of(runtime, letter)
        if fmt == "md":
            return text.encode()
        title = f"Request for Independent Medical Review - {case_number(case.id)}"
        footer = _footer(case, letter.version)
        if fmt == "docx":
            return letter_docx(text, title=title, footer=footer)
        if fmt == "pdf":
            return letter_pdf(text, title=title, footer=footer)
        if fmt == "packet":
            return make_packet(
                session,
                runtime,
                case,
                text,
                version=letter.version,
                final=letter.status == "approved",
                language=case.patient.language,
            )
        raise LetterError(f"unknown format {fmt!r}: one of {', '.join(RENDER_FORMATS)}")


def markdown_from_file(name: str, data: bytes) -> str:
    """A letter file as Markdown: a DOCX read back, or Markdown / plain text as it is."""
    if name.lower().endswith(".docx"):
        return markdown_from_docx(data)
    if name.lower().endswith(LETTER_SUFFIXES):
        return data.decode("utf-8", errors="replace")
    raise LetterError(f"{name}: a letter is a .docx, .md or .txt file")
