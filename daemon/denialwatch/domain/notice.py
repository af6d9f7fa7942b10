"""What the patient is told, as subject, plain text and HTML (pure: values in, text out).

Plain language for a worried reader: the case number first, what happened, what it means for
an Independent Medical Review, and the one or two things to do now, with free help at the
end. A case's first email has its own template (what was understood, what could not be
found, the draft letter); every later event uses the short update template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary, next_step, open_questions
from denialwatch.domain.eligibility import Assessment, Status
from denialwatch.domain.events import EventKind
from denialwatch.domain.model import Category, Decision, Route
from denialwatch.rendering import long_date, render

ROUTE_WORDS = {
    Route.DMHC: "the California Department of Managed Health Care (DMHC)",
    Route.CDI: "the California Department of Insurance (CDI)",
    Route.MEDI_CAL: "Medi-Cal managed care (the DMHC and the State Hearing system)",
    Route.MEDICARE: "Medicare (federal)",
    Route.ERISA: "a self-funded employer plan (federal ERISA law)",
    Route.WORKERS_COMP: "workers' compensation",
}

CATEGORY_WORDS = {
    Category.MEDICAL_NECESSITY: "the plan says the care is not medically necessary",
    Category.EXPERIMENTAL: "the plan says the treatment is experimental or investigational",
    Category.EMERGENCY_PAYMENT: "the plan refuses to pay for emergency or urgent care",
    Category.NOT_COVERED: "the plan says this is not a covered benefit",
    Category.ADMINISTRATIVE: "an administrative reason (such as a missing prior authorization)",
    Category.PHARMACY: "a pharmacy rule (formulary, step therapy or quantity limit)",
}

IMR_WINDOW = (
    "Apply within 6 months of the plan's decision on your grievance: the DMHC may accept a "
    "late application, but do not count on it."
)
"""HSC 1374.30(k)."""


@dataclass(frozen=True)
class Notice:
    subject: str
    text: str
    html: str


def understood_facts(s: CaseSummary) -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = []
    if s.insurer:
        facts.append(("Health plan", s.insurer))
    if s.service:
        facts.append(("What was denied", s.service))
    if s.letter_date:
        facts.append(("Date of the letter", long_date(s.letter_date)))
    if s.member_id:
        facts.append(("Member ID", s.member_id))
    if s.reference_number:
        facts.append(("Reference number", s.reference_number))
    if s.category in CATEGORY_WORDS:
        facts.append(("Kind of denial", CATEGORY_WORDS[s.category]))
    if s.route in ROUTE_WORDS:
        facts.append(("Who oversees your plan", ROUTE_WORDS[s.route]))
    if s.urgent:
        facts.append(("Urgent", "yes, the letter treats this as urgent"))
    return facts


def imr_sentence(assessment: Assessment) -> str:
    """The eligibility assessment as one or two sentences a patient can act on."""
    match assessment.status:
        case Status.ELIGIBLE_NOW:
            return f"Yes, now. {assessment.why}"
        case Status.ELIGIBLE_ON:
            assert assessment.on is not None
            return f"From {long_date(assessment.on)}. {assessment.why}"
        case Status.NOT_DMHC:
            return f"Not through the DMHC. {assessment.why}"
        case Status.NEED_INFO:
            return f"{assessment.why} {assessment.question or ''}".strip()


def case_opened(
    s: CaseSummary,
    *,
    letter_attached: bool,
    dmhc: Dmhc,
    assessment: Assessment,
    dates: Dates = (),
) -> Notice:
    questions = open_questions(s)
    if assessment.question and assessment.question not in questions:
        questions.append(assessment.question)
    context = {
        "s": s,
        "facts": understood_facts(s),
        "questions": questions,
        "step": next_step(s).value,
        "imr": imr_sentence(assessment),
        "letter_attached": letter_attached,
        "dmhc": dmhc,
        "dates": _dated(dates),
    }
    about = f"your denial from {s.insurer}" if s.insurer else "your denial"
    return Notice(
        subject=f"[{s.number}] We opened a case for {about}: your next step",
        text=render("patient_case_opened.txt.j2", context),
        html=render("patient_case_opened.html.j2", context),
    )


Dates = Sequence[tuple[str, date]]
"""The case's dates to announce, each with its plain title (the .ics carries the same)."""


def _dated(dates: Dates) -> list[tuple[str, str]]:
    return [(title, long_date(day)) for title, day in sorted(dates, key=lambda d: d[1])]


def update(
    subject: str,
    *,
    name: str | None,
    number: str | None,
    headline: str,
    paragraphs: list[str],
    steps: list[str],
    dmhc: Dmhc,
    dates: Dates = (),
) -> Notice:
    context = {
        "name": name,
        "number": number,
        "headline": headline,
        "paragraphs": paragraphs,
        "steps": steps,
        "dmhc": dmhc,
        "dates": _dated(dates),
    }
    tag = f"[{number}] " if number else ""
    return Notice(
        subject=f"{tag}{subject}",
        text=render("patient_update.txt.j2", context),
        html=render("patient_update.html.j2", context),
    )


def _plan(s: CaseSummary) -> str:
    return s.insurer or "your plan"


def _plan_first(s: CaseSummary) -> str:
    """The plan's name at the start of a sentence."""
    return s.insurer or "Your plan"


def message_attached(s: CaseSummary, *, dmhc: Dmhc, dates: Dates = ()) -> Notice:
    about = f" (your denial from {s.insurer})" if s.insurer else ""
    return update(
        "We added your email to your case",
        name=s.patient_name,
        number=s.number,
        headline=f"We received your email and added it to case {s.number}{about}.",
        paragraphs=[
            "You do not need to do anything else for this email. If you meant to send us a "
            "different denial, reply and tell us."
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
    )


def grievance_decision(
    s: CaseSummary, *, dmhc: Dmhc, assessment: Assessment, dates: Dates = ()
) -> Notice:
    dated = f" dated {long_date(s.letter_date)}" if s.letter_date else ""
    steps = [
        f"Apply for a free Independent Medical Review with the DMHC, online at {dmhc.website} "
        "(the fastest way), or by mail or fax with the IMR/Complaint form.",
        "Send copies (not originals) of the denial, this decision, and your doctor's letter; "
        "the draft letter we sent you goes with them.",
    ]
    if assessment.status is not Status.ELIGIBLE_NOW:
        steps = ["Reply and tell us which kind of plan you have, so we can tell you where to go."]
    return update(
        "The plan kept its decision: you can ask for an Independent Medical Review",
        name=s.patient_name,
        number=s.number,
        headline=f"We received {_plan(s)}'s decision on your grievance{dated}. It keeps the "
        "denial.",
        paragraphs=[imr_sentence(assessment), IMR_WINDOW],
        steps=steps,
        dmhc=dmhc,
        dates=dates,
    )


def grievance_acknowledged(
    s: CaseSummary, *, dmhc: Dmhc, assessment: Assessment, filed: date | None, dates: Dates = ()
) -> Notice:
    when = f" on {long_date(filed)}" if filed else ""
    return update(
        "Your grievance is on record",
        name=s.patient_name,
        number=s.number,
        headline=f"{_plan_first(s)} confirmed it received your grievance{when}.",
        paragraphs=[imr_sentence(assessment)],
        steps=[
            "Keep the plan's letters. If the plan says no again, forward us its decision.",
            "If the plan has not decided by the date above, tell us: you can then apply for an "
            "Independent Medical Review without waiting longer.",
        ],
        dmhc=dmhc,
        dates=dates,
    )


def approved(s: CaseSummary, *, dmhc: Dmhc, reversal: bool, dates: Dates = ()) -> Notice:
    what = s.service or "the care you asked for"
    headline = (
        f"Good news: {_plan(s)} reversed its decision and approved {what}."
        if reversal
        else f"Good news: {_plan(s)} approved {what}."
    )
    return update(
        "Good news: your plan approved it",
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[
            "Check with your doctor's office that they have the approval and can schedule the "
            "care. If anything in the approval is less than what was asked for, reply and tell "
            "us."
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
    )


def dmhc_acknowledged(
    s: CaseSummary, *, dmhc: Dmhc, dmhc_case: str | None, dates: Dates = ()
) -> Notice:
    number = f" Its case number is {dmhc_case}." if dmhc_case else ""
    return update(
        "The DMHC has your application",
        name=s.patient_name,
        number=s.number,
        headline=f"The DMHC confirmed it received your application.{number}",
        paragraphs=[
            "The DMHC first decides whether your case qualifies, then an independent reviewer "
            "decides it: usually within 45 days in all, 7 days if urgent. Keep the DMHC's case "
            "number for any call or letter."
        ],
        steps=["Answer any request from the DMHC by the date it gives."],
        dmhc=dmhc,
        dates=dates,
    )


def dmhc_decided(
    s: CaseSummary, *, dmhc: Dmhc, decision: Decision | None, dates: Dates = ()
) -> Notice:
    if decision is Decision.OVERTURNED:
        return update(
            "The Independent Medical Review decided for you",
            name=s.patient_name,
            number=s.number,
            headline="The Independent Medical Review overturned the plan's decision.",
            paragraphs=[
                f"{_plan_first(s)} must authorize the "
                "care within 5 working days of the decision (HSC 1374.34(a)), or pay for care "
                "you already received within 5 working days."
            ],
            steps=[
                "Tell your doctor's office about the decision so they can schedule the care.",
                "If the plan has not acted within 5 working days, call the DMHC Help Center.",
            ],
            dmhc=dmhc,
            dates=dates,
        )
    return update(
        "The DMHC sent its decision",
        name=s.patient_name,
        number=s.number,
        headline="The DMHC sent its decision on your case"
        + (": the reviewer upheld the plan's decision." if decision is Decision.UPHELD else "."),
        paragraphs=[
            "We are sorry. You can call the Health Consumer Alliance for free advice on what "
            "else you can do."
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
    )


def dmhc_letter(s: CaseSummary, *, dmhc: Dmhc, dates: Dates = ()) -> Notice:
    return update(
        "We added the DMHC's letter to your case",
        name=s.patient_name,
        number=s.number,
        headline="We added the DMHC's letter to your case.",
        paragraphs=["If it asks you for information or documents, send them by the date it gives."],
        steps=[],
        dmhc=dmhc,
        dates=dates,
    )


def portal_notice(
    *, insurer: str | None, name: str | None, number: str | None, dmhc: Dmhc, dates: Dates = ()
) -> Notice:
    where = f"{insurer}'s website or app" if insurer else "your plan's website or app"
    return update(
        "Please send us the letter itself",
        name=name,
        number=number,
        headline=f"This email only says that a letter is waiting for you in {where}.",
        paragraphs=["We need the letter itself to help you."],
        steps=[
            f"Sign in to {where} and open the new letter or message.",
            "Download it (usually a PDF) and forward it to us as an attachment, or reply with a "
            "clear photo of each page.",
        ],
        dmhc=dmhc,
        dates=dates,
    )


EVENT_WORDS = {
    EventKind.GRIEVANCE_FILED: "You filed your grievance with the plan",
    EventKind.GRIEVANCE_ACKNOWLEDGED: "The plan confirmed it received your grievance",
    EventKind.GRIEVANCE_DECISION_RECEIVED: "The plan kept its decision on your grievance",
    EventKind.APPROVED: "The plan approved the care",
    EventKind.MARKED_URGENT: "Your case is urgent",
    EventKind.IMR_FILED: "You applied for the Independent Medical Review",
    EventKind.DELIVERY_CONFIRMED: "Your mailed application was delivered",
    EventKind.DMHC_ACKNOWLEDGED: "The DMHC confirmed it has your application",
    EventKind.DMHC_DECISION_RECEIVED: "The DMHC sent its decision",
    EventKind.PLAN_COMPLIED: "The plan did what the decision required",
    EventKind.CASE_CLOSED: "You asked us to close your case",
}
"""How each event a patient reports is said back to them."""

DETAIL_WORDS = {
    "method": {"online": "online", "fax": "by fax", "mail": "by mail"},
    "decision": {
        "overturned": "in your favour",
        "upheld": "keeping the plan's decision",
        "partial": "partly in your favour",
    },
}


def event_sentence(kind: EventKind, on: date, dated: bool, detail: dict[str, str]) -> str:
    """``You filed your grievance with the plan on November 20, 2026.``"""
    words = [EVENT_WORDS.get(kind, kind.value.replace("_", " "))]
    for key in ("method", "decision"):
        if key in detail:
            words.append(DETAIL_WORDS[key].get(detail[key], detail[key]))
    if detail.get("carrier") or detail.get("tracking"):
        carrier = detail.get("carrier", "")
        words.append(f"({carrier} tracking {detail.get('tracking', '')})".replace("  ", " "))
    if detail.get("dmhc_case_number"):
        words.append(f"(DMHC case number {detail['dmhc_case_number']})")
    words.append(
        f"on {long_date(on)}"
        if dated
        else "(you did not say which day: "
        f"we used {long_date(on)}, the day you wrote; reply with the date if it was "
        "another day)"
    )
    return " ".join(words) + "."


def reply_recorded(
    s: CaseSummary,
    *,
    recorded: Sequence[tuple[EventKind, date, bool, dict[str, str]]],
    reminders: EventKind | None,
    questions: bool,
    dmhc: Dmhc,
    dates: Dates = (),
) -> Notice:
    """The answer to a reply: what we understood, and the case's dates as they now stand."""
    lines = [event_sentence(kind, on, dated, detail) for kind, on, dated, detail in recorded]
    if reminders is EventKind.REMINDERS_STOPPED:
        lines.append(
            "We will not send you reminders for this case any more. Reply "
            '"resume reminders" if you want them back.'
        )
    elif reminders is EventKind.REMINDERS_RESUMED:
        lines.append("We will send you reminders for this case again.")
    if questions:
        lines.append("You also asked a question: a person will read it and answer you.")
    lines.append("If we got anything wrong, reply and tell us.")
    return update(
        "We recorded what you told us",
        name=s.patient_name,
        number=s.number,
        headline="Thank you. Here is what we understood from your email:",
        paragraphs=lines,
        steps=[],
        dmhc=dmhc,
        dates=dates,
    )
