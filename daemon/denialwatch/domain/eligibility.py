"""Can the patient apply for an Independent Medical Review, and if not yet, when?

The answer is one of four, each with its reason and the rule it rests on. The reason is a
code (``Reason``) with its English words (``WHY``, ``QUESTIONS``: templates with named
placeholders, marked for the translation catalog); the notices phrase the code in the
patient's language.

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

from denialwatch.domain.language import N_
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


class Reason(StrEnum):
    """Why the answer is what it is: the notices phrase it in the patient's language."""

    MEDICARE = "medicare"
    ERISA = "erisa"
    WORKERS_COMP = "workers_comp"
    CDI = "cdi"
    COUNTY_MEDI_CAL = "county_medi_cal"
    UNKNOWN_REGULATOR = "unknown_regulator"
    EXPERIMENTAL = "experimental"
    GRIEVANCE_UPHELD = "grievance_upheld"
    GRIEVANCE_UNANSWERED = "grievance_unanswered"
    GRIEVANCE_OPEN = "grievance_open"
    NO_GRIEVANCE_YET = "no_grievance_yet"


WHY = {
    Reason.MEDICARE: N_(
        "Medicare and Medicare Advantage plans have their own federal appeals; a California "
        "IMR is not available."
    ),
    Reason.ERISA: N_(
        "Self-funded employer plans follow federal ERISA appeals and external review; the DMHC "
        "says their members cannot get an IMR."
    ),
    Reason.WORKERS_COMP: N_(
        "Workers' compensation decisions go through the Division of Workers' Compensation's own "
        "review, not this one."
    ),
    Reason.CDI: N_(
        "Your policy is regulated by the California Department of Insurance, which runs its own "
        "IMR after the insurer's appeal."
    ),
    Reason.COUNTY_MEDI_CAL: N_(
        "%(insurer)s is a county Medi-Cal plan that may not be licensed by the DMHC: after the "
        "plan's appeal, the next step is a State Hearing (call the DMHC Help Center to confirm "
        "whether an IMR is open to you)."
    ),
    Reason.UNKNOWN_REGULATOR: N_("We could not tell which agency oversees your plan."),
    Reason.EXPERIMENTAL: N_(
        "Denials of experimental or investigational treatment can go to an IMR without a "
        "grievance first."
    ),
    Reason.GRIEVANCE_UPHELD: N_("The plan kept its decision after your grievance."),
    Reason.GRIEVANCE_UNANSWERED: N_(
        "Your grievance has been open %(days)s days or more without a decision."
    ),
    Reason.GRIEVANCE_OPEN: N_(
        "The plan has %(days)s days to decide your grievance; if it has not decided by then, you "
        "can apply anyway."
    ),
    Reason.NO_GRIEVANCE_YET: N_(
        "An IMR comes after a grievance with the plan: when the plan keeps its decision, or "
        "after %(days)s days without one (%(urgent_days)s if urgent)."
    ),
}
"""The reason in plain English, with ``%(name)s`` placeholders (``Assessment.values``)."""

QUESTIONS = {
    Reason.UNKNOWN_REGULATOR: N_(
        "Is your plan an HMO, a PPO, Medi-Cal, Medicare, or a plan through your employer? Your "
        "insurance card usually says."
    ),
    Reason.NO_GRIEVANCE_YET: N_(
        "Have you filed a grievance (appeal) with your plan yet? If so, on what date?"
    ),
}
"""What to ask the patient, for the reasons that need an answer."""


@dataclass(frozen=True)
class Assessment:
    status: Status
    why: str
    """The reason in English (``WHY[reason]`` filled in); the notices phrase ``reason``."""
    citation: str
    on: date | None = None
    """For ``eligible_on``: the first day the patient may apply."""
    question: str | None = None
    """For ``need_info``: what to ask the patient (in English, ``QUESTIONS[reason]``)."""
    reason: Reason | None = None
    """The reason as a code; None for an assessment built by hand with its own words."""
    days: int | None = None
    """The grievance's days (30, or 3 if urgent) for the reasons that count them."""
    insurer: str | None = None
    """The plan's name, for the reasons that name it."""

    @property
    def values(self) -> dict[str, object]:
        """The placeholders of the ``WHY`` and ``QUESTIONS`` templates."""
        return _values(self.days, self.insurer)


def _values(days: int | None, insurer: str | None) -> dict[str, object]:
    return {
        "days": days if days is not None else GRIEVANCE_DAYS,
        "urgent_days": URGENT_GRIEVANCE_DAYS,
        "insurer": insurer or "",
    }


def _assessment(
    status: Status,
    reason: Reason,
    citation: str,
    *,
    on: date | None = None,
    days: int | None = None,
    insurer: str | None = None,
) -> Assessment:
    values = _values(days, insurer)
    question = QUESTIONS.get(reason)
    return Assessment(
        status,
        WHY[reason] % values,
        citation,
        on=on,
        question=question % values if question else None,
        reason=reason,
        days=days,
        insurer=insurer,
    )


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
    Route.MEDICARE: (Reason.MEDICARE, "research file 1.1 (Medicare)"),
    Route.ERISA: (Reason.ERISA, "research file 1.1; 29 CFR 2560.503-1, 2590.715-2719"),
    Route.WORKERS_COMP: (Reason.WORKERS_COMP, "research file 1.1 (workers' compensation)"),
    Route.CDI: (Reason.CDI, "INS 10169"),
}


def assess(facts: CaseFacts, today: date) -> Assessment:
    if facts.route in NOT_DMHC:
        reason, citation = NOT_DMHC[facts.route]
        return _assessment(Status.NOT_DMHC, reason, citation)
    if facts.route is Route.MEDI_CAL and facts.insurer in COUNTY_MEDI_CAL_PLANS:
        return _assessment(
            Status.NOT_DMHC,
            Reason.COUNTY_MEDI_CAL,
            "research file 1.1 (Medi-Cal COHS)",
            insurer=facts.insurer,
        )
    if facts.route is Route.UNKNOWN:
        return _assessment(Status.NEED_INFO, Reason.UNKNOWN_REGULATOR, "DOMAIN.md, Which regulator")
    if facts.category is Category.EXPERIMENTAL:
        return _assessment(Status.ELIGIBLE_NOW, Reason.EXPERIMENTAL, "HSC 1370.4")
    if facts.grievance_upheld is not None:
        return _assessment(Status.ELIGIBLE_NOW, Reason.GRIEVANCE_UPHELD, "HSC 1374.30(j)(3)")
    if facts.grievance_filed is not None:
        days = URGENT_GRIEVANCE_DAYS if facts.urgent else GRIEVANCE_DAYS
        on = facts.imr_eligible_on or facts.grievance_filed + timedelta(days=days)
        if today >= on:
            return _assessment(
                Status.ELIGIBLE_NOW,
                Reason.GRIEVANCE_UNANSWERED,
                "HSC 1374.30(j)(3), 1368.01",
                days=days,
            )
        return _assessment(
            Status.ELIGIBLE_ON,
            Reason.GRIEVANCE_OPEN,
            "HSC 1374.30(j)(3), 1368.01",
            on=on,
            days=days,
        )
    return _assessment(
        Status.NEED_INFO, Reason.NO_GRIEVANCE_YET, "HSC 1374.30(j)(3)", days=GRIEVANCE_DAYS
    )
