"""What the deadline engine gives a case: each date with the rule, inputs and citation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class DeadlineKind(StrEnum):
    GRIEVANCE_WINDOW = "grievance_window"
    """Last day to file a grievance with the plan (180 days; 28 CCR 1300.68, research D3)."""
    MEDI_CAL_APPEAL_WINDOW = "medi_cal_appeal_window"
    """Last day for a Medi-Cal managed-care plan appeal (60 days from the notice)."""
    GRIEVANCE_RESOLUTION = "grievance_resolution"
    """The plan must decide the grievance by then (30 days, 3 if urgent; HSC 1368.01)."""
    IMR_ELIGIBLE = "imr_eligible"
    """First day the patient may apply for an IMR (HSC 1374.30(j)(3); at once: 1370.4)."""
    IMR_FILE_BY = "imr_file_by"
    """Last day to apply for an IMR: 6 months from the earliest qualifying event (1374.30(k))."""
    DMHC_ACKNOWLEDGEMENT_EXPECTED = "dmhc_acknowledgement_expected"
    """DMHC acknowledges an application in about 5 days (research D9)."""
    DELIVERY_EXPECTED = "delivery_expected"
    """A mailed application should show as delivered by then (the mailing steps)."""
    IMR_DECISION_EXPECTED = "imr_decision_expected"
    """30 days after DMHC accepts; 3 expedited; 7 expedited experimental (research D12-D14)."""
    DMHC_TYPICAL_DECISION = "dmhc_typical_decision"
    """DMHC says IMRs are "usually decided within 45 days" of the application (research 2.3)."""
    PLAN_COMPLIANCE = "plan_compliance"
    """The plan must comply within 5 working days of an overturn (HSC 1374.34(a))."""


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: date
    """The calendar day in the patient's time zone (rolled off weekends and holidays where the
    rule says so)."""
    rule: str
    """The id of the rule in the rules table that produced it."""
    citation: str
    inputs: tuple[tuple[str, str], ...]
    """The events and facts it was computed from, as (name, ISO value) pairs."""
    description: str
    """One plain sentence: what this date is."""
    due_at: datetime | None = None
    """For rules counted in hours: the instant (UTC); None for day rules."""
    candidates: tuple[date, ...] = ()
    """For the IMR file-by date: every candidate date, the earliest being ``due``."""
