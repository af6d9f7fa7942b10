"""Sending reminders when they fall due: claimed once, composed once, queued once.

Due reminders are claimed a batch at a time with a compare-and-set lease (``store.claims``);
then, for each, in one transaction, its email is composed and put in the outgoing queue with
a Message-ID fixed per reminder (``<reminder-N@...>``), and the reminder is marked queued.
From there the outgoing queue's own semantics apply (``service.delivery``): sent at least
once, the same bytes and Message-ID on every retry, transient errors retried with backoff,
permanent ones recorded. A crash before the commit leaves the reminder pending for the next
claim; the unique Message-ID makes a second queueing impossible. Claimed reminders a stopping
worker does not get to are given back at once.

Before composing, three checks:

- **superseded**: when a later reminder of the same series is due too (the service was down
  while both came due), only the latest goes out; the earlier one is cancelled;
- **too late**: a reminder of a last day (file the grievance by, apply by) whose day has
  already passed is cancelled: it could only mislead;
- **quiet hours**: a reminder that comes due in the patient's quiet hours (after an outage,
  say) waits until they end.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql import Select

from denialwatch.clock import local_date
from denialwatch.domain.reminders.model import ReminderKind
from denialwatch.domain.reminders.notice import reminder_notice
from denialwatch.service import cases
from denialwatch.service.calendar import calendar_attachments, deadline_of
from denialwatch.service.runtime import Runtime
from denialwatch.service.schedule import patient_zone
from denialwatch.store.claims import BatchClaim, claim, claim_batch, work_through
from denialwatch.store.db import transaction
from denialwatch.store.models import Case, OutgoingEmail, Reminder

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
CLAIM_BATCH = 25
"""Reminders claimed in one statement: about a second of work, which no other worker waits on."""
DATED_KINDS = frozenset({ReminderKind.FILE_GRIEVANCE, ReminderKind.IMR_FILE_BY})
"""Reminders of a last day: once that day has passed, they can only mislead."""
UNKNOWN_KIND = "a kind of reminder this version of the service does not send"


def due_claim(now: datetime, limit: int) -> BatchClaim:
    """The statement claiming up to ``limit`` due reminders, the earliest due first."""
    return claim(
        Reminder,
        ready=[Reminder.status == "pending", Reminder.due_at <= now],
        order_by=[Reminder.due_at, Reminder.id],
        now=now,
        lease=LEASE,
        limit=limit,
    )


def claim_due(runtime: Runtime, now: datetime, limit: int) -> list[int]:
    """Claim up to ``limit`` due reminders, the earliest due first; their ids."""
    return [row[0] for row in claim_batch(runtime.sessions, due_claim(now, limit))]


def queue_claimed(runtime: Runtime, reminder_id: int, now: datetime) -> None:
    """Queue the email of a reminder this worker claimed (or set the reminder aside)."""
    with transaction(runtime.sessions) as session:
        reminder = session.get_one(
            Reminder,
            reminder_id,
            options=[joinedload(Reminder.case).joinedload(Case.patient)],
        )
        # Changed last: an UPDATE now would be flushed by the queries below, then another.
        with session.no_autoflush:
            _queue(session, runtime, reminder, now)
        reminder.claimed_until = None
        reminder.updated_at = now


def _queue(session: Session, runtime: Runtime, reminder: Reminder, now: datetime) -> None:
    reminder_id = reminder.id
    try:
        kind = ReminderKind(reminder.kind)
    except ValueError:
        # Written by another version (a kind since retired): no wording for it here. Retrying
        # could never send it; set aside where ``cases show`` lists it, with the reason.
        reminder.status = "cancelled"
        reminder.cancel_reason = UNKNOWN_KIND
        log.warning("reminder %d set aside: a kind this version does not send", reminder_id)
        return
    case = reminder.case
    zone = patient_zone(case, runtime.config.zone)
    later = session.scalar(
        select(Reminder.id).where(
            Reminder.case_id == case.id,
            Reminder.kind == reminder.kind,
            Reminder.status == "pending",
            Reminder.due_at <= now,
            Reminder.due_at > reminder.due_at,
        )
    )
    if later is not None:
        reminder.status = "cancelled"
        reminder.cancel_reason = f"superseded by reminder {later}, due too"
        log.info("reminder %d superseded by %d", reminder_id, later)
        return
    today = local_date(now, zone)
    if kind in DATED_KINDS and reminder.about is not None and reminder.about < today:
        reminder.status = "cancelled"
        reminder.cancel_reason = "its date passed before it could be sent"
        log.info("reminder %d cancelled: its date passed", reminder_id)
        return
    quiet = runtime.config.reminders.quiet
    if quiet.is_quiet(now, zone):
        reminder.due_at = quiet.next_allowed(now, zone)
        return
    deadlines = {d.kind: d for d in case.deadlines}
    row = deadlines.get(reminder.deadline_kind or "")
    notice = reminder_notice(
        kind,
        cases.summary_of(case),
        about=reminder.about,
        deadline=deadline_of(row) if row else None,
        today=local_date(now, zone),
        dmhc=runtime.config.dmhc,
        language=case.patient.language,
    )
    email = cases.queue_email(
        session,
        runtime,
        recipient=case.patient.email,
        case=case,
        message=None,
        purpose=f"reminder_{reminder.kind}",
        key=f"reminder-{reminder.id}",
        notice=notice,
        attachments=calendar_attachments(
            case, runtime.from_address, now, language=case.patient.language
        ),
        now=now,
    )
    session.flush()
    reminder.status = "queued"
    reminder.email_id = email.id
    log.info("reminder %d queued for case %d", reminder_id, case.id)


@dataclass(frozen=True)
class DueReminders:
    """What ``queue_due`` did: reminders handled (queued, cancelled or moved past the quiet
    hours), and how many of them were queued to be sent."""

    handled: int
    queued: int


def queue_due(
    runtime: Runtime,
    now: datetime,
    stop: threading.Event | None = None,
    *,
    limit: int | None = None,
) -> DueReminders:
    """Handle every reminder due by ``now`` (at most ``limit``, until ``stop`` is set)."""
    if not runtime.config.reminders.enabled:
        return DueReminders(0, 0)
    handled: list[int] = []
    while limit is None or len(handled) < limit:
        wanted = CLAIM_BATCH if limit is None else min(CLAIM_BATCH, limit - len(handled))
        claimed = [] if (stop is not None and stop.is_set()) else claim_due(runtime, now, wanted)
        if not claimed:
            break

        def queue(reminder_id: int) -> None:
            queue_claimed(runtime, reminder_id, now)
            handled.append(reminder_id)

        work_through(
            runtime.sessions, Reminder, claimed, queue, claimed_until=now + LEASE, stop=stop
        )
    if not handled:
        return DueReminders(0, 0)
    with runtime.sessions() as session:
        queued = session.scalars(
            select(Reminder.id).where(Reminder.id.in_(handled), Reminder.status == "queued")
        ).all()
    return DueReminders(handled=len(handled), queued=len(queued))


def _free_at(due: Any, claimed_until: Any) -> Any:
    """When a row can next be claimed: its due time, or the end of the claim someone holds.

    A row claimed by another worker, or by one that died, is not work for this one until the
    claim ends; counting it as due now would wake the dispatcher again and again, in a busy
    loop, until the claim ran out (five minutes after a crash).
    """
    return case((claimed_until > due, claimed_until), else_=due)


def next_due(runtime: Runtime) -> datetime | None:
    """When the dispatcher next has something to do: a reminder or an email retry."""
    with runtime.sessions() as session:
        reminder = (
            next_free(session, Reminder, Reminder.due_at)
            if runtime.config.reminders.enabled
            else None
        )
        email = next_free(session, OutgoingEmail, OutgoingEmail.next_attempt_at)
    times = [t for t in (reminder, email) if t is not None]
    return min(times) if times else None


NEXT_DUE_WINDOW = 50
"""Pending rows ``next_free`` reads in due order before it falls back to a full scan."""


def first_pending(model: Any, due: Any) -> Select[Any]:
    """The first ``NEXT_DUE_WINDOW`` pending rows of ``model`` in ``due`` order, with their
    claims: a range of the ``(status, due)`` index."""
    return (
        select(due, model.claimed_until)
        .where(model.status == "pending", due.is_not(None))
        .order_by(due)
        .limit(NEXT_DUE_WINDOW)
    )


def next_free(session: Session, model: Any, due: Any) -> datetime | None:
    """When the first pending row of ``model`` can be claimed: its ``due`` time, or the end of
    the claim someone holds on it (see ``_free_at``).

    Reads the pending rows in due order along the ``(status, due)`` index and stops at the
    first one nobody holds: no row after it can be free sooner, so with half a million rows
    this reads a handful. Only when the whole window is held (that many claims at once) does
    it take the exact minimum over every pending row.
    """
    rows = session.execute(first_pending(model, due)).all()
    held: datetime | None = None
    for row in rows:
        due_at: datetime = row[0]
        claimed_until: datetime | None = row[1]
        if claimed_until is None or claimed_until <= due_at:
            return due_at if held is None else min(held, due_at)
        held = claimed_until if held is None else min(held, claimed_until)
    if len(rows) < NEXT_DUE_WINDOW:
        return held
    exact: datetime | None = session.scalar(
        select(func.min(_free_at(due, model.claimed_until))).where(model.status == "pending")
    )
    return exact
