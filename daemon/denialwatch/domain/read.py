"""The reader: what kind of message this is, and what it says.

``read_message`` is pure (no I/O, no clock, no logging): sources in, a ``Reading`` out. It
judges each source (the email body, each document) on its own (``judge``), takes the
message's kind from its sources' kinds (``MESSAGE_ORDER``), then reads the fields that kind
carries (``FIELDS``) in one place, ``assemble``: from the chosen kind's sources first
(documents before the email body, strongest first), then the rest. A patient forwarding a
letter writes their own words in the email; the plan's letter is the better witness.

One source, first rule that applies: the kind rules (``KIND_RULES``, in the order and with
the sources given in ``kinds``: a DMHC letter, a letter the patient wrote, a portal notice, a
newsletter, an EOB with denied lines, a grievance outcome or acknowledgement, an approval);
then a DENIAL when the source states a decision (a notice title, the plan saying "we denied",
a passive "your request was denied", "not medically necessary", "adverse determination") *with
reasons* in a health-plan context, outside conditional sentences ("If we deny your
request..."); else NOT_DENIAL with the first refusal that applies (``REFUSALS``). The kind
rules come first because a DMHC letter recites the plan's decision, a grievance decision is
also "a denial" by its wording, an acknowledgement recalls the denial it is about and an
approval may print "denied" in its rights paragraph. A partial approval is a denial.

The ``reason`` of a Reading names signals, never letter text, so it can be shown on the
operator's review list and logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any

from denialwatch.domain import category, eob, extract, insurers, kinds, quote, route
from denialwatch.domain.kinds import Call, Spot
from denialwatch.domain.model import (
    ADVERSE_KINDS,
    Decision,
    DocumentKind,
    Finding,
    Reading,
    SourceText,
)
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
EOB_DENIED = "an explanation of benefits with denied services"
NO_TEXT = "an attached document has no readable text (scanned without OCR?)"
_REASON_ORDER = (
    *(APPEAL_LETTER, NEWSLETTER, EOB_ONLY, kinds.DMHC_FORM),
    *(NO_REASONS, CONDITIONAL, OUT_OF_CONTEXT, NO_DENIAL),
)
"""Which reason a message gets when its sources give several (most informative first)."""
DENIAL_REASON = "a plan's denial: "
"""How a DENIAL's reason starts; the signals found and where follow."""


@dataclass(frozen=True)
class Verdict:
    """How one source reads on its own."""

    source: SourceText
    pages: tuple[Page, ...]
    kind: DocumentKind
    reason: str
    strength: int
    """How strongly it reads as its kind: orders the sources a field is read from."""
    decision: Finding[Decision] | None = None


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
        return any(self[signal] for signal in _DECIDED)

    @property
    def decided_at(self) -> Spot | None:
        """Where a decision was first stated; "adverse determination" alone does not count
        (an acknowledgement names the determination it is about)."""
        order = (Signal.PLAN_DECISION, Signal.PASSIVE_DECISION, Signal.NOT_NECESSARY)
        return next((self.first[s] for s in order if s in self.first), None)

    @property
    def strength(self) -> int:
        weights = {Signal.PLAN_DECISION: 3, Signal.PASSIVE_DECISION: 2}
        return sum(weights.get(s, 1) * self.counts[s] for s in (*_DECIDED, Signal.REASON))


def _count_signals(pages: Sequence[Page]) -> Signals:
    counts = dict.fromkeys(Signal, 0)
    first: dict[Signal, Spot] = {}
    discounted = False
    for page in pages:
        for signal, pattern in SIGNALS.items():
            for match in quote.matches(pattern, page.text):
                start, _ = quote.sentence_span(page.text, match.start(), match.end())
                if _HYPOTHETICAL.search(page.text, start, match.start()):
                    discounted = discounted or signal in _DECIDED
                    continue
                counts[signal] += 1
                first.setdefault(signal, Spot(page, match.start(), match.end()))
    return Signals(counts, discounted, first)


REFUSALS: tuple[tuple[str, Callable[[Signals], bool]], ...] = (
    (CONDITIONAL, lambda s: not s.decided and s.discounted),
    (NO_DENIAL, lambda s: not s.decided),
    (EOB_ONLY, lambda s: s[Signal.EOB] and not s.plan_speaks),
    (NO_REASONS, lambda s: not s[Signal.REASON]),
)
"""Why a source the kind rules left is not a denial, in order; the first that applies is the
reason. The hard negatives (a patient's appeal, a newsletter, an approval, an EOB) are kind
rules; a mere mention of an EOB yields to the plan's own voice ("we denied")."""


def _in_health_context(pages: Sequence[Page], subject: str) -> bool:
    if insurers.find_insurer([pages]) is not None:
        return True
    words = {w.lower() for p in pages for w in _HEALTH_WORDS.findall(p.text)[: quote.MAX_MATCHES]}
    words |= {w.lower() for w in _HEALTH_WORDS.findall(subject[:1000])}
    return len(words) >= HEALTH_CONTEXT


def _plan_letterhead(pages: Sequence[Page]) -> bool:
    """An insurer named in a short line at the top of the first page."""
    lines = kinds.top_lines(pages[0]) if pages else iter(())
    return any(len(ln) <= kinds.LETTERHEAD_LINE and insurers.insurers_named_in(ln) for ln in lines)


@dataclass(frozen=True)
class Evidence:
    """What the kind rules look at in one source."""

    pages: tuple[Page, ...]
    signals: Signals
    markers: kinds.Markers
    subject: str

    @cached_property
    def health(self) -> bool:
        """A health-plan context: an insurer named, or HEALTH_CONTEXT health words."""
        return _in_health_context(self.pages, self.subject)

    @property
    def quiet(self) -> bool:
        """No decision or approval wording at all."""
        return not self.signals.decided and not self.signals[Signal.APPROVAL]


def _from_dmhc(e: Evidence) -> Call | None:
    def plan() -> bool:
        return e.signals.plan_speaks or _plan_letterhead(e.pages)

    return kinds.dmhc_letter(e.pages, e.markers, plan=plan, patient=e.signals[Signal.APPEAL])


def _from_patient(e: Evidence) -> Call | None:
    if e.signals[Signal.APPEAL] and not e.signals.plan_speaks:
        return Call(DocumentKind.NOT_DENIAL, APPEAL_LETTER)
    return None


def _portal(e: Evidence) -> Call | None:
    if e.quiet and kinds.portal_notice(e.markers) and e.health:
        return Call(DocumentKind.PORTAL_NOTICE, kinds.PORTAL_NOTICE)
    return None


def _newsletter(e: Evidence) -> Call | None:
    if not e.signals[Signal.NEWSLETTER] or e.signals.plan_speaks:
        return None
    mentions = e.signals.discounted or not e.quiet or kinds.about_grievance(e.markers)
    return Call(DocumentKind.NOT_DENIAL, NEWSLETTER if mentions else NO_DENIAL)


def _eob(e: Evidence) -> Call | None:
    """An EOB with denied lines; with none, not a denial unless the plan says it denied."""
    if not eob.is_eob(e.pages):
        return None
    if eob.denied_lines(e.pages):
        return Call(DocumentKind.EOB, EOB_DENIED)
    return None if e.signals.plan_speaks else Call(DocumentKind.NOT_DENIAL, EOB_ONLY)


def _grievance(e: Evidence) -> Call | None:
    if not kinds.about_grievance(e.markers) or not e.health:
        return None
    approved = e.signals.first.get(Signal.APPROVAL)
    return kinds.grievance_call(e.markers, decided=e.signals.decided_at, approved=approved)


def _approval(e: Evidence) -> Call | None:
    """Approval wording, with nothing denied: a partial approval is a denial."""
    s = e.signals
    plain = not s.explicit and not s[Signal.NOT_NECESSARY]
    if s[Signal.APPROVAL] and (not s.decided or plain) and e.health:
        return Call(DocumentKind.APPROVAL, APPROVAL_LETTER)
    return None


KIND_RULES: tuple[Callable[[Evidence], Call | None], ...] = (
    *(_from_dmhc, _from_patient, _portal, _newsletter, _eob, _grievance, _approval),
)
"""Rule 1 of the module docstring, in ``kinds``' order; the first that gives a kind wins."""


def judge(source: SourceText, *, subject: str = "") -> Verdict:
    """The kind of one source on its own, with the reason (and a decision, for outcomes)."""
    pages = quote.pages_of(source)
    if not any(page.text.strip() for page in pages):
        if source.name == quote.EMAIL:
            return Verdict(source, pages, DocumentKind.NOT_DENIAL, NO_DENIAL, 0)
        return Verdict(source, pages, DocumentKind.UNREADABLE, NO_TEXT, 0)
    signals = _count_signals(pages)
    evidence = Evidence(pages, signals, kinds.count_markers(pages), subject)
    call = next((c for c in (rule(evidence) for rule in KIND_RULES) if c is not None), None)
    if call is not None:
        strength = signals.strength if call.kind is not DocumentKind.NOT_DENIAL else 0
        return Verdict(source, pages, call.kind, call.reason, strength, call.decision)
    refusal = next((reason for reason, applies in REFUSALS if applies(signals)), None)
    if refusal is None and not evidence.health:
        refusal = OUT_OF_CONTEXT
    if refusal is not None:
        return Verdict(source, pages, DocumentKind.NOT_DENIAL, refusal, 0)
    found = [signal for signal in (*_DECIDED, Signal.REASON) if signals[signal]]
    where = "the email body" if source.name == quote.EMAIL else "an attached document"
    reason = f"{DENIAL_REASON}{', '.join(found)} in {where}"
    return Verdict(source, pages, DocumentKind.DENIAL, reason, signals.strength)


MESSAGE_ORDER: tuple[DocumentKind, ...] = (
    *(DocumentKind.DMHC_DECISION, DocumentKind.DMHC_CORRESPONDENCE),
    *(DocumentKind.DMHC_ACKNOWLEDGEMENT, DocumentKind.GRIEVANCE_DECISION),
    *(DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT, DocumentKind.DENIAL, DocumentKind.EOB),
    *(DocumentKind.APPROVAL, DocumentKind.UNREADABLE, DocumentKind.PORTAL_NOTICE),
    DocumentKind.NOT_DENIAL,
)
"""The message's kind is the first of its sources' kinds in this order: the latest step of
the patient's path (DOMAIN.md) wins, since earlier letters come along as evidence; an approval
that reverses a decision ranks with the grievance decision (adverse first on a tie); a plain
approval ranks below a denial (something to fight beats good news about another service); an
unreadable document beats a portal notice and unrelated mail (it may be the letter)."""


def _standing(verdict: Verdict) -> int:
    if verdict.kind is DocumentKind.APPROVAL and verdict.decision is not None:
        return MESSAGE_ORDER.index(DocumentKind.GRIEVANCE_DECISION)
    return MESSAGE_ORDER.index(verdict.kind)


def _ordered(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """The chosen kind's sources first, then the rest; documents before the email body,
    strongest first."""

    def rank(verdict: Verdict) -> tuple[int, int, int, int]:
        adverse = 0 if verdict.kind in ADVERSE_KINDS else 1
        email = 1 if verdict.source.name == quote.EMAIL else 0
        return (_standing(verdict), adverse, email, -verdict.strength)

    ranked = sorted(verdicts, key=rank)
    lead = [v for v in ranked if v.kind is ranked[0].kind]
    rest = [v for v in ranked if v.kind is not ranked[0].kind]
    return lead + sorted(rest, key=lambda v: (v.source.name == quote.EMAIL, rank(v)))


def _not_a_letter(verdicts: Sequence[Verdict]) -> Reading:
    if any(v.kind is DocumentKind.UNREADABLE for v in verdicts):
        return Reading(DocumentKind.UNREADABLE, NO_TEXT)
    reasons = {v.reason for v in verdicts if v.kind is DocumentKind.NOT_DENIAL}
    reason = next((r for r in _REASON_ORDER if r in reasons), NO_DENIAL)
    return Reading(DocumentKind.NOT_DENIAL, reason)


def read_message(sources: Sequence[SourceText], *, subject: str = "") -> Reading:
    """Read a forwarded message: its email body (source "email") and each document's text,
    page by page. ``subject`` only helps decide whether the text is about health coverage;
    it is never quoted (a Finding quotes a source)."""
    verdicts = [judge(source, subject=subject) for source in sources]
    ordered = _ordered(verdicts)
    if not ordered or ordered[0].kind in (DocumentKind.NOT_DENIAL, DocumentKind.UNREADABLE):
        return _not_a_letter(verdicts)
    return assemble(ordered)


_PLAN_LETTER = frozenset(
    {"insurer", "member_id", "reference_number", "letter_date", "service", "route"}
)
_DMHC_LETTER = _PLAN_LETTER | {"urgent", "dmhc_case_number"}
FIELDS: dict[DocumentKind, frozenset[str]] = {
    DocumentKind.DENIAL: _PLAN_LETTER | {"reasons", "category", "urgent"},
    DocumentKind.GRIEVANCE_DECISION: _PLAN_LETTER
    | {"reasons", "category", "urgent", "decision", "grievance_date", "dmhc_case_number"},
    DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT: _PLAN_LETTER | {"urgent", "grievance_date"},
    DocumentKind.APPROVAL: _PLAN_LETTER | {"decision", "grievance_date", "dmhc_case_number"},
    DocumentKind.EOB: _PLAN_LETTER | {"reasons", "category"},
    DocumentKind.DMHC_ACKNOWLEDGEMENT: _DMHC_LETTER,
    DocumentKind.DMHC_CORRESPONDENCE: _DMHC_LETTER,
    DocumentKind.DMHC_DECISION: _DMHC_LETTER | {"decision"},
    DocumentKind.PORTAL_NOTICE: frozenset({"insurer"}),
}
"""Which ``Reading`` fields each kind carries; ``assemble`` leaves the others empty."""
_DMHC_KINDS = frozenset(
    {
        DocumentKind.DMHC_ACKNOWLEDGEMENT,
        DocumentKind.DMHC_CORRESPONDENCE,
        DocumentKind.DMHC_DECISION,
    }
)


# ---------------------------------------------------------------------------------------------
# The assembly: every field of a Reading is read here, and only here.
# ---------------------------------------------------------------------------------------------


def assemble(ordered: Sequence[Verdict]) -> Reading:
    """The Reading of a message whose kind is ``ordered[0].kind``: its fields read from the
    pages of the chosen kind's sources first, then the rest; fields the kind does not carry
    (``FIELDS``) are left empty."""
    kind = ordered[0].kind
    lead = [v for v in ordered if v.kind is kind]
    every_page = [page for v in ordered for page in v.pages]
    lead_pages = [page for v in lead for page in v.pages]
    denied = eob.denied_lines(lead_pages) if kind is DocumentKind.EOB else ()
    if kind is DocumentKind.EOB:
        reasons = eob.denial_reasons(lead_pages, denied)
    else:
        reasons = next((r for r in (extract.find_reasons(v.pages) for v in lead) if r), ())
    generic_case_label = kind in _DMHC_KINDS and kinds.find_dmhc_case_number(lead_pages, True)
    case_number = generic_case_label or kinds.find_dmhc_case_number(every_page, False)
    reference = extract.find_reference(every_page)
    if reference is not None and case_number is not None and reference.value == case_number.value:
        reference = None  # the DMHC's number is not the plan's reference
    reading = Reading(
        kind=kind,
        reason=lead[0].reason,
        insurer=insurers.find_insurer([v.pages for v in ordered]),
        member_id=extract.find_member_id(every_page),
        reference_number=reference,
        letter_date=extract.find_letter_date(every_page),
        service=eob.find_service(denied) or extract.find_service(every_page),
        category=eob.find_category(denied) or category.find_category(reasons, lead_pages),
        route=route.decide_route(every_page).finding(),
        urgent=category.find_urgent(lead_pages),
        reasons=reasons,
        decision=lead[0].decision,
        grievance_date=kinds.find_grievance_date(every_page),
        dmhc_case_number=case_number,
    )
    empty: dict[str, Any] = {f: () if f == "reasons" else None for f in _ASSEMBLED - FIELDS[kind]}
    return replace(reading, **empty)


_ASSEMBLED = frozenset().union(*FIELDS.values())
