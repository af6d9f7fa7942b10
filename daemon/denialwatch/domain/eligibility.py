"""Can the patient apply for an Independent Medical Review, and if not yet, when?

The answer is one of four, each with the reason in plain words and the rule it rests on:

- ``eligible_now``: experimental/investigational denials (HSC 1370.4: no grievance needed),
  a grievance decision that keeps the denial, or a grievance unanswered for 30 days (3 if
  urgent) (HSC 1374.30(j)(3), 1368.01(a)-(b));
- ``eligible_on``: a grievance was filed and the plan has until then to answer;
- ``not_dmhc``: the plan is not under the DMHC (Medicare, self-funded ERISA, workers'
  compensation have no California IMR; a CDI-regulated policy has the CDI's IMR instead —
  research file 1.1);
- ``need_info``: what we would need to know (the kind of plan; when the grievance was filed).

Pure: the caller passes ``today`` (the patient's calendar day). When the case's deadline
rules have given the first eligible day (``CaseFacts.imr_eligible_on``) that day is used;
otherwise the 30 (or 3) calendar days are counted here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from denialwatch.domain.model import Category, Route

GRIEVANCE_DAYS = 30
"""HSC 1368.01(a): the plan resolves a grievance within 30 days."""
URGENT_GRIEVANCE_DAYS = 3
"""HSC 1368.01(b): three days when the grievance is urgent."""


class Status(StrEnum):
    ELIGIBLE_NOW = "eligible_now"
    ELIGIBLE_ON = "eligible_on"
    NOT_DMHC = "not_dmhc"
    NEED_INFO = "need_info"


@dataclass(frozen=True)
class Assessment:
    status: Status
    why: str
    citation: str
    on: date | None = None
    """For ``eligible_on``: the first day the patient may apply."""
    question: str | None = None
    """For ``need_info``: what to ask the patient."""


@dataclass(frozen=True)
class CaseFacts:
    """What the assessment needs to know of a case."""

    route: Route
    category: Category
    urgent: bool
    grievance_filed: date | None = None
    grievance_upheld: date | None = None
    """The date of the plan's grievance decision keeping the denial."""
    insurer: str | None = None
    imr_eligible_on: date | None = None
    """The first day the deadline rules allow an IMR (rolled and conditioned by route); when
    known it is used instead of counting 30 days here."""


COUNTY_MEDI_CAL_PLANS = frozenset(
    {
        "CalOptima Health",
        "CenCal Health",
        "Central California Alliance for Health",
        "Gold Coast Health Plan",
    }
)
"""County Organized Health Systems listed by Disability Rights California as not Knox-Keene
licensed for Medi-Cal: plan appeal, then a State Hearing, no DMHC IMR (research file 1.1;
their current licensing is unverified, so the patient is told to confirm)."""


NOT_DMHC = {
    Route.MEDICARE: (
        "Medicare and Medicare Advantage plans have their own federal appeals; a California "
        "IMR is not available.",
        "research file 1.1 (Medicare)",
    ),
    Route.ERISA: (
        "Self-funded employer plans follow federal ERISA appeals and external review; the DMHC "
        "says their members cannot get an IMR.",
        "research file 1.1; 29 CFR 2560.503-1, 2590.715-2719",
    ),
    Route.WORKERS_COMP: (
        "Workers' compensation decisions go through the Division of Workers' Compensation's own "
        "review, not this one.",
        "research file 1.1 (workers' compensation)",
    ),
    Route.CDI: (
        "Your policy is regulated by the California Department of Insurance, which runs its own "
        "IMR after the insurer's appeal.",
        "INS 10169",
    ),
}


def assess(facts: CaseFacts, today: date) -> Assessment:
    if facts.route in NOT_DMHC:
        why, citation = NOT_DMHC[facts.route]
        return Assessment(Status.NOT_DMHC, why, citation)
    if facts.route is Route.MEDI_CAL and facts.insurer in COUNTY_MEDI_CAL_PLANS:
        return Assessment(
            Status.NOT_DMHC,
            f"{facts.insurer} is a county Medi-Cal plan that may not be licensed by the DMHC: "
            "after the plan's appeal, the next step is a State Hearing (call the DMHC Help "
            "Center to confirm whether an IMR is open to you).",
            "research file 1.1 (Medi-Cal COHS)",
        )
    if facts.route is Route.UNKNOWN:
        return Assessment(
            Status.NEED_INFO,
            "We could not tell which agency oversees your plan.",
            "DOMAIN.md, Which regulator",
            question="Is your plan an HMO, a PPO, Medi-Cal, Medicare, or a plan through your "
            "employer? Your insurance card usually says.",
        )
    if facts.category is Category.EXPERIMENTAL:
        return Assessment(
            Status.ELIGIBLE_NOW,
            "Denials of experimental or investigational treatment can go to an IMR without a "
            "grievance first.",
            "HSC 1370.4",
        )
    if facts.grievance_upheld is not None:
        return Assessment(
            Status.ELIGIBLE_NOW,
            "The plan kept its decision after your grievance.",
            "HSC 1374.30(j)(3)",
        )
    if facts.grievance_filed is not None:
        days = URGENT_GRIEVANCE_DAYS if facts.urgent else GRIEVANCE_DAYS
        on = facts.imr_eligible_on or facts.grievance_filed + timedelta(days=days)
        if today >= on:
            return Assessment(
                Status.ELIGIBLE_NOW,
                f"Your grievance has been open {days} days or more without a decision.",
                "HSC 1374.30(j)(3), 1368.01",
            )
        return Assessment(
            Status.ELIGIBLE_ON,
            f"The plan has {days} days to decide your grievance; if it has not decided by "
            "then, you can apply anyway.",
            "HSC 1374.30(j)(3), 1368.01",
            on=on,
        )
    return Assessment(
        Status.NEED_INFO,
        "An IMR comes after a grievance with the plan: when the plan keeps its decision, or "
        f"after {GRIEVANCE_DAYS} days without one ({URGENT_GRIEVANCE_DAYS} if urgent).",
        "HSC 1374.30(j)(3)",
        question="Have you filed a grievance (appeal) with your plan yet? If so, on what date?",
    )
