"""Building the MIME email for a patient from a notice (deterministic: no clock, no randomness).

multipart/mixed( multipart/alternative(text/plain, text/html), attachments... ). The
Message-ID and Date are given by the caller, so composing the same notice twice yields the
same bytes, and a retry can never look like a new email.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import SMTP, EmailPolicy, Policy
from email.utils import format_datetime
from typing import cast

from denialwatch.domain.notice import Notice


@dataclass(frozen=True)
class OutgoingAttachment:
    filename: str
    maintype: str
    subtype: str
    data: bytes
    params: tuple[tuple[str, str], ...] = ()
    """Content-Type parameters (``method=PUBLISH`` for a calendar file)."""


def message_id_for(key: str, from_address: str) -> str:
    """A Message-ID fixed by ``key`` (``case-12.opened``) under the sender's domain."""
    domain = from_address.rsplit("@", 1)[-1].strip(" >") or "denialwatch.invalid"
    return f"<{key}@{domain}>"


class _MessageIdsHeader(UnstructuredHeader):
    """In-Reply-To and References: message ids written as they are, folded only between two.

    The ``email`` package folds these as unstructured text, and an id longer than the line
    (Outlook's are 90 characters) becomes RFC 2047 encoded words, which no mail client
    matches to the message it answers: the patient's reply thread breaks. A line holding one
    long id is longer than 78 characters instead, as RFC 5322 allows (up to 998).
    """

    name: str  # BaseHeader's, which the registry adds as a base class

    def fold(self, *, policy: Policy) -> str:
        lines = [f"{self.name}:"]
        for message_id in str(self).split():
            if len(lines[-1]) > len(self.name) + 1 and (
                len(lines[-1]) + 1 + len(message_id) > (policy.max_line_length or 998)
            ):
                lines.append("")
            lines[-1] += f" {message_id}"
        return policy.linesep.join(lines) + policy.linesep


def _policy() -> EmailPolicy[EmailMessage]:
    registry = HeaderRegistry()
    for name in ("in-reply-to", "references"):
        registry.map_to_type(name, cast("type[BaseHeader]", _MessageIdsHeader))
    return SMTP.clone(header_factory=registry)


POLICY = _policy()
"""SMTP's policy (CRLF, 78-character lines), with message-id lists never encoded."""


def compose(
    notice: Notice,
    *,
    sender: str,
    recipient: str,
    message_id: str,
    date: datetime,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    attachments: Sequence[OutgoingAttachment] = (),
) -> bytes:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = notice.subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = " ".join([*references, in_reply_to][-20:])
    msg.set_content(notice.text, subtype="plain", charset="utf-8")
    msg.add_alternative(notice.html, subtype="html", charset="utf-8")
    for item in attachments:
        msg.add_attachment(
            item.data,
            maintype=item.maintype,
            subtype=item.subtype,
            filename=item.filename,
            params=dict(item.params),
        )
    _fix_boundaries(msg, message_id)
    return msg.as_bytes()


def _fix_boundaries(msg: EmailMessage, seed: str) -> None:
    """Boundaries derived from the Message-ID instead of random ones: same input, same bytes."""
    stem = hashlib.sha256(seed.encode()).hexdigest()[:16]
    for index, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_dw_{stem}_{index}")
