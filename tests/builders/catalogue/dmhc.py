"""Catalogue denials from commercial Knox-Keene plans, which print the DMHC statement and lead to
an IMR through the Department of Managed Health Care: medical necessity (Kaiser), investigational
treatment (Blue Shield), an expedited 72-hour denial (Health Net), an emergency claim not paid
(Sharp) and step therapy for a drug (Molina)."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, DocumentKind, Route

from ..dates import _printed
from ..model import Facts, Letter, SampleLetter
from ..people import (
    BLUE_SHIELD,
    ELEANOR,
    GREGORY,
    HEALTH_NET,
    JORDAN,
    KAISER,
    MOLINA,
    NADIA,
    SHARP,
    TERESA,
)
from ..statements import dmhc_statement


def _kaiser_medical_necessity() -> SampleLetter:
    facts = Facts(
        insurer="Kaiser Permanente",
        member_id="000019482736",
        reference_number="UMD-2026-0311-4471",
        letter_date=date(2026, 3, 11),
        letter_date_text="March 11, 2026",
        service="Lumbar spinal fusion surgery (L4-L5)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied this request because it is not medically necessary: your medical records "
            "do not show at least 6 months of conservative treatment, including physical "
            "therapy, before surgery, as required by the InterQual 2026 Procedures criteria for "
            "Lumbar Fusion."
        ),
    )
    phone = f"{KAISER.phone} (TTY 711)"
    letter = Letter(
        organisation="Kaiser Permanente",
        letterhead=(
            "Kaiser Foundation Health Plan, Inc. - Southern California Region",
            "Utilization Management Services",
            "P.O. Box 7136, Pasadena, CA 91109-7136",
            f"Member Services {phone}, 24 hours a day, 7 days a week",
        ),
        date_line=facts.letter_date_text,
        recipient=("Teresa Almonte", "2417 Alder Creek Road", "Riverside, CA 92503"),
        member_block=(
            ("Member name", "Teresa Almonte"),
            ("Medical record number (MRN)", facts.member_id),
            ("Reference number", facts.reference_number),
            ("Requesting provider", "Nadia Ferreira, MD, Spine Surgery"),
            ("Service requested", facts.service),
            ("Date request received", "March 4, 2026"),
        ),
        title="Notice of Denial of Requested Services",
        paragraphs=(
            "Dear Teresa Almonte:",
            "Kaiser Permanente received a request from Nadia Ferreira, MD, for the service "
            "listed above. A physician reviewer who is board certified in orthopedic surgery "
            "reviewed the request and the medical records sent with it. This letter tells you "
            "what we decided, why, and what you can do if you disagree.",
            "## Our decision",
            f"Your request for lumbar spinal fusion surgery has been denied. {facts.reason}",
            "## The criteria we used",
            "We made this decision using the InterQual 2026 Procedures criteria, Spine Surgery: "
            "Lumbar Fusion. These criteria say that fusion surgery for low back pain with "
            "degenerative disc disease may be approved when symptoms continue after at least 6 "
            "months of conservative care, such as physical therapy, medicines and activity "
            "changes. The records we received show 8 weeks of physical therapy that ended in "
            "January 2026.",
            "You or your doctor may ask for a free copy of the criteria and of any documents we "
            f"used to make this decision. Call Member Services at {phone}.",
            "This decision was made by Samuel Whitcombe, MD, a physician reviewer. Your doctor "
            "may call Dr. Whitcombe at 1-626-555-0193 to discuss the decision.",
            "## If you disagree with our decision",
            "You have the right to file a grievance (also called an appeal) with Kaiser "
            "Permanente. You must file it within 180 days from the date of this letter. You may "
            f"call Member Services at {phone}, write to us at the address above, or fill out a "
            "grievance form at any Kaiser Permanente Member Services office. You may send us "
            "medical records, letters from your doctors and any other information you want us "
            "to consider.",
            "We will send you a written decision within 30 days of receiving your grievance. If "
            "waiting 30 days could seriously jeopardize your life, health or ability to regain "
            "maximum function, you or your doctor may ask for an expedited review, and we will "
            "decide within 72 hours.",
            "## Independent Medical Review",
            "If we uphold our decision, or if your grievance is not resolved within 30 days, you "
            "may ask the California Department of Managed Health Care for an Independent Medical "
            "Review (IMR). An IMR is a review of your case by doctors who are not part of Kaiser "
            "Permanente. There is no cost to you. If the IMR decides in your favor, we must "
            "provide the service.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Samuel Whitcombe, MD",
            "Physician Reviewer, Utilization Management Services",
            "cc: Nadia Ferreira, MD",
        ),
        statement=dmhc_statement(phone),
        running_header=f"Teresa Almonte - MRN {facts.member_id} - {facts.reference_number}",
        footer_code="KP-UM-DEN-01 (rev. 01/26)",
    )
    return SampleLetter(
        key="kaiser_medical_necessity",
        description="Kaiser Permanente HMO: spinal fusion not medically necessary (InterQual)",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=KAISER,
        sender=KAISER.sender,
        patient=TERESA,
        subject="Important information about your authorization request",
        email_paragraphs=(
            "Dear Teresa Almonte,",
            "We have made a decision about a recent request for services. A letter explaining "
            "the decision is attached to this email as a PDF. Please read it carefully: it "
            "explains the decision and your right to ask for a review.",
            "You can also read your letters any time when you sign in to your account.",
            f"If you have questions, call Member Services at {phone}, 24 hours a day, 7 days a "
            "week.",
        ),
        letter=letter,
        pdf_filename="KP_Notice_of_Denial_03112026.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date),
    )


def _blue_shield_experimental() -> SampleLetter:
    facts = Facts(
        insurer="Blue Shield of California",
        member_id="XEH614028357",
        reference_number="BSC-UM-260402-0087",
        letter_date=date(2026, 4, 2),
        letter_date_text="April 2, 2026",
        service="Proton beam radiation therapy for prostate cancer",
        category=Category.EXPERIMENTAL,
        category_quote="investigational",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "Proton beam radiation therapy is considered investigational for the treatment of "
            "localized prostate cancer because its effectiveness compared with intensity-"
            "modulated radiation therapy (IMRT) has not been established in peer-reviewed "
            "medical literature."
        ),
    )
    phone = f"{BLUE_SHIELD.phone} (TTY 711)"
    letter = Letter(
        organisation="Blue Shield of California",
        letterhead=(
            "Medical Care Solutions - Utilization Management",
            "P.O. Box 60417, El Dorado Hills, CA 95762-0417",
            f"Customer Service {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Gregory Tanaka", "1450 Pinecrest Way", "Sacramento, CA 95822"),
        member_block=(
            ("Member", "Gregory Tanaka"),
            ("Subscriber ID", facts.member_id),
            ("Case number", facts.reference_number),
            ("Plan", "Blue Shield Gold 80 HMO"),
            ("Requesting provider", "Alan Petrosyan, MD, Radiation Oncology"),
            ("Service requested", facts.service),
        ),
        title="Notice of Denial: Investigational Service",
        paragraphs=(
            "Dear Gregory Tanaka:",
            "We reviewed a request from Alan Petrosyan, MD, for proton beam radiation therapy "
            "(28 treatments, CPT 77523) for prostate cancer. After review by a board-certified "
            "radiation oncologist, Blue Shield of California has denied this request.",
            "## Why we denied the request",
            facts.reason,
            "Our decision is based on Blue Shield of California Medical Policy 8.01.10, "
            "Charged-Particle (Proton) Radiotherapy, and on your Evidence of Coverage, section "
            "Exclusions and Limitations: Investigational or Experimental Services. You or your "
            "provider may request a free copy of the medical policy and of the clinical "
            f"information we used by calling Customer Service at {phone}.",
            "## Your right to an Independent Medical Review",
            "Because this denial is based on a finding that the requested therapy is "
            "experimental or investigational, you do not have to file a grievance with Blue "
            "Shield before asking the Department of Managed Health Care for an Independent "
            "Medical Review (IMR). To qualify, your physician must certify that standard "
            "therapies have not been effective for you, are not medically appropriate for you, "
            "or that the requested therapy is likely to be more beneficial for you than any "
            "available standard therapy. An IMR application form and an addressed envelope are "
            "enclosed.",
            "You may also file a grievance with Blue Shield within 180 days of the date of this "
            "letter by calling Customer Service, by writing to Blue Shield of California, Attn: "
            "Appeals and Grievances, P.O. Box 60421, El Dorado Hills, CA 95762-0421, or online. "
            "We will respond within 30 days.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Medical Director",
            "Blue Shield of California",
            "Enclosures: IMR Application/Complaint Form, addressed envelope",
        ),
        statement=dmhc_statement(phone),
        running_header=f"Gregory Tanaka - {facts.member_id} - Case {facts.reference_number}",
        footer_code="BSC UM-INV (01/2026)",
    )
    return SampleLetter(
        key="blue_shield_experimental",
        description="Blue Shield of California: proton therapy denied as investigational",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=BLUE_SHIELD,
        sender=BLUE_SHIELD.sender,
        patient=GREGORY,
        subject="A decision has been made on your prior authorization request",
        email_paragraphs=(
            "Hello Gregory,",
            "A determination has been made on a prior authorization request submitted for you. "
            "Your letter is attached. Please review it for important information, including "
            "how to appeal the decision.",
            "Questions? Call Customer Service at the number on your member ID card.",
        ),
        letter=letter,
        pdf_filename=f"BSC_Determination_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 4, 40),
    )


def _health_net_expedited() -> SampleLetter:
    facts = Facts(
        insurer="Health Net",
        member_id="R48209316",
        reference_number="HN-26-0519-EX4402",
        letter_date=date(2026, 5, 19),
        letter_date_text="May 19, 2026",
        service="Admission to a skilled nursing facility (SNF)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="does not meet MCG criteria",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=True,
        urgent_quote="Expedited (urgent)",
        reason=(
            "The request for admission to a skilled nursing facility is denied because it does "
            "not meet MCG criteria for skilled nursing facility level of care: your records show "
            "that you walk 150 feet with a walker and that your therapy needs can be met by home "
            "health physical therapy."
        ),
    )
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    letter = Letter(
        organisation="Health Net",
        letterhead=(
            "Health Net of California, Inc.",
            "Medical Management, P.O. Box 9103, Van Nuys, CA 91409-9103",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Eleanor Voss", "318 N. Orchard Avenue", "Pasadena, CA 91106"),
        member_block=(
            ("Member", "Eleanor Voss"),
            ("Member ID", facts.member_id),
            ("Authorization number", facts.reference_number),
            ("Requesting facility", "Foothill Regional Hospital, Case Management"),
            ("Service requested", facts.service),
            ("Review type", "Expedited (urgent)"),
        ),
        title="Notice of Expedited Denial",
        paragraphs=(
            "Dear Eleanor Voss:",
            "On May 18, 2026 we received a request from Foothill Regional Hospital for your "
            "admission to a skilled nursing facility after your hip surgery. Because your "
            "doctor told us that waiting for a standard decision could seriously jeopardize "
            "your health, we reviewed the request on an expedited basis, within 72 hours.",
            "## Our decision",
            facts.reason,
            "A physician reviewer board certified in physical medicine and rehabilitation made "
            "this decision after reviewing the hospital records, using MCG Care Guidelines, "
            "Skilled Nursing Facility Admission. Health Net has approved home health physical "
            "therapy (up to 12 visits) and a home safety evaluation instead.",
            "## You can ask for an expedited appeal now",
            "Because your case is urgent, you or your doctor may ask for an expedited grievance "
            f"(appeal) by calling Member Services at {phone} or by faxing 1-800-555-0140. We "
            "will make a decision within 72 hours. In an urgent case you do not have to wait "
            "for our decision: you may contact the California Department of Managed Health Care "
            "right away, and you may ask it for an Independent Medical Review.",
            "You may also ask for a standard grievance within 180 days of the date of this letter.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Deborah Lindqvist, MD",
            "Medical Director, Health Net of California, Inc.",
        ),
        statement=dmhc_statement(phone),
        running_header=f"Eleanor Voss - {facts.member_id} - Auth {facts.reference_number}",
        footer_code="HN-CA-UM-EXP-DEN 2026",
    )
    return SampleLetter(
        key="health_net_expedited",
        description="Health Net HMO expedited (72-hour) denial of a skilled nursing admission",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=HEALTH_NET,
        sender=HEALTH_NET.sender,
        patient=ELEANOR,
        subject="URGENT: Decision on your expedited authorization request",
        email_paragraphs=(
            "Dear Eleanor Voss,",
            "We have made a decision on an expedited (urgent) request for services. Your "
            "decision letter is attached. Because the request was urgent, please read it today.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"HealthNet_Expedited_Determination_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 16, 48),
    )


def _sharp_emergency_payment() -> SampleLetter:
    facts = Facts(
        insurer="Sharp Health Plan",
        member_id="SHP20417793",
        reference_number="2026-0204-118837",
        letter_date=date(2026, 2, 24),
        letter_date_text="February 24, 2026",
        service="Emergency room visit on February 2, 2026",
        category=Category.EMERGENCY_PAYMENT,
        category_quote="not an emergency",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied payment for this emergency room visit because it was not an emergency: "
            "your symptoms could have been safely treated at an urgent care center or by your "
            "primary care physician."
        ),
    )
    phone = f"{SHARP.phone} (TTY 711)"
    letter = Letter(
        organisation="Sharp Health Plan",
        letterhead=(
            "Claims Department",
            "P.O. Box 129011, San Diego, CA 92112-9011",
            f"Customer Care {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Jordan Castellanos", "4185 Palm Vista Drive", "Escondido, CA 92025"),
        member_block=(
            ("Member name", "Jordan Castellanos"),
            ("Member ID", facts.member_id),
            ("Claim number", facts.reference_number),
            ("Provider", "Palomar Ridge Hospital, Emergency Department"),
            ("Service", facts.service),
            ("Amount billed", "$3,482.00"),
            ("Amount paid by Sharp Health Plan", "$0.00"),
        ),
        title="Notice of Claim Denial",
        paragraphs=(
            "Dear Jordan Castellanos:",
            "We received a claim from Palomar Ridge Hospital for the care you received in its "
            "emergency room on February 2, 2026. Palomar Ridge Hospital is not in the Sharp "
            "Health Plan network.",
            "## Our decision",
            facts.reason,
            "A physician reviewer looked at the hospital records, which describe a sore throat "
            "and fever that had lasted two days, with normal vital signs. Emergency services "
            "are covered when a prudent layperson would reasonably believe that a condition "
            "needed immediate care. Because the claim was denied, the hospital may bill you for "
            "$3,482.00.",
            "## If you disagree",
            "You may file a grievance with Sharp Health Plan within 180 days from the date of "
            "this letter. Tell us why you believed you needed emergency care, such as the "
            f"symptoms you had at the time. Call Customer Care at {phone} or write to Sharp "
            "Health Plan, Appeals and Grievances, P.O. Box 129015, San Diego, CA 92112-9015. We "
            "will respond within 30 days.",
            "If your grievance is denied or is not resolved in 30 days, you may ask the "
            "Department of Managed Health Care for an Independent Medical Review (IMR) of this "
            "payment dispute for emergency services. IMR is free.",
        ),
        closing=("Sincerely,", "", "Claims Department", "Sharp Health Plan"),
        statement=dmhc_statement(phone),
        running_header=f"Jordan Castellanos - {facts.member_id} - Claim {facts.reference_number}",
        footer_code="SHP-CLM-DEN-ER 2026",
    )
    return SampleLetter(
        key="sharp_emergency_payment",
        description="Sharp Health Plan: out-of-network ER visit not paid, 'not an emergency'",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=SHARP,
        sender=SHARP.sender,
        patient=JORDAN,
        subject="An update about your claim",
        email_paragraphs=(
            "Hi Jordan,",
            "We have finished processing a claim for services you received. A letter with the "
            "details is attached.",
            f"If you have questions about this claim, call Customer Care at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"SHP_Claim_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 9, 2),
    )


def _molina_step_therapy() -> SampleLetter:
    facts = Facts(
        insurer="Molina Healthcare",
        member_id="102948371",
        reference_number="RX-2026-0702-55418",
        letter_date=date(2026, 7, 2),
        letter_date_text="July 2, 2026",
        service="Dupixent (dupilumab) 300 mg/2 mL pen",
        category=Category.PHARMACY,
        category_quote="step therapy",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "Dupixent (dupilumab) is not on our formulary, and the step therapy requirements "
            "were not met: our records do not show that you tried a medium- to high-potency "
            "topical corticosteroid and a topical calcineurin inhibitor without success."
        ),
    )
    phone = f"{MOLINA.phone} (TTY 711)"
    letter = Letter(
        organisation="Molina Healthcare",
        letterhead=(
            "Molina Healthcare of California - Marketplace (Covered California)",
            "Pharmacy Department, P.O. Box 23081, Long Beach, CA 90802-3081",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Nadia Haddad", "915 Cedar Hollow Lane", "Fresno, CA 93711"),
        member_block=(
            ("Member", "Nadia Haddad"),
            ("Member ID", facts.member_id),
            ("Request number", facts.reference_number),
            ("Prescriber", "Lauren Whitaker, MD, Dermatology"),
            ("Drug requested", facts.service),
            ("Quantity", "2 pens per 28 days"),
        ),
        title="Notice of Denial: Prescription Drug Request",
        paragraphs=(
            "Dear Nadia Haddad:",
            "On June 30, 2026 we received a request from Lauren Whitaker, MD, to cover the drug "
            "listed above for atopic dermatitis (eczema). A pharmacist and a physician reviewed "
            "the request. Molina Healthcare has denied it.",
            "## Why we denied the request",
            facts.reason,
            "Our formulary covers these drugs for your condition without prior authorization: "
            "triamcinolone 0.1% cream, mometasone 0.1% ointment and tacrolimus 0.1% ointment. "
            "Ask your doctor whether one of them is right for you. If you have already tried "
            "them, your doctor can send us your records and ask us to review the request again.",
            "## How to ask for an exception or an appeal",
            "You or your prescriber may ask for a formulary exception. We will decide within 72 "
            "hours, or within 24 hours if your health could be seriously harmed by waiting. If "
            "we deny the exception, you may ask for a review by an independent reviewer (an "
            "external exception review).",
            "You may also file a grievance (appeal) within 180 days of the date of this letter "
            f"by calling Member Services at {phone}. If we uphold the denial, or do not resolve "
            "your grievance within 30 days, you may ask the Department of Managed Health Care "
            "for an Independent Medical Review.",
        ),
        closing=("Sincerely,", "", "Pharmacy Department", "Molina Healthcare of California"),
        statement=dmhc_statement(phone),
        running_header=f"Nadia Haddad - {facts.member_id} - {facts.reference_number}",
        footer_code="MHC-RX-DEN-MKT 2026",
    )
    return SampleLetter(
        key="molina_step_therapy",
        description="Molina Marketplace: non-formulary drug, step therapy not met",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=MOLINA,
        sender=MOLINA.sender,
        patient=NADIA,
        subject="Update on your prescription request",
        email_paragraphs=(
            "Hello Nadia,",
            "We have reviewed a prescription drug request from your doctor. Your letter is "
            "attached.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"Molina_Rx_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 13, 37),
    )
