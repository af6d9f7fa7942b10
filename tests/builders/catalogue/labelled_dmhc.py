"""Labelled letters from the Department of Managed Health Care: acknowledgements of an IMR
application (English, and Spanish by email), IMR decisions that overturn and uphold a plan's
denial, a request for a missing form and a notice that a case became a standard complaint.

The DMHC's name, address and phone numbers are the real ones (the product reads them); every
case number, person and date is invented."""

from __future__ import annotations

from datetime import date

from denialwatch.domain.model import Category, Decision, DocumentKind, Route

from ..labels import Expected, LabelledLetter
from ..model import Letter
from ..people import ELEANOR, GREGORY, TERESA
from .labelled_common import CHLOE, DMHC, GUADALUPE, labelled

_LETTERHEAD = (
    "Help Center",
    "980 Ninth Street, Suite 500, Sacramento, CA 95814-2725",
    "1-888-466-2219   TDD 1-877-688-9891   www.HealthHelp.ca.gov",
)
_DMHC = "Department of Managed Health Care"
_SIGNATURE = ("Sincerely,", "", "Independent Medical Review Unit", "Help Center")


def dmhc_application_received() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DMHC_ACKNOWLEDGEMENT,
        insurer="Kaiser Permanente",
        route=Route.DMHC,
        letter_date=date(2026, 4, 24),
        service="Lumbar spinal fusion surgery (L4-L5)",
        dmhc_case_number="IMR-2026-004471",
        printed=(("route", _DMHC), ("letter_date", "April 24, 2026")),
    )
    letter = Letter(
        organisation="Department of Managed Health Care",
        letterhead=_LETTERHEAD,
        date_line="April 24, 2026",
        recipient=("Teresa Almonte", "2417 Alder Creek Road", "Riverside, CA 92503"),
        member_block=(
            ("Case number", "IMR-2026-004471"),
            ("Health plan", "Kaiser Permanente"),
            ("Treatment", "Lumbar spinal fusion surgery (L4-L5)"),
        ),
        title="We Received Your Application for Independent Medical Review",
        paragraphs=(
            "Dear Teresa Almonte:",
            "The Department of Managed Health Care (DMHC) received your Independent Medical "
            "Review (IMR) application on April 22, 2026. Please use the case number above "
            "whenever you contact us.",
            "We are reviewing your application to see whether it qualifies for an IMR. We "
            "have asked your health plan to send us your medical records and the documents "
            "it used to make its decision. We will write to you again when your case is "
            "assigned to an independent reviewer.",
            "You can check the status of your case online at www.HealthHelp.ca.gov or by "
            "calling the Help Center at 1-888-466-2219.",
        ),
        closing=_SIGNATURE,
    )
    return labelled(
        "dmhc_application_received",
        "DMHC acknowledges an IMR application against Kaiser (case number)",
        expected,
        plan=DMHC,
        patient=TERESA,
        subject="DMHC Case IMR-2026-004471: application received",
        email_paragraphs=(
            "Dear Teresa Almonte,",
            "Please see the attached letter about your case.",
        ),
        letter=letter,
        pdf_filename="DMHC_Acknowledgment_IMR-2026-004471.pdf",
        printed_on=date(2026, 4, 24),
    )


def dmhc_application_received_es() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DMHC_ACKNOWLEDGEMENT,
        insurer="Health Net",
        route=Route.DMHC,
        dmhc_case_number="IMR-2026-007930",
        printed=(("route", "Departamento de Atención Médica Administrada"),),
    )
    return labelled(
        "dmhc_application_received_es",
        "DMHC acknowledges an IMR application by email, in Spanish",
        expected,
        plan=DMHC,
        patient=GUADALUPE,
        subject="Caso IMR-2026-007930: recibimos su solicitud",
        email_paragraphs=(
            "Estimada Guadalupe Reyes:",
            "El Departamento de Atención Médica Administrada (DMHC) recibió su solicitud de "
            "Revisión Médica Independiente (IMR) sobre Health Net. Su número de caso es "
            "IMR-2026-007930. Use este número cada vez que se comunique con nosotros.",
            "Le pedimos a su plan de salud que nos envíe sus registros médicos. Le "
            "escribiremos de nuevo cuando un revisor independiente reciba su caso.",
            "Puede consultar el estado de su caso en www.HealthHelp.ca.gov o llamar al Centro "
            "de Ayuda al 1-888-466-2219.",
        ),
        language="es",
    )


def dmhc_decision_overturned() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DMHC_DECISION,
        insurer="Kaiser Permanente",
        route=Route.DMHC,
        category=Category.MEDICAL_NECESSITY,
        letter_date=date(2026, 5, 26),
        service="Lumbar spinal fusion surgery (L4-L5)",
        decision=Decision.OVERTURNED,
        dmhc_case_number="IMR-2026-004471",
        printed=(
            ("route", _DMHC),
            ("category", "Medical Necessity"),
            ("decision", "overturned"),
            ("letter_date", "May 26, 2026"),
        ),
    )
    letter = Letter(
        organisation="Department of Managed Health Care",
        letterhead=_LETTERHEAD,
        date_line="May 26, 2026",
        recipient=("Teresa Almonte", "2417 Alder Creek Road", "Riverside, CA 92503"),
        member_block=(
            ("Case number", "IMR-2026-004471"),
            ("Health plan", "Kaiser Permanente"),
            ("Type of review", "Medical Necessity"),
            ("Treatment", "Lumbar spinal fusion surgery (L4-L5)"),
        ),
        title="Independent Medical Review Determination",
        paragraphs=(
            "Dear Teresa Almonte:",
            "An independent physician reviewer, board certified in orthopedic surgery, "
            "reviewed your case. The reviewer found that the requested lumbar spinal fusion "
            "surgery is medically necessary for the treatment of your condition.",
            "The Department of Managed Health Care adopts the reviewer's determination. Kaiser "
            "Permanente's denial is overturned. Your health plan must authorize the service "
            "within 5 working days of receiving this letter.",
            "The reviewer's full report is enclosed. If your health plan does not follow this "
            "decision, please call the Help Center at 1-888-466-2219.",
        ),
        closing=_SIGNATURE,
    )
    return labelled(
        "dmhc_decision_overturned",
        "DMHC IMR determination overturning Kaiser's spinal fusion denial",
        expected,
        plan=DMHC,
        patient=TERESA,
        subject="DMHC Case IMR-2026-004471: decision",
        email_paragraphs=(
            "Dear Teresa Almonte,",
            "A decision has been made in your case. Please see the attached letter.",
        ),
        letter=letter,
        pdf_filename="DMHC_IMR_Determination_IMR-2026-004471.pdf",
        printed_on=date(2026, 5, 26),
    )


def dmhc_decision_upheld() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DMHC_DECISION,
        insurer="Blue Shield of California",
        route=Route.DMHC,
        category=Category.EXPERIMENTAL,
        letter_date=date(2026, 6, 19),
        service="Proton beam radiation therapy for prostate cancer",
        decision=Decision.UPHELD,
        dmhc_case_number="IMR-2026-005218",
        printed=(
            ("route", _DMHC),
            ("category", "Experimental/Investigational"),
            ("decision", "upheld"),
            ("letter_date", "June 19, 2026"),
        ),
    )
    letter = Letter(
        organisation="Department of Managed Health Care",
        letterhead=_LETTERHEAD,
        date_line="June 19, 2026",
        recipient=("Gregory Tanaka", "1450 Pinecrest Way", "Sacramento, CA 95822"),
        member_block=(
            ("Case number", "IMR-2026-005218"),
            ("Health plan", "Blue Shield of California"),
            ("Type of review", "Experimental/Investigational"),
            ("Treatment", "Proton beam radiation therapy for prostate cancer"),
        ),
        title="Independent Medical Review Determination",
        paragraphs=(
            "Dear Gregory Tanaka:",
            "An independent physician reviewer, board certified in radiation oncology, "
            "reviewed your case. The reviewer found that the medical evidence does not show "
            "that proton beam therapy is likely to be more beneficial for you than intensity-"
            "modulated radiation therapy.",
            "The Department of Managed Health Care adopts the reviewer's determination. Blue "
            "Shield of California's denial is upheld.",
            "This decision does not stop you from asking your health plan to cover other "
            "treatment. If you have questions, call the Help Center at 1-888-466-2219.",
        ),
        closing=_SIGNATURE,
    )
    return labelled(
        "dmhc_decision_upheld",
        "DMHC IMR determination upholding Blue Shield's proton therapy denial",
        expected,
        plan=DMHC,
        patient=GREGORY,
        subject="DMHC Case IMR-2026-005218: decision",
        email_paragraphs=("Please see the attached letter.",),
        letter=letter,
        printed_on=date(2026, 6, 19),
    )


def dmhc_missing_form() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DMHC_CORRESPONDENCE,
        insurer="Health Net",
        route=Route.DMHC,
        letter_date=date(2026, 5, 29),
        dmhc_case_number="IMR-2026-006102",
        printed=(("route", _DMHC), ("letter_date", "May 29, 2026")),
    )
    letter = Letter(
        organisation="Department of Managed Health Care",
        letterhead=_LETTERHEAD,
        date_line="May 29, 2026",
        recipient=(),
        member_block=(("Case number", "IMR-2026-006102"), ("Health plan", "Health Net")),
        title="We Need More Information",
        paragraphs=(
            "Dear Eleanor Voss:",
            "Thank you for your Independent Medical Review application. Your daughter, "
            "Margaret Voss, is helping you with your case. Before we can speak with her about "
            "it, we need an Authorized Assistant Form signed by you.",
            "Please sign the enclosed form and send it to us within 10 days by mail, by fax to "
            "916-255-5241, or online at www.HealthHelp.ca.gov. We will keep working on your "
            "case while we wait for the form.",
        ),
        closing=_SIGNATURE,
    )
    return labelled(
        "dmhc_missing_form",
        "DMHC asks for a signed Authorized Assistant Form (HTML email)",
        expected,
        plan=DMHC,
        patient=ELEANOR,
        subject="DMHC Case IMR-2026-006102: information needed",
        email_paragraphs=("Dear Eleanor Voss,", "Please read the letter below."),
        letter=letter,
        printed_on=date(2026, 5, 29),
    )


def dmhc_standard_complaint() -> LabelledLetter:
    expected = Expected(
        kind=DocumentKind.DMHC_CORRESPONDENCE,
        insurer="Sutter Health Plus",
        route=Route.DMHC,
        category=Category.NOT_COVERED,
        letter_date=date(2026, 4, 20),
        service="Upper eyelid surgery (blepharoplasty), both eyes",
        dmhc_case_number="CMP-2026-010337",
        printed=(
            ("route", _DMHC),
            ("category", "coverage dispute"),
            ("letter_date", "April 20, 2026"),
        ),
    )
    letter = Letter(
        organisation="Department of Managed Health Care",
        letterhead=_LETTERHEAD,
        date_line="April 20, 2026",
        recipient=("Chloe Whitfield", "88 Mariposa Court", "Roseville, CA 95678"),
        member_block=(
            ("Case number", "CMP-2026-010337"),
            ("Health plan", "Sutter Health Plus"),
            ("Service", "Upper eyelid surgery (blepharoplasty), both eyes"),
        ),
        title="Your Case Will Be Reviewed as a Standard Complaint",
        paragraphs=(
            "Dear Chloe Whitfield:",
            "We reviewed your Independent Medical Review application. Your health plan denied "
            "the service as an excluded benefit, which is a coverage dispute, not a question "
            "of medical necessity. The Department of Managed Health Care will therefore review "
            "your case as a standard complaint.",
            "We have asked Sutter Health Plus to respond. We usually decide a standard "
            "complaint within 30 days. If we find that the service is a covered benefit, we "
            "may send your case for an Independent Medical Review.",
        ),
        closing=("Sincerely,", "", "Consumer Services Division", "Help Center"),
    )
    return labelled(
        "dmhc_standard_complaint",
        "DMHC turns an IMR application about an exclusion into a standard complaint",
        expected,
        plan=DMHC,
        patient=CHLOE,
        subject="DMHC Case CMP-2026-010337",
        email_paragraphs=("Please see the attached letter about your case.",),
        letter=letter,
        pdf_filename="DMHC_Letter_CMP-2026-010337.pdf",
        printed_on=date(2026, 4, 20),
    )


DMHC_LETTERS = (
    dmhc_application_received,
    dmhc_application_received_es,
    dmhc_decision_overturned,
    dmhc_decision_upheld,
    dmhc_missing_form,
    dmhc_standard_complaint,
)
