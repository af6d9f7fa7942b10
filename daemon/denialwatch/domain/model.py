"""Plain values the domain reads from a denial and hands to the service layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class DocumentKind(StrEnum):
    """What a message turned out to be; each kind changes a case differently."""

    DENIAL = "denial"
    """An initial denial, modification or delay: an adverse benefit determination."""
    GRIEVANCE_DECISION = "grievance_decision"
    """The plan's answer to a grievance (appeal) that keeps the denial: the IMR's qualifying
    event (HSC 1374.30(j))."""
    GRIEVANCE_ACKNOWLEDGEMENT = "grievance_acknowledgement"
    """The plan confirms it received a grievance: records the grievance date (HSC 1368(a)(4))."""
    APPROVAL = "approval"
    """An approval, or a reversal of an earlier denial (by the plan or after an appeal)."""
    EOB = "eob"
    """An explanation of benefits with denied lines (claim adjustment reason codes)."""
    DMHC_ACKNOWLEDGEMENT = "dmhc_acknowledgement"
    """The DMHC confirms it received an IMR application or complaint (often with a case number)."""
    DMHC_DECISION = "dmhc_decision"
    """The DMHC's written IMR or complaint decision."""
    DMHC_CORRESPONDENCE = "dmhc_correspondence"
    """Other letters from the DMHC about a case (requests for information, status)."""
    PORTAL_NOTICE = "portal_notice"
    """A notice that only says a new letter is available in the plan's portal."""
    NOT_DENIAL = "not_denial"
    """Unrelated mail: newsletters, bills, appeals written by patients, spam."""
    UNREADABLE = "unreadable"
    """A letter was there but could not be read (encrypted, damaged, scanned without OCR)."""


ADVERSE_KINDS = frozenset({DocumentKind.DENIAL, DocumentKind.GRIEVANCE_DECISION, DocumentKind.EOB})
"""Kinds that state a denial the patient can fight: they open a case when none matches."""


class Route(StrEnum):
    """Which regulator handles the patient's next step (DOMAIN.md, "Which regulator")."""

    DMHC = "dmhc"
    CDI = "cdi"
    MEDI_CAL = "medi_cal"
    MEDICARE = "medicare"
    ERISA = "erisa"
    WORKERS_COMP = "workers_comp"
    UNKNOWN = "unknown"


class Category(StrEnum):
    """Which kind of review fits the denial's reason (DOMAIN.md, "Which kind of IMR")."""

    MEDICAL_NECESSITY = "medical_necessity"
    EXPERIMENTAL = "experimental"
    EMERGENCY_PAYMENT = "emergency_payment"
    NOT_COVERED = "not_covered"
    ADMINISTRATIVE = "administrative"
    PHARMACY = "pharmacy"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SourceText:
    """Text the domain may quote from: the email body or one document, page by page."""

    name: str
    """How the patient would recognise it: "email", or the attachment's file name."""
    pages: tuple[str, ...]
    first_page: int = 1
    """The number of ``pages[0]`` in its document: one PDF holding several letters is read
    as one source per letter, each keeping the document's own page numbers."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)


@dataclass(frozen=True)
class Finding(Generic[T]):
    """One value read from a source, with the verbatim text it came from.

    A value is only reported when ``quote`` occurs in the source named by ``document``;
    the quote is what the patient (and a reviewer) can check it against.
    """

    value: T
    quote: str
    document: str
    page: int | None
    """1-based page of ``document`` for multi-page sources; None for the email body."""
    confidence: float


class Decision(StrEnum):
    """What a grievance decision or a DMHC decision says of the denial."""

    UPHELD = "upheld"
    OVERTURNED = "overturned"
    PARTIAL = "partial"


@dataclass(frozen=True)
class Code:
    """A code printed on a letter: ``system`` is CPT, HCPCS, NDC, ICD-10, CARC or RARC."""

    system: str
    code: str


@dataclass(frozen=True)
class StatedDeadline:
    """A time limit as the letter states it ("within 180 days ... to file a grievance")."""

    amount: int
    unit: str
    """calendar_days, days, business_days, hours or months."""
    action: str
    """What must happen in that time: grievance, appeal, state_hearing, imr, decision,
    continue_services or other."""


@dataclass(frozen=True)
class Reading:
    """Everything the reader understood of one message."""

    kind: DocumentKind
    reason: str
    """Why the message got this kind, in words fit for the review list (no letter text)."""
    insurer: Finding[str] | None = None
    plan_type: Finding[str] | None = None
    """HMO, PPO, EPO, POS, Medi-Cal, Medicare Advantage, ... as the letter names it."""
    member_id: Finding[str] | None = None
    group_number: Finding[str] | None = None
    reference_number: Finding[str] | None = None
    """The claim, authorisation, grievance or case number the plan gives this decision."""
    letter_date: Finding[date] | None = None
    service_date: Finding[date] | None = None
    service: Finding[str] | None = None
    codes: tuple[Finding[Code], ...] = ()
    category: Finding[Category] | None = None
    route: Finding[Route] | None = None
    route_evidence: tuple[Finding[Route], ...] = ()
    """Every quote that points at a regulator, the deciding one first."""
    urgent: Finding[bool] | None = None
    reasons: tuple[Finding[str], ...] = ()
    """The plan's reasons for the decision, quoted verbatim."""
    criteria: tuple[Finding[str], ...] = ()
    """Criteria the plan cites: InterQual, MCG, a medical-policy number."""
    stated_deadlines: tuple[Finding[StatedDeadline], ...] = ()
    appeal_address: Finding[str] | None = None
    appeal_phone: Finding[str] | None = None
    appeal_fax: Finding[str] | None = None
    decision: Finding[Decision] | None = None
    """For grievance and DMHC decisions: whether the denial stands."""
    grievance_date: Finding[date] | None = None
    """For a grievance acknowledgement: the day the plan received the grievance."""
    dmhc_case_number: Finding[str] | None = None

    @property
    def is_denial(self) -> bool:
        return self.kind is DocumentKind.DENIAL

    @property
    def is_adverse(self) -> bool:
        """A denial, a grievance decision upholding one, or an EOB with denied lines."""
        return self.kind in ADVERSE_KINDS
