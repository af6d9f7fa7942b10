"""Labelled mail that is not a plan's letter of decision: explanations of benefits (with denied
lines, and one with none), portal notices, a hospital bill, a patient's own draft appeal, a
family email in Spanish, and a plan's email whose PDF is damaged."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, DocumentKind, Route

from ..labels import Expected, LabelledLetter
from ..model import Letter
from ..people import ANTHEM, BLUE_SHIELD, GREGORY, IEHP, JOSE, KAISER, WALTER
from ..statements import cdi_statement, dmhc_statement
from .labelled_common import (
    ANDRES,
    CARMEN,
    CHLOE,
    CIGNA,
    KEIKO,
    MARCUS,
    MERCY,
    OWEN,
    RUTH,
    labelled,
)

_EOB_NOTE = "THIS IS NOT A BILL."


def anthem_eob_medical_necessity() -> LabelledLetter:
    phone = f"{ANTHEM.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.EOB,
        insurer="Anthem Blue Cross",
        plan_type="PPO",
        route=Route.CDI,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="XGB702284416",
        reference_number="2026089004417",
        letter_date=date(2026, 3, 30),
        service_date=date(2026, 3, 3),
        service="Manual therapy techniques",
        codes=("CPT 99214", "CPT 97140", "CARC 50"),
        appeal_phone=ANTHEM.phone,
        printed=(
            ("route", "California Department of Insurance"),
            ("category", "not deemed a medical necessity"),
            ("letter_date", "March 30, 2026"),
            ("service_date", "March 3, 2026"),
        ),
    )
    letter = Letter(
        organisation="Anthem Blue Cross",
        letterhead=(
            "Anthem Blue Cross Life and Health Insurance Company",
            f"Member Services {phone}",
        ),
        date_line="Statement date: March 30, 2026",
        recipient=("Owen Fitzgerald", "27 Harbor View Terrace", "Ventura, CA 93001"),
        member_block=(
            ("Identification number", "XGB702284416"),
            ("Policy", "Anthem PPO Silver 3000 (individual policy)"),
            ("Claim number", "2026089004417"),
            ("Provider", "Seaside Physical Medicine"),
            ("Date of service", "March 3, 2026"),
        ),
        title="Explanation of Benefits",
        paragraphs=(
            _EOB_NOTE,
            "## Services on this claim",
            "- Office visit, established patient (CPT 99214): billed $210.00, allowed $142.60, "
            "plan paid $117.60, you owe $25.00.",
            "- Manual therapy techniques (CPT 97140): billed $145.00, plan paid $0.00, you owe "
            "$145.00. Remark CARC 50.",
            "## What the remark codes mean",
            "CARC 50: These are non-covered services because this is not deemed a medical "
            "necessity by the payer. The records sent with the claim do not show why manual "
            "therapy was needed in addition to the office visit.",
            "## If you disagree",
            "You may appeal within 180 days of receiving this statement. Call Member Services "
            f"at {phone}.",
        ),
        statement=cdi_statement(),
        footer_code="ABCLH-EOB-CA",
    )
    return labelled(
        "anthem_eob_medical_necessity",
        "Anthem PPO explanation of benefits: manual therapy line denied (CARC 50)",
        expected,
        plan=ANTHEM,
        patient=OWEN,
        subject="Your Explanation of Benefits is ready",
        email_paragraphs=("Hi Owen,", "Your Explanation of Benefits (EOB) is attached."),
        letter=letter,
        pdf_filename="Anthem_EOB_2026089004417.pdf",
        printed_on=date(2026, 3, 30),
    )


def blue_shield_eob_no_authorization() -> LabelledLetter:
    phone = f"{BLUE_SHIELD.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.EOB,
        insurer="Blue Shield of California",
        plan_type="HMO",
        route=Route.DMHC,
        category=Category.ADMINISTRATIVE,
        urgent=False,
        member_id="XEH614028357",
        reference_number="BSC-CLM-2605-772910",
        letter_date=date(2026, 5, 15),
        service_date=date(2026, 4, 27),
        service="CT scan of the chest",
        codes=("CPT 71250", "CARC 197"),
        appeal_phone=BLUE_SHIELD.phone,
        printed=(
            ("route", "responsible for regulating health care service plans"),
            ("category", "authorization absent"),
            ("letter_date", "May 15, 2026"),
            ("service_date", "April 27, 2026"),
        ),
    )
    letter = Letter(
        organisation="Blue Shield of California",
        letterhead=(f"Customer Service {phone}",),
        date_line="May 15, 2026",
        recipient=("Gregory Tanaka", "1450 Pinecrest Way", "Sacramento, CA 95822"),
        member_block=(
            ("Subscriber ID", "XEH614028357"),
            ("Plan", "Blue Shield Gold 80 HMO"),
            ("Claim number", "BSC-CLM-2605-772910"),
            ("Provider", "Capitol Radiology Group"),
            ("Date of service", "April 27, 2026"),
        ),
        title="Explanation of Benefits",
        paragraphs=(
            _EOB_NOTE,
            "- CT scan of the chest (CPT 71250): billed $1,260.00, plan paid $0.00, you owe "
            "$0.00. Remark CARC 197.",
            "CARC 197: Precertification/authorization absent. Your provider did not get an "
            "authorization from your medical group before the service. Because Capitol "
            "Radiology Group is in your network, it may not bill you for this service.",
            f"Questions or grievances: call Customer Service at {phone}.",
        ),
        statement=dmhc_statement(phone),
        footer_code="BSC-EOB-HMO",
    )
    return labelled(
        "blue_shield_eob_no_authorization",
        "Blue Shield HMO EOB: chest CT denied, authorization absent (CARC 197)",
        expected,
        plan=BLUE_SHIELD,
        patient=GREGORY,
        subject="Your claim statement is ready",
        email_paragraphs=("Hello Gregory,", "Your claim statement is attached."),
        letter=letter,
        pdf_filename="BSC_EOB_BSC-CLM-2605-772910.pdf",
        printed_on=date(2026, 5, 15),
    )


def cigna_eob_timely_filing() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.EOB,
        insurer="Cigna",
        route=Route.UNKNOWN,
        category=Category.ADMINISTRATIVE,
        urgent=False,
        member_id="U39917202",
        reference_number="CG-2026-0109-77120",
        letter_date=date(2026, 6, 30),
        service_date=date(2026, 1, 9),
        service="Allergy skin testing",
        codes=("CPT 95004", "CARC 29"),
        appeal_phone=CIGNA.phone,
        printed=(
            ("category", "time limit for filing has expired"),
            ("letter_date", "June 30, 2026"),
            ("service_date", "January 9, 2026"),
        ),
    )
    letter = Letter(
        organisation="Cigna Healthcare",
        letterhead=(f"Customer Service {CIGNA.phone}",),
        date_line="June 30, 2026",
        recipient=("Keiko Matsuda", "960 Lakeshore Avenue", "Irvine, CA 92618"),
        member_block=(
            ("Customer ID", "U39917202"),
            ("Claim number", "CG-2026-0109-77120"),
            ("Provider", "Orange Coast Allergy"),
            ("Date of service", "January 9, 2026"),
        ),
        title="Explanation of Benefits",
        paragraphs=(
            _EOB_NOTE,
            "- Allergy skin testing (CPT 95004), 40 tests: billed $640.00, plan paid $0.00, "
            "you owe $0.00. Remark CARC 29.",
            "CARC 29: The time limit for filing has expired. The provider sent this claim more "
            "than 120 days after the date of service. The provider may not bill you for it.",
            f"Questions? Call Customer Service at {CIGNA.phone}.",
        ),
    )
    return labelled(
        "cigna_eob_timely_filing",
        "Cigna EOB photographed: allergy testing denied for timely filing (CARC 29)",
        expected,
        plan=CIGNA,
        patient=KEIKO,
        subject="Your Explanation of Benefits",
        email_paragraphs=("Your EOB was mailed.",),
        letter=letter,
        printed_on=date(2026, 6, 30),
    )


def kaiser_eob_all_paid() -> LabelledLetter:
    letter = Letter(
        organisation="Kaiser Permanente",
        letterhead=("Claims Administration", f"Member Services {KAISER.phone} (TTY 711)"),
        date_line="April 9, 2026",
        recipient=("Walter Nguyen", "1620 Redbud Lane", "San Jose, CA 95125"),
        member_block=(("Medical record number", "000027715309"), ("Claim", "KP-CL-2604-11873")),
        title="Explanation of Benefits",
        paragraphs=(
            _EOB_NOTE,
            "- Urgent care visit (CPT 99213), March 21, 2026: billed $180.00, plan paid "
            "$150.00, you owe $30.00 (your urgent care copayment).",
            "- Rapid strep test (CPT 87880), March 21, 2026: billed $42.00, plan paid $42.00, "
            "you owe $0.00.",
            "All services on this claim were paid.",
        ),
    )
    return labelled(
        "kaiser_eob_all_paid",
        "Kaiser EOB with every line paid (nothing denied)",
        Expected(kind=DocumentKind.NOT_DENIAL),
        plan=KAISER,
        patient=WALTER,
        subject="Your claim statement",
        email_paragraphs=("Hi Walter,", "Your claim statement is attached."),
        letter=letter,
        pdf_filename="KP_EOB_KP-CL-2604-11873.pdf",
        printed_on=date(2026, 4, 9),
    )


def iehp_portal_notice_es() -> LabelledLetter:
    return labelled(
        "iehp_portal_notice_es",
        "IEHP portal notice in Spanish: a new letter is in the member portal",
        Expected(kind=DocumentKind.PORTAL_NOTICE, insurer="Inland Empire Health Plan"),
        plan=IEHP,
        patient=JOSE,
        subject="Tiene un mensaje nuevo",
        email_paragraphs=(
            "Estimado(a) miembro:",
            "Tiene una carta nueva en su portal de miembros. Para proteger su privacidad, no "
            "incluimos información de salud en este correo.",
            "Inicie sesión para leerla.",
        ),
        language="es",
    )


def blue_shield_portal_notice() -> LabelledLetter:
    return labelled(
        "blue_shield_portal_notice",
        "Blue Shield portal notice (HTML only): a document is ready online",
        Expected(kind=DocumentKind.PORTAL_NOTICE, insurer="Blue Shield of California"),
        plan=BLUE_SHIELD,
        patient=GREGORY,
        subject="A new document is available",
        email_paragraphs=(
            "Hello Gregory,",
            "A new document about your coverage is available in your Blue Shield of "
            "California account. Sign in to view it.",
        ),
    )


def hospital_bill() -> LabelledLetter:
    letter = Letter(
        organisation="Mercy Valley Medical Center",
        letterhead=("Patient Financial Services", f"Billing questions {MERCY.phone}"),
        date_line="Statement date: September 2, 2026",
        recipient=("Ruth Goldberg", "412 Juniper Street", "Glendale, CA 91205"),
        member_block=(("Account number", "MV-88310457"), ("Amount due", "$412.50")),
        title="Patient Statement",
        paragraphs=(
            "- Total charges, outpatient surgery, July 14, 2026: $18,420.00",
            "- Insurance payments and adjustments (Health Net): -$18,007.50",
            "- Your balance after insurance: $412.50",
            "Please pay by October 2, 2026. Pay online, by phone, or by mail. Ask us about "
            "payment plans and financial assistance.",
        ),
    )
    return labelled(
        "hospital_bill",
        "A hospital's patient statement (a bill after insurance paid)",
        Expected(kind=DocumentKind.NOT_DENIAL),
        plan=MERCY,
        patient=RUTH,
        subject="Your statement from Mercy Valley Medical Center",
        email_paragraphs=("Your new statement is attached.",),
        letter=letter,
        pdf_filename="MVMC_Statement_MV-88310457.pdf",
        printed_on=date(2026, 9, 2),
    )


def patient_appeal_draft() -> LabelledLetter:
    letter = Letter(
        organisation="Chloe Whitfield",
        letterhead=("88 Mariposa Court, Roseville, CA 95678",),
        date_line="March 16, 2026",
        recipient=("Sutter Health Plus", "Attn: Grievances and Appeals", "P.O. Box 161460"),
        member_block=(("Member ID", "SU4820137"), ("Reference number", "SHPUM-260309-0412")),
        title="Grievance: upper eyelid surgery",
        paragraphs=(
            "To whom it may concern:",
            "I am writing to appeal your decision to deny upper eyelid surgery. My eyelids "
            "droop so far that I tilt my head back to read and to drive. This is not about "
            "how I look.",
            "My eye doctor will repeat the visual field test with my eyelids taped up, which "
            "will show how much of my vision they block. Please reconsider your decision.",
            "Sincerely,\nChloe Whitfield",
        ),
    )
    return labelled(
        "patient_appeal_draft",
        "The patient's own draft grievance letter, as a Word document",
        Expected(kind=DocumentKind.NOT_DENIAL),
        plan=None,
        sender=CHLOE,
        patient=CHLOE,
        subject="Can you check my appeal letter?",
        email_paragraphs=(),
        letter=letter,
        pdf_filename="my appeal letter.docx",
        printed_on=date(2026, 3, 16),
    )


def family_email_es() -> LabelledLetter:
    return labelled(
        "family_email_es",
        "A brother's email in Spanish about their mother (mentions insurance, no letter)",
        Expected(kind=DocumentKind.NOT_DENIAL),
        plan=None,
        sender=ANDRES,
        patient=CARMEN,
        subject="Mamá",
        email_paragraphs=(
            "Hola Carmen:",
            "¿Cómo sigue mamá? Ayer me dijo que el doctor quiere cambiarle la medicina de la "
            "presión. ¿Ya te llamó alguien del seguro?",
            "El domingo llevo tamales. Avísame si necesitas que la lleve a la cita del martes.",
            "Un abrazo,\nAndrés",
        ),
        language="es",
    )


def damaged_attachment() -> LabelledLetter:
    return labelled(
        "damaged_attachment",
        "A plan's email whose PDF letter arrived damaged (cut short)",
        Expected(kind=DocumentKind.UNREADABLE),
        plan=CIGNA,
        patient=MARCUS,
        subject="You have a new letter",
        email_paragraphs=("Hi Marcus,", "A new letter from us is attached."),
    )


OTHER_LETTERS = (
    anthem_eob_medical_necessity,
    blue_shield_eob_no_authorization,
    cigna_eob_timely_filing,
    kaiser_eob_all_paid,
    iehp_portal_notice_es,
    blue_shield_portal_notice,
    hospital_bill,
    patient_appeal_draft,
    family_email_es,
    damaged_attachment,
)
