"""Every deadline rule, written once, as data.

A rule says: starting from a fact (or from the day another rule gives), count so much of a
unit, maybe roll off a closed day, on these routes and under these conditions; cite the law
and the research-file row; say in one sentence what the date means. ``compute`` runs them;
nothing else in the engine knows a number of days.

Rolls (CCP 12a, see ``calendar``): the last day of a California period for the patient or
the plan to act rolls to the next business day. No roll where:

- the period is urgent (3 days, 72 hours, 7 days): counting through a weekend is what
  urgent means, and a roll would only delay care;
- the limit is federal (Medi-Cal's 60-day appeal, 42 CFR 438.402; the federal 180-day
  internal-appeal minimum for CDI policies): CCP 12a is California law, and not rolling
  can only make the date earlier;
- the date is an eligibility start (it is a first day, not a last day) or an expectation
  rather than a limit (delivery, DMHC's "usually 45 days");
- the count is already in business days.

Routes: the DMHC rules apply to DMHC plans and to Medi-Cal managed-care plans licensed under
Knox-Keene (research 1.1); CDI-regulated policies have their own insurer appeal and the same
6-month IMR rule (research D8). Medicare, ERISA and workers' compensation have none of these
(research 1.1), and a case whose regulator is not known yet gets no dates until it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from denialwatch.domain.deadlines.arithmetic import Roll, Unit
from denialwatch.domain.deadlines.facts import Fact
from denialwatch.domain.deadlines.model import DeadlineKind
from denialwatch.domain.events import EventKind
from denialwatch.domain.model import Route

DMHC_ROUTES = frozenset({Route.DMHC, Route.MEDI_CAL})
IMR_ROUTES = frozenset({Route.DMHC, Route.MEDI_CAL, Route.CDI})
CDI = frozenset({Route.CDI})

MAIL_DELIVERY_DAYS = 7
"""Default: a mailed application with no delivery confirmation after this many days is
worth a look at the tracking (a setting, not law)."""


@dataclass(frozen=True)
class After:
    """Start from the day another (earlier) rule's period ends, before any roll."""

    rule: str


Trigger = Fact | After


@dataclass(frozen=True)
class Rule:
    id: str
    kind: DeadlineKind
    trigger: Trigger
    amount: int
    unit: Unit
    roll: Roll
    routes: frozenset[Route]
    citation: str
    """The statute or page, then the research-file row ("HSC 1368.01(a); research D5")."""
    description: str
    urgent: bool | None = None
    """Only for urgent (True) or only for non-urgent (False) cases; None for both."""
    experimental: bool | None = None
    """Only for experimental/investigational denials (True), only for others (False)."""
    unless: Fact | None = None
    """No date when this fact happened on or before the period's last day."""
    met_by: tuple[EventKind, ...] = ()
    """Events after which the date no longer calls for action (the planner's business; the
    date itself stays a fact of the case)."""


GRIEVANCE_MADE = (
    EventKind.GRIEVANCE_FILED,
    EventKind.GRIEVANCE_ACKNOWLEDGED,
    EventKind.GRIEVANCE_DECISION_RECEIVED,
    EventKind.IMR_FILED,
)
GRIEVANCE_ANSWERED = (EventKind.GRIEVANCE_DECISION_RECEIVED, EventKind.APPROVED)
IMR_MADE = (EventKind.IMR_FILED,)
IMR_DECIDED = (EventKind.DMHC_DECISION_RECEIVED,)

IMR_ELIGIBLE = "HSC 1374.30(j)(3), 1368.03(a) (CDI: INS 10169, assumed parallel); research D7"
IMR_FILE_BY = "HSC 1374.30(k) (CDI: INS 10169, S10); research D8 and 2.2"
FILE_BY = (
    "Last day to apply for an Independent Medical Review: six months from {what} "
    "(the earliest of the possible starting points is the one to meet)."
)


DELIVERY = "delivery_expected"


def rules_table(*, mail_delivery_days: int = MAIL_DELIVERY_DAYS) -> tuple[Rule, ...]:
    """The rules, in the order ``compute`` runs them (a rule's ``After`` comes first)."""
    return tuple(replace(r, amount=mail_delivery_days) if r.id == DELIVERY else r for r in RULES)


RULES: tuple[Rule, ...] = (
    Rule(
        id="grievance_window",
        kind=DeadlineKind.GRIEVANCE_WINDOW,
        trigger=Fact.DENIAL,
        amount=180,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=frozenset({Route.DMHC}),
        citation="28 CCR 1300.68 (text not retrieved: plans allow at least 180 calendar days); "
        "research D3",
        description="Last day to file a grievance (appeal) with the plan: plans must allow at "
        "least 180 days from the denial.",
        met_by=GRIEVANCE_MADE,
    ),
    Rule(
        id="grievance_window.cdi",
        kind=DeadlineKind.GRIEVANCE_WINDOW,
        trigger=Fact.DENIAL,
        amount=180,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=CDI,
        citation="45 CFR 147.136(b) with 29 CFR 2560.503-1(h)(3)(i): at least 180 days "
        "(federal minimum, not in the research file: verify; a shorter limit printed on the "
        "letter wins); research 1.1 (180 days, ERISA)",
        description="Last day to appeal to the insurer: at least 180 days from the denial under "
        "the federal rules for health insurance.",
        met_by=GRIEVANCE_MADE,
    ),
    Rule(
        id="medi_cal_appeal_window",
        kind=DeadlineKind.MEDI_CAL_APPEAL_WINDOW,
        trigger=Fact.DENIAL,
        amount=60,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=frozenset({Route.MEDI_CAL}),
        citation="CDSS hearing requests: 60 calendar days from the notice of action "
        "(42 CFR 438.402(c)(2)(ii), not in the research file); research 1.1 and D3",
        description="Last day to appeal to the Medi-Cal plan: 60 days from the date on the notice.",
        met_by=GRIEVANCE_MADE,
    ),
    Rule(
        id="grievance_resolution",
        kind=DeadlineKind.GRIEVANCE_RESOLUTION,
        trigger=Fact.GRIEVANCE_FILED,
        amount=30,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=DMHC_ROUTES,
        urgent=False,
        citation="HSC 1368.01(a); research D5",
        description="The plan must decide the grievance by this day (30 days from filing).",
        met_by=GRIEVANCE_ANSWERED,
    ),
    Rule(
        id="grievance_resolution.urgent",
        kind=DeadlineKind.GRIEVANCE_RESOLUTION,
        trigger=Fact.GRIEVANCE_FILED,
        amount=3,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=DMHC_ROUTES,
        urgent=True,
        citation="HSC 1368.01(b); 28 CCR 1300.68.01(a)(2); research D6",
        description="The plan must answer the urgent grievance by this day (3 days from filing).",
        met_by=GRIEVANCE_ANSWERED,
    ),
    Rule(
        id="grievance_resolution.cdi",
        kind=DeadlineKind.GRIEVANCE_RESOLUTION,
        trigger=Fact.GRIEVANCE_FILED,
        amount=30,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=CDI,
        urgent=False,
        citation="CDI: insurer appeals are 'generally' decided within 30 days (S10, "
        "prob-with-pol); research 2.1, CDI path",
        description="The insurer should decide the appeal by this day (30 days from filing).",
        met_by=GRIEVANCE_ANSWERED,
    ),
    Rule(
        id="grievance_resolution.cdi_urgent",
        kind=DeadlineKind.GRIEVANCE_RESOLUTION,
        trigger=Fact.GRIEVANCE_FILED,
        amount=72,
        unit=Unit.HOURS,
        roll=Roll.NONE,
        routes=CDI,
        urgent=True,
        citation="CDI: expedited appeals 'in 72 hours or less' (S10, prob-with-pol); "
        "research 2.1, CDI path",
        description="The insurer should answer the urgent appeal within 72 hours of filing.",
        met_by=GRIEVANCE_ANSWERED,
    ),
    Rule(
        id="imr_eligible.decision",
        kind=DeadlineKind.IMR_ELIGIBLE,
        trigger=Fact.GRIEVANCE_UPHELD,
        amount=0,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=IMR_ROUTES,
        citation=IMR_ELIGIBLE,
        description="The patient may apply for an IMR from this day: the plan kept its denial "
        "after the grievance.",
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_eligible.unanswered",
        kind=DeadlineKind.IMR_ELIGIBLE,
        trigger=Fact.GRIEVANCE_FILED,
        amount=30,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=IMR_ROUTES,
        urgent=False,
        unless=Fact.GRIEVANCE_DECIDED,
        citation=IMR_ELIGIBLE,
        description="The patient may apply for an IMR from this day: the grievance has gone "
        "30 days without a decision.",
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_eligible.unanswered_urgent",
        kind=DeadlineKind.IMR_ELIGIBLE,
        trigger=Fact.GRIEVANCE_FILED,
        amount=3,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=IMR_ROUTES,
        urgent=True,
        unless=Fact.GRIEVANCE_DECIDED,
        citation=IMR_ELIGIBLE,
        description="The patient may apply for an IMR from this day: the urgent grievance has "
        "gone 3 days without a decision.",
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_eligible.experimental",
        kind=DeadlineKind.IMR_ELIGIBLE,
        trigger=Fact.DENIAL,
        amount=0,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=DMHC_ROUTES,
        experimental=True,
        citation="HSC 1370.4; 28 CCR 1300.70.4 (summary); research D7a(i)",
        description="The patient may apply for an IMR from the denial: experimental or "
        "investigational treatment needs no grievance first.",
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_file_by.decision",
        kind=DeadlineKind.IMR_FILE_BY,
        trigger=After("imr_eligible.decision"),
        amount=6,
        unit=Unit.CALENDAR_MONTHS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=IMR_ROUTES,
        citation=IMR_FILE_BY,
        description=FILE_BY.format(what="the plan's grievance decision"),
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_file_by.unanswered",
        kind=DeadlineKind.IMR_FILE_BY,
        trigger=After("imr_eligible.unanswered"),
        amount=6,
        unit=Unit.CALENDAR_MONTHS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=IMR_ROUTES,
        citation=IMR_FILE_BY,
        description=FILE_BY.format(what="day 30 of the grievance without a decision"),
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_file_by.unanswered_urgent",
        kind=DeadlineKind.IMR_FILE_BY,
        trigger=After("imr_eligible.unanswered_urgent"),
        amount=6,
        unit=Unit.CALENDAR_MONTHS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=IMR_ROUTES,
        citation=IMR_FILE_BY,
        description=FILE_BY.format(what="day 3 of the urgent grievance without a decision"),
        met_by=IMR_MADE,
    ),
    Rule(
        id="imr_file_by.experimental",
        kind=DeadlineKind.IMR_FILE_BY,
        trigger=After("imr_eligible.experimental"),
        amount=6,
        unit=Unit.CALENDAR_MONTHS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=DMHC_ROUTES,
        citation=IMR_FILE_BY + "; HSC 1370.4",
        description=FILE_BY.format(what="the denial of experimental treatment"),
        met_by=IMR_MADE,
    ),
    Rule(
        id="dmhc_acknowledgement_expected",
        kind=DeadlineKind.DMHC_ACKNOWLEDGEMENT_EXPECTED,
        trigger=Fact.IMR_RECEIVED,
        amount=5,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=DMHC_ROUTES,
        citation="DMHC: acknowledged 'within 5 days' (S7); research D9",
        description="The DMHC usually acknowledges an application within about 5 days of "
        "receiving it.",
        met_by=(EventKind.DMHC_ACKNOWLEDGED, EventKind.DMHC_DECISION_RECEIVED),
    ),
    Rule(
        id=DELIVERY,
        kind=DeadlineKind.DELIVERY_EXPECTED,
        trigger=Fact.IMR_MAILED,
        amount=MAIL_DELIVERY_DAYS,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=IMR_ROUTES,
        citation="DOMAIN.md step 6 (mail with delivery confirmation); the number of days is a "
        "setting, not law",
        description="A mailed application should show as delivered by this day; if not, check "
        "the tracking.",
        met_by=(EventKind.DELIVERY_CONFIRMED, EventKind.DMHC_ACKNOWLEDGED),
    ),
    Rule(
        id="imr_decision_expected",
        kind=DeadlineKind.IMR_DECISION_EXPECTED,
        trigger=Fact.DMHC_ACCEPTED,
        amount=30,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NEXT_BUSINESS_DAY,
        routes=IMR_ROUTES,
        urgent=False,
        citation="HSC 1374.33(c) (text not retrieved; CDI: INS 10169.3(c)); research D12 and 2.3",
        description="The IMR decision is due about 30 days after the DMHC accepted the case.",
        met_by=IMR_DECIDED,
    ),
    Rule(
        id="imr_decision_expected.urgent",
        kind=DeadlineKind.IMR_DECISION_EXPECTED,
        trigger=Fact.DMHC_ACCEPTED,
        amount=3,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=IMR_ROUTES,
        urgent=True,
        experimental=False,
        citation="INS 10169.3(c); HSC 1374.31(a), 1374.33(c); research D13 and 2.3",
        description="The expedited IMR decision is due 3 days after the case was accepted.",
        met_by=IMR_DECIDED,
    ),
    Rule(
        id="imr_decision_expected.urgent_experimental",
        kind=DeadlineKind.IMR_DECISION_EXPECTED,
        trigger=Fact.DMHC_ACCEPTED,
        amount=7,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=IMR_ROUTES,
        urgent=True,
        experimental=True,
        citation="HSC 1370.4(c)(2) (CDI: INS 10145.3, assumed parallel, not retrieved); "
        "research D14",
        description="The expedited IMR decision on experimental treatment is due 7 days after "
        "the case was accepted.",
        met_by=IMR_DECIDED,
    ),
    Rule(
        id="dmhc_typical_decision",
        kind=DeadlineKind.DMHC_TYPICAL_DECISION,
        trigger=Fact.IMR_RECEIVED,
        amount=45,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=DMHC_ROUTES,
        urgent=False,
        citation="DMHC 20-224 header and 'What happens next': usually 45 days (S7, S9); "
        "research 2.3",
        description="The DMHC says IMRs are usually decided within 45 days of the application.",
        met_by=IMR_DECIDED,
    ),
    Rule(
        id="dmhc_typical_decision.urgent",
        kind=DeadlineKind.DMHC_TYPICAL_DECISION,
        trigger=Fact.IMR_RECEIVED,
        amount=7,
        unit=Unit.CALENDAR_DAYS,
        roll=Roll.NONE,
        routes=DMHC_ROUTES,
        urgent=True,
        citation="DMHC 20-224 header: 'within 7 days if the health issue is urgent' (S9); "
        "research 2.3",
        description="The DMHC says urgent IMRs are usually decided within 7 days.",
        met_by=IMR_DECIDED,
    ),
    Rule(
        id="plan_compliance",
        kind=DeadlineKind.PLAN_COMPLIANCE,
        trigger=Fact.OVERTURNED,
        amount=5,
        unit=Unit.BUSINESS_DAYS,
        roll=Roll.NONE,
        routes=DMHC_ROUTES,
        citation="HSC 1374.34(a); research D16",
        description="The plan must authorize or pay within 5 working days of receiving the "
        "decision that overturned its denial.",
        met_by=(EventKind.PLAN_COMPLIED,),
    ),
)
"""The rules with their defaults; ``rules_table`` gives them with other settings."""
