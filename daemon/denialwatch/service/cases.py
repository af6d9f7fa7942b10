"""Writing cases: opening one from a reading, attaching a message to one, and the paperwork
that goes with it (findings, documents, timeline events, the draft letter, the patient email).

Every function here runs inside the caller's transaction: a case, its letter row and its
queued email are committed together or not at all. Files (the letter, the composed email)
are written to the document store before the commit; a rolled-back transaction leaves at
most an unreferenced private file, never a row without its file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from denialwatch.domain.case import CaseSummary, case_number
from denialwatch.domain.letter import draft_letter
from denialwatch.domain.model import Category, Finding, Reading, Route
from denialwatch.domain.notice import Notice, case_opened, message_attached
from denialwatch.mail.compose import OutgoingAttachment, compose, message_id_for
from denialwatch.service.runtime import Runtime
from denialwatch.service.understand import Understanding
from denialwatch.store import models as m

FIELDS = (
    "insurer",
    "member_id",
    "reference_number",
    "letter_date",
    "service",
    "category",
    "route",
    "urgent",
)


def reference_key(reference: str | None) -> str | None:
    """``Ref # AB-1234 5`` and ``ab12345`` match: upper case, letters and digits only."""
    if not reference:
        return None
    key = re.sub(r"[^0-9A-Za-z]", "", reference).upper()
    return key or None


def get_or_create_patient(
    session: Session, address: str, name: str | None, now: datetime
) -> m.Patient:
    patient = session.scalar(select(m.Patient).where(m.Patient.email == address))
    if patient is not None:
        if name and not patient.name:
            patient.name = name
        return patient
    patient = m.Patient(email=address, name=name, language="en", created_at=now)
    with session.begin_nested():
        session.add(patient)
    return patient


def find_case_for_reference(
    session: Session, patient: m.Patient, reading: Reading
) -> m.Case | None:
    key = reference_key(reading.reference_number.value if reading.reference_number else None)
    if key is None:
        return None
    return session.scalar(
        select(m.Case)
        .where(m.Case.patient_id == patient.id, m.Case.reference_key == key)
        .order_by(m.Case.id)
        .limit(1)
    )


def summary_of(case: m.Case, reasons: Sequence[str] = ()) -> CaseSummary:
    if not reasons:
        reasons = [f.value for f in case.findings if f.field == "reason"]
    return CaseSummary(
        case_id=case.id,
        insurer=case.insurer,
        member_id=case.member_id,
        reference_number=case.reference_number,
        letter_date=case.letter_date,
        service=case.service,
        category=Category(case.category),
        route=Route(case.regulator),
        urgent=case.urgent,
        reasons=tuple(reasons),
        patient_name=case.patient.name,
    )


def _finding_rows(case: m.Case, message_pk: int, reading: Reading) -> list[m.Finding]:
    rows = []
    named: list[tuple[str, Finding[Any] | None]] = [(f, getattr(reading, f)) for f in FIELDS]
    named += [("reason", r) for r in reading.reasons]
    for field, finding in named:
        if finding is None:
            continue
        value = finding.value
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        if isinstance(value, bool):
            text = "true" if value else "false"
        rows.append(
            m.Finding(
                case=case,
                message_pk=message_pk,
                field=field,
                value=text,
                quote=finding.quote,
                document=finding.document,
                page=finding.page,
                confidence=finding.confidence,
            )
        )
    return rows


def record_documents(
    session: Session,
    runtime: Runtime,
    message: m.Message,
    understanding: Understanding | None,
    case: m.Case | None,
) -> None:
    """The raw email and every attachment, stored by hash and listed with what reading gave."""
    session.add(
        m.Document(
            message_pk=message.id,
            case=case,
            role="raw_email",
            kind="eml",
            filename=None,
            sha256=message.sha256,
            size=message.size,
        )
    )
    if understanding is None:
        return
    for doc in understanding.documents:
        digest = runtime.blobs.put(doc.attachment.data)
        text_digest = runtime.blobs.put("\n\f".join(doc.pages).encode()) if doc.pages else None
        session.add(
            m.Document(
                message_pk=message.id,
                case=case,
                role="attachment",
                kind=doc.kind.value,
                filename=doc.attachment.filename,
                sha256=digest,
                size=doc.attachment.size,
                page_count=doc.page_count,
                text_sha256=text_digest,
                problem=doc.problem,
            )
        )


def _event(
    case: m.Case, kind: str, now: datetime, message_pk: int | None, **detail: Any
) -> m.Event:
    return m.Event(case=case, kind=kind, recorded_at=now, message_pk=message_pk, detail=detail)


def open_case(
    session: Session,
    runtime: Runtime,
    *,
    patient: m.Patient,
    message: m.Message,
    understanding: Understanding,
    now: datetime,
) -> m.Case:
    r = understanding.reading
    case = m.Case(
        patient=patient,
        status="open",
        insurer=r.insurer.value if r.insurer else None,
        regulator=(r.route.value if r.route else Route.UNKNOWN).value,
        category=(r.category.value if r.category else Category.UNKNOWN).value,
        member_id=r.member_id.value if r.member_id else None,
        reference_number=r.reference_number.value if r.reference_number else None,
        reference_key=reference_key(r.reference_number.value if r.reference_number else None),
        letter_date=r.letter_date.value if r.letter_date else None,
        service=r.service.value if r.service else None,
        urgent=bool(r.urgent and r.urgent.value),
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    session.add_all(_finding_rows(case, message.id, r))
    record_documents(session, runtime, message, understanding, case)
    denial = _event(case, "denial_received", now, message.id)
    denial.effective_date = case.letter_date
    session.add(denial)
    summary = summary_of(case, [f.value for f in r.reasons])
    letter_text = draft_letter(summary, dmhc_mailing_address=runtime.config.dmhc.mailing_address)
    attachments: list[OutgoingAttachment] = []
    if letter_text is not None:
        relative = f"cases/{case.id}/imr-letter-v1.md"
        runtime.blobs.write_named(relative, letter_text.encode())
        session.add(
            m.Letter(
                case=case,
                version=1,
                status="draft",
                path=relative,
                sha256=runtime.blobs.put(letter_text.encode()),
                created_at=now,
            )
        )
        session.add(_event(case, "letter_drafted", now, None, version=1))
        attachments.append(
            OutgoingAttachment(
                filename=f"IMR-letter-draft-{case_number(case.id)}.txt",
                maintype="text",
                subtype="plain",
                data=letter_text.encode(),
            )
        )
    notice = case_opened(summary, letter_attached=bool(attachments), dmhc=runtime.config.dmhc)
    queue_email(
        session,
        runtime,
        case=case,
        message=message,
        purpose="case_opened",
        key=f"case-{case.id}.opened",
        notice=notice,
        attachments=attachments,
        now=now,
    )
    return case


def attach_to_case(
    session: Session,
    runtime: Runtime,
    *,
    case: m.Case,
    message: m.Message,
    understanding: Understanding | None,
    why: str,
    now: datetime,
    notify: bool = True,
) -> None:
    message.case_id = case.id
    record_documents(session, runtime, message, understanding, case)
    session.add(_event(case, "message_attached", now, message.id, why=why))
    case.updated_at = now
    if notify:
        notice = message_attached(summary_of(case), dmhc=runtime.config.dmhc)
        queue_email(
            session,
            runtime,
            case=case,
            message=message,
            purpose="message_attached",
            key=f"message-{message.id}.attached",
            notice=notice,
            attachments=(),
            now=now,
        )


def queue_email(
    session: Session,
    runtime: Runtime,
    *,
    case: m.Case,
    message: m.Message,
    purpose: str,
    key: str,
    notice: Notice,
    attachments: Sequence[OutgoingAttachment],
    now: datetime,
) -> None:
    """Compose once, store the bytes, and queue: a retry sends these very bytes again."""
    message_id = message_id_for(key, runtime.from_address)
    raw = compose(
        notice,
        sender=runtime.from_address,
        recipient=case.patient.email,
        message_id=message_id,
        date=now,
        in_reply_to=f"<{message.message_id}>" if message.message_id else None,
        attachments=attachments,
    )
    session.add(
        m.OutgoingEmail(
            case_id=case.id,
            message_pk=message.id,
            purpose=purpose,
            message_id=message_id,
            recipient=case.patient.email,
            sha256=runtime.blobs.put(raw),
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )
