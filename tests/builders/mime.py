"""What every email builder shares: ``parse``, MIME boundaries in each client's style (a hash of
the Message-ID, so the same call gives the same bytes), starting and serialising a message,
HTML escaping, reading a received email for a forward, and attaching files."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import format_datetime, parseaddr
from typing import Literal

from .dates import _require_aware
from .model import FileAttachment


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


_PARSER = BytesParser(policy=policy.default)


def parse(raw: bytes) -> EmailMessage:
    """Raw bytes as the standard library's ``EmailMessage`` (policy default)."""
    message = _PARSER.parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


BoundaryStyle = Literal["gmail", "outlook", "apple", "thunderbird", "plan"]


def _boundary(style: BoundaryStyle, seed: str, index: int) -> str:
    token = _digest(seed, str(index))
    if style == "gmail":
        return "0000000000" + token[:18]
    if style == "outlook":
        return f"_{index:03d}_{token[:16].upper()}namprd11prod_"
    if style == "apple":
        return f"Apple-Mail-{token[:8].upper()}-{token[8:12].upper()}-{token[12:16].upper()}"
    if style == "thunderbird":
        return "------------" + token[:24]
    return f"----=_Part_{int(token[:6], 16)}_{int(token[6:14], 16)}.{int(token[14:26], 16)}"


_WIRE = policy.default.clone(max_line_length=998)
"""How the builders serialise: bodies are encoded for 78 columns when built, but headers are
written on one line, as Gmail and Exchange do (a folded Message-ID looks home-made)."""


def _finish(
    message: EmailMessage,
    style: BoundaryStyle,
    seed: str,
    late_headers: Sequence[tuple[str, str]] = (),
) -> bytes:
    """Fix every boundary outside embedded messages, add ``late_headers``, then serialise.

    ``late_headers`` are Content-* headers of the whole message, which ``set_content`` and
    ``add_alternative`` would otherwise clear or move into a subpart.
    """
    counter = 0

    def visit(part: MIMEPart) -> None:
        nonlocal counter
        if part is not message:
            del part["MIME-Version"]  # only the top of a message carries it
        if part.get_content_type() == "message/rfc822":
            return  # the embedded original keeps its own bytes
        if part.is_multipart():
            part.set_boundary(_boundary(style, seed, counter))
            counter += 1
            for child in part.iter_parts():
                visit(child)

    visit(message)
    for name, value in late_headers:
        message[name] = value
    return message.as_bytes(policy=_WIRE)


def _start(
    *,
    sender: str,
    to: str,
    subject: str,
    message_id: str,
    moment: datetime,
    first: Sequence[tuple[str, str]] = (),
    extra: Sequence[tuple[str, str]] = (),
) -> EmailMessage:
    if not (message_id.startswith("<") and message_id.endswith(">") and "@" in message_id):
        raise ValueError(f"a Message-ID looks like <id@host>: {message_id!r}")
    message = EmailMessage()
    for name, value in first:
        message[name] = value
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(_require_aware(moment))
    message["Message-ID"] = message_id
    for name, value in extra:
        message[name] = value
    return message


def _text_blocks(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(p.removeprefix("## ") for p in paragraphs if p != "\f") + "\n"


def _note_paragraphs(note: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", note.strip()) if p.strip()] if note.strip() else []


def _h(text: str) -> str:
    """Text escaped for an HTML text node (quotes stay, as mail clients leave them)."""
    return html.escape(text, quote=False)


def _html_lines(text: str) -> str:
    return "<br>\n".join(_h(line) for line in text.split("\n"))


def _body_inner(document: str) -> str:
    """The inside of an HTML document's body (the whole text when it has none)."""
    match = re.search(r"<body[^>]*>(.*)</body>", document, flags=re.DOTALL | re.IGNORECASE)
    return match.group(1).strip() if match else document


@dataclass(frozen=True)
class _Original:
    """The parts of a received email a mail client copies into a forward."""

    message: EmailMessage
    sender: str
    to: str
    cc: str
    subject: str
    date: datetime | None
    text: str
    html: str
    attachments: tuple[FileAttachment, ...]

    @property
    def sender_name(self) -> str:
        return parseaddr(self.sender)[0]

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]


def _read_original(raw: bytes) -> _Original:
    message = parse(raw)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    text = text_part.get_content() if text_part is not None else ""
    body_html = (
        _body_inner(html_part.get_content())
        if html_part is not None
        else f"<div>{_html_lines(text)}</div>"
    )
    attachments = tuple(
        FileAttachment(
            part.get_filename() or "attachment.bin",
            part.get_content_type(),
            payload,
        )
        for part in message.iter_attachments()
        if isinstance(payload := part.get_payload(decode=True), bytes)
    )
    date_header = message["Date"]
    return _Original(
        message=message,
        sender=str(message["From"] or ""),
        to=str(message["To"] or ""),
        cc=str(message["Cc"] or ""),
        subject=str(message["Subject"] or ""),
        date=date_header.datetime if date_header is not None else None,
        text=text.rstrip("\n") + "\n",
        html=body_html,
        attachments=attachments,
    )


def _prefixed(prefix: str, subject: str) -> str:
    if subject.lower().startswith(prefix.lower()):
        return subject
    return f"{prefix} {subject}"


def _attach(
    message: EmailMessage,
    attachment: FileAttachment,
    *,
    disposition: str = "attachment",
    headers: Sequence[str] = (),
) -> None:
    maintype, _, subtype = attachment.content_type.partition("/")
    message.add_attachment(
        attachment.data,
        maintype=maintype,
        subtype=subtype or "octet-stream",
        disposition=disposition,
        filename=attachment.filename,
        params={"name": attachment.filename},
        headers=list(headers),
    )


def _gmail_attachment_headers(seed: str, index: int) -> list[str]:
    token = "f_" + _digest(seed, "attachment", str(index))[:9]
    return [f"Content-ID: <{token}>", f"X-Attachment-Id: {token}"]
