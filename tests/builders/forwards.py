"""How patients send an email they received on to the service, wrapped the way real mail
clients do it: Gmail, Outlook and Apple Mail inline forwards, "Forward as Attachment" (Outlook,
Thunderbird), and a Gmail reply to an earlier message (``reply_gmail``). Each takes the raw bytes
of the earlier email."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Sequence
from datetime import datetime
from email.message import MIMEPart
from email.utils import parseaddr
from typing import Literal

from .dates import apple_date, gmail_date, outlook_date
from .mime import (
    BoundaryStyle,
    _attach,
    _finish,
    _gmail_attachment_headers,
    _h,
    _html_lines,
    _note_paragraphs,
    _prefixed,
    _read_original,
    _start,
)
from .model import FileAttachment
from .people import SERVICE_INBOX, Party


def forward_gmail_inline(
    original: bytes,
    patient: Party,
    *,
    note: str = "",
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
) -> bytes:
    """Gmail's "Forward": the note, a "Forwarded message" block, the original, its attachments."""
    source = _read_original(original)
    quoted_date = gmail_date(source.date) if source.date else ""
    header_lines = [
        "---------- Forwarded message ---------",
        f"From: {source.sender}",
        f"Date: {quoted_date}",
        f"Subject: {source.subject}",
        f"To: {source.to}",
    ]
    if source.cc:
        header_lines.append(f"Cc: {source.cc}")
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join([*note_blocks, "\n".join(header_lines)]) + "\n\n\n" + source.text

    def address_html(value: str) -> str:
        name, address = parseaddr(value)
        link = f'&lt;<a href="mailto:{html.escape(address)}">{html.escape(address)}</a>&gt;'
        if not name:
            return f'<span dir="auto">{link}</span>'
        return (
            f'<strong class="gmail_sendername" dir="auto">{_h(name)}</strong> '
            f'<span dir="auto">{link}</span>'
        )

    note_html = "".join(f'<div dir="ltr">{_html_lines(b)}</div><br>' for b in note_blocks)
    body_html = (
        f'<div dir="ltr">{note_html}<div class="gmail_quote gmail_quote_container">'
        '<div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>'
        f"From: {address_html(source.sender)}<br>"
        f"Date: {_h(quoted_date)}<br>"
        f"Subject: {_h(source.subject)}<br>"
        f"To: {address_html(source.to)}<br></div><br><br>"
        f"{source.html}</div></div>\n"
    )
    message = _start(
        first=(("MIME-Version", "1.0"),),
        sender=patient.header,
        to=to.header,
        subject=_prefixed("Fwd:", source.subject),
        message_id=message_id,
        moment=date,
    )
    message.set_content(text)
    message.add_alternative(body_html, subtype="html")
    for index, attachment in enumerate(source.attachments):
        _attach(message, attachment, headers=_gmail_attachment_headers(message_id, index))
    return _finish(message, "gmail", message_id)


_OUTLOOK_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0in;font-size:11.0pt;font-family:"Aptos",sans-serif;}
a:link, span.MsoHyperlink
	{color:#467886;text-decoration:underline;}
@page WordSection1
	{size:8.5in 11.0in;margin:1.0in 1.0in 1.0in 1.0in;}
div.WordSection1
	{page:WordSection1;}
--></style>
</head>
<body lang="EN-US" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
"""


def _outlook_headers(seed: str, subject: str, has_attachment: bool) -> list[tuple[str, str]]:
    thread_index = hashlib.sha256(f"thread:{seed}".encode()).digest()[:22]
    return [
        ("Thread-Topic", subject),
        ("Thread-Index", base64.b64encode(thread_index).decode()),
        ("Accept-Language", "en-US"),
        ("X-MS-Has-Attach", "yes" if has_attachment else ""),
        ("X-MS-TNEF-Correlator", ""),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]


_OUTLOOK_LATE = (("Content-Language", "en-US"),)


def _outlook_note_html(note_blocks: Sequence[str]) -> str:
    paragraphs = []
    for block in note_blocks:
        for line in block.split("\n"):
            paragraphs.append(f'<p class="MsoNormal">{_h(line)}<o:p></o:p></p>')
        paragraphs.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
    return "\n".join(paragraphs)


def forward_outlook_inline(
    original: bytes,
    patient: Party,
    *,
    note: str = "",
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
) -> bytes:
    """Outlook desktop's "Forward": a rule of underscores, then From/Sent/To/Subject."""
    source = _read_original(original)
    sent = outlook_date(source.date) if source.date else ""
    header_lines = [
        "_" * 32,
        f"From: {source.sender}",
        f"Sent: {sent}",
        f"To: {source.to}",
    ]
    if source.cc:
        header_lines.append(f"Cc: {source.cc}")
    header_lines.append(f"Subject: {source.subject}")
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join([*note_blocks, "\n".join(header_lines)]) + "\n\n" + source.text
    quoted = (
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">\n'
        f'<p class="MsoNormal"><b>From:</b> {_h(source.sender)} <br>\n'
        f"<b>Sent:</b> {_h(sent)}<br>\n"
        f"<b>To:</b> {_h(source.to)}<br>\n"
        f"<b>Subject:</b> {_h(source.subject)}<o:p></o:p></p>\n</div>\n"
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
    )
    body_html = (
        _OUTLOOK_HEAD
        + _outlook_note_html(note_blocks)
        + "\n"
        + quoted
        + source.html
        + "\n</div>\n</body>\n</html>\n"
    )
    subject = _prefixed("FW:", source.subject)
    message = _start(
        sender=patient.header,
        to=to.header,
        subject=subject,
        message_id=message_id,
        moment=date,
        extra=_outlook_headers(message_id, source.subject, bool(source.attachments)),
    )
    message.set_content(text)
    message.add_alternative(body_html, subtype="html")
    for attachment in source.attachments:
        _attach(message, attachment)
    return _finish(message, "outlook", message_id, _OUTLOOK_LATE)


def forward_apple_inline(
    original: bytes,
    patient: Party,
    *,
    note: str = "",
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
    device: Literal["iphone", "mac"] = "iphone",
) -> bytes:
    """Apple Mail's "Forward": "Begin forwarded message:" and the headers, in its own layout.

    Like Apple Mail, the attachments travel inside the HTML alternative
    (``multipart/alternative`` > ``multipart/mixed`` > html, pdf, html) with an ``inline``
    disposition, which trips parsers that only look for top-level ``attachment`` parts.
    """
    source = _read_original(original)
    quoted_date = apple_date(source.date) if source.date else ""
    if device == "iphone":
        fields = [
            ("From", source.sender),
            ("Date", quoted_date),
            ("To", source.to),
            ("Subject", source.subject),
        ]
        signature = ["Sent from my iPhone"]
    else:
        fields = [
            ("From", source.sender),
            ("Subject", source.subject),
            ("Date", quoted_date),
            ("To", source.to),
        ]
        signature = []
    if source.cc:
        fields.append(("Cc", source.cc))
    note_blocks = _note_paragraphs(note)
    header_text = "\n".join(f"{name}: {value}" for name, value in fields)
    text = (
        "\n\n".join([*note_blocks, *signature, "Begin forwarded message:", header_text])
        + "\n\n"
        + source.text
    )
    note_html = "".join(f'<div dir="ltr">{_html_lines(b)}<br><br></div>' for b in note_blocks)
    signature_html = "".join(f'<div dir="ltr">{_h(s)}</div>' for s in signature)
    fields_html = "".join(
        f"<b>{name}:</b> {_h(value)}<br>"
        if name != "Subject"
        else f"<b>{name}:</b> <b>{_h(value)}</b><br>"
        for name, value in fields
    )
    head_html = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        f'<body dir="auto">{note_html}{signature_html}<div dir="ltr"><br>'
        '<blockquote type="cite">Begin forwarded message:<br><br></blockquote></div>'
        f'<blockquote type="cite"><div dir="ltr">{fields_html}</div></blockquote>'
        f'<blockquote type="cite"><div dir="ltr">{source.html}</div>'
    )
    tail_html = '<div dir="ltr"></div></blockquote></body></html>\n'
    extra: list[tuple[str, str]] = [
        (
            "X-Mailer",
            "iPhone Mail (23B85)" if device == "iphone" else "Apple Mail (2.3826.600.51.1.1)",
        )
    ]
    message = _start(
        sender=patient.header,
        to=to.header,
        subject=_prefixed("Fwd:", source.subject),
        message_id=message_id,
        moment=date,
        extra=extra,
    )
    message.set_content(text)
    if not source.attachments:
        message.add_alternative(head_html + tail_html, subtype="html")
        return _finish(message, "apple", message_id)
    message.add_alternative(head_html, subtype="html")
    html_part = list(message.iter_parts())[1]
    html_part.make_mixed()
    for attachment in source.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        html_part.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            disposition="inline",
            filename=attachment.filename,
            params={"name": attachment.filename, "x-unix-mode": "0644"},
        )
    tail = MIMEPart()
    tail.set_content(tail_html, subtype="html")
    html_part.attach(tail)
    return _finish(message, "apple", message_id)


def forward_as_attachment(
    original: bytes,
    patient: Party,
    *,
    note: str = "",
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
    client: Literal["outlook", "thunderbird"] = "outlook",
) -> bytes:
    """ "Forward as Attachment": the original travels whole as a message/rfc822 part."""
    source = _read_original(original)
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join(note_blocks) + "\n" if note_blocks else "\n"
    safe_subject = re.sub(r'[\\/:*?"<>|]+', "", source.subject).strip() or "message"
    if client == "outlook":
        message = _start(
            sender=patient.header,
            to=to.header,
            subject=_prefixed("FW:", source.subject),
            message_id=message_id,
            moment=date,
            extra=_outlook_headers(message_id, source.subject, True),
        )
        message.set_content(text)
        message.add_alternative(
            _OUTLOOK_HEAD + _outlook_note_html(note_blocks) + "\n</div>\n</body>\n</html>\n",
            subtype="html",
        )
        style: BoundaryStyle = "outlook"
    else:
        message = _start(
            sender=patient.header,
            to=to.header,
            subject=_prefixed("Fwd:", source.subject),
            message_id=message_id,
            moment=date,
            first=(("MIME-Version", "1.0"),),
            extra=(("User-Agent", "Mozilla Thunderbird 140.3.0"),),
        )
        message.set_content(text)
        style = "thunderbird"
    late = _OUTLOOK_LATE if client == "outlook" else (("Content-Language", "en-US"),)
    message.add_attachment(
        source.message,
        disposition="attachment",
        filename=f"{safe_subject}.eml",
        cte="7bit",
    )
    return _finish(message, style, message_id, late)


def reply_gmail(
    previous: bytes,
    patient: Party,
    *,
    note: str,
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
    attachments: Sequence[FileAttachment] = (),
) -> bytes:
    """Gmail's "Reply" to an earlier message in the thread, quoting it, with new attachments.

    How a patient adds to what they already sent: In-Reply-To and References point at
    ``previous``; its text is quoted with ``>`` under an "On ... wrote:" line.
    """
    source = _read_original(previous)
    previous_id = str(source.message["Message-ID"] or "")
    references = " ".join(
        part for part in (str(source.message["References"] or ""), previous_id) if part
    )
    attribution = f"On {gmail_date(source.date) if source.date else ''} {source.sender} wrote:"
    quoted = "\n".join(
        f"> {line}" if line else ">" for line in source.text.rstrip("\n").split("\n")
    )
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join([*note_blocks, attribution, quoted]) + "\n"
    note_html = "".join(f'<div dir="ltr">{_html_lines(b)}</div><br>' for b in note_blocks)
    body_html = (
        f'<div dir="ltr">{note_html}</div><br><div class="gmail_quote gmail_quote_container">'
        f'<div dir="ltr" class="gmail_attr">{_h(attribution)}<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
        'border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        f"{source.html}</blockquote></div>\n"
    )
    message = _start(
        first=(("MIME-Version", "1.0"),),
        sender=patient.header,
        to=to.header,
        subject=_prefixed("Re:", source.subject),
        message_id=message_id,
        moment=date,
        extra=(("In-Reply-To", previous_id), ("References", references)),
    )
    message.set_content(text)
    message.add_alternative(body_html, subtype="html")
    for index, attachment in enumerate(attachments):
        _attach(message, attachment, headers=_gmail_attachment_headers(message_id, index))
    return _finish(message, "gmail", message_id)
