"""Realistic letters for the reader's unit tests, written for this project (no real patient).

Each is the text a PDF reader or a mail client would give: line breaks where the letter has
them, the plan's own boilerplate (the DMHC statement of HSC 1368.02(b), appeal rights), and
the traps real letters hold (a date of service beside the letter's date, "72 hours" in the
rights paragraph, ERISA wording on an insured plan's letter).
"""

from __future__ import annotations

from denialwatch.domain.model import SourceText

DMHC_STATEMENT = """\
The California Department of Managed Health Care is responsible for regulating health care
service plans. If you have a grievance against your health plan, you should first telephone
your health plan at 1-800-464-4000 and use your health plan's grievance process before
contacting the department. Utilizing this grievance procedure does not prohibit any potential
legal rights or remedies that may be available to you. If you need help with a grievance
involving an emergency, a grievance that has not been satisfactorily resolved by your health
plan, or a grievance that has remained unresolved for more than 30 days, you may call the
department for assistance. You may also be eligible for an Independent Medical Review (IMR).
If you are eligible for IMR, the IMR process will provide an impartial review of medical
decisions made by a health plan related to the medical necessity of a proposed service or
treatment, coverage decisions for treatments that are experimental or investigational in
nature and payment disputes for emergency or urgent medical services. The department also has
a toll-free telephone number (1-888-466-2219) and a TDD line (1-877-688-9891) for the hearing
and speech impaired. The department's Internet Web site www.dmhc.ca.gov has complaint forms,
IMR application forms and instructions online.
"""

KAISER_MEDICAL_NECESSITY = (
    """\
Kaiser Permanente
Southern California Permanente Medical Group
393 East Walnut Street
Pasadena, CA 91188

January 12, 2026

Jane Q. Patient
123 Main Street
Los Angeles, CA 90012

Medical Record Number: 11223344
Referral/Authorization Number: 2026-0114-7789
Service requested: MRI lumbar spine without contrast (CPT 72148)
Date of service requested: 12/30/2025

Dear Jane Q. Patient:

We have denied your request for an MRI of the lumbar spine. Your request was reviewed by
Dr. Alan Reyes, a physician board-certified in physical medicine and rehabilitation.

Reason for denial: The requested service is not medically necessary. The information from
your physician does not meet InterQual criteria for advanced imaging of the lumbar spine,
because there is no documentation of six weeks of conservative therapy or of red-flag
symptoms.

If you disagree with this decision, you may file a grievance with Kaiser Permanente within
180 days. If your case is urgent, you may ask for an expedited review and we will decide
within 72 hours.

"""
    + DMHC_STATEMENT
)

BLUE_SHIELD_EXPERIMENTAL = """\
Blue Shield of California
P.O. Box 272540
Chico, CA 95927-2540

Date: February 3, 2026
Member ID: XEB901234567
Reference #: BSC-PA-55120987
Requested service: Proton beam radiation therapy (CPT 77525)

Dear Member,

Blue Shield of California has reviewed the request from your provider for proton beam
radiation therapy for prostate cancer. Your request for proton beam radiation therapy has
been denied.

Rationale: Proton beam therapy for localized prostate cancer is considered investigational.
There is insufficient peer-reviewed evidence that it improves outcomes compared with
intensity-modulated radiation therapy (IMRT), which is a covered alternative.

You may apply for an Independent Medical Review without first filing a grievance, because
this denial is based on the experimental or investigational nature of the treatment.

""" + DMHC_STATEMENT.replace("(1-888-466-2219)", "(1-888-HMO-2219)").replace(
    "www.dmhc.ca.gov", "http://www.hmohelp.ca.gov"
)

ANTHEM_CDI = """\
Anthem Blue Cross Life and Health Insurance Company
P.O. Box 60007
Los Angeles, CA 90060

March 2, 2026

Insured: John Smith
Identification Number: ABC123456789
Claim Number: 2026041500123
Date of service: 02/10/2026
Service: Inpatient rehabilitation, days 8 through 14

Dear John Smith:

We reviewed the claim for inpatient rehabilitation at Casa Colina Hospital. We cannot
approve payment for days 8 through 14 of the stay.

The reason for our decision is that the continued inpatient stay did not meet MCG criteria
for acute inpatient rehabilitation; your care could have been safely provided at a lower
level of care, such as a skilled nursing facility.

Your policy gives you the right to appeal this decision within 180 days. If you believe this
decision is wrong, you may contact the California Department of Insurance, Consumer
Communications Bureau, 300 South Spring Street, Los Angeles, CA 90013, 1-800-927-4357,
www.insurance.ca.gov. You may also have the right to bring a civil action under Section
502(a) of ERISA following an adverse benefit determination on appeal.
"""

LA_CARE_NOTICE_OF_ACTION = (
    """\
L.A. Care Health Plan
1055 W. 7th Street, Los Angeles, CA 90017

NOTICE OF ACTION
Denial

04/06/2026

Member name: Maria Lopez
CIN: 91234567A
Authorization #: LAC-7734112

L.A. Care has reviewed the request for a power wheelchair (HCPCS K0823) from Dr. Kim.
We denied this request.

This request is denied because it does not meet Medi-Cal medical necessity criteria for a
power wheelchair: the medical records do not show that you cannot use a manual wheelchair or
a scooter at home (Title 22, California Code of Regulations, Section 51321).

If you do not agree with this decision, you can file an appeal with L.A. Care within 60
days. You must file an appeal before you can ask for an Independent Medical Review (IMR) or
a State Hearing. If you ask for a State Hearing first, you cannot have an IMR. To ask for a
State Hearing, call 1-800-952-5253.

"""
    + DMHC_STATEMENT
)

MEDICARE_ADVANTAGE = """\
SCAN Health Plan
Notice of Denial of Medical Coverage (or Payment)

Date: May 4, 2026
Member number: 10099887766

Your request was denied
We denied the medical services/items listed below that you or your physician requested.

Item/Service: Outpatient physical therapy, 12 additional visits

Why did we deny your request?
We denied your request because skilled therapy is no longer medically necessary: you have
met the goals of your prior therapy and can continue a home exercise program. We used
Medicare coverage rules (Medicare Benefit Policy Manual, Chapter 15).

You have the right to appeal our decision. Ask for a reconsideration within 65 days. If we
uphold our decision, your case goes to an Independent Review Entity automatically. If your
health could be seriously harmed by waiting, ask for a fast appeal: we will decide within
72 hours. You may also contact the Department of Managed Health Care at 1-888-466-2219.
"""

ERISA_SELF_FUNDED = """\
Acme Corporation Employee Health Plan
Administered by Aetna Life Insurance Company

June 8, 2026

Subscriber ID: W123456789
Claim #: 8F3A22196

Dear Mr. Nguyen,

Your claim for the sleep study (polysomnography, CPT 95810) on 05/14/2026 has been denied.
Aetna reviewed the claim on behalf of your employer's self-funded plan.

Reason for denial: An in-lab sleep study is not medically necessary when a home sleep apnea
test is appropriate. Your records do not show a condition that would prevent a home test.

Your rights: You have 180 days to appeal. You have the right to bring a civil action under
Section 502(a) of the Employee Retirement Income Security Act (ERISA) after the appeal. You
may contact the Employee Benefits Security Administration at 1-866-444-3272.
"""

WORKERS_COMP_UR = """\
Utilization Review Determination

Claims Administrator: State Compensation Insurance Fund
Injured worker: Robert Diaz
Date of injury: 09/15/2025
Claim number: 05544332-001
Date: July 1, 2026

Request for Authorization (RFA) received 06/24/2026 from Dr. Patel.
Requested treatment: Lumbar epidural steroid injection L4-L5
Decision: Non-certified

The requested treatment is not medically necessary. Rationale: the MTUS guidelines support
epidural injections only with documented radiculopathy, and none is documented.

You may dispute this decision by requesting Independent Medical Review using the enclosed
DWC Form IMR within 30 days. Division of Workers' Compensation, Labor Code section 4610.5.
"""

HEALTH_NET_EMERGENCY = (
    """\
Health Net of California, Inc.

Date: 08/03/2026
Member ID: R0012345601
Claim Number: 2026-215-00931

Dear Member,

We reviewed the claim from Mercy Hospital's emergency department for your visit on
July 2, 2026. We will not pay this claim.

Reason for denial: Your visit was not an emergency. The diagnosis on the claim (acute
sinusitis) does not meet the plan's definition of an emergency medical condition, and urgent
care or your primary care physician was available.

"""
    + DMHC_STATEMENT
)

MOLINA_STEP_THERAPY = """\
Molina Healthcare of California
Pharmacy Prior Authorization Decision

Date: September 9, 2026
Member ID #: 10923847561
Request ID: PA-99812345
Medication: Humira (adalimumab) 40 mg/0.4 mL pen

Dear Member,

We received a request from Dr. Chen for Humira. We have denied this request.

Reason(s) for our decision: Humira requires step therapy. Your pharmacy records do not show
that you have tried and failed the preferred alternatives on our formulary, methotrexate and
sulfasalazine, for at least 3 months.

If you or your doctor think this request is urgent, you can ask for an expedited review.
The Department of Managed Health Care (www.dmhc.ca.gov) regulates health care service plans.
"""

IEHP_SPANISH = """\
Inland Empire Health Plan (IEHP)
AVISO DE ACCIÓN

Fecha: 5 de enero de 2026
Número de miembro: 123456789
Número de referencia: IEHP-2026-000451
Servicio solicitado: Cirugía bariátrica (manga gástrica)

Estimado(a) miembro:

IEHP ha revisado la solicitud de su médico. Su solicitud de cirugía bariátrica ha sido
denegada.

Razón de la decisión: El servicio no es médicamente necesario porque los registros no
muestran que usted completó un programa supervisado de pérdida de peso de seis meses.

Si no está de acuerdo, puede presentar una apelación dentro de 60 días. Después puede pedir
una Audiencia Estatal de Medi-Cal o una Revisión Médica Independiente.

El Departamento de Administración del Cuidado de la Salud de California es responsable de
regular los planes de servicios de cuidado de la salud. Llame al 1-888-466-2219.
"""

SHARP_APPROVAL = """\
Sharp Health Plan

Date: October 1, 2026
Member ID: 55500112233
Authorization Number: SHP-445566

Dear Member,

Good news: your request for physical therapy (12 visits) has been approved. The
authorization is valid from October 1, 2026 through December 31, 2026. Please schedule your
visits with Sharp Rehabilitation Services.

If a future request is denied, you can file a grievance with Sharp Health Plan.
"""

PATIENT_APPEAL = """\
October 14, 2026

Blue Shield of California
Appeals and Grievances Department
P.O. Box 5588, El Dorado Hills, CA 95762

Re: Appeal, Member ID XEB901234567, Reference # BSC-PA-55120987

To whom it may concern:

I am writing to appeal your denial of proton beam therapy for my prostate cancer. Your letter
said the treatment is investigational and has been denied. My oncologist, Dr. Okafor,
believes proton therapy is medically necessary for me because of my prior pelvic radiation.

Please reconsider your decision. I have enclosed my oncologist's letter and three published
studies.

Sincerely,
Daniel Brooks
"""

NEWSLETTER = """\
Healthy Living — the Valley Health Plan member newsletter, March 2026

In this issue: what to do if your claim is denied

Every year thousands of Californians have a claim denied. If your health plan says a
treatment is not medically necessary, you can file a grievance, and then ask the Department
of Managed Health Care for an Independent Medical Review. Many denials are overturned because
patients send their doctor's letter.

Unsubscribe | Manage your email preferences | View this email in your browser
"""

EOB_NOTHING_DENIED = """\
Aetna
Explanation of Benefits — THIS IS NOT A BILL

Member: Ana Ruiz    Member ID: W987654321
Claim ID: EA1234567890   Provider: Dr. Lee   Date of service: 04/02/2026

Service          Billed    Plan discount   Amount not covered   Plan paid   Your share
Office visit     $250.00   $100.00         $0.00                $130.00     $20.00

Services that are not covered are shown in the "Amount not covered" column.
"""

LETTERS = {
    "kaiser": KAISER_MEDICAL_NECESSITY,
    "blue_shield": BLUE_SHIELD_EXPERIMENTAL,
    "anthem": ANTHEM_CDI,
    "la_care": LA_CARE_NOTICE_OF_ACTION,
    "medicare": MEDICARE_ADVANTAGE,
    "erisa": ERISA_SELF_FUNDED,
    "workers_comp": WORKERS_COMP_UR,
    "emergency": HEALTH_NET_EMERGENCY,
    "step_therapy": MOLINA_STEP_THERAPY,
    "spanish": IEHP_SPANISH,
}
"""The denials, by a short name for test ids."""

NOT_DENIALS = {
    "approval": SHARP_APPROVAL,
    "appeal": PATIENT_APPEAL,
    "newsletter": NEWSLETTER,
    "eob": EOB_NOTHING_DENIED,
}


def as_pdf(text: str, name: str = "letter.pdf") -> list[SourceText]:
    """The sources of a forward with ``text`` as an attached letter, split into pages at
    form feeds, and a short email body from the patient."""
    email = SourceText("email", ("Hi, my plan sent me this. What can I do?",))
    return [email, SourceText(name, tuple(text.split("\f")))]


def as_email(text: str) -> list[SourceText]:
    """The sources of a message whose body is the letter."""
    return [SourceText("email", (text,))]
