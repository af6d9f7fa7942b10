"""The reminder emails: one thing to do, the date, and why (pure: values in, text out).

Each email is in the patient's ``language``, through the same catalog as the other notices.
The "why" paragraph quotes the deadline rule's own sentence in English; in another language
it says the same thing per kind of deadline (``DEADLINE_WHY``), since the rules table is
written in English for the people who check it.
"""

from __future__ import annotations

from datetime import date

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary
from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.language import DEFAULT_LANGUAGE, N_, supported
from denialwatch.domain.notice import Notice, update
from denialwatch.domain.reminders.model import ReminderKind
from denialwatch.rendering import Gettext, gettext_for, long_date

DEADLINE_WHY = {
    DeadlineKind.GRIEVANCE_WINDOW: N_(
        "Plans must give you at least 180 days from the denial to file a grievance (appeal)."
    ),
    DeadlineKind.MEDI_CAL_APPEAL_WINDOW: N_(
        "A Medi-Cal plan appeal must be filed within 60 days of the date on the notice."
    ),
    DeadlineKind.GRIEVANCE_RESOLUTION: N_(
        "The plan must decide your grievance within 30 days of filing (3 days if urgent)."
    ),
    DeadlineKind.IMR_ELIGIBLE: N_(
        "From this day you may apply for an Independent Medical Review (IMR)."
    ),
    DeadlineKind.IMR_FILE_BY: N_(
        "You have 6 months from the plan's decision, or from the day the plan ran out of time, "
        "to apply for an Independent Medical Review."
    ),
    DeadlineKind.DMHC_ACKNOWLEDGEMENT_EXPECTED: N_(
        "The DMHC usually confirms an application within about 5 days of receiving it."
    ),
    DeadlineKind.DELIVERY_EXPECTED: N_(
        "A mailed application should show as delivered by this day; if not, check the tracking."
    ),
    DeadlineKind.IMR_DECISION_EXPECTED: N_(
        "The reviewer decides within 30 days after the DMHC accepts your case (sooner if urgent)."
    ),
    DeadlineKind.DMHC_TYPICAL_DECISION: N_(
        "The DMHC says most reviews are decided within 45 days of the application."
    ),
    DeadlineKind.PLAN_COMPLIANCE: N_(
        "The plan must follow a decision in your favor within 5 working days."
    ),
}
"""The "why" of each kind of deadline, for the languages other than English."""


def _days_until(about: date, today: date, _: Gettext) -> str:
    days = (about - today).days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return _("in %(days)s days", days=days)


def _why(deadline: Deadline, language: str, _: Gettext) -> str:
    if language == DEFAULT_LANGUAGE or deadline.kind not in DEADLINE_WHY:
        said = deadline.description.rstrip(".")
    else:
        said = _(DEADLINE_WHY[deadline.kind]).rstrip(".")
    return _("Why: %(why)s (%(citation)s).", why=said, citation=deadline.citation)


def reminder_notice(
    kind: ReminderKind,
    s: CaseSummary,
    *,
    about: date | None,
    deadline: Deadline | None,
    today: date,
    dmhc: Dmhc,
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    """The email for one reminder; ``today`` is the patient's calendar day when it is sent."""
    language = supported(language)
    _ = gettext_for(language)
    plan = s.insurer or _("your plan")
    day = long_date(about, language) if about else ""
    when = _days_until(about, today, _) if about else ""
    why = [_why(deadline, language, _)] if deadline else []
    phone = dmhc.help_center_phone
    match kind:
        case ReminderKind.FILE_GRIEVANCE:
            subject = _("File your grievance with %(plan)s by %(day)s", plan=plan, day=day)
            headline = _(
                "The last day to file a grievance (appeal) with %(plan)s is %(day)s, %(when)s.",
                plan=plan,
                day=day,
                when=when,
            )
            steps = [
                _(
                    "Call %(plan)s (the number is on your insurance card) or use its website, "
                    "and say you want to file a grievance about this denial.",
                    plan=plan,
                ),
                _(
                    "Reply to this email with the date you filed it, so we can tell you when "
                    "you can ask for an Independent Medical Review."
                ),
            ]
        case ReminderKind.IMR_AVAILABLE:
            subject = _("You can apply for an Independent Medical Review today")
            headline = _(
                "Your grievance has been open long enough: from %(day)s you can apply for a "
                "free Independent Medical Review, even though the plan has not answered.",
                day=day,
            )
            steps = [
                _(
                    "Apply online at %(website)s (the fastest way), or by mail or fax with the "
                    "IMR/Complaint form.",
                    website=dmhc.website,
                ),
                _("Reply to this email when you have applied, and how (online, fax or mail)."),
            ]
        case ReminderKind.IMR_FILE_BY:
            subject = _("Apply for your Independent Medical Review by %(day)s", day=day)
            headline = _(
                "The last day to apply for an Independent Medical Review is %(day)s, %(when)s.",
                day=day,
                when=when,
            )
            steps = [
                _(
                    "Apply online at %(website)s (the fastest way), or by mail or fax with the "
                    "IMR/Complaint form and the draft letter we sent you.",
                    website=dmhc.website,
                ),
                _("Reply to this email when you have applied, so we stop these reminders."),
            ]
        case ReminderKind.CHECK_TRACKING:
            subject = _("Check the tracking of your IMR application")
            headline = _(
                "You mailed your IMR application and we have not heard that it was delivered."
            )
            steps = [
                _("Look up the tracking number on the mail carrier's website."),
                _(
                    'Reply "it was delivered" when it was, or call the DMHC Help Center if it '
                    "was not."
                ),
            ]
        case ReminderKind.NO_DMHC_ACKNOWLEDGEMENT:
            subject = _("No word from the DMHC yet?")
            headline = _(
                "The DMHC usually confirms an application within about 5 days, and we have not "
                "seen its confirmation."
            )
            steps = [
                _(
                    "Call the DMHC Help Center at %(phone)s and ask whether it has your "
                    "application.",
                    phone=phone,
                ),
                _(
                    "Forward us the DMHC's letter or email when it comes, or reply with its "
                    "case number."
                ),
            ]
        case ReminderKind.DECISION_EXPECTED:
            subject = _("Your IMR decision is expected around %(day)s", day=day)
            headline = _(
                "The decision on your Independent Medical Review is expected around %(day)s.",
                day=day,
            )
            steps = [
                _("Forward us the DMHC's decision as soon as it comes."),
                _("If nothing has come, call the DMHC Help Center at %(phone)s.", phone=phone),
            ]
        case ReminderKind.PLAN_COMPLIANCE:
            subject = _("Did your plan follow the IMR decision?")
            headline = _(
                "%(plan)s had until %(day)s to authorize or pay for the care the Independent "
                "Medical Review decided you should get.",
                plan=plan[0].upper() + plan[1:],
                day=day,
            )
            steps = [
                _('Reply "the plan complied" if it did (the care is scheduled or paid).'),
                _(
                    "If it has not, call the DMHC Help Center at %(phone)s: plans are fined for "
                    "every day they do not comply.",
                    phone=phone,
                ),
            ]
    return update(
        subject,
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=why,
        steps=steps,
        dmhc=dmhc,
        language=language,
    )
