"""What the service needs to hand an email over, whatever carries it (SMTP or a Maildir outbox).

Delivery semantics: at least once. The service records an email as sent only after
``send`` returns; a crash between the two sends it again on restart with the same
Message-ID, which mail clients show as one message. ``send`` raises ``DeliveryError`` with
``permanent`` set when retrying cannot help.
"""

from __future__ import annotations

from email.message import EmailMessage
from typing import Protocol


class Sender(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` over for delivery to its To addresses, or raise DeliveryError."""
        ...
