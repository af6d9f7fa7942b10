"""Recording what happened in a case: the event row, and the case's status and facts.

Every event enters here, whichever way it came (a forwarded letter, a patient's reply, the
operator's CLI), so a case moves the same way whatever told us. Status only moves forward
along the patient's path; closing a case always applies.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from denialwatch.clock import local_date
from denialwatch.domain.events import EventKind
from denialwatch.service import cases
from denialwatch.service.runtime import Runtime
from denialwatch.service.schedule import reconcile
from denialwatch.store import models as m
from denialwatch.store.db import transaction

STATUS_ORDER = (
    "open",
    "grievance_filed",
    "grievance_decided",
    "imr_filed",
    "decided",
    "complied",
    "closed",
)
"""The path a case walks; decided_overturned, decided_upheld and approved rank as decided."""

STATUS_AFTER: dict[EventKind, str] = {
    EventKind.GRIEVANCE_FILED: "grievance_filed",
    EventKind.GRIEVANCE_ACKNOWLEDGED: "grievance_filed",
    EventKind.GRIEVANCE_DECISION_RECEIVED: "grievance_decided",
    EventKind.IMR_FILED: "imr_filed",
    EventKind.DMHC_ACKNOWLEDGED: "imr_filed",
    EventKind.APPROVED: "approved",
    EventKind.PLAN_COMPLIED: "complied",
    EventKind.CASE_CLOSED: "closed",
}


def _rank(status: str) -> int:
    stem = "decided" if status.startswith("decided") or status == "approved" else status
    return STATUS_ORDER.index(stem) if stem in STATUS_ORDER else 0


def record(
    case: m.Case,
    kind: EventKind,
    *,
    on: date | None,
    now: datetime,
    message_pk: int | None = None,
    **detail: Any,
) -> m.Event:
    """Add the event to ``case`` and move the case along; the caller adds the row."""
    event = cases.add_event(
        case,
        kind.value,
        now,
        message_pk,
        effective=on,
        **{k: v for k, v in detail.items() if v is not None},
    )
    if kind is EventKind.MARKED_URGENT:
        case.urgent = True
    if kind is EventKind.DMHC_ACKNOWLEDGED and detail.get("dmhc_case_number"):
        case.dmhc_case_number = case.dmhc_case_number or str(detail["dmhc_case_number"])
    status = STATUS_AFTER.get(kind)
    if kind is EventKind.DMHC_DECISION_RECEIVED:
        decision = detail.get("decision")
        status = f"decided_{decision}" if decision else "decided"
    if status is not None and (kind is EventKind.CASE_CLOSED or _rank(status) > _rank(case.status)):
        case.status = status
    return event


def add_event(
    runtime: Runtime,
    case_id: int,
    kind: EventKind,
    *,
    on: date | None,
    now: datetime,
    **detail: Any,
) -> m.Case | None:
    """Record an event told by the operator (or a script), and reschedule the case.

    ``on`` defaults to today in the service's time zone; returns the case, or None when
    there is no such case.
    """
    config = runtime.config
    with transaction(runtime.sessions) as session:
        case = session.get(m.Case, case_id)
        if case is None:
            return None
        day = on or local_date(now, config.zone)
        session.add(record(case, kind, on=day, now=now, source="operator", **detail))
        reconcile(session, case, now=now, zone=config.zone, quiet=config.reminders.quiet)
    return case
