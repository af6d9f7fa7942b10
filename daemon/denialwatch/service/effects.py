"""What each kind of document does to a case, and what the patient is told.

| kind | with a matching case | with none |
|---|---|---|
| denial, EOB with denied lines | attached (the same denial again) | a new case and letter |
| grievance decision (upheld) | qualifying event: "apply now" | a new case, eligible now |
| grievance acknowledgement | the grievance date: "due by" | a new case from it |
| approval / reversal | the case is approved | not a denial |
| DMHC acknowledgement, decision, letter | DMHC case number, decision | review |
| portal notice | asks for the letter itself | asks for the letter itself |
| anything else in a case's thread | attached | not a denial |

The service answers only people it can help: someone who forwarded something it can act on,
or one of its patients. Mail that is not about a case gets no answer (an automatic answer to
a stranger's spam is backscatter).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from denialwatch.clock import local_date
from denialwatch.domain.eligibility import assess
from denialwatch.domain.events import EventKind
from denialwatch.domain.language import DEFAULT_LANGUAGE, detect_language
from denialwatch.domain.model import Decision, DocumentKind, Reading
from denialwatch.domain.notice import (
    Notice,
    approved,
    case_opened,
    dmhc_acknowledged,
    dmhc_decided,
    dmhc_letter,
    grievance_acknowledged,
    grievance_decision,
    message_attached,
    portal_notice,
)
from denialwatch.mail.compose import OutgoingAttachment
from denialwatch.service import cases, letters, timeline
from denialwatch.service.calendar import calendar_attachments, calendar_dates
from denialwatch.service.matching import DMHC_KINDS
from denialwatch.service.runtime import Runtime
from denialwatch.service.schedule import reconcile
from denialwatch.service.understand import Understanding
from denialwatch.store import models as m


@dataclass(frozen=True)
class Outcome:
    state: str
    reason: str
    kind: str | None = None


DATED_KINDS = frozenset(
    {
        DocumentKind.GRIEVANCE_DECISION,
        DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
        DocumentKind.DMHC_ACKNOWLEDGEMENT,
        DocumentKind.DMHC_DECISION,
    }
)
"""Updates that announce dates, and so carry the case's calendar file."""

OPENING_EVENTS = {
    DocumentKind.DENIAL: EventKind.DENIAL_RECEIVED,
    DocumentKind.EOB: EventKind.EOB_RECEIVED,
    DocumentKind.GRIEVANCE_DECISION: EventKind.GRIEVANCE_DECISION_RECEIVED,
    DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT: EventKind.GRIEVANCE_ACKNOWLEDGED,
}
"""Kinds that open a case when none matches, and the first event they record."""


KIND_EVENTS = {
    DocumentKind.GRIEVANCE_DECISION: EventKind.GRIEVANCE_DECISION_RECEIVED,
    DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT: EventKind.GRIEVANCE_ACKNOWLEDGED,
    DocumentKind.APPROVAL: EventKind.APPROVED,
    DocumentKind.DMHC_ACKNOWLEDGEMENT: EventKind.DMHC_ACKNOWLEDGED,
    DocumentKind.DMHC_DECISION: EventKind.DMHC_DECISION_RECEIVED,
    DocumentKind.DMHC_CORRESPONDENCE: EventKind.DMHC_LETTER_RECEIVED,
}
"""The event each kind of letter records on its case, dated by the letter."""

LETTER_KINDS = frozenset({*KIND_EVENTS, *OPENING_EVENTS, DocumentKind.PORTAL_NOTICE})
"""Kinds that are letters (or notices of one); anything else in a case's thread is a reply."""


@dataclass(frozen=True)
class Context:
    session: Session
    runtime: Runtime
    message: m.Message
    understanding: Understanding
    sender: str
    now: datetime

    @property
    def reading(self) -> Reading:
        return self.understanding.reading

    @property
    def kind(self) -> str:
        return self.reading.kind.value

    def notify(
        self,
        case: m.Case | None,
        purpose: str,
        notice: Notice,
        attachments: list[OutgoingAttachment] | None = None,
    ) -> None:
        # One Message-ID per case for its first email, one per message for every answer after:
        # a retry after a crash can never look like a new email.
        if case is not None and purpose == "case_opened":
            key = f"case-{case.id}.opened"
        else:
            key = f"message-{self.message.id}.{purpose.replace('_', '-')}"
        cases.queue_email(
            self.session,
            self.runtime,
            recipient=self.sender,
            case=case,
            message=self.message,
            purpose=purpose,
            key=key,
            notice=notice,
            attachments=attachments or [],
            now=self.now,
        )


def _record_kind_event(ctx: Context, case: m.Case) -> None:
    """The timeline event(s) this document adds to ``case`` (``service.timeline`` moves the
    case's status)."""
    r = ctx.reading
    kind = KIND_EVENTS.get(r.kind)
    if kind is None:
        return
    letter_date = r.letter_date.value if r.letter_date else None
    decision = r.decision.value.value if r.decision else None
    number = r.dmhc_case_number.value if r.dmhc_case_number else None
    record = functools.partial(timeline.record, case, now=ctx.now, message_pk=ctx.message.id)
    ctx.session.add(record(kind, on=letter_date, decision=decision, dmhc_case_number=number))
    if kind is EventKind.GRIEVANCE_ACKNOWLEDGED:
        filed = r.grievance_date.value if r.grievance_date else letter_date
        ctx.session.add(record(EventKind.GRIEVANCE_FILED, on=filed, source="plan acknowledgement"))


def dated_titles(case: m.Case) -> list[tuple[str, date]]:
    """The case's dates a patient puts in a calendar, each with its plain title."""
    return [(d.summary, d.day) for d in calendar_dates(case, language=case.patient.language)]


def _update_notice(ctx: Context, case: m.Case) -> Notice:
    s = cases.summary_of(case)
    dmhc = ctx.runtime.config.dmhc
    r = ctx.reading
    dates = dated_titles(case)
    assessment = assess(cases.facts_of(case), local_date(ctx.now, ctx.runtime.config.zone))
    language = case.patient.language
    match r.kind:
        case DocumentKind.GRIEVANCE_DECISION:
            return grievance_decision(
                s, dmhc=dmhc, assessment=assessment, dates=dates, language=language
            )
        case DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT:
            filed = r.grievance_date.value if r.grievance_date else None
            return grievance_acknowledged(
                s, dmhc=dmhc, assessment=assessment, filed=filed, dates=dates, language=language
            )
        case DocumentKind.APPROVAL:
            reversal = r.decision is not None and r.decision.value is Decision.OVERTURNED
            return approved(s, dmhc=dmhc, reversal=reversal, language=language)
        case DocumentKind.DMHC_ACKNOWLEDGEMENT:
            return dmhc_acknowledged(
                s, dmhc=dmhc, dmhc_case=case.dmhc_case_number, dates=dates, language=language
            )
        case DocumentKind.DMHC_DECISION:
            decision = r.decision.value if r.decision else None
            return dmhc_decided(s, dmhc=dmhc, decision=decision, dates=dates, language=language)
        case DocumentKind.DMHC_CORRESPONDENCE:
            return dmhc_letter(s, dmhc=dmhc, language=language)
        case DocumentKind.PORTAL_NOTICE:
            return portal_notice(
                insurer=case.insurer,
                name=s.patient_name,
                number=s.number,
                dmhc=dmhc,
                language=language,
            )
        case _:
            return message_attached(s, dmhc=dmhc, language=language)


def reschedule(ctx: Context, case: m.Case) -> list[OutgoingAttachment]:
    """Bring the case's deadlines and reminders up to date; the calendar file to attach."""
    config = ctx.runtime.config
    reconcile(ctx.session, case, now=ctx.now, zone=config.zone, quiet=config.reminders.quiet)
    return calendar_attachments(
        case, ctx.runtime.from_address, ctx.now, language=case.patient.language
    )


def attach_to(ctx: Context, case: m.Case, why: str) -> Outcome:
    cases.attach(
        ctx.session,
        ctx.runtime,
        case=case,
        message=ctx.message,
        understanding=ctx.understanding,
        why=why,
        now=ctx.now,
    )
    _record_kind_event(ctx, case)
    calendar = reschedule(ctx, case)
    notice = _update_notice(ctx, case)
    dated = ctx.reading.kind in DATED_KINDS
    ctx.notify(case, f"{ctx.kind}_attached", notice, calendar if dated else [])
    return Outcome("attached", f"{why}: case {case.id}", ctx.kind)


def open_new(ctx: Context, patient: m.Patient) -> Outcome:
    r = ctx.reading
    case = cases.open_case(
        ctx.session,
        ctx.runtime,
        patient=patient,
        message=ctx.message,
        understanding=ctx.understanding,
        now=ctx.now,
    )
    if r.kind in KIND_EVENTS:
        _record_kind_event(ctx, case)
    else:
        first = OPENING_EVENTS[r.kind]
        ctx.session.add(
            timeline.record(
                case, first, on=case.letter_date, now=ctx.now, message_pk=ctx.message.id
            )
        )
    if case.urgent:
        ctx.session.add(
            timeline.record(
                case,
                EventKind.MARKED_URGENT,
                on=case.letter_date,
                now=ctx.now,
                message_pk=ctx.message.id,
                source="the letter",
            )
        )
    ctx.session.flush()
    draft = letters.draft_first(
        ctx.session, ctx.runtime, case, [f.value for f in r.reasons], ctx.now
    )
    attachments = draft.attachments
    calendar = reschedule(ctx, case)
    assessment = assess(cases.facts_of(case), local_date(ctx.now, ctx.runtime.config.zone))
    notice = case_opened(
        cases.summary_of(case, [f.value for f in r.reasons]),
        letter_attached=bool(attachments),
        dmhc=ctx.runtime.config.dmhc,
        assessment=assessment,
        dates=dated_titles(case),
        language=patient.language,
        evidence=draft.note,
    )
    ctx.notify(case, "case_opened", notice, attachments + calendar)
    return Outcome(
        "case", f"opened case {case.id} from a {r.kind.value.replace('_', ' ')}", ctx.kind
    )


def without_case(ctx: Context, patient: m.Patient | None) -> Outcome:
    """A message that matches no case: open one, answer, set aside, or let be."""
    r = ctx.reading
    if r.kind in OPENING_EVENTS:
        forward = ctx.understanding.forward
        patient = patient or cases.get_or_create_patient(
            ctx.session, ctx.sender, forward.outer.sender_name, ctx.now, note=forward.note
        )
        return open_new(ctx, patient)
    cases.record_documents(ctx.session, ctx.runtime, ctx.message, ctx.understanding, None)
    if r.kind is DocumentKind.PORTAL_NOTICE:
        insurer = r.insurer.value if r.insurer else None
        name = ctx.understanding.forward.outer.sender_name
        language = (
            patient.language
            if patient is not None
            else detect_language(ctx.understanding.forward.note) or DEFAULT_LANGUAGE
        )
        ctx.notify(
            None,
            "portal_notice",
            portal_notice(
                insurer=insurer,
                name=name,
                number=None,
                dmhc=ctx.runtime.config.dmhc,
                language=language,
            ),
        )
        return Outcome(
            "not_denial", "a portal notice: asked the patient for the letter itself", ctx.kind
        )
    if r.kind in DMHC_KINDS:
        return Outcome("needs_review", "a DMHC letter that matches no case", ctx.kind)
    if ctx.understanding.problems:
        return Outcome("needs_review", "; ".join(ctx.understanding.problems), ctx.kind)
    if r.kind is DocumentKind.UNREADABLE:
        return Outcome("needs_review", r.reason, ctx.kind)
    if r.kind is DocumentKind.APPROVAL:
        return Outcome("not_denial", "an approval that matches no case", ctx.kind)
    return Outcome("not_denial", r.reason, ctx.kind)
