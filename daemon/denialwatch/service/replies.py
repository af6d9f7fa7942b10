"""A patient's reply about a case: record what they say happened, answer with the new dates.

The reply's own words (the quoted email cut off) are read by ``domain.replies``. Each event
found is recorded through ``service.timeline`` with the patient's words kept on the event,
the case's deadlines and reminders are rescheduled, and the patient gets an answer saying
what was understood and what the dates are now, with the calendar file.

Nothing is guessed. A reply with nothing actionable goes to review with its text kept (it
is in the document store with the raw message, linked to the case) and gets no automatic
answer: an answer to an out-of-office reply could start a loop of automatic emails. A reply
that also asks questions goes to review too, after its events are recorded, so a person
answers them. A reply that reports a DMHC decision for a case with no IMR on record is not
believed on its own: it goes to review.
"""

from __future__ import annotations

from datetime import date

from denialwatch.clock import local_date
from denialwatch.domain.events import EventKind
from denialwatch.domain.notice import reply_recorded
from denialwatch.domain.replies import ReplyEvent, read_reply
from denialwatch.mail.reply_text import reply_text
from denialwatch.service import cases, letters, timeline
from denialwatch.service.effects import Context, Outcome, dated_titles, reschedule
from denialwatch.service.schedule import patient_zone
from denialwatch.store import models as m

IMR_ON_RECORD = (EventKind.IMR_FILED.value, EventKind.DMHC_ACKNOWLEDGED.value)


def _reply_day(ctx: Context, zone_case: m.Case) -> date:
    """The patient's calendar day when they wrote: the Date header, unless it is missing or
    in the future (a wrong clock), else the day it arrived."""
    zone = patient_zone(zone_case, ctx.runtime.config.zone)
    sent = ctx.understanding.forward.outer.date
    moment = sent if sent is not None and sent <= ctx.now else ctx.now
    return local_date(moment, zone)


def _believable(event: ReplyEvent, case: m.Case) -> bool:
    if event.kind is EventKind.DMHC_DECISION_RECEIVED:
        return any(e.kind in IMR_ON_RECORD for e in case.events)
    return True


def handle_reply(ctx: Context, case: m.Case, why: str) -> Outcome:
    """Record and answer a patient's reply about ``case``."""
    cases.attach(
        ctx.session,
        ctx.runtime,
        case=case,
        message=ctx.message,
        understanding=ctx.understanding,
        why=why,
        now=ctx.now,
    )
    words = reply_text(ctx.understanding.forward.outer.text)
    reading = read_reply(words, today=_reply_day(ctx, case))
    believed = [e for e in reading.events if _believable(e, case)]
    doubted = len(reading.events) - len(believed)
    recorded: list[ReplyEvent] = []
    for event in believed:
        ctx.session.add(
            timeline.record(
                case,
                event.kind,
                on=event.on,
                now=ctx.now,
                message_pk=ctx.message.id,
                source="patient reply",
                dated="yes" if event.dated else "no",
                **dict(event.detail),
            )
        )
        recorded.append(event)
    switches = []
    if reading.stop_reminders != reading.resume_reminders:  # both at once: a person decides
        kind = (
            EventKind.REMINDERS_STOPPED if reading.stop_reminders else EventKind.REMINDERS_RESUMED
        )
        ctx.session.add(
            timeline.record(
                case,
                kind,
                on=_reply_day(ctx, case),
                now=ctx.now,
                message_pk=ctx.message.id,
                source="patient reply",
            )
        )
        switches.append(kind)
    changed = reading.language_request is not None and (
        reading.language_request != case.patient.language
    )
    if reading.language_request is not None:
        case.patient.language = reading.language_request
    elif reading.understood:
        case.patient.language = reading.language
    revision = letters.revise_from_reply(
        ctx.session, ctx.runtime, case, ctx.message, words, now=ctx.now
    )
    if revision is not None:
        notice, files = letters.revised_notice_attachments(ctx.runtime, case, revision)
        ctx.notify(case, "letter_revised", notice, files)
        if not recorded and not switches:
            version = revision.letter.version
            if reading.questions or revision.unused:
                return Outcome(
                    "needs_review",
                    f"letter version {version} made from the reply; "
                    + _review_reason(reading.questions, doubted, unused=revision.unused),
                    "reply",
                )
            return Outcome("attached", f"letter version {version} made from the reply", "reply")
    if not recorded and not switches and not changed:
        return Outcome("needs_review", _review_reason(reading.questions, doubted), "reply")
    calendar = reschedule(ctx, case)
    notice = reply_recorded(
        cases.summary_of(case),
        recorded=[(e.kind, e.on, e.dated, dict(e.detail)) for e in recorded],
        reminders=switches[0] if switches else None,
        questions=bool(reading.questions),
        dmhc=ctx.runtime.config.dmhc,
        dates=dated_titles(case),
        language=case.patient.language,
        language_changed=changed,
    )
    ctx.notify(case, "reply_recorded", notice, calendar)
    names = ", ".join(
        [e.kind.value for e in recorded]
        + [k.value for k in switches]
        + ([f"language {case.patient.language}"] if changed else [])
    )
    if reading.questions or doubted:
        return Outcome(
            "needs_review",
            f"reply recorded ({names}); " + _review_reason(reading.questions, doubted),
            "reply",
        )
    return Outcome("attached", f"reply recorded on case {case.id}: {names}", "reply")


def _review_reason(questions: tuple[str, ...], doubted: int, *, unused: bool = False) -> str:
    parts = []
    if unused:
        parts.append("part of the reply matched no blank in the letter")
    if questions:
        parts.append(f"the patient asked {len(questions)} question(s) for a person to answer")
    if doubted:
        parts.append("it reports a DMHC decision but no IMR is on record")
    return "; ".join(parts) or "a reply we could not understand: kept for a person to read"
