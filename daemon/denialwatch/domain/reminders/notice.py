"""The reminder emails: one thing to do, the date, and why (pure: values in, text out)."""

from __future__ import annotations

from datetime import date

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary
from denialwatch.domain.deadlines.model import Deadline
from denialwatch.domain.notice import Notice, update
from denialwatch.domain.reminders.model import ReminderKind
from denialwatch.rendering import long_date


def _days_until(about: date, today: date) -> str:
    days = (about - today).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def reminder_notice(
    kind: ReminderKind,
    s: CaseSummary,
    *,
    about: date | None,
    deadline: Deadline | None,
    today: date,
    dmhc: Dmhc,
) -> Notice:
    """The email for one reminder; ``today`` is the patient's calendar day when it is sent."""
    plan = s.insurer or "your plan"
    day = long_date(about) if about else ""
    when = _days_until(about, today) if about else ""
    why = [f"Why: {deadline.description} ({deadline.citation})."] if deadline else []
    match kind:
        case ReminderKind.FILE_GRIEVANCE:
            subject = f"File your grievance with {plan} by {day}"
            headline = f"The last day to file a grievance (appeal) with {plan} is {day}, {when}."
            steps = [
                f"Call {plan} (the number is on your insurance card) or use its website, and say "
                "you want to file a grievance about this denial.",
                "Reply to this email with the date you filed it, so we can tell you when you "
                "can ask for an Independent Medical Review.",
            ]
        case ReminderKind.IMR_AVAILABLE:
            subject = "You can apply for an Independent Medical Review today"
            headline = (
                f"Your grievance has been open long enough: from {day} you can apply for a free "
                "Independent Medical Review, even though the plan has not answered."
            )
            steps = [
                f"Apply online at {dmhc.website} (the fastest way), or by mail or fax with the "
                "IMR/Complaint form.",
                "Reply to this email when you have applied, and how (online, fax or mail).",
            ]
        case ReminderKind.IMR_FILE_BY:
            subject = f"Apply for your Independent Medical Review by {day}"
            headline = f"The last day to apply for an Independent Medical Review is {day}, {when}."
            steps = [
                f"Apply online at {dmhc.website} (the fastest way), or by mail or fax with the "
                "IMR/Complaint form and the draft letter we sent you.",
                "Reply to this email when you have applied, so we stop these reminders.",
            ]
        case ReminderKind.CHECK_TRACKING:
            subject = "Check the tracking of your IMR application"
            headline = (
                "You mailed your IMR application and we have not heard that it was delivered."
            )
            steps = [
                "Look up the tracking number on the mail carrier's website.",
                'Reply "it was delivered" when it was, or call the DMHC Help Center if it was not.',
            ]
        case ReminderKind.NO_DMHC_ACKNOWLEDGEMENT:
            subject = "No word from the DMHC yet?"
            headline = (
                "The DMHC usually confirms an application within about 5 days, and we have not "
                "seen its confirmation."
            )
            steps = [
                f"Call the DMHC Help Center at {dmhc.help_center_phone} and ask whether it has "
                "your application.",
                "Forward us the DMHC's letter or email when it comes, or reply with its case "
                "number.",
            ]
        case ReminderKind.DECISION_EXPECTED:
            subject = f"Your IMR decision is expected around {day}"
            headline = f"The decision on your Independent Medical Review is expected around {day}."
            steps = [
                "Forward us the DMHC's decision as soon as it comes.",
                f"If nothing has come, call the DMHC Help Center at {dmhc.help_center_phone}.",
            ]
        case ReminderKind.PLAN_COMPLIANCE:
            subject = "Did your plan follow the IMR decision?"
            headline = (
                f"{plan[0].upper() + plan[1:]} had until {day} to authorize or pay for the care "
                "the Independent Medical Review decided you should get."
            )
            steps = [
                'Reply "the plan complied" if it did (the care is scheduled or paid).',
                f"If it has not, call the DMHC Help Center at {dmhc.help_center_phone}: "
                "plans are fined for every day they do not comply.",
            ]
    return update(
        subject,
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=why,
        steps=steps,
        dmhc=dmhc,
    )
