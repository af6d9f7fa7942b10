"""Emails made from a catalogue letter: what the patient receives (the plan's notification,
``insurer_email``: text and HTML in the plan's colours, maybe with the letter's PDF; or a plain
``personal_email`` from a person) and the new email in which the patient pastes the letter's
text (``letter_in_body``). Wrapping an email already received is ``forwards``' job."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from .mime import _attach, _finish, _h, _html_lines, _note_paragraphs, _start, _text_blocks
from .model import FileAttachment, SampleLetter
from .pdf import sample_pdf
from .people import SERVICE_INBOX, Party, Plan


def _plan_html(
    plan: Plan, subject: str, paragraphs: Sequence[str], language: str, *, extra_html: str = ""
) -> str:
    blocks: list[str] = []
    for paragraph in paragraphs:
        if paragraph == "\f":
            continue
        if paragraph.startswith("## "):
            blocks.append(
                '<h2 style="margin:24px 0 8px 0;font-size:17px;line-height:22px;'
                f'color:{plan.colour};">{_h(paragraph[3:])}</h2>'
            )
        else:
            blocks.append(f'<p style="margin:0 0 16px 0;">{_html_lines(paragraph)}</p>')
    if extra_html:
        blocks.append(extra_html)
    body = "\n".join(blocks)
    footer = "<br>\n".join(_h(line) for line in plan.footer)
    button = "Iniciar sesión" if language == "es" else "Sign in to your account"
    table = 'role="presentation" cellpadding="0" cellspacing="0" border="0"'
    card = (
        "max-width:600px;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;"
        "font-size:15px;line-height:22px;color:#333333;"
    )
    banner = (
        f"background-color:{plan.colour};padding:18px 24px;color:#ffffff;font-size:20px;"
        "font-weight:bold;"
    )
    link = (
        f"display:inline-block;background-color:{plan.colour};color:#ffffff;"
        "text-decoration:none;padding:10px 18px;border-radius:4px;"
    )
    small = (
        "padding:16px 24px 24px 24px;font-size:12px;line-height:18px;color:#767676;"
        "border-top:1px solid #e5e5e5;"
    )
    lines = (
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(subject)}</title>",
        "</head>",
        '<body style="margin:0;padding:0;background-color:#f2f2f2;">',
        f'<table {table} width="100%" style="background-color:#f2f2f2;">',
        '<tr><td align="center" style="padding:24px 12px;">',
        f'<table {table} width="600" style="{card}">',
        f'<tr><td style="{banner}">{_h(plan.name)}</td></tr>',
        '<tr><td style="padding:28px 24px 8px 24px;">',
        body,
        f'<p style="margin:8px 0 24px 0;"><a href="{html.escape(plan.portal_url)}" '
        f'style="{link}">{button}</a></p>',
        "</td></tr>",
        f'<tr><td style="{small}">',
        footer,
        "</td></tr>",
        "</table>",
        "</td></tr>",
        "</table>",
        "</body>",
        "</html>",
    )
    return "\n".join(lines) + "\n"


def insurer_email(
    sample: SampleLetter,
    *,
    message_id: str,
    date: datetime,
    to: Party | None = None,
    with_pdf: bool = True,
    pdf: bytes | None = None,
    pdf_filename: str | None = None,
    pdf_content_type: str = "application/pdf",
    pdf_pages: int = 1,
    include_letter_text: bool = False,
) -> bytes:
    """The plan's notification email: multipart/alternative text and HTML, maybe with the PDF.

    The PDF is the sample's letter (``sample_pdf``) unless ``pdf`` gives other bytes (a scanned
    or damaged file); ``pdf_content_type`` lets a test send it as ``application/octet-stream``,
    as some plans' systems do. ``include_letter_text`` appends the letter itself to the body,
    as plans that email the notice rather than attach it do.
    """
    plan = sample.plan
    if plan is None:
        raise ValueError(f"{sample.key} does not come from a plan: use personal_email")
    paragraphs = list(sample.email_paragraphs)
    if include_letter_text:
        paragraphs.append(sample.letter_text())
    paragraphs.extend(plan.footer)
    message = _start(
        sender=sample.sender.header,
        to=(to or sample.patient).header,
        subject=sample.subject,
        message_id=message_id,
        moment=date,
        extra=(("Reply-To", sample.sender.header),),
    )
    text = _text_blocks(paragraphs)
    message.set_content(text)
    letter_html = (
        '<pre style="font-family:Arial,Helvetica,sans-serif;white-space:pre-wrap;">'
        f"{_h(sample.letter_text())}</pre>"
        if include_letter_text
        else ""
    )
    message.add_alternative(
        _plan_html(
            plan, sample.subject, sample.email_paragraphs, sample.language, extra_html=letter_html
        ),
        subtype="html",
    )
    if with_pdf and (pdf is not None or sample.letter is not None):
        data = pdf if pdf is not None else sample_pdf(sample, pages=pdf_pages)
        filename = pdf_filename or sample.pdf_filename or "letter.pdf"
        _attach(message, FileAttachment(filename, pdf_content_type, data))
    return _finish(message, "plan", message_id)


def personal_email(
    sample: SampleLetter, *, message_id: str, date: datetime, to: Party | None = None
) -> bytes:
    """A plain-text email from a person (sent from a phone): the ordinary mail in an inbox."""
    message = _start(
        sender=sample.sender.header,
        to=(to or sample.patient).header,
        subject=sample.subject,
        message_id=message_id,
        moment=date,
        extra=(("X-Mailer", "iPhone Mail (23B85)"),),
    )
    message.set_content(_text_blocks(sample.email_paragraphs))
    return _finish(message, "apple", message_id)


def letter_in_body(
    sample: SampleLetter,
    patient: Party | None = None,
    *,
    note: str = "",
    subject: str,
    message_id: str,
    date: datetime,
    to: Party = SERVICE_INBOX,
) -> bytes:
    """The patient pasted the letter's text into a new email (Gmail: text and HTML)."""
    sender = patient or sample.patient
    pasted = sample.letter_text()
    note_blocks = _note_paragraphs(note)
    text = "\n\n".join([*note_blocks, pasted.rstrip("\n")]) + "\n"
    body_html = (
        '<div dir="ltr">'
        + "".join(f"<div>{_html_lines(b)}</div><div><br></div>" for b in note_blocks)
        + "".join(
            f"<div>{_html_lines(b)}</div><div><br></div>" for b in pasted.strip().split("\n\n")
        )
        + "</div>\n"
    )
    message = _start(
        first=(("MIME-Version", "1.0"),),
        sender=sender.header,
        to=to.header,
        subject=subject,
        message_id=message_id,
        moment=date,
    )
    message.set_content(text)
    message.add_alternative(body_html, subtype="html")
    return _finish(message, "gmail", message_id)
