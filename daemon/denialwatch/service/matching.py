"""Which existing case a message is about, if any.

In order, the first that answers wins:

1. the thread: the message replies to one of our emails about a case, or to a message
   already in a case (In-Reply-To / References), or its subject carries the case's tag
   ("[DW-00012]") and it comes from the case's own patient;
2. the DMHC case number, for the DMHC's own letters;
3. the same patient and the same reference number (normalised: ``ab-12 34`` = ``AB1234``);
4. the same patient, the same plan and the same service, with letter dates within
   ``FOLLOW_UP_WINDOW`` of each other (a grievance decision often carries a new number);
5. for DMHC letters only: the patient's one open case, when there is exactly one.

A new denial for the same patient that matches none of these opens a new case: one patient
can fight several denials at once.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from denialwatch.domain.case import parse_case_number
from denialwatch.domain.model import DocumentKind, Reading
from denialwatch.mail.message import Mail
from denialwatch.service.cases import reference_key
from denialwatch.store.models import Case, Message, OutgoingEmail, Patient

FOLLOW_UP_WINDOW = timedelta(days=365)
"""A grievance can be filed up to 180 days after the denial and takes 30 days to decide, and
an IMR comes up to 6 months after that: a year covers one denial's whole path."""

DMHC_KINDS = frozenset(
    {
        DocumentKind.DMHC_ACKNOWLEDGEMENT,
        DocumentKind.DMHC_DECISION,
        DocumentKind.DMHC_CORRESPONDENCE,
    }
)
CLOSED = frozenset({"closed"})


def service_key(service: str | None) -> str | None:
    """The service's words, lower case, without punctuation: for a loose equality."""
    if not service:
        return None
    words = re.findall(r"[a-z0-9]+", service.lower())
    return " ".join(words) or None


CASE_TAG = re.compile(r"\[\s*(DW-\d{1,9})\s*\]", re.IGNORECASE)
"""The case number in a subject: "Re: [DW-00012] File your grievance by ..."."""


def tagged_case(session: Session, patient_email: str, subject: str) -> Case | None:
    """The patient's case named by a [DW-00012] tag in the subject, if any."""
    found = CASE_TAG.search(subject[:500])
    case_id = parse_case_number(found.group(1)) if found else None
    case = session.get(Case, case_id) if case_id is not None else None
    if case is None or case.patient.email != patient_email:
        return None  # a tag is only trusted from the case's own patient
    return case


def thread_case(session: Session, patient_email: str, outer: Mail) -> Case | None:
    """The case whose emails this message replies to (its thread, or its subject's tag)."""
    ids = [i.strip("<>") for i in (outer.in_reply_to, *outer.references) if i]
    if not ids:
        return tagged_case(session, patient_email, outer.subject)
    wrapped = [f"<{i}>" for i in ids]
    case_id = session.scalar(
        select(OutgoingEmail.case_id).where(
            OutgoingEmail.message_id.in_(wrapped),
            OutgoingEmail.recipient == patient_email,
            OutgoingEmail.case_id.is_not(None),
        )
    )
    if case_id is None:
        case_id = session.scalar(
            select(Message.case_id)
            .join(Case, Case.id == Message.case_id)
            .join(Patient, Patient.id == Case.patient_id)
            .where(Message.message_id.in_(ids), Patient.email == patient_email)
        )
    if case_id is None:
        return tagged_case(session, patient_email, outer.subject)
    return session.get(Case, case_id)


def _near(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs(a - b) <= FOLLOW_UP_WINDOW


def case_for_reading(session: Session, patient: Patient | None, reading: Reading) -> Case | None:
    """The case this reading is about (rules 2 to 5 of the module doc)."""
    if reading.dmhc_case_number is not None:
        found = session.scalar(
            select(Case).where(Case.dmhc_case_number == reading.dmhc_case_number.value)
        )
        if found is not None and (patient is None or found.patient_id == patient.id):
            return found
    if patient is None:
        return None
    cases = session.scalars(
        select(Case).where(Case.patient_id == patient.id).order_by(Case.id)
    ).all()
    key = reference_key(reading.reference_number.value if reading.reference_number else None)
    if key is not None:
        for case in cases:
            if case.reference_key == key:
                return case
    insurer = reading.insurer.value if reading.insurer else None
    service = service_key(reading.service.value if reading.service else None)
    letter = reading.letter_date.value if reading.letter_date else None
    if insurer and service:
        for case in cases:
            if (
                case.insurer == insurer
                and service_key(case.service) == service
                and _near(case.letter_date, letter)
            ):
                return case
    if reading.kind in DMHC_KINDS:
        open_cases = [c for c in cases if c.status not in CLOSED]
        if len(open_cases) == 1:
            return open_cases[0]
    return None
