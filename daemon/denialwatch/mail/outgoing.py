"""What the service needs to hand an email over, whatever carries it (SMTP or a Maildir outbox).

Delivery semantics: at least once. The service records an email as sent only after
``send`` returns; a crash between the two sends it again on restart with the same
Message-ID, which mail clients show as one message. ``send`` raises ``DeliveryError`` with
``permanent`` set when retrying cannot help.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from email.message import EmailMessage
from typing import Protocol


class Sender(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` over for delivery to its To addresses, or raise DeliveryError."""
        ...


def batch_of(sender: Sender) -> AbstractContextManager[None]:
    """The sender's ``batch()`` where it has one (SMTP: one connection for several emails),
    else a block that does nothing."""
    batch = getattr(sender, "batch", None)
    return batch() if callable(batch) else nullcontext()
