"""Which kind of review fits the denial's reason, and whether the case was handled as urgent.

Category rules are data (``RULES``) from DOMAIN.md "Which kind of IMR" and the research file
7.1, in precedence order; the first rule that matches wins:

1. Experimental / investigational (HSC 1370.4, 1367.21(i)): it needs no plan grievance
   first, so missing it costs the patient the most time.
2. Emergency payment, explicit ("not an emergency", "non-emergent", prudent layperson;
   DMHC S7, HSC 1371.4 via research 7.1).
3. Medical necessity, explicit ("not medically necessary", InterQual, MCG, "level of care";
   HSC 1374.30(b)). It outranks pharmacy: DOMAIN.md says a pharmacy denial goes to IMR "if
   called not medically necessary", and outranks "cosmetic"/"not covered" for the same reason
   (the IMR path is open whenever the plan calls it a medical judgement).
4. Pharmacy (formulary, step therapy, quantity limit; HSC 1367.24, 1367.206).
5. Emergency payment, weak (an ambulance or ER visit named in the reason).
6. Not a covered benefit / exclusion (HSC 1368(b), 1374.30(d) via research 7.1).
7. Administrative (no prior authorization, timely filing, coordination of benefits).
8. Medical necessity, weak ("does not meet the criteria", "not consistent with published
   clinical evidence").

The plan's stated reasons are searched first (every rule over the reasons); only when they
name no category is the rest of the letter searched, skipping rights notices and
conditionals (``quote.is_boilerplate``), at lower confidence.

A DMHC letter (``find_review_type``) states the IMR type itself ("Type of review: Medical
Necessity", research 3.2), else says what the dispute is ("an excluded benefit, which is a
coverage dispute"): the same rules over its own sentences.

Urgency: only a statement that *this* case is expedited counts ("Review type: Expedited",
"we processed your request as urgent", "we reviewed it within 72 hours"); the rights
paragraph every letter prints ("If your case is urgent you may ask for an expedited review";
"Fast appeal: we will decide within 72 hours", 28 CCR 1300.68.01, CMS-10003) does not.
No statement means None, not False: silence is not evidence of a standard case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from denialwatch.domain import quote
from denialwatch.domain.model import Category, Finding
from denialwatch.domain.quote import Page

FALLBACK_DISCOUNT = 0.75
"""Confidence factor for a category read outside the plan's stated reasons."""


@dataclass(frozen=True)
class CategoryRule:
    category: Category
    name: str
    pattern: re.Pattern[str]
    confidence: float


def _rule(category: Category, name: str, pattern: str, confidence: float) -> CategoryRule:
    return CategoryRule(category, name, re.compile(pattern, re.IGNORECASE), confidence)


RULES: tuple[CategoryRule, ...] = (
    _rule(
        Category.EXPERIMENTAL,
        "experimental or investigational",
        r"\bexperimental\b|\binvestigational\b|\binvestigative\b|\bunproven\b"
        r"|\bnot\s++(?:been\s++)?(?:FDA|food\s++and\s++drug\s++administration)[-\s]approved"
        r"|\boff[-\s]label\b|insufficient\s++(?:peer[-\s]reviewed\s++|scientific\s++|clinical\s++)?"
        r"(?:evidence|literature)|\bde\s++investigaci[oó]n\b|\bexperimental(?:es)?\b",
        0.85,
    ),
    _rule(
        Category.EMERGENCY_PAYMENT,
        "not an emergency",
        r"\bnot\s++(?:an?\s++)?emergen(?:cy|t)\b|\bnon-?emergen(?:t|cy\s++(?:condition|visit))"
        r"|did\s++not\s++meet\s++(?:the\s++)?(?:criteria\s++for\s++an?\s++)?emergency"
        r"|prudent\s++lay\s?person|out[-\s]of[-\s]network\s++emergency|no\s++(?:era|es)\s++una\s++emergencia",
        0.8,
    ),
    _rule(
        Category.MEDICAL_NECESSITY,
        "not medically necessary",
        r"\b(?:not|no\s++longer)\s++medically\s++(?:necessary|needed|appropriate)|lack\s++of\s++medical\s++necessity"
        r"|medical\s++necessity\s++criteria|\bInterQual\b|\bMCG\b|\bMilliman\b"
        r"|\bnot\s++deemed\s++(?:an?\s++)?['\"\u2018\u201c]?medical(?:ly)?\s++necess"
        r"|\blevel\s++of\s++care\b|\bnot\s++(?:an?\s++)?(?:appropriate|medically\s++appropriate)\s++"
        r"(?:setting|place)|\bno\s++(?:es|son|era|fue)\s++m[eé]dicamente\s++necesari[oa]s?",
        0.85,
    ),
    _rule(
        Category.PHARMACY,
        "formulary or step therapy",
        r"\bnon-?formulary\b|\bnot\s++on\s++(?:the|our|your)\s++(?:plan['\u2019]?s\s++)?"
        r"(?:formulary|drug\s++list|preferred\s++drug\s++list)|\bstep[-\s]therapy\b"
        r"|\bquantity\s++limits?\b|\bpreferred\s++(?:alternative|drug|medication|product)s?\b"
        r"|\bformulary\s++(?:alternative|exception)s?\b|\btried\s++and\s++failed\b"
        r"|terapia\s++escalonada|fuera\s++del\s++formulario|\bl[ií]mites?\s++de\s++cantidad"
        r"|\bno\s++est[aá]\s++(?:incluid[oa]\s++)?en\s++(?:el|nuestro|su)\s++formulario"
        r"|\bno\s++est[aá]\s++en\s++(?:la|nuestra|su)\s++lista\s++de\s++medicamentos"
        r"|\bmedicamentos?\s++no\s++preferidos?\b",
        0.8,
    ),
    _rule(
        Category.EMERGENCY_PAYMENT,
        "ambulance or emergency room",
        r"\bambulance\b|\bemergency\s++(?:room|department)\s++(?:visit|services?|care|claim)",
        0.5,
    ),
    _rule(
        Category.NOT_COVERED,
        "not a covered benefit",
        r"\bnot\s++a\s++covered\s++(?:benefit|service)|\bnot\s++covered\s++(?:by|under)\s++(?:your|the)\s++"
        r"(?:plan|policy|contract|benefits?)|\bexcluded\b|\bexclusions?\b|\bcosmetic\b"
        r"|benefit\s++(?:maximum|limit)|no\s++es\s++un\s++beneficio\s++cubierto|\bexclu(?:ido|sión)\b",
        0.75,
    ),
    _rule(
        Category.ADMINISTRATIVE,
        "administrative",
        r"\b(?:no\s++|without\s++(?:an?\s++)?|did\s++not\s++(?:obtain|get|receive)\s++(?:an?\s++)?)"
        r"(?:prior\s++)?(?:authori[sz]ation|referral)\b|prior\s++authori[sz]ation\s++(?:was\s++)?not\s++"
        r"(?:obtained|requested|received)|\bno\s++record\s++(?:of\s++(?:an?\s++|the\s++)?(?:prior\s++)?"
        r"(?:authori[sz]ation|pre-?certification|referral)|that\s++(?:you|your\s++(?:provider|doctor"
        r"|physician)|the\s++provider)\s++(?:asked\s++for|requested|obtained|got)\b)"
        r"|\b(?:pre-?certification|authori[sz]ation)(?:\s*+/\s*+(?:pre-?certification|authori[sz]ation"
        r"|notification))*+\s++(?:was\s++|is\s++)?(?:absent|missing)\b"
        r"|\bsin\s++(?:la\s++)?autorizaci[oó]n\s++previa|\bfalta\s++de\s++autorizaci[oó]n"
        r"|\buntimely\b|\btimely\s++filing\b|filing\s++(?:limit|deadline)"
        r"|\bfiled\s++after\b|\bduplicate\s++(?:claim|service)|coordination\s++of\s++benefits"
        r"|third[-\s]party\s++liability|missing\s++(?:claim\s++)?information",
        0.7,
    ),
    _rule(
        Category.MEDICAL_NECESSITY,
        "criteria not met",
        r"\bdo(?:es)?\s++not\s++meet\s++(?:the\s++|these\s++|our\s++|any\s++of\s++(?:the|these)\s++)?"
        r"(?:following\s++)?(?:clinical\s++)?(?:criteria|guidelines)|criteria\s++(?:were|was|are|is|have)\s++"
        r"(?:not|never)\s++(?:been\s++)?met|not\s++consistent\s++with\s++(?:published\s++|generally\s++accepted\s++)?"
        r"(?:clinical|medical)\s++(?:evidence|guidelines|literature|standards)"
        r"|no\s++cumple\s++(?:con\s++)?(?:los\s++)?criterios",
        0.6,
    ),
)


_REVIEW_TYPE_LABEL = re.compile(
    r"^[ \t]*+(?:type\s++of\s++(?:review|IMR|case|complaint)|(?:IMR|review|case|complaint)\s++type"
    r"|tipo\s++de\s++(?:revisi[oó]n|IMR|caso|queja))[ \t]*+:[ \t]*+(?P<value>[^\n]{1,80})",
    re.IGNORECASE | re.MULTILINE,
)
REVIEW_TYPES: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (Category.EXPERIMENTAL, r"\bexperimental|\binvestigational|\binvestigaci[oó]n"),
        (
            Category.EMERGENCY_PAYMENT,
            r"\burgent\s++care|\bemergency|\breimbursement|atenci[oó]n\s++urgente|\bemergencia"
            r"|\breembolso",
        ),
        (Category.MEDICAL_NECESSITY, r"\bmedical(?:ly)?\s++necess|necesidad\s++m[eé]dica"),
        (Category.NOT_COVERED, r"\bcoverage|\bcovered\s++benefit|\bcobertura"),
    )
)
"""The IMR types a DMHC letter names in its "Type of review:" line (research 3.2: Medical
Necessity, Experimental/Investigational, Urgent Care, the last being payment for emergency or
urgent services), and a coverage dispute, which the DMHC reviews as a complaint. "Type of
review: Expedited" names none (that is urgency, ``find_urgent``)."""


def review_type_named_in(text: str) -> Category | None:
    """The category of the first "Type of review:" line in ``text`` that names one."""
    for label in quote.matches(_REVIEW_TYPE_LABEL, text):
        found = next((c for c, p in REVIEW_TYPES if p.search(label.group("value"))), None)
        if found is not None:
            return found
    return None


def find_review_type(pages: Sequence[Page]) -> Finding[Category] | None:
    """The category a DMHC letter states: its "Type of review:" line ("Type of review:
    Experimental/Investigational"), else the category its own sentences name ("denied the
    service as an excluded benefit, which is a coverage dispute"), rights notices skipped."""
    for page in pages:
        for label in quote.matches(_REVIEW_TYPE_LABEL, page.text):
            found = review_type_named_in(label.group())
            if found is not None:
                unit = quote.line_span(page.text, label.start(), label.end())
                return quote.derived(page, found, label.span("value"), unit, 0.9)
    return _from_text(pages)


def category_named_in(text: str) -> Category | None:
    """The category the first matching rule gives ``text`` (precedence as in RULES)."""
    return next((rule.category for rule in RULES if rule.pattern.search(text)), None)


def _from_reasons(reasons: Sequence[Finding[str]]) -> Finding[Category] | None:
    """The first rule (by precedence) any stated reason matches; the quote is the part of the
    reason's quote around the match (a substring of it, so of the page too)."""
    for rule in RULES:
        for reason in reasons:
            match = rule.pattern.search(reason.quote)
            if match:
                text = reason.quote
                start, end = quote.capped(text, (0, len(text)), match.span())
                confidence = round(min(rule.confidence, reason.confidence + 0.1), 2)
                return Finding(
                    rule.category, text[start:end], reason.document, reason.page, confidence
                )
    return None


def _from_text(pages: Sequence[Page]) -> Finding[Category] | None:
    for rule in RULES:
        for page in pages:
            for match in quote.matches(rule.pattern, page.text):
                unit = quote.sentence_span(page.text, match.start(), match.end())
                if quote.is_boilerplate(page.text[unit[0] : unit[1]]):
                    continue
                confidence = round(rule.confidence * FALLBACK_DISCOUNT, 2)
                return quote.derived(
                    page, rule.category, (match.start(), match.end()), unit, confidence
                )
    return None


def find_category(
    reasons: Sequence[Finding[str]], pages: Sequence[Page]
) -> Finding[Category] | None:
    """The denial's category: from the plan's stated reasons, else from the letter's text."""
    return _from_reasons(reasons) or _from_text(pages)


_URGENT_LABEL = re.compile(
    r"(?:type\s++of\s++(?:review|request|decision)|review\s++type|request\s++type|priority|tipo\s++de\s++"
    r"(?:revisi[oó]n|solicitud))\s*+:\s*+(?:urgent|expedited|fast|urgente|acelerad[ao])\b"
    r"(?!\s++care\b)",
    re.IGNORECASE,
)
_URGENT_STATEMENT = re.compile(
    r"\b(?:expedited|urgent)\s++(?:pre-?service\s++|initial\s++|organi[sz]ation\s++)?"
    r"(?:review|request|appeal|decision|determination|authori[sz]ation|grievance|denial)"
    r"|\b(?:as|on\s++an?)\s++(?:expedited|urgent)\b"
    r"|\b(?:reviewed|decided|processed|handled|made)\b[^.\n]{0,60}\bwithin\s++(?:24|72|twenty-four"
    r"|seventy-two)\s++hours"
    r"|\b(?:revisi[oó]n|solicitud|apelaci[oó]n|decisi[oó]n)\s++(?:urgente|acelerada)",
    re.IGNORECASE,
)
_NOT_THIS_CASE = re.compile(
    r"\bask(?:ing)?\s++(?:us\s++)?for\b|\brequest\s++(?:an?|a\s++fast)\b|\bto\s++request\b"
    r"|\bwill\b|\bcan\b|\bpuede|\bpodemos",
    re.IGNORECASE,
)
"""A rights notice about urgency (what the patient may ask, what the plan will do)."""


def find_urgent(pages: Sequence[Page]) -> Finding[bool] | None:
    """True, with its quote, when the letter says this case was handled as urgent."""
    for page in pages:
        label = _URGENT_LABEL.search(page.text)
        if label:
            unit = quote.line_span(page.text, label.start(), label.end())
            return quote.derived(page, True, (label.start(), label.end()), unit, 0.9)
    for page in pages:
        for match in quote.matches(_URGENT_STATEMENT, page.text):
            unit = quote.sentence_span(page.text, match.start(), match.end())
            sentence = page.text[unit[0] : unit[1]]
            if quote.is_boilerplate(sentence) or _NOT_THIS_CASE.search(sentence):
                continue
            confidence = 0.6 if "hours" in match.group().lower() else 0.75
            return quote.derived(page, True, (match.start(), match.end()), unit, confidence)
    return None
