"""Catalogue denials from Medi-Cal managed care plans: a Notice of Action in English (L.A. Care)
and an "Aviso de Acción" in Spanish (IEHP), which offer both an IMR and a State Hearing."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, DocumentKind, Route

from ..dates import _printed
from ..model import Facts, Letter, SampleLetter
from ..people import DARNELL, IEHP, JOSE, LA_CARE
from ..statements import dmhc_statement, dmhc_statement_es


def _la_care_medi_cal_noa() -> SampleLetter:
    facts = Facts(
        insurer="L.A. Care Health Plan",
        member_id="94071268C",
        reference_number="2026-PA-0183342",
        letter_date=date(2026, 4, 28),
        letter_date_text="April 28, 2026",
        service="Power wheelchair (Group 3)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.MEDI_CAL,
        route_quote="Notice of Action",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied this request because the records from your doctor do not show that you "
            "are unable to safely use a manual wheelchair or a power scooter inside your home, "
            "so a power wheelchair is not medically necessary for you at this time."
        ),
    )
    phone = f"{LA_CARE.phone} (TTY 711)"
    letter = Letter(
        organisation="L.A. Care Health Plan",
        letterhead=(
            "Medi-Cal Plan",
            "Utilization Management, P.O. Box 811580, Los Angeles, CA 90081-1580",
            f"Member Services {phone}, 24 hours a day, 7 days a week",
        ),
        date_line=facts.letter_date_text,
        recipient=("Darnell Hayes", "5530 S. Wilton Place, Apt 12", "Los Angeles, CA 90062"),
        member_block=(
            ("Member name", "Darnell Hayes"),
            ("Member ID (CIN)", facts.member_id),
            ("Reference number", facts.reference_number),
            ("Provider", "Monique Carter, MD"),
            ("Service requested", facts.service),
        ),
        title="NOTICE OF ACTION",
        paragraphs=(
            "## Notice of Adverse Benefit Determination - About Your Treatment Request",
            "Dear Darnell Hayes:",
            "L.A. Care Health Plan (L.A. Care) got a request from Monique Carter, MD, on April "
            "21, 2026 for a power wheelchair (Group 3) with power tilt. L.A. Care has denied "
            "this request.",
            "## Why we made this decision",
            facts.reason,
            "This decision was based on Title 22, California Code of Regulations, Section 51303 "
            "(medical necessity) and the Medi-Cal Provider Manual section on Durable Medical "
            "Equipment: Wheelchairs. A doctor reviewed your request. You may ask for a free copy "
            "of the guidelines we used, and of all documents about this decision, by calling "
            "L.A. Care. Your doctor can also send us a home assessment from a physical or "
            "occupational therapist and ask us to review the request again.",
            "## If you disagree",
            "You can ask L.A. Care for an appeal. You must ask for an appeal within 60 days of "
            "the date of this Notice of Action. Call Member Services at "
            f"{phone}, or write to L.A. Care Health Plan, Appeals and Grievances, P.O. Box "
            "811610, Los Angeles, CA 90081-1610. L.A. Care will send you a Notice of Appeal "
            "Resolution within 30 days.",
            "If your health is in serious danger, you can ask for a fast (expedited) appeal. We "
            "will decide within 72 hours.",
            "\f",
            "## YOUR RIGHTS under Medi-Cal Managed Care",
            "Please read this page carefully and keep it with this Notice of Action.",
            "## Independent Medical Review (IMR)",
            "If L.A. Care does not change its decision after your appeal, or does not answer "
            "within 30 days, you can ask the California Department of Managed Health Care for "
            "an Independent Medical Review (IMR). An IMR is a review of your case by doctors "
            "who are not part of L.A. Care. It is free. You must ask for an IMR within 6 months "
            "of the date of the Notice of Appeal Resolution.",
            "## State Hearing",
            "You can also ask for a State Hearing from the California Department of Social "
            "Services. You must ask within 120 days of the date of the Notice of Appeal "
            "Resolution. Call 1-800-952-5253 (TTY 1-800-952-8349), or write to the California "
            "Department of Social Services, State Hearings Division, P.O. Box 944243, Mail "
            "Station 9-17-433, Sacramento, CA 94244-2430. If you have a State Hearing first, you "
            "cannot have an IMR.",
            "## Help with your appeal",
            "You can get free help from the Health Consumer Alliance at 1-888-804-3536, or from "
            "the Medi-Cal Managed Care Office of the Ombudsman at 1-888-452-8609.",
        ),
        closing=("Sincerely,", "", "Utilization Management Department", "L.A. Care Health Plan"),
        statement=dmhc_statement(phone),
        running_header=f"Darnell Hayes - CIN {facts.member_id} - {facts.reference_number}",
        footer_code="LAC NOA-DENY (2026)",
    )
    return SampleLetter(
        key="la_care_medi_cal_noa",
        description="L.A. Care Medi-Cal Notice of Action: power wheelchair denied",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=LA_CARE,
        sender=LA_CARE.sender,
        patient=DARNELL,
        subject="You have a new letter from L.A. Care",
        email_paragraphs=(
            "Dear Member,",
            "A letter about a request for services is attached. Please read it; it may have a "
            "deadline.",
            f"Questions? Call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"NOA_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 3, 55),
    )


def _iehp_spanish_noa() -> SampleLetter:
    facts = Facts(
        insurer="Inland Empire Health Plan",
        member_id="93028415G",
        reference_number="IEHP-2026-0417-20931",
        letter_date=date(2026, 4, 17),
        letter_date_text="17 de abril de 2026",
        service="Resonancia magnética (MRI) de la rodilla derecha",
        category=Category.MEDICAL_NECESSITY,
        category_quote="no es médicamente necesaria",
        route=Route.MEDI_CAL,
        route_quote="Aviso de Acción",
        urgent=False,
        urgent_quote=None,
        reason=(
            "IEHP negó esta solicitud porque no es médicamente necesaria: los registros de su "
            "médico no muestran que usted haya completado seis semanas de terapia física antes "
            "de la resonancia magnética."
        ),
    )
    phone = f"{IEHP.phone} (TTY 711)"
    letter = Letter(
        organisation="Inland Empire Health Plan",
        letterhead=(
            "IEHP - Plan de Medi-Cal",
            "Administración de la Utilización, P.O. Box 4319, Rancho Cucamonga, CA 91729-4319",
            f"Servicios para Miembros {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("José Luis Ortega", "14872 Mesa Verde Street", "Fontana, CA 92336"),
        member_block=(
            ("Nombre del miembro", "José Luis Ortega"),
            ("ID de miembro (CIN)", facts.member_id),
            ("Número de referencia", facts.reference_number),
            ("Proveedor", "Dra. Elena Quintero"),
            ("Servicio solicitado", facts.service),
        ),
        title="AVISO DE ACCIÓN",
        paragraphs=(
            "## Aviso de Determinación Adversa de Beneficios - Sobre su solicitud de tratamiento",
            "Estimado(a) José Luis Ortega:",
            "Inland Empire Health Plan (IEHP) recibió una solicitud de la Dra. Elena Quintero "
            "el 10 de abril de 2026 para una resonancia magnética (MRI) de la rodilla derecha. "
            "IEHP negó esta solicitud.",
            "## Por qué tomamos esta decisión",
            facts.reason,
            "Esta decisión se basó en el Título 22 del Código de Reglamentos de California, "
            "Sección 51303 (necesidad médica), y en las pautas clínicas de MCG para la "
            "resonancia magnética de la rodilla. Un médico revisó su solicitud. Usted puede "
            "pedir una copia gratuita de las pautas y de todos los documentos relacionados con "
            "esta decisión.",
            "## Si no está de acuerdo",
            "Usted puede pedirle a IEHP una apelación. Debe pedir la apelación dentro de los 60 "
            "días a partir de la fecha de este Aviso de Acción. Llame a Servicios para Miembros "
            f"al {phone} o escriba a IEHP, Apelaciones y Quejas, P.O. Box 4349, Rancho "
            "Cucamonga, CA 91729-4349. IEHP le enviará un Aviso de Resolución de Apelación "
            "dentro de 30 días.",
            "Si su salud corre grave peligro, puede pedir una apelación rápida (acelerada). "
            "Decidiremos dentro de 72 horas.",
            "\f",
            "## SUS DERECHOS bajo la atención administrada de Medi-Cal",
            "## Revisión Médica Independiente (IMR)",
            "Si IEHP no cambia su decisión después de su apelación, o no le responde dentro de "
            "30 días, puede pedir una Revisión Médica Independiente (IMR) al Departamento de "
            "Atención Médica Administrada de California. La IMR es gratuita. Debe pedirla "
            "dentro de los 6 meses a partir de la fecha del Aviso de Resolución de Apelación.",
            "## Audiencia Estatal",
            "También puede pedir una Audiencia Estatal al Departamento de Servicios Sociales de "
            "California dentro de los 120 días a partir de la fecha del Aviso de Resolución de "
            "Apelación. Llame al 1-800-952-5253 (TTY 1-800-952-8349). Si tiene primero una "
            "Audiencia Estatal, no podrá tener una IMR.",
            "Puede obtener ayuda gratuita de Health Consumer Alliance al 1-888-804-3536.",
        ),
        closing=(
            "Atentamente,",
            "",
            "Administración de la Utilización",
            "Inland Empire Health Plan",
        ),
        statement=dmhc_statement_es(phone),
        running_header=f"José Luis Ortega - CIN {facts.member_id} - {facts.reference_number}",
        footer_code="IEHP NOA-SP (2026)",
    )
    return SampleLetter(
        key="iehp_spanish_noa",
        description="IEHP Medi-Cal 'Aviso de Acción' in Spanish: knee MRI denied",
        kind=DocumentKind.DENIAL,
        language="es",
        plan=IEHP,
        sender=IEHP.sender,
        patient=JOSE,
        subject="Aviso importante sobre su solicitud de servicios",
        email_paragraphs=(
            "Estimado(a) José Luis Ortega:",
            "Le enviamos una carta sobre una solicitud de servicios. La carta está adjunta a "
            "este correo. Por favor, léala con atención: tiene fechas límite importantes.",
            f"Si tiene preguntas, llame a Servicios para Miembros al {phone}.",
        ),
        letter=letter,
        pdf_filename=f"IEHP_Aviso_de_Accion_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 5, 45),
    )
