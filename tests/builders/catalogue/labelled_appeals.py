"""Labelled letters from after a denial: the plan's grievance (appeal) decisions that keep it
(upheld, partly overturned), acknowledgements that a grievance arrived, and reversals."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, Decision, DocumentKind, Route

from ..labels import Expected, LabelledLetter
from ..model import Letter
from ..people import (
    AETNA,
    ANTHEM,
    BLUE_SHIELD,
    DARNELL,
    HAROLD,
    HEALTH_NET,
    IEHP,
    JORDAN,
    JOSE,
    KAISER,
    LA_CARE,
    MOLINA,
    NADIA,
    PRIYA,
    SAMANTHA,
    SCAN,
    SHARP,
    TERESA,
    WALTER,
)
from ..statements import cdi_statement, dmhc_statement, dmhc_statement_es
from .labelled_common import GUADALUPE, labelled

_DMHC_QUOTE = "responsible for regulating health care service plans"
_DMHC_QUOTE_ES = "responsable de regular los planes de servicios de atención médica"


def kaiser_grievance_upheld() -> LabelledLetter:
    phone = f"{KAISER.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_DECISION,
        insurer="Kaiser Permanente",
        route=Route.DMHC,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="000019482736",
        reference_number="GRV-2026-0320-1187",
        letter_date=date(2026, 4, 17),
        service="Lumbar spinal fusion surgery (L4-L5)",
        decision=Decision.UPHELD,
        grievance_date=date(2026, 3, 20),
        criteria=("InterQual 2026 Procedures criteria, Spine Surgery: Lumbar Fusion",),
        appeal_phone=KAISER.phone,
        printed=(
            ("route", _DMHC_QUOTE),
            ("category", "not medically necessary"),
            ("decision", "we have upheld our original decision"),
            ("letter_date", "April 17, 2026"),
            ("grievance_date", "March 20, 2026"),
        ),
    )
    letter = Letter(
        organisation="Kaiser Permanente",
        letterhead=(
            "Kaiser Foundation Health Plan, Inc. - Member Relations",
            "P.O. Box 7136, Pasadena, CA 91109-7136",
            f"Member Services {phone}",
        ),
        date_line="April 17, 2026",
        recipient=("Teresa Almonte", "2417 Alder Creek Road", "Riverside, CA 92503"),
        member_block=(
            ("Member name", "Teresa Almonte"),
            ("Medical record number (MRN)", "000019482736"),
            ("Grievance number", "GRV-2026-0320-1187"),
            ("Service requested", "Lumbar spinal fusion surgery (L4-L5)"),
        ),
        title="Grievance Resolution Letter",
        paragraphs=(
            "Dear Teresa Almonte:",
            "We received your grievance on March 20, 2026 about our denial of lumbar spinal "
            "fusion surgery. A physician who was not involved in the first decision, board "
            "certified in neurosurgery, reviewed your grievance, the letter from Nadia "
            "Ferreira, MD, and your medical records.",
            "## Our decision",
            "After this review, we have upheld our original decision. The surgery is not "
            "medically necessary at this time because the records still show fewer than 6 "
            "months of conservative treatment, as required by the InterQual 2026 Procedures "
            "criteria, Spine Surgery: Lumbar Fusion.",
            "## Your right to an Independent Medical Review",
            "This is our final decision on your grievance. You may now ask the California "
            "Department of Managed Health Care for an Independent Medical Review (IMR). You "
            "must apply within 6 months of the date of this letter. An IMR application form "
            "and an addressed envelope are enclosed.",
        ),
        closing=("Sincerely,", "", "Member Relations", "Kaiser Permanente"),
        statement=dmhc_statement(phone),
        running_header="Teresa Almonte - MRN 000019482736 - GRV-2026-0320-1187",
        footer_code="KP-MR-GRV-RES (rev. 01/26)",
    )
    return labelled(
        "kaiser_grievance_upheld",
        "Kaiser grievance decision upholding the spinal fusion denial (IMR next)",
        expected,
        plan=KAISER,
        patient=TERESA,
        subject="Your grievance has been resolved",
        email_paragraphs=(
            "Dear Teresa Almonte,",
            "We have made a decision about your grievance. Your letter is attached.",
        ),
        letter=letter,
        pdf_filename="KP_Grievance_Resolution_GRV-2026-0320-1187.pdf",
        printed_on=date(2026, 4, 17),
    )


def blue_shield_grievance_partial() -> LabelledLetter:
    phone = f"{BLUE_SHIELD.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_DECISION,
        insurer="Blue Shield of California",
        plan_type="PPO",
        route=Route.DMHC,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="XEH339184620",
        reference_number="BSC-GA-260506-2231",
        letter_date=date(2026, 6, 2),
        service="Outpatient speech therapy, 20 sessions",
        decision=Decision.PARTIAL,
        grievance_date=date(2026, 5, 6),
        codes=("CPT 92507",),
        appeal_phone=BLUE_SHIELD.phone,
        printed=(
            ("route", _DMHC_QUOTE),
            ("category", "not medically necessary"),
            ("decision", "partially overturned"),
            ("letter_date", "June 2, 2026"),
            ("grievance_date", "May 6, 2026"),
        ),
    )
    letter = Letter(
        organisation="Blue Shield of California",
        letterhead=(
            "Appeals and Grievances Department",
            "P.O. Box 60421, El Dorado Hills, CA 95762-0421",
            f"Customer Service {phone}",
        ),
        date_line="June 2, 2026",
        recipient=("Walter Nguyen", "1620 Redbud Lane", "San Jose, CA 95125"),
        member_block=(
            ("Member", "Walter Nguyen"),
            ("Subscriber ID", "XEH339184620"),
            ("Plan", "Blue Shield Silver 70 PPO"),
            ("Grievance number", "BSC-GA-260506-2231"),
            ("Service requested", "Outpatient speech therapy, 20 sessions"),
        ),
        title="Grievance Decision",
        paragraphs=(
            "Dear Walter Nguyen:",
            "On May 6, 2026 we received your grievance about our decision on speech therapy "
            "(CPT 92507) after your stroke. A speech-language pathologist and a neurologist "
            "reviewed your records.",
            "## Our decision",
            "Our decision has been partially overturned. We approve 10 more sessions now. The "
            "other 10 sessions remain denied because they are not medically necessary until "
            "your therapist documents progress after the first 10.",
            "## What you can do",
            "If you disagree with the part of our decision that was upheld, you may ask the "
            "Department of Managed Health Care for an Independent Medical Review.",
        ),
        closing=("Sincerely,", "", "Appeals and Grievances Department"),
        statement=dmhc_statement(phone),
        running_header="Walter Nguyen - XEH339184620 - BSC-GA-260506-2231",
        footer_code="BSC AG-RES (01/2026)",
    )
    return labelled(
        "blue_shield_grievance_partial",
        "Blue Shield PPO grievance decision, partly overturned: 10 of 20 therapy sessions",
        expected,
        plan=BLUE_SHIELD,
        patient=WALTER,
        subject="Your grievance decision",
        email_paragraphs=("Hello Walter,", "The decision on your grievance is attached."),
        letter=letter,
        pdf_filename="BSC_Grievance_Decision_BSC-GA-260506-2231.pdf",
        printed_on=date(2026, 6, 2),
    )


def iehp_appeal_resolution_es() -> LabelledLetter:
    phone = f"{IEHP.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_DECISION,
        insurer="Inland Empire Health Plan",
        plan_type="Medi-Cal",
        route=Route.MEDI_CAL,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="93028415G",
        reference_number="IEHP-AP-2026-0505-1147",
        letter_date=date(2026, 6, 2),
        service="Resonancia magnética (MRI) de la rodilla derecha",
        decision=Decision.UPHELD,
        grievance_date=date(2026, 5, 5),
        appeal_phone=IEHP.phone,
        printed=(
            ("route", "AVISO DE RESOLUCIÓN DE APELACIÓN"),
            ("category", "no es médicamente necesaria"),
            ("decision", "mantenemos nuestra decisión"),
            ("letter_date", "2 de junio de 2026"),
            ("grievance_date", "5 de mayo de 2026"),
        ),
    )
    letter = Letter(
        organisation="Inland Empire Health Plan",
        letterhead=(
            "IEHP - Plan de Medi-Cal - Apelaciones y Quejas",
            "P.O. Box 4349, Rancho Cucamonga, CA 91729-4349",
            f"Servicios para Miembros {phone}",
        ),
        date_line="2 de junio de 2026",
        recipient=("José Luis Ortega", "14872 Mesa Verde Street", "Fontana, CA 92336"),
        member_block=(
            ("ID de miembro (CIN)", "93028415G"),
            ("Número de apelación", "IEHP-AP-2026-0505-1147"),
            ("Servicio solicitado", "Resonancia magnética (MRI) de la rodilla derecha"),
        ),
        title="AVISO DE RESOLUCIÓN DE APELACIÓN",
        paragraphs=(
            "Estimado José Luis Ortega:",
            "Recibimos su apelación el 5 de mayo de 2026. Un médico especialista en ortopedia "
            "que no participó en la primera decisión revisó su caso.",
            "## Nuestra decisión",
            "Después de la revisión, mantenemos nuestra decisión de negar la resonancia "
            "magnética. La resonancia no es médicamente necesaria porque sus registros todavía "
            "no muestran seis semanas de terapia física.",
            "## Sus derechos",
            "Puede pedir una Revisión Médica Independiente (IMR) al Departamento de Atención "
            "Médica Administrada de California dentro de los 6 meses a partir de la fecha de "
            "este aviso, o una Audiencia Estatal dentro de los 120 días. Si tiene primero una "
            "Audiencia Estatal, no podrá tener una IMR.",
        ),
        closing=("Atentamente,", "", "Apelaciones y Quejas", "Inland Empire Health Plan"),
        statement=dmhc_statement_es(phone),
        running_header="José Luis Ortega - CIN 93028415G - IEHP-AP-2026-0505-1147",
        footer_code="IEHP NAR-SP (2026)",
    )
    return labelled(
        "iehp_appeal_resolution_es",
        "IEHP Medi-Cal 'Aviso de Resolución de Apelación' in Spanish: knee MRI denial upheld",
        expected,
        plan=IEHP,
        patient=JOSE,
        subject="Resolución de su apelación",
        email_paragraphs=(
            "Estimado(a) José Luis Ortega:",
            "La resolución de su apelación está adjunta a este correo.",
        ),
        letter=letter,
        pdf_filename="IEHP_Resolucion_Apelacion_IEHP-AP-2026-0505-1147.pdf",
        printed_on=date(2026, 6, 2),
        language="es",
    )


def anthem_appeal_upheld() -> LabelledLetter:
    phone = f"{ANTHEM.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_DECISION,
        insurer="Anthem Blue Cross",
        plan_type="PPO",
        route=Route.CDI,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="XGB418305729",
        reference_number="AG-26-0424-60317",
        letter_date=date(2026, 5, 21),
        service="In-lab sleep study (attended polysomnography)",
        decision=Decision.UPHELD,
        grievance_date=date(2026, 4, 24),
        codes=("CPT 95810",),
        criteria=("MCG Ambulatory Care guideline Polysomnography, Attended (A-0145)",),
        appeal_phone=ANTHEM.phone,  # the Appeals letterhead's Member Services line
        printed=(
            ("route", "California Department of Insurance"),
            ("category", "not medically necessary"),
            ("decision", "we are upholding our decision"),
            ("letter_date", "May 21, 2026"),
            ("grievance_date", "April 24, 2026"),
        ),
    )
    letter = Letter(
        organisation="Anthem Blue Cross",
        letterhead=(
            "Anthem Blue Cross Life and Health Insurance Company - Appeals",
            f"P.O. Box 54320, Woodland Hills, CA 91365-4320 - Member Services {phone}",
        ),
        date_line="May 21, 2026",
        recipient=("Priya Raman", "3120 Fremont Street, Apt 4", "Fremont, CA 94538"),
        member_block=(
            ("Identification number", "XGB418305729"),
            ("Policy", "Anthem PPO Select 1500 (individual policy)"),
            ("Appeal number", "AG-26-0424-60317"),
            ("Service", "In-lab sleep study (attended polysomnography)"),
        ),
        title="Appeal Decision",
        paragraphs=(
            "Dear Priya Raman:",
            "We received your appeal on April 24, 2026 about the in-lab sleep study (CPT "
            "95810). A board-certified sleep medicine physician who did not make the first "
            "decision reviewed it.",
            "After review, we are upholding our decision. The in-lab study is not medically "
            "necessary because a home sleep apnea test has not been tried, as the MCG "
            "Ambulatory Care guideline Polysomnography, Attended (A-0145) requires.",
            "This completes our internal appeal process. You may ask for an Independent "
            "Medical Review through the California Department of Insurance.",
        ),
        closing=("Sincerely,", "Appeals Department, Anthem Blue Cross"),
        statement=cdi_statement(),
        footer_code="ABCLH-APL-CA 01/26",
    )
    return labelled(
        "anthem_appeal_upheld",
        "Anthem PPO (CDI) appeal decision upholding the sleep study denial",
        expected,
        plan=ANTHEM,
        patient=PRIYA,
        subject="Your appeal decision",
        email_paragraphs=("Your appeal decision was mailed to you.",),
        letter=letter,
        printed_on=date(2026, 5, 21),
    )


def aetna_final_appeal() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_DECISION,
        insurer="Aetna",
        route=Route.ERISA,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="W219487365",
        group_number="0873021",
        reference_number="A26-0720-APL-33109",
        letter_date=date(2026, 8, 14),
        service="Laparoscopic sleeve gastrectomy (bariatric surgery)",
        decision=Decision.UPHELD,
        grievance_date=date(2026, 7, 20),
        criteria=("Aetna Clinical Policy Bulletin 0157, Obesity Surgery",),
        printed=(
            ("route", "Section 502(a)"),
            ("category", "not medically necessary"),
            ("decision", "upheld the original denial"),
            ("letter_date", "August 14, 2026"),
            ("grievance_date", "July 20, 2026"),
        ),
    )
    letter = Letter(
        organisation="Aetna",
        letterhead=(
            "Aetna Life Insurance Company, Claims Administrator for the",
            "Harborview Logistics, Inc. Employee Health Benefit Plan",
            "National Accounts CRT, P.O. Box 14463, Lexington, KY 40512-4463",
        ),
        date_line="August 14, 2026",
        recipient=("Samantha Reyes-Hart", "2290 Bayshore Court", "San Mateo, CA 94401"),
        member_block=(
            ("Member ID", "W219487365"),
            ("Group", "Harborview Logistics, Inc. (group 0873021)"),
            ("Appeal ID", "A26-0720-APL-33109"),
            ("Service", "Laparoscopic sleeve gastrectomy (bariatric surgery)"),
        ),
        title="Final Internal Appeal Decision",
        paragraphs=(
            "Dear Samantha Reyes-Hart:",
            "We received your appeal on July 20, 2026. A board-certified general surgeon who "
            "was not involved in the first decision reviewed it, with the letter from Kenji "
            "Watanabe, MD, and your records.",
            "We have upheld the original denial. The surgery is not medically necessary under "
            "Aetna Clinical Policy Bulletin 0157, Obesity Surgery, because the records show 4 "
            "months, not 6, of a physician-supervised weight loss program.",
            "This is the final decision of the Plan's internal appeal process. You may ask for "
            "an external review by an independent review organization within 4 months of "
            "receiving this letter. You also have the right to bring a civil action under "
            "Section 502(a) of ERISA.",
        ),
        closing=("Sincerely,", "", "Aetna Appeals Unit"),
        footer_code="AET-FIA-ERISA-SF (01/2026)",
    )
    return labelled(
        "aetna_final_appeal",
        "Aetna, self-funded ERISA plan: final internal appeal upholds the bariatric denial",
        expected,
        plan=AETNA,
        patient=SAMANTHA,
        subject="Your appeal decision",
        email_paragraphs=("Your appeal decision is available.",),
        letter=letter,
        printed_on=date(2026, 8, 14),
    )


def scan_reconsideration() -> LabelledLetter:
    phone = f"{SCAN.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_DECISION,
        insurer="SCAN Health Plan",
        plan_type="Medicare Advantage",
        route=Route.MEDICARE,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="8192047731",
        reference_number="SCN-RC-2026-120577",
        letter_date=date(2026, 7, 7),
        service="Admission to an inpatient rehabilitation facility (IRF)",
        decision=Decision.UPHELD,
        grievance_date=date(2026, 6, 8),
        criteria=("Medicare Benefit Policy Manual, Chapter 1, Section 110",),
        appeal_phone=SCAN.phone,  # the Appeals and Grievances letterhead's Member Services line
        printed=(
            ("route", "Independent Review Entity"),
            ("category", "not medically necessary"),
            ("decision", "we upheld our decision"),
            ("letter_date", "July 7, 2026"),
            ("grievance_date", "June 8, 2026"),
        ),
    )
    letter = Letter(
        organisation="SCAN Health Plan",
        letterhead=(
            "A Medicare Advantage Organization - Appeals and Grievances",
            f"P.O. Box 22644, Long Beach, CA 90801-5644 - Member Services {phone}",
        ),
        date_line="July 7, 2026",
        recipient=("Harold Benavides", "742 Lemon Grove Avenue", "Whittier, CA 90601"),
        member_block=(
            ("Member number", "8192047731"),
            ("Appeal number", "SCN-RC-2026-120577"),
            ("Service", "Admission to an inpatient rehabilitation facility (IRF)"),
        ),
        title="Reconsideration Decision",
        paragraphs=(
            "Dear Harold Benavides:",
            "We received your request for reconsideration on June 8, 2026. A physician who did "
            "not take part in the first decision reviewed your case.",
            "After review, we upheld our decision. Inpatient rehabilitation facility care is "
            "not medically necessary under the Medicare Benefit Policy Manual, Chapter 1, "
            "Section 110, because your records do not show that you could take part in 3 hours "
            "of therapy a day.",
            "Because we did not decide fully in your favor, we have automatically sent your "
            "case to the Independent Review Entity (IRE), which will write to you. You do not "
            "need to do anything to start this review.",
        ),
        closing=("Sincerely,", "Appeals and Grievances, SCAN Health Plan"),
        footer_code="SCAN-RECON-IRE 2026",
    )
    return labelled(
        "scan_reconsideration",
        "SCAN Medicare Advantage reconsideration upheld and sent to the IRE",
        expected,
        plan=SCAN,
        patient=HAROLD,
        subject="Important: your appeal decision",
        email_paragraphs=(
            "Dear Harold Benavides,",
            "We have decided your appeal. Please read the attached letter.",
        ),
        letter=letter,
        pdf_filename="SCAN_Reconsideration_SCN-RC-2026-120577.pdf",
        printed_on=date(2026, 7, 7),
    )


def kaiser_grievance_acknowledgement() -> LabelledLetter:
    phone = f"{KAISER.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
        insurer="Kaiser Permanente",
        route=Route.DMHC,
        urgent=False,
        member_id="000019482736",
        reference_number="GRV-2026-0320-1187",
        letter_date=date(2026, 3, 23),
        service="Lumbar spinal fusion surgery (L4-L5)",
        grievance_date=date(2026, 3, 20),
        appeal_phone=KAISER.phone,
        printed=(
            ("route", _DMHC_QUOTE),
            ("letter_date", "March 23, 2026"),
            ("grievance_date", "March 20, 2026"),
        ),
    )
    letter = Letter(
        organisation="Kaiser Permanente",
        letterhead=("Member Relations",),
        date_line="March 23, 2026",
        recipient=(),
        member_block=(
            ("Medical record number (MRN)", "000019482736"),
            ("Grievance number", "GRV-2026-0320-1187"),
            ("Service", "Lumbar spinal fusion surgery (L4-L5)"),
        ),
        title="Acknowledgment of Your Grievance",
        paragraphs=(
            "Dear Teresa Almonte:",
            "Thank you for contacting us. We received your grievance on March 20, 2026. A "
            "Member Relations coordinator will look into it, and a physician who was not part "
            "of the first decision will review the medical questions.",
            "We will send you a written decision within 30 days of the day we received your "
            f"grievance. If you have more information for us, call {phone}.",
        ),
        closing=("Member Relations, Kaiser Permanente",),
        statement=dmhc_statement(phone),
    )
    return labelled(
        "kaiser_grievance_acknowledgement",
        "Kaiser acknowledges the spinal fusion grievance (HTML email, no attachment)",
        expected,
        plan=KAISER,
        patient=TERESA,
        subject="We received your grievance",
        email_paragraphs=("Dear Teresa Almonte,",),
        letter=letter,
        printed_on=date(2026, 3, 23),
    )


def health_net_grievance_acknowledgement_es() -> LabelledLetter:
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
        insurer="Health Net",
        route=Route.DMHC,
        urgent=False,
        member_id="R66120473",
        reference_number="HN-GA-260616-4410",
        letter_date=date(2026, 6, 18),
        grievance_date=date(2026, 6, 16),
        appeal_phone=HEALTH_NET.phone,
        printed=(
            ("route", _DMHC_QUOTE_ES),
            ("letter_date", "18 de junio de 2026"),
            ("grievance_date", "16 de junio de 2026"),
        ),
    )
    letter = Letter(
        organisation="Health Net",
        letterhead=("Health Net of California, Inc. - Apelaciones y Quejas",),
        date_line="18 de junio de 2026",
        recipient=("Guadalupe Reyes", "2231 Calle Amapola", "Santa Ana, CA 92704"),
        member_block=(
            ("Número de identificación del miembro", "R66120473"),
            ("Número de queja", "HN-GA-260616-4410"),
        ),
        title="Acuse de recibo de su queja",
        paragraphs=(
            "Estimada Guadalupe Reyes:",
            "Recibimos su queja el 16 de junio de 2026 sobre nuestra decisión acerca de su "
            "medicamento. Le enviaremos una decisión por escrito dentro de 30 días.",
            f"Si quiere enviarnos más información, llame al {phone}.",
        ),
        closing=("Atentamente,", "Apelaciones y Quejas, Health Net"),
        statement=dmhc_statement_es(phone),
    )
    return labelled(
        "health_net_grievance_acknowledgement_es",
        "Health Net acknowledges a grievance, in Spanish",
        expected,
        plan=HEALTH_NET,
        patient=GUADALUPE,
        subject="Recibimos su queja",
        email_paragraphs=("Estimada Guadalupe Reyes:", "Su carta está adjunta."),
        letter=letter,
        pdf_filename="HealthNet_Acuse_HN-GA-260616-4410.pdf",
        printed_on=date(2026, 6, 18),
        language="es",
    )


def molina_expedited_acknowledgement() -> LabelledLetter:
    phone = f"{MOLINA.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
        insurer="Molina Healthcare",
        route=Route.DMHC,
        urgent=True,
        member_id="102948371",
        reference_number="MHC-GR-2026-0708-661",
        letter_date=date(2026, 7, 8),
        service="Dupixent (dupilumab) 300 mg/2 mL pen",
        grievance_date=date(2026, 7, 8),
        appeal_phone=MOLINA.phone,
        printed=(
            ("route", _DMHC_QUOTE),
            ("urgent", "expedited (urgent) grievance"),
            ("letter_date", "July 8, 2026"),
            ("grievance_date", "on July 8, 2026 at 9:40 a.m."),
        ),
    )
    letter = Letter(
        organisation="Molina Healthcare",
        letterhead=("Molina Healthcare of California - Appeals and Grievances",),
        date_line="July 8, 2026",
        recipient=("Nadia Haddad", "915 Cedar Hollow Lane", "Fresno, CA 93711"),
        member_block=(
            ("Member ID", "102948371"),
            ("Grievance number", "MHC-GR-2026-0708-661"),
            ("Drug", "Dupixent (dupilumab) 300 mg/2 mL pen"),
        ),
        title="We Received Your Expedited Grievance",
        paragraphs=(
            "Dear Nadia Haddad:",
            "We received your expedited (urgent) grievance on July 8, 2026 at 9:40 a.m. "
            "Because your doctor says waiting could seriously harm your health, we will "
            "decide within 72 hours and call you with our decision.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        closing=("Appeals and Grievances, Molina Healthcare",),
        statement=dmhc_statement(phone),
    )
    return labelled(
        "molina_expedited_acknowledgement",
        "Molina acknowledges an expedited grievance (72-hour clock)",
        expected,
        plan=MOLINA,
        patient=NADIA,
        subject="We received your grievance",
        email_paragraphs=("Hello Nadia,", "Your letter is attached."),
        letter=letter,
        pdf_filename="Molina_Grievance_MHC-GR-2026-0708-661.pdf",
        printed_on=date(2026, 7, 8),
    )


def sharp_grievance_reversal() -> LabelledLetter:
    phone = f"{SHARP.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.APPROVAL,
        insurer="Sharp Health Plan",
        route=Route.DMHC,
        urgent=False,
        member_id="SHP20417793",
        reference_number="SHP-G-26-0310-052",
        letter_date=date(2026, 4, 3),
        service_date=date(2026, 2, 2),
        service="Emergency room visit on February 2, 2026",
        decision=Decision.OVERTURNED,
        grievance_date=date(2026, 3, 10),
        appeal_phone=SHARP.phone,
        printed=(
            ("route", _DMHC_QUOTE),
            ("decision", "we have overturned our decision"),
            ("letter_date", "April 3, 2026"),
            ("service_date", "February 2, 2026"),
            ("grievance_date", "March 10, 2026"),
        ),
    )
    letter = Letter(
        organisation="Sharp Health Plan",
        letterhead=("Appeals and Grievances", "P.O. Box 129015, San Diego, CA 92112-9015"),
        date_line="April 3, 2026",
        recipient=("Jordan Castellanos", "4185 Palm Vista Drive", "Escondido, CA 92025"),
        member_block=(
            ("Member ID", "SHP20417793"),
            ("Grievance number", "SHP-G-26-0310-052"),
            ("Service", "Emergency room visit on February 2, 2026"),
        ),
        title="Grievance Resolution",
        paragraphs=(
            "Dear Jordan Castellanos:",
            "We received your grievance on March 10, 2026 about the emergency room claim. "
            "You told us you had a fever of 103 degrees and trouble swallowing.",
            "After review by a physician, we have overturned our decision. A prudent "
            "layperson with your symptoms could reasonably have believed that they needed "
            "emergency care. We will pay Palomar Ridge Hospital within 5 working days, and "
            "you only owe your usual emergency room copayment.",
            f"Thank you for your patience. If you have questions, call Customer Care at {phone}.",
        ),
        closing=("Sincerely,", "", "Appeals and Grievances", "Sharp Health Plan"),
        statement=dmhc_statement(phone),
    )
    return labelled(
        "sharp_grievance_reversal",
        "Sharp Health Plan overturns its emergency room payment denial",
        expected,
        plan=SHARP,
        patient=JORDAN,
        subject="Your grievance has been resolved",
        email_paragraphs=("Hi Jordan,", "The decision on your grievance is attached."),
        letter=letter,
        pdf_filename="SHP_Grievance_SHP-G-26-0310-052.pdf",
        printed_on=date(2026, 4, 3),
    )


def la_care_appeal_overturned() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.APPROVAL,
        insurer="L.A. Care Health Plan",
        plan_type="Medi-Cal",
        route=Route.MEDI_CAL,
        urgent=False,
        member_id="94071268C",
        reference_number="2026-AP-0041907",
        letter_date=date(2026, 6, 5),
        service="Power wheelchair (Group 3)",
        decision=Decision.OVERTURNED,
        grievance_date=date(2026, 5, 12),
        printed=(
            ("route", "NOTICE OF APPEAL RESOLUTION"),
            ("decision", "L.A. Care has overturned its decision"),
            ("letter_date", "June 5, 2026"),
            ("grievance_date", "May 12, 2026"),
        ),
    )
    letter = Letter(
        organisation="L.A. Care Health Plan",
        letterhead=("Medi-Cal Plan", "Appeals and Grievances, P.O. Box 811610, Los Angeles, CA"),
        date_line="June 5, 2026",
        recipient=("Darnell Hayes", "5530 S. Wilton Place, Apt 12", "Los Angeles, CA 90062"),
        member_block=(
            ("Member ID (CIN)", "94071268C"),
            ("Appeal number", "2026-AP-0041907"),
            ("Service requested", "Power wheelchair (Group 3)"),
        ),
        title="NOTICE OF APPEAL RESOLUTION",
        paragraphs=(
            "Dear Darnell Hayes:",
            "We received your appeal on May 12, 2026, with a home assessment from your "
            "occupational therapist.",
            "Good news: L.A. Care has overturned its decision. Your power wheelchair (Group 3) "
            "with power tilt is approved. The equipment supplier will call you within 5 "
            "business days to schedule a fitting.",
        ),
        closing=("Sincerely,", "Appeals and Grievances, L.A. Care Health Plan"),
    )
    return labelled(
        "la_care_appeal_overturned",
        "L.A. Care Medi-Cal Notice of Appeal Resolution approving the wheelchair",
        expected,
        plan=LA_CARE,
        patient=DARNELL,
        subject="You have a new letter from L.A. Care",
        email_paragraphs=("Dear Member,", "A letter about your appeal is attached."),
        letter=letter,
        pdf_filename="NAR_2026-AP-0041907.pdf",
        printed_on=date(2026, 6, 5),
    )


APPEAL_LETTERS = (
    kaiser_grievance_upheld,
    blue_shield_grievance_partial,
    iehp_appeal_resolution_es,
    anthem_appeal_upheld,
    aetna_final_appeal,
    scan_reconsideration,
    kaiser_grievance_acknowledgement,
    health_net_grievance_acknowledgement_es,
    molina_expedited_acknowledgement,
    sharp_grievance_reversal,
    la_care_appeal_overturned,
)
