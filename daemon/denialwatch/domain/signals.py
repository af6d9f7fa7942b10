"""The denial wording table: what one source says of a decision, counted outside conditional
sentences.

``SIGNALS`` is data: the plan's own voice and notice titles ("we denied", "Notice of
Action"), a passive decision ("your request was denied"), a medical-necessity finding, an
adverse determination, stated reasons, and the wording of the hard negatives (a patient's
appeal, an approval, a newsletter, an EOB). ``count_signals`` counts each signal in a source
outside conditional sentences ("If we deny your request...", ``kinds.CONDITIONAL``) and
remembers where it was first stated. ``verdict`` decides a source's kind from these counts and
``kinds``' markers. Pure; patterns compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from denialwatch.domain import insurers, kinds, quote
from denialwatch.domain.kinds import Spot
from denialwatch.domain.quote import Page


class Signal(StrEnum):
    PLAN_DECISION = "the plan's decision"
    PASSIVE_DECISION = "a denied request"
    NOT_NECESSARY = "a medical-necessity finding"
    ADVERSE = "an adverse determination"
    REASON = "stated reasons"
    APPEAL = "appeal wording"
    APPROVAL = "approval wording"
    NEWSLETTER = "newsletter wording"
    EOB = "explanation of benefits wording"


_APOSTROPHE = "['\u2019]"
SIGNALS: dict[Signal, re.Pattern[str]] = {
    # Notice titles: Medi-Cal "Notice of Action" / NOABD (research 7.1, Medi-Cal wording), the
    # Medicare CMS-10003 "Notice of Denial of Medical Coverage (or Payment)" (research 7.2);
    # then the plan's own voice and a decision field ("Status: Not covered").
    Signal.PLAN_DECISION: re.compile(
        r"notice\s++of\s++action|notice\s++of\s++adverse\s++benefit\s++determination"
        r"|notice\s++of\s++denial\s++of\s++(?:medical\s++coverage|payment)|integrated\s++denial\s++notice"
        r"|aviso\s++de\s++acci[^\W\d_]n|aviso\s++de\s++determinaci[oó]n\s++adversa"
        r"|\bwe\s++(?:have\s++|had\s++)?(?:denied|deny|decided\s++to\s++deny|are\s++denying|must\s++deny"
        r"|did\s++not\s++approve|have\s++not\s++approved|upheld|are\s++upholding"
        r"|(?:cannot|can\s++not|can" + _APOSTROPHE + r"t|will\s++not|won" + _APOSTROPHE + r"t"
        r"|are\s++(?:unable|not\s++able)\s++to)\s++(?:approve|cover|pay|authori[sz]e))\b"
        r"|\bour\s++(?:decision|determination)\s++(?:is|was)\s++to\s++(?:deny|uphold)"
        r"|\buph(?:eld|old(?:ing)?)\s++our\s++(?:original\s++|previous\s++|initial\s++)?(?:decision|denial)"
        r"|(?:status|decision|determination|outcome|resultado|decisi[oó]n)\s*+:[^\w\n]{0,6}"
        r"(?:denied|not\s++covered|not\s++approved|non-?certified|not\s++certified|adverse"
        r"|partially\s++approved|denegad[oa]|negad[oa])"
        r"|\bhemos\s++(?:denegado|negado|rechazado)|\bno\s++podemos\s++(?:aprobar|cubrir|pagar)",
        re.IGNORECASE,
    ),
    Signal.PASSIVE_DECISION: re.compile(
        r"\b(?:request|claim|services?|authori[sz]ation|appeal|grievance|coverage|prescription"
        r"|medication|drug|procedure|admission|stay|visits?|items?|treatment|referral|surgery"
        r"|therapy|test|benefits?)\b[^.\n]{0,80}?\b(?:(?:has|have|had)\s++(?:also\s++)?been|was|were"
        r"|is|are)\s++(?:also\s++)?(?:denied|not\s++approved|not\s++authori[sz]ed|not\s++covered"
        r"|not\s++certified|declined)\b"
        r"|(?:ha|han)\s++sido\s++(?:denegad|negad|rechazad)|\bfue(?:ron)?\s++(?:denegad|negad|rechazad)"
        r"|\bno\s++(?:fue|ha\s++sido)\s++aprobad|\bdenegad[oa]s?\b|\bnegad[oa]s?\b",
        re.IGNORECASE,
    ),
    Signal.NOT_NECESSARY: re.compile(
        r"\b(?:not|no\s++longer)\s++medically\s++necessary"
        r"|\bno\s++(?:es|son|era|fue)\s++m[eé]dicamente\s++necesari",
        re.IGNORECASE,
    ),
    # "Adverse benefit determination": the federal claims rule's word (29 CFR 2560.503-1,
    # research 7.1 "ERISA / federal wording"), used by Medi-Cal NOABDs too.
    Signal.ADVERSE: re.compile(
        r"\badverse\s++(?:benefit\s++)?determination|determinaci[oó]n\s++adversa", re.IGNORECASE
    ),
    Signal.REASON: re.compile(
        r"\bbecause\b|\breasons?\b|\brationale\b|\bcriteria\b|\bdue\s++to\b|\bporque\b|\braz[oó]n"
        r"|\bmotivos?\b|\bdebido\s++a\b|\bcriterios\b|\bnot\s++medically\s++necessary"
        r"|m[eé]dicamente\s++necesari|\bexperimental\b|\binvestigational\b|formulary"
        r"|step\s++therapy|not\s++a\s++covered|\bexcluded\b|not\s++consistent\s++with",
        re.IGNORECASE,
    ),
    Signal.APPEAL: re.compile(
        r"\bI(?:" + _APOSTROPHE + r"m|\s++am)\s++(?:writing\s++(?:to|in\s++order\s++to)\s++"
        r"|hereby\s++|formally\s++)*(?:appeal(?:ing)?\b|request(?:ing)?\s++(?:an?\s++)?(?:(?:external"
        r"|independent(?:\s++medical)?|second|expedited|internal|formal)\s++)?(?:review|appeal"
        r"|reconsideration))"
        r"|\bI\s++(?:would\s++like|wish|want)\s++to\s++(?:formally\s++)?appeal\b"
        r"|\bplease\s++(?:reconsider|overturn|reverse)\s++(?:your|the|this)\b"
        r"|\byour\s++(?:company" + _APOSTROPHE + r"s\s++)?(?:decision\s++to\s++deny|denial\s++of)\b"
        r"|\[\s*+your\s++name\s*+\]|\bescribo\s++para\s++apelar|\bquiero\s++apelar",
        re.IGNORECASE,
    ),
    Signal.APPROVAL: re.compile(
        r"\b(?:has|have)\s++been\s++approved|\b(?:was|were|is|are)\s++approved\b(?!\s++(?:by|for)\s++"
        r"(?:the\s++)?FDA)|\bwe\s++(?:have\s++)?approved\b|\b(?:request|authori[sz]ation)\s++(?:is|was"
        r"|has\s++been)\s++granted|\b(?:ha|han)\s++sido\s++aprobad|\bfue\s++aprobad|\bhemos\s++aprobado"
        r"|(?:status|decision)\s*+:[^\w\n]{0,6}approved",
        re.IGNORECASE,
    ),
    Signal.NEWSLETTER: re.compile(
        r"\bunsubscribe\b|\bnewsletter\b|view\s++(?:this\s++(?:email|message)\s++)?in\s++(?:your|a)\s++"
        r"browser|\bin\s++this\s++issue\b|\bmanage\s++(?:your\s++)?(?:email\s++)?preferences\b",
        re.IGNORECASE,
    ),
    Signal.EOB: re.compile(
        r"explanation\s++of\s++benefits|\bthis\s++is\s++not\s++a\s++bill\b|(?-i:\bEOB\b)",
        re.IGNORECASE,
    ),
}
_HYPOTHETICAL = kinds.CONDITIONAL
DECIDED = (Signal.PLAN_DECISION, Signal.PASSIVE_DECISION, Signal.NOT_NECESSARY, Signal.ADVERSE)
"""The signals that state a decision."""
_HEALTH_WORDS = re.compile(
    r"\b(?:health|medical|medically|medication|insurance|insurer|coverage|covered|benefits?|claim"
    r"|member|patient|physician|doctor|provider|treatment|prescription|drug|hospital|surgery"
    r"|therapy|authori[sz]ation|medi-cal|medicare|salud|m[eé]dic[oa]|seguro|tratamiento)\b",
    re.IGNORECASE,
)
HEALTH_CONTEXT = 3
"""Distinct health words a source needs (with the subject) unless it names an insurer."""


@dataclass(frozen=True)
class Signals:
    """The signals of one source, counted outside conditional sentences."""

    counts: dict[Signal, int]
    discounted: bool
    """Some decision wording was skipped as conditional ("If we deny your request...")."""
    first: dict[Signal, Spot] = field(default_factory=dict)
    """Where each signal was first stated (quotes a grievance decision read from it)."""

    def __getitem__(self, signal: Signal) -> bool:
        """Whether ``signal`` occurred at all."""
        return self.counts[signal] > 0

    @property
    def plan_speaks(self) -> bool:
        return self[Signal.PLAN_DECISION]

    @property
    def explicit(self) -> bool:
        return self[Signal.PLAN_DECISION] or self[Signal.PASSIVE_DECISION]

    @property
    def decided(self) -> bool:
        return any(self[signal] for signal in DECIDED)

    @property
    def decided_at(self) -> Spot | None:
        """Where a decision was first stated; "adverse determination" alone does not count
        (an acknowledgement names the determination it is about)."""
        order = (Signal.PLAN_DECISION, Signal.PASSIVE_DECISION, Signal.NOT_NECESSARY)
        return next((self.first[s] for s in order if s in self.first), None)

    @property
    def strength(self) -> int:
        weights = {Signal.PLAN_DECISION: 3, Signal.PASSIVE_DECISION: 2}
        return sum(weights.get(s, 1) * self.counts[s] for s in (*DECIDED, Signal.REASON))


def count_signals(pages: Sequence[Page]) -> Signals:
    counts = dict.fromkeys(Signal, 0)
    first: dict[Signal, Spot] = {}
    discounted = False
    for page in pages:
        for signal, pattern in SIGNALS.items():
            for match in quote.matches(pattern, page.text):
                start, _ = quote.sentence_span(page.text, match.start(), match.end())
                if _HYPOTHETICAL.search(page.text, start, match.start()):
                    discounted = discounted or signal in DECIDED
                    continue
                counts[signal] += 1
                first.setdefault(signal, Spot(page, match.start(), match.end()))
    return Signals(counts, discounted, first)


def in_health_context(pages: Sequence[Page], subject: str) -> bool:
    """A health-plan context: an insurer named, or HEALTH_CONTEXT distinct health words in the
    source and ``subject``."""
    if insurers.find_insurer([pages]) is not None:
        return True
    words = {w.lower() for p in pages for w in _HEALTH_WORDS.findall(p.text)[: quote.MAX_MATCHES]}
    words |= {w.lower() for w in _HEALTH_WORDS.findall(subject[:1000])}
    return len(words) >= HEALTH_CONTEXT
