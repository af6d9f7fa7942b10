"""What happens in a case, as the pure core sees it: the events the deadline rules run on.

Events come from the letters the patient forwards (a denial, a grievance decision...), from
the patient's replies ("I filed the grievance on 11/20"), and from the operator's CLI. Each
has the calendar day it happened (``on``, in the patient's time zone) and a few details
(the IMR filing method, a tracking number, the DMHC's decision). The store keeps them as
rows; this module keeps the vocabulary and the plain values the rules read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from denialwatch.domain.model import Category, Route


class EventKind(StrEnum):
    DENIAL_RECEIVED = "denial_received"
    EOB_RECEIVED = "eob_received"
    LETTER_DRAFTED = "letter_drafted"
    LETTER_REVISED = "letter_revised"
    """A new version of the letter (from the patient or the operator); detail ``version``."""
    LETTER_APPROVED = "letter_approved"
    PACKET_SENT = "packet_sent"
    """The mailing packet of the approved letter went to the patient."""
    MESSAGE_ATTACHED = "message_attached"
    GRIEVANCE_FILED = "grievance_filed"
    """The day the patient filed the grievance (appeal) with the plan."""
    GRIEVANCE_ACKNOWLEDGED = "grievance_acknowledged"
    GRIEVANCE_DECISION_RECEIVED = "grievance_decision_received"
    """The plan's written grievance decision keeping the denial: the IMR's qualifying event."""
    APPROVED = "approved"
    MARKED_URGENT = "marked_urgent"
    IMR_FILED = "imr_filed"
    """Details: ``method`` (online, fax, mail), and for mail ``carrier`` and ``tracking``."""
    DELIVERY_CONFIRMED = "delivery_confirmed"
    DMHC_ACKNOWLEDGED = "dmhc_acknowledged"
    """The DMHC acknowledged (accepted) the application; detail ``dmhc_case_number``."""
    DMHC_LETTER_RECEIVED = "dmhc_letter_received"
    DMHC_DECISION_RECEIVED = "dmhc_decision_received"
    """Detail ``decision``: overturned (the patient won), upheld, or partial."""
    PLAN_COMPLIED = "plan_complied"
    CASE_CLOSED = "case_closed"
    REMINDERS_STOPPED = "reminders_stopped"
    REMINDERS_RESUMED = "reminders_resumed"


class FilingMethod(StrEnum):
    ONLINE = "online"
    FAX = "fax"
    MAIL = "mail"


@dataclass(frozen=True)
class CaseEvent:
    kind: EventKind
    on: date
    """The calendar day it happened, in the patient's time zone."""
    detail: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        return next((value for name, value in self.detail if name == key), None)


@dataclass(frozen=True)
class Timeline:
    """A case as the deadline rules and the reminder planner read it."""

    route: Route
    category: Category
    urgent: bool
    events: tuple[CaseEvent, ...]

    def first(self, kind: EventKind) -> CaseEvent | None:
        """The earliest event of ``kind`` (by day, then by the order recorded)."""
        found = [e for e in self.events if e.kind is kind]
        return min(found, key=lambda e: e.on) if found else None

    def last(self, kind: EventKind) -> CaseEvent | None:
        found = [e for e in self.events if e.kind is kind]
        return max(found, key=lambda e: e.on) if found else None

    def has(self, *kinds: EventKind) -> bool:
        return any(e.kind in kinds for e in self.events)

    def of(self, kinds: Sequence[EventKind]) -> list[CaseEvent]:
        return [e for e in self.events if e.kind in kinds]
