"""What the reminder planner gives a case: the reminders it should have, each with its time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from denialwatch.domain.deadlines.model import DeadlineKind


class ReminderKind(StrEnum):
    FILE_GRIEVANCE = "file_grievance"
    """File the grievance now; the 180-day limit (or Medi-Cal's 60 days)."""
    IMR_AVAILABLE = "imr_available"
    """You can apply for an IMR today (day 30 of the grievance; day 3 if urgent)."""
    IMR_FILE_BY = "imr_file_by"
    """The IMR file-by countdown: 60, 30, 14, 7 and 2 days before, then the day."""
    CHECK_TRACKING = "check_tracking"
    """Mailed N days ago and no delivery confirmation recorded: check the tracking."""
    NO_DMHC_ACKNOWLEDGEMENT = "no_dmhc_acknowledgement"
    """Filed, and no DMHC acknowledgement yet."""
    DECISION_EXPECTED = "decision_expected"
    """The IMR decision is expected about now."""
    PLAN_COMPLIANCE = "plan_compliance"
    """Did the plan comply with the overturned decision?"""


@dataclass(frozen=True)
class PlannedReminder:
    key: str
    """Stable within its case ("imr_file_by.d14"): names the reminder across re-planning, and
    its email's Message-ID, so a re-planned reminder is the same reminder."""
    kind: ReminderKind
    due_at: datetime
    """When to send it (UTC), placed outside the patient's quiet hours."""
    about: date | None
    """The date the reminder is about (the deadline's day), for the email and its .ics."""
    deadline: DeadlineKind | None
    """The deadline it reminds of, if any."""
