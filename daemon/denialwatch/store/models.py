"""The database schema, as SQLAlchemy 2 typed models.

The database keeps references and facts, never blobs: raw messages, attachments, extracted
text, drafted letters and composed emails live in the document store under their sha256,
and rows name them by hash or path. Health information that must be queryable (the
patient's address, member ID, the denied service) lives here, in a database the service
creates private (0600) and never logs from.

Migrations in ``store/migrations`` are the source of truth for the schema on disk; a test
checks that they and these models agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from denialwatch.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Patient(Base):
    """Someone who forwarded a denial; known by the address they wrote from."""

    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str | None] = mapped_column(String(64))
    """The patient's IANA time zone for quiet hours; the service's own when unset."""
    created_at: Mapped[datetime]

    cases: Mapped[list[Case]] = relationship(back_populates="patient")


class Case(Base):
    """One denial the patient is fighting, from the letter to the IMR decision."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    status: Mapped[str] = mapped_column(String(32), default="open")
    """open → grievance_filed → grievance_decided → imr_filed → decided (approved, overturned,
    upheld) → closed; see ``service.effects``."""
    insurer: Mapped[str | None] = mapped_column(String(200))
    regulator: Mapped[str] = mapped_column(String(32), default="unknown")
    category: Mapped[str] = mapped_column(String(32), default="unknown")
    member_id: Mapped[str | None] = mapped_column(String(100))
    reference_number: Mapped[str | None] = mapped_column(String(100))
    reference_key: Mapped[str | None] = mapped_column(String(100))
    """The reference number normalised (upper case, letters and digits only) for matching."""
    letter_date: Mapped[date | None] = mapped_column(Date)
    service: Mapped[str | None] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    plan_type: Mapped[str | None] = mapped_column(String(40))
    group_number: Mapped[str | None] = mapped_column(String(100))
    service_date: Mapped[date | None] = mapped_column(Date)
    dmhc_case_number: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    patient: Mapped[Patient] = relationship(back_populates="cases")
    findings: Mapped[list[Finding]] = relationship(
        back_populates="case", order_by="Finding.id", cascade="all, delete-orphan"
    )
    documents: Mapped[list[Document]] = relationship(back_populates="case", order_by="Document.id")
    events: Mapped[list[Event]] = relationship(
        back_populates="case", order_by="Event.id", cascade="all, delete-orphan"
    )
    letters: Mapped[list[Letter]] = relationship(
        back_populates="case", order_by="Letter.version", cascade="all, delete-orphan"
    )
    deadlines: Mapped[list[DeadlineRow]] = relationship(
        back_populates="case", order_by="DeadlineRow.due", cascade="all, delete-orphan"
    )
    reminders: Mapped[list[Reminder]] = relationship(
        back_populates="case", order_by="Reminder.due_at", cascade="all, delete-orphan"
    )

    __table_args__ = (Index("ix_cases_patient_reference", "patient_id", "reference_key"),)


class Message(Base):
    """One email as received, whatever became of it. Its raw bytes are the blob ``sha256``."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    size: Mapped[int]
    received_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="received", index=True)
    """received → case | attached | not_denial | needs_review | failed."""
    document_kind: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    """Why the message is in its state, in words that carry no health information."""
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    """Tries that ended in a recorded error."""
    starts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Tries begun (claims not given back). A begun try that is not an attempt and gave no
    outcome was interrupted: the worker died while it held the message."""
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_until: Mapped[datetime | None]
    processed_at: Mapped[datetime | None]

    entries: Mapped[list[MailboxEntry]] = relationship(
        back_populates="message", order_by="MailboxEntry.id"
    )


class MailboxEntry(Base):
    """The ingestion ledger: where a message was seen, and where it was filed afterwards."""

    __tablename__ = "mailbox_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(320))
    folder: Mapped[str] = mapped_column(String(500))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    """IMAP UIDVALIDITY is an unsigned 32-bit number: too large for a signed INTEGER."""
    uid: Mapped[str] = mapped_column(String(200))
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    seen_at: Mapped[datetime]
    filed_to: Mapped[str | None] = mapped_column(String(500))
    filed_at: Mapped[datetime | None]
    file_error: Mapped[str | None] = mapped_column(Text)

    message: Mapped[Message] = relationship(back_populates="entries")

    __table_args__ = (
        UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mailbox_entry_key"),
    )


class Document(Base):
    """A stored file: the raw email, or an attachment, with what reading it gave."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    """raw_email | attachment."""
    kind: Mapped[str] = mapped_column(String(16))
    """What the content is (sniffed): eml, pdf, png, jpeg, docx, text, other."""
    filename: Mapped[str | None] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    page_count: Mapped[int | None]
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    """The extracted text, stored as a blob of its own."""
    problem: Mapped[str | None] = mapped_column(Text)
    """Why the document could not be read, when it could not."""

    case: Mapped[Case | None] = relationship(back_populates="documents")


class Finding(Base):
    """One value read from a document, with the verbatim quote it came from."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(String(500))
    page: Mapped[int | None]
    confidence: Mapped[float] = mapped_column(Float)

    case: Mapped[Case] = relationship(back_populates="findings")


class Event(Base):
    """The case's timeline: what happened, when, and from which message."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    recorded_at: Mapped[datetime]
    effective_date: Mapped[date | None] = mapped_column(Date)
    """The calendar day the event counts from in deadline rules (a letter's date, say)."""
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)

    case: Mapped[Case] = relationship(back_populates="events")


class Letter(Base):
    """A version of the case's IMR supporting letter.

    The Markdown text (``path``, ``sha256``) is the source of truth; the DOCX and PDF are
    renderings of it. ``status`` is draft, approved (at most one per case: the version the
    packet is made from) or superseded (approved once, replaced by a later approval).
    """

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    version: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="draft")
    path: Mapped[str] = mapped_column(String(500))
    """Relative to the document store's root."""
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32), default="drafted", server_default="drafted")
    """drafted (by the service), patient_file, patient_text (a reply), operator (the CLI)."""
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    """The patient's reply this version came from, if it did."""
    docx_path: Mapped[str | None] = mapped_column(String(500))
    pdf_path: Mapped[str | None] = mapped_column(String(500))
    packet_path: Mapped[str | None] = mapped_column(String(500))
    """The mailing packet, made only from an approved version."""
    approved_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    case: Mapped[Case] = relationship(back_populates="letters")

    __table_args__ = (UniqueConstraint("case_id", "version", name="uq_letters_case_version"),)


class OutgoingEmail(Base):
    """An email to a patient, composed once and stored, then sent (at least once)."""

    __tablename__ = "outgoing_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    purpose: Mapped[str] = mapped_column(String(48))
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    sha256: Mapped[str] = mapped_column(String(64))
    """The composed email's bytes in the document store: a retry sends the very same bytes."""
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    """pending → sent | failed (permanent error)."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_outgoing_emails_due", "status", "next_attempt_at"),)


class DeadlineRow(Base):
    """A date the case's rules computed, with the rule, inputs and citation that made it.

    Recomputed from the case's events whenever one is recorded: the rows always say what
    the rules say of the events as they stand now.
    """

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    due: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime | None]
    rule: Mapped[str] = mapped_column(String(64))
    citation: Mapped[str] = mapped_column(Text)
    inputs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    candidates: Mapped[dict[str, Any]] = mapped_column(default=dict)
    description: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[datetime]

    case: Mapped[Case] = relationship(back_populates="deadlines")

    __table_args__ = (UniqueConstraint("case_id", "kind", name="uq_deadlines_case_kind"),)


class Reminder(Base):
    """An email the patient should get at ``due_at``; queued as an OutgoingEmail when due.

    pending → queued (its email is in the outgoing queue, which sends it at least once with
    the reminder's own Message-ID) or cancelled (an event made it pointless, or a later
    reminder of the same series superseded it while the service was down).
    """

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(48))
    due_at: Mapped[datetime]
    about: Mapped[date | None] = mapped_column(Date)
    deadline_kind: Mapped[str | None] = mapped_column(String(48))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    email_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_emails.id"))
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cancel_reason: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="reminders")
    email: Mapped[OutgoingEmail | None] = relationship()

    __table_args__ = (
        UniqueConstraint("case_id", "key", name="uq_reminders_case_key"),
        Index("ix_reminders_status_due", "status", "due_at"),
    )


class Lease(Base):
    """A named job only one worker may do at a time (watching one mailbox), until ``expires_at``.

    Taken and renewed with a compare-and-set in ``store.leases``; a worker that dies loses it
    when it expires, and another takes it over.
    """

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(600), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]


class Worker(Base):
    """One running ``denialwatch run`` process, as it last reported itself (for ``status``).

    Errors are kept as the component and its cause ("inbox: connection refused to
    127.0.0.1:993"), never with anything read from a message.
    """

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    """The holder id: ``hostname:pid:random``."""
    started_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]
    last_poll_ok_at: Mapped[datetime | None]
    last_error_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    watching: Mapped[str | None] = mapped_column(String(600))
    """The lease name of the mailbox this worker watches now, if any."""
    idle: Mapped[bool | None] = mapped_column(Boolean)
    """Whether the watched server offers IDLE (None until the watcher first connects)."""
    inbox_state: Mapped[str] = mapped_column(String(16), default="unknown")
    smtp_state: Mapped[str] = mapped_column(String(16), default="unknown")
    database_state: Mapped[str] = mapped_column(String(16), default="unknown")
    storage_state: Mapped[str] = mapped_column(String(16), default="unknown")
