"""Realistic inputs for the tests and ``denialwatch demo``: denial letters and their emails.

Three layers, each pure (values in, bytes out; no clock, no randomness, no files):

* ``letter_pdf`` prints a letter the way a plan's correspondence system does: letterhead, date,
  member block, body, the regulator's statement in bold, page numbers, enclosure pages.
* ``insurer_email`` and ``personal_email`` make the message a patient receives; the
  ``forward_*`` functions, ``letter_in_body`` and ``reply_gmail`` wrap it the way real mail
  clients do when the patient sends it on to the service.
* ``SAMPLE_LETTERS`` is a catalogue of invented letters (people, numbers and dates are made up;
  the regulators' phone numbers and web sites are the real ones, since the product reads them).
  Every fact in a letter's ``Facts`` occurs verbatim in its text, so the reader can quote it.

Every builder takes its Message-ID and Date as parameters and sets each MIME boundary from a hash
of the Message-ID, so the same call returns the same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, parseaddr
from typing import Literal
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from denialwatch.domain.model import Category, DocumentKind, Route

PACIFIC = ZoneInfo("America/Los_Angeles")
"""Where the patients live; forwarded-header dates are shown in this zone, as their clients do."""


# --- people, plans and letters ----------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """Someone who sends or receives mail: always an invented name at an example domain."""

    name: str
    address: str

    @property
    def header(self) -> str:
        """The address as a From/To header shows it: ``Name <address>``."""
        return formataddr((self.name, self.address))


SERVICE_INBOX = Party("DenialWatch", "help@denialwatch.example.org")
"""Where patients forward their letters in these samples."""


@dataclass(frozen=True)
class Plan:
    """A health plan as its mail shows it: brand, notification mailbox, colours, phone."""

    name: str
    """The brand the letters and emails print ("Kaiser Permanente")."""
    sender: Party
    """The no-reply mailbox its notification emails come from."""
    colour: str
    """Header colour of its HTML emails."""
    portal_url: str
    phone: str
    """Member Services, as printed in its letters (invented 555 numbers)."""
    footer: tuple[str, ...]
    """Small print under its emails."""


@dataclass(frozen=True)
class Letter:
    """A printed letter, part by part, as ``letter_pdf`` lays it out.

    ``paragraphs`` use a tiny markup: ``"## "`` starts a heading, ``"- "`` a bullet, and a
    paragraph that is exactly ``"\\f"`` starts a new page (an enclosure such as "Your Rights").
    All text must be latin-1, because the PDF uses the core Helvetica font.
    """

    organisation: str
    letterhead: tuple[str, ...]
    date_line: str
    recipient: tuple[str, ...]
    member_block: tuple[tuple[str, str], ...]
    title: str
    paragraphs: tuple[str, ...]
    closing: tuple[str, ...] = ()
    statement: str = ""
    """The regulator's statement, printed in bold (HSC 1368.02(b) asks for 12-point bold)."""
    running_header: str = ""
    """Printed at the top of every page after the first."""
    footer_code: str = ""
    """The form number printed at the foot of each page, beside the page number."""

    def text(self) -> str:
        """The letter as plain text, as a patient pasting it from a portal would copy it."""
        blocks: list[str] = ["\n".join((self.organisation, *self.letterhead)), self.date_line]
        if self.recipient:
            blocks.append("\n".join(self.recipient))
        if self.member_block:
            blocks.append("\n".join(f"{label}: {value}" for label, value in self.member_block))
        blocks.append(self.title)
        blocks.extend(
            p.removeprefix("## ") for p in (*self.paragraphs, *self.closing_block()) if p != "\f"
        )
        if self.statement:
            blocks.append(self.statement)
        return "\n\n".join(blocks) + "\n"

    def closing_block(self) -> tuple[str, ...]:
        return ("\n".join(self.closing),) if self.closing else ()


@dataclass(frozen=True)
class Facts:
    """What the reader should find in a denial, each value as the letter prints it."""

    insurer: str
    member_id: str
    reference_number: str
    letter_date: date
    letter_date_text: str
    """``letter_date`` as printed ("March 11, 2026", "17 de abril de 2026")."""
    service: str
    category: Category
    category_quote: str
    """Words of the letter that show the category."""
    route: Route
    route_quote: str
    """Words of the letter that show the regulator."""
    urgent: bool
    urgent_quote: str | None
    reason: str
    """The plan's reason, one sentence, verbatim."""

    def quotes(self) -> tuple[str, ...]:
        """Every string that must occur verbatim in the letter."""
        found = (
            self.insurer,
            self.member_id,
            self.reference_number,
            self.letter_date_text,
            self.service,
            self.category_quote,
            self.route_quote,
            self.urgent_quote,
            self.reason,
        )
        return tuple(q for q in found if q)


@dataclass(frozen=True)
class SampleLetter:
    """One catalogue entry: the email a patient received, the letter in it, what it means."""

    key: str
    description: str
    kind: DocumentKind
    language: str
    """``en`` or ``es``."""
    plan: Plan | None
    """None for mail that does not come from a plan (a personal email)."""
    sender: Party
    patient: Party
    subject: str
    email_paragraphs: tuple[str, ...]
    """The body of the email, same markup as ``Letter.paragraphs``."""
    letter: Letter | None = None
    pdf_filename: str | None = None
    facts: Facts | None = None
    letter_datetime: datetime | None = field(default=None, compare=False)
    """When the plan's system printed the letter (the PDF's creation date)."""

    def letter_text(self) -> str:
        if self.letter is None:
            raise ValueError(f"{self.key} has no letter")
        return self.letter.text()


@dataclass(frozen=True)
class FileAttachment:
    filename: str
    content_type: str
    data: bytes


# --- text helpers ----------------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2022": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def latin1_safe(text: str) -> str:
    """``text`` with typographic punctuation made plain, so the core PDF fonts can print it.

    Accented letters (Spanish included) are latin-1 and pass through; anything else that is not
    latin-1 raises ``ValueError`` instead of turning into a question mark.
    """
    plain = text.translate(_TYPOGRAPHY)
    try:
        plain.encode("latin-1")
    except UnicodeEncodeError as err:
        raise ValueError(f"not printable in a core PDF font: {plain[err.start]!r}") from err
    return plain


def normalise_space(text: str) -> str:
    """Runs of whitespace as one space: how to compare text across line and page breaks."""
    return " ".join(text.split())


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("dates must be timezone-aware")
    return moment


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


# --- the PDF ---------------------------------------------------------------------------------

_MARGIN = 60.0
_BODY_SIZE = 10.5
_LINE = 14.0


class _LetterPDF(FPDF):
    def __init__(self, running_header: str, footer_code: str) -> None:
        super().__init__(orientation="portrait", unit="pt", format="letter")
        self._running_header = running_header
        self._footer_code = footer_code

    def header(self) -> None:
        if self.page_no() == 1 or not self._running_header:
            return
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(0, 10, self._running_header, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(14)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-40)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        if self._footer_code:
            self.cell(0, 10, self._footer_code, align="L")
            self.set_x(self.l_margin)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)


_LANGUAGE_ASSISTANCE = (
    "## Language Assistance Services",
    "ATTENTION: If you need help in your language, call the Member Services number on your ID "
    "card (TTY 711). Aids and services for people with disabilities, like documents in braille "
    "and large print, are also available. These services are free.",
    "ATENCIÓN: Si necesita ayuda en su idioma, llame al número de Servicios para Miembros que "
    "figura en su tarjeta de identificación (TTY 711). También ofrecemos asistencia y servicios "
    "para personas con discapacidades, como documentos en braille y con letras grandes. Estos "
    "servicios son gratuitos.",
    "PAUNAWA: Kung kailangan mo ng tulong sa iyong wika, tumawag sa numero ng Member Services na "
    "nasa iyong ID card (TTY 711). Mayroon ding mga tulong at serbisyo para sa mga taong may "
    "kapansanan. Libre ang mga serbisyong ito.",
    "ATTENTION : Si vous avez besoin d'aide dans votre langue, appelez le numéro des Services aux "
    "membres indiqué sur votre carte (TTY 711). Ces services sont gratuits.",
)


def _nondiscrimination(organisation: str) -> tuple[str, ...]:
    return (
        "## Nondiscrimination Notice",
        f"Discrimination is against the law. {organisation} follows State and Federal civil "
        f"rights laws. {organisation} does not unlawfully discriminate, exclude people, or treat "
        "them differently because of sex, race, color, religion, ancestry, national origin, "
        "ethnic group identification, age, mental disability, physical disability, medical "
        "condition, genetic information, marital status, gender, gender identity, or sexual "
        "orientation.",
        "If you believe that you have been discriminated against, you can file a complaint with "
        "our Civil Rights Coordinator by calling the Member Services number on your ID card, or "
        "with the U.S. Department of Health and Human Services, Office for Civil Rights, at "
        "1-800-368-1019 (TDD 1-800-537-7697).",
    )


def letter_pdf(
    lines_or_paragraphs: Letter | str | Sequence[str],
    *,
    title: str | None = None,
    pages: int = 1,
    created: datetime = datetime(2026, 1, 5, 14, 0, tzinfo=UTC),
) -> bytes:
    """A denial-letter PDF that ``pdfplumber`` reads back in order.

    ``lines_or_paragraphs`` is a full ``Letter``, or just body paragraphs (a string is split at
    blank lines), which get a generic letterhead. ``title`` overrides the letter's title.
    ``pages`` is a minimum: a letter shorter than that gets the language-assistance and
    nondiscrimination pages real plans enclose. A longer letter runs onto as many pages as it
    needs; paragraphs are kept whole on one page when they fit, so a quoted sentence is never
    interrupted by a page footer. ``created`` is the document's creation date (no clock reads).
    """
    letter = _as_letter(lines_or_paragraphs)
    pdf = _LetterPDF(letter.running_header, letter.footer_code)
    pdf.set_creation_date(_require_aware(created))
    pdf.set_title(latin1_safe(title or letter.title))
    pdf.set_author(latin1_safe(letter.organisation))
    pdf.set_creator("Correspondence Composer 12.4")
    pdf.set_producer("Correspondence Composer 12.4 PDF Output")
    pdf.set_margins(_MARGIN, 54, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=60)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 20, latin1_safe(letter.organisation), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.set_text_color(70)
    for line in letter.letterhead:
        pdf.cell(0, 11, latin1_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    pdf.ln(4)
    pdf.set_draw_color(150)
    pdf.line(_MARGIN, pdf.get_y(), pdf.w - _MARGIN, pdf.get_y())
    pdf.ln(16)

    pdf.set_font("Helvetica", "", _BODY_SIZE)
    pdf.cell(0, _LINE, latin1_safe(letter.date_line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    for line in letter.recipient:
        pdf.cell(0, _LINE, latin1_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if letter.recipient:
        pdf.ln(10)
    pdf.set_font("Helvetica", "B", _BODY_SIZE)
    label_width = max(
        (pdf.get_string_width(latin1_safe(f"{label}:")) for label, _ in letter.member_block),
        default=0,
    )
    label_width = max(150.0, label_width + 14)
    for label, value in letter.member_block:
        pdf.set_font("Helvetica", "B", _BODY_SIZE)
        pdf.cell(label_width, _LINE, latin1_safe(f"{label}:"))
        pdf.set_font("Helvetica", "", _BODY_SIZE)
        pdf.multi_cell(0, _LINE, latin1_safe(value), align="L")
        pdf.set_x(_MARGIN)
    pdf.ln(12)

    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 17, latin1_safe(title or letter.title), align="C")
    pdf.ln(8)

    for paragraph in (*letter.paragraphs, *letter.closing_block()):
        _paragraph(pdf, paragraph)
    if letter.statement:
        pdf.ln(4)
        _keep_together(pdf, letter.statement, size=12, bold=True)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 15, latin1_safe(letter.statement), border=1, align="L", padding=6)

    enclosures = (_LANGUAGE_ASSISTANCE, _nondiscrimination(letter.organisation))
    index = 0
    while pdf.page_no() < pages:
        pdf.add_page()
        for paragraph in enclosures[index % len(enclosures)]:
            _paragraph(pdf, paragraph)
        index += 1
    return bytes(pdf.output())


def _as_letter(content: Letter | str | Sequence[str]) -> Letter:
    if isinstance(content, Letter):
        return content
    if isinstance(content, str):
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", content) if p.strip())
    else:
        paragraphs = tuple(content)
    return Letter(
        organisation="Golden Poppy Health Plan",
        letterhead=("P.O. Box 4410, Sacramento, CA 95812-4410", "Member Services 1-800-555-0100"),
        date_line="January 5, 2026",
        recipient=(),
        member_block=(),
        title="Notice of Action",
        paragraphs=paragraphs,
    )


def _line_count(pdf: FPDF, text: str, width: float) -> int:
    lines = pdf.multi_cell(width, _LINE, text, dry_run=True, output="LINES", align="L")
    return max(1, len(lines)) if isinstance(lines, list) else 1


def _keep_together(pdf: FPDF, text: str, *, size: float, bold: bool, extra: float = 0) -> None:
    """Start a new page first when ``text`` would be split by a page break but fits on one."""
    pdf.set_font("Helvetica", "B" if bold else "", size)
    height = _line_count(pdf, latin1_safe(text), pdf.epw - 12) * (size + 4) + 12 + extra
    if pdf.will_page_break(height) and height < (pdf.h - 120) / 2:
        pdf.add_page()


def _paragraph(pdf: FPDF, paragraph: str) -> None:
    if paragraph == "\f":
        pdf.add_page()
        return
    if paragraph.startswith("## "):
        _keep_together(pdf, paragraph[3:], size=11.5, bold=True, extra=3 * _LINE)
        pdf.set_font("Helvetica", "B", 11.5)
        pdf.ln(4)
        pdf.multi_cell(0, 15, latin1_safe(paragraph[3:]), align="L")
        pdf.ln(3)
        return
    _keep_together(pdf, paragraph, size=_BODY_SIZE, bold=False)
    pdf.set_font("Helvetica", "", _BODY_SIZE)
    if paragraph.startswith("- "):
        pdf.rect(_MARGIN + 6, pdf.get_y() + 5, 3, 3, style="F")
        pdf.set_x(_MARGIN + 18)
        pdf.multi_cell(pdf.epw - 18, _LINE, latin1_safe(paragraph[2:]), align="L")
        pdf.set_x(_MARGIN)
        pdf.ln(4)
        return
    pdf.multi_cell(0, _LINE, latin1_safe(paragraph), align="L")
    pdf.ln(8)


@functools.lru_cache(maxsize=64)
def sample_pdf(sample: SampleLetter, *, pages: int = 1) -> bytes:
    """The PDF of a catalogue letter, created at the moment the plan printed it (cached: the
    same letter always gives the same bytes, and tests ask for it often)."""
    if sample.letter is None:
        raise ValueError(f"{sample.key} has no letter")
    created = sample.letter_datetime or datetime.combine(
        sample.facts.letter_date if sample.facts else date(2026, 1, 5),
        datetime.min.time(),
        tzinfo=PACIFIC,
    )
    return letter_pdf(sample.letter, pages=pages, created=created)


# --- emails: shared machinery ----------------------------------------------------------------

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


def _local(moment: datetime) -> datetime:
    return _require_aware(moment).astimezone(PACIFIC)


def _clock(moment: datetime, *, seconds: bool = False) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M}{moment.strftime(':%S') if seconds else ''} {moment:%p}"


def gmail_date(moment: datetime) -> str:
    """``Wed, Mar 11, 2026 at 4:07 PM``, as Gmail writes it in a forward or reply."""
    local = _local(moment)
    return f"{local:%a}, {local:%b} {local.day}, {local.year} at {_clock(local)}"


def outlook_date(moment: datetime) -> str:
    """``Wednesday, March 11, 2026 4:07 PM``, as Outlook desktop writes it."""
    local = _local(moment)
    return f"{local:%A}, {local:%B} {local.day}, {local.year} {_clock(local)}"


def apple_date(moment: datetime) -> str:
    """``March 11, 2026 at 4:07:12 PM PDT``, as Apple Mail writes it."""
    local = _local(moment)
    return f"{local:%B} {local.day}, {local.year} at {_clock(local, seconds=True)} {local:%Z}"


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


# --- emails: what the plan sends -------------------------------------------------------------


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


# --- emails: how patients send them on -------------------------------------------------------


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


# --- the catalogue ---------------------------------------------------------------------------

DMHC_PHONE = "1-888-466-2219"
DMHC_TDD = "1-877-688-9891"


def dmhc_statement(plan_phone: str) -> str:
    """The statement HSC 1368.02(b) requires on a Knox-Keene plan's grievance notices.

    Worded as plans print it in full (reference/california-imr-research.md, section 1.2).
    """
    return (
        "The California Department of Managed Health Care is responsible for regulating health "
        "care service plans. If you have a grievance against your health plan, you should first "
        f"telephone your health plan at {plan_phone} and use your health plan's grievance "
        "process before contacting the department. Utilizing this grievance procedure does not "
        "prohibit any potential legal rights or remedies that may be available to you. If you "
        "need help with a grievance involving an emergency, a grievance that has not been "
        "satisfactorily resolved by your health plan, or a grievance that has remained "
        "unresolved for more than 30 days, you may call the department for assistance. You may "
        "also be eligible for an Independent Medical Review (IMR). If you are eligible for IMR, "
        "the IMR process will provide an impartial review of medical decisions made by a health "
        "plan related to the medical necessity of a proposed service or treatment, coverage "
        "decisions for treatments that are experimental or investigational in nature and "
        "payment disputes for emergency or urgent medical services. The department also has a "
        f"toll-free telephone number ({DMHC_PHONE}) and a TDD line ({DMHC_TDD}) for the "
        "hearing and speech impaired. The department's Internet Web site www.dmhc.ca.gov has "
        "complaint forms, IMR application forms and instructions online."
    )


def dmhc_statement_es(plan_phone: str) -> str:
    """The same statement as a Spanish-language plan prints it (the project's translation)."""
    return (
        "El Departamento de Atención Médica Administrada de California es responsable de "
        "regular los planes de servicios de atención médica. Si tiene una queja contra su plan "
        f"de salud, primero debe llamar por teléfono a su plan de salud al {plan_phone} y usar "
        "el proceso de quejas de su plan de salud antes de comunicarse con el departamento. "
        "Utilizar este procedimiento de quejas no prohíbe ningún derecho o recurso legal que "
        "pueda estar a su disposición. Si necesita ayuda con una queja relacionada con una "
        "emergencia, una queja que su plan de salud no haya resuelto satisfactoriamente o una "
        "queja que no se haya resuelto por más de 30 días, puede llamar al departamento para "
        "obtener ayuda. También puede ser elegible para una Revisión Médica Independiente (IMR). "
        "Si es elegible para una IMR, el proceso de IMR ofrecerá una revisión imparcial de las "
        "decisiones médicas tomadas por un plan de salud relacionadas con la necesidad médica de "
        "un servicio o tratamiento propuesto, las decisiones de cobertura para tratamientos de "
        "naturaleza experimental o de investigación, y las disputas de pago por servicios "
        "médicos de emergencia o urgencia. El departamento también tiene un número de teléfono "
        f"gratuito ({DMHC_PHONE}) y una línea TDD ({DMHC_TDD}) para las personas con problemas "
        "de audición y del habla. El sitio web del departamento, www.dmhc.ca.gov, tiene "
        "formularios de quejas, formularios de solicitud de IMR e instrucciones en línea."
    )


def cdi_statement() -> str:
    """What a CDI-regulated insurer prints about the Department of Insurance (no fixed text)."""
    return (
        "If you believe this request has been wrongfully denied, you may have the matter "
        "reviewed by the California Department of Insurance. You may also have the right to an "
        "Independent Medical Review (IMR) through the California Department of Insurance of a "
        "decision that a service is not medically necessary. An IMR application is enclosed. "
        "California Department of Insurance, Consumer Services Division, 300 South Spring "
        "Street, South Tower, Los Angeles, CA 90013. Telephone: 1-800-927-4357 (800-927-HELP). "
        "Web site: www.insurance.ca.gov."
    )


def _no_reply(name: str, host: str, local: str = "no-reply") -> Party:
    return Party(name, f"{local}@{host}")


_DO_NOT_REPLY = "Please do not reply to this email. This mailbox is not monitored."

KAISER = Plan(
    name="Kaiser Permanente",
    sender=_no_reply("Kaiser Permanente", "kp-notices.example.com"),
    colour="#0078b3",
    portal_url="https://members.kp-notices.example.com/secure/letters",
    phone="1-800-555-0147",
    footer=(
        _DO_NOT_REPLY,
        "Kaiser Foundation Health Plan, Inc., P.O. Box 7136, Pasadena, CA 91109-7136",
        "You are receiving this email because you chose to get plan notices by email.",
    ),
)
BLUE_SHIELD = Plan(
    name="Blue Shield of California",
    sender=_no_reply("Blue Shield of California", "notices.blueshield-ca.example.com"),
    colour="#0066a1",
    portal_url="https://www.blueshield-ca.example.com/member/letters",
    phone="1-888-555-0121",
    footer=(
        _DO_NOT_REPLY,
        "Blue Shield of California, P.O. Box 60417, El Dorado Hills, CA 95762-0417",
    ),
)
ANTHEM = Plan(
    name="Anthem Blue Cross",
    sender=_no_reply("Anthem Blue Cross", "mail.anthem-bc.example.com", "noreply"),
    colour="#1a3673",
    portal_url="https://www.anthem-bc.example.com/member/message-center",
    phone="1-800-555-0183",
    footer=(
        "This is a service email from Anthem Blue Cross Life and Health Insurance Company.",
        _DO_NOT_REPLY,
    ),
)
LA_CARE = Plan(
    name="L.A. Care Health Plan",
    sender=_no_reply("L.A. Care Health Plan", "notify.lacare-plan.example.com"),
    colour="#00629b",
    portal_url="https://members.lacare-plan.example.com/portal",
    phone="1-888-555-0168",
    footer=(_DO_NOT_REPLY, "L.A. Care Health Plan, P.O. Box 811580, Los Angeles, CA 90081-1580"),
)
HEALTH_NET = Plan(
    name="Health Net",
    sender=_no_reply("Health Net", "alerts.healthnet-ca.example.com", "donotreply"),
    colour="#00838f",
    portal_url="https://member.healthnet-ca.example.com/letters",
    phone="1-800-555-0139",
    footer=(_DO_NOT_REPLY, "Health Net of California, Inc., P.O. Box 9103, Van Nuys, CA 91409"),
)
SCAN = Plan(
    name="SCAN Health Plan",
    sender=_no_reply("SCAN Health Plan", "scan-notices.example.com"),
    colour="#5b2c83",
    portal_url="https://members.scan-notices.example.com/documents",
    phone="1-800-555-0154",
    footer=(
        "SCAN Health Plan is an HMO plan with a Medicare contract.",
        _DO_NOT_REPLY,
    ),
)
AETNA = Plan(
    name="Aetna",
    sender=_no_reply("Aetna", "aetna-mail.example.com", "donotreply"),
    colour="#7d3f98",
    portal_url="https://member.aetna-mail.example.com/inbox",
    phone="1-800-555-0172",
    footer=(_DO_NOT_REPLY, "Aetna Life Insurance Company, Hartford, CT"),
)
SHARP = Plan(
    name="Sharp Health Plan",
    sender=_no_reply("Sharp Health Plan", "sharp-plan.example.com"),
    colour="#004b87",
    portal_url="https://members.sharp-plan.example.com/claims",
    phone="1-858-555-0115",
    footer=(_DO_NOT_REPLY, "Sharp Health Plan, P.O. Box 129011, San Diego, CA 92112-9011"),
)
MOLINA = Plan(
    name="Molina Healthcare",
    sender=_no_reply("Molina Healthcare", "molina-notices.example.com"),
    colour="#009ca6",
    portal_url="https://mylogin.molina-notices.example.com/",
    phone="1-888-555-0190",
    footer=(_DO_NOT_REPLY, "Molina Healthcare of California, Long Beach, CA"),
)
IEHP = Plan(
    name="Inland Empire Health Plan",
    sender=_no_reply("IEHP", "iehp-avisos.example.com"),
    colour="#1d4f91",
    portal_url="https://miembros.iehp-avisos.example.com/",
    phone="1-800-555-0119",
    footer=(
        "Por favor, no responda a este correo electrónico.",
        "Inland Empire Health Plan, P.O. Box 4319, Rancho Cucamonga, CA 91729-4319",
    ),
)

TERESA = Party("Teresa Almonte", "teresa.almonte@example.com")
GREGORY = Party("Gregory Tanaka", "gtanaka@example.net")
PRIYA = Party("Priya Raman", "priya.raman@example.org")
DARNELL = Party("Darnell Hayes", "darnellhayes77@example.com")
ELEANOR = Party("Eleanor Voss", "eleanor.voss@example.net")
HAROLD = Party("Harold Benavides", "hbenavides@example.org")
SAMANTHA = Party("Samantha Reyes-Hart", "sam.reyeshart@example.com")
JORDAN = Party("Jordan Castellanos", "jcastellanos@example.net")
NADIA = Party("Nadia Haddad", "nadia.haddad@example.org")
JOSE = Party("José Luis Ortega", "jl.ortega@example.com")
MARISOL = Party("Marisol Ibarra", "marisol.ibarra@example.net")
WALTER = Party("Walter Nguyen", "walter.nguyen@example.net")
LINDA = Party("Linda Almonte", "linda.almonte@example.org")


def _printed(day: date, hour: int = 5, minute: int = 12) -> datetime:
    """When a plan's overnight batch printed a letter dated ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PACIFIC)


def _kaiser_medical_necessity() -> SampleLetter:
    facts = Facts(
        insurer="Kaiser Permanente",
        member_id="000019482736",
        reference_number="UMD-2026-0311-4471",
        letter_date=date(2026, 3, 11),
        letter_date_text="March 11, 2026",
        service="Lumbar spinal fusion surgery (L4-L5)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied this request because it is not medically necessary: your medical records "
            "do not show at least 6 months of conservative treatment, including physical "
            "therapy, before surgery, as required by the InterQual 2026 Procedures criteria for "
            "Lumbar Fusion."
        ),
    )
    phone = f"{KAISER.phone} (TTY 711)"
    letter = Letter(
        organisation="Kaiser Permanente",
        letterhead=(
            "Kaiser Foundation Health Plan, Inc. - Southern California Region",
            "Utilization Management Services",
            "P.O. Box 7136, Pasadena, CA 91109-7136",
            f"Member Services {phone}, 24 hours a day, 7 days a week",
        ),
        date_line=facts.letter_date_text,
        recipient=("Teresa Almonte", "2417 Alder Creek Road", "Riverside, CA 92503"),
        member_block=(
            ("Member name", "Teresa Almonte"),
            ("Medical record number (MRN)", facts.member_id),
            ("Reference number", facts.reference_number),
            ("Requesting provider", "Nadia Ferreira, MD, Spine Surgery"),
            ("Service requested", facts.service),
            ("Date request received", "March 4, 2026"),
        ),
        title="Notice of Denial of Requested Services",
        paragraphs=(
            "Dear Teresa Almonte:",
            "Kaiser Permanente received a request from Nadia Ferreira, MD, for the service "
            "listed above. A physician reviewer who is board certified in orthopedic surgery "
            "reviewed the request and the medical records sent with it. This letter tells you "
            "what we decided, why, and what you can do if you disagree.",
            "## Our decision",
            f"Your request for lumbar spinal fusion surgery has been denied. {facts.reason}",
            "## The criteria we used",
            "We made this decision using the InterQual 2026 Procedures criteria, Spine Surgery: "
            "Lumbar Fusion. These criteria say that fusion surgery for low back pain with "
            "degenerative disc disease may be approved when symptoms continue after at least 6 "
            "months of conservative care, such as physical therapy, medicines and activity "
            "changes. The records we received show 8 weeks of physical therapy that ended in "
            "January 2026.",
            "You or your doctor may ask for a free copy of the criteria and of any documents we "
            f"used to make this decision. Call Member Services at {phone}.",
            "This decision was made by Samuel Whitcombe, MD, a physician reviewer. Your doctor "
            "may call Dr. Whitcombe at 1-626-555-0193 to discuss the decision.",
            "## If you disagree with our decision",
            "You have the right to file a grievance (also called an appeal) with Kaiser "
            "Permanente. You must file it within 180 days from the date of this letter. You may "
            f"call Member Services at {phone}, write to us at the address above, or fill out a "
            "grievance form at any Kaiser Permanente Member Services office. You may send us "
            "medical records, letters from your doctors and any other information you want us "
            "to consider.",
            "We will send you a written decision within 30 days of receiving your grievance. If "
            "waiting 30 days could seriously jeopardize your life, health or ability to regain "
            "maximum function, you or your doctor may ask for an expedited review, and we will "
            "decide within 72 hours.",
            "## Independent Medical Review",
            "If we uphold our decision, or if your grievance is not resolved within 30 days, you "
            "may ask the California Department of Managed Health Care for an Independent Medical "
            "Review (IMR). An IMR is a review of your case by doctors who are not part of Kaiser "
            "Permanente. There is no cost to you. If the IMR decides in your favor, we must "
            "provide the service.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Samuel Whitcombe, MD",
            "Physician Reviewer, Utilization Management Services",
            "cc: Nadia Ferreira, MD",
        ),
        statement=dmhc_statement(phone),
        running_header=f"Teresa Almonte - MRN {facts.member_id} - {facts.reference_number}",
        footer_code="KP-UM-DEN-01 (rev. 01/26)",
    )
    return SampleLetter(
        key="kaiser_medical_necessity",
        description="Kaiser Permanente HMO: spinal fusion not medically necessary (InterQual)",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=KAISER,
        sender=KAISER.sender,
        patient=TERESA,
        subject="Important information about your authorization request",
        email_paragraphs=(
            "Dear Teresa Almonte,",
            "We have made a decision about a recent request for services. A letter explaining "
            "the decision is attached to this email as a PDF. Please read it carefully: it "
            "explains the decision and your right to ask for a review.",
            "You can also read your letters any time when you sign in to your account.",
            f"If you have questions, call Member Services at {phone}, 24 hours a day, 7 days a "
            "week.",
        ),
        letter=letter,
        pdf_filename="KP_Notice_of_Denial_03112026.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date),
    )


def _blue_shield_experimental() -> SampleLetter:
    facts = Facts(
        insurer="Blue Shield of California",
        member_id="XEH614028357",
        reference_number="BSC-UM-260402-0087",
        letter_date=date(2026, 4, 2),
        letter_date_text="April 2, 2026",
        service="Proton beam radiation therapy for prostate cancer",
        category=Category.EXPERIMENTAL,
        category_quote="investigational",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "Proton beam radiation therapy is considered investigational for the treatment of "
            "localized prostate cancer because its effectiveness compared with intensity-"
            "modulated radiation therapy (IMRT) has not been established in peer-reviewed "
            "medical literature."
        ),
    )
    phone = f"{BLUE_SHIELD.phone} (TTY 711)"
    letter = Letter(
        organisation="Blue Shield of California",
        letterhead=(
            "Medical Care Solutions - Utilization Management",
            "P.O. Box 60417, El Dorado Hills, CA 95762-0417",
            f"Customer Service {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Gregory Tanaka", "1450 Pinecrest Way", "Sacramento, CA 95822"),
        member_block=(
            ("Member", "Gregory Tanaka"),
            ("Subscriber ID", facts.member_id),
            ("Case number", facts.reference_number),
            ("Plan", "Blue Shield Gold 80 HMO"),
            ("Requesting provider", "Alan Petrosyan, MD, Radiation Oncology"),
            ("Service requested", facts.service),
        ),
        title="Notice of Denial: Investigational Service",
        paragraphs=(
            "Dear Gregory Tanaka:",
            "We reviewed a request from Alan Petrosyan, MD, for proton beam radiation therapy "
            "(28 treatments, CPT 77523) for prostate cancer. After review by a board-certified "
            "radiation oncologist, Blue Shield of California has denied this request.",
            "## Why we denied the request",
            facts.reason,
            "Our decision is based on Blue Shield of California Medical Policy 8.01.10, "
            "Charged-Particle (Proton) Radiotherapy, and on your Evidence of Coverage, section "
            "Exclusions and Limitations: Investigational or Experimental Services. You or your "
            "provider may request a free copy of the medical policy and of the clinical "
            f"information we used by calling Customer Service at {phone}.",
            "## Your right to an Independent Medical Review",
            "Because this denial is based on a finding that the requested therapy is "
            "experimental or investigational, you do not have to file a grievance with Blue "
            "Shield before asking the Department of Managed Health Care for an Independent "
            "Medical Review (IMR). To qualify, your physician must certify that standard "
            "therapies have not been effective for you, are not medically appropriate for you, "
            "or that the requested therapy is likely to be more beneficial for you than any "
            "available standard therapy. An IMR application form and an addressed envelope are "
            "enclosed.",
            "You may also file a grievance with Blue Shield within 180 days of the date of this "
            "letter by calling Customer Service, by writing to Blue Shield of California, Attn: "
            "Appeals and Grievances, P.O. Box 60421, El Dorado Hills, CA 95762-0421, or online. "
            "We will respond within 30 days.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Medical Director",
            "Blue Shield of California",
            "Enclosures: IMR Application/Complaint Form, addressed envelope",
        ),
        statement=dmhc_statement(phone),
        running_header=f"Gregory Tanaka - {facts.member_id} - Case {facts.reference_number}",
        footer_code="BSC UM-INV (01/2026)",
    )
    return SampleLetter(
        key="blue_shield_experimental",
        description="Blue Shield of California: proton therapy denied as investigational",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=BLUE_SHIELD,
        sender=BLUE_SHIELD.sender,
        patient=GREGORY,
        subject="A decision has been made on your prior authorization request",
        email_paragraphs=(
            "Hello Gregory,",
            "A determination has been made on a prior authorization request submitted for you. "
            "Your letter is attached. Please review it for important information, including "
            "how to appeal the decision.",
            "Questions? Call Customer Service at the number on your member ID card.",
        ),
        letter=letter,
        pdf_filename=f"BSC_Determination_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 4, 40),
    )


def _anthem_ppo_cdi() -> SampleLetter:
    facts = Facts(
        insurer="Anthem Blue Cross",
        member_id="XGB418305729",
        reference_number="PA-26-105-77213",
        letter_date=date(2026, 4, 15),
        letter_date_text="April 15, 2026",
        service="In-lab sleep study (attended polysomnography)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.CDI,
        route_quote="California Department of Insurance",
        urgent=False,
        urgent_quote=None,
        reason=(
            "The in-lab sleep study is not medically necessary because your records do not show "
            "a condition, such as severe lung or heart disease, that would keep a home sleep "
            "apnea test from giving accurate results."
        ),
    )
    phone = f"{ANTHEM.phone} (TTY 711)"
    letter = Letter(
        organisation="Anthem Blue Cross",
        letterhead=(
            "Anthem Blue Cross Life and Health Insurance Company",
            "Utilization Management, P.O. Box 54318, Woodland Hills, CA 91365-4318",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Priya Raman", "3120 Fremont Street, Apt 4", "Fremont, CA 94538"),
        member_block=(
            ("Insured", "Priya Raman"),
            ("Identification number", facts.member_id),
            ("Policy", "Anthem PPO Select 1500 (individual policy)"),
            ("Reference number", facts.reference_number),
            ("Ordering provider", "Marcus Feldman, MD, Sleep Medicine"),
            ("Service requested", facts.service),
        ),
        title="Utilization Review Determination: Denial",
        paragraphs=(
            "Dear Priya Raman:",
            "Anthem Blue Cross Life and Health Insurance Company (Anthem Blue Cross) received a "
            "request from Marcus Feldman, MD, on April 9, 2026 for an in-lab sleep study "
            "(attended polysomnography, CPT 95810). We reviewed the request under the terms of "
            "your policy.",
            "## Our decision",
            f"We are not able to approve this request. {facts.reason}",
            "This decision was made by a physician reviewer board certified in sleep medicine, "
            "using the MCG Ambulatory Care guideline Polysomnography, Attended (A-0145). The "
            "guideline says that a home sleep apnea test is the first test for most adults with "
            "symptoms of obstructive sleep apnea. A home sleep apnea test is covered under your "
            "policy and has been approved instead; your doctor can order it right away.",
            "## Your right to appeal",
            "As an insured person you, or someone you name to act for you, may ask us to review "
            "this decision. Send your written appeal within 180 days of the date of this letter "
            "to Anthem Blue Cross Life and Health Insurance Company, Appeals and Grievances, "
            "P.O. Box 54320, Woodland Hills, CA 91365-4320, or call Member Services. We will "
            "decide within 30 days, or within 72 hours if your doctor tells us that waiting "
            "could seriously harm your health.",
            "## Review by the California Department of Insurance",
            "Your policy is regulated by the California Department of Insurance. Please read "
            "the notice below.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Utilization Management Department",
            "Anthem Blue Cross Life and Health Insurance Company",
            "Enclosures: Independent Medical Review application, addressed envelope",
        ),
        statement=cdi_statement(),
        running_header=f"Priya Raman - ID {facts.member_id} - Ref {facts.reference_number}",
        footer_code="ABCLH-UM-CA-PPO 01/26",
    )
    return SampleLetter(
        key="anthem_ppo_cdi",
        description="Anthem Blue Cross PPO policy (CDI): in-lab sleep study not necessary",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=ANTHEM,
        sender=ANTHEM.sender,
        patient=PRIYA,
        subject="Important information about your recent request for care",
        email_paragraphs=(
            "Hi Priya,",
            "You have a new letter about a request for care. We've attached a copy to this "
            "email. It's the same letter we mailed to the address we have on file.",
            "Please read it carefully. It explains our decision and what you can do if you "
            "disagree.",
        ),
        letter=letter,
        pdf_filename=f"Anthem_UM_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 6, 3),
    )


def _la_care_medi_cal_noa() -> SampleLetter:
    facts = Facts(
        insurer="L.A. Care Health Plan",
        member_id="94071268C",
        reference_number="2026-PA-0183342",
        letter_date=date(2026, 4, 28),
        letter_date_text="April 28, 2026",
        service="Power wheelchair (Group 3)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.MEDI_CAL,
        route_quote="Notice of Action",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied this request because the records from your doctor do not show that you "
            "are unable to safely use a manual wheelchair or a power scooter inside your home, "
            "so a power wheelchair is not medically necessary for you at this time."
        ),
    )
    phone = f"{LA_CARE.phone} (TTY 711)"
    letter = Letter(
        organisation="L.A. Care Health Plan",
        letterhead=(
            "Medi-Cal Plan",
            "Utilization Management, P.O. Box 811580, Los Angeles, CA 90081-1580",
            f"Member Services {phone}, 24 hours a day, 7 days a week",
        ),
        date_line=facts.letter_date_text,
        recipient=("Darnell Hayes", "5530 S. Wilton Place, Apt 12", "Los Angeles, CA 90062"),
        member_block=(
            ("Member name", "Darnell Hayes"),
            ("Member ID (CIN)", facts.member_id),
            ("Reference number", facts.reference_number),
            ("Provider", "Monique Carter, MD"),
            ("Service requested", facts.service),
        ),
        title="NOTICE OF ACTION",
        paragraphs=(
            "## Notice of Adverse Benefit Determination - About Your Treatment Request",
            "Dear Darnell Hayes:",
            "L.A. Care Health Plan (L.A. Care) got a request from Monique Carter, MD, on April "
            "21, 2026 for a power wheelchair (Group 3) with power tilt. L.A. Care has denied "
            "this request.",
            "## Why we made this decision",
            facts.reason,
            "This decision was based on Title 22, California Code of Regulations, Section 51303 "
            "(medical necessity) and the Medi-Cal Provider Manual section on Durable Medical "
            "Equipment: Wheelchairs. A doctor reviewed your request. You may ask for a free copy "
            "of the guidelines we used, and of all documents about this decision, by calling "
            "L.A. Care. Your doctor can also send us a home assessment from a physical or "
            "occupational therapist and ask us to review the request again.",
            "## If you disagree",
            "You can ask L.A. Care for an appeal. You must ask for an appeal within 60 days of "
            "the date of this Notice of Action. Call Member Services at "
            f"{phone}, or write to L.A. Care Health Plan, Appeals and Grievances, P.O. Box "
            "811610, Los Angeles, CA 90081-1610. L.A. Care will send you a Notice of Appeal "
            "Resolution within 30 days.",
            "If your health is in serious danger, you can ask for a fast (expedited) appeal. We "
            "will decide within 72 hours.",
            "\f",
            "## YOUR RIGHTS under Medi-Cal Managed Care",
            "Please read this page carefully and keep it with this Notice of Action.",
            "## Independent Medical Review (IMR)",
            "If L.A. Care does not change its decision after your appeal, or does not answer "
            "within 30 days, you can ask the California Department of Managed Health Care for "
            "an Independent Medical Review (IMR). An IMR is a review of your case by doctors "
            "who are not part of L.A. Care. It is free. You must ask for an IMR within 6 months "
            "of the date of the Notice of Appeal Resolution.",
            "## State Hearing",
            "You can also ask for a State Hearing from the California Department of Social "
            "Services. You must ask within 120 days of the date of the Notice of Appeal "
            "Resolution. Call 1-800-952-5253 (TTY 1-800-952-8349), or write to the California "
            "Department of Social Services, State Hearings Division, P.O. Box 944243, Mail "
            "Station 9-17-433, Sacramento, CA 94244-2430. If you have a State Hearing first, you "
            "cannot have an IMR.",
            "## Help with your appeal",
            "You can get free help from the Health Consumer Alliance at 1-888-804-3536, or from "
            "the Medi-Cal Managed Care Office of the Ombudsman at 1-888-452-8609.",
        ),
        closing=("Sincerely,", "", "Utilization Management Department", "L.A. Care Health Plan"),
        statement=dmhc_statement(phone),
        running_header=f"Darnell Hayes - CIN {facts.member_id} - {facts.reference_number}",
        footer_code="LAC NOA-DENY (2026)",
    )
    return SampleLetter(
        key="la_care_medi_cal_noa",
        description="L.A. Care Medi-Cal Notice of Action: power wheelchair denied",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=LA_CARE,
        sender=LA_CARE.sender,
        patient=DARNELL,
        subject="You have a new letter from L.A. Care",
        email_paragraphs=(
            "Dear Member,",
            "A letter about a request for services is attached. Please read it; it may have a "
            "deadline.",
            f"Questions? Call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"NOA_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 3, 55),
    )


def _health_net_expedited() -> SampleLetter:
    facts = Facts(
        insurer="Health Net",
        member_id="R48209316",
        reference_number="HN-26-0519-EX4402",
        letter_date=date(2026, 5, 19),
        letter_date_text="May 19, 2026",
        service="Admission to a skilled nursing facility (SNF)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="does not meet MCG criteria",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=True,
        urgent_quote="Expedited (urgent)",
        reason=(
            "The request for admission to a skilled nursing facility is denied because it does "
            "not meet MCG criteria for skilled nursing facility level of care: your records show "
            "that you walk 150 feet with a walker and that your therapy needs can be met by home "
            "health physical therapy."
        ),
    )
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    letter = Letter(
        organisation="Health Net",
        letterhead=(
            "Health Net of California, Inc.",
            "Medical Management, P.O. Box 9103, Van Nuys, CA 91409-9103",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Eleanor Voss", "318 N. Orchard Avenue", "Pasadena, CA 91106"),
        member_block=(
            ("Member", "Eleanor Voss"),
            ("Member ID", facts.member_id),
            ("Authorization number", facts.reference_number),
            ("Requesting facility", "Foothill Regional Hospital, Case Management"),
            ("Service requested", facts.service),
            ("Review type", "Expedited (urgent)"),
        ),
        title="Notice of Expedited Denial",
        paragraphs=(
            "Dear Eleanor Voss:",
            "On May 18, 2026 we received a request from Foothill Regional Hospital for your "
            "admission to a skilled nursing facility after your hip surgery. Because your "
            "doctor told us that waiting for a standard decision could seriously jeopardize "
            "your health, we reviewed the request on an expedited basis, within 72 hours.",
            "## Our decision",
            facts.reason,
            "A physician reviewer board certified in physical medicine and rehabilitation made "
            "this decision after reviewing the hospital records, using MCG Care Guidelines, "
            "Skilled Nursing Facility Admission. Health Net has approved home health physical "
            "therapy (up to 12 visits) and a home safety evaluation instead.",
            "## You can ask for an expedited appeal now",
            "Because your case is urgent, you or your doctor may ask for an expedited grievance "
            f"(appeal) by calling Member Services at {phone} or by faxing 1-800-555-0140. We "
            "will make a decision within 72 hours. In an urgent case you do not have to wait "
            "for our decision: you may contact the California Department of Managed Health Care "
            "right away, and you may ask it for an Independent Medical Review.",
            "You may also ask for a standard grievance within 180 days of the date of this letter.",
        ),
        closing=(
            "Sincerely,",
            "",
            "Deborah Lindqvist, MD",
            "Medical Director, Health Net of California, Inc.",
        ),
        statement=dmhc_statement(phone),
        running_header=f"Eleanor Voss - {facts.member_id} - Auth {facts.reference_number}",
        footer_code="HN-CA-UM-EXP-DEN 2026",
    )
    return SampleLetter(
        key="health_net_expedited",
        description="Health Net HMO expedited (72-hour) denial of a skilled nursing admission",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=HEALTH_NET,
        sender=HEALTH_NET.sender,
        patient=ELEANOR,
        subject="URGENT: Decision on your expedited authorization request",
        email_paragraphs=(
            "Dear Eleanor Voss,",
            "We have made a decision on an expedited (urgent) request for services. Your "
            "decision letter is attached. Because the request was urgent, please read it today.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"HealthNet_Expedited_Determination_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 16, 48),
    )


def _scan_medicare_advantage() -> SampleLetter:
    facts = Facts(
        insurer="SCAN Health Plan",
        member_id="8192047731",
        reference_number="SCN-OD-2026-118420",
        letter_date=date(2026, 6, 3),
        letter_date_text="June 3, 2026",
        service="Admission to an inpatient rehabilitation facility (IRF)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.MEDICARE,
        route_quote="Notice of Denial of Medical Coverage",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied this request because your medical records do not show that you can take "
            "part in and benefit from intensive therapy of at least 3 hours a day, 5 days a "
            "week, so inpatient rehabilitation facility care is not medically necessary under "
            "Medicare coverage rules."
        ),
    )
    phone = f"{SCAN.phone} (TTY 711)"
    letter = Letter(
        organisation="SCAN Health Plan",
        letterhead=(
            "A Medicare Advantage Organization",
            "P.O. Box 22616, Long Beach, CA 90801-5616",
            f"Member Services {phone}, 8 a.m. to 8 p.m., 7 days a week",
        ),
        date_line=facts.letter_date_text,
        recipient=("Harold Benavides", "742 Lemon Grove Avenue", "Whittier, CA 90601"),
        member_block=(
            ("Name", "Harold Benavides"),
            ("Member number", facts.member_id),
            ("Case number", facts.reference_number),
            ("Requesting provider", "Grace Oyelaran, MD"),
        ),
        title="Notice of Denial of Medical Coverage (or Payment)",
        paragraphs=(
            "## Your request was denied",
            "We denied the medical services/items listed below that you or your physician "
            f"asked for: {facts.service} after your hospital stay for a hip fracture.",
            "## Why did we deny your request?",
            facts.reason,
            "We based this decision on Medicare coverage rules in the Medicare Benefit Policy "
            "Manual, Chapter 1, Section 110, and on the review of a physician who has expertise "
            "in physical medicine and rehabilitation. We have approved care in a skilled nursing "
            "facility instead.",
            "## You have the right to appeal our decision",
            "You have the right to ask SCAN Health Plan to review our decision by asking us for "
            "an appeal. An appeal is also called a reconsideration of our organization "
            "determination. You must ask for an appeal within 65 days from the date of this "
            "notice. We can give you more time if you have a good reason for missing the "
            "deadline.",
            "## There are 2 kinds of appeals with SCAN Health Plan",
            "- Standard appeal: we will give you a written decision within 30 days after we get "
            "your appeal.",
            "- Fast appeal: we will give you a decision within 72 hours after we get your "
            "appeal. You can ask for a fast appeal if you or your doctor believe that your "
            "health could be seriously harmed by waiting up to 30 days for a decision.",
            "If we decide against you in whole or in part, we will automatically send your case "
            "to an Independent Review Entity for a new review.",
            "## How to ask for an appeal",
            f"Call SCAN Health Plan at {phone}, or write to SCAN Health Plan, Attention: "
            "Appeals and Grievances, P.O. Box 22644, Long Beach, CA 90801-5644. You can also "
            "get help from 1-800-MEDICARE (1-800-633-4227, TTY 1-877-486-2048) or from the "
            "Health Insurance Counseling and Advocacy Program (HICAP) at 1-800-434-0222.",
        ),
        running_header=f"Harold Benavides - Member {facts.member_id}",
        footer_code="Form CMS-10003-NDMCP OMB Approval 0938-0829",
    )
    return SampleLetter(
        key="scan_medicare_advantage",
        description="SCAN Medicare Advantage Notice of Denial of Medical Coverage (IRF)",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=SCAN,
        sender=SCAN.sender,
        patient=HAROLD,
        subject="Important: a decision about your coverage request",
        email_paragraphs=(
            "Dear Harold Benavides,",
            "We have made a decision about a request for medical coverage. Please read the "
            "attached notice. It explains our decision and your appeal rights, including "
            "deadlines.",
            f"Questions? Call Member Services at {phone}, 8 a.m. to 8 p.m., 7 days a week.",
        ),
        letter=letter,
        pdf_filename=f"SCAN_IDN_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 2, 30),
    )


def _aetna_erisa_self_funded() -> SampleLetter:
    facts = Facts(
        insurer="Aetna",
        member_id="W219487365",
        reference_number="A26-0611-770245",
        letter_date=date(2026, 6, 11),
        letter_date_text="June 11, 2026",
        service="Laparoscopic sleeve gastrectomy (bariatric surgery)",
        category=Category.MEDICAL_NECESSITY,
        category_quote="not medically necessary",
        route=Route.ERISA,
        route_quote="Section 502(a)",
        urgent=False,
        urgent_quote=None,
        reason=(
            "The request for laparoscopic sleeve gastrectomy is denied because it is not "
            "medically necessary: your records do not show that you took part in a "
            "physician-supervised weight loss program for at least 6 months during the 2 years "
            "before surgery, as required by Aetna Clinical Policy Bulletin 0157, Obesity Surgery."
        ),
    )
    phone = f"{AETNA.phone} (TTY 711)"
    letter = Letter(
        organisation="Aetna",
        letterhead=(
            "Aetna Life Insurance Company, Claims Administrator for the",
            "Harborview Logistics, Inc. Employee Health Benefit Plan",
            "P.O. Box 14463, Lexington, KY 40512-4463",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Samantha Reyes-Hart", "2290 Bayshore Court", "San Mateo, CA 94401"),
        member_block=(
            ("Member", "Samantha Reyes-Hart"),
            ("Member ID", facts.member_id),
            ("Group", "Harborview Logistics, Inc. (group 0873021)"),
            ("Reference number", facts.reference_number),
            ("Provider", "Kenji Watanabe, MD, Bariatric Surgery"),
            ("Service requested", facts.service),
        ),
        title="Notice of Adverse Benefit Determination",
        paragraphs=(
            "Dear Samantha Reyes-Hart:",
            "Aetna Life Insurance Company (Aetna) administers claims for the Harborview "
            "Logistics, Inc. Employee Health Benefit Plan (the Plan). The Plan is self-funded: "
            "Harborview Logistics, Inc. pays for the benefits, and Aetna does not insure them. "
            "We reviewed a request from Kenji Watanabe, MD, received on June 5, 2026.",
            "## Our decision",
            facts.reason,
            "This decision was made by a physician reviewer board certified in general surgery. "
            "You may ask for a free copy of Clinical Policy Bulletin 0157 and of all documents, "
            "records and other information relevant to your claim.",
            "## Your right to appeal",
            "You have 180 days from the date you receive this letter to file an appeal. Send it "
            "to Aetna, Attn: National Accounts CRT, P.O. Box 14463, Lexington, KY 40512-4463, "
            f"or call Member Services at {phone}. Your appeal will be decided within 30 days. If "
            "your doctor believes waiting could seriously jeopardize your life or health, you "
            "may ask for an urgent appeal, which will be decided within 72 hours.",
            "## External review",
            "If your appeal is denied, you may ask for an external review by an independent "
            "review organization. You must ask for external review within 4 months of receiving "
            "the final appeal decision.",
            "## Your rights under ERISA",
            "You have the right to bring a civil action under Section 502(a) of the Employee "
            "Retirement Income Security Act of 1974 (ERISA) following an adverse benefit "
            "determination on appeal. You and your plan may have other voluntary alternative "
            "dispute resolution options, such as mediation. One way to find out what may be "
            "available is to contact your local U.S. Department of Labor Office and your State "
            "insurance regulatory agency. You may also contact the Employee Benefits Security "
            "Administration at 1-866-444-3272 or www.askebsa.dol.gov.",
        ),
        closing=("Sincerely,", "", "Aetna Precertification Unit"),
        running_header=f"Samantha Reyes-Hart - {facts.member_id} - {facts.reference_number}",
        footer_code="AET-ADV-ERISA-SF (01/2026)",
    )
    return SampleLetter(
        key="aetna_erisa_self_funded",
        description="Aetna administering a self-funded ERISA plan: bariatric surgery denied",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=AETNA,
        sender=AETNA.sender,
        patient=SAMANTHA,
        subject="You have a new letter about a coverage decision",
        email_paragraphs=(
            "Hello Samantha,",
            "We've sent you a letter about a coverage decision. A copy is attached for your "
            "records.",
            "To see all your letters, sign in to your member website.",
        ),
        letter=letter,
        pdf_filename=f"Aetna_Coverage_Determination_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 7, 21),
    )


def _sharp_emergency_payment() -> SampleLetter:
    facts = Facts(
        insurer="Sharp Health Plan",
        member_id="SHP20417793",
        reference_number="2026-0204-118837",
        letter_date=date(2026, 2, 24),
        letter_date_text="February 24, 2026",
        service="Emergency room visit on February 2, 2026",
        category=Category.EMERGENCY_PAYMENT,
        category_quote="not an emergency",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "We denied payment for this emergency room visit because it was not an emergency: "
            "your symptoms could have been safely treated at an urgent care center or by your "
            "primary care physician."
        ),
    )
    phone = f"{SHARP.phone} (TTY 711)"
    letter = Letter(
        organisation="Sharp Health Plan",
        letterhead=(
            "Claims Department",
            "P.O. Box 129011, San Diego, CA 92112-9011",
            f"Customer Care {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Jordan Castellanos", "4185 Palm Vista Drive", "Escondido, CA 92025"),
        member_block=(
            ("Member name", "Jordan Castellanos"),
            ("Member ID", facts.member_id),
            ("Claim number", facts.reference_number),
            ("Provider", "Palomar Ridge Hospital, Emergency Department"),
            ("Service", facts.service),
            ("Amount billed", "$3,482.00"),
            ("Amount paid by Sharp Health Plan", "$0.00"),
        ),
        title="Notice of Claim Denial",
        paragraphs=(
            "Dear Jordan Castellanos:",
            "We received a claim from Palomar Ridge Hospital for the care you received in its "
            "emergency room on February 2, 2026. Palomar Ridge Hospital is not in the Sharp "
            "Health Plan network.",
            "## Our decision",
            facts.reason,
            "A physician reviewer looked at the hospital records, which describe a sore throat "
            "and fever that had lasted two days, with normal vital signs. Emergency services "
            "are covered when a prudent layperson would reasonably believe that a condition "
            "needed immediate care. Because the claim was denied, the hospital may bill you for "
            "$3,482.00.",
            "## If you disagree",
            "You may file a grievance with Sharp Health Plan within 180 days from the date of "
            "this letter. Tell us why you believed you needed emergency care, such as the "
            f"symptoms you had at the time. Call Customer Care at {phone} or write to Sharp "
            "Health Plan, Appeals and Grievances, P.O. Box 129015, San Diego, CA 92112-9015. We "
            "will respond within 30 days.",
            "If your grievance is denied or is not resolved in 30 days, you may ask the "
            "Department of Managed Health Care for an Independent Medical Review (IMR) of this "
            "payment dispute for emergency services. IMR is free.",
        ),
        closing=("Sincerely,", "", "Claims Department", "Sharp Health Plan"),
        statement=dmhc_statement(phone),
        running_header=f"Jordan Castellanos - {facts.member_id} - Claim {facts.reference_number}",
        footer_code="SHP-CLM-DEN-ER 2026",
    )
    return SampleLetter(
        key="sharp_emergency_payment",
        description="Sharp Health Plan: out-of-network ER visit not paid, 'not an emergency'",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=SHARP,
        sender=SHARP.sender,
        patient=JORDAN,
        subject="An update about your claim",
        email_paragraphs=(
            "Hi Jordan,",
            "We have finished processing a claim for services you received. A letter with the "
            "details is attached.",
            f"If you have questions about this claim, call Customer Care at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"SHP_Claim_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 9, 2),
    )


def _molina_step_therapy() -> SampleLetter:
    facts = Facts(
        insurer="Molina Healthcare",
        member_id="102948371",
        reference_number="RX-2026-0702-55418",
        letter_date=date(2026, 7, 2),
        letter_date_text="July 2, 2026",
        service="Dupixent (dupilumab) 300 mg/2 mL pen",
        category=Category.PHARMACY,
        category_quote="step therapy",
        route=Route.DMHC,
        route_quote="responsible for regulating health care service plans",
        urgent=False,
        urgent_quote=None,
        reason=(
            "Dupixent (dupilumab) is not on our formulary, and the step therapy requirements "
            "were not met: our records do not show that you tried a medium- to high-potency "
            "topical corticosteroid and a topical calcineurin inhibitor without success."
        ),
    )
    phone = f"{MOLINA.phone} (TTY 711)"
    letter = Letter(
        organisation="Molina Healthcare",
        letterhead=(
            "Molina Healthcare of California - Marketplace (Covered California)",
            "Pharmacy Department, P.O. Box 23081, Long Beach, CA 90802-3081",
            f"Member Services {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("Nadia Haddad", "915 Cedar Hollow Lane", "Fresno, CA 93711"),
        member_block=(
            ("Member", "Nadia Haddad"),
            ("Member ID", facts.member_id),
            ("Request number", facts.reference_number),
            ("Prescriber", "Lauren Whitaker, MD, Dermatology"),
            ("Drug requested", facts.service),
            ("Quantity", "2 pens per 28 days"),
        ),
        title="Notice of Denial: Prescription Drug Request",
        paragraphs=(
            "Dear Nadia Haddad:",
            "On June 30, 2026 we received a request from Lauren Whitaker, MD, to cover the drug "
            "listed above for atopic dermatitis (eczema). A pharmacist and a physician reviewed "
            "the request. Molina Healthcare has denied it.",
            "## Why we denied the request",
            facts.reason,
            "Our formulary covers these drugs for your condition without prior authorization: "
            "triamcinolone 0.1% cream, mometasone 0.1% ointment and tacrolimus 0.1% ointment. "
            "Ask your doctor whether one of them is right for you. If you have already tried "
            "them, your doctor can send us your records and ask us to review the request again.",
            "## How to ask for an exception or an appeal",
            "You or your prescriber may ask for a formulary exception. We will decide within 72 "
            "hours, or within 24 hours if your health could be seriously harmed by waiting. If "
            "we deny the exception, you may ask for a review by an independent reviewer (an "
            "external exception review).",
            "You may also file a grievance (appeal) within 180 days of the date of this letter "
            f"by calling Member Services at {phone}. If we uphold the denial, or do not resolve "
            "your grievance within 30 days, you may ask the Department of Managed Health Care "
            "for an Independent Medical Review.",
        ),
        closing=("Sincerely,", "", "Pharmacy Department", "Molina Healthcare of California"),
        statement=dmhc_statement(phone),
        running_header=f"Nadia Haddad - {facts.member_id} - {facts.reference_number}",
        footer_code="MHC-RX-DEN-MKT 2026",
    )
    return SampleLetter(
        key="molina_step_therapy",
        description="Molina Marketplace: non-formulary drug, step therapy not met",
        kind=DocumentKind.DENIAL,
        language="en",
        plan=MOLINA,
        sender=MOLINA.sender,
        patient=NADIA,
        subject="Update on your prescription request",
        email_paragraphs=(
            "Hello Nadia,",
            "We have reviewed a prescription drug request from your doctor. Your letter is "
            "attached.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename=f"Molina_Rx_Letter_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 13, 37),
    )


def _iehp_spanish_noa() -> SampleLetter:
    facts = Facts(
        insurer="Inland Empire Health Plan",
        member_id="93028415G",
        reference_number="IEHP-2026-0417-20931",
        letter_date=date(2026, 4, 17),
        letter_date_text="17 de abril de 2026",
        service="Resonancia magnética (MRI) de la rodilla derecha",
        category=Category.MEDICAL_NECESSITY,
        category_quote="no es médicamente necesaria",
        route=Route.MEDI_CAL,
        route_quote="Aviso de Acción",
        urgent=False,
        urgent_quote=None,
        reason=(
            "IEHP negó esta solicitud porque no es médicamente necesaria: los registros de su "
            "médico no muestran que usted haya completado seis semanas de terapia física antes "
            "de la resonancia magnética."
        ),
    )
    phone = f"{IEHP.phone} (TTY 711)"
    letter = Letter(
        organisation="Inland Empire Health Plan",
        letterhead=(
            "IEHP - Plan de Medi-Cal",
            "Administración de la Utilización, P.O. Box 4319, Rancho Cucamonga, CA 91729-4319",
            f"Servicios para Miembros {phone}",
        ),
        date_line=facts.letter_date_text,
        recipient=("José Luis Ortega", "14872 Mesa Verde Street", "Fontana, CA 92336"),
        member_block=(
            ("Nombre del miembro", "José Luis Ortega"),
            ("ID de miembro (CIN)", facts.member_id),
            ("Número de referencia", facts.reference_number),
            ("Proveedor", "Dra. Elena Quintero"),
            ("Servicio solicitado", facts.service),
        ),
        title="AVISO DE ACCIÓN",
        paragraphs=(
            "## Aviso de Determinación Adversa de Beneficios - Sobre su solicitud de tratamiento",
            "Estimado(a) José Luis Ortega:",
            "Inland Empire Health Plan (IEHP) recibió una solicitud de la Dra. Elena Quintero "
            "el 10 de abril de 2026 para una resonancia magnética (MRI) de la rodilla derecha. "
            "IEHP negó esta solicitud.",
            "## Por qué tomamos esta decisión",
            facts.reason,
            "Esta decisión se basó en el Título 22 del Código de Reglamentos de California, "
            "Sección 51303 (necesidad médica), y en las pautas clínicas de MCG para la "
            "resonancia magnética de la rodilla. Un médico revisó su solicitud. Usted puede "
            "pedir una copia gratuita de las pautas y de todos los documentos relacionados con "
            "esta decisión.",
            "## Si no está de acuerdo",
            "Usted puede pedirle a IEHP una apelación. Debe pedir la apelación dentro de los 60 "
            "días a partir de la fecha de este Aviso de Acción. Llame a Servicios para Miembros "
            f"al {phone} o escriba a IEHP, Apelaciones y Quejas, P.O. Box 4349, Rancho "
            "Cucamonga, CA 91729-4349. IEHP le enviará un Aviso de Resolución de Apelación "
            "dentro de 30 días.",
            "Si su salud corre grave peligro, puede pedir una apelación rápida (acelerada). "
            "Decidiremos dentro de 72 horas.",
            "\f",
            "## SUS DERECHOS bajo la atención administrada de Medi-Cal",
            "## Revisión Médica Independiente (IMR)",
            "Si IEHP no cambia su decisión después de su apelación, o no le responde dentro de "
            "30 días, puede pedir una Revisión Médica Independiente (IMR) al Departamento de "
            "Atención Médica Administrada de California. La IMR es gratuita. Debe pedirla "
            "dentro de los 6 meses a partir de la fecha del Aviso de Resolución de Apelación.",
            "## Audiencia Estatal",
            "También puede pedir una Audiencia Estatal al Departamento de Servicios Sociales de "
            "California dentro de los 120 días a partir de la fecha del Aviso de Resolución de "
            "Apelación. Llame al 1-800-952-5253 (TTY 1-800-952-8349). Si tiene primero una "
            "Audiencia Estatal, no podrá tener una IMR.",
            "Puede obtener ayuda gratuita de Health Consumer Alliance al 1-888-804-3536.",
        ),
        closing=(
            "Atentamente,",
            "",
            "Administración de la Utilización",
            "Inland Empire Health Plan",
        ),
        statement=dmhc_statement_es(phone),
        running_header=f"José Luis Ortega - CIN {facts.member_id} - {facts.reference_number}",
        footer_code="IEHP NOA-SP (2026)",
    )
    return SampleLetter(
        key="iehp_spanish_noa",
        description="IEHP Medi-Cal 'Aviso de Acción' in Spanish: knee MRI denied",
        kind=DocumentKind.DENIAL,
        language="es",
        plan=IEHP,
        sender=IEHP.sender,
        patient=JOSE,
        subject="Aviso importante sobre su solicitud de servicios",
        email_paragraphs=(
            "Estimado(a) José Luis Ortega:",
            "Le enviamos una carta sobre una solicitud de servicios. La carta está adjunta a "
            "este correo. Por favor, léala con atención: tiene fechas límite importantes.",
            f"Si tiene preguntas, llame a Servicios para Miembros al {phone}.",
        ),
        letter=letter,
        pdf_filename=f"IEHP_Aviso_de_Accion_{facts.reference_number}.pdf",
        facts=facts,
        letter_datetime=_printed(facts.letter_date, 5, 45),
    )


def _health_net_approval() -> SampleLetter:
    phone = f"{HEALTH_NET.phone} (TTY 711)"
    letter = Letter(
        organisation="Health Net",
        letterhead=(
            "Health Net of California, Inc.",
            "Medical Management, P.O. Box 9103, Van Nuys, CA 91409-9103",
            f"Member Services {phone}",
        ),
        date_line="March 2, 2026",
        recipient=("Marisol Ibarra", "6021 Laurel Canyon Way", "Bakersfield, CA 93306"),
        member_block=(
            ("Member", "Marisol Ibarra"),
            ("Member ID", "R77301845"),
            ("Authorization number", "HN-26-0302-ST1187"),
            ("Provider", "Valley Sports and Spine Physical Therapy"),
            ("Service approved", "Outpatient physical therapy, 12 visits"),
            ("Approved dates", "March 2, 2026 to May 31, 2026"),
        ),
        title="Notice of Approval",
        paragraphs=(
            "Dear Marisol Ibarra:",
            "Good news: your request for outpatient physical therapy has been approved. Health "
            "Net has authorized 12 visits with Valley Sports and Spine Physical Therapy between "
            "March 2, 2026 and May 31, 2026.",
            "Please bring this letter and your member ID card to your first visit. Your usual "
            "copayment applies. If you need more visits, your therapist can ask us before the "
            "approved visits run out.",
            f"If you have questions about this approval, call Member Services at {phone}.",
        ),
        closing=("Sincerely,", "", "Medical Management", "Health Net of California, Inc."),
        statement=dmhc_statement(phone),
        running_header="Marisol Ibarra - R77301845 - Auth HN-26-0302-ST1187",
        footer_code="HN-CA-UM-APV 2026",
    )
    return SampleLetter(
        key="health_net_approval",
        description="Health Net approval letter (with the DMHC statement, still no denial)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=HEALTH_NET,
        sender=HEALTH_NET.sender,
        patient=MARISOL,
        subject="Important information about your authorization request",
        email_paragraphs=(
            "Dear Marisol Ibarra,",
            "We have made a decision about a request for services. Your letter is attached.",
            f"If you have questions, call Member Services at {phone}.",
        ),
        letter=letter,
        pdf_filename="HealthNet_Authorization_HN-26-0302-ST1187.pdf",
        letter_datetime=_printed(date(2026, 3, 2), 6, 15),
    )


def _kaiser_newsletter() -> SampleLetter:
    return SampleLetter(
        key="kaiser_newsletter",
        description="Kaiser Permanente member newsletter (mentions grievances, not a denial)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=KAISER,
        sender=_no_reply("Kaiser Permanente", "kp-news.example.com", "healthyliving"),
        patient=WALTER,
        subject="Healthy Living: your spring 2026 member newsletter",
        email_paragraphs=(
            "## Spring into better health",
            "Hi Walter,",
            "Longer days are here. This issue has tips for allergy season, a reminder about "
            "your yearly checkup, and new ways to get care without leaving home.",
            "## Allergy season survival tips",
            "Pollen counts in Southern California peak from March to June. Keep windows closed "
            "on windy days, shower after spending time outside, and ask your pharmacist which "
            "over-the-counter allergy medicines are covered by your plan.",
            "## Get care your way",
            "Video visits and phone appointments are available for many concerns, and you can "
            "get 24/7 advice from a nurse by calling the number on your member ID card.",
            "## Know your rights as a member",
            "You can ask for an interpreter at no cost for any appointment. If you ever have a "
            "concern about your care or your coverage, call Member Services; your Evidence of "
            "Coverage explains the grievance process and your member rights.",
            "## Your preventive care checklist",
            "- Yearly checkup and blood pressure check",
            "- Flu and COVID-19 vaccines in the fall",
            "- Colorectal cancer screening from age 45",
            "To stop getting Healthy Living emails, update your preferences when you sign in.",
        ),
    )


def _anthem_portal_notice() -> SampleLetter:
    return SampleLetter(
        key="anthem_portal_notice",
        description="Anthem portal notice: 'a new letter is available' (no letter in it)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=ANTHEM,
        sender=ANTHEM.sender,
        patient=PRIYA,
        subject="You have a new letter waiting for you",
        email_paragraphs=(
            "Hi Priya,",
            "A new letter is available in your secure Message Center. To protect your privacy, "
            "we don't include personal health information in email.",
            "Sign in to your account to read it. You can also choose to get paper letters by "
            "mail in your communication preferences.",
        ),
    )


def _personal_email() -> SampleLetter:
    return SampleLetter(
        key="personal_email",
        description="An ordinary email from the patient's sister (mentions Kaiser, no letter)",
        kind=DocumentKind.NOT_DENIAL,
        language="en",
        plan=None,
        sender=LINDA,
        patient=TERESA,
        subject="Sunday?",
        email_paragraphs=(
            "Hi Teresa,",
            "Are we still on for Sunday? Mom wants to make pozole, so bring the big pot if you "
            "still have it.",
            "How is your back doing? Did Kaiser ever call you back about the surgery?",
            "Love,\nLinda",
        ),
    )


def _catalogue() -> dict[str, SampleLetter]:
    samples = (
        _kaiser_medical_necessity(),
        _blue_shield_experimental(),
        _anthem_ppo_cdi(),
        _la_care_medi_cal_noa(),
        _health_net_expedited(),
        _scan_medicare_advantage(),
        _aetna_erisa_self_funded(),
        _sharp_emergency_payment(),
        _molina_step_therapy(),
        _iehp_spanish_noa(),
        _health_net_approval(),
        _kaiser_newsletter(),
        _anthem_portal_notice(),
        _personal_email(),
    )
    catalogue = {sample.key: sample for sample in samples}
    if len(catalogue) != len(samples):
        raise AssertionError("duplicate sample keys")
    return catalogue


SAMPLE_LETTERS: Mapping[str, SampleLetter] = _catalogue()
"""Every sample, by key; denials have ``facts``, the rest are ``DocumentKind.NOT_DENIAL``."""

DENIALS: tuple[SampleLetter, ...] = tuple(
    s for s in SAMPLE_LETTERS.values() if s.kind is DocumentKind.DENIAL
)
