"""A case as the pure core sees it, and what the patient should do next.

The next step follows DOMAIN.md ("The patient's path" and "Which regulator"); each rule
names its source in the research file. Dates and reminders come from the deadline rules
(a later module); this module only says which path applies and what is still unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from denialwatch.domain.language import N_
from denialwatch.domain.model import Category, Code, Route

CASE_PREFIX = "DW-"


def case_number(case_id: int) -> str:
    """The number a patient quotes: ``DW-00012``."""
    return f"{CASE_PREFIX}{case_id:05d}"


def parse_case_number(text: str) -> int | None:
    """``DW-00012``, ``dw-12`` or ``12`` → 12; anything else → None."""
    cleaned = text.strip().upper().removeprefix(CASE_PREFIX)
    return int(cleaned) if cleaned.isdigit() else None


@dataclass(frozen=True)
class CaseSummary:
    case_id: int
    insurer: str | None
    member_id: str | None
    reference_number: str | None
    letter_date: date | None
    service: str | None
    category: Category
    route: Route
    urgent: bool
    reasons: tuple[str, ...]
    patient_name: str | None
    criteria: tuple[str, ...] = ()
    """Criteria the plan cites (InterQual, MCG, a medical-policy number): the letter answers
    each one as its own point (research file 5.3)."""
    service_date: date | None = None
    """When the care was given or is planned: the date of the emergency, for payment denials."""
    codes: tuple[Code, ...] = ()
    """CPT, HCPCS, NDC or ICD-10 codes printed on the plan's letter."""

    @property
    def number(self) -> str:
        return case_number(self.case_id)


class Step(StrEnum):
    GRIEVANCE_FIRST = "grievance_first"
    """HSC 1368, 1374.30(j): a plan grievance comes before a DMHC IMR."""
    IMR_NOW = "imr_now"
    """HSC 1370.4: experimental/investigational denials go to IMR without a grievance."""
    INSURER_APPEAL_FIRST = "insurer_appeal_first"
    """INS 10169: a CDI-regulated insurer's internal appeal, then a CDI IMR."""
    MEDI_CAL_APPEAL = "medi_cal_appeal"
    """Medi-Cal managed care: plan appeal within 60 calendar days (research file 1.1, D3)."""
    FEDERAL_APPEAL = "federal_appeal"
    """Medicare and self-funded ERISA plans: federal appeals, no DMHC IMR."""
    OTHER_PROGRAM = "other_program"
    """Workers' compensation: a different program altogether."""
    COMPLAINT = "complaint"
    """Coverage and administrative disputes: a DMHC complaint (HSC 1368(b)); DMHC decides."""


ROUTE_STEPS = {
    Route.MEDICARE: Step.FEDERAL_APPEAL,
    Route.ERISA: Step.FEDERAL_APPEAL,
    Route.WORKERS_COMP: Step.OTHER_PROGRAM,
    Route.CDI: Step.INSURER_APPEAL_FIRST,
    Route.MEDI_CAL: Step.MEDI_CAL_APPEAL,
}
"""Routes whose next step does not depend on the denial's category."""


def next_step(summary: CaseSummary) -> Step:
    """The one thing the patient should do next (DOMAIN.md, "The patient's path")."""
    if summary.route in ROUTE_STEPS:
        return ROUTE_STEPS[summary.route]
    if summary.category is Category.EXPERIMENTAL:
        return Step.IMR_NOW
    if summary.category in (Category.NOT_COVERED, Category.ADMINISTRATIVE):
        return Step.COMPLAINT
    return Step.GRIEVANCE_FIRST


def imr_letter_applies(route: Route) -> bool:
    """Whether a California IMR supporting letter is the right thing to draft.

    Medicare, self-funded ERISA plans and workers' compensation have no DMHC or CDI IMR
    (research file 1.1); drafting one would send the patient down a path that does not exist.
    """
    return route not in (Route.MEDICARE, Route.ERISA, Route.WORKERS_COMP)


def open_questions(summary: CaseSummary) -> list[str]:
    """What the patient should tell us because the letter did not say it (or we missed it).

    In English, marked for the catalog: the notices say them in the patient's language."""
    asks: list[str] = []
    if summary.insurer is None:
        asks.append(N_("Which health plan or insurance company sent the denial?"))
    if summary.route is Route.UNKNOWN:
        asks.append(
            N_(
                "Is your plan an HMO, a PPO, Medi-Cal, Medicare, or a plan through your "
                "employer? Your insurance card or the letter's last pages usually say which "
                "state agency oversees it."
            )
        )
    if summary.service is None:
        asks.append(N_("What treatment, test or medicine was denied?"))
    if summary.reference_number is None:
        asks.append(N_("Does the letter show a reference, authorization or claim number?"))
    if summary.letter_date is None:
        asks.append(N_("What date is printed on the denial letter?"))
    return asks
