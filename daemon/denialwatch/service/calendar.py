"""A case's dates as the patient's calendar file, and stored deadlines as domain values."""

from __future__ import annotations

from datetime import date, datetime

from denialwatch.domain.case import case_number
from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.language import DEFAULT_LANGUAGE, N_
from denialwatch.mail.compose import OutgoingAttachment
from denialwatch.mail.ics import CalendarDate, ics_attachment
from denialwatch.rendering import gettext_for
from denialwatch.store import models as m

CALENDAR_KINDS = {
    DeadlineKind.GRIEVANCE_WINDOW: N_("Last day to file your grievance"),
    DeadlineKind.MEDI_CAL_APPEAL_WINDOW: N_("Last day to file your Medi-Cal appeal"),
    DeadlineKind.GRIEVANCE_RESOLUTION: N_("Your plan must decide your grievance by today"),
    DeadlineKind.IMR_ELIGIBLE: N_("You can apply for an Independent Medical Review from today"),
    DeadlineKind.IMR_FILE_BY: N_("Last day to apply for an Independent Medical Review"),
    DeadlineKind.IMR_DECISION_EXPECTED: N_("Independent Medical Review decision expected"),
    DeadlineKind.PLAN_COMPLIANCE: N_("Your plan must have complied with the IMR decision"),
}
"""The deadlines a patient puts in a calendar, and the plain title of each (in English,
marked for the catalog: the title is said in the patient's language)."""


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


def calendar_dates(case: m.Case, *, language: str = DEFAULT_LANGUAGE) -> list[CalendarDate]:
    """The case's dates, each titled in ``language`` (the description stays the rule's own)."""
    _ = gettext_for(language)
    return [
        CalendarDate(
            case_number=case_number(case.id),
            kind=row.kind,
            day=row.due,
            summary=f"{_(CALENDAR_KINDS[DeadlineKind(row.kind)])} ({case_number(case.id)})",
            description=f"{row.description} ({row.citation})",
        )
        for row in case.deadlines
        if DeadlineKind(row.kind) in CALENDAR_KINDS
    ]


def calendar_attachments(
    case: m.Case, from_address: str, now: datetime, *, language: str = DEFAULT_LANGUAGE
) -> list[OutgoingAttachment]:
    """The case's dates as one .ics attachment, or nothing when it has none to announce."""
    dates = calendar_dates(case, language=language)
    if not dates:
        return []
    domain = from_address.rsplit("@", 1)[-1].strip(" >") or "denialwatch.invalid"
    return [ics_attachment(dates, case_number=case_number(case.id), uid_domain=domain, stamp=now)]
