"""What the patient is told, as subject, plain text and HTML (pure: values in, text out).

Plain language for a worried reader: the case number first, what happened, what it means for
an Independent Medical Review, and the one or two things to do now, with free help at the
end. A case's first email has its own template (what was understood, what could not be
found, the draft letter); every later event uses the short update template.

Every notice is written in the patient's ``language`` ("en" or "es"; anything else gets
English): the English text here is the message id, marked ``_(...)`` (or ``N_(...)`` in
tables) so the catalog extractor finds it; ``locale/es/LC_MESSAGES/denialwatch.po`` holds the
Spanish. Official names (the DMHC, the IMR/Complaint form) stay in English in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary, next_step, open_questions
from denialwatch.domain.eligibility import QUESTIONS, WHY, Assessment, Status
from denialwatch.domain.events import EventKind
from denialwatch.domain.language import DEFAULT_LANGUAGE, N_, supported
from denialwatch.domain.model import Category, Decision, Route
from denialwatch.rendering import Gettext, gettext_for, long_date, render

ROUTE_WORDS = {
    Route.DMHC: N_("the California Department of Managed Health Care (DMHC)"),
    Route.CDI: N_("the California Department of Insurance (CDI)"),
    Route.MEDI_CAL: N_("Medi-Cal managed care (the DMHC and the State Hearing system)"),
    Route.MEDICARE: N_("Medicare (federal)"),
    Route.ERISA: N_("a self-funded employer plan (federal ERISA law)"),
    Route.WORKERS_COMP: N_("workers' compensation"),
}

CATEGORY_WORDS = {
    Category.MEDICAL_NECESSITY: N_("the plan says the care is not medically necessary"),
    Category.EXPERIMENTAL: N_("the plan says the treatment is experimental or investigational"),
    Category.EMERGENCY_PAYMENT: N_("the plan refuses to pay for emergency or urgent care"),
    Category.NOT_COVERED: N_("the plan says this is not a covered benefit"),
    Category.ADMINISTRATIVE: N_("an administrative reason (such as a missing prior authorization)"),
    Category.PHARMACY: N_("a pharmacy rule (formulary, step therapy or quantity limit)"),
}

IMR_WINDOW = N_(
    "Apply within 6 months of the plan's decision on your grievance: the DMHC may accept a "
    "late application, but do not count on it."
)
"""HSC 1374.30(k)."""


@dataclass(frozen=True)
class Notice:
    subject: str
    text: str
    html: str


def understood_facts(s: CaseSummary, *, language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    _ = gettext_for(language)
    facts: list[tuple[str, str]] = []
    if s.insurer:
        facts.append((_("Health plan"), s.insurer))
    if s.service:
        facts.append((_("What was denied"), s.service))
    if s.letter_date:
        facts.append((_("Date of the letter"), long_date(s.letter_date, language)))
    if s.member_id:
        facts.append((_("Member ID"), s.member_id))
    if s.reference_number:
        facts.append((_("Reference number"), s.reference_number))
    if s.category in CATEGORY_WORDS:
        facts.append((_("Kind of denial"), _(CATEGORY_WORDS[s.category])))
    if s.route in ROUTE_WORDS:
        facts.append((_("Who oversees your plan"), _(ROUTE_WORDS[s.route])))
    if s.urgent:
        facts.append((_("Urgent"), _("yes, the letter treats this as urgent")))
    return facts


def reason_words(assessment: Assessment, *, language: str = DEFAULT_LANGUAGE) -> str:
    """Why the assessment is what it is, in ``language`` (a hand-built one: its own words)."""
    if assessment.reason is None:
        return assessment.why
    return gettext_for(language)(WHY[assessment.reason], **assessment.values)


def question_words(assessment: Assessment, *, language: str = DEFAULT_LANGUAGE) -> str | None:
    """What the assessment asks the patient, in ``language``; None when it asks nothing."""
    if assessment.reason is None or assessment.reason not in QUESTIONS:
        return assessment.question
    return gettext_for(language)(QUESTIONS[assessment.reason], **assessment.values)


def imr_sentence(assessment: Assessment, *, language: str = DEFAULT_LANGUAGE) -> str:
    """The eligibility assessment as one or two sentences a patient can act on."""
    _ = gettext_for(language)
    why = reason_words(assessment, language=language)
    match assessment.status:
        case Status.ELIGIBLE_NOW:
            lead = _("Yes, now.")
        case Status.ELIGIBLE_ON:
            assert assessment.on is not None
            lead = _("From %(day)s.", day=long_date(assessment.on, language))
        case Status.NOT_DMHC:
            lead = _("Not through the DMHC.")
        case Status.NEED_INFO:
            return f"{why} {question_words(assessment, language=language) or ''}".strip()
    return f"{lead} {why}"


def case_opened(
    s: CaseSummary,
    *,
    letter_attached: bool,
    dmhc: Dmhc,
    assessment: Assessment,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
    evidence: Sequence[str] = (),
) -> Notice:
    """The case's first email. ``evidence``: sentences on how similar IMRs were decided,
    already in the patient's language (``denialwatch.evidence``), shown with the letter."""
    language = supported(language)
    _ = gettext_for(language)
    questions = [_(question) for question in open_questions(s)]
    asked = question_words(assessment, language=language)
    if asked and asked not in questions:
        questions.append(asked)
    context = {
        "s": s,
        "facts": understood_facts(s, language=language),
        "questions": questions,
        "step": next_step(s).value,
        "imr": imr_sentence(assessment, language=language),
        "letter_attached": letter_attached,
        "evidence": list(evidence) if letter_attached else [],
        "dmhc": dmhc,
        "dates": _dated(dates, language),
    }
    subject = (
        _("We opened a case for your denial from %(insurer)s: your next step", insurer=s.insurer)
        if s.insurer
        else _("We opened a case for your denial: your next step")
    )
    return Notice(
        subject=f"[{s.number}] {subject}",
        text=render("patient_case_opened.txt.j2", context, language),
        html=render("patient_case_opened.html.j2", context, language),
    )


Dates = Sequence[tuple[str, date]]
"""The case's dates to announce, each with its plain title (the .ics carries the same)."""


def _dated(dates: Dates, language: str) -> list[tuple[str, str]]:
    return [(title, long_date(day, language)) for title, day in sorted(dates, key=lambda d: d[1])]


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
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    """The short update email; ``subject``, ``headline``, ``paragraphs`` and ``steps`` come
    already phrased in ``language``, the template says the rest in it."""
    language = supported(language)
    context = {
        "name": name,
        "number": number,
        "headline": headline,
        "paragraphs": paragraphs,
        "steps": steps,
        "dmhc": dmhc,
        "dates": _dated(dates, language),
    }
    tag = f"[{number}] " if number else ""
    return Notice(
        subject=f"{tag}{subject}",
        text=render("patient_update.txt.j2", context, language),
        html=render("patient_update.html.j2", context, language),
    )


def _plan(s: CaseSummary, _: Gettext) -> str:
    return s.insurer or _("your plan")


def _plan_first(s: CaseSummary, _: Gettext) -> str:
    """The plan's name at the start of a sentence."""
    return s.insurer or _("Your plan")


def message_attached(
    s: CaseSummary, *, dmhc: Dmhc, dates: Dates = (), language: str = DEFAULT_LANGUAGE
) -> Notice:
    _ = gettext_for(language)
    headline = (
        _(
            "We received your email and added it to case %(number)s (your denial from "
            "%(insurer)s).",
            number=s.number,
            insurer=s.insurer,
        )
        if s.insurer
        else _("We received your email and added it to case %(number)s.", number=s.number)
    )
    return update(
        _("We added your email to your case"),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[
            _(
                "You do not need to do anything else for this email. If you meant to send us a "
                "different denial, reply and tell us."
            )
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def grievance_decision(
    s: CaseSummary,
    *,
    dmhc: Dmhc,
    assessment: Assessment,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    _ = gettext_for(language)
    steps = [
        _(
            "Apply for a free Independent Medical Review with the DMHC, online at %(website)s "
            "(the fastest way), or by mail or fax with the IMR/Complaint form.",
            website=dmhc.website,
        ),
        _(
            "Send copies (not originals) of the denial, this decision, and your doctor's letter; "
            "the draft letter we sent you goes with them."
        ),
    ]
    if assessment.status is not Status.ELIGIBLE_NOW:
        steps = [
            _("Reply and tell us which kind of plan you have, so we can tell you where to go.")
        ]
    if s.letter_date:
        headline = _(
            "We received %(plan)s's decision on your grievance dated %(day)s. It keeps the denial.",
            plan=_plan(s, _),
            day=long_date(s.letter_date, language),
        )
    else:
        headline = _(
            "We received %(plan)s's decision on your grievance. It keeps the denial.",
            plan=_plan(s, _),
        )
    return update(
        _("The plan kept its decision: you can ask for an Independent Medical Review"),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[imr_sentence(assessment, language=language), _(IMR_WINDOW)],
        steps=steps,
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def grievance_acknowledged(
    s: CaseSummary,
    *,
    dmhc: Dmhc,
    assessment: Assessment,
    filed: date | None,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    _ = gettext_for(language)
    headline = (
        _(
            "%(plan)s confirmed it received your grievance on %(day)s.",
            plan=_plan_first(s, _),
            day=long_date(filed, language),
        )
        if filed
        else _("%(plan)s confirmed it received your grievance.", plan=_plan_first(s, _))
    )
    return update(
        _("Your grievance is on record"),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[imr_sentence(assessment, language=language)],
        steps=[
            _("Keep the plan's letters. If the plan says no again, forward us its decision."),
            _(
                "If the plan has not decided by the date above, tell us: you can then apply for "
                "an Independent Medical Review without waiting longer."
            ),
        ],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def approved(
    s: CaseSummary,
    *,
    dmhc: Dmhc,
    reversal: bool,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    _ = gettext_for(language)
    what = s.service or _("the care you asked for")
    headline = (
        _(
            "Good news: %(plan)s reversed its decision and approved %(what)s.",
            plan=_plan(s, _),
            what=what,
        )
        if reversal
        else _("Good news: %(plan)s approved %(what)s.", plan=_plan(s, _), what=what)
    )
    return update(
        _("Good news: your plan approved it"),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[
            _(
                "Check with your doctor's office that they have the approval and can schedule "
                "the care. If anything in the approval is less than what was asked for, reply "
                "and tell us."
            )
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def dmhc_acknowledged(
    s: CaseSummary,
    *,
    dmhc: Dmhc,
    dmhc_case: str | None,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    _ = gettext_for(language)
    headline = (
        _(
            "The DMHC confirmed it received your application. Its case number is %(dmhc_case)s.",
            dmhc_case=dmhc_case,
        )
        if dmhc_case
        else _("The DMHC confirmed it received your application.")
    )
    return update(
        _("The DMHC has your application"),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[
            _(
                "The DMHC first decides whether your case qualifies, then an independent "
                "reviewer decides it: usually within 45 days in all, 7 days if urgent. Keep the "
                "DMHC's case number for any call or letter."
            )
        ],
        steps=[_("Answer any request from the DMHC by the date it gives.")],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def dmhc_decided(
    s: CaseSummary,
    *,
    dmhc: Dmhc,
    decision: Decision | None,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    _ = gettext_for(language)
    if decision is Decision.OVERTURNED:
        return update(
            _("The Independent Medical Review decided for you"),
            name=s.patient_name,
            number=s.number,
            headline=_("The Independent Medical Review overturned the plan's decision."),
            paragraphs=[
                _(
                    "%(plan)s must authorize the care within 5 working days of the decision "
                    "(HSC 1374.34(a)), or pay for care you already received within 5 working "
                    "days.",
                    plan=_plan_first(s, _),
                )
            ],
            steps=[
                _("Tell your doctor's office about the decision so they can schedule the care."),
                _("If the plan has not acted within 5 working days, call the DMHC Help Center."),
            ],
            dmhc=dmhc,
            dates=dates,
            language=language,
        )
    headline = (
        _("The DMHC sent its decision on your case: the reviewer upheld the plan's decision.")
        if decision is Decision.UPHELD
        else _("The DMHC sent its decision on your case.")
    )
    return update(
        _("The DMHC sent its decision"),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=[
            _(
                "We are sorry. You can call the Health Consumer Alliance for free advice on what "
                "else you can do."
            )
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def dmhc_letter(
    s: CaseSummary, *, dmhc: Dmhc, dates: Dates = (), language: str = DEFAULT_LANGUAGE
) -> Notice:
    _ = gettext_for(language)
    return update(
        _("We added the DMHC's letter to your case"),
        name=s.patient_name,
        number=s.number,
        headline=_("We added the DMHC's letter to your case."),
        paragraphs=[
            _("If it asks you for information or documents, send them by the date it gives.")
        ],
        steps=[],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def portal_notice(
    *,
    insurer: str | None,
    name: str | None,
    number: str | None,
    dmhc: Dmhc,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    _ = gettext_for(language)
    where = (
        _("%(insurer)s's website or app", insurer=insurer)
        if insurer
        else _("your plan's website or app")
    )
    return update(
        _("Please send us the letter itself"),
        name=name,
        number=number,
        headline=_(
            "This email only says that a letter is waiting for you in %(where)s.", where=where
        ),
        paragraphs=[_("We need the letter itself to help you.")],
        steps=[
            _("Sign in to %(where)s and open the new letter or message.", where=where),
            _(
                "Download it (usually a PDF) and forward it to us as an attachment, or reply "
                "with a clear photo of each page."
            ),
        ],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


EVENT_WORDS = {
    EventKind.GRIEVANCE_FILED: N_("You filed your grievance with the plan"),
    EventKind.GRIEVANCE_ACKNOWLEDGED: N_("The plan confirmed it received your grievance"),
    EventKind.GRIEVANCE_DECISION_RECEIVED: N_("The plan kept its decision on your grievance"),
    EventKind.APPROVED: N_("The plan approved the care"),
    EventKind.MARKED_URGENT: N_("Your case is urgent"),
    EventKind.IMR_FILED: N_("You applied for the Independent Medical Review"),
    EventKind.DELIVERY_CONFIRMED: N_("Your mailed application was delivered"),
    EventKind.DMHC_ACKNOWLEDGED: N_("The DMHC confirmed it has your application"),
    EventKind.DMHC_DECISION_RECEIVED: N_("The DMHC sent its decision"),
    EventKind.PLAN_COMPLIED: N_("The plan did what the decision required"),
    EventKind.CASE_CLOSED: N_("You asked us to close your case"),
}
"""How each event a patient reports is said back to them."""

DETAIL_WORDS = {
    "method": {"online": N_("online"), "fax": N_("by fax"), "mail": N_("by mail")},
    "decision": {
        "overturned": N_("in your favour"),
        "upheld": N_("keeping the plan's decision"),
        "partial": N_("partly in your favour"),
    },
}


def event_sentence(
    kind: EventKind,
    on: date,
    dated: bool,
    detail: dict[str, str],
    *,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """``You filed your grievance with the plan on November 20, 2026.``"""
    _ = gettext_for(language)
    words = [_(EVENT_WORDS[kind]) if kind in EVENT_WORDS else kind.value.replace("_", " ")]
    for key in ("method", "decision"):
        if key in detail:
            said = DETAIL_WORDS[key].get(detail[key])
            words.append(_(said) if said else detail[key])
    carrier, tracking = detail.get("carrier", ""), detail.get("tracking", "")
    if carrier and tracking:
        words.append(_("(%(carrier)s tracking %(tracking)s)", carrier=carrier, tracking=tracking))
    elif tracking:
        words.append(_("(tracking %(tracking)s)", tracking=tracking))
    elif carrier:
        words.append(f"({carrier})")
    if detail.get("dmhc_case_number"):
        words.append(_("(DMHC case number %(number)s)", number=detail["dmhc_case_number"]))
    day = long_date(on, language)
    words.append(
        _("on %(day)s", day=day)
        if dated
        else _(
            "(you did not say which day: we used %(day)s, the day you wrote; reply with the "
            "date if it was another day)",
            day=day,
        )
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
    language: str = DEFAULT_LANGUAGE,
    language_changed: bool = False,
) -> Notice:
    """The answer to a reply: what we understood, and the case's dates as they now stand.
    ``language_changed``: the patient asked to be written to in ``language`` from now on."""
    _ = gettext_for(language)
    lines = [
        event_sentence(kind, on, dated, detail, language=language)
        for kind, on, dated, detail in recorded
    ]
    if language_changed:
        lines.append(
            _("From now on we will write to you in Spanish.")
            if supported(language) == "es"
            else _("From now on we will write to you in English.")
        )
    if reminders is EventKind.REMINDERS_STOPPED:
        lines.append(
            _(
                "We will not send you reminders for this case any more. Reply "
                '"resume reminders" if you want them back.'
            )
        )
    elif reminders is EventKind.REMINDERS_RESUMED:
        lines.append(_("We will send you reminders for this case again."))
    if questions:
        lines.append(_("You also asked a question: a person will read it and answer you."))
    lines.append(_("If we got anything wrong, reply and tell us."))
    return update(
        _("We recorded what you told us"),
        name=s.patient_name,
        number=s.number,
        headline=_("Thank you. Here is what we understood from your email:"),
        paragraphs=lines,
        steps=[],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )
