"""The regulators' statements the letters print: the DMHC statement HSC 1368.02(b) requires of
Knox-Keene plans (in English and Spanish) and what a CDI-regulated insurer prints. The phone
numbers and web sites are the real ones, since the product reads them."""

from __future__ import annotations

DMHC_PHONE = "1-888-466-2219"
DMHC_TDD = "1-877-688-9891"


def dmhc_statement(plan_phone: str) -> str:
    """The statement HSC 1368.02(b) requires on a Knox-Keene plan's grievance notices.

    Worded as plans print it in full (reference/california-imr-research.md, section 1.2).
    """
    return (
        "The California Department of Managed Health Care is responsible for regulating health "
        "care service plans. If you have a grievance against your health plan, you should first "
        f"telephone your health plan at {plan_phone} and use your health plan's grievance "
        "process before contacting the department. Utilizing this grievance procedure does not "
        "prohibit any potential legal rights or remedies that may be available to you. If you "
        "need help with a grievance involving an emergency, a grievance that has not been "
        "satisfactorily resolved by your health plan, or a grievance that has remained "
        "unresolved for more than 30 days, you may call the department for assistance. You may "
        "also be eligible for an Independent Medical Review (IMR). If you are eligible for IMR, "
        "the IMR process will provide an impartial review of medical decisions made by a health "
        "plan related to the medical necessity of a proposed service or treatment, coverage "
        "decisions for treatments that are experimental or investigational in nature and "
        "payment disputes for emergency or urgent medical services. The department also has a "
        f"toll-free telephone number ({DMHC_PHONE}) and a TDD line ({DMHC_TDD}) for the "
        "hearing and speech impaired. The department's Internet Web site www.dmhc.ca.gov has "
        "complaint forms, IMR application forms and instructions online."
    )


def dmhc_statement_es(plan_phone: str) -> str:
    """The same statement as a Spanish-language plan prints it (the project's translation)."""
    return (
        "El Departamento de Atención Médica Administrada de California es responsable de "
        "regular los planes de servicios de atención médica. Si tiene una queja contra su plan "
        f"de salud, primero debe llamar por teléfono a su plan de salud al {plan_phone} y usar "
        "el proceso de quejas de su plan de salud antes de comunicarse con el departamento. "
        "Utilizar este procedimiento de quejas no prohíbe ningún derecho o recurso legal que "
        "pueda estar a su disposición. Si necesita ayuda con una queja relacionada con una "
        "emergencia, una queja que su plan de salud no haya resuelto satisfactoriamente o una "
        "queja que no se haya resuelto por más de 30 días, puede llamar al departamento para "
        "obtener ayuda. También puede ser elegible para una Revisión Médica Independiente (IMR). "
        "Si es elegible para una IMR, el proceso de IMR ofrecerá una revisión imparcial de las "
        "decisiones médicas tomadas por un plan de salud relacionadas con la necesidad médica de "
        "un servicio o tratamiento propuesto, las decisiones de cobertura para tratamientos de "
        "naturaleza experimental o de investigación, y las disputas de pago por servicios "
        "médicos de emergencia o urgencia. El departamento también tiene un número de teléfono "
        f"gratuito ({DMHC_PHONE}) y una línea TDD ({DMHC_TDD}) para las personas con problemas "
        "de audición y del habla. El sitio web del departamento, www.dmhc.ca.gov, tiene "
        "formularios de quejas, formularios de solicitud de IMR e instrucciones en línea."
    )


def cdi_statement() -> str:
    """What a CDI-regulated insurer prints about the Department of Insurance (no fixed text)."""
    return (
        "If you believe this request has been wrongfully denied, you may have the matter "
        "reviewed by the California Department of Insurance. You may also have the right to an "
        "Independent Medical Review (IMR) through the California Department of Insurance of a "
        "decision that a service is not medically necessary. An IMR application is enclosed. "
        "California Department of Insurance, Consumer Services Division, 300 South Spring "
        "Street, South Tower, Los Angeles, CA 90013. Telephone: 1-800-927-4357 (800-927-HELP). "
        "Web site: www.insurance.ca.gov."
    )
