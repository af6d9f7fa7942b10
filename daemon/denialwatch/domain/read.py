"""The first-cut reader: is this message a plan's denial, and what does it say?

``read_message`` is pure (no I/O, no clock, no logging): sources in, a ``Reading`` out. It
judges each source (the email body, each document) on its own, from wording signals kept as
data (``SIGNALS``), then reads the fields from the sources in order of preference: documents
that read as a denial (strongest first), the email body if it does, then the rest (documents
before the email body). A patient forwarding a letter writes their own words in the email;
the plan's letter is the better witness.

A source is a DENIAL when it states a decision (a notice title, the plan saying "we denied",
a passive "your request was denied", "not medically necessary", "adverse determination")
*with reasons* in a health-plan context. Decision words in a conditional sentence ("If we
deny your request...") do not count. Hard negatives win over decision words unless the plan
itself speaks ("we denied", a notice title, "Status: Denied"):

- an appeal letter in the patient's voice ("I am writing to appeal your denial");
- a newsletter or general information ("unsubscribe", "newsletter");
- an approval ("has been approved"), unless something is also denied or called not
  medically necessary (a partial approval is a denial);
- an explanation of benefits with no plan decision on it.

The ``reason`` of a Reading names signals, never letter text, so it can be shown on the
operator's review list and logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from denialwatch.domain import category, extract, insurers, quote, route
from denialwatch.domain.model import DocumentKind, Reading, SourceText
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
        r"|aviso\s++de\s++acci[oó]n|aviso\s++de\s++determinaci[oó]n\s++adversa"
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
        r"|hereby\s++|formally\s++)*(?:appeal(?:ing)?\b|request(?:ing)?\s++(?:an?\s++)?(?:external"
        r"|independent|second|expedited|internal|formal)?\s*+(?:review|appeal|reconsideration))"
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
_HYPOTHETICAL = re.compile(
    r"\bif\b|\bunless\b|\bwhether\b|\bin\s++case\b|\bwhat\s++to\s++do\b|\bhow\s++to\b|\bsi\b",
    re.IGNORECASE,
)
_DECIDED = (Signal.PLAN_DECISION, Signal.PASSIVE_DECISION, Signal.NOT_NECESSARY, Signal.ADVERSE)
_HEALTH_WORDS = re.compile(
    r"\b(?:health|medical|medically|medication|insurance|insurer|coverage|covered|benefits?|claim"
    r"|member|patient|physician|doctor|provider|treatment|prescription|drug|hospital|surgery"
    r"|therapy|authori[sz]ation|medi-cal|medicare|salud|m[eé]dic[oa]|seguro|tratamiento)\b",
    re.IGNORECASE,
)
HEALTH_CONTEXT = 3
"""Distinct health words a source needs (with the subject) unless it names an insurer."""

NO_DENIAL = "no denial wording found"
CONDITIONAL = "denial wording only in conditional sentences"
NO_REASONS = "a denial decision without stated reasons (a notification? ask for the letter)"
OUT_OF_CONTEXT = "denial wording outside a health-plan context"
APPEAL_LETTER = "an appeal letter written to a plan, not a plan's decision"
APPROVAL_LETTER = "an approval letter, not a denial"
NEWSLETTER = "a newsletter or general information that mentions denials, not a decision"
EOB_ONLY = "an explanation of benefits with no denied service"
NO_TEXT = "an attached document has no readable text (scanned without OCR?)"
_REASON_ORDER = (
    *(APPEAL_LETTER, APPROVAL_LETTER, NEWSLETTER, EOB_ONLY),
    *(NO_REASONS, CONDITIONAL, OUT_OF_CONTEXT, NO_DENIAL),
)
"""Which reason a message gets when its sources give several (most informative first)."""


@dataclass(frozen=True)
class Verdict:
    """How one source reads on its own."""

    source: SourceText
    pages: tuple[Page, ...]
    kind: DocumentKind
    reason: str
    strength: int
    """How strongly it reads as a denial: orders the sources a field is read from."""


@dataclass(frozen=True)
class Signals:
    """The signals of one source, counted outside conditional sentences."""

    counts: dict[Signal, int]
    discounted: bool
    """Some decision wording was skipped as conditional ("If we deny your request...")."""

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
        return any(self[signal] for signal in _DECIDED)

    @property
    def strength(self) -> int:
        weights = {Signal.PLAN_DECISION: 3, Signal.PASSIVE_DECISION: 2}
        return sum(weights.get(s, 1) * self.counts[s] for s in (*_DECIDED, Signal.REASON))


def _count_signals(pages: Sequence[Page]) -> Signals:
    counts = dict.fromkeys(Signal, 0)
    discounted = False
    for page in pages:
        for signal, pattern in SIGNALS.items():
            for match in quote.matches(pattern, page.text):
                start, _ = quote.sentence_span(page.text, match.start(), match.end())
                if _HYPOTHETICAL.search(page.text, start, match.start()):
                    discounted = discounted or signal in _DECIDED
                    continue
                counts[signal] += 1
    return Signals(counts, discounted)


REFUSALS: tuple[tuple[str, Callable[[Signals], bool]], ...] = (
    (APPEAL_LETTER, lambda s: s[Signal.APPEAL] and not s.plan_speaks),
    (
        NEWSLETTER,
        lambda s: s[Signal.NEWSLETTER] and (s.decided or s.discounted) and not s.plan_speaks,
    ),
    (APPROVAL_LETTER, lambda s: not s.decided and s[Signal.APPROVAL]),
    (CONDITIONAL, lambda s: not s.decided and s.discounted),
    (NO_DENIAL, lambda s: not s.decided),
    (
        APPROVAL_LETTER,
        lambda s: s[Signal.APPROVAL] and not s.explicit and not s[Signal.NOT_NECESSARY],
    ),
    (EOB_ONLY, lambda s: s[Signal.EOB] and not s.plan_speaks),
    (NO_REASONS, lambda s: not s[Signal.REASON]),
)
"""Why a source is not a denial, in order; the first that applies is the reason. The hard
negatives yield to the plan's own voice ("we denied", a notice title, "Status: Denied")."""


def _in_health_context(pages: Sequence[Page], subject: str) -> bool:
    if insurers.find_insurer([pages]) is not None:
        return True
    words = {w.lower() for p in pages for w in _HEALTH_WORDS.findall(p.text)[: quote.MAX_MATCHES]}
    words |= {w.lower() for w in _HEALTH_WORDS.findall(subject[:1000])}
    return len(words) >= HEALTH_CONTEXT


def judge(source: SourceText, *, subject: str = "") -> Verdict:
    """DENIAL, NOT_DENIAL (with the reason) or UNREADABLE for one source on its own."""
    pages = quote.pages_of(source)
    if not any(page.text.strip() for page in pages):
        if source.name == quote.EMAIL:
            return Verdict(source, pages, DocumentKind.NOT_DENIAL, NO_DENIAL, 0)
        return Verdict(source, pages, DocumentKind.UNREADABLE, NO_TEXT, 0)
    signals = _count_signals(pages)
    refusal = next((reason for reason, applies in REFUSALS if applies(signals)), None)
    if refusal is None and not _in_health_context(pages, subject):
        refusal = OUT_OF_CONTEXT
    if refusal is not None:
        return Verdict(source, pages, DocumentKind.NOT_DENIAL, refusal, 0)
    found = [signal for signal in (*_DECIDED, Signal.REASON) if signals[signal]]
    where = "the email body" if source.name == quote.EMAIL else "an attached document"
    reason = f"a plan's denial: {', '.join(found)} in {where}"
    return Verdict(source, pages, DocumentKind.DENIAL, reason, signals.strength)


def _preferred(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Denials first (documents before the email, strongest first), then the rest."""

    def rank(verdict: Verdict) -> tuple[int, int, int]:
        denial = 0 if verdict.kind is DocumentKind.DENIAL else 1
        email = 1 if verdict.source.name == quote.EMAIL else 0
        return (denial, email, -verdict.strength)

    return sorted(verdicts, key=rank)


def _not_a_denial(verdicts: Sequence[Verdict]) -> Reading:
    unreadable = [v for v in verdicts if v.kind is DocumentKind.UNREADABLE]
    if unreadable:
        return Reading(DocumentKind.UNREADABLE, NO_TEXT)
    reasons = {v.reason for v in verdicts}
    reason = next((r for r in _REASON_ORDER if r in reasons), NO_DENIAL)
    return Reading(DocumentKind.NOT_DENIAL, reason)


def read_message(sources: Sequence[SourceText], *, subject: str = "") -> Reading:
    """Read a forwarded message: its email body (source "email") and each document's text,
    page by page. ``subject`` only helps decide whether the text is about health coverage;
    it is never quoted (a Finding quotes a source)."""
    verdicts = [judge(source, subject=subject) for source in sources]
    if not any(v.kind is DocumentKind.DENIAL for v in verdicts):
        return _not_a_denial(verdicts)
    ordered = _preferred(verdicts)
    denials = [v for v in ordered if v.kind is DocumentKind.DENIAL]
    every_page = [page for v in ordered for page in v.pages]
    denial_pages = [page for v in denials for page in v.pages]
    reasons = next((r for r in (extract.find_reasons(v.pages) for v in denials) if r), ())
    return Reading(
        kind=DocumentKind.DENIAL,
        reason=denials[0].reason,
        insurer=insurers.find_insurer([v.pages for v in ordered]),
        member_id=extract.find_member_id(every_page),
        reference_number=extract.find_reference(every_page),
        letter_date=extract.find_letter_date(every_page),
        service=extract.find_service(every_page),
        category=category.find_category(reasons, denial_pages),
        route=route.decide_route(every_page).finding(),
        urgent=category.find_urgent(denial_pages),
        reasons=reasons,
    )
