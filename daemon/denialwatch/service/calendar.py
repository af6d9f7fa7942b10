"""A case's dates as the patient's calendar file, and stored deadlines as domain values."""

from __future__ import annotations

from datetime import date, datetime

from denialwatch.domain.case import case_number
from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.mail.compose import OutgoingAttachment
from denialwatch.mail.ics import CalendarDate, ics_attachment
from denialwatch.store import models as m

CALENDAR_KINDS = {
    DeadlineKind.GRIEVANCE_WINDOW: "Last day to file your grievance",
    DeadlineKind.MEDI_CAL_APPEAL_WINDOW: "Last day to file your Medi-Cal appeal",
    DeadlineKind.GRIEVANCE_RESOLUTION: "Your plan must decide your grievance by today",
    DeadlineKind.IMR_ELIGIBLE: "You can apply for an Independent Medical Review from today",
    DeadlineKind.IMR_FILE_BY: "Last day to apply for an Independent Medical Review",
    DeadlineKind.IMR_DECISION_EXPECTED: "Independent Medical Review decision expected",
    DeadlineKind.PLAN_COMPLIANCE: "Your plan must have complied with the IMR decision",
}
"""The deadlines a patient puts in a calendar, and the plain title of each."""


def deadline_of(row: m.DeadlineRow) -> Deadline:
    dates = row.candidates.get("dates", []) if row.candidates else []
    return Deadline(
        kind=DeadlineKind(row.kind),
        due=row.due,
        rule=row.rule,
        citation=row.citation,
        inputs=tuple(sorted((str(k), str(v)) for k, v in (row.inputs or {}).items())),
        description=row.description,
        due_at=row.due_at,
        candidates=tuple(date.fromisoformat(d) for d in dates),
    )


def calendar_dates(case: m.Case) -> list[CalendarDate]:
    return [
        CalendarDate(
            case_number=case_number(case.id),
            kind=row.kind,
            day=row.due,
            summary=f"{CALENDAR_KINDS[DeadlineKind(row.kind)]} ({case_number(case.id)})",
            description=f"{row.description} ({row.citation})",
        )
        for row in case.deadlines
        if DeadlineKind(row.kind) in CALENDAR_KINDS
    ]


def calendar_attachments(
    case: m.Case, from_address: str, now: datetime
) -> list[OutgoingAttachment]:
    """The case's dates as one .ics attachment, or nothing when it has none to announce."""
    dates = calendar_dates(case)
    if not dates:
        return []
    domain = from_address.rsplit("@", 1)[-1].strip(" >") or "denialwatch.invalid"
    return [ics_attachment(dates, case_number=case_number(case.id), uid_domain=domain, stamp=now)]
