"""Raw email bytes to a ``Mail``: the only place that reads MIME.

Two parsers read each message, each for what it does well:

- **mail-parser** reads the headers: it decodes RFC 2047 words in odd charsets, parses
  addresses and dates strictly (a date it cannot trust comes back as none, with a defect,
  instead of a guess) and survives the header-based denial-of-service tricks it was
  hardened against.
- **The standard library** (``email`` with ``policy.default``) walks the MIME tree. mail-parser
  is not used for that because it loses what a forward needs: it descends into every
  ``message/rfc822`` part, appends the enclosed message's text to the outer body and its
  files to the outer attachments, and throws away the enclosed headers, so the insurer's
  original can no longer be told apart from the patient's note. The walk here stops at
  each enclosed message and keeps it whole as an attachment (``declared_type``
  ``message/rfc822``, ``data`` the enclosed message's bytes) for ``forwards`` to parse.

Contract: ``parse_mail`` returns a ``Mail`` or raises ``ParseError``; nothing else escapes,
whatever the bytes. Problems that do not stop the parse (a missing boundary, a charset
that does not decode, bad base64) are collected in ``Mail.defects`` as fixed phrases that
never quote the message. Work is bounded: a message over ``max_bytes`` is refused before
it is read, and so is one whose enclosed messages nest deeper than ``max_depth``.

Identifiers: ``message_id``, ``in_reply_to`` and ``references`` are stored without angle
brackets (``abc@example.org``), the form the ledger and the threading code compare.
Dates keep the sender's UTC offset when the header gives one (so a forward's quoted,
zone-less date can borrow it), and are otherwise UTC.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.errors
import email.policy
import io
import logging
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.generator import BytesGenerator
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime

import mailparser

from denialwatch.errors import ParseError
from denialwatch.mail.html import html_to_text
from denialwatch.mail.message import Attachment, Mail

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""The same default as ``Service.max_message_bytes``; the service passes its setting."""

DEFAULT_MAX_DEPTH = 8
"""How many ``message/rfc822`` levels may nest inside one message (a forward of a forward
of a forward is three)."""

ENCLOSED_TYPES = frozenset({"message/rfc822", "message/global"})
"""Content types of a whole email carried inside another (``message/global`` is RFC 6532)."""

# Regenerating an enclosed message must give back its bytes, not a tidied copy: no header
# refolding, no line-length limit, and no ">From " mangling.
_RAW_POLICY = email.policy.default.clone(refold_source="none", max_line_length=0)

_MSGID = re.compile(r"<([^<>\s]+)>")

_DEFECT_WORDS = {
    "StartBoundaryNotFoundDefect": "missing MIME boundary",
    "CloseBoundaryNotFoundDefect": "missing closing MIME boundary",
    "NoBoundaryInMultipartDefect": "multipart without boundary",
    "MultipartInvariantViolationDefect": "malformed multipart",
    "MissingHeaderBodySeparatorDefect": "missing blank line after headers",
    "FirstHeaderLineIsContinuationDefect": "malformed header",
    "MisplacedEnvelopeHeaderDefect": "malformed header",
    "InvalidHeaderDefect": "malformed header",
    "HeaderMissingRequiredValue": "malformed header",
    "InvalidBase64PaddingDefect": "invalid base64",
    "InvalidBase64CharactersDefect": "invalid base64",
    "InvalidBase64LengthDefect": "invalid base64",
    "InvalidMultipartContentTransferEncodingDefect": "invalid transfer encoding",
    "UndecodableBytesDefect": "undecodable bytes",
    "NonPrintableDefect": "non-printable characters in header",
    "InvalidDateDefect": "malformed date header",
    "AddressHeaderDefect": "malformed address header",
    "DateHeaderDefect": "malformed date header",
    "MimeHeaderDefect": "malformed MIME header",
    "CharsetDecodeDefect": "undecodable charset",
}


@dataclass
class _Walk:
    """What the MIME walk collects, in document order."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)

    def defect(self, words: str) -> None:
        if words not in self.defects:
            self.defects.append(words)


@dataclass(frozen=True)
class _Headers:
    """The header fields denialwatch uses, as plain values."""

    subject: str = ""
    sender_address: str | None = None
    sender_name: str | None = None
    date: datetime | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()


def parse_mail(
    raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> Mail:
    """Parse one email; raises ``ParseError`` (only) when it cannot be read at all."""
    if len(raw) > max_bytes:
        raise ParseError(f"message is {len(raw)} bytes, over the limit of {max_bytes}")
    if not raw.strip():
        raise ParseError("empty message")
    try:
        return _parse(bytes(raw), max_depth)
    except ParseError:
        raise
    except RecursionError as err:
        raise ParseError("message structure nested too deeply") from err
    except Exception as err:
        # The contract is "a Mail or ParseError": a library bug on hostile input must send
        # the message to review, not stop the daemon.
        log.warning("message could not be parsed: %s", type(err).__name__)
        raise ParseError(f"message could not be read ({type(err).__name__})") from err


def _parse(raw: bytes, max_depth: int) -> Mail:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    depth = _enclosure_depth(message, max_depth)
    if depth > max_depth:
        raise ParseError(f"enclosed messages nest more than {max_depth} levels deep")
    headers = _read_headers(raw)
    walk = _Walk()
    _collect(message, walk)
    text = _readable_body(walk)
    return Mail(
        message_id=headers.message_id,
        sender_address=headers.sender_address,
        sender_name=headers.sender_name,
        subject=headers.subject,
        date=headers.date,
        text=text,
        attachments=tuple(walk.attachments),
        in_reply_to=headers.in_reply_to,
        references=headers.references,
        defects=_merge(headers.defects, walk.defects),
    )


SHORT_PLAIN = 200
"""How many characters more than twice the plain part's the HTML's text must have for the
plain part to be taken for a stub."""


def _readable_body(walk: _Walk) -> str:
    """The text/plain body, or the HTML's text when the plain part is missing or a stub.

    Some clients write a plain part that keeps only the headers of a forwarded HTML-only
    email and drops its body; the HTML part then holds the letter. A plain part less than
    half as long as the HTML's text (and shorter by more than ``SHORT_PLAIN``) is taken for
    such a stub.
    """
    plain = "\n".join(walk.plain).strip()
    if not walk.html:
        return plain
    html = html_to_text("\n".join(walk.html)).strip()
    return html if len(html) > 2 * len(plain) + SHORT_PLAIN else plain or html


def _merge(*groups: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(words for group in groups for words in group))


# -- headers, through mail-parser ---------------------------------------------------------


def _read_headers(raw: bytes) -> _Headers:
    """Read the headers with mail-parser; its values are untyped, so each is checked here."""
    try:
        parsed = mailparser.parse_from_bytes(raw)
    except RecursionError:
        raise
    except Exception as err:
        log.warning("mail-parser failed on headers: %s", type(err).__name__)
        return _Headers(defects=("unreadable headers",))
    subject: object = parsed.subject
    senders: object = parsed.from_
    message_id: object = parsed.message_id
    in_reply_to: object = parsed.in_reply_to
    references: object = parsed.references
    date: object = parsed.date
    categories: object = parsed.defects_categories
    address, name = _first_sender(senders)
    return _Headers(
        subject=_header_text(subject),
        sender_address=address,
        sender_name=name,
        date=_with_sender_offset(date, parsed.message) if isinstance(date, datetime) else None,
        message_id=_first_id(_header_text(message_id)),
        in_reply_to=_first_id(_header_text(in_reply_to)),
        references=tuple(dict.fromkeys(_ids(_header_text(references)))),
        defects=_header_defects(categories),
    )


def _header_text(value: object) -> str:
    """One header value as text; mail-parser returns a list when a header repeats."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _first_sender(senders: object) -> tuple[str | None, str | None]:
    if not isinstance(senders, list):
        return None, None
    for entry in senders:
        if isinstance(entry, tuple) and len(entry) == 2:
            name, address = entry
            address = str(address).strip().lower() if address else ""
            name = " ".join(str(name).split()) if name else ""
            if "@" in address:
                return address, name or None
    return None, None


def _ids(value: str) -> Iterator[str]:
    found = _MSGID.findall(value)
    if found:
        yield from found
    else:
        # Some mailers omit the brackets; a bare token with an @ is still an identifier.
        yield from (token for token in value.split() if "@" in token)


def _first_id(value: str) -> str | None:
    return next(_ids(value), None)


def _with_sender_offset(utc: datetime, message: object) -> datetime:
    """The instant mail-parser validated, shown in the sender's own UTC offset if known."""
    raw = message.get("date") if isinstance(message, Message) else None
    if not isinstance(raw, str):
        return utc
    try:
        local = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return utc
    if local.tzinfo is None or local != utc:
        return utc
    return local


def _header_defects(categories: object) -> tuple[str, ...]:
    """The header findings of mail-parser; its MIME findings duplicate the walk's own."""
    if not isinstance(categories, set):
        return ()
    wanted = ("AddressHeaderDefect", "DateHeaderDefect", "CharsetDecodeDefect")
    return tuple(_DEFECT_WORDS[name] for name in wanted if name in categories)


# -- the MIME tree, through the standard library ------------------------------------------


def _enclosure_depth(message: Message, limit: int) -> int:
    """The deepest ``message/rfc822`` nesting, counted without recursion; stops past limit."""
    deepest = 0
    stack: list[tuple[Message, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        if part.get_content_type() in ENCLOSED_TYPES:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend((child, depth) for child in payload if isinstance(child, Message))
    return deepest


def _collect(message: Message, walk: _Walk) -> None:
    """Sort every part into body text, attachment or enclosed message; never descends into
    an enclosed message, which stays one attachment."""
    stack: list[Message] = [message]
    while stack:
        part = stack.pop()
        for defect in part.defects:
            walk.defect(_defect_words(defect))
        try:
            content_type = part.get_content_type()
            if content_type in ENCLOSED_TYPES:
                walk.attachments.append(_enclosure(part, walk))
            elif part.is_multipart():
                children = part.get_payload()
                if isinstance(children, list):
                    stack.extend(reversed([c for c in children if isinstance(c, Message)]))
            else:
                _leaf(part, content_type, walk)
        except (LookupError, ValueError, TypeError, AttributeError, IndexError) as err:
            # A single unreadable part is skipped with a defect; the rest of the mail stays.
            log.debug("skipped an unreadable MIME part: %s", type(err).__name__)
            walk.defect("unreadable MIME part")


def _defect_words(defect: object) -> str:
    name = type(defect).__name__
    if name in _DEFECT_WORDS:
        return _DEFECT_WORDS[name]
    # Unknown defect classes are named by their class, which never quotes the message.
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name.removesuffix("Defect")).lower()


def _leaf(part: Message, content_type: str, walk: _Walk) -> None:
    filename = _filename(part)
    disposition = part.get_content_disposition()
    is_body = (
        content_type in ("text/plain", "text/html")
        and filename is None
        and disposition != "attachment"
    )
    if is_body:
        text = _decode_text(part, walk)
        (walk.plain if content_type == "text/plain" else walk.html).append(text)
        return
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        data = b""
    walk.attachments.append(Attachment(filename=filename, declared_type=content_type, data=data))


def _filename(part: Message) -> str | None:
    name = part.get_filename()
    if not isinstance(name, str):
        return None
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name or None


def _decode_text(part: Message, walk: _Walk) -> str:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    declared = part.get_content_charset()
    if declared:
        try:
            return data.decode(declared)
        except LookupError:
            walk.defect("unknown charset")
        except UnicodeDecodeError:
            walk.defect("undecodable charset")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if declared is None:
            walk.defect("undeclared 8-bit text")
    # cp1252 is what undeclared or mislabelled 8-bit mail nearly always is; the few bytes it
    # leaves undefined are replaced rather than failing the message.
    return data.decode("cp1252", errors="replace")


def _enclosure(part: Message, walk: _Walk) -> Attachment:
    """An enclosed message as an attachment holding that message's own bytes."""
    children = part.get_payload()
    inner = children[0] if isinstance(children, list) and children else None
    data = _as_bytes(inner) if isinstance(inner, EmailMessage) else b""
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    # RFC 2046 allows only 7bit/8bit/binary here, but some mailers base64 the whole
    # enclosure; the standard library then parses the encoded text as a headerless message.
    if encoding == "base64":
        try:
            data = base64.b64decode(re.sub(rb"[^A-Za-z0-9+/]", b"", data) + b"==", validate=False)
        except (binascii.Error, ValueError):
            walk.defect("invalid base64")
    elif encoding == "quoted-printable":
        data = quopri.decodestring(data.lstrip(b"\r\n"))
    return Attachment(filename=_filename(part), declared_type=part.get_content_type(), data=data)


def _as_bytes(message: EmailMessage) -> bytes:
    buffer = io.BytesIO()
    BytesGenerator(buffer, mangle_from_=False, policy=_RAW_POLICY).flatten(message)
    return buffer.getvalue()
