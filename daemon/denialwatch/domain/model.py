"""Plain values the domain reads from a denial and hands to the service layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class DocumentKind(StrEnum):
    """What a message turned out to be. Issue 2 adds grievance decisions, EOBs, DMHC mail..."""

    DENIAL = "denial"
    NOT_DENIAL = "not_denial"
    UNREADABLE = "unreadable"
    """A letter was there but could not be read (encrypted, damaged, scanned without OCR)."""


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


@dataclass(frozen=True)
class Reading:
    """Everything the first-cut reader understood of one message."""

    kind: DocumentKind
    reason: str
    """Why the message got this kind, in words fit for the review list (no letter text)."""
    insurer: Finding[str] | None = None
    member_id: Finding[str] | None = None
    reference_number: Finding[str] | None = None
    letter_date: Finding[date] | None = None
    service: Finding[str] | None = None
    category: Finding[Category] | None = None
    route: Finding[Route] | None = None
    urgent: Finding[bool] | None = None
    reasons: tuple[Finding[str], ...] = ()
    """The plan's reasons for the decision, quoted verbatim."""

    @property
    def is_denial(self) -> bool:
        return self.kind is DocumentKind.DENIAL
