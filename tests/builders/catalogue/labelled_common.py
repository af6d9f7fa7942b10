"""What the labelled letters share: the senders and patients they add to ``people`` (all
invented, at example domains, with 555 phone numbers; the DMHC's own numbers are the real
ones, since the product reads them) and ``labelled``, which builds one catalogue entry."""

from __future__ import annotations

from datetime import date

from ..dates import _printed
from ..labels import Expected, LabelledLetter
from ..model import Letter, SampleLetter
from ..people import Party, Plan, _no_reply
from ..statements import DMHC_PHONE

_DO_NOT_REPLY = "Please do not reply to this email. This mailbox is not monitored."

CIGNA = Plan(
    name="Cigna Healthcare",
    sender=_no_reply("Cigna Healthcare", "cigna-notices.example.com", "noreply"),
    colour="#00874d",
    portal_url="https://my.cigna-notices.example.com/documents",
    phone="1-800-555-0166",
    footer=(_DO_NOT_REPLY, "Cigna Health and Life Insurance Company, Bloomfield, CT"),
)
UHC = Plan(
    name="UnitedHealthcare",
    sender=_no_reply("UnitedHealthcare", "uhc-mail.example.com", "donotreply"),
    colour="#002677",
    portal_url="https://member.uhc-mail.example.com/claims",
    phone="1-866-555-0177",
    footer=(_DO_NOT_REPLY, "UnitedHealthcare Services, Inc., P.O. Box 30555, Salt Lake City, UT"),
)
SUTTER = Plan(
    name="Sutter Health Plus",
    sender=_no_reply("Sutter Health Plus", "shplus-notices.example.com"),
    colour="#a4343a",
    portal_url="https://members.shplus-notices.example.com/letters",
    phone="1-855-555-0131",
    footer=(_DO_NOT_REPLY, "Sutter Health Plus, P.O. Box 161450, Sacramento, CA 95816"),
)
ALIGNMENT = Plan(
    name="Alignment Health Plan",
    sender=_no_reply("Alignment Health Plan", "alignment-notices.example.com"),
    colour="#e35205",
    portal_url="https://members.alignment-notices.example.com/",
    phone="1-866-555-0148",
    footer=(_DO_NOT_REPLY, "Alignment Health Plan, Orange, CA"),
)
DMHC = Plan(
    name="Department of Managed Health Care",
    sender=Party("DMHC Help Center", "helpcenter@dmhc-notices.example.org"),
    colour="#046b99",
    portal_url="https://www.dmhc-notices.example.org/case-status",
    phone=DMHC_PHONE,
    footer=(
        "Department of Managed Health Care, Help Center, 980 Ninth Street, Suite 500, "
        "Sacramento, CA 95814-2725",
        "Help Center 1-888-466-2219, TDD 1-877-688-9891, www.HealthHelp.ca.gov",
    ),
)
SUMMIT = Plan(
    name="Summit Claims Administrators",
    sender=Party("Summit Claims UR", "ur-notices@summitclaims.example.net"),
    colour="#3b4a5a",
    portal_url="https://portal.summitclaims.example.net/",
    phone="1-559-555-0162",
    footer=("Summit Claims Administrators, P.O. Box 20518, Fresno, CA 93729-0518",),
)
REDWOOD = Plan(
    name="Redwood Coast Medical Group",
    sender=Party("Redwood Coast Medical Group UM", "um.coordinator@redwoodcoastmg.example.com"),
    colour="#2f5d50",
    portal_url="https://www.redwoodcoastmg.example.com/patients",
    phone="1-707-555-0124",
    footer=("Redwood Coast Medical Group, 1200 Harbor Road, Eureka, CA 95501",),
)
MERCY = Plan(
    name="Mercy Valley Medical Center",
    sender=_no_reply("Mercy Valley Medical Center Billing", "mvmc-billing.example.org", "billing"),
    colour="#6d2077",
    portal_url="https://pay.mvmc-billing.example.org/",
    phone="1-916-555-0188",
    footer=("Mercy Valley Medical Center, Patient Financial Services, Sacramento, CA",),
)

RAFAEL = Party("Rafael Mendoza", "rafa.mendoza@example.net")
CHLOE = Party("Chloe Whitfield", "chloe.whitfield@example.com")
MARCUS = Party("Marcus Bell", "marcusbell@example.org")
GUADALUPE = Party("Guadalupe Reyes", "lupita.reyes@example.com")
ESPERANZA = Party("Esperanza Villalobos", "e.villalobos@example.net")
OWEN = Party("Owen Fitzgerald", "owen.fitz@example.org")
KEIKO = Party("Keiko Matsuda", "keiko.matsuda@example.com")
BEVERLY = Party("Beverly Okafor", "bokafor@example.net")
AISHA = Party("Aisha Rahman", "aisha.rahman@example.org")
DANIEL = Party("Daniel Rahman", "drahman@example.com")
TOMAS = Party("Tomás Herrera", "tomas.herrera@example.net")
RUTH = Party("Ruth Goldberg", "ruth.goldberg@example.org")
CARMEN = Party("Carmen Delgado", "carmen.delgado@example.com")
ANDRES = Party("Andrés Delgado", "andres.delgado77@example.net")


def labelled(
    key: str,
    description: str,
    expected: Expected,
    *,
    plan: Plan | None,
    patient: Party,
    subject: str,
    email_paragraphs: tuple[str, ...],
    letter: Letter | None = None,
    pdf_filename: str | None = None,
    printed_on: date | None = None,
    language: str = "en",
    sender: Party | None = None,
) -> LabelledLetter:
    """One catalogue entry and its answer key (``printed_on``: the PDF's creation day)."""
    if sender is None:
        if plan is None:
            raise ValueError(f"{key}: a letter without a plan needs a sender")
        sender = plan.sender
    sample = SampleLetter(
        key=key,
        description=description,
        kind=expected.kind,
        language=language,
        plan=plan,
        sender=sender,
        patient=patient,
        subject=subject,
        email_paragraphs=email_paragraphs,
        letter=letter,
        pdf_filename=pdf_filename,
        letter_datetime=_printed(printed_on) if printed_on else None,
    )
    return LabelledLetter(sample, expected)
