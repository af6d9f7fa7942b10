"""Plain values for an email as denialwatch understands it.

These are what the parsing modules produce and what the domain consumes; they hold no
library objects, so the pure core never depends on mail-parser or the standard library's
email package.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Attachment:
    """One attached file, with the type its sender declared (not trusted: see documents.sniff)."""

    filename: str | None
    declared_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Mail:
    """One email: the message as received, or an original found inside a forward."""

    message_id: str | None
    sender_address: str | None
    sender_name: str | None
    subject: str
    date: datetime | None
    text: str
    """The readable body: the text/plain part, or the HTML part turned into text."""
    attachments: tuple[Attachment, ...] = ()
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    """Problems the parser met (missing boundary, bad charset...), worded without content."""


class ForwardStyle(StrEnum):
    ATTACHED = "attached"
    """The original travels as a message/rfc822 attachment."""
    INLINE = "inline"
    """The original is quoted in the body under a "Forwarded message" separator."""
    NONE = "none"
    """No forward found: the email itself carries the letter (or is not about a denial)."""


@dataclass(frozen=True)
class Forward:
    """An incoming email unwrapped: who forwarded it, what they wrote, and the original."""

    outer: Mail
    style: ForwardStyle
    note: str
    """What the patient wrote above the forward (empty when nothing)."""
    original: Mail | None
    """The insurer's message, when one was found inside the forward."""
    attachments: tuple[Attachment, ...] = field(default=())
    """Every attachment of the outer email and of the original, each once."""
