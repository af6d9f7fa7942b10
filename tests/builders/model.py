"""The values the builders pass around: a printed ``Letter``, the ``Facts`` the reader should
find in it, a catalogue entry (``SampleLetter``) and a ``FileAttachment``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from denialwatch.domain.model import Category, DocumentKind, Route

from .people import Party, Plan


@dataclass(frozen=True)
class Letter:
    """A printed letter, part by part, as ``letter_pdf`` lays it out.

    ``paragraphs`` use a tiny markup: ``"## "`` starts a heading, ``"- "`` a bullet, and a
    paragraph that is exactly ``"\\f"`` starts a new page (an enclosure such as "Your Rights").
    All text must be latin-1, because the PDF uses the core Helvetica font.
    """

    organisation: str
    letterhead: tuple[str, ...]
    date_line: str
    recipient: tuple[str, ...]
    member_block: tuple[tuple[str, str], ...]
    title: str
    paragraphs: tuple[str, ...]
    closing: tuple[str, ...] = ()
    statement: str = ""
    """The regulator's statement, printed in bold (HSC 1368.02(b) asks for 12-point bold)."""
    running_header: str = ""
    """Printed at the top of every page after the first."""
    footer_code: str = ""
    """The form number printed at the foot of each page, beside the page number."""

    def text(self) -> str:
        """The letter as plain text, as a patient pasting it from a portal would copy it."""
        blocks: list[str] = ["\n".join((self.organisation, *self.letterhead)), self.date_line]
        if self.recipient:
            blocks.append("\n".join(self.recipient))
        if self.member_block:
            blocks.append("\n".join(f"{label}: {value}" for label, value in self.member_block))
        blocks.append(self.title)
        blocks.extend(
            p.removeprefix("## ") for p in (*self.paragraphs, *self.closing_block()) if p != "\f"
        )
        if self.statement:
            blocks.append(self.statement)
        return "\n\n".join(blocks) + "\n"

    def closing_block(self) -> tuple[str, ...]:
        return ("\n".join(self.closing),) if self.closing else ()


@dataclass(frozen=True)
class Facts:
    """What the reader should find in a denial, each value as the letter prints it."""

    insurer: str
    member_id: str
    reference_number: str
    letter_date: date
    letter_date_text: str
    """``letter_date`` as printed ("March 11, 2026", "17 de abril de 2026")."""
    service: str
    category: Category
    category_quote: str
    """Words of the letter that show the category."""
    route: Route
    route_quote: str
    """Words of the letter that show the regulator."""
    urgent: bool
    urgent_quote: str | None
    reason: str
    """The plan's reason, one sentence, verbatim."""

    def quotes(self) -> tuple[str, ...]:
        """Every string that must occur verbatim in the letter."""
        found = (
            self.insurer,
            self.member_id,
            self.reference_number,
            self.letter_date_text,
            self.service,
            self.category_quote,
            self.route_quote,
            self.urgent_quote,
            self.reason,
        )
        return tuple(q for q in found if q)


@dataclass(frozen=True)
class SampleLetter:
    """One catalogue entry: the email a patient received, the letter in it, what it means."""

    key: str
    description: str
    kind: DocumentKind
    language: str
    """``en`` or ``es``."""
    plan: Plan | None
    """None for mail that does not come from a plan (a personal email)."""
    sender: Party
    patient: Party
    subject: str
    email_paragraphs: tuple[str, ...]
    """The body of the email, same markup as ``Letter.paragraphs``."""
    letter: Letter | None = None
    pdf_filename: str | None = None
    facts: Facts | None = None
    letter_datetime: datetime | None = field(default=None, compare=False)
    """When the plan's system printed the letter (the PDF's creation date)."""

    def letter_text(self) -> str:
        if self.letter is None:
            raise ValueError(f"{self.key} has no letter")
        return self.letter.text()


@dataclass(frozen=True)
class FileAttachment:
    filename: str
    content_type: str
    data: bytes
