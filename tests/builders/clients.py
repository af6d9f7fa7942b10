"""More ways mail reaches the service: Thunderbird's and Yahoo's inline forwards, a plan's
HTML-only email with the letter in it, and a patient's own email carrying files (a scan, a
photo, a Word document). Like ``forwards``, each takes fixed Message-IDs and dates and sets
its boundaries from a hash of the Message-ID, so the same call gives the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from typing import Literal

from .dates import PACIFIC, _require_aware
from .emails import _plan_html
from .mime import (
    _attach,
    _digest,
    _finish,
    _gmail_attachment_headers,
    _h,
    _html_lines,
    _note_paragraphs,
    _prefixed,
    _read_original,
    _start,
)
from .model import FileAttachment, SampleLetter
from .people import SERVICE_INBOX, Party


def yahoo_date(moment: datetime) -> str:
    """``Wednesday, March 11, 2026 at 04:07:12 PM PDT``, as Yahoo Mail writes it."""
    local = _require_aware(moment).astimezone(PACIFIC)
    return f"{local:%A}, {local:%B} {local.day}, {local.year} at {local:%I:%M:%S %p} {local:%Z}"


def forward_thunderbird_inline(
    original: bytes,
    patient: Party,
    *,
    note: str = "",
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
) -> bytes:
    """Thunderbird's "Forward Inline": "-------- Forwarded Message --------" over a
    tab-aligned table of Subject, Date, From, To (the original's own Date header)."""
    source = _read_original(original)
    sent = format_datetime(source.date) if source.date else ""
    fields = [("Subject", source.subject), ("Date", sent), ("From", source.sender)]
    if source.message["Reply-To"]:
        fields.append(("Reply-To", str(source.message["Reply-To"])))
    fields.append(("To", source.to))
    note_blocks = _note_paragraphs(note)
    table = "\n".join(f"{name}: \t{value}" for name, value in fields)
    text = (
        "\n\n".join([*note_blocks, "-------- Forwarded Message --------\n" + table])
        + "\n\n\n\n"
        + source.text
    )
    rows = "".join(
        f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{name}: </th>'
        f"<td>{_h(value)}</td></tr>"
        for name, value in fields
    )
    note_html = "".join(f"<p>{_html_lines(block)}</p>" for block in note_blocks)
    body_html = (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n</head>\n<body>\n'
        f"{note_html}"
        '<div class="moz-forward-container"><br><br>-------- Forwarded Message --------\n'
        '<table class="moz-email-headers-table" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{rows}</tbody></table><br><br>{source.html}</div>\n</body>\n</html>\n"
    )
    message = _start(
        first=(("MIME-Version", "1.0"),),
        sender=patient.header,
        to=to.header,
        subject=_prefixed("Fwd:", source.subject),
        message_id=message_id,
        moment=date,
        extra=(("User-Agent", "Mozilla Thunderbird 140.3.0"), ("Content-Language", "en-US")),
    )
    message.set_content(text)
    message.add_alternative(body_html, subtype="html")
    for attachment in source.attachments:
        _attach(message, attachment)
    return _finish(message, "thunderbird", message_id)


def forward_yahoo_inline(
    original: bytes,
    patient: Party,
    *,
    note: str = "",
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
) -> bytes:
    """Yahoo Mail's "Forward": its plain-text part glues the header block onto one line
    ("----- Forwarded Message ----- From: ...To: ...Sent: ...Subject: ..."), as Yahoo does."""
    source = _read_original(original)
    sent = yahoo_date(source.date) if source.date else ""
    glued = (
        f"   ----- Forwarded Message ----- From: {source.sender}To: {source.to}"
        f"Sent: {sent}Subject: {source.subject}"
    )
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join([*note_blocks, glued]) + "\n\n" + source.text
    quoted_id = f"yahoo_quoted_{int(_digest(message_id, 'quoted')[:8], 16)}"
    body_html = (
        '<html><head></head><body><div class="ydp4e1c9a2byahoo-style-wrap" '
        'style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">'
        + "".join(f'<div dir="ltr">{_html_lines(b)}</div><div><br></div>' for b in note_blocks)
        + f'<div id="{quoted_id}" class="yahoo_quoted">'
        "<div style=\"font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;"
        'font-size:13px;color:#26282a;">'
        "<div>----- Forwarded Message -----</div>"
        f"<div><b>From:</b> {_h(source.sender)}</div>"
        f"<div><b>To:</b> {_h(source.to)}</div>"
        f"<div><b>Sent:</b> {_h(sent)}</div>"
        f"<div><b>Subject:</b> {_h(source.subject)}</div><div><br></div><div><br></div>"
        f"<div>{source.html}</div></div></div></div></body></html>\n"
    )
    message = _start(
        sender=patient.header,
        to=to.header,
        subject=_prefixed("Fwd:", source.subject),
        message_id=message_id,
        moment=date,
        extra=(("X-Mailer", "WebService/1.1.25166 YMailNorrin"),),
        first=(("MIME-Version", "1.0"),),
    )
    message.set_content(text)
    message.add_alternative(body_html, subtype="html")
    for attachment in source.attachments:
        _attach(message, attachment)
    return _finish(message, "plan", message_id)


def html_only_email(
    sample: SampleLetter,
    *,
    message_id: str,
    date: datetime,
    to: Party | None = None,
    include_letter: bool = True,
) -> bytes:
    """A plan's email with no text/plain part at all: the notice (and, with
    ``include_letter``, the letter itself) only in its HTML, as some plans' systems send."""
    plan = sample.plan
    if plan is None:
        raise ValueError(f"{sample.key} does not come from a plan")
    paragraphs = list(sample.email_paragraphs)
    if include_letter and sample.letter is not None:
        paragraphs += [block for block in sample.letter_text().strip().split("\n\n") if block]
    message = _start(
        sender=sample.sender.header,
        to=(to or sample.patient).header,
        subject=sample.subject,
        message_id=message_id,
        moment=date,
        first=(("MIME-Version", "1.0"),),
        extra=(("Reply-To", sample.sender.header),),
    )
    message.set_content(
        _plan_html(plan, sample.subject, [*paragraphs, *plan.footer], sample.language),
        subtype="html",
    )
    return _finish(message, "plan", message_id)


def patient_email(
    patient: Party,
    *,
    subject: str,
    note: str,
    attachments: Sequence[FileAttachment],
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
    client: Literal["gmail", "iphone"] = "gmail",
) -> bytes:
    """A patient's own new email with files: the scan or photo of a paper letter, a Word
    document. Gmail sends text and HTML with the files as attachments; the iPhone sends
    plain text with the pictures inline, as its Mail app does."""
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join(note_blocks) + "\n"
    if client == "iphone":
        message = _start(
            sender=patient.header,
            to=to.header,
            subject=subject,
            message_id=message_id,
            moment=date,
            extra=(("X-Mailer", "iPhone Mail (23B85)"),),
        )
        message.set_content(text + "\nSent from my iPhone\n")
        for attachment in attachments:
            _attach(message, attachment, disposition="inline")
        return _finish(message, "apple", message_id)
    message = _start(
        first=(("MIME-Version", "1.0"),),
        sender=patient.header,
        to=to.header,
        subject=subject,
        message_id=message_id,
        moment=date,
    )
    message.set_content(text)
    message.add_alternative(
        '<div dir="ltr">'
        + "".join(f"<div>{_html_lines(b)}</div><div><br></div>" for b in note_blocks)
        + "</div>\n",
        subtype="html",
    )
    for index, attachment in enumerate(attachments):
        _attach(message, attachment, headers=_gmail_attachment_headers(message_id, index))
    return _finish(message, "gmail", message_id)
