"""Catalogue denials that the DMHC does not review: a PPO policy regulated by the Department of
Insurance (Anthem), a Medicare Advantage denial (SCAN) and a self-funded ERISA plan (Aetna)."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, DocumentKind, Route

from ..dates import _printed
from ..model import Facts, Letter, SampleLetter
from ..people import AETNA, ANTHEM, HAROLD, PRIYA, SAMANTHA, SCAN
from ..statements import cdi_statement


def _anthem_ppo_cdi() -> SampleLetter:
    facts = Facts(
        insurer="Anthem Blue Cross",
        member_id="XGB418305729",
        reference_number="PA-26-105-77213",
        letter_date=date(2026, 4, 15),
        letter_date_text="April 15, 2026",
        service="In-lab sleep study (attended polysomnography)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.CDI,
        route_quote="California Department of Insurance",
        urgent=False,
        urgent_quote=None,
        reason=(
            "The in-lab sleep study is not medically necessary because your records do not show "
            "a condition, such as severe lung or heart disease, that would keep a home sleep "
            "apnea test from giving accurate results."
        ),
    )
    phone = f"{ANTHEM.phone} (TTY 711)"
    letter = Letter(
        organisation="Anthem Blue Cross",
        letterhead=(
            "Anthem Blue Cross Life and Health Insurance Company",
            "Utilization Management, P.O. Box 54318, Woodland Hills, CA 91365-4318",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Priya Raman", "3120 Fremont Street, Apt 4", "Fremont, CA 94538"),
        member_block=(
            ("Insured", "Priya Raman"),
            ("Identification number", facts.member_id),
            ("Policy", "Anthem PPO Select 1500 (individual policy)"),
            ("Reference number", facts.reference_number),
            ("Ordering provider", "Marcus Feldman, MD, Sleep Medicine"),
            ("Service requested", facts.service),
        ),
        title="Utilization Review Determination: Denial",
        paragraphs=(
            "Dear Priya Raman:",
            "Anthem Blue Cross Life and Health Insurance Company (Anthem Blue Cross) received a "
            "request from Marcus Feldman, MD, on April 9, 2026 for an in-lab sleep study "
            "(attended polysomnography, CPT 95810). We reviewed the request under the terms of "
            "your policy.",
            "## Our decision",
            f"We are not able to approve this request. {facts.reason}",
            "This decision was made by a physician reviewer board certified in sleep medicine, "
            "using the MCG Ambulatory Care guideline Polysomnography, Attended (A-0145). The "
            "guideline says that a home sleep apnea test is the first test for most adults with "
            "symptoms of obstructive sleep apnea. A home sleep apnea test is covered under your "
            "policy and has been approved instead; your doctor can order it right away.",
            "## Your right to appeal",
            "As an insured person you, or someone you name to act for you, may ask us to review "
            "this decision. Send your written appeal within 180 days of the date of this letter "
            "to Anthem Blue Cross Life and Health Insurance Company, Appeals and Grievances, "
            "P.O. Box 54320, Woodland Hills, CA 91365-4320, or call Member Services. We will "
            "decide within 30 days, or within 72 hours if your doctor tells us that waiting "
            "could seriously harm your health.",
            "## Review by the California Department of Insurance",
            "Your policy is regulated by the California Department of Insurance. Please read "
            "the notice below.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Utilization Management Department",
            "Anthem Blue Cross Life and Health Insurance Company",
            "Enclosures: Independent Medical Review application, addressed envelope",
        ),
        statement=cdi_statement(),
        running_header=f"Priya Raman - ID {facts.member_id} - Ref {facts.reference_number}",
        footer_code="ABCLH-UM-CA-PPO 01/26",
    )
    return SampleLetter(
        key="anthem_ppo_cdi",
        description="Anthem Blue Cross PPO policy (CDI): in-lab sleep study not necessary",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=ANTHEM,
        sender=ANTHEM.sender,
        patient=PRIYA,
        subject="Important information about your recent request for care",
        email_paragraphs=(
            "Hi Priya,",
            "You have a new letter about a request for care. We've attached a copy to this "
            "email. It's the same letter we mailed to the address we have on file.",
            "Please read it carefully. It explains our decision and what you can do if you "
            "disagree.",
        ),
        letter=letter,
        pdf_filename=f"Anthem_UM_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 6, 3),
    )


def _scan_medicare_advantage() -> SampleLetter:
    facts = Facts(
        insurer="SCAN Health Plan",
        member_id="8192047731",
        reference_number="SCN-OD-2026-118420",
        letter_date=date(2026, 6, 3),
        letter_date_text="June 3, 2026",
        service="Admission to an inpatient rehabilitation facility (IRF)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.MEDICARE,
        route_quote="Notice of Denial of Medical Coverage",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied this request because your medical records do not show that you can take "
            "part in and benefit from intensive therapy of at least 3 hours a day, 5 days a "
            "week, so inpatient rehabilitation facility care is not medically necessary under "
            "Medicare coverage rules."
        ),
    )
    phone = f"{SCAN.phone} (TTY 711)"
    letter = Letter(
        organisation="SCAN Health Plan",
        letterhead=(
            "A Medicare Advantage Organization",
            "P.O. Box 22616, Long Beach, CA 90801-5616",
            f"Member Services {phone}, 8 a.m. to 8 p.m., 7 days a week",
        ),
        date_line=facts.letter_date_text,
        recipient=("Harold Benavides", "742 Lemon Grove Avenue", "Whittier, CA 90601"),
        member_block=(
            ("Name", "Harold Benavides"),
            ("Member number", facts.member_id),
            ("Case number", facts.reference_number),
            ("Requesting provider", "Grace Oyelaran, MD"),
        ),
        title="Notice of Denial of Medical Coverage (or Payment)",
        paragraphs=(
            "## Your request was denied",
            "We denied the medical services/items listed below that you or your physician "
            f"asked for: {facts.service} after your hospital stay for a hip fracture.",
            "## Why did we deny your request?",
            facts.reason,
            "We based this decision on Medicare coverage rules in the Medicare Benefit Policy "
            "Manual, Chapter 1, Section 110, and on the review of a physician who has expertise "
            "in physical medicine and rehabilitation. We have approved care in a skilled nursing "
            "facility instead.",
            "## You have the right to appeal our decision",
            "You have the right to ask SCAN Health Plan to review our decision by asking us for "
            "an appeal. An appeal is also called a reconsideration of our organization "
            "determination. You must ask for an appeal within 65 days from the date of this "
            "notice. We can give you more time if you have a good reason for missing the "
            "deadline.",
            "## There are 2 kinds of appeals with SCAN Health Plan",
            "- Standard appeal: we will give you a written decision within 30 days after we get "
            "your appeal.",
            "- Fast appeal: we will give you a decision within 72 hours after we get your "
            "appeal. You can ask for a fast appeal if you or your doctor believe that your "
            "health could be seriously harmed by waiting up to 30 days for a decision.",
            "If we decide against you in whole or in part, we will automatically send your case "
            "to an Independent Review Entity for a new review.",
            "## How to ask for an appeal",
            f"Call SCAN Health Plan at {phone}, or write to SCAN Health Plan, Attention: "
            "Appeals and Grievances, P.O. Box 22644, Long Beach, CA 90801-5644. You can also "
            "get help from 1-800-MEDICARE (1-800-633-4227, TTY 1-877-486-2048) or from the "
            "Health Insurance Counseling and Advocacy Program (HICAP) at 1-800-434-0222.",
        ),
        running_header=f"Harold Benavides - Member {facts.member_id}",
        footer_code="Form CMS-10003-NDMCP OMB Approval 0938-0829",
    )
    return SampleLetter(
        key="scan_medicare_advantage",
        description="SCAN Medicare Advantage Notice of Denial of Medical Coverage (IRF)",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=SCAN,
        sender=SCAN.sender,
        patient=HAROLD,
        subject="Important: a decision about your coverage request",
        email_paragraphs=(
            "Dear Harold Benavides,",
            "We have made a decision about a request for medical coverage. Please read the "
            "attached notice. It explains our decision and your appeal rights, including "
            "deadlines.",
            f"Questions? Call Member Services at {phone}, 8 a.m. to 8 p.m., 7 days a week.",
        ),
        letter=letter,
        pdf_filename=f"SCAN_IDN_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 2, 30),
    )


def _aetna_erisa_self_funded() -> SampleLetter:
    facts = Facts(
        insurer="Aetna",
        member_id="W219487365",
        reference_number="A26-0611-770245",
        letter_date=date(2026, 6, 11),
        letter_date_text="June 11, 2026",
        service="Laparoscopic sleeve gastrectomy (bariatric surgery)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.ERISA,
        route_quote="Section 502(a)",
        urgent=False,
        urgent_quote=None,
        reason=(
            "The request for laparoscopic sleeve gastrectomy is denied because it is not "
            "medically necessary: your records do not show that you took part in a "
            "physician-supervised weight loss program for at least 6 months during the 2 years "
            "before surgery, as required by Aetna Clinical Policy Bulletin 0157, Obesity Surgery."
        ),
    )
    phone = f"{AETNA.phone} (TTY 711)"
    letter = Letter(
        organisation="Aetna",
        letterhead=(
            "Aetna Life Insurance Company, Claims Administrator for the",
            "Harborview Logistics, Inc. Employee Health Benefit Plan",
            "P.O. Box 14463, Lexington, KY 40512-4463",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Samantha Reyes-Hart", "2290 Bayshore Court", "San Mateo, CA 94401"),
        member_block=(
            ("Member", "Samantha Reyes-Hart"),
            ("Member ID", facts.member_id),
            ("Group", "Harborview Logistics, Inc. (group 0873021)"),
            ("Reference number", facts.reference_number),
            ("Provider", "Kenji Watanabe, MD, Bariatric Surgery"),
            ("Service requested", facts.service),
        ),
        title="Notice of Adverse Benefit Determination",
        paragraphs=(
            "Dear Samantha Reyes-Hart:",
            "Aetna Life Insurance Company (Aetna) administers claims for the Harborview "
            "Logistics, Inc. Employee Health Benefit Plan (the Plan). The Plan is self-funded: "
            "Harborview Logistics, Inc. pays for the benefits, and Aetna does not insure them. "
            "We reviewed a request from Kenji Watanabe, MD, received on June 5, 2026.",
            "## Our decision",
            facts.reason,
            "This decision was made by a physician reviewer board certified in general surgery. "
            "You may ask for a free copy of Clinical Policy Bulletin 0157 and of all documents, "
            "records and other information relevant to your claim.",
            "## Your right to appeal",
            "You have 180 days from the date you receive this letter to file an appeal. Send it "
            "to Aetna, Attn: National Accounts CRT, P.O. Box 14463, Lexington, KY 40512-4463, "
            f"or call Member Services at {phone}. Your appeal will be decided within 30 days. If "
            "your doctor believes waiting could seriously jeopardize your life or health, you "
            "may ask for an urgent appeal, which will be decided within 72 hours.",
            "## External review",
            "If your appeal is denied, you may ask for an external review by an independent "
            "review organization. You must ask for external review within 4 months of receiving "
            "the final appeal decision.",
            "## Your rights under ERISA",
            "You have the right to bring a civil action under Section 502(a) of the Employee "
            "Retirement Income Security Act of 1974 (ERISA) following an adverse benefit "
            "determination on appeal. You and your plan may have other voluntary alternative "
            "dispute resolution options, such as mediation. One way to find out what may be "
            "available is to contact your local U.S. Department of Labor Office and your State "
            "insurance regulatory agency. You may also contact the Employee Benefits Security "
            "Administration at 1-866-444-3272 or www.askebsa.dol.gov.",
        ),
        closing=("Sincerely,", "", "Aetna Precertification Unit"),
        running_header=f"Samantha Reyes-Hart - {facts.member_id} - {facts.reference_number}",
        footer_code="AET-ADV-ERISA-SF (01/2026)",
    )
    return SampleLetter(
        key="aetna_erisa_self_funded",
        description="Aetna administering a self-funded ERISA plan: bariatric surgery denied",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=AETNA,
        sender=AETNA.sender,
        patient=SAMANTHA,
        subject="You have a new letter about a coverage decision",
        email_paragraphs=(
            "Hello Samantha,",
            "We've sent you a letter about a coverage decision. A copy is attached for your "
            "records.",
            "To see all your letters, sign in to your member website.",
        ),
        letter=letter,
        pdf_filename=f"Aetna_Coverage_Determination_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 7, 21),
    )
