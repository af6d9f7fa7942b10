"""Writing cases: opening one from a reading, attaching a message to one, and the paperwork
that goes with it (findings, documents, timeline events, the draft letter, queued emails).

Every function here runs inside the caller's transaction: a case, its letter row and its
queued email are committed together or not at all. Files (the letter, the composed email)
are written to the document store before the commit; a rolled-back transaction leaves at
most an unreferenced private file, never a row without its file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from denialwatch.domain.case import CaseSummary
from denialwatch.domain.deadlines.model import DeadlineKind
from denialwatch.domain.eligibility import CaseFacts
from denialwatch.domain.language import DEFAULT_LANGUAGE, detect_language
from denialwatch.domain.model import Category, Code, Finding, Reading, Route, StatedDeadline
from denialwatch.domain.notice import Notice
from denialwatch.mail.compose import OutgoingAttachment, compose, message_id_for
from denialwatch.service.runtime import Runtime
from denialwatch.service.understand import Understanding
from denialwatch.store import models as m

SINGLE_FIELDS = (
    "insurer",
    "plan_type",
    "member_id",
    "group_number",
    "reference_number",
    "letter_date",
    "service_date",
    "service",
    "category",
    "route",
    "urgent",
    "appeal_address",
    "appeal_phone",
    "appeal_fax",
    "decision",
    "grievance_date",
    "dmhc_case_number",
)
MANY_FIELDS = {
    "reasons": "reason",
    "codes": "code",
    "criteria": "criterion",
    "stated_deadlines": "stated_deadline",
    "route_evidence": "route_evidence",
}
"""Reading fields holding several findings, and the name each finding row gets."""

CASE_COLUMNS = {
    "insurer": "insurer",
    "plan_type": "plan_type",
    "member_id": "member_id",
    "group_number": "group_number",
    "reference_number": "reference_number",
    "letter_date": "letter_date",
    "service_date": "service_date",
    "service": "service",
    "dmhc_case_number": "dmhc_case_number",
}
"""Reading fields copied onto the case when the case does not know them yet."""


def reference_key(reference: str | None) -> str | None:
    """``Ref # AB-1234 5`` and ``ab12345`` match: upper case, letters and digits only."""
    if not reference:
        return None
    key = re.sub(r"[^0-9A-Za-z]", "", reference).upper()
    return key or None


def get_or_create_patient(
    session: Session, address: str, name: str | None, now: datetime, *, note: str = ""
) -> m.Patient:
    """The patient writing from ``address``; a new one is written to in the language of their
    ``note`` (the words above their forward) when it is clearly English or Spanish."""
    patient = find_patient(session, address)
    if patient is not None:
        if name and not patient.name:
            patient.name = name
        return patient
    language = detect_language(note) or DEFAULT_LANGUAGE
    patient = m.Patient(email=address, name=name, language=language, created_at=now)
    with session.begin_nested():
        session.add(patient)
    return patient


def find_patient(session: Session, address: str) -> m.Patient | None:
    return session.scalar(select(m.Patient).where(m.Patient.email == address))


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
        criteria=_distinct(f.value for f in case.findings if f.field == "criterion"),
        service_date=case.service_date,
        codes=tuple(
            _code(text) for text in _distinct(f.value for f in case.findings if f.field == "code")
        ),
    )


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    """Each value once, in the order first found (a fact found in the email and the PDF)."""
    return tuple(dict.fromkeys(values))


def _code(text: str) -> Code:
    """A code finding back from its stored form, "CPT 97110" (see ``_text``)."""
    system, _, code = text.partition(" ")
    return Code(system=system, code=code)


def facts_of(case: m.Case) -> CaseFacts:
    """What the IMR eligibility assessment needs, from the case and its timeline."""

    def first(kind: str) -> date | None:
        days = [e.effective_date for e in case.events if e.kind == kind and e.effective_date]
        return min(days) if days else None

    return CaseFacts(
        route=Route(case.regulator),
        category=Category(case.category),
        urgent=case.urgent,
        grievance_filed=first("grievance_filed"),
        grievance_upheld=first("grievance_decision_received"),
        insurer=case.insurer,
        imr_eligible_on=next(
            (d.due for d in case.deadlines if d.kind == DeadlineKind.IMR_ELIGIBLE.value), None
        ),
    )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Code):
        return f"{value.system} {value.code}"
    if isinstance(value, StatedDeadline):
        return f"{value.amount} {value.unit} {value.action}"
    return str(value)


def finding_rows(case: m.Case, message_pk: int, reading: Reading) -> list[m.Finding]:
    """Every value the reading found, with its quote, as rows of the case."""
    named: list[tuple[str, Finding[Any]]] = [
        (field, found) for field in SINGLE_FIELDS if (found := getattr(reading, field))
    ]
    for attribute, field in MANY_FIELDS.items():
        named += [(field, found) for found in getattr(reading, attribute)]
    return [
        m.Finding(
            case=case,
            message_pk=message_pk,
            field=field,
            value=_text(found.value),
            quote=found.quote,
            document=found.document,
            page=found.page,
            confidence=found.confidence,
        )
        for field, found in named
    ]


def fill_facts(case: m.Case, reading: Reading) -> None:
    """Copy onto the case what it does not know yet; never overwrite what it knows."""
    for field, column in CASE_COLUMNS.items():
        found = getattr(reading, field)
        if found is not None and getattr(case, column) is None:
            setattr(case, column, found.value)
            if column == "reference_number":
                case.reference_key = reference_key(found.value)
    if case.regulator == Route.UNKNOWN.value and reading.route is not None:
        case.regulator = reading.route.value.value
    if case.category == Category.UNKNOWN.value and reading.category is not None:
        case.category = reading.category.value.value
    if reading.urgent is not None and reading.urgent.value:
        case.urgent = True


def record_documents(
    session: Session,
    runtime: Runtime,
    message: m.Message,
    understanding: Understanding | None,
    case: m.Case | None,
) -> None:
    """The raw email, the patient's own note, and every attachment, stored by hash."""
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
    note = understanding.forward.note.strip()
    if note:
        # What the patient wrote above the forward often says what they need: keep it.
        data = note.encode()
        session.add(
            m.Document(
                message_pk=message.id,
                case=case,
                role="patient_note",
                kind="text",
                filename=None,
                sha256=runtime.blobs.put(data),
                size=len(data),
            )
        )
    for doc in understanding.documents:
        text_digest = runtime.blobs.put("\n\f".join(doc.pages).encode()) if doc.pages else None
        session.add(
            m.Document(
                message_pk=message.id,
                case=case,
                role="attachment",
                kind=doc.kind.value,
                filename=doc.attachment.filename,
                sha256=runtime.blobs.put(doc.attachment.data),
                size=doc.attachment.size,
                page_count=doc.page_count,
                text_sha256=text_digest,
                problem=doc.problem,
            )
        )


def add_event(
    case: m.Case,
    kind: str,
    now: datetime,
    message_pk: int | None,
    *,
    effective: date | None = None,
    **detail: Any,
) -> m.Event:
    event = m.Event(
        case=case,
        kind=kind,
        recorded_at=now,
        effective_date=effective,
        message_pk=message_pk,
        detail=detail,
    )
    case.updated_at = now
    return event


def open_case(
    session: Session,
    runtime: Runtime,
    *,
    patient: m.Patient,
    message: m.Message,
    understanding: Understanding,
    now: datetime,
) -> m.Case:
    """A new case from the message's reading, with its documents and findings."""
    r = understanding.reading
    case = m.Case(
        patient=patient,
        status="open",
        regulator=(r.route.value if r.route else Route.UNKNOWN).value,
        category=(r.category.value if r.category else Category.UNKNOWN).value,
        urgent=False,
        created_at=now,
        updated_at=now,
    )
    fill_facts(case, r)
    session.add(case)
    session.flush()
    session.add_all(finding_rows(case, message.id, r))
    record_documents(session, runtime, message, understanding, case)
    message.case_id = case.id
    return case


def attach(
    session: Session,
    runtime: Runtime,
    *,
    case: m.Case,
    message: m.Message,
    understanding: Understanding | None,
    why: str,
    now: datetime,
) -> None:
    """Add the message, its documents and what it says to an existing case."""
    message.case_id = case.id
    record_documents(session, runtime, message, understanding, case)
    if understanding is not None:
        fill_facts(case, understanding.reading)
        session.add_all(finding_rows(case, message.id, understanding.reading))
    session.add(add_event(case, "message_attached", now, message.id, why=why))


def queue_email(
    session: Session,
    runtime: Runtime,
    *,
    recipient: str,
    case: m.Case | None,
    message: m.Message | None,
    purpose: str,
    key: str,
    notice: Notice,
    attachments: Sequence[OutgoingAttachment] = (),
    now: datetime,
) -> m.OutgoingEmail:
    """Compose once, store the bytes, and queue: a retry sends these very bytes again.

    The email answers ``message`` when there is one; otherwise (a reminder) it joins the
    thread of the case's first email, so the patient's mail client keeps a case together.
    """
    message_id = message_id_for(key, runtime.from_address)
    in_reply_to = f"<{message.message_id}>" if message and message.message_id else None
    if in_reply_to is None and case is not None:
        in_reply_to = session.scalar(
            select(m.OutgoingEmail.message_id)
            .where(m.OutgoingEmail.case_id == case.id)
            .order_by(m.OutgoingEmail.id)
            .limit(1)
        )
    raw = compose(
        notice,
        sender=runtime.from_address,
        recipient=recipient,
        message_id=message_id,
        date=now,
        in_reply_to=in_reply_to,
        attachments=attachments,
    )
    email = m.OutgoingEmail(
        case_id=case.id if case is not None else None,
        message_pk=message.id if message is not None else None,
        purpose=purpose,
        message_id=message_id,
        recipient=recipient,
        sha256=runtime.blobs.put(raw),
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(email)
    return email
