"""Realistic letters for the reader's unit tests, written for this project (no real patient).

Each is the text a PDF reader or a mail client would give: line breaks where the letter has
them, the plan's own boilerplate (the DMHC statement of HSC 1368.02(b), appeal rights), and
the traps real letters hold (a date of service beside the letter's date, "72 hours" in the
rights paragraph, ERISA wording on an insured plan's letter).
"""

from __future__ import annotations

from denialwatch.domain.model import DocumentKind, SourceText

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

KAISER_GRIEVANCE_UPHELD = (
    """\
Kaiser Permanente
Member Services Appeals and Grievances
393 East Walnut Street
Pasadena, CA 91188

February 20, 2026

Jane Q. Patient
123 Main Street
Los Angeles, CA 90012

Medical Record Number: 11223344
Grievance Number: KP-G-2026-004417

Dear Jane Q. Patient:

We received your appeal on January 26, 2026 about our decision to deny coverage for an MRI
of the lumbar spine (CPT 72148). A physician board-certified in orthopedic surgery, who was
not involved in the first decision, reviewed your appeal and your medical records.

We have upheld our original decision. The requested service is not medically necessary
because your records do not show six weeks of conservative therapy or red-flag symptoms, as
the InterQual criteria for advanced imaging of the lumbar spine require.

You may now ask the Department of Managed Health Care for an Independent Medical Review
(IMR). An IMR application form and an addressed envelope are enclosed. If your case is
urgent, the department can review it within 3 days.

"""
    + DMHC_STATEMENT
)

BLUE_SHIELD_GRIEVANCE_ACK = """\
Blue Shield of California
Appeals and Grievances Department
P.O. Box 5588
El Dorado Hills, CA 95762-0011

October 17, 2026

Daniel Brooks
44 Alder Court
Sacramento, CA 95818

Member ID: XEB901234567
Grievance #: BSC-GA-2026-118834
Re: Proton beam radiation therapy

Dear Daniel Brooks:

We received your grievance on October 15, 2026. This letter confirms that we have received it
and that we are reviewing it. Your grievance is about our decision on proton beam radiation
therapy (reference BSC-PA-55120987), which was denied on February 3, 2026.

We will send you a written decision within 30 calendar days of the date we received your
grievance. If your health is in serious jeopardy, call us to ask for an expedited review and
we will decide within 72 hours.

If you have questions, call Member Services at 1-888-256-1915 (TTY: 711).

The California Department of Managed Health Care is responsible for regulating health care
service plans. If you have a grievance against your health plan, you should first telephone
your health plan at 1-888-256-1915 and use your health plan's grievance process before
contacting the department. The department also has a toll-free telephone number
(1-888-466-2219) and a TDD line (1-877-688-9891) for the hearing and speech impaired.
"""

ANTHEM_APPEAL_APPROVED = """\
Anthem Blue Cross
P.O. Box 4310
Woodland Hills, CA 91365

April 10, 2026

John Smith
9 Olive Lane
Pasadena, CA 91101

Identification Number: ABC123456789
Appeal Number: APL-2026-0330-771
Claim Number: 2026041500123

Dear John Smith:

Thank you for your appeal of our decision about your inpatient rehabilitation stay at Casa
Colina Hospital (days 8 through 14). A physician specialist in physical medicine and
rehabilitation reviewed your appeal and the additional records from your doctor.

We are overturning our decision. Your appeal has been approved, and we will pay the claim for
days 8 through 14 of the stay under your policy's benefits for inpatient rehabilitation. You
do not need to do anything more.

If a claim is denied in the future, you may contact the California Department of Insurance at
1-800-927-4357 or www.insurance.ca.gov.
"""

HEALTH_NET_EOB_DENIED = (
    """\
Health Net of California, Inc.
EXPLANATION OF BENEFITS
THIS IS NOT A BILL

Statement date: 09/02/2026
Member: Maria Gomez          Member ID: R0098765401
Claim number: 2026-231-004412
Provider: Valley Orthopedic Surgery Center

Date        Service                      Billed      Allowed   Plan paid  Code     Your share
08/12/2026  Office visit (99214)         $210.00     $128.00   $108.00             $20.00
08/12/2026  MRI right knee (73721)       $1,850.00   $0.00     $0.00      CO-197   $0.00
08/19/2026  Knee injection (J7325)       $1,240.00   $0.00     $0.00      CO-50    $0.00

Claim adjustment codes
PR-3: Co-payment amount.
CO-197: Precertification/authorization/notification absent. Your provider did not get our
approval before the service. You are not responsible for this amount.
CO-50: These are non-covered services because this is not deemed a 'medical necessity' by
the payer.

You have the right to appeal a denied service within 180 days by calling Member Services at
1-800-522-0088 or writing to Health Net Appeals and Grievances.

"""
    + DMHC_STATEMENT
)

EOB_CONTRACTUAL_ONLY = """\
Health Net of California, Inc.
Explanation of Benefits - This is not a bill

Claim number: 2026-118-007730     Member ID: R0098765401
Date of service: 04/27/2026       Provider: Dr. Ana Ruiz, Family Medicine

Service                 Billed     Allowed    Plan paid   Your share   Codes
Annual physical         $320.00    $185.00    $185.00     $0.00        CO-45
Lab panel (80053)       $96.00     $22.00     $12.00      $10.00       CO-45 PR-3

CO-45: Charge exceeds fee schedule/maximum allowable. PR-3: Co-payment amount.
"""

DMHC_IMR_ACK = """\
STATE OF CALIFORNIA
DEPARTMENT OF MANAGED HEALTH CARE
HELP CENTER
980 Ninth Street, Suite 500
Sacramento, CA 95814-2725
1-888-466-2219 | TDD 1-877-688-9891 | www.HealthHelp.ca.gov

March 3, 2026

Jane Q. Patient
123 Main Street
Los Angeles, CA 90012

IMR Case #: CM26-12345
Health Plan: Kaiser Permanente
Plan Member ID: 11223344

Dear Jane Q. Patient:

The Department of Managed Health Care (DMHC) received your Independent Medical Review (IMR)
application on February 27, 2026. Your case has been assigned to a case manager, who will
decide whether your application qualifies for an IMR.

We have asked Kaiser Permanente to send us your medical records and the documents it used to
make its decision to deny the MRI. If your case qualifies, an independent medical review
organization will review it, and you will receive the decision in writing.

Please include your IMR case number on any correspondence. If you have questions, call the
Help Center at 1-888-466-2219.

Sincerely,

Help Center
Department of Managed Health Care
"""

DMHC_IMR_OVERTURNED = """\
DEPARTMENT OF MANAGED HEALTH CARE
Help Center
980 Ninth Street, Suite 500, Sacramento, CA 95814-2725

April 14, 2026

IMR Case Number: CM26-20981
Health Plan: Blue Shield of California
Enrollee: Daniel Brooks

INDEPENDENT MEDICAL REVIEW DETERMINATION

Dear Daniel Brooks:

Your request for proton beam radiation therapy was denied by Blue Shield of California as
investigational. The Department of Managed Health Care (DMHC) sent your case to an
independent medical review organization, where a physician board-certified in radiation
oncology reviewed your records.

The reviewer found that proton beam radiation therapy is likely to be more beneficial for you
than any available standard therapy. The reviewer overturned the health plan's decision. The
Department has adopted the reviewer's determination.

Blue Shield of California must authorize the requested service within five working days of
receiving this decision (Health and Safety Code section 1374.34). If the plan does not comply,
call the Help Center at 1-888-466-2219.

Sincerely,

Help Center
Department of Managed Health Care
"""

DMHC_REQUEST_FOR_INFORMATION = """\
Department of Managed Health Care
Help Center
980 Ninth Street, Suite 500
Sacramento, CA 95814-2725

March 10, 2026

Maria Gomez
1200 Oak Avenue
Fresno, CA 93701

Complaint No.: 2026-004512
Health Plan: Health Net of California

Dear Maria Gomez:

We are reviewing your complaint about Health Net of California. To continue, we need more
information from you. Please send us the following within 14 calendar days of the date of
this letter:

- a copy of the letter in which your health plan denied the knee injection;
- a signed Authorized Assistant Form, so that your daughter may speak with us for you.

You can upload the documents at www.HealthHelp.ca.gov, fax them to 916-255-5241, or mail them
to the address above. Please include your complaint number.

Sincerely,

Help Center
Department of Managed Health Care
"""

KAISER_PORTAL_NOTICE = """\
Kaiser Permanente

You have a new message in your secure inbox

Hello Jane,

A new letter about your coverage is available on kp.org. To read it, sign in to kp.org and
go to the Message Center.

For your privacy, we don't include personal health information in email.

This email was sent to you because you are a Kaiser Permanente member. Please do not reply.
Manage your email preferences | Privacy statement
"""

BLUE_SHIELD_PORTAL_EOB = """\
Blue Shield of California

Your new Explanation of Benefits (EOB) is ready. Log in to blueshieldca.com to view it.

Questions? Call the number on the back of your member ID card.
"""

LA_CARE_APPEAL_RESOLUTION = (
    """\
L.A. Care Health Plan
1055 W. 7th Street, Los Angeles, CA 90017

NOTICE OF APPEAL RESOLUTION

05/20/2026

Member name: Maria Lopez
CIN: 91234567A
Appeal #: LAC-APL-2026-3321

On 04/28/2026, we received your appeal of our decision to deny a power wheelchair (HCPCS
K0823) that Dr. Kim asked for.

A doctor who was not involved in the first decision reviewed your appeal and your records.
We decided to uphold our decision. Your appeal is denied because the records still do not
show that you cannot use a manual wheelchair or a scooter at home, as the Medi-Cal medical
necessity criteria require (Title 22, California Code of Regulations, Section 51321).

You may ask for an Independent Medical Review (IMR) from the Department of Managed Health Care
or for a State Hearing. If you ask for a State Hearing first, you cannot have an IMR. You must
ask for a State Hearing within 120 days of the date of this notice.

"""
    + DMHC_STATEMENT
)

IEHP_SPANISH_ACK = """\
Inland Empire Health Plan (IEHP)
10801 Sixth Street, Rancho Cucamonga, CA 91730

Fecha: 12 de febrero de 2026
Número de miembro: 123456789
Número de queja: IEHP-G-2026-00871

Estimado(a) miembro:

Hemos recibido su apelación el 9 de febrero de 2026. Esta carta confirma que recibimos su
apelación sobre la cirugía bariátrica que su médico pidió.

Le enviaremos una decisión por escrito dentro de 30 días calendario a partir de la fecha en
que recibimos su apelación. Si su caso es urgente, llámenos para pedir una revisión acelerada.

Si tiene preguntas, llame a Servicios para Miembros al 1-800-440-4347 (TTY 711).
El Departamento de Administración del Cuidado de la Salud de California es responsable de
regular los planes de servicios de cuidado de la salud. Llame al 1-888-466-2219.
"""

LA_CARE_SPANISH_RESOLUTION = """\
L.A. Care Health Plan
AVISO DE RESOLUCIÓN DE APELACIÓN

Fecha: 20 de mayo de 2026
Nombre del miembro: María López
CIN: 91234567A
Número de apelación: LAC-APL-2026-3321

Estimada María López:

El 28 de abril de 2026 recibimos su apelación sobre la silla de ruedas eléctrica (HCPCS
K0823). Un médico que no participó en la primera decisión revisó su expediente.

Hemos decidido mantener nuestra decisión. Su apelación fue denegada porque los registros no
muestran que usted no puede usar una silla de ruedas manual en su casa: el servicio no es
médicamente necesario según los criterios de Medi-Cal.

Puede pedir una Revisión Médica Independiente (IMR) al Departamento de Administración del
Cuidado de la Salud o una Audiencia Estatal dentro de 120 días. El Departamento de
Administración del Cuidado de la Salud de California es responsable de regular los planes de
servicios de cuidado de la salud. Llame al 1-888-466-2219.
"""

IEHP_SPANISH_APPROVAL = """\
Inland Empire Health Plan (IEHP)

Fecha: 2 de marzo de 2026
Número de miembro: 123456789
Número de autorización: IEHP-PA-2026-01977

Estimado(a) miembro:

Su solicitud de terapia física (12 visitas) ha sido aprobada. La autorización es válida
hasta el 30 de junio de 2026. Si tiene preguntas, llame a Servicios para Miembros.
"""

BLUE_SHIELD_AFTER_IMR = """\
Blue Shield of California
P.O. Box 272540
Chico, CA 95927-2540

April 17, 2026

Member ID: XEB901234567
Authorization Number: BSC-PA-55120987
Re: IMR Case #: CM26-20981

Dear Daniel Brooks:

The Department of Managed Health Care told us that the Independent Medical Review overturned
our decision on proton beam radiation therapy. We have approved the therapy: your
authorization is valid through October 31, 2026.

If you have questions, call Member Services at 1-888-256-1915.
"""

PATIENT_LETTER_TO_DMHC = """\
Department of Managed Health Care
Help Center
980 Ninth Street, Suite 500
Sacramento, CA 95814-2725

Re: Independent Medical Review, Kaiser Permanente, Medical Record Number 11223344

To whom it may concern:

I am writing to request an Independent Medical Review of Kaiser Permanente's denial of my
lumbar MRI. Kaiser upheld its decision on February 20, 2026, saying the MRI is not medically
necessary. My doctor's letter and my records are enclosed.

Sincerely,
Jane Q. Patient
"""

EOB_WRAPPED = """\
Anthem Blue Cross
Anthem Blue Cross Life and Health Insurance Company
Member Services 1-800-555-0172 (TTY 711)
Statement date: June 12, 2026
Identification number: XGB550019283
Claim number: 2026157001932
Date of service: May 28, 2026
Explanation of Benefits
THIS IS NOT A BILL.
Services on this claim
Office visit, established patient (CPT 99213): billed $165.00, allowed $98.40, plan paid $78.40,
you owe $20.00.
Trigger point injections, 3 or more muscles (CPT 20553): billed $320.00, plan paid $0.00, you owe
$320.00. Remark CARC
50.
What the remark codes mean
CARC 50: These are non-covered services because this is not deemed a medical necessity by the
payer. Your records do not show that physical therapy was tried first.
If you disagree
You may appeal within 180 days of receiving this statement. Call Member Services at
1-800-555-0172 (TTY 711).
"""
"""An EOB as PDF text gives it: every line broken at the margin, so a claim line's remark code
lands on the next line, and no blank line anywhere."""

EOB_PIPE_TABLE = """\
Health Net of California, Inc.
EXPLANATION OF BENEFITS - THIS IS NOT A BILL
Statement date: 10/06/2026
Member ID: R0012457788
Claim number: 2026-274-118520
Date of service | Service | Procedure code | Billed | Plan paid | Not covered | Your share | Remark
09/14/2026 | Office visit | 99214 | $210.00 | $128.00 | $0.00 | $20.00 |
09/14/2026 | Knee brace, custom fitted | L1843 | $940.00 | $0.00 | $940.00 | $0.00 | 96
Remark codes
96: Non-covered charge. Custom knee braces are excluded from your durable medical equipment benefit.
Questions? Call Member Services at 1-800-555-0139 (TTY 711).
"""
"""An EOB whose ruled table the PDF reader gives one row a line, cells joined by " | ";
the remark column holds a bare code."""

DMHC_SPANISH_ACK_EMAIL = """\
Estimado Sr. Ramírez:

El Departamento de Atención Médica Administrada (DMHC) recibió su solicitud de Revisión \
Médica Independiente (IMR) sobre Molina Healthcare. Su número de caso es IMR-2026-011852.

Le pedimos a su plan de salud que nos envíe sus registros médicos. Le escribiremos cuando su \
caso esté asignado a un revisor independiente.

Centro de Ayuda 1-888-466-2219, TDD 1-877-688-9891, www.HealthHelp.ca.gov
"""
"""The DMHC's acknowledgement in Spanish, in the body of an email: no letterhead, the
department's Spanish name, a generic "número de caso"."""

MEDI_CAL_SPANISH_NOA = """\
CalOptima Health - Plan de Medi-Cal
AVISO DE ACCIÓN
Fecha: 3 de marzo de 2026
ID de miembro (CIN): 92210458B
Número de referencia: COH-2026-0303-1188
Servicio solicitado: Silla de ruedas eléctrica

Estimada miembro:

CalOptima Health negó esta solicitud porque no es médicamente necesaria: los registros no \
muestran que usted no puede usar una silla de ruedas manual.

Si no está de acuerdo, puede pedir una apelación dentro de 60 días. CalOptima Health le \
enviará un Aviso de Resolución de Apelación dentro de 30 días. Puede pedir una Audiencia \
Estatal dentro de los 120 días a partir de la fecha del Aviso de Resolución de Apelación.
"""
"""A Notice of Action whose rights paragraphs name the Notice of Appeal Resolution to come:
a denial, not an answer to an appeal."""

PHOTOGRAPHED_SPANISH_NOA = """\
L.A. Care Health Plan

Plan de Medi-Cal -P.0. Box 811580, Los Angeles, CA 90081-1580
9de marzo de 2026

1D de miembro (CIN): 94418027C
Nímero de referencia: 2026-PA-0301552

AVISO DE ACCIAN

LA Care negé la solicitud del Dr. Ocampo para una terapia con plasma rico en plaquetas. Este
tratamiento es experimental: no hay estudios suficientes que muestren que funciona.

Sino esti de acuerdo, puede pedir una apelación dentro delos 60 das. Llame al 1-888-555-0168.
"""
"""A Notice of Action photographed with a phone: OCR misreads accented letters and drops
spaces ("AVISO DE ACCIAN", "9de marzo")."""

GRIEVANCE_ACK_WITH_FOOTER = """\
Western Health Advantage

Dear Ms. Okafor,

Grievance number: WHA-G-26-0912-004

Acknowledgment of Your Grievance

We received your grievance on September 10, 2026 about our decision on your sleep study. A \
nurse reviewer will look into it. We will send you a written decision within 30 days.

If you have questions, call Member Services at 1-888-555-0175 (TTY 711).

You are receiving this email because you chose paperless plan notices.
Manage preferences | Unsubscribe | View this email in your browser
"""
"""A plan's notice about the patient's own grievance, emailed with a marketing footer."""

APPEAL_DENIED_AGAIN = """\
We received an authorization request from your prescriber for coverage of ZOLPIDEM 6.25 MG ER \
for you. Unfortunately, that request was denied. We received an appeal of this denial on \
**03/02/2026**. However, the appeal has also been denied due to the following reason(s) not \
being met:

Your current records do not meet the following criteria:

- documentation that two preferred sleep medications were tried and failed

**Reference:** Oscar Approved Criteria: Zolpidem ER
"""
"""An appeal answered in a plan's portal, as a patient pastes it (markdown bold kept)."""

DMHC_URGENT_CARE_DECISION = """\
Department of Managed Health Care
Help Center
980 Ninth Street, Suite 500, Sacramento, CA 95814-2725

September 2, 2026

Case number: IMR-2026-013377
Health plan: Sharp Health Plan
Type of review: Urgent Care
Treatment: Emergency room visit

Independent Medical Review Determination

An independent physician reviewer, board certified in emergency medicine, reviewed your case. \
The reviewer found that the emergency room visit was medically necessary.

The Department of Managed Health Care adopts the reviewer's determination. Sharp Health Plan's \
denial is overturned. Your health plan must pay for the visit within 5 working days.
"""
"""A DMHC decision that states the IMR type (research 3.2: urgent care is payment for emergency
or urgent services)."""

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
    "appeal": PATIENT_APPEAL,
    "newsletter": NEWSLETTER,
    "eob": EOB_NOTHING_DENIED,
}
"""Messages that are no letter of the patient's path (kind NOT_DENIAL)."""

KINDS: dict[str, tuple[str, DocumentKind]] = {
    "kaiser_grievance_upheld": (KAISER_GRIEVANCE_UPHELD, DocumentKind.GRIEVANCE_DECISION),
    "la_care_appeal_resolution": (LA_CARE_APPEAL_RESOLUTION, DocumentKind.GRIEVANCE_DECISION),
    "spanish_resolution": (LA_CARE_SPANISH_RESOLUTION, DocumentKind.GRIEVANCE_DECISION),
    "blue_shield_ack": (BLUE_SHIELD_GRIEVANCE_ACK, DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT),
    "spanish_ack": (IEHP_SPANISH_ACK, DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT),
    "anthem_appeal_approved": (ANTHEM_APPEAL_APPROVED, DocumentKind.APPROVAL),
    "blue_shield_after_imr": (BLUE_SHIELD_AFTER_IMR, DocumentKind.APPROVAL),
    "sharp_approval": (SHARP_APPROVAL, DocumentKind.APPROVAL),
    "spanish_approval": (IEHP_SPANISH_APPROVAL, DocumentKind.APPROVAL),
    "health_net_eob": (HEALTH_NET_EOB_DENIED, DocumentKind.EOB),
    "dmhc_ack": (DMHC_IMR_ACK, DocumentKind.DMHC_ACKNOWLEDGEMENT),
    "dmhc_overturned": (DMHC_IMR_OVERTURNED, DocumentKind.DMHC_DECISION),
    "dmhc_request": (DMHC_REQUEST_FOR_INFORMATION, DocumentKind.DMHC_CORRESPONDENCE),
    "kaiser_portal": (KAISER_PORTAL_NOTICE, DocumentKind.PORTAL_NOTICE),
    "blue_shield_portal_eob": (BLUE_SHIELD_PORTAL_EOB, DocumentKind.PORTAL_NOTICE),
    "eob_contractual_only": (EOB_CONTRACTUAL_ONLY, DocumentKind.NOT_DENIAL),
    "patient_letter_to_dmhc": (PATIENT_LETTER_TO_DMHC, DocumentKind.NOT_DENIAL),
    "eob_wrapped": (EOB_WRAPPED, DocumentKind.EOB),
    "eob_pipe_table": (EOB_PIPE_TABLE, DocumentKind.EOB),
    "dmhc_spanish_ack": (DMHC_SPANISH_ACK_EMAIL, DocumentKind.DMHC_ACKNOWLEDGEMENT),
    "medi_cal_spanish_noa": (MEDI_CAL_SPANISH_NOA, DocumentKind.DENIAL),
    "photographed_spanish_noa": (PHOTOGRAPHED_SPANISH_NOA, DocumentKind.DENIAL),
    "grievance_ack_with_footer": (
        GRIEVANCE_ACK_WITH_FOOTER,
        DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
    ),
    "appeal_denied_again": (APPEAL_DENIED_AGAIN, DocumentKind.GRIEVANCE_DECISION),
    "dmhc_urgent_care_decision": (DMHC_URGENT_CARE_DECISION, DocumentKind.DMHC_DECISION),
}
"""Letters of every other kind, by a short name for test ids, with the kind they must read as."""


def as_pdf(text: str, name: str = "letter.pdf") -> list[SourceText]:
    """The sources of a forward with ``text`` as an attached letter, split into pages at
    form feeds, and a short email body from the patient."""
    email = SourceText("email", ("Hi, my plan sent me this. What can I do?",))
    return [email, SourceText(name, tuple(text.split("\f")))]


def as_email(text: str) -> list[SourceText]:
    """The sources of a message whose body is the letter."""
    return [SourceText("email", (text,))]
