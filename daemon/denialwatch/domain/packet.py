"""What the mailing packet tells the patient: the cover checklist and the mailing sheet (pure).

The packet is what a patient prints: a cover page with a checklist, the letter, copies of the
plan's letters, and a mailing sheet. The checklist follows the DMHC's own instructions for an
IMR application (research file 5.2 and 5.3): the IMR/Complaint form signed (online filing is
fastest), the Authorized Assistant Form when someone helps, copies and never originals, a
copy of everything kept, and proof of delivery for what is mailed. The words are in the
patient's language; the letter itself stays in English, for the reviewer.

The CDI runs its own IMR (INS 10169) with its own application, which the insurer sends with
its decision: a CDI packet says so rather than give the DMHC's address.
"""

from __future__ import annotations

from dataclasses import dataclass

from denialwatch.domain.model import Route


@dataclass(frozen=True)
class Said:
    """One sentence in each language the packet is written in."""

    en: str
    es: str

    def said_in(self, language: str) -> str:
        return self.es if language == "es" else self.en


@dataclass(frozen=True)
class PacketWords:
    """Everything the packet's own pages say, in one language."""

    cover_title: str
    checklist: tuple[str, ...]
    note: tuple[str, ...]
    mailing_title: str
    mailing_lines: tuple[str, ...]
    enclosure_denial: str
    enclosure_grievance_decision: str
    enclosure_eob: str


TITLE = Said(
    "Your Independent Medical Review packet",
    "Tu paquete para la Revisión Médica Independiente (IMR)",
)
DRAFT_NOTE = Said(
    "This is a draft for you to review: the letter is not approved yet. Do not mail it.",
    "Este es un borrador para que lo revises: la carta aún no está aprobada. No la envíes.",
)
FINAL_NOTE = Said(
    "This is the final packet, made from the letter you approved.",
    "Este es el paquete final, hecho con la carta que aprobaste.",
)
NO_COPIES = Said(
    "We have no file of the plan's letters for this case: print them from your email or the "
    "plan's website and put copies behind the letter.",
    "No tenemos un archivo de las cartas del plan para este caso: imprímelas desde tu correo o "
    "el sitio web del plan y pon copias detrás de la carta.",
)

DMHC_FORM = Said(
    "Complete and sign the DMHC's IMR/Complaint form. Filing online at {website} is the "
    "fastest way: you can upload this letter and the copies there.",
    "Llena y firma el formulario de IMR/Queja del DMHC. Presentarlo en línea en {website} es lo "
    "más rápido: ahí puedes subir esta carta y las copias.",
)
CDI_FORM = Said(
    "Complete and sign the IMR application form your insurer sent with its decision (the "
    "California Department of Insurance's form; call 1-800-927-4357 if you do not have it).",
    "Llena y firma la solicitud de IMR que tu aseguradora envió con su decisión (el formulario "
    "del California Department of Insurance; llama al 1-800-927-4357 si no lo tienes).",
)
CHECKLIST = (
    Said(
        "Read the letter, fill in anything still missing, then sign and date it.",
        "Lee la carta, completa lo que falte y luego fírmala y ponle la fecha.",
    ),
    Said(
        "If someone helps you with this (a relative, a friend, an advocate), also complete and "
        "sign the Authorized Assistant Form.",
        "Si alguien te ayuda con esto (un familiar, un amigo, un defensor), llena y firma "
        "también el formulario de Asistente Autorizado (Authorized Assistant Form).",
    ),
    Said(
        "Send copies, not originals: the plan's letters in this packet, your doctor's letter "
        "and your medical records.",
        "Envía copias, no originales: las cartas del plan de este paquete, la carta de tu médico "
        "y tus expedientes médicos.",
    ),
    Said(
        "Keep a copy of everything you send.",
        "Guarda una copia de todo lo que envíes.",
    ),
    Said(
        "If you mail it, use delivery confirmation (for example Certified Mail with return "
        "receipt), then reply to our email with the tracking number so we can watch for the "
        "answer.",
        "Si lo envías por correo, usa confirmación de entrega (por ejemplo, correo certificado "
        "con acuse de recibo) y luego responde a nuestro correo con el número de rastreo para "
        "que estemos pendientes de la respuesta.",
    ),
)
MAILING_TITLE = Said("Where to send it", "A dónde enviarlo")
DMHC_MAILING = (
    Said(
        "Mail the form, this letter and the copies to the address above, or fax them to {fax}.",
        "Envía el formulario, esta carta y las copias por correo a la dirección de arriba, o "
        "por fax al {fax}.",
    ),
    Said(
        "Questions? The DMHC Help Center: {phone} (free).",
        "¿Preguntas? El Centro de Ayuda del DMHC: {phone} (gratis).",
    ),
)
CDI_MAILING = (
    Said(
        "Send the application, this letter and the copies to the address printed on the IMR "
        "application form your insurer sent.",
        "Envía la solicitud, esta carta y las copias a la dirección impresa en el formulario de "
        "solicitud de IMR que envió tu aseguradora.",
    ),
    Said(
        "Questions? The California Department of Insurance: 1-800-927-4357 (free).",
        "¿Preguntas? El California Department of Insurance: 1-800-927-4357 (gratis).",
    ),
)
ENCLOSURE_DENIAL = Said("Copy of the plan's denial", "Copia de la negación del plan")
ENCLOSURE_GRIEVANCE = Said(
    "Copy of the plan's grievance decision", "Copia de la decisión del plan sobre tu queja"
)
ENCLOSURE_EOB = Said("Copy of the explanation of benefits", "Copia de la explicación de beneficios")


@dataclass(frozen=True)
class Contact:
    """The DMHC's numbers, from the configuration."""

    website: str
    fax: str
    phone: str


def words(
    language: str,
    *,
    route: Route,
    contact: Contact,
    final: bool,
    has_copies: bool,
    note: tuple[str, ...] = (),
) -> PacketWords:
    """The packet's own pages for a route, in ``language`` ("en" or "es")."""
    cdi = route is Route.CDI
    form = CDI_FORM if cdi else DMHC_FORM
    first = form.said_in(language).format(website=contact.website)
    mailing = CDI_MAILING if cdi else DMHC_MAILING
    status = (FINAL_NOTE if final else DRAFT_NOTE).said_in(language)
    notes = (status, *(() if has_copies else (NO_COPIES.said_in(language),)), *note)
    return PacketWords(
        cover_title=TITLE.said_in(language),
        checklist=(first, *(item.said_in(language) for item in CHECKLIST)),
        note=notes,
        mailing_title=MAILING_TITLE.said_in(language),
        mailing_lines=tuple(
            line.said_in(language).format(fax=contact.fax, phone=contact.phone) for line in mailing
        ),
        enclosure_denial=ENCLOSURE_DENIAL.said_in(language),
        enclosure_grievance_decision=ENCLOSURE_GRIEVANCE.said_in(language),
        enclosure_eob=ENCLOSURE_EOB.said_in(language),
    )
