"""Who sends and receives the sample mail: ``Party`` and ``Plan``, the service's inbox, the ten
invented health plans (brand, no-reply mailbox, colours, phone) and the invented patients.

Every address is at an example domain; the plans' phone numbers are invented 555 numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr


@dataclass(frozen=True)
class Party:
    """Someone who sends or receives mail: always an invented name at an example domain."""

    name: str
    address: str

    @property
    def header(self) -> str:
        """The address as a From/To header shows it: ``Name <address>``."""
        return formataddr((self.name, self.address))


SERVICE_INBOX = Party("DenialWatch", "help@denialwatch.example.org")
"""Where patients forward their letters in these samples."""


@dataclass(frozen=True)
class Plan:
    """A health plan as its mail shows it: brand, notification mailbox, colours, phone."""

    name: str
    """The brand the letters and emails print ("Kaiser Permanente")."""
    sender: Party
    """The no-reply mailbox its notification emails come from."""
    colour: str
    """Header colour of its HTML emails."""
    portal_url: str
    phone: str
    """Member Services, as printed in its letters (invented 555 numbers)."""
    footer: tuple[str, ...]
    """Small print under its emails."""


def _no_reply(name: str, host: str, local: str = "no-reply") -> Party:
    return Party(name, f"{local}@{host}")


_DO_NOT_REPLY = "Please do not reply to this email. This mailbox is not monitored."

KAISER = Plan(
    name="Kaiser Permanente",
    sender=_no_reply("Kaiser Permanente", "kp-notices.example.com"),
    colour="#0078b3",
    portal_url="https://members.kp-notices.example.com/secure/letters",
    phone="1-800-555-0147",
    footer=(
        _DO_NOT_REPLY,
        "Kaiser Foundation Health Plan, Inc., P.O. Box 7136, Pasadena, CA 91109-7136",
        "You are receiving this email because you chose to get plan notices by email.",
    ),
)
BLUE_SHIELD = Plan(
    name="Blue Shield of California",
    sender=_no_reply("Blue Shield of California", "notices.blueshield-ca.example.com"),
    colour="#0066a1",
    portal_url="https://www.blueshield-ca.example.com/member/letters",
    phone="1-888-555-0121",
    footer=(
        _DO_NOT_REPLY,
        "Blue Shield of California, P.O. Box 60417, El Dorado Hills, CA 95762-0417",
    ),
)
ANTHEM = Plan(
    name="Anthem Blue Cross",
    sender=_no_reply("Anthem Blue Cross", "mail.anthem-bc.example.com", "noreply"),
    colour="#1a3673",
    portal_url="https://www.anthem-bc.example.com/member/message-center",
    phone="1-800-555-0183",
    footer=(
        "This is a service email from Anthem Blue Cross Life and Health Insurance Company.",
        _DO_NOT_REPLY,
    ),
)
LA_CARE = Plan(
    name="L.A. Care Health Plan",
    sender=_no_reply("L.A. Care Health Plan", "notify.lacare-plan.example.com"),
    colour="#00629b",
    portal_url="https://members.lacare-plan.example.com/portal",
    phone="1-888-555-0168",
    footer=(_DO_NOT_REPLY, "L.A. Care Health Plan, P.O. Box 811580, Los Angeles, CA 90081-1580"),
)
HEALTH_NET = Plan(
    name="Health Net",
    sender=_no_reply("Health Net", "alerts.healthnet-ca.example.com", "donotreply"),
    colour="#00838f",
    portal_url="https://member.healthnet-ca.example.com/letters",
    phone="1-800-555-0139",
    footer=(_DO_NOT_REPLY, "Health Net of California, Inc., P.O. Box 9103, Van Nuys, CA 91409"),
)
SCAN = Plan(
    name="SCAN Health Plan",
    sender=_no_reply("SCAN Health Plan", "scan-notices.example.com"),
    colour="#5b2c83",
    portal_url="https://members.scan-notices.example.com/documents",
    phone="1-800-555-0154",
    footer=(
        "SCAN Health Plan is an HMO plan with a Medicare contract.",
        _DO_NOT_REPLY,
    ),
)
AETNA = Plan(
    name="Aetna",
    sender=_no_reply("Aetna", "aetna-mail.example.com", "donotreply"),
    colour="#7d3f98",
    portal_url="https://member.aetna-mail.example.com/inbox",
    phone="1-800-555-0172",
    footer=(_DO_NOT_REPLY, "Aetna Life Insurance Company, Hartford, CT"),
)
SHARP = Plan(
    name="Sharp Health Plan",
    sender=_no_reply("Sharp Health Plan", "sharp-plan.example.com"),
    colour="#004b87",
    portal_url="https://members.sharp-plan.example.com/claims",
    phone="1-858-555-0115",
    footer=(_DO_NOT_REPLY, "Sharp Health Plan, P.O. Box 129011, San Diego, CA 92112-9011"),
)
MOLINA = Plan(
    name="Molina Healthcare",
    sender=_no_reply("Molina Healthcare", "molina-notices.example.com"),
    colour="#009ca6",
    portal_url="https://mylogin.molina-notices.example.com/",
    phone="1-888-555-0190",
    footer=(_DO_NOT_REPLY, "Molina Healthcare of California, Long Beach, CA"),
)
IEHP = Plan(
    name="Inland Empire Health Plan",
    sender=_no_reply("IEHP", "iehp-avisos.example.com"),
    colour="#1d4f91",
    portal_url="https://miembros.iehp-avisos.example.com/",
    phone="1-800-555-0119",
    footer=(
        "Por favor, no responda a este correo electrónico.",
        "Inland Empire Health Plan, P.O. Box 4319, Rancho Cucamonga, CA 91729-4319",
    ),
)

TERESA = Party("Teresa Almonte", "teresa.almonte@example.com")
GREGORY = Party("Gregory Tanaka", "gtanaka@example.net")
PRIYA = Party("Priya Raman", "priya.raman@example.org")
DARNELL = Party("Darnell Hayes", "darnellhayes77@example.com")
ELEANOR = Party("Eleanor Voss", "eleanor.voss@example.net")
HAROLD = Party("Harold Benavides", "hbenavides@example.org")
SAMANTHA = Party("Samantha Reyes-Hart", "sam.reyeshart@example.com")
JORDAN = Party("Jordan Castellanos", "jcastellanos@example.net")
NADIA = Party("Nadia Haddad", "nadia.haddad@example.org")
JOSE = Party("José Luis Ortega", "jl.ortega@example.com")
MARISOL = Party("Marisol Ibarra", "marisol.ibarra@example.net")
WALTER = Party("Walter Nguyen", "walter.nguyen@example.net")
LINDA = Party("Linda Almonte", "linda.almonte@example.org")
