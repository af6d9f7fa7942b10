"""Labelled denials beyond the demo catalogue: workers' compensation, exclusions, a missing
prior authorization, Spanish pharmacy and experimental denials, an ambulance claim, a letter
that names no regulator, Medicare Part D, a self-funded plan's exclusion, a medical group's
Word letter, a partial approval and an urgent Spanish Medi-Cal notice."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, DocumentKind, Route

from ..labels import Expected, LabelledLetter
from ..model import Letter
from ..people import ANTHEM, BLUE_SHIELD, HEALTH_NET, LA_CARE, MOLINA
from ..statements import cdi_statement, dmhc_statement, dmhc_statement_es
from .labelled_common import (
    AISHA,
    ALIGNMENT,
    BEVERLY,
    CARMEN,
    CHLOE,
    CIGNA,
    ESPERANZA,
    GUADALUPE,
    KEIKO,
    MARCUS,
    OWEN,
    RAFAEL,
    REDWOOD,
    RUTH,
    SUMMIT,
    SUTTER,
    TOMAS,
    UHC,
    labelled,
)


def workers_comp_review() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Pacific Crest Casualty Insurance Company",
        route=Route.WORKERS_COMP,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        reference_number="WC-2026-031877",
        letter_date=date(2026, 5, 8),
        service="Lumbar MRI without contrast",
        codes=("CPT 72148",),
        criteria=("MTUS ACOEM Low Back Disorders Guideline",),
        # "ask us for an internal appeal ... by calling the Utilization Review Department at
        # 1-559-555-0162"; the department's letterhead prints its fax beside that number.
        appeal_phone=SUMMIT.phone,
        appeal_fax="1-559-555-0163",
        printed=(
            ("route", "DWC Form IMR"),
            ("category", "not medically necessary"),
            ("letter_date", "May 8, 2026"),
        ),
    )
    letter = Letter(
        organisation="Summit Claims Administrators",
        letterhead=(
            "Utilization Review Department",
            "P.O. Box 20518, Fresno, CA 93729-0518",
            "Phone 1-559-555-0162   Fax 1-559-555-0163",
        ),
        date_line="May 8, 2026",
        recipient=("Rafael Mendoza", "1187 Olive Tree Lane", "Madera, CA 93637"),
        member_block=(
            ("Injured worker", "Rafael Mendoza"),
            ("Claim number", "WC-2026-031877"),
            ("Employer", "Central Valley Packing Co."),
            ("Insurer", "Pacific Crest Casualty Insurance Company"),
            ("Date of injury", "January 14, 2026"),
            ("Requesting physician", "Helen Marsh, MD"),
            ("Treatment requested", "Lumbar MRI without contrast"),
        ),
        title="Utilization Review Determination: Non-Certification",
        paragraphs=(
            "Dear Mr. Mendoza:",
            "Summit Claims Administrators, the claims administrator for Pacific Crest Casualty "
            "Insurance Company, received a request for authorization from Helen Marsh, MD, on "
            "May 4, 2026 for a lumbar MRI without contrast (CPT 72148). A physician reviewer "
            "reviewed the request under the Medical Treatment Utilization Schedule (MTUS).",
            "## Decision",
            "The requested lumbar MRI is not certified because it is not medically necessary: "
            "the MTUS ACOEM Low Back Disorders Guideline recommends imaging of the low back "
            "only when there are red flags or a progressive neurologic deficit, and none are "
            "documented in the records we received.",
            "## Your right to Independent Medical Review",
            "If you disagree with this decision, you may ask for an Independent Medical Review "
            "(IMR) by the Division of Workers' Compensation. Sign and send the enclosed DWC "
            "Form IMR (Application for Independent Medical Review) with a copy of this letter "
            "within 30 days of the date this letter was mailed. You do not have to pay for an "
            "IMR.",
            "You may also ask us for an internal appeal within 10 days by calling the Utilization "
            "Review Department at 1-559-555-0162. For help, you may contact an Information and "
            "Assistance Officer of the Division of Workers' Compensation.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Utilization Review Department",
            "Summit Claims Administrators",
            "Enclosure: DWC Form IMR",
        ),
        running_header="Rafael Mendoza - Claim WC-2026-031877",
        footer_code="SCA-UR-NC 2026",
    )
    return labelled(
        "workers_comp_review",
        "Workers' compensation utilization review: lumbar MRI not certified (DWC IMR)",
        expected,
        plan=SUMMIT,
        patient=RAFAEL,
        subject="Utilization review determination",
        email_paragraphs=("Please see the attached determination.",),
        letter=letter,
        pdf_filename="UR_Determination_WC-2026-031877.pdf",
        printed_on=date(2026, 5, 8),
    )


def sutter_cosmetic_exclusion() -> LabelledLetter:
    phone = f"{SUTTER.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Sutter Health Plus",
        plan_type="HMO",
        route=Route.DMHC,
        category=Category.NOT_COVERED,
        urgent=False,
        member_id="SU4820137",
        reference_number="SHPUM-260309-0412",
        letter_date=date(2026, 3, 9),
        service="Upper eyelid surgery (blepharoplasty), both eyes",
        codes=("CPT 15823",),
        appeal_phone=SUTTER.phone,
        appeal_fax="1-855-555-0132",
        printed=(
            ("route", "responsible for regulating health care service plans"),
            ("category", "not a covered benefit"),
            ("letter_date", "March 9, 2026"),
        ),
    )
    letter = Letter(
        organisation="Sutter Health Plus",
        letterhead=(
            "Utilization Management, P.O. Box 161450, Sacramento, CA 95816",
            f"Member Services {phone}",
        ),
        date_line="March 9, 2026",
        recipient=("Chloe Whitfield", "88 Mariposa Court", "Roseville, CA 95678"),
        member_block=(
            ("Member", "Chloe Whitfield"),
            ("Member ID", "SU4820137"),
            ("Plan", "Sutter Health Plus Silver 70 HMO"),
            ("Reference number", "SHPUM-260309-0412"),
            ("Requesting provider", "Victor Alvarado, MD, Oculoplastic Surgery"),
            ("Service requested", "Upper eyelid surgery (blepharoplasty), both eyes"),
        ),
        title="Notice of Denial",
        paragraphs=(
            "Dear Chloe Whitfield:",
            "We received a request from Victor Alvarado, MD, on March 2, 2026 for upper eyelid "
            "surgery on both eyes (CPT 15823). We have denied this request.",
            "## Why we denied the request",
            "Upper eyelid surgery to improve appearance is not a covered benefit. Your Evidence "
            "of Coverage excludes cosmetic services, which change or improve appearance without "
            "significantly improving a body function. The visual field test sent with the "
            "request shows that your upper eyelids do not block your vision.",
            "If your doctor sends a new visual field test showing that your eyelids block your "
            "upper field of vision, we will review the request again.",
            "## Your right to file a grievance",
            "You may file a grievance within 180 days of the date of this letter. Call Member "
            f"Services at {phone}, fax your grievance to 1-855-555-0132, or write to Sutter "
            "Health Plus, Attn: Grievances and Appeals, P.O. Box 161460, Sacramento, CA 95816. "
            "We will send you a decision within 30 days.",
        ),
        closing=("Sincerely,", "", "Utilization Management", "Sutter Health Plus"),
        statement=dmhc_statement(phone),
        running_header="Chloe Whitfield - SU4820137 - SHPUM-260309-0412",
        footer_code="SHP-UM-EXCL 2026",
    )
    return labelled(
        "sutter_cosmetic_exclusion",
        "Sutter Health Plus HMO: eyelid surgery excluded as cosmetic (not a covered benefit)",
        expected,
        plan=SUTTER,
        patient=CHLOE,
        subject="A decision about your request for services",
        email_paragraphs=(
            "Dear Chloe Whitfield,",
            "A letter about your request for services is attached. Please read it carefully.",
            f"Questions? Call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename="SHP_Letter_SHPUM-260309-0412.pdf",
        printed_on=date(2026, 3, 9),
    )


def cigna_prior_authorization() -> LabelledLetter:
    phone = f"{CIGNA.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Cigna",
        plan_type="PPO",
        route=Route.CDI,
        category=Category.ADMINISTRATIVE,
        urgent=False,
        member_id="U48823719",
        reference_number="CG-7729-0415-33",
        letter_date=date(2026, 4, 22),
        service_date=date(2026, 4, 6),
        service="MRI of the brain with and without contrast",
        codes=("CPT 70553",),
        appeal_phone=CIGNA.phone,
        printed=(
            ("route", "California Department of Insurance"),
            ("category", "prior authorization required"),
            ("letter_date", "April 22, 2026"),
            ("service_date", "April 6, 2026"),
        ),
    )
    letter = Letter(
        organisation="Cigna Healthcare",
        letterhead=(
            "Cigna Health and Life Insurance Company",
            "National Appeals Unit, P.O. Box 188011, Chattanooga, TN 37422-8011",
            f"Customer Service {phone}",
        ),
        date_line="April 22, 2026",
        recipient=("Marcus Bell", "4410 Sunset Ridge Drive", "Oakland, CA 94611"),
        member_block=(
            ("Customer", "Marcus Bell"),
            ("Customer ID", "U48823719"),
            ("Policy", "Cigna PPO 2500 (individual policy)"),
            ("Claim number", "CG-7729-0415-33"),
            ("Provider", "Bay Imaging Associates"),
            ("Date of service", "April 6, 2026"),
            ("Service", "MRI of the brain with and without contrast"),
        ),
        title="Claim Denial Notice",
        paragraphs=(
            "Dear Marcus Bell:",
            "We received a claim from Bay Imaging Associates for an MRI of the brain with and "
            "without contrast (CPT 70553) on April 6, 2026. We are not able to pay this claim.",
            "## Why the claim was denied",
            "Reason: prior authorization required. Your policy requires prior authorization "
            "for advanced imaging such as MRI, and we have no record that your provider asked "
            "for it before the service. Because Bay Imaging Associates is in our network, it "
            "may not bill you for this service.",
            "Your provider may ask for a retroactive review by sending the medical records that "
            "show why the MRI was needed.",
            "## Your right to appeal",
            "You may appeal this decision within 180 days of receiving this notice. Call "
            f"Customer Service at {phone} or write to the National Appeals Unit at the address "
            "above. We will decide within 30 days.",
        ),
        closing=("Sincerely,", "", "Cigna Health and Life Insurance Company"),
        statement=cdi_statement(),
        running_header="Marcus Bell - U48823719 - Claim CG-7729-0415-33",
        footer_code="CHLIC-CA-CLM 04/26",
    )
    return labelled(
        "cigna_prior_authorization",
        "Cigna PPO policy (CDI): brain MRI claim denied, prior authorization required",
        expected,
        plan=CIGNA,
        patient=MARCUS,
        subject="Information about your recent claim",
        email_paragraphs=(
            "Hi Marcus,",
            "We've processed a claim for you. Your notice is below.",
        ),
        letter=letter,
        printed_on=date(2026, 4, 22),
    )


def health_net_quantity_limit_es() -> LabelledLetter:
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Health Net",
        plan_type="HMO",
        route=Route.DMHC,
        category=Category.PHARMACY,
        urgent=False,
        member_id="R66120473",
        reference_number="HN-RX-260609-7781",
        letter_date=date(2026, 6, 9),
        service="Ozempic (semaglutida) 2 mg/3 mL, pluma",
        appeal_phone=HEALTH_NET.phone,
        printed=(
            (
                "route",
                "responsable de regular los planes de servicios de atención médica",
            ),
            ("category", "límite de cantidad"),
            ("letter_date", "9 de junio de 2026"),
        ),
    )
    letter = Letter(
        organisation="Health Net",
        letterhead=(
            "Health Net of California, Inc. - Departamento de Farmacia",
            "P.O. Box 9103, Van Nuys, CA 91409-9103",
            f"Servicios para Miembros {phone}",
        ),
        date_line="9 de junio de 2026",
        recipient=("Guadalupe Reyes", "2231 Calle Amapola", "Santa Ana, CA 92704"),
        member_block=(
            ("Miembro", "Guadalupe Reyes"),
            ("Número de identificación del miembro", "R66120473"),
            ("Plan", "Health Net CommunityCare HMO"),
            ("Número de referencia", "HN-RX-260609-7781"),
            ("Medicamento solicitado", "Ozempic (semaglutida) 2 mg/3 mL, pluma"),
            ("Cantidad solicitada", "2 plumas cada 28 días"),
        ),
        title="Aviso de denegación: solicitud de medicamento",
        paragraphs=(
            "Estimada Guadalupe Reyes:",
            "El 4 de junio de 2026 recibimos una solicitud de su médica, la Dra. Irene Solís, "
            "para cubrir 2 plumas de Ozempic cada 28 días. Un farmacéutico y un médico "
            "revisaron la solicitud. Health Net ha denegado la cantidad solicitada.",
            "## Por qué denegamos la solicitud",
            "La cantidad solicitada supera el límite de cantidad de nuestro formulario, que es "
            "de 1 pluma cada 28 días para esta concentración. Sus registros no muestran un "
            "motivo médico para una cantidad mayor. Seguimos cubriendo 1 pluma cada 28 días.",
            "## Cómo presentar una queja (apelación)",
            "Usted o su médica pueden presentar una queja dentro de los 180 días a partir de la "
            f"fecha de esta carta. Llame a Servicios para Miembros al {phone}. Le daremos una "
            "respuesta dentro de 30 días, o dentro de 72 horas si su salud corre grave peligro.",
        ),
        closing=("Atentamente,", "", "Departamento de Farmacia", "Health Net of California, Inc."),
        statement=dmhc_statement_es(phone),
        running_header="Guadalupe Reyes - R66120473 - HN-RX-260609-7781",
        footer_code="HN-RX-DEN-SP 2026",
    )
    return labelled(
        "health_net_quantity_limit_es",
        "Health Net HMO, in Spanish: semaglutide over the quantity limit",
        expected,
        plan=HEALTH_NET,
        patient=GUADALUPE,
        subject="Actualización sobre su solicitud de medicamento",
        email_paragraphs=(
            "Estimada Guadalupe Reyes:",
            "Revisamos una solicitud de medicamento de su médica. Su carta está adjunta.",
            f"Si tiene preguntas, llame a Servicios para Miembros al {phone}.",
        ),
        letter=letter,
        pdf_filename="HealthNet_Carta_HN-RX-260609-7781.pdf",
        printed_on=date(2026, 6, 9),
        language="es",
    )


def la_care_experimental_es() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="L.A. Care Health Plan",
        plan_type="Medi-Cal",
        route=Route.MEDI_CAL,
        category=Category.EXPERIMENTAL,
        urgent=False,
        member_id="95120387F",
        reference_number="2026-PA-0277105",
        letter_date=date(2026, 7, 2),
        service="Inyección de células madre en la rodilla izquierda",
        appeal_phone=LA_CARE.phone,
        printed=(
            ("route", "AVISO DE ACCIÓN"),
            ("category", "experimental o de investigación"),
            ("letter_date", "2 de julio de 2026"),
        ),
    )
    letter = Letter(
        organisation="L.A. Care Health Plan",
        letterhead=("Plan de Medi-Cal - P.O. Box 811580, Los Angeles, CA 90081-1580",),
        date_line="2 de julio de 2026",
        recipient=("Esperanza Villalobos", "1409 E. 43rd Street", "Los Angeles, CA 90011"),
        member_block=(
            ("ID de miembro (CIN)", "95120387F"),
            ("Número de referencia", "2026-PA-0277105"),
            ("Servicio solicitado", "Inyección de células madre en la rodilla izquierda"),
        ),
        title="AVISO DE ACCIÓN",
        paragraphs=(
            "Estimada Esperanza Villalobos:",
            "L.A. Care negó la solicitud del Dr. Ramiro Ocampo para una inyección de células "
            "madre en la rodilla izquierda. Este tratamiento es experimental o de "
            "investigación: no hay estudios suficientes que muestren que funciona para la "
            "artrosis de rodilla, y Medi-Cal no lo cubre.",
            "Si no está de acuerdo, puede pedir una apelación dentro de los 60 días a partir de "
            f"la fecha de este aviso. Llame al {LA_CARE.phone} (TTY 711). Después de la "
            "apelación puede pedir una Revisión Médica Independiente (IMR) o una Audiencia "
            "Estatal.",
        ),
        closing=("Atentamente,", "L.A. Care Health Plan"),
    )
    return labelled(
        "la_care_experimental_es",
        "L.A. Care Medi-Cal 'Aviso de Acción' in Spanish: stem-cell knee injection experimental",
        expected,
        plan=LA_CARE,
        patient=ESPERANZA,
        subject="Carta de L.A. Care",
        email_paragraphs=("Le enviamos una carta por correo postal.",),
        letter=letter,
        printed_on=date(2026, 7, 2),
        language="es",
    )


def anthem_ambulance() -> LabelledLetter:
    phone = f"{ANTHEM.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Anthem Blue Cross",
        plan_type="PPO",
        route=Route.CDI,
        category=Category.EMERGENCY_PAYMENT,
        urgent=False,
        member_id="XGB702284416",
        reference_number="2026041400388",
        letter_date=date(2026, 4, 14),
        service_date=date(2026, 3, 28),
        service="Ground ambulance transport, advanced life support",
        codes=("HCPCS A0427",),
        appeal_phone=ANTHEM.phone,
        appeal_fax="1-800-555-0185",
        printed=(
            ("route", "California Department of Insurance"),
            ("category", "non-emergent"),
            ("letter_date", "April 14, 2026"),
            ("service_date", "March 28, 2026"),
        ),
    )
    letter = Letter(
        organisation="Anthem Blue Cross",
        letterhead=(
            "Anthem Blue Cross Life and Health Insurance Company",
            "Claims Review, P.O. Box 60007, Los Angeles, CA 90060-0007",
            f"Member Services {phone}",
        ),
        date_line="April 14, 2026",
        recipient=("Owen Fitzgerald", "27 Harbor View Terrace", "Ventura, CA 93001"),
        member_block=(
            ("Insured", "Owen Fitzgerald"),
            ("Identification number", "XGB702284416"),
            ("Policy", "Anthem PPO Silver 3000 (individual policy)"),
            ("Claim number", "2026041400388"),
            ("Provider", "Coastline Ambulance Service (out of network)"),
            ("Date of service", "March 28, 2026"),
            ("Service", "Ground ambulance transport, advanced life support"),
        ),
        title="Explanation of Claim Denial",
        paragraphs=(
            "Dear Owen Fitzgerald:",
            "We received a claim from Coastline Ambulance Service for ground ambulance "
            "transport, advanced life support (HCPCS A0427), from your home to Ventura Bay "
            "Hospital on March 28, 2026. Amount billed: $2,140.00. Amount paid: $0.00.",
            "## Why we did not pay",
            "We reviewed the ambulance run report and the emergency room records. The "
            "transport was non-emergent: the records describe stable vital signs and no "
            "symptoms that needed care on the way to the hospital, so another way of getting "
            "there was safe.",
            "## How to appeal",
            "You may appeal within 180 days of the date of this letter. Call Member Services at "
            f"{phone}, fax your appeal to 1-800-555-0185, or write to Anthem Blue Cross, "
            "Appeals, P.O. Box 54320, Woodland Hills, CA 91365-4320. Tell us what symptoms you "
            "had when the ambulance was called.",
        ),
        closing=("Sincerely,", "", "Claims Review", "Anthem Blue Cross"),
        statement=cdi_statement(),
        running_header="Owen Fitzgerald - XGB702284416 - Claim 2026041400388",
        footer_code="ABCLH-CLM-AMB 03/26",
    )
    return labelled(
        "anthem_ambulance",
        "Anthem Blue Cross PPO (CDI): ambulance claim not paid as non-emergent",
        expected,
        plan=ANTHEM,
        patient=OWEN,
        subject="Your claim has been processed",
        email_paragraphs=(
            "Hi Owen,",
            "A letter about your claim is attached. It's the same letter we mailed to you.",
        ),
        letter=letter,
        pdf_filename="Anthem_Claim_2026041400388.pdf",
        printed_on=date(2026, 4, 14),
    )


def cigna_no_regulator() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Cigna",
        route=Route.UNKNOWN,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="U39917202",
        reference_number="CG-2026-0512-90441",
        letter_date=date(2026, 5, 27),
        service_date=date(2026, 5, 12),
        service="Hereditary cancer genetic testing panel",
        codes=("CPT 81162",),
        appeal_phone=CIGNA.phone,
        printed=(
            ("category", "not medically necessary"),
            ("letter_date", "May 27, 2026"),
            ("service_date", "May 12, 2026"),
        ),
    )
    letter = Letter(
        organisation="Cigna Healthcare",
        letterhead=("Cigna Health Management, Inc.", f"Customer Service {CIGNA.phone}"),
        date_line="May 27, 2026",
        recipient=("Keiko Matsuda", "960 Lakeshore Avenue", "Irvine, CA 92618"),
        member_block=(
            ("Customer ID", "U39917202"),
            ("Claim reference", "CG-2026-0512-90441"),
            ("Date of service", "May 12, 2026"),
            ("Service", "Hereditary cancer genetic testing panel"),
            ("Charges not paid by your health plan", "$2,980.00"),
        ),
        title="Notice of Claim Determination",
        paragraphs=(
            "Dear Keiko Matsuda,",
            "We received claim CG-2026-0512-90441 from Pacific Genomics Laboratory for a "
            "hereditary cancer genetic testing panel (CPT 81162). There is a service we cannot "
            "cover under your benefit plan because the treatment is not medically necessary: "
            "the records do not show a personal or family history that meets the criteria for "
            "this test.",
            "You or your doctor may ask us to review this decision within 180 days. Call "
            f"Customer Service at {CIGNA.phone}.",
            "Note: We sent this letter to meet federal and state requirements.",
        ),
        closing=("Cigna Health Management, Inc.",),
    )
    return labelled(
        "cigna_no_regulator",
        "Cigna claim letter that names no regulator: genetic test not medically necessary",
        expected,
        plan=CIGNA,
        patient=KEIKO,
        subject="A decision about your claim",
        email_paragraphs=("Hello Keiko,", "Your claim letter is attached."),
        letter=letter,
        pdf_filename="Cigna_Claim_Letter.pdf",
        printed_on=date(2026, 5, 27),
    )


def alignment_part_d() -> LabelledLetter:
    phone = f"{ALIGNMENT.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Alignment Health Plan",
        plan_type="Medicare Advantage",
        route=Route.MEDICARE,
        category=Category.PHARMACY,
        urgent=False,
        member_id="A7726401953",
        reference_number="ALN-CD-2026-044918",
        letter_date=date(2026, 8, 4),
        service="Jardiance (empagliflozin) 25 mg tablets",
        appeal_phone=ALIGNMENT.phone,
        appeal_fax="1-866-555-0149",
        printed=(
            ("route", "Notice of Denial of Medicare Prescription Drug Coverage"),
            ("category", "not on our formulary"),
            ("letter_date", "August 4, 2026"),
        ),
    )
    letter = Letter(
        organisation="Alignment Health Plan",
        letterhead=(
            "A Medicare Advantage plan with Part D prescription drug coverage",
            f"Pharmacy Services {phone}, 8 a.m. to 8 p.m., 7 days a week",
        ),
        date_line="August 4, 2026",
        recipient=("Beverly Okafor", "3305 Alta Vista Drive", "Bakersfield, CA 93305"),
        member_block=(
            ("Enrollee", "Beverly Okafor"),
            ("Member ID", "A7726401953"),
            ("Case number", "ALN-CD-2026-044918"),
            ("Drug requested", "Jardiance (empagliflozin) 25 mg tablets"),
        ),
        title="Notice of Denial of Medicare Prescription Drug Coverage",
        paragraphs=(
            "## Your request was denied",
            "We denied your request for the drug listed above because it is not on our "
            "formulary (Drug List), and your prescriber did not tell us why the covered drugs "
            "in the same class, such as Farxiga (dapagliflozin), would not work for you or "
            "would be harmful.",
            "## You have the right to ask us for a redetermination (appeal)",
            "You must ask within 65 days from the date of this notice. A standard appeal is "
            "decided within 7 days; a fast appeal within 72 hours if your health could be "
            f"seriously harmed by waiting. Call {phone}, fax 1-866-555-0149, or write to "
            "Alignment Health Plan, Part D Appeals, P.O. Box 14010, Orange, CA 92863.",
            "If we deny your appeal, your case can be reviewed by an Independent Review Entity.",
        ),
        closing=("Alignment Health Plan Pharmacy Services",),
        footer_code="Form CMS-10146",
    )
    return labelled(
        "alignment_part_d",
        "Alignment Health Plan (Medicare Part D): non-formulary drug denied",
        expected,
        plan=ALIGNMENT,
        patient=BEVERLY,
        subject="Coverage decision notice",
        email_paragraphs=("A coverage decision notice is available.",),
        letter=letter,
        printed_on=date(2026, 8, 4),
    )


def uhc_self_funded_exclusion() -> LabelledLetter:
    phone = f"{UHC.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="UnitedHealthcare",
        plan_type="self-funded",  # "a self-funded group health plan"
        route=Route.ERISA,
        category=Category.NOT_COVERED,
        urgent=False,
        member_id="921447016",
        group_number="0752198",
        reference_number="UHC-26-0318-556102",
        letter_date=date(2026, 3, 18),
        service="In vitro fertilization (IVF), one retrieval cycle",
        appeal_phone=UHC.phone,
        printed=(
            ("route", "Section 502(a)"),
            ("category", "not a covered benefit"),
            ("letter_date", "March 18, 2026"),
        ),
    )
    letter = Letter(
        organisation="UnitedHealthcare",
        letterhead=(
            "Claims Administrator for the Bayline Semiconductor Employee Medical Plan",
            "P.O. Box 30555, Salt Lake City, UT 84130-0555",
            f"Customer Service {phone}",
        ),
        date_line="March 18, 2026",
        recipient=("Aisha Rahman", "c/o Daniel Rahman", "519 Cypress Lane", "Sunnyvale, CA 94086"),
        member_block=(
            ("Patient", "Aisha Rahman"),
            ("Member ID", "921447016"),
            ("Group number", "0752198"),
            ("Reference number", "UHC-26-0318-556102"),
            ("Service requested", "In vitro fertilization (IVF), one retrieval cycle"),
        ),
        title="Adverse Benefit Determination",
        paragraphs=(
            "Dear Aisha Rahman:",
            "The Bayline Semiconductor Employee Medical Plan is a self-funded group health "
            "plan. UnitedHealthcare provides claims administration services and does not "
            "insure the benefits.",
            "## Our decision",
            "The request for in vitro fertilization is denied because it is not a covered "
            "benefit: the Summary Plan Description, section Exclusions, excludes assisted "
            "reproductive technology, including IVF. Diagnostic testing for infertility remains "
            "covered.",
            "## Your appeal rights",
            "You may appeal within 180 days of receiving this letter. Call Customer Service at "
            f"{phone} or write to UnitedHealthcare Appeals, P.O. Box 30432, Salt Lake City, UT "
            "84130-0432. You have the right to bring a civil action under Section 502(a) of "
            "ERISA following an adverse benefit determination on appeal.",
        ),
        closing=("Sincerely,", "", "UnitedHealthcare Clinical Services"),
        running_header="Aisha Rahman - 921447016 - UHC-26-0318-556102",
        footer_code="UHC-ABD-SF 2026",
    )
    return labelled(
        "uhc_self_funded_exclusion",
        "UnitedHealthcare for a self-funded ERISA plan: IVF excluded",
        expected,
        plan=UHC,
        patient=AISHA,
        subject="Your benefit determination letter",
        email_paragraphs=(
            "Hello,",
            "A benefit determination letter is attached for a member of your plan.",
        ),
        letter=letter,
        pdf_filename="UHC_Determination_UHC-26-0318-556102.pdf",
        printed_on=date(2026, 3, 18),
    )


def redwood_medical_group_docx() -> LabelledLetter:
    bsc_phone = f"{BLUE_SHIELD.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Blue Shield of California",
        plan_type="HMO",
        route=Route.DMHC,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="XEJ801774215",
        reference_number="RCMG-UM-26-01884",
        letter_date=date(2026, 6, 16),
        service="Outpatient cardiac rehabilitation, 36 sessions",
        codes=("CPT 93798",),
        criteria=("MCG Care Guidelines, Cardiac Rehabilitation (A-0296)",),
        appeal_phone=BLUE_SHIELD.phone,
        printed=(
            ("route", "responsible for regulating health care service plans"),
            ("category", "not medically necessary"),
            ("letter_date", "June 16, 2026"),
        ),
    )
    letter = Letter(
        organisation="Redwood Coast Medical Group",
        letterhead=(
            "Utilization Management, 1200 Harbor Road, Eureka, CA 95501",
            f"Phone {REDWOOD.phone}",
        ),
        date_line="June 16, 2026",
        recipient=("Tomás Herrera", "75 Fern Hollow Road", "Arcata, CA 95521"),
        member_block=(
            ("Member", "Tomás Herrera"),
            ("Health plan", "Blue Shield of California, Trio HMO"),
            ("Member ID", "XEJ801774215"),
            ("Authorization number", "RCMG-UM-26-01884"),
            ("Service requested", "Outpatient cardiac rehabilitation, 36 sessions"),
        ),
        title="Notice of Denial",
        paragraphs=(
            "Dear Tomás Herrera:",
            "Redwood Coast Medical Group reviews requests for services for Blue Shield of "
            "California members who chose our doctors. We received a request from Lila "
            "Brandt, MD, for 36 sessions of outpatient cardiac rehabilitation (CPT 93798).",
            "## Our decision",
            "We denied this request because it is not medically necessary: you completed 36 "
            "sessions of cardiac rehabilitation in 2025 after the same heart attack, and the "
            "MCG Care Guidelines, Cardiac Rehabilitation (A-0296) do not support a second full "
            "program without a new cardiac event.",
            "## If you disagree",
            "You may file a grievance with Blue Shield of California within 180 days. Call "
            f"Blue Shield Customer Service at {bsc_phone}, or write to Blue Shield of "
            "California, Attn: Appeals and Grievances, P.O. Box 60421, El Dorado Hills, CA "
            "95762-0421.",
        ),
        closing=("Sincerely,", "", "Anne Kowalczyk, MD", "Medical Director"),
        statement=dmhc_statement(bsc_phone),
    )
    return labelled(
        "redwood_medical_group_docx",
        "A medical group's Word letter for a Blue Shield HMO member: cardiac rehab denied",
        expected,
        plan=REDWOOD,
        patient=TOMAS,
        subject="Denial letter - authorization RCMG-UM-26-01884",
        email_paragraphs=(
            "Hello Mr. Herrera,",
            "As we discussed on the phone, your letter is attached. Please call us if you have "
            "questions.",
            "Maribel Ortiz",
            "UM Coordinator, Redwood Coast Medical Group",
        ),
        letter=letter,
        pdf_filename="Herrera_Tomas_Denial_Letter.docx",
        printed_on=date(2026, 6, 16),
    )


def health_net_partial_approval() -> LabelledLetter:
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Health Net",
        plan_type="HMO",
        route=Route.DMHC,
        category=Category.MEDICAL_NECESSITY,
        urgent=False,
        member_id="R51730962",
        reference_number="HN-26-0825-MD2210",
        letter_date=date(2026, 8, 25),
        service="Outpatient physical therapy, 12 visits",
        codes=("CPT 97110",),
        criteria=("MCG Care Guidelines, Physical Therapy, Knee (A-0271)",),
        appeal_phone=HEALTH_NET.phone,
        printed=(
            ("route", "responsible for regulating health care service plans"),
            ("category", "does not meet MCG criteria"),
            ("letter_date", "August 25, 2026"),
        ),
    )
    letter = Letter(
        organisation="Health Net",
        letterhead=(
            "Health Net of California, Inc.",
            "Medical Management, P.O. Box 9103, Van Nuys, CA 91409-9103",
            f"Member Services {phone}",
        ),
        date_line="August 25, 2026",
        recipient=("Ruth Goldberg", "412 Juniper Street", "Glendale, CA 91205"),
        member_block=(
            ("Member", "Ruth Goldberg"),
            ("Member ID", "R51730962"),
            ("Plan", "Health Net CommunityCare HMO"),
            ("Authorization number", "HN-26-0825-MD2210"),
            ("Service requested", "Outpatient physical therapy, 12 visits"),
        ),
        title="Notice of Modification",
        paragraphs=(
            "Dear Ruth Goldberg:",
            "We received a request from Summit Orthopedic Therapy for 12 visits of outpatient "
            "physical therapy (CPT 97110) after your knee replacement.",
            "## Our decision",
            "We approved 6 visits and denied the other 6 visits. The additional visits are "
            "denied because the request does not meet MCG criteria: MCG Care Guidelines, "
            "Physical Therapy, Knee (A-0271) support 6 visits at a time, with more visits when "
            "the therapist documents progress toward your goals.",
            "## If you disagree",
            "You may file a grievance within 180 days of the date of this letter by calling "
            f"Member Services at {phone}. We will respond within 30 days.",
        ),
        closing=("Sincerely,", "", "Medical Management", "Health Net of California, Inc."),
        statement=dmhc_statement(phone),
        running_header="Ruth Goldberg - R51730962 - HN-26-0825-MD2210",
        footer_code="HN-CA-UM-MOD 2026",
    )
    return labelled(
        "health_net_partial_approval",
        "Health Net HMO modification: 6 of 12 physical therapy visits approved",
        expected,
        plan=HEALTH_NET,
        patient=RUTH,
        subject="Important information about your authorization request",
        email_paragraphs=(
            "Dear Ruth Goldberg,",
            "We have made a decision about a request for services. Your letter is attached.",
        ),
        letter=letter,
        pdf_filename="HealthNet_Authorization_HN-26-0825-MD2210.pdf",
        printed_on=date(2026, 8, 25),
    )


def molina_urgent_es() -> LabelledLetter:
    phone = f"{MOLINA.phone} (TTY 711)"
    expected = Expected(
        kind=DocumentKind.DENIAL,
        insurer="Molina Healthcare",
        plan_type="Medi-Cal",
        route=Route.MEDI_CAL,
        category=Category.MEDICAL_NECESSITY,
        urgent=True,
        member_id="91847203A",
        reference_number="MHC-MC-2026-0915-3390",
        letter_date=date(2026, 9, 15),
        service="Concentrador de oxígeno para uso en el hogar",
        appeal_phone=MOLINA.phone,
        printed=(
            ("route", "Aviso de Acción"),
            ("category", "no es médicamente necesario"),
            ("urgent", "Acelerada (urgente)"),
            ("letter_date", "15 de septiembre de 2026"),
        ),
    )
    letter = Letter(
        organisation="Molina Healthcare",
        letterhead=(
            "Molina Healthcare of California - Plan de Medi-Cal",
            f"Servicios para Miembros {phone}",
        ),
        date_line="15 de septiembre de 2026",
        recipient=("Carmen Delgado", "640 Avenida Las Flores", "Chula Vista, CA 91910"),
        member_block=(
            ("Miembro", "Carmen Delgado"),
            ("ID de miembro (CIN)", "91847203A"),
            ("Número de referencia", "MHC-MC-2026-0915-3390"),
            ("Servicio solicitado", "Concentrador de oxígeno para uso en el hogar"),
            ("Tipo de revisión", "Acelerada (urgente)"),
        ),
        title="Aviso de Acción",
        paragraphs=(
            "Estimada Carmen Delgado:",
            "Su médico nos pidió una decisión rápida porque esperar podría poner en peligro su "
            "salud. Revisamos la solicitud en menos de 72 horas.",
            "Molina Healthcare negó la solicitud de un concentrador de oxígeno porque no es "
            "médicamente necesario: la prueba de oxígeno en reposo y al caminar muestra una "
            "saturación de 93 por ciento, por encima del nivel que piden las pautas de Medi-Cal.",
            "Puede pedir una apelación rápida ahora mismo. Llame a Servicios para Miembros al "
            f"{phone}. Decidiremos dentro de 72 horas. También puede pedir una Audiencia Estatal "
            "o, después de la apelación, una Revisión Médica Independiente (IMR).",
        ),
        closing=("Atentamente,", "", "Molina Healthcare of California"),
    )
    return labelled(
        "molina_urgent_es",
        "Molina Medi-Cal expedited 'Aviso de Acción' in Spanish: home oxygen denied",
        expected,
        plan=MOLINA,
        patient=CARMEN,
        subject="Aviso urgente de Molina Healthcare",
        email_paragraphs=("Tiene un aviso nuevo.",),
        letter=letter,
        printed_on=date(2026, 9, 15),
        language="es",
    )


DENIAL_LETTERS = (
    workers_comp_review,
    sutter_cosmetic_exclusion,
    cigna_prior_authorization,
    health_net_quantity_limit_es,
    la_care_experimental_es,
    anthem_ambulance,
    cigna_no_regulator,
    alignment_part_d,
    uhc_self_funded_exclusion,
    redwood_medical_group_docx,
    health_net_partial_approval,
    molina_urgent_es,
)
