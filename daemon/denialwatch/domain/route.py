"""Which regulator handles the patient's next step, read from the letter's own wording.

Evidence rules are data (``RULES``), one per marker from DOMAIN.md "Which regulator" and the
research file, section 1 (1.1 regulators and paths, 1.2 how a letter shows them); each names
its source. A rule is *decisive* (weight >= ``DECISIVE``) when the marker alone identifies the
regulator, *weak* otherwise ("policy", a bare "Medicare", "utilization review").

Precedence, first that applies (why, and the source):

1. **Workers' compensation**, on decisive markers ("DWC Form IMR", "injured worker", Labor
   Code 4610): a different program that must never enter this workflow (DOMAIN.md). Its weak
   markers ("utilization review", "claims administrator") also appear on health-plan letters
   and never decide alone.
2. **Medicare**, on decisive markers (the CMS-10003 notice title, "organization
   determination", "Independent Review Entity", "Medicare Advantage"): Medicare Advantage
   plans in California are often Knox-Keene licensed and print the DMHC statement, but DMHC
   says "If you have Medicare, you cannot get an IMR" (research 1.1, S7 pc_imrqa). Dual plans
   (D-SNP with Medi-Cal) also route here; the Medi-Cal part is an open question for later.
3. **ERISA, self-funded**, when the letter says the plan is self-funded or self-insured:
   DMHC and CDI do not regulate these plans, "even in cases where the plan is administered by
   a health insurance company" (research 1.1, ERISA row).
4. **Medi-Cal managed care**, on decisive markers ("Notice of Action", "State Hearing",
   "Medi-Cal"): these plans print the DMHC statement too, but the Medi-Cal route carries the
   State Hearing choice and its trap ("If you start the Medi-Cal State Hearing process you
   cannot get an Independent Medical Review", research 1.1).
5. **DMHC or CDI**, on their decisive markers (the HSC 1368.02(b) statement, the DMHC or CDI
   phone numbers and web sites); when both appear, the one with more evidence, and UNKNOWN on
   a tie (the patient is asked). ERISA wording beside a state regulator's marks an *insured*
   group plan, which stays with the state regulator (research 1.1: "Insured (not self-funded)
   ERISA group plans are still DMHC- or CDI-regulated").
6. **ERISA**, on its decisive markers with no state regulator named (29 CFR 2560.503-1
   wording: Section 502(a), "civil action", EBSA).
7. Weak markers only: the route with the most weak evidence, at low confidence (never
   workers' compensation).
8. Nothing: UNKNOWN, with no Finding (there is nothing to quote).

Every marker weighed is kept (``RouteDecision.considered``) and quoted by
``RouteDecision.findings`` (``route_evidence``): the deciding quote first, then the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from denialwatch.domain import quote
from denialwatch.domain.model import Finding, Route
from denialwatch.domain.quote import Page

DECISIVE = 0.75
_PHONE_SEP = r"[-.\s]?"


@dataclass(frozen=True)
class RouteRule:
    route: Route
    name: str
    """What the marker is, for the review list and the tests (never letter text)."""
    pattern: re.Pattern[str]
    weight: float
    self_funded: bool = False

    @property
    def decisive(self) -> bool:
        return self.weight >= DECISIVE


def _rule(
    route: Route, name: str, pattern: str, weight: float, *, self_funded: bool = False
) -> RouteRule:
    return RouteRule(route, name, re.compile(pattern, re.IGNORECASE), weight, self_funded)


def _phone(area: str, exchange: str, line: str) -> str:
    return rf"(?<!\d)\(?{area}\)?{_PHONE_SEP}{exchange}{_PHONE_SEP}{line}(?![\d])"


RULES: tuple[RouteRule, ...] = (
    # DMHC: HSC 1368.02(b) statement and contacts (research 1.2, S2; DOMAIN.md "DMHC facts").
    _rule(
        Route.DMHC,
        "DMHC statement (HSC 1368.02(b))",
        r"responsible\s++for\s++regulating\s++health\s++care\s++service\s++plans",
        0.95,
    ),
    _rule(
        Route.DMHC,
        "DMHC statement in Spanish (HSC 1368.02(b))",
        r"responsable\s++de\s++regular\s++(?:los\s++)?planes\s++de\s++servicios?\s++de\s++"
        r"(?:atenci[oó]n|cuidado)",
        0.95,
    ),
    _rule(
        Route.DMHC,
        "Department of Managed Health Care named",
        r"department\s++of\s++managed\s++health\s++care|(?-i:\bDMHC\b)|"
        r"departamento\s++de\s++administraci[oó]n\s++del\s++cuidado\s++de\s++la\s++salud",
        0.85,
    ),
    _rule(
        Route.DMHC,
        "DMHC Help Center phone",
        _phone("888", "466", "2219") + r"|888" + _PHONE_SEP + r"HMO" + _PHONE_SEP + r"2219",
        0.9,
    ),
    _rule(Route.DMHC, "DMHC TDD line", _phone("877", "688", "9891"), 0.9),
    _rule(Route.DMHC, "DMHC web site", r"\b(?:dmhc|hmohelp|healthhelp)\.ca\.gov\b", 0.9),
    # CDI: research 1.1 (S10 contacts page) and DOMAIN.md "Which regulator".
    _rule(
        Route.CDI,
        "California Department of Insurance named",
        r"california\s++department\s++of\s++insurance|department\s++of\s++insurance\s++"
        r"(?:of|in)\s++california|departamento\s++de\s++seguros\s++de\s++california",
        0.9,
    ),
    _rule(
        Route.CDI,
        "CDI consumer hotline",
        _phone("800", "927", "4357") + r"|800" + _PHONE_SEP + r"927" + _PHONE_SEP + r"HELP",
        0.9,
    ),
    _rule(Route.CDI, "CDI TTY line", _phone("800", "482", "4833"), 0.9),
    _rule(Route.CDI, "CDI web site", r"\binsurance\.ca\.gov\b", 0.9),
    _rule(
        Route.CDI,
        "insurance-policy wording",
        r"\binsured\b|\bpolicyholder\b|\byour\s++policy\b(?!\s++(?:criteria|bulletin|guideline))",
        0.3,
    ),
    # Medi-Cal managed care: research 1.1 (Medi-Cal row) and 7.1 (Medi-Cal wording).
    _rule(
        Route.MEDI_CAL,
        "Medi-Cal notice title",
        r"notice\s++of\s++action|notice\s++of\s++appeal\s++resolution|aviso\s++de\s++acci[^\W\d_]n|"
        r"aviso\s++de\s++resoluci[oó]n\s++de\s++(?:la\s++)?apelaci[oó]n",
        0.85,
    ),
    _rule(
        Route.MEDI_CAL,
        "State Hearing",
        r"\bstate\s++hearing|audiencia\s++(?:imparcial\s++)?estatal",
        0.85,
    ),
    _rule(Route.MEDI_CAL, "Medi-Cal named", r"\bmedi-cal\b(?!\s++rx)|(?-i:\bMediCal\b)", 0.8),
    _rule(Route.MEDI_CAL, "aid paid pending", r"aid\s++paid\s++pending", 0.85),
    _rule(Route.MEDI_CAL, "State Hearing phone (CDSS)", _phone("800", "952", "5253"), 0.85),
    _rule(
        Route.MEDI_CAL,
        "Notice of Adverse Benefit Determination title",
        r"notice\s++of\s++adverse\s++benefit\s++determination|"
        r"aviso\s++de\s++determinaci[oó]n\s++adversa",
        0.6,
    ),
    # Medicare: research 1.1 (Medicare row), 7.1 and 7.2 (CMS-10003).
    _rule(
        Route.MEDICARE,
        "Medicare denial notice title (CMS-10003)",
        r"notice\s++of\s++denial\s++of\s++(?:medical\s++coverage|payment)|"
        r"integrated\s++denial\s++notice|\bCMS-?10003\b",
        0.95,
    ),
    _rule(Route.MEDICARE, "Independent Review Entity", r"independent\s++review\s++entity", 0.9),
    _rule(Route.MEDICARE, "organization determination", r"organi[sz]ation\s++determination", 0.85),
    _rule(
        Route.MEDICARE,
        "Medicare Advantage or Medicare plan",
        r"medicare\s++advantage|medicare\s++(?:health\s++)?plan\b|\bpart\s++[CD]\b\s++plan|"
        r"1-?800-?MEDICARE|" + _phone("800", "633", "4227"),
        0.85,
    ),
    _rule(Route.MEDICARE, "Medicare named", r"\bmedicare\b", 0.5),
    _rule(Route.MEDICARE, "reconsideration", r"\breconsideration\b", 0.3),
    # ERISA: research 1.1 (ERISA row; 29 CFR 2560.503-1), DOMAIN.md "Which regulator".
    _rule(
        Route.ERISA, "self-funded plan", r"\bself[-\s]?(?:funded|insured)\b", 0.9, self_funded=True
    ),
    _rule(
        Route.ERISA,
        "ERISA named",
        r"(?-i:\bERISA\b)|employee\s++retirement\s++income\s++security\s++act",
        0.8,
    ),
    _rule(Route.ERISA, "ERISA Section 502(a)", r"section\s++502\s*+\(\s*+a\s*+\)", 0.85),
    _rule(Route.ERISA, "civil action right", r"(?:bring|file)\s++a\s++civil\s++action", 0.8),
    _rule(
        Route.ERISA,
        "Employee Benefits Security Administration",
        r"employee\s++benefits\s++security\s++administration|(?-i:\bEBSA\b)|"
        + _phone("866", "444", "3272"),
        0.8,
    ),
    # Workers' compensation: research 1.1 (workers' compensation row; Labor Code 4610.5).
    _rule(Route.WORKERS_COMP, "DWC IMR form", r"\bDWC\b[^\n]{0,20}\bIMR\b|\bform\s++IMR\b", 0.95),
    _rule(
        Route.WORKERS_COMP,
        "workers' compensation named",
        r"workers['\u2019]?\s++comp(?:ensation)?\b|division\s++of\s++workers|"
        r"compensaci[oó]n\s++(?:de|para)\s++(?:los\s++)?trabajadores",
        0.9,
    ),
    _rule(Route.WORKERS_COMP, "injured worker", r"injured\s++(?:worker|employee)", 0.85),
    _rule(Route.WORKERS_COMP, "date of injury", r"date\s++of\s++injury", 0.5),
    _rule(
        Route.WORKERS_COMP, "Labor Code 4610", r"labor\s++code\s++(?:section\s++|§\s*+)?4610", 0.9
    ),
    _rule(Route.WORKERS_COMP, "claims administrator", r"claims\s++administrator", 0.4),
    _rule(
        Route.WORKERS_COMP,
        "request for authorization (RFA)",
        r"request\s++for\s++authori[sz]ation\s++\(RFA\)|(?-i:\bRFA\b)",
        0.4,
    ),
    _rule(Route.WORKERS_COMP, "utilization review", r"utili[sz]ation\s++review", 0.2),
)


@dataclass(frozen=True)
class Evidence:
    rule: RouteRule
    page: Page
    start: int
    end: int


@dataclass(frozen=True)
class RouteDecision:
    route: Route
    why: str
    """Which precedence step decided, for the review list."""
    evidence: Evidence | None
    """The marker quoted for the route; None when nothing was found."""
    confidence: float
    considered: tuple[Evidence, ...] = ()
    """Every marker found (each rule's first occurrence, ``evidence_in``), the deciding one
    among them."""

    def finding(self) -> Finding[Route] | None:
        if self.evidence is None:
            return None
        found = self.evidence
        unit = quote.line_span(found.page.text, found.start, found.end)
        return quote.derived(
            found.page, self.route, (found.start, found.end), unit, self.confidence
        )

    def findings(self) -> tuple[Finding[Route], ...]:
        """Every quote that points at a regulator, for ``Reading.route_evidence``: the deciding
        one first (``finding``: the decided route, at the decision's confidence), then every
        other marker, strongest first, each valued as its own rule's route at the rule's
        weight (weak markers included: a reviewer sees why a route was not chosen; with no
        decision, only those). A line that shows the same route twice is quoted once; the
        deciding marker appears again under its own route only when the decision differs from
        it (DMHC and CDI tied: UNKNOWN)."""
        deciding = self.finding()
        found: list[Finding[Route]] = [] if deciding is None else [deciding]
        seen = {(f.value, f.quote, f.document, f.page) for f in found}
        for marker in sorted(self.considered, key=lambda e: -e.rule.weight):
            unit = quote.line_span(marker.page.text, marker.start, marker.end)
            span = (marker.start, marker.end)
            finding = quote.derived(marker.page, marker.rule.route, span, unit, marker.rule.weight)
            key = (finding.value, finding.quote, finding.document, finding.page)
            if key not in seen:
                seen.add(key)
                found.append(finding)
        return tuple(found)


def evidence_in(pages: Sequence[Page]) -> tuple[Evidence, ...]:
    """The first occurrence of every rule, scanning pages in the given order of preference."""
    found: list[Evidence] = []
    for rule in RULES:
        for page in pages:
            match = rule.pattern.search(page.text)
            if match:
                found.append(Evidence(rule, page, match.start(), match.end()))
                break
    return tuple(found)


def routes_named_in(text: str) -> frozenset[Route]:
    """Every route some rule finds in ``text`` (used to check a quote supports its route)."""
    return frozenset(rule.route for rule in RULES if rule.pattern.search(text))


def _decided(
    route: Route, why: str, evidence: Sequence[Evidence], confidence: float | None = None
) -> RouteDecision:
    """Quote the strongest marker for ``route`` (the caller knows there is one)."""
    best = max((e for e in evidence if e.rule.route is route), key=lambda e: e.rule.weight)
    return RouteDecision(route, why, best, best.rule.weight if confidence is None else confidence)


Step = Callable[[Sequence[Evidence]], RouteDecision | None]


def _decisive(route: Route, why: str, *, self_funded: bool = False) -> Step:
    """A step that decides ``route`` when a decisive marker for it was found."""

    def step(evidence: Sequence[Evidence]) -> RouteDecision | None:
        mine = [
            e
            for e in evidence
            if e.rule.route is route and e.rule.decisive and (e.rule.self_funded or not self_funded)
        ]
        return _decided(route, why, mine) if mine else None

    return step


def _state(evidence: Sequence[Evidence]) -> RouteDecision | None:
    """DMHC or CDI; both named: more evidence wins, a tie is UNKNOWN (ask the patient)."""
    decisive = [e for e in evidence if e.rule.decisive and e.rule.route in (Route.DMHC, Route.CDI)]
    totals = {r: sum(e.rule.weight for e in decisive if e.rule.route is r) for r in _STATE}
    named = [r for r in _STATE if totals[r]]
    if len(named) == 1:
        return _decided(named[0], "state regulator named", decisive)
    if not named:
        return None
    if totals[Route.DMHC] == totals[Route.CDI]:
        best = max(decisive, key=lambda e: e.rule.weight)
        return RouteDecision(Route.UNKNOWN, "DMHC and CDI named equally", best, 0.3)
    winner = max(_STATE, key=lambda r: totals[r])
    return _decided(winner, "DMHC and CDI both named; more evidence wins", decisive, 0.6)


def _weak(evidence: Sequence[Evidence]) -> RouteDecision | None:
    """Weak markers only: the route with the most weight, never above 0.4 confidence. Weak
    workers' compensation words ("utilization review") are common on health-plan letters and
    never decide."""
    totals: dict[Route, float] = {}
    for e in evidence:
        if e.rule.route is Route.WORKERS_COMP:
            continue
        totals[e.rule.route] = totals.get(e.rule.route, 0.0) + e.rule.weight
    if not totals:
        return None
    route = max(totals, key=lambda r: totals[r])
    return _decided(route, "weak wording only", evidence, min(0.4, totals[route]))


_STATE = (Route.DMHC, Route.CDI)
PRECEDENCE: tuple[Step, ...] = (
    _decisive(Route.WORKERS_COMP, "workers' compensation wording"),
    _decisive(Route.MEDICARE, "Medicare wording outranks state regulators"),
    _decisive(Route.ERISA, "a self-funded plan is not state-regulated", self_funded=True),
    _decisive(Route.MEDI_CAL, "Medi-Cal wording outranks the DMHC statement"),
    _state,
    _decisive(Route.ERISA, "ERISA wording and no state regulator"),
    _weak,
)
"""The steps of the module docstring's precedence, in order; the first decision wins."""


def decide_route(pages: Sequence[Page]) -> RouteDecision:
    """The route for a letter, by the precedence in the module docstring; the decision keeps
    every marker it weighed (``RouteDecision.considered``)."""
    evidence = evidence_in(pages)
    for step in PRECEDENCE:
        decision = step(evidence)
        if decision is not None:
            return replace(decision, considered=evidence)
    return RouteDecision(Route.UNKNOWN, "no regulator named", None, 0.0, evidence)


def route_evidence(pages: Sequence[Page]) -> tuple[Finding[Route], ...]:
    """Every quote that points at a regulator, the deciding one first (for
    ``Reading.route_evidence``; ``decide_route(pages).findings()``)."""
    return decide_route(pages).findings()
