"""Catalogue mail that is not a denial, though it looks like one to a careless reader: an
approval with the DMHC statement (Health Net), a member newsletter (Kaiser), a portal notice with
no letter in it (Anthem) and an email from the patient's sister."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import DocumentKind

from ..dates import _printed
from ..model import Letter, SampleLetter
from ..people import ANTHEM, HEALTH_NET, KAISER, LINDA, MARISOL, PRIYA, TERESA, WALTER, _no_reply
from ..statements import dmhc_statement


def _health_net_approval() -> SampleLetter:
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    letter = Letter(
        organisation="Health Net",
        letterhead=(
            "Health Net of California, Inc.",
            "Medical Management, P.O. Box 9103, Van Nuys, CA 91409-9103",
            f"Member Services {phone}",
        ),
        date_line="March 2, 2026",
        recipient=("Marisol Ibarra", "6021 Laurel Canyon Way", "Bakersfield, CA 93306"),
        member_block=(
            ("Member", "Marisol Ibarra"),
            ("Member ID", "R77301845"),
            ("Authorization number", "HN-26-0302-ST1187"),
            ("Provider", "Valley Sports and Spine Physical Therapy"),
            ("Service approved", "Outpatient physical therapy, 12 visits"),
            ("Approved dates", "March 2, 2026 to May 31, 2026"),
        ),
        title="Notice of Approval",
        paragraphs=(
            "Dear Marisol Ibarra:",
            "Good news: your request for outpatient physical therapy has been approved. Health "
            "Net has authorized 12 visits with Valley Sports and Spine Physical Therapy between "
            "March 2, 2026 and May 31, 2026.",
            "Please bring this letter and your member ID card to your first visit. Your usual "
            "copayment applies. If you need more visits, your therapist can ask us before the "
            "approved visits run out.",
            f"If you have questions about this approval, call Member Services at {phone}.",
        ),
        closing=("Sincerely,", "", "Medical Management", "Health Net of California, Inc."),
        statement=dmhc_statement(phone),
        running_header="Marisol Ibarra - R77301845 - Auth HN-26-0302-ST1187",
        footer_code="HN-CA-UM-APV 2026",
    )
    return SampleLetter(
        key="health_net_approval",
        description="Health Net approval letter (with the DMHC statement, still no denial)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=HEALTH_NET,
        sender=HEALTH_NET.sender,
        patient=MARISOL,
        subject="Important information about your authorization request",
        email_paragraphs=(
            "Dear Marisol Ibarra,",
            "We have made a decision about a request for services. Your letter is attached.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename="HealthNet_Authorization_HN-26-0302-ST1187.pdf",
        letter_datetime=_printed(date(2026, 3, 2), 6, 15),
    )


def _kaiser_newsletter() -> SampleLetter:
    return SampleLetter(
        key="kaiser_newsletter",
        description="Kaiser Permanente member newsletter (mentions grievances, not a denial)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=KAISER,
        sender=_no_reply("Kaiser Permanente", "kp-news.example.com", "healthyliving"),
        patient=WALTER,
        subject="Healthy Living: your spring 2026 member newsletter",
        email_paragraphs=(
            "## Spring into better health",
            "Hi Walter,",
            "Longer days are here. This issue has tips for allergy season, a reminder about "
            "your yearly checkup, and new ways to get care without leaving home.",
            "## Allergy season survival tips",
            "Pollen counts in Southern California peak from March to June. Keep windows closed "
            "on windy days, shower after spending time outside, and ask your pharmacist which "
            "over-the-counter allergy medicines are covered by your plan.",
            "## Get care your way",
            "Video visits and phone appointments are available for many concerns, and you can "
            "get 24/7 advice from a nurse by calling the number on your member ID card.",
            "## Know your rights as a member",
            "You can ask for an interpreter at no cost for any appointment. If you ever have a "
            "concern about your care or your coverage, call Member Services; your Evidence of "
            "Coverage explains the grievance process and your member rights.",
            "## Your preventive care checklist",
            "- Yearly checkup and blood pressure check",
            "- Flu and COVID-19 vaccines in the fall",
            "- Colorectal cancer screening from age 45",
            "To stop getting Healthy Living emails, update your preferences when you sign in.",
        ),
    )


def _anthem_portal_notice() -> SampleLetter:
    return SampleLetter(
        key="anthem_portal_notice",
        description="Anthem portal notice: 'a new letter is available' (no letter in it)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=ANTHEM,
        sender=ANTHEM.sender,
        patient=PRIYA,
        subject="You have a new letter waiting for you",
        email_paragraphs=(
            "Hi Priya,",
            "A new letter is available in your secure Message Center. To protect your privacy, "
            "we don't include personal health information in email.",
            "Sign in to your account to read it. You can also choose to get paper letters by "
            "mail in your communication preferences.",
        ),
    )


def _personal_email() -> SampleLetter:
    return SampleLetter(
        key="personal_email",
        description="An ordinary email from the patient's sister (mentions Kaiser, no letter)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=None,
        sender=LINDA,
        patient=TERESA,
        subject="Sunday?",
        email_paragraphs=(
            "Hi Teresa,",
            "Are we still on for Sunday? Mom wants to make pozole, so bring the big pot if you "
            "still have it.",
            "How is your back doing? Did Kaiser ever call you back about the surgery?",
            "Love,\nLinda",
        ),
    )
