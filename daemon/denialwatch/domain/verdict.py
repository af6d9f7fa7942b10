"""One source on its own: what kind of letter it is, and why (``judge``).

First rule that applies: the kind rules (``KIND_RULES``, in the order ``kinds`` gives: a DMHC
letter (``dmhc``), a letter the patient wrote, a portal notice (``outcomes``), a newsletter,
an EOB with denied lines (``eob``), a grievance outcome or acknowledgement (``outcomes``), an
approval); then a DENIAL when the source states a decision (a notice title, the plan saying
"we denied", a passive "your request was denied", "not medically necessary", "adverse
determination") *with reasons* in a health-plan context, outside conditional sentences ("If we
deny your request..."); else NOT_DENIAL with the first refusal that applies (``REFUSALS``).
The kind rules come first because a DMHC letter recites the plan's decision, a grievance
decision is also "a denial" by its wording, an acknowledgement recalls the denial it is about
and an approval may print "denied" in its rights paragraph. A partial approval is a denial.

The wording it reads is ``signals.SIGNALS`` (denials and the hard negatives) and
``kinds.MARKERS`` (the other kinds). A verdict's ``reason`` names signals, never letter text,
so it can be shown on the operator's review list and logged (``REASONS``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from denialwatch.domain import dmhc, eob, insurers, kinds, outcomes, quote
from denialwatch.domain.kinds import Call
from denialwatch.domain.model import Decision, DocumentKind, Finding, SourceText
from denialwatch.domain.quote import Page
from denialwatch.domain.signals import (
    DECIDED,
    Signal,
    Signals,
    count_signals,
    in_health_context,
)

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
REASON_ORDER = (
    *(APPEAL_LETTER, NEWSLETTER, EOB_ONLY, dmhc.DMHC_FORM),
    *(NO_REASONS, CONDITIONAL, OUT_OF_CONTEXT, NO_DENIAL),
)
"""Which reason a message gets when its sources give several (most informative first)."""
DENIAL_REASON = "a plan's denial: "
"""How a DENIAL's reason starts; the signals found and where follow."""

REASONS = frozenset(
    {*REASON_ORDER, APPROVAL_LETTER, EOB_DENIED, NO_TEXT, *dmhc.REASONS, *outcomes.REASONS}
)
"""Every reason a verdict gives but a denial's (which starts with DENIAL_REASON)."""


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


REFUSALS: tuple[tuple[str, Callable[[Signals], bool]], ...] = (
    (CONDITIONAL, lambda s: not s.decided and s.discounted),
    (NO_DENIAL, lambda s: not s.decided),
    (EOB_ONLY, lambda s: s[Signal.EOB] and not s.plan_speaks),
    (NO_REASONS, lambda s: not s[Signal.REASON]),
)
"""Why a source the kind rules left is not a denial, in order; the first that applies is the
reason. The hard negatives (a patient's appeal, a newsletter, an approval, an EOB) are kind
rules; a mere mention of an EOB yields to the plan's own voice ("we denied")."""


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
        return in_health_context(self.pages, self.subject)

    @property
    def quiet(self) -> bool:
        """No decision or approval wording at all."""
        return not self.signals.decided and not self.signals[Signal.APPROVAL]


def _from_dmhc(e: Evidence) -> Call | None:
    def plan() -> bool:
        return e.signals.plan_speaks or _plan_letterhead(e.pages)

    return dmhc.dmhc_letter(e.pages, e.markers, plan=plan, patient=e.signals[Signal.APPEAL])


def _from_patient(e: Evidence) -> Call | None:
    if e.signals[Signal.APPEAL] and not e.signals.plan_speaks:
        return Call(DocumentKind.NOT_DENIAL, APPEAL_LETTER)
    return None


def _portal(e: Evidence) -> Call | None:
    if e.quiet and outcomes.portal_notice(e.markers) and e.health:
        return Call(DocumentKind.PORTAL_NOTICE, outcomes.PORTAL_NOTICE)
    return None


def _newsletter(e: Evidence) -> Call | None:
    """Newsletter wording ("unsubscribe", "manage preferences"), unless the plan speaks of its
    decision or of the patient's own grievance (a notice emailed with a marketing footer)."""
    if not e.signals[Signal.NEWSLETTER] or e.signals.plan_speaks:
        return None
    if outcomes.answers_grievance(e.markers):
        return None
    mentions = e.signals.discounted or not e.quiet or outcomes.about_grievance(e.markers)
    return Call(DocumentKind.NOT_DENIAL, NEWSLETTER if mentions else NO_DENIAL)


def _eob(e: Evidence) -> Call | None:
    """An EOB with denied lines; with none, not a denial unless the plan says it denied."""
    if not eob.is_eob(e.pages):
        return None
    if eob.denied_lines(e.pages):
        return Call(DocumentKind.EOB, EOB_DENIED)
    return None if e.signals.plan_speaks else Call(DocumentKind.NOT_DENIAL, EOB_ONLY)


def _grievance(e: Evidence) -> Call | None:
    if not outcomes.about_grievance(e.markers) or not e.health:
        return None
    approved = e.signals.first.get(Signal.APPROVAL)
    return outcomes.grievance_call(e.markers, decided=e.signals.decided_at, approved=approved)


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
"""The kind rules of the module docstring, in order; the first that gives a kind wins."""


def judge(source: SourceText, *, subject: str = "") -> Verdict:
    """The kind of one source on its own, with the reason (and a decision, for outcomes)."""
    pages = quote.pages_of(source)
    if not any(page.text.strip() for page in pages):
        if source.name == quote.EMAIL:
            return Verdict(source, pages, DocumentKind.NOT_DENIAL, NO_DENIAL, 0)
        return Verdict(source, pages, DocumentKind.UNREADABLE, NO_TEXT, 0)
    signals = count_signals(pages)
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
    found = [signal for signal in (*DECIDED, Signal.REASON) if signals[signal]]
    where = "the email body" if source.name == quote.EMAIL else "an attached document"
    reason = f"{DENIAL_REASON}{', '.join(found)} in {where}"
    return Verdict(source, pages, DocumentKind.DENIAL, reason, signals.strength)
