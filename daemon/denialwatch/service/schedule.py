"""Keeping a case's deadlines and reminders in step with its events.

``reconcile`` runs inside the transaction that records an event (from a letter, a reply or
the CLI): it recomputes every deadline from the events as they now stand, replaces the
case's deadline rows, re-plans its reminders, and brings the reminder rows in line:

- a planned reminder that has no row gets one (pending);
- a pending row whose reminder is still planned follows it (its time may have moved);
- a pending row whose reminder is no longer planned is cancelled, with the reason;
- a cancelled row planned again for a time still ahead is pending again (the patient
  resumed reminders, a date was corrected);
- rows already queued or sent are history and are never touched.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from denialwatch.clock import local_date
from denialwatch.domain.deadlines.compute import compute_deadlines
from denialwatch.domain.deadlines.model import Deadline
from denialwatch.domain.events import CaseEvent, EventKind, Timeline
from denialwatch.domain.model import Category, Route
from denialwatch.domain.reminders.plan import QuietHours, plan_reminders
from denialwatch.store import models as m

KNOWN_EVENTS = {kind.value for kind in EventKind}


def patient_zone(case: m.Case, default: ZoneInfo) -> ZoneInfo:
    name = case.patient.timezone
    return ZoneInfo(name) if name else default


def timeline_of(case: m.Case, zone: ZoneInfo) -> Timeline:
    """The case's events as the rules read them: each on its effective day, or the local day
    it was recorded on."""
    events = tuple(
        CaseEvent(
            kind=EventKind(e.kind),
            on=e.effective_date or local_date(e.recorded_at, zone),
            detail=tuple(sorted((str(k), str(v)) for k, v in (e.detail or {}).items())),
        )
        for e in case.events
        if e.kind in KNOWN_EVENTS
    )
    return Timeline(
        route=Route(case.regulator),
        category=Category(case.category),
        urgent=case.urgent,
        events=events,
    )


def _deadline_row(case: m.Case, deadline: Deadline, now: datetime) -> m.DeadlineRow:
    return m.DeadlineRow(
        case=case,
        kind=deadline.kind.value,
        due=deadline.due,
        due_at=deadline.due_at,
        rule=deadline.rule,
        citation=deadline.citation,
        inputs=dict(deadline.inputs),
        candidates={"dates": [d.isoformat() for d in deadline.candidates]},
        description=deadline.description,
        computed_at=now,
    )


def reconcile(
    session: Session, case: m.Case, *, now: datetime, zone: ZoneInfo, quiet: QuietHours
) -> tuple[Deadline, ...]:
    """Recompute the case's deadlines and re-plan its reminders; returns the deadlines."""
    session.flush()
    session.refresh(case, ["events", "deadlines", "reminders"])
    zone = patient_zone(case, zone)
    timeline = timeline_of(case, zone)
    deadlines = compute_deadlines(timeline, zone=zone)
    for old in list(case.deadlines):
        session.delete(old)
    session.flush()
    case.deadlines = [_deadline_row(case, d, now) for d in deadlines]
    planned = {p.key: p for p in plan_reminders(timeline, deadlines, zone=zone, quiet=quiet)}
    existing = {r.key: r for r in case.reminders}
    for key, row in existing.items():
        plan = planned.get(key)
        if row.status == "cancelled" and plan is not None and plan.due_at > now:
            row.status = "pending"  # needed again (reminders resumed, a date moved back)
            row.cancel_reason = None
        if row.status != "pending":
            continue
        if plan is None:
            row.status = "cancelled"
            row.cancel_reason = "no longer needed after the case's latest events"
            row.updated_at = now
        elif row.due_at != plan.due_at or row.about != plan.about:
            row.due_at = plan.due_at
            row.about = plan.about
            row.updated_at = now
    for key, plan in planned.items():
        if key in existing:
            continue
        case.reminders.append(
            m.Reminder(
                case=case,
                key=key,
                kind=plan.kind.value,
                due_at=plan.due_at,
                about=plan.about,
                deadline_kind=plan.deadline.value if plan.deadline else None,
                status="pending",
                created_at=now,
                updated_at=now,
            )
        )
    return deadlines
