"""Which reminders a case should have, and when each goes out (pure: no clock, no I/O).

A reminder exists while it still has a point: each rule below says which deadline it is
about and which events make it pointless. Re-planning after every event gives the case's
current set; the service cancels a pending reminder that is no longer planned, and keeps
the ones already sent. A reminder's ``key`` is stable across re-planning, so a deadline that
moves (the grievance date corrected, say) moves its reminder instead of making a new one.

Day reminders go out at ``QuietHours.send_at`` (9:00) in the patient's time zone on their
day; the dispatcher also holds back anything that comes due in the quiet hours (a reminder
overdue after an outage, say) until they end.

Each reminder, when it goes out, and what makes it pointless:

- file the grievance: 7 days after the denial, then 30 and 7 days before the window
  closes; pointless once a grievance is filed, or when an IMR needs none (experimental);
- you can apply for an IMR today: the day the grievance has been open 30 days (3 if
  urgent); pointless once the plan decided or an IMR was filed;
- the IMR file-by countdown: 60, 30, 14, 7 and 2 days before, then the day itself (never
  before the patient may apply); pointless once an IMR was filed;
- check the tracking: the day a mailed application should have been delivered; pointless
  once delivery is confirmed or the DMHC acknowledged;
- no DMHC acknowledgement yet: 3 days after it was expected; pointless once the DMHC
  acknowledged or decided;
- decision expected: the day the IMR decision is due; pointless once the DMHC decided;
- did the plan comply: the day after its 5 working days end; pointless once it complied.

No reminder at all for a case that is closed, approved, or whose patient said to stop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.events import EventKind, Timeline
from denialwatch.domain.model import Category
from denialwatch.domain.reminders.model import PlannedReminder, ReminderKind

COUNTDOWN = (60, 30, 14, 7, 2, 0)
"""Days before the IMR file-by date that a countdown reminder goes out."""
GRIEVANCE_NUDGE_AFTER = 7
GRIEVANCE_BEFORE_END = (30, 7)
ACK_GRACE_DAYS = 3
COMPLIANCE_GRACE_DAYS = 1

FILED = (EventKind.IMR_FILED,)
OVER = (EventKind.CASE_CLOSED, EventKind.APPROVED, EventKind.PLAN_COMPLIED)

Adder = Callable[[str, ReminderKind, date, Deadline | None], None]
"""Records one planned reminder: key, kind, day, and the deadline it is about."""


@dataclass(frozen=True)
class QuietHours:
    """No email between ``start`` and ``end`` (local time); day reminders at ``send_at``."""

    start: time = time(20, 0)
    end: time = time(8, 0)
    send_at: time = time(9, 0)

    def is_quiet(self, moment: datetime, zone: ZoneInfo) -> bool:
        local = moment.astimezone(zone).time()
        if self.start > self.end:  # the quiet spans midnight
            return local >= self.start or local < self.end
        return self.start <= local < self.end

    def next_allowed(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """``moment``, or the end of the quiet hours it falls in."""
        if not self.is_quiet(moment, zone):
            return moment
        local = moment.astimezone(zone)
        day = local.date() if local.time() < self.end else local.date() + timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=zone).astimezone(moment.tzinfo)


def _at(day: date, quiet: QuietHours, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, quiet.send_at, tzinfo=zone).astimezone(UTC)


def stopped(timeline: Timeline) -> bool:
    """The patient asked to stop reminders (and did not ask to resume since)."""
    switches = timeline.of([EventKind.REMINDERS_STOPPED, EventKind.REMINDERS_RESUMED])
    if not switches:
        return False
    last = max(enumerate(switches), key=lambda pair: (pair[1].on, pair[0]))[1]
    return last.kind is EventKind.REMINDERS_STOPPED


def plan_reminders(
    timeline: Timeline,
    deadlines: tuple[Deadline, ...],
    *,
    zone: ZoneInfo,
    quiet: QuietHours = QuietHours(),
) -> tuple[PlannedReminder, ...]:
    """Every reminder the case should have now, in order of time."""
    if stopped(timeline) or timeline.has(*OVER):
        return ()
    by_kind = {d.kind: d for d in deadlines}
    planned: list[PlannedReminder] = []

    def add(key: str, kind: ReminderKind, day: date, deadline: Deadline | None) -> None:
        planned.append(
            PlannedReminder(
                key=key,
                kind=kind,
                due_at=_at(day, quiet, zone),
                about=deadline.due if deadline else day,
                deadline=deadline.kind if deadline else None,
            )
        )

    _grievance(timeline, by_kind, add)
    _imr(timeline, by_kind, add)
    _after_filing(timeline, by_kind, add)
    return tuple(sorted(planned, key=lambda r: (r.due_at, r.key)))


def _grievance(timeline: Timeline, by_kind: dict[DeadlineKind, Deadline], add: Adder) -> None:
    window = by_kind.get(DeadlineKind.MEDI_CAL_APPEAL_WINDOW) or by_kind.get(
        DeadlineKind.GRIEVANCE_WINDOW
    )
    denial = timeline.first(EventKind.DENIAL_RECEIVED) or timeline.first(EventKind.EOB_RECEIVED)
    if (
        window is None
        or timeline.category is Category.EXPERIMENTAL  # HSC 1370.4: straight to the IMR
        or timeline.has(
            EventKind.GRIEVANCE_FILED,
            EventKind.GRIEVANCE_ACKNOWLEDGED,
            EventKind.GRIEVANCE_DECISION_RECEIVED,
            *FILED,
        )
    ):
        return
    if denial is not None:
        nudge = denial.on + timedelta(days=GRIEVANCE_NUDGE_AFTER)
        if nudge < window.due:
            add("file_grievance.start", ReminderKind.FILE_GRIEVANCE, nudge, window)
    for days in GRIEVANCE_BEFORE_END:
        add(
            f"file_grievance.d{days}",
            ReminderKind.FILE_GRIEVANCE,
            window.due - timedelta(days=days),
            window,
        )


def _imr(timeline: Timeline, by_kind: dict[DeadlineKind, Deadline], add: Adder) -> None:
    if timeline.has(*FILED):
        return
    eligible = by_kind.get(DeadlineKind.IMR_ELIGIBLE)
    grievance = timeline.first(EventKind.GRIEVANCE_FILED)
    if (
        eligible is not None
        and grievance is not None
        and eligible.due > grievance.on
        and not timeline.has(EventKind.GRIEVANCE_DECISION_RECEIVED)
    ):
        add("imr_available", ReminderKind.IMR_AVAILABLE, eligible.due, eligible)
    file_by = by_kind.get(DeadlineKind.IMR_FILE_BY)
    if file_by is None:
        return
    start = eligible.due if eligible is not None else None
    for days in COUNTDOWN:
        day = file_by.due - timedelta(days=days)
        if start is None or day >= start:
            add(f"imr_file_by.d{days}", ReminderKind.IMR_FILE_BY, day, file_by)


def _after_filing(timeline: Timeline, by_kind: dict[DeadlineKind, Deadline], add: Adder) -> None:
    acknowledged = timeline.has(EventKind.DMHC_ACKNOWLEDGED, EventKind.DMHC_DECISION_RECEIVED)
    delivery = by_kind.get(DeadlineKind.DELIVERY_EXPECTED)
    if delivery is not None and not acknowledged and not timeline.has(EventKind.DELIVERY_CONFIRMED):
        add("check_tracking", ReminderKind.CHECK_TRACKING, delivery.due, delivery)
    ack = by_kind.get(DeadlineKind.DMHC_ACKNOWLEDGEMENT_EXPECTED)
    if ack is not None and not acknowledged:
        add(
            "no_dmhc_acknowledgement",
            ReminderKind.NO_DMHC_ACKNOWLEDGEMENT,
            ack.due + timedelta(days=ACK_GRACE_DAYS),
            ack,
        )
    decided = timeline.has(EventKind.DMHC_DECISION_RECEIVED)
    expected = by_kind.get(DeadlineKind.IMR_DECISION_EXPECTED)
    if expected is not None and not decided:
        add("decision_expected", ReminderKind.DECISION_EXPECTED, expected.due, expected)
    compliance = by_kind.get(DeadlineKind.PLAN_COMPLIANCE)
    if compliance is not None:
        add(
            "plan_compliance",
            ReminderKind.PLAN_COMPLIANCE,
            compliance.due + timedelta(days=COMPLIANCE_GRACE_DAYS),
            compliance,
        )
