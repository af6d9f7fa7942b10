"""What the CLI shows: cases and messages as plain JSON-ready dictionaries.

These shapes are a contract (README, "JSON output"): keys are only ever added, never
renamed or removed, within a major version.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from denialwatch.domain.case import case_number
from denialwatch.domain.eligibility import assess
from denialwatch.service.cases import facts_of
from denialwatch.store.blobs import BlobStore
from denialwatch.store.models import Case, MailboxEntry, Message, OutgoingEmail, Reminder

CASE_FIELDS = (
    "insurer",
    "plan_type",
    "regulator",
    "category",
    "member_id",
    "group_number",
    "reference_number",
    "letter_date",
    "service_date",
    "service",
    "urgent",
    "appeal_address",
    "appeal_phone",
    "appeal_fax",
    "dmhc_case_number",
)
"""Single values shown under ``extracted``, each the first finding of its field."""
FINDING_FOR_FIELD = {"regulator": "route"}
LIST_FIELDS = {
    "reasons": "reason",
    "codes": "code",
    "criteria": "criterion",
    "stated_deadlines": "stated_deadline",
    "route_evidence": "route_evidence",
}
"""Keys holding every finding of a field, in the order found."""


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def case_row(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "number": case_number(case.id),
        "status": case.status,
        "patient_email": case.patient.email,
        "insurer": case.insurer,
        "regulator": case.regulator,
        "category": case.category,
        "letter_date": _iso(case.letter_date),
        "service": case.service,
        "urgent": case.urgent,
        "created_at": _iso(case.created_at),
    }


def case_detail(session: Session, case: Case, blobs: BlobStore, today: date) -> dict[str, Any]:
    findings: dict[str, dict[str, Any]] = {}
    lists: dict[str, list[dict[str, Any]]] = {key: [] for key in LIST_FIELDS}
    list_for_field = {field: key for key, field in LIST_FIELDS.items()}
    for f in case.findings:
        entry = {
            "value": f.value,
            "quote": f.quote,
            "document": f.document,
            "page": f.page,
            "confidence": f.confidence,
        }
        if f.field in list_for_field:
            lists[list_for_field[f.field]].append(entry)
        else:
            findings.setdefault(f.field, entry)
    detail = case_row(case)
    detail |= {
        "member_id": case.member_id,
        "reference_number": case.reference_number,
        "plan_type": case.plan_type,
        "group_number": case.group_number,
        "service_date": _iso(case.service_date),
        "dmhc_case_number": case.dmhc_case_number,
        "updated_at": _iso(case.updated_at),
        "extracted": {
            field: findings.get(FINDING_FOR_FIELD.get(field, field)) for field in CASE_FIELDS
        },
        **lists,
        "documents": [
            {
                "id": d.id,
                "message": d.message_pk,
                "role": d.role,
                "kind": d.kind,
                "filename": d.filename,
                "sha256": d.sha256,
                "size": d.size,
                "pages": d.page_count,
                "problem": d.problem,
                "path": str(blobs.path_of(d.sha256)),
            }
            for d in case.documents
        ],
        "events": [
            {
                "id": e.id,
                "kind": e.kind,
                "recorded_at": _iso(e.recorded_at),
                "effective_date": _iso(e.effective_date),
                "message": e.message_pk,
                "detail": e.detail,
            }
            for e in case.events
        ],
        "notes": [
            {"message": d.message_pk, "text": blobs.get(d.sha256).decode("utf-8", "replace")}
            for d in case.documents
            if d.role == "patient_note"
        ],
        "eligibility": _eligibility(case, today),
        "deadlines": [
            {
                "kind": d.kind,
                "due": _iso(d.due),
                "due_at": _iso(d.due_at),
                "rule": d.rule,
                "citation": d.citation,
                "inputs": d.inputs,
                "candidates": (d.candidates or {}).get("dates", []),
                "description": d.description,
            }
            for d in case.deadlines
        ],
        "reminders": [reminder_row(r) for r in case.reminders],
        "letter": _letter(case, blobs),
        "emails": [
            {
                "id": o.id,
                "purpose": o.purpose,
                "message_id": o.message_id,
                "status": o.status,
                "attempts": o.attempts,
                "sent_at": _iso(o.sent_at),
                "last_error": o.last_error,
            }
            for o in session.scalars(
                select(OutgoingEmail)
                .where(OutgoingEmail.case_id == case.id)
                .order_by(OutgoingEmail.id)
            )
        ],
    }
    return detail


def _eligibility(case: Case, today: date) -> dict[str, Any]:
    assessment = assess(facts_of(case), today)
    return {
        "status": assessment.status.value,
        "on": _iso(assessment.on),
        "why": assessment.why,
        "question": assessment.question,
        "citation": assessment.citation,
    }


def _letter(case: Case, blobs: BlobStore) -> dict[str, Any] | None:
    if not case.letters:
        return None
    latest = case.letters[-1]
    approved = next((v for v in case.letters if v.status == "approved"), None)

    def where(relative: str | None) -> str | None:
        return str(blobs.root / relative) if relative else None

    return {
        "status": latest.status,
        "version": latest.version,
        "path": str(blobs.root / latest.path),
        "approved_version": approved.version if approved else None,
        "packet_path": where(approved.packet_path) if approved else None,
        "versions": [
            {
                "version": v.version,
                "status": v.status,
                "source": v.source,
                "path": str(blobs.root / v.path),
                "docx_path": where(v.docx_path),
                "pdf_path": where(v.pdf_path),
                "created_at": _iso(v.created_at),
                "approved_at": _iso(v.approved_at),
            }
            for v in case.letters
        ],
    }


def list_cases(session: Session) -> list[dict[str, Any]]:
    query = select(Case).options(selectinload(Case.patient)).order_by(Case.id)
    return [case_row(c) for c in session.scalars(query)]


def show_case(
    session: Session, case_id: int, blobs: BlobStore, today: date
) -> dict[str, Any] | None:
    """One case in full; ``today`` (the patient's calendar day) dates the IMR assessment."""
    case = session.get(Case, case_id)
    return None if case is None else case_detail(session, case, blobs, today)


def list_messages(session: Session) -> list[dict[str, Any]]:
    query = select(Message).options(selectinload(Message.entries)).order_by(Message.id)
    rows = []
    for message in session.scalars(query):
        entry: MailboxEntry | None = message.entries[-1] if message.entries else None
        rows.append(
            {
                "id": message.id,
                "message_id": message.message_id,
                "account": entry.account if entry else None,
                "folder": entry.folder if entry else None,
                "uidvalidity": entry.uidvalidity if entry else None,
                "uid": entry.uid if entry else None,
                "filed_to": entry.filed_to if entry else None,
                "state": message.state,
                "document_kind": message.document_kind,
                "case_id": message.case_id,
                "reason": message.reason,
                "attempts": message.attempts,
                "last_error": message.last_error,
                "received_at": _iso(message.received_at),
                "sha256": message.sha256,
                "size": message.size,
            }
        )
    return rows


def reminder_row(reminder: Reminder) -> dict[str, Any]:
    email = reminder.email
    status = reminder.status
    if status == "queued" and email is not None and email.status in ("sent", "failed"):
        status = email.status  # queued is only a step: say what became of the email
    return {
        "id": reminder.id,
        "case_id": reminder.case_id,
        "key": reminder.key,
        "kind": reminder.kind,
        "due_at": _iso(reminder.due_at),
        "about": _iso(reminder.about),
        "deadline": reminder.deadline_kind,
        "status": status,
        "attempts": email.attempts if email is not None else 0,
        "sent_at": _iso(email.sent_at) if email is not None else None,
        "message_id": email.message_id if email is not None else None,
        "last_error": email.last_error if email is not None else None,
        "cancel_reason": reminder.cancel_reason,
    }


def list_reminders(session: Session, *, due_by: datetime | None = None) -> list[dict[str, Any]]:
    """Every reminder, or (``due_by``) only the pending ones due by then."""
    query = (
        select(Reminder)
        .options(selectinload(Reminder.email))
        .order_by(Reminder.due_at, Reminder.id)
    )
    if due_by is not None:
        query = query.where(Reminder.status == "pending", Reminder.due_at <= due_by)
    return [reminder_row(r) for r in session.scalars(query)]
