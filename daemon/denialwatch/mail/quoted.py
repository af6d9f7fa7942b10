"""Inline forwards in a body's text: header blocks, who sent them, and when.

A client forwarding inline quotes the original under a block of labelled lines::

    ---------- Forwarded message ---------      (Gmail; Outlook draws ______ instead)
    From: Blue Shield <noreply@blueshield.example>
    Date: Wed, Oct 27, 2021 at 9:31 AM
    Subject: Your request was denied
    To: <patient@example.org>

This module finds such blocks by their labels, in English, Spanish and the other languages
the email-forward-parser corpus shows (about 25), with or without a separator line, with
the "> " quoting of Apple Mail, Outlook's bold "*From:*", Thunderbird's tab-aligned table,
and Yahoo's one-line form. It reads the sender and the date the way each client prints
them; a date printed without a zone takes the forwarder's own UTC offset (the zone their
client used for the outer Date header) and is left out when that is unknown.

Pure text in, plain values out: the choice between forward and reply, and between nested
originals, is made in ``forwards``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from denialwatch.mail.dates import parse_printed_date
from denialwatch.mail.message import Mail

_LABELS: dict[str, tuple[str, ...]] = {
    "from": (
        "from", "de", "de la", "von", "da", "van", "fra", "från", "od", "від", "від кого",
        "от", "отправитель", "lähettäjä", "feladó", "kimden", "gönderen", "šalje", "saatja",
        "expeditorul", "nadawca", "mittente", "afzender", "absender", "remitente",
        "expéditeur", "sender", "送信元", "差出人", "发件人", "寄件者",
    ),
    "to": (
        "to", "para", "a", "à", "an", "aan", "til", "till", "do", "komu", "кому", "pre",
        "vastaanottaja", "címzett", "kime", "prima", "destinatarul", "către", "adresat",
        "pour", "destinatario", "destinataire", "empfänger", "送信先", "宛先", "收件人",
    ),
    "cc": (
        "cc", "kopie", "kopie (cc)", "kopi", "kopia", "kopio", "kópia", "копия", "копія",
        "másolat", "másolatot kap", "bilgi", "dw", "copie à", "cco", "抄送",
    ),
    "date": (
        "date", "sent", "fecha", "enviado", "enviado el", "datum", "gesendet", "data",
        "envoyé", "dato", "sendt", "skickat", "odesláno", "wysłano", "lähetetty",
        "päivämäärä", "päiväys", "dátum", "elküldve", "tarih", "gönderildi", "gönderilen",
        "дата", "отправлено", "відправлено", "dată", "trimis", "poslano", "odoslané",
        "verzonden", "inviato", "日付", "送信日時", "日期", "发送时间",
    ),
    "subject": (
        "subject", "asunto", "betreff", "oggetto", "objet", "sujet", "onderwerp", "emne",
        "ämne", "temat", "předmět", "predmet", "aihe", "tárgy", "konu", "тема", "subiectul",
        "subiect", "assunto", "naslov", "件名", "主题", "主旨",
    ),
    "other": (
        "reply-to", "responder a", "antwort an", "répondre à", "importance", "importancia",
        "wichtigkeit", "attachments", "datos adjuntos", "anlagen", "pièces jointes",
    ),
}  # fmt: skip
_FIELD_OF = {label: field for field, labels in _LABELS.items() for label in labels}
_LABEL_ALTERNATION = "|".join(re.escape(label) for label in sorted(_FIELD_OF, key=len)[::-1])
# A label is looked up, not matched by a long alternation: far faster on long bodies.
_HEADER = re.compile(r"^\*?(?P<label>[^:\uff1a*]{1,24})\*?\s*[:\uff1a](?P<value>.*)$")
_GLUED_LABEL = re.compile(rf"(?P<label>{_LABEL_ALTERNATION})\s*[:\uff1a]\s*", re.IGNORECASE)

# Words that make a separator line announce a forward rather than a reply.
_FORWARD_STEMS = (
    "forward", "reenvi", "weitergeleit", "transf", "transmis", "inoltr", "doorgestuurd",
    "encaminh", "przekaz", "przesłan", "videresend", "vidarebefordr", "edelleenläh",
    "välitetty", "přeposl", "přeposíl", "preposl", "proslijeđ", "továbbít", "переадрес",
    "пересыл", "переслан", "перенаправ", "пересила", "redirec", "iletil",
    "ileti ba\u015flang\u0131c\u0131", "réexpédi", "転送",
)  # fmt: skip
_DASHED = re.compile(r"^-{2,}\s*(?P<title>[^-\s].{0,80}?)\s*-{2,}$")
_DASHED_THEN_HEADERS = re.compile(
    r"^-{2,}\s*(?P<title>[^-\s][^-]{0,60}?)\s*-{2,}\s*(?P<rest>\S.*)$"
)
_UNDERSCORES = re.compile(r"^_{5,}$")
_ANNOUNCEMENT = re.compile(r"^(?P<title>.{3,80}?)\s*[:\uff1a]$")
_WROTE = re.compile(r"^(?=.*@)(?=.*\d).{8,300}[:\uff1a]$")
_QUOTE = re.compile(r"^((?:[ \t]*>)+)[ \t]?")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200e\u200f\u2060"), None)

FORWARD_PREFIXES = frozenset(
    ("fw", "fwd", "tr", "trs", "wg", "rv", "i", "enc", "pd", "vs", "vl", "vb", "ilt",
     "videresend", "redir", "doorst", "rif", "továbbítás")
)  # fmt: skip
REPLY_PREFIXES = frozenset(
    ("re", "aw", "sv", "r", "res", "antw", "odp", "vá", "ynt", "отв", "відп", "odg", "ref")
)
_PREFIX = re.compile(r"^\s*(?P<word>[^\W\d_]{1,12})\.?\s*(?:\[\d+\])?\s*[:\uff1a]\s*")


@dataclass(frozen=True)
class Line:
    depth: int
    """How many "> " quote levels the line had."""
    text: str
    """The line without its quote markers, invisible characters or trailing space."""


@dataclass(frozen=True)
class Block:
    start: int
    """Index of the first line of the forward (its separator, else its first header)."""
    body_start: int
    depth: int
    fields: tuple[tuple[str, str], ...]
    """(field, value) pairs: field is from, to, cc, date or subject."""
    dedent: bool = False
    """The body is indented under an "On ... wrote:" line (Outlook for Mac)."""

    def get(self, field: str) -> str | None:
        return next((value for name, value in self.fields if name == field), None)


@dataclass(frozen=True)
class Inline:
    """The inline forwards of one text, outermost first (later blocks are nested deeper)."""

    lines: tuple[Line, ...]
    raw: tuple[str, ...]
    blocks: tuple[Block, ...]

    def above(self) -> str:
        """The text above the first forward, exactly as written (quote markers kept)."""
        end = self.blocks[0].start if self.blocks else len(self.raw)
        return "\n".join(self.raw[:end])

    def message(self, n: int, outer: Mail) -> Mail:
        """Forwarded message ``n`` as a ``Mail`` with only what its header block shows."""
        block = self.blocks[n]
        end = self.blocks[n + 1].start if n + 1 < len(self.blocks) else len(self.lines)
        address, name = parse_sender(block.get("from") or "")
        subject = block.get("subject") or strip_prefixes(outer.subject)
        zone = outer.date.tzinfo if outer.date is not None else None
        return Mail(
            message_id=None,
            sender_address=address,
            sender_name=name,
            subject=subject,
            date=parse_printed_date(block.get("date") or "", zone),
            text=_body(self.lines[block.body_start : end], block),
        )


def find(text: str, subject: str) -> Inline:
    """Every inline forward in ``text``; ``subject`` tells a forward from a reply."""
    raw = tuple(text.splitlines())
    lines = tuple(_line(r) for r in raw)
    headers = [_header(line.text) for line in lines]
    reply = prefix_kind(subject) == "reply"
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        block = _glued_block(lines, i) or _header_block(lines, headers, i, reply)
        if block is None:
            i += 1
            continue
        blocks.append(block)
        i = block.body_start
    if not blocks and prefix_kind(subject) == "forward":
        wrote = _wrote_block(lines)
        blocks.extend([wrote] if wrote else [])
    return Inline(lines, raw, tuple(blocks))


def prefix_kind(subject: str) -> str | None:
    """Whether the subject starts with a forward prefix ("Fwd:") or a reply one ("Re:")."""
    match = _PREFIX.match(subject)
    if match is None:
        return None
    word = match["word"].lower().replace("\u0307", "")
    if word in FORWARD_PREFIXES:
        return "forward"
    return "reply" if word in REPLY_PREFIXES else None


def strip_prefixes(subject: str) -> str:
    while prefix_kind(subject) is not None:
        match = _PREFIX.match(subject)
        if match is None:
            break
        subject = subject[match.end() :]
    return subject.strip()


def _line(raw: str) -> Line:
    text = raw.translate(_INVISIBLE).rstrip()
    match = _QUOTE.match(text)
    if match is None:
        return Line(0, text)
    return Line(match[1].count(">"), text[match.end() :])


def _header(text: str) -> tuple[str, str] | None:
    """(field, value) if the line is a labelled header line such as "Asunto: ..."."""
    match = _HEADER.match(text.strip())
    if match is None:
        return None
    field = _FIELD_OF.get(match["label"].strip().lower())
    return None if field is None else (field, match["value"].strip("* \t"))


def _is_forward_title(title: str) -> bool:
    lowered = title.lower()
    return any(stem in lowered for stem in _FORWARD_STEMS)


def _separator(text: str) -> bool | None:
    """None if not a separator line; True if it announces a forward, False if neutral."""
    stripped = text.strip()
    if _UNDERSCORES.match(stripped):
        return False
    dashed = _DASHED.match(stripped)
    if dashed:
        return _is_forward_title(dashed["title"])
    announcement = _ANNOUNCEMENT.match(stripped)
    if announcement and _is_forward_title(announcement["title"]):
        return True
    return None


def _header_block(
    lines: tuple[Line, ...], headers: list[tuple[str, str] | None], i: int, reply: bool
) -> Block | None:
    """The header block starting at line ``i``, if there is one and it is a forward."""
    if headers[i] is None:
        return None
    depth = lines[i].depth
    fields: dict[str, str] = {}
    j = i
    while j < len(lines) and lines[j].depth == depth:
        found = headers[j]
        if found is not None and found[0] not in fields:
            fields[found[0]] = found[1]
        elif found is None and fields.keys() & {"to", "cc"} and "subject" not in fields:
            # A long To or Cc list wrapped onto an indented line.
            if not lines[j].text[:1].isspace():
                break
        else:
            break
        j += 1
    fields.pop("other", None)
    start, announced = _announced_by(lines, i)
    if not _enough(fields, announced) or (reply and not announced):
        return None
    return Block(start, j, depth, tuple(fields.items()))


def _announced_by(lines: tuple[Line, ...], i: int) -> tuple[int, bool]:
    """The separator above a header block, if any: (start line, announces a forward)."""
    j = i - 1
    # Clients leave at most a blank line or two between the separator and the headers.
    while j >= max(0, i - 4) and not lines[j].text.strip():
        j -= 1
    kind = _separator(lines[j].text) if j >= 0 else None
    return (j, kind) if kind is not None else (i, False)


def _enough(fields: dict[str, str], announced: bool) -> bool:
    if announced:
        return bool(fields.keys() & {"from", "subject"}) and len(fields) >= 2
    return {"from", "subject"} <= fields.keys() and len(fields) >= 3


def _glued_block(lines: tuple[Line, ...], i: int) -> Block | None:
    """Yahoo's "----- Forwarded Message ----- From: ...To: ...Subject: ..." on one line."""
    dashed = _DASHED_THEN_HEADERS.match(lines[i].text.strip())
    if dashed is None:
        return None
    rest = dashed["rest"]
    labels = list(_GLUED_LABEL.finditer(rest))
    if not labels or labels[0].start() != 0:
        return None
    fields: dict[str, str] = {}
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        value = rest[label.end() : following.start() if following else len(rest)]
        fields.setdefault(_FIELD_OF[label["label"].lower()], value.strip())
    fields.pop("other", None)
    if not _enough(fields, _is_forward_title(dashed["title"])):
        return None
    return Block(i, i + 1, lines[i].depth, tuple(fields.items()))


def _wrote_block(lines: tuple[Line, ...]) -> Block | None:
    """Outlook for Mac: "On 28/10/2021 12:46, "Blue Shield" <x@y> wrote:" over an indented body."""
    for i, line in enumerate(lines):
        if line.depth == 0 and _WROTE.match(line.text.strip()):
            text = line.text.strip()
            return Block(i, i + 1, 0, (("from", _wrote_sender(text)), ("date", text)), True)
    return None


def _wrote_sender(text: str) -> str:
    """The "Name <address>" inside an "On <date>, <sender> wrote:" line."""
    address = re.search(r"[(<]{1,2}\s*([^<>()\s]+@[^<>()\s]+?)\s*[>)]{1,2}", text)
    if address is None:
        return text
    before = text[: address.start()].rstrip()
    quoted_name = re.search(r"[\"'“„«]\s*([^\"'“”„«»]+?)\s*[\"'”»]$", before)
    if quoted_name:
        name = quoted_name[1]
    else:
        words = re.findall(r"[^\s,]+", before)
        capitalised: list[str] = []
        for word in reversed(words):
            if not word[:1].isupper():
                break
            capitalised.insert(0, word)
        name = " ".join(capitalised)
    return f"{name} <{address[1]}>"


def _body(lines: tuple[Line, ...], block: Block) -> str:
    content = [ln for ln in lines if ln.text.strip()]
    extra = 1 if content and all(ln.depth > block.depth for ln in content) else 0
    out = []
    for ln in lines:
        level = max(0, ln.depth - block.depth - extra)
        out.append("> " * level + ln.text if ln.text or level else "")
    text = "\n".join(out)
    return (textwrap.dedent(text) if block.dedent else text).strip("\n").strip()


def parse_sender(value: str) -> tuple[str | None, str | None]:
    """(lowercased address, display name) from a quoted From value, as clients print it."""
    text = re.sub(r"\[mailto:([^\]]+)\]", r"<\1>", value)
    text = re.sub(r"<mailto:[^>]*>", "", text)
    text = re.split(
        r"\s+(?:on behalf of|en nombre de|im auftrag von|de la part de|per conto di)\s+",
        text,
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    bracketed = re.search(r"<\s*([^<>\s]+@[^<>\s]+?)\s*>", text)
    bare = bracketed or re.search(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", text)
    address = None
    name = text
    if bare is not None:
        address = (bare[1] if bracketed else bare[0]).lower()
        name = text[: bare.start()] + text[bare.end() :]
    name = name.strip(" \t\"'«»“”„,;()")
    if not name or (address and name.lower() == address):
        return address, None
    return address, " ".join(name.split())
