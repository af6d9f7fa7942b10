"""Drafting the IMR supporting letter (DOMAIN.md, "What the supporting letter should be").

The draft states the facts the reader found, answers each reason and each criterion the plan
gave point by point with the plan's own words beside the answer, and marks everything only
the patient or their doctor can supply as a visible placeholder ``[[LABEL: a hint]]``. The
letter supports the DMHC IMR/Complaint form (DMHC 20-224); it never replaces it, and it is
never sent anywhere without the patient's review.

One template per category (``templates/letters/<category>.md.j2``) extends a shared layout;
one small template per route (``templates/letters/routes/<route>.md.j2``) adds what that
route needs; the urgent section composes with any category. The letter is in English, for
the reviewer; the placeholders' hints are in the patient's language, their labels always in
English so tools can find them. Every placeholder comes from :data:`HINTS`. Text read
from the plan's letter is printed literally, except as :func:`literal` says (whitespace,
bracket and asterisk runs collapsed: the plan's words never forge a placeholder).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from denialwatch.domain.case import CaseSummary, imr_letter_applies
from denialwatch.domain.language import DEFAULT_LANGUAGE, LANGUAGES
from denialwatch.domain.model import Category, Code, Route
from denialwatch.rendering import render

PLACEHOLDER = re.compile(r"\[\[[^\[\]]+\]\]")
PARTS = re.compile(
    r"\[\[(?P<label>[A-Z][A-Z'\- ]*?)(?: (?P<number>\d+))?(?:: (?P<hint>[^\[\]]+))?\]\]"
)
"""A placeholder's parts: the English label (without its number), the number, the hint."""


@dataclass(frozen=True)
class Hint:
    """What to write in a placeholder, said to the patient in their language."""

    en: str
    es: str

    def said_in(self, language: str) -> str:
        return self.es if language == "es" else self.en


HINTS: Mapping[str, Hint] = {
    # The heading and the facts block.
    "DATE YOU SIGN": Hint(
        "the date you sign and send this letter",
        "la fecha en que firmas y envías esta carta",
    ),
    "CHECK WHERE TO SEND": Hint(
        "we could not tell who oversees your plan; if its letter names the California "
        "Department of Insurance, tell us and we will redraft this letter; delete this note",
        "no pudimos saber qué agencia supervisa tu plan; si su carta menciona el California "
        "Department of Insurance, avísanos y volveremos a redactar esta carta; borra esta nota",
    ),
    "CDI ADDRESS": Hint(
        "copy it from the IMR application your insurer sent with the denial, or call CDI at "
        "1-800-927-4357",
        "cópiala de la solicitud de IMR que tu aseguradora envió con la negación, o llama al "
        "CDI al 1-800-927-4357",
    ),
    "YOUR FULL NAME": Hint(
        "as on your insurance card",
        "como aparece en tu tarjeta del seguro",
    ),
    "YOUR DATE OF BIRTH": Hint("month, day and year", "mes, día y año"),
    "NAME OF YOUR HEALTH PLAN": Hint(
        "the plan or insurance company that denied the care, as on your card",
        "el plan o la aseguradora que negó la atención, como aparece en tu tarjeta",
    ),
    "MEMBER ID": Hint(
        "from your insurance card",
        "de tu tarjeta del seguro",
    ),
    "DATE ON THE DENIAL LETTER": Hint(
        "the date printed at the top of the plan's letter",
        "la fecha impresa arriba en la carta del plan",
    ),
    "TREATMENT DENIED": Hint(
        "the treatment, test or medicine that was denied, as the letter names it",
        "el tratamiento, examen o medicina que negaron, como lo nombra la carta",
    ),
    # The body.
    "YOUR DOCTOR": Hint(
        "name and specialty of the doctor who recommended or prescribed it",
        "nombre y especialidad del médico que lo recomendó o recetó",
    ),
    "YOUR CONDITION": Hint(
        "your diagnosis, since when, and how it affects your daily life, in two or three sentences",
        "tu diagnóstico, desde cuándo y cómo afecta tu vida diaria, en dos o tres frases",
    ),
    "WHY THIS TREATMENT": Hint(
        "what your doctor recommended and why it is right for you; quote your doctor or "
        "your records",
        "qué te recomendó tu médico y por qué es lo indicado para ti; cita a tu médico o "
        "tu expediente",
    ),
    "WHAT YOU HAVE TRIED": Hint(
        "treatments you already tried, for how long, and what happened; if the plan wants "
        "you to try something else first, why that is wrong for you",
        "los tratamientos que ya probaste, por cuánto tiempo y qué pasó; si el plan quiere "
        "que primero pruebes otra cosa, por qué no es adecuada para ti",
    ),
    "COPY THE PLAN'S REASON": Hint(
        "copy it word for word from the plan's letter, with any criteria it names "
        "(InterQual, MCG, a policy number)",
        "cópiala palabra por palabra de la carta del plan, con los criterios que nombre "
        "(InterQual, MCG, un número de póliza médica)",
    ),
    "YOUR ANSWER TO REASON": Hint(
        "why this reason does not fit your case; quote your doctor or your records",
        "por qué esta razón no corresponde a tu caso; cita a tu médico o tu expediente",
    ),
    "HOW YOUR CASE MEETS CRITERION": Hint(
        "each requirement of this criterion and the fact in your records that meets it; "
        "ask your doctor",
        "cada requisito de este criterio y el dato de tu expediente que lo cumple; "
        "pregúntale a tu médico",
    ),
    "CHECK STATE HEARING": Hint(
        "if you already asked for a State Hearing, do not send this letter and ask the "
        "DMHC Help Center first: a State Hearing started first rules the IMR out; delete "
        "this note once checked",
        "si ya pediste una Audiencia Estatal (State Hearing), no envíes esta carta y "
        "consulta antes al Centro de Ayuda del DMHC: una audiencia iniciada primero impide "
        "la IMR; borra esta nota cuando lo hayas comprobado",
    ),
    # Experimental or investigational therapy (HSC 1370.4(a)).
    "HOW SERIOUS IT IS": Hint(
        "why your condition threatens your life or causes severe, lasting harm, in your "
        "doctor's words",
        "por qué tu condición pone en peligro tu vida o causa un daño grave y duradero, "
        "con las palabras de tu médico",
    ),
    "CERTIFYING DOCTOR": Hint(
        "name and specialty of the plan doctor, or the board-certified or board-eligible "
        "specialist, who signs the certification",
        "nombre y especialidad del médico del plan, o del especialista certificado o "
        "elegible por la junta médica, que firma la certificación",
    ),
    "STANDARD THERAPIES": Hint(
        "the standard treatments you had or were offered, and why each did not work or "
        "is not appropriate for you",
        "los tratamientos estándar que recibiste o te ofrecieron, y por qué cada uno no "
        "funcionó o no es adecuado para ti",
    ),
    "EVIDENCE RELIED ON": Hint(
        "at least two published medical or scientific studies your doctor relies on, as "
        "named in the certification",
        "al menos dos estudios médicos o científicos publicados en los que se basa tu "
        "médico, como aparecen en la certificación",
    ),
    # Emergency or urgent care already received (HSC 1374.30(j)(1)(B)).
    "DATE OF THE EMERGENCY CARE": Hint(
        "the day you went to the emergency room or urgent care",
        "el día que fuiste a la sala de emergencias o a atención urgente",
    ),
    "TREATING PROVIDER": Hint(
        "the doctor or hospital that treated you",
        "el médico o el hospital que te atendió",
    ),
    "WHAT HAPPENED": Hint(
        "your symptoms, when they started and how bad they were",
        "tus síntomas, cuándo empezaron y qué tan graves eran",
    ),
    "WHY YOU BELIEVED IT WAS AN EMERGENCY": Hint(
        "why, with those symptoms, you thought your health was in serious danger if you waited",
        "por qué, con esos síntomas, pensaste que tu salud corría grave peligro si esperabas",
    ),
    "CARE YOU RECEIVED": Hint(
        "where you went, what was done and what the doctors found",
        "adónde fuiste, qué te hicieron y qué encontraron los médicos",
    ),
    "WHY YOU WENT THERE": Hint(
        "why you went to that place (the nearest, taken by ambulance, no time to find an "
        "in-network one); delete this if it was in your plan's network",
        "por qué fuiste a ese lugar (el más cercano, te llevó la ambulancia, no había tiempo "
        "de buscar uno de la red); borra esto si era de la red de tu plan",
    ),
    # Not a covered benefit, administrative.
    "WHY IT IS COVERED": Hint(
        "the page of your Evidence of Coverage or policy that includes this care, or why "
        "the exclusion the plan quoted does not apply to you",
        "la página de tu Evidencia de Cobertura o póliza que incluye esta atención, o por "
        "qué la exclusión que citó el plan no se aplica a ti",
    ),
    "WHAT WENT WRONG": Hint(
        "for example: your doctor did ask for authorization, the claim was sent on time, "
        "or the other insurer already answered; with dates",
        "por ejemplo: tu médico sí pidió la autorización, la reclamación se envió a tiempo "
        "o la otra aseguradora ya respondió; con fechas",
    ),
    # Pharmacy (formulary, step therapy).
    "WHY THIS MEDICINE": Hint(
        "why your doctor prescribed this medicine for you; quote your doctor or your records",
        "por qué tu médico te recetó esta medicina; cita a tu médico o tu expediente",
    ),
    "WHY NOT THE ALTERNATIVES": Hint(
        "each drug the plan prefers: whether you took it, for how long and what happened, "
        "or why your doctor says it is wrong for you",
        "cada medicina que prefiere el plan: si la tomaste, por cuánto tiempo y qué pasó, "
        "o por qué tu médico dice que no es adecuada para ti",
    ),
    "EXCEPTION REQUEST": Hint(
        "the date your doctor asked the plan for an exception and the date the plan "
        "answered, if it did; delete this section if no request was made",
        "la fecha en que tu médico pidió una excepción al plan y la fecha en que el plan "
        "respondió, si respondió; borra esta sección si no se pidió",
    ),
    # Urgent cases (HSC 1368.01(b)).
    "WHY IT IS URGENT": Hint(
        "what happens to your health if this waits: severe pain, or a risk to your life, "
        "a limb or a major bodily function",
        "qué le pasa a tu salud si esto espera: dolor fuerte, o riesgo para tu vida, una "
        "extremidad o una función importante del cuerpo",
    ),
    # Evidence.
    "SUGGESTED REFERENCES": Hint(
        "suggested: keep only those your doctor agrees apply, add any your doctor "
        "suggests, then delete this note",
        "sugeridas: deja solo las que tu médico confirme que aplican, añade las que él o "
        "ella sugiera y luego borra esta nota",
    ),
    "EVIDENCE": Hint(
        "published studies or guidelines that support this treatment for your condition, "
        "for example from PubMed; your doctor can suggest them",
        "estudios publicados o guías médicas que apoyan este tratamiento para tu "
        "condición, por ejemplo de PubMed; tu médico puede sugerirlos",
    ),
    # Enclosures.
    "GRIEVANCE DECISION": Hint(
        "the plan's answer to your grievance (appeal), with its date; delete this line if "
        "you have none",
        "la respuesta del plan a tu queja (apelación), con su fecha; borra esta línea si "
        "no tienes una",
    ),
    "YOUR DOCTOR'S LETTER": Hint(
        "a letter from your doctor saying why you need this care, with its date",
        "una carta de tu médico que explique por qué necesitas esta atención, con su fecha",
    ),
    "PHYSICIAN CERTIFICATION": Hint(
        "your doctor's signed certification with the points above and the evidence relied on",
        "la certificación firmada por tu médico con los puntos de arriba y la evidencia "
        "en que se basa",
    ),
    "URGENCY CERTIFICATION": Hint(
        "your doctor's signed statement that waiting would be a serious and imminent threat "
        "to your health",
        "una declaración firmada por tu médico de que esperar sería una amenaza grave e "
        "inminente para tu salud",
    ),
    "MEDICAL RECORDS": Hint(
        "copies, not originals, of the records that support your request, especially from "
        "doctors outside your plan's network",
        "copias, no originales, de los expedientes que apoyan tu solicitud, sobre todo de "
        "médicos fuera de la red de tu plan",
    ),
    "BILLS": Hint(
        "copies of the bills or statements for the care the plan will not pay",
        "copias de las facturas o estados de cuenta de la atención que el plan no quiere pagar",
    ),
    # The signature.
    "YOUR SIGNATURE": Hint(
        "sign here after you have read and corrected the whole letter",
        "firma aquí después de leer y corregir toda la carta",
    ),
    "YOUR PHONE AND EMAIL": Hint(
        "so the reviewer can reach you",
        "para que el revisor pueda comunicarse contigo",
    ),
}
"""Every placeholder's label and its hint in each language the product speaks."""


def language_of(code: str) -> str:
    """The hints' language for a patient's language code: "es-MX" → "es"; unknown → "en"."""
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def placeholder(label: str, number: int | None = None, *, language: str = DEFAULT_LANGUAGE) -> str:
    """``[[LABEL: hint]]``, or ``[[LABEL 2: hint]]`` for the second of a numbered kind."""
    name = label if number is None else f"{label} {number}"
    return f"[[{name}: {HINTS[label].said_in(language)}]]"


@dataclass(frozen=True)
class Addressee:
    lines: tuple[str, ...]
    program: str


def addressee(
    route: Route, dmhc_mailing_address: str, *, language: str = DEFAULT_LANGUAGE
) -> Addressee:
    """Where the IMR application goes: DMHC for Knox-Keene plans, CDI for insurance policies."""
    if route is Route.CDI:
        # INS 10169: CDI runs its own IMR. Its mailing address is not confirmed on a CDI page
        # (research file 4), so the draft asks the patient to copy it from the insurer's form.
        return Addressee(
            lines=(
                "California Department of Insurance",
                "Health Claims Bureau, Independent Medical Review",
                placeholder("CDI ADDRESS", language=language),
            ),
            program="the California Department of Insurance's Independent Medical Review",
        )
    parts = [part.strip() for part in dmhc_mailing_address.split(",")]
    # "Help Center, Department of Managed Health Care, 980 Ninth Street, Suite 500, Sacramento,
    # CA 95814-2725" reads best as name, street, city lines.
    lines = ("IMR Unit", *_address_lines(parts))
    return Addressee(lines=lines, program="an Independent Medical Review")


def _address_lines(parts: list[str]) -> tuple[str, ...]:
    if len(parts) >= 5:
        *names, street, suite, city, state_zip = parts
        return (*names, f"{street}, {suite}", f"{city}, {state_zip}")
    return tuple(parts)


@dataclass(frozen=True)
class Terms:
    """How a route's letter names the plan and its decisions, and which law it cites.

    A citation is None where the research file does not confirm the rule for that route:
    the letter then says nothing rather than cite a section that may not apply.
    """

    plan: str
    """"plan" or "insurer", as in "the plan's letter"."""
    plan_label: str
    my_plan: str
    """How the letter names the plan when the reader did not find its name."""
    grievance: str
    """What the plan's answer to a grievance is called on this route."""
    imr_law: str
    necessity_law: str | None
    """The reviewer decides on the patient's own medical needs (HSC 1374.33(b), research 3.2)."""
    experimental_law: str
    experimental_without_grievance: bool
    """HSC 1370.4 denials go to IMR with no plan grievance (research D7a); CDI unconfirmed."""
    experimental_expedited_law: str | None
    """Seven days when the therapy would be significantly less effective if not promptly
    initiated (HSC 1370.4(c)(2), research D14)."""
    emergency_law: str | None
    coverage_law: str | None
    """DMHC decides between IMR and complaint, any medical-necessity issue to IMR (1374.30(d))."""
    exclusion_law: str | None
    """A "not covered" decision must name the contract provision that excludes the care
    (HSC 1374.30(b), 1368(a)(5); research 3.1)."""
    step_therapy_law: str | None
    """The five grounds for a step-therapy exception (HSC 1367.206(b), research 7.1)."""
    drug_exception_law: str | None
    """72 hours, 24 if exigent, or deemed approved (HSC 1367.241(b), research D2)."""


KNOX_KEENE = Terms(
    plan="plan",
    plan_label="Health plan",
    my_plan="my health plan",
    grievance="grievance decision",
    imr_law="Health and Safety Code section 1374.30",
    necessity_law="Health and Safety Code section 1374.33(b)",
    experimental_law="Health and Safety Code section 1370.4",
    experimental_without_grievance=True,
    experimental_expedited_law="Health and Safety Code section 1370.4(c)(2)",
    emergency_law="Health and Safety Code section 1374.30(j)(1)(B)",
    coverage_law="Health and Safety Code section 1374.30(d)",
    exclusion_law="Health and Safety Code section 1368(a)(5)",
    step_therapy_law="Health and Safety Code section 1367.206(b)",
    drug_exception_law="Health and Safety Code section 1367.241(b)",
)
TERMS: Mapping[Route, Terms] = {
    Route.DMHC: KNOX_KEENE,
    Route.UNKNOWN: KNOX_KEENE,
    # Medi-Cal managed care: the plan's answer is a Notice of Appeal Resolution (research
    # 1.1); HSC 1367.241 does not apply to Medi-Cal contracts (D2), 1367.206 is unconfirmed.
    Route.MEDI_CAL: Terms(
        plan="plan",
        plan_label="Medi-Cal plan",
        my_plan="my Medi-Cal plan",
        grievance="Notice of Appeal Resolution",
        imr_law=KNOX_KEENE.imr_law,
        necessity_law=KNOX_KEENE.necessity_law,
        experimental_law=KNOX_KEENE.experimental_law,
        experimental_without_grievance=True,
        experimental_expedited_law=KNOX_KEENE.experimental_expedited_law,
        emergency_law=KNOX_KEENE.emergency_law,
        coverage_law=KNOX_KEENE.coverage_law,
        exclusion_law=KNOX_KEENE.exclusion_law,
        step_therapy_law=None,
        drug_exception_law=None,
    ),
    # CDI: INS 10169 (IMR) and 10145.3 (experimental) are the analogues (research 3.2).
    Route.CDI: Terms(
        plan="insurer",
        plan_label="Insurer",
        my_plan="my insurer",
        grievance="appeal decision",
        imr_law="Insurance Code section 10169",
        necessity_law=None,
        experimental_law="Insurance Code section 10145.3",
        experimental_without_grievance=False,
        experimental_expedited_law=None,
        emergency_law=None,
        coverage_law=None,
        exclusion_law=None,
        step_therapy_law=None,
        drug_exception_law=None,
    ),
}

CATEGORY_TEMPLATES: Mapping[Category, str] = {
    Category.MEDICAL_NECESSITY: "medical_necessity",
    # An unread category gets the most common review's letter; DMHC decides the type.
    Category.UNKNOWN: "medical_necessity",
    Category.EXPERIMENTAL: "experimental",
    Category.EMERGENCY_PAYMENT: "emergency_payment",
    Category.NOT_COVERED: "not_covered",
    Category.ADMINISTRATIVE: "administrative",
    Category.PHARMACY: "pharmacy",
}

EXTRA_ENCLOSURES: Mapping[Category, tuple[str, ...]] = {
    Category.EXPERIMENTAL: ("PHYSICIAN CERTIFICATION",),
    Category.EMERGENCY_PAYMENT: ("BILLS",),
}
"""What a category's reviewer needs besides the denial, the doctor's letter and records."""


def template_for(summary: CaseSummary) -> str:
    return f"letters/{CATEGORY_TEMPLATES[summary.category]}.md.j2"


MARKUP = re.compile(r"\[{2,}|\]{2,}|\*{2,}")
"""Runs that mean a placeholder or bold in the letter's Markdown (letters/markup.py)."""
SPACE = re.compile(r"\s+")


def literal(text: str | None) -> str | None:
    """Text read from the plan's letter, made safe to print inside the draft.

    The plan's words are printed as they are (``{{``, ``*``, ``<`` and quotes included: the
    template engine never evaluates its data, and the patient reads the draft as plain text),
    with two exceptions. Every run of whitespace, newlines included, becomes one space, so a
    quoted reason stays one line of its list item and cannot start a heading or a paragraph
    of its own. A run of two or more brackets or asterisks becomes one, since the letter's
    Markdown has no escaping (letters/markup.py): a reason containing ``[[`` cannot look
    like a placeholder (approval counts placeholders, :func:`placeholders`, and a fake one
    would block it or be "filled" by the patient's reply), and ``**`` cannot turn the
    plan's words bold. Text that is empty once cleaned counts as not found (None).
    """
    if text is None:
        return None
    cleaned = SPACE.sub(" ", MARKUP.sub(lambda run: run.group(0)[0], text)).strip()
    return cleaned or None


def _printable(summary: CaseSummary) -> CaseSummary:
    """``summary`` with every text the template prints passed through :func:`literal`."""
    reasons = tuple(r for r in map(literal, summary.reasons) if r)
    criteria = tuple(c for c in map(literal, summary.criteria) if c)
    return replace(
        summary,
        insurer=literal(summary.insurer),
        member_id=literal(summary.member_id),
        reference_number=literal(summary.reference_number),
        service=literal(summary.service),
        patient_name=literal(summary.patient_name),
        reasons=reasons,
        criteria=criteria,
        codes=tuple(
            Code(system, code)
            for found in summary.codes
            if (system := literal(found.system)) and (code := literal(found.code))
        ),
    )


def draft_letter(
    summary: CaseSummary,
    *,
    dmhc_mailing_address: str,
    language: str = DEFAULT_LANGUAGE,
    citations: Sequence[str] = (),
    grievance_decision_date: date | None = None,
) -> str | None:
    """The Markdown draft, or None where no California IMR exists for the route.

    ``language`` is the patient's: the hints are in it, the letter stays in English.
    ``citations`` are suggested references (PubMed), listed for the patient's doctor to keep
    or drop; ``grievance_decision_date`` dates the plan's answer to the grievance, when the
    case has one. Text from the plan's letter is printed as :func:`literal` says.
    """
    if not imr_letter_applies(summary.route):
        return None
    lang = language_of(language)
    summary = _printable(summary)
    terms = TERMS[summary.route]
    extra = EXTRA_ENCLOSURES.get(summary.category, ())
    if summary.urgent:
        extra = (*extra, "URGENCY CERTIFICATION")
    context = {
        "s": summary,
        "to": addressee(summary.route, dmhc_mailing_address, language=lang),
        "terms": terms,
        "ph": partial(placeholder, language=lang),
        "plan_name": summary.insurer or terms.my_plan,
        "treatment": f"this treatment: {summary.service}"
        if summary.service
        else "the treatment my doctor requested",
        "citations": tuple(c for c in map(literal, citations) if c),
        "grievance_decision_date": grievance_decision_date,
        # HSC 1370.4: an experimental denial needs no grievance, so there may be no decision.
        "grievance_enclosure": summary.category is not Category.EXPERIMENTAL,
        "extra_enclosures": extra,
        "route_note": f"letters/routes/{summary.route.value}.md.j2",
    }
    return render(template_for(summary), context)


def placeholders(text: str) -> list[str]:
    """Every placeholder still in ``text``, in order (approval is refused while any remain)."""
    return PLACEHOLDER.findall(text)
