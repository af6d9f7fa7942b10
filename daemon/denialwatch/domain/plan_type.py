"""Which kind of plan a letter is about, as the letter names it: HMO, PPO, Medi-Cal, ...

The vocabulary is ``PlanType``; its values are what ``Reading.plan_type`` holds, written as
letters and plan cards print them:

==============================  ==============================================================
``HMO``                         a health maintenance organization (always DMHC-licensed)
``PPO``                         a preferred provider organization (DMHC or CDI: research 1.1)
``EPO``                         an exclusive provider organization
``POS``                         a point-of-service plan
``HDHP``                        a high-deductible health plan (HSA-qualified)
``Medi-Cal``                    Medi-Cal managed care (not Medi-Cal Rx, fee-for-service)
``Medicare Advantage``          Medicare Advantage (Part C), D-SNP and Medicare Medi-Cal plans,
                                and whoever sends the CMS-10003 notice (research 7.2)
``Medicare Part D``             a Medicare prescription drug plan
``self-funded``                 a self-funded (self-insured) employer plan (ERISA, research 1.1)
``individual and family plan``  an individual and family plan, or an individual policy
``Covered California``          a plan bought through Covered California
==============================  ==============================================================

Rules are data (``RULES``): a type, a pattern and the confidence of the wording: 0.7 when
the letter names the plan ("PPO plan", "a Medicare Advantage Organization", "The Plan is
self-funded"), 0.6 for a bare mention ("HMO"). A match on a labelled line ("Plan type:
PPO", "Policy: Anthem PPO Select") is worth 0.9. Conditional sentences ("If you have
Medi-Cal, ...") describe someone else's plan and are skipped, as is "not self-funded".
Acronyms that mean other things are only read in a plan phrase: EPO is also a drug
(epoetin alfa) and POS a pharmacy's point of sale.

Choice: documents in the given order of preference, the first with any match; in it the
highest confidence, then ``PRECEDENCE`` (the programmes that change the route first, as in
route.py: Medicare before Medi-Cal before self-funded; Medicare Advantage before Part D),
then reading order.

Invariant (tested): the value is one of ``plan_types_named_in(quote)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from denialwatch.domain import quote
from denialwatch.domain.extract import LABELLED, by_document
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

NAMED = 0.7
MENTIONED = 0.6


class PlanType(StrEnum):
    """The kinds of plan the reader recognises (the module docstring says what each means)."""

    HMO = "HMO"
    PPO = "PPO"
    EPO = "EPO"
    POS = "POS"
    HDHP = "HDHP"
    MEDI_CAL = "Medi-Cal"
    MEDICARE_ADVANTAGE = "Medicare Advantage"
    MEDICARE_PART_D = "Medicare Part D"
    SELF_FUNDED = "self-funded"
    INDIVIDUAL_FAMILY = "individual and family plan"
    COVERED_CALIFORNIA = "Covered California"


PRECEDENCE: tuple[PlanType, ...] = (
    PlanType.MEDICARE_ADVANTAGE,
    PlanType.MEDICARE_PART_D,
    PlanType.MEDI_CAL,
    PlanType.SELF_FUNDED,
    PlanType.HMO,
    PlanType.PPO,
    PlanType.EPO,
    PlanType.POS,
    PlanType.HDHP,
    PlanType.INDIVIDUAL_FAMILY,
    PlanType.COVERED_CALIFORNIA,
)
"""Which type wins a tie of confidence (route.py's precedence: Medicare, Medi-Cal, ERISA). A
Medicare Advantage plan with drug coverage (MA-PD) also names Part D: it is Medicare
Advantage; a stand-alone drug plan never calls itself that."""


@dataclass(frozen=True)
class PlanTypeRule:
    plan_type: PlanType
    pattern: re.Pattern[str]
    confidence: float


_PLAN_WORD = (
    r"(?:plans?|members?|membership|network|coverage|products?|contracts?|enrollees?|policy"
    r"|options?|benefit\s++plan)\b"
)


def _rule(plan_type: PlanType, pattern: str, confidence: float) -> PlanTypeRule:
    return PlanTypeRule(plan_type, re.compile(pattern, re.IGNORECASE), confidence)


def _acronym(letters: str) -> str:
    """The acronym as a word of its own: never inside "1-888-HMO-2219" or "hmohelp.ca.gov"."""
    return rf"(?<![-\w.])(?-i:{letters})(?![-\w])"


RULES: tuple[PlanTypeRule, ...] = (
    _rule(
        PlanType.MEDICARE_PART_D,
        r"\bmedicare\s++part\s++d\b|\bpart\s++d\s++(?:plan|coverage|prescription|drug)"
        r"|\bmedicare\s++prescription\s++drug\s++(?:plan|coverage)|" + _acronym("PDP"),
        NAMED,
    ),
    _rule(
        PlanType.MEDICARE_ADVANTAGE,
        r"\bmedicare\s++advantage\b|\bmedicare\s++part\s++c\b|\bmedicare\s++(?:hmo|ppo)\b"
        r"|\bmedicare[-\s]++medi-cal\s++plan|dual\s++(?:eligible\s++)?special\s++needs\s++plan"
        r"|" + _acronym("D-?SNP") + "|" + _acronym("MA-?PD") + r"|notice\s++of\s++denial\s++of\s++"
        r"(?:medical\s++coverage|payment)|integrated\s++denial\s++notice",
        NAMED,
    ),
    _rule(
        PlanType.MEDI_CAL,
        r"\bmedi-cal\s++(?:managed\s++care|health\s++plan|beneficiar(?:y|ies)|" + _PLAN_WORD + ")"
        r"|\bplan\s++de\s++medi-cal\b",
        NAMED,
    ),
    _rule(PlanType.MEDI_CAL, r"\bmedi-cal\b(?!\s++rx)|(?-i:\bMediCal\b)", MENTIONED),
    _rule(
        PlanType.SELF_FUNDED,
        r"(?<!not\s)(?<!non-)\bself[-\s]?(?:funded|insured)\b"
        r"|\badministrative\s++services\s++only\b",
        NAMED,
    ),
    _rule(
        PlanType.HMO,
        r"health\s++maintenance\s++organi[sz]ation|"
        + _acronym("HMO")
        + r"\s++"
        + _PLAN_WORD
        + r"|\(HMO\)|\b(?:your|our|this)\s++"
        + _acronym("HMO"),
        NAMED,
    ),
    _rule(PlanType.HMO, _acronym("HMO"), MENTIONED),
    _rule(
        PlanType.PPO,
        r"preferred\s++provider\s++(?:organi[sz]ation|plan|network)|"
        + _acronym("PPO")
        + r"\s++"
        + _PLAN_WORD
        + r"|\(PPO\)|\b(?:your|our|this)\s++"
        + _acronym("PPO"),
        NAMED,
    ),
    _rule(PlanType.PPO, _acronym("PPO"), MENTIONED),
    _rule(
        PlanType.EPO,
        r"exclusive\s++provider\s++organi[sz]ation|"
        + _acronym("EPO")
        + r"\s++"
        + _PLAN_WORD
        + r"|\b(?:your|our|this)\s++"
        + _acronym("EPO"),
        NAMED,
    ),
    _rule(
        PlanType.POS,
        r"point[-\s]of[-\s]service\s++(?:\(POS\)\s++)?"
        + _PLAN_WORD
        + "|"
        + _acronym("POS")
        + r"\s++"
        + _PLAN_WORD,
        NAMED,
    ),
    _rule(
        PlanType.HDHP,
        r"high[-\s]deductible\s++health\s++plan|"
        + _acronym("HDHP")
        + r"|\bHSA[-\s](?:qualified|compatible|eligible)\s++(?:health\s++)?plan",
        NAMED,
    ),
    _rule(
        PlanType.INDIVIDUAL_FAMILY,
        r"\bindividual\s++(?:and|&)\s++family\s++(?:health\s++)?(?:plan|coverage|policy)"
        r"|" + _acronym("IFP") + r"|\bindividual\s++(?:health\s++)?(?:insurance\s++)?"
        r"(?:plan|policy)\b(?!\s++of\s++(?:care|treatment))",
        NAMED,
    ),
    _rule(PlanType.COVERED_CALIFORNIA, r"\bcovered\s++california\b", NAMED),
)
assert {rule.plan_type for rule in RULES} == set(PRECEDENCE)

_LABEL = re.compile(
    r"[ \t]*+(?:[-•*][ \t]*+)?(?:\*\*)?(?:plan(?:\s++(?:type|name))?"
    r"|type\s++of\s++(?:plan|coverage)|product(?:\s++(?:type|name))?|coverage(?:\s++type)?"
    r"|line\s++of\s++business|(?-i:LOB)"
    r"|program|network|policy(?:\s++type)?|(?:health\s++|benefit\s++)plan|tipo\s++de\s++plan"
    r"|plan\s++de\s++salud|programa)(?:\*\*)?[ \t]*+:[^\n]{0,120}",
    re.IGNORECASE,
)
"""A labelled line up to the match: "Plan type: ", "Policy: Anthem PPO Select (" ..."""
_CONDITIONAL = re.compile(r"\bif\b|\bunless\b|\bwhether\b|\bsi\b", re.IGNORECASE)
LABEL_REACH = 160
"""How far back from a match to look for the start of its labelled line."""


def find_plan_type(pages: Sequence[Page]) -> Finding[str] | None:
    """The plan's type (a ``PlanType`` value), quoted from the line or sentence naming it."""
    for document in by_document(pages):
        best: tuple[float, int, int, int, Finding[str]] | None = None
        for index, page in enumerate(document):
            for rule in RULES:
                found = _first_on(page, rule)
                if found is None:
                    continue
                start, finding = found
                rank = -PRECEDENCE.index(rule.plan_type)
                key = (finding.confidence, rank, -index, -start, finding)
                if best is None or key[:4] > best[:4]:
                    best = key
        if best is not None:
            return best[4]
    return None


def _first_on(page: Page, rule: PlanTypeRule) -> tuple[int, Finding[str]] | None:
    text = page.text
    for match in quote.matches(rule.pattern, text):
        line_start = text.rfind("\n", max(0, match.start() - LABEL_REACH), match.start()) + 1
        if _LABEL.fullmatch(text, line_start, match.start()):
            unit = quote.line_span(text, match.start(), match.end())
            confidence = LABELLED
        else:
            unit = quote.sentence_span(text, match.start(), match.end())
            if _CONDITIONAL.search(text, unit[0], unit[1]):
                continue
            confidence = rule.confidence
        value: str = rule.plan_type
        return match.start(), quote.derived(page, value, match.span(), unit, confidence)
    return None


def plan_types_named_in(text: str) -> frozenset[str]:
    """Every plan type some rule finds in ``text`` (to check a quote supports its value)."""
    return frozenset(rule.plan_type.value for rule in RULES if rule.pattern.search(text))
