"""What the service needs to hand an email over, whatever carries it (SMTP or a Maildir outbox).

Delivery semantics: at least once. The service records an email as sent only after
``send`` returns; a crash between the two sends it again on restart with the same
Message-ID, which mail clients show as one message. ``send`` raises ``DeliveryError`` with
``permanent`` set when retrying cannot help.

What is handed over is a ``StoredEmail``: the bytes composed once and kept in the document
store, sent byte for byte, so every retry is the very email that was stored (and nothing has
to parse and write it out again: only its headers are read, for the envelope). An
``EmailMessage`` built in memory is taken too, flattened as ``smtplib`` would flatten it.
"""

from __future__ import annotations

import functools
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from email.policy import SMTP
from email.utils import getaddresses
from typing import Protocol

RECIPIENT_HEADERS = ("To", "Cc", "Bcc")


@dataclass(frozen=True)
class StoredEmail:
    """An email as composed and stored: its bytes, with CRLF line endings."""

    data: bytes

    @classmethod
    def of(cls, message: EmailMessage) -> StoredEmail:
        """An email built in memory, flattened as ``smtplib.SMTP.send_message`` does."""
        return cls(message.as_bytes(policy=message.policy.clone(linesep="\r\n")))

    @functools.cached_property
    def headers(self) -> Message:
        """The header block only (the body is never parsed)."""
        return BytesHeaderParser(policy=SMTP).parsebytes(self.data)

    @property
    def message_id(self) -> str | None:
        value = self.headers.get("Message-ID")
        return None if value is None or not str(value).strip() else str(value).strip()

    def recipients(self) -> list[str]:
        """The envelope recipients: every address in To, Cc and Bcc."""
        fields = [
            str(value) for name in RECIPIENT_HEADERS for value in self.headers.get_all(name, [])
        ]
        return [address for _, address in getaddresses(fields) if address]

    def without_bcc(self) -> bytes:
        """The bytes to transmit: as stored, or, where a Bcc header is present, without it
        (Bcc recipients get the email through the envelope, never by seeing the header)."""
        if self.headers.get("Bcc") is None:
            return self.data
        message = BytesParser(policy=SMTP).parsebytes(self.data)
        del message["Bcc"]
        return message.as_bytes()


def stored(email: StoredEmail | EmailMessage) -> StoredEmail:
    return email if isinstance(email, StoredEmail) else StoredEmail.of(email)


class Sender(Protocol):
    def send(self, email: StoredEmail | EmailMessage) -> None:
        """Hand ``email`` over for delivery to its To, Cc and Bcc addresses, or raise
        DeliveryError."""
        ...


def batch_of(sender: Sender) -> AbstractContextManager[None]:
    """The sender's ``batch()`` where it has one (SMTP: one connection for several emails),
    else a block that does nothing."""
    batch = getattr(sender, "batch", None)
    return batch() if callable(batch) else nullcontext()
