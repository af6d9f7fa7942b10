"""The mailing packet of a case: cover checklist, letter, copies of the plan's letters, mailing
sheet, as one PDF (``letters.packet`` draws it; ``domain.packet`` says what it says).

The copies are the case's own files: the PDF or image attachments of the messages that were
the plan's denial, its grievance decision or an explanation of benefits, in the order they
came. A packet made from a draft is marked as a draft on every page; only an approved letter
makes the final one (``service.letters.finalize``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from denialwatch.domain.case import case_number
from denialwatch.domain.letter import addressee
from denialwatch.domain.model import Category, DocumentKind, Route
from denialwatch.domain.packet import Contact, PacketWords, words
from denialwatch.evidence import past_outcomes
from denialwatch.evidence.imr_stats import cover_note
from denialwatch.letters.packet import Cover, Enclosure, MailingSheet, Packet, build_packet
from denialwatch.service.runtime import Runtime
from denialwatch.store import models as m

COPIED_KINDS = {
    DocumentKind.DENIAL.value: "denial",
    DocumentKind.GRIEVANCE_DECISION.value: "grievance_decision",
    DocumentKind.EOB.value: "eob",
}
"""The messages whose files go in the packet as copies, and which title each gets."""

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
"""The document kinds (sniffed) a packet can hold, and their types."""


def _title(said: PacketWords, purpose: str, filename: str | None) -> str:
    title = {
        "denial": said.enclosure_denial,
        "grievance_decision": said.enclosure_grievance_decision,
        "eob": said.enclosure_eob,
    }[purpose]
    return f"{title} ({filename})" if filename else title


def enclosures(
    session: Session, runtime: Runtime, case: m.Case, said: PacketWords
) -> list[Enclosure]:
    """Copies of the plan's letters on file for ``case``, oldest first."""
    rows = session.execute(
        select(m.Document, m.Message.document_kind)
        .join(m.Message, m.Document.message_pk == m.Message.id)
        .where(
            m.Message.case_id == case.id,
            m.Message.document_kind.in_(list(COPIED_KINDS)),
            m.Document.role == "attachment",
            m.Document.kind.in_(list(CONTENT_TYPES)),
            # Only what the bounded reader opened without trouble is opened again here.
            m.Document.problem.is_(None),
        )
        .order_by(m.Message.received_at, m.Document.id)
    ).all()
    found: list[Enclosure] = []
    seen: set[str] = set()
    for document, kind in rows:
        purpose = COPIED_KINDS.get(kind or "")
        if purpose is None or document.sha256 in seen:  # the same letter forwarded twice
            continue
        seen.add(document.sha256)
        found.append(
            Enclosure(
                title=_title(said, purpose, document.filename),
                data=runtime.blobs.get(document.sha256),
                content_type=CONTENT_TYPES[document.kind],
            )
        )
    return found


def make_packet(
    session: Session,
    runtime: Runtime,
    case: m.Case,
    markdown: str,
    *,
    version: int,
    final: bool,
    language: str,
    note: tuple[str, ...] = (),
) -> bytes:
    """The packet PDF for ``markdown`` (version ``version`` of the case's letter)."""
    dmhc = runtime.config.dmhc
    route = Route(case.regulator)
    contact = Contact(website=dmhc.website, fax=dmhc.fax, phone=dmhc.help_center_phone)
    # How similar IMRs went (when the IMR data file is configured): for the patient's eyes,
    # on the cover, never in the letter.
    similar = past_outcomes(
        runtime.config.evidence,
        treatment=case.service,
        condition=None,
        category=Category(case.category),
    )
    note = (*note, *cover_note(similar, language))
    said = words(language, route=route, contact=contact, final=final, has_copies=True)
    copies = enclosures(session, runtime, case, said)
    if not copies:
        said = words(language, route=route, contact=contact, final=final, has_copies=False)
    number = case_number(case.id)
    if route is Route.CDI:
        address: tuple[str, ...] = ("California Department of Insurance",)
        fax = ""
    else:
        address = addressee(Route.DMHC, dmhc.mailing_address).lines
        fax = dmhc.fax
    packet = Packet(
        cover=Cover(
            title=said.cover_title,
            case_number=number,
            lines=said.checklist,
            note=(*said.note, *note),
        ),
        letter_markdown=markdown,
        enclosures=tuple(copies),
        mailing=MailingSheet(address_lines=address, fax=fax, lines=said.mailing_lines),
        footer=f"{number} - letter version {version}",
        final=final,
    )
    return build_packet(packet)
