"""A patient's reply without the email it answers: their new words only.

Replies carry the service's own email below (or, in bottom-posting clients, above) the
patient's words. What is cut, line by line:

- ``>``-quoted lines (every client's quoting, at any depth), wherever they are: a patient who
  answers between quoted lines keeps their answers;
- an **attribution line** and what it introduces: "On Mon, Mar 3, 2026 at 9:14 AM Denial Help
  <denials@...> wrote:" (Gmail, wrapped over up to three lines), "El lun, 3 mar 2026 a las
  9:14, ... escribió:", Apple's "On Mar 3, 2026, at 9:14 AM, ... wrote:", Yahoo's "--- On ...
  wrote:", and the wordless forms of other clients ("26.06.2014, 14:41, "Name" <a@b>:"). To be
  taken for one, the line must also hold an address or a time of day, so a patient's "my
  doctor wrote:" stays;
- a **separator**: "-----Original Message-----", "----- Mensaje original -----", a forward's
  "---------- Forwarded message ---------", "Begin forwarded message:";
- an **Outlook header block**: "From: ... / Sent: ... / To: ... / Subject: ..." (and "De: /
  Enviado: / Para: / Asunto:", and the one-line "From: ... Sent: ..." form);
- a signature after a "-- " line, and mobile signature lines ("Sent from my iPhone",
  "Enviado desde mi iPhone", "Get Outlook for Android").

An attribution followed by ``>``-quoted lines removes only itself and the quote (the text
after the quote is the patient's again, as in a bottom-posted reply); an attribution without
quoted lines, a separator or a header block ends the patient's words: the original below
them is not marked, so nothing after the cut can be told apart from it.

Line-based and linear: each line is looked at a bounded number of times, lines longer than
``MAX_MARKER_CHARS`` are never taken for a marker, and no pattern can backtrack over a
line in more than one way.
"""

from __future__ import annotations

import re

MAX_MARKER_CHARS = 400
"""An attribution or header line is shorter than this; longer lines are the patient's."""
WRAP = 3
"""An attribution line is wrapped over at most this many lines (Gmail wraps at 78 chars)."""
HEADER_LOOKAHEAD = 6
"""Lines of a header block looked at from its first label."""

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200e\u200f\u2060\u00ad"), None)
_QUOTED = re.compile(r"[ \t]*+>")
_WROTE_WORDS = (
    r"wrote|escribi[oó]|a\s++[ée]crit|schrieb|escreveu|ha\s++scritto|scrisse|schreef|skrev"
    r"|napisa[lł]|написал[аи]?"
)
_ATTRIBUTION = re.compile(
    rf"[^\n]{{0,{MAX_MARKER_CHARS}}}?\b(?:{_WROTE_WORDS})\s*+[:\uff1a]\s*+$", re.IGNORECASE
)
"""A line ending in "wrote:" in any of a dozen languages ("On ...", "El ...", "--- On ...")."""
_ATTRIBUTION_EVIDENCE = re.compile(r"@|\b\d{1,2}:\d{2}\b")
"""What a client's attribution line has and a patient's "my doctor wrote:" has not."""
_OPENER = re.compile(
    r"[ \t]*+(?:-|\d|(?:on|el|le|am|em|il|op|den|w\s++dniu|mon|tue|wed|thu|fri|sat|sun|lun|mar"
    r"|mi[eé]|jue|vie|s[aá]b|dom)\b)",
    re.IGNORECASE,
)
"""How a client's attribution line starts: "On", "El", "Le", "Am"..., a weekday, a date."""
_WORDLESS_ATTRIBUTION = re.compile(r"[^\n]{8,400}?[:\uff1a]\s*+$")
_WORDLESS_EVIDENCE = re.compile(r"(?=[^\n]*@)[^\n]*\b\d{1,2}[:.]\d{2}\b")
"""A client attribution without a "wrote" word: an address and a time or dotted date."""
_SEPARATOR = re.compile(
    r"[-_=\s]*+(?:original\s++message|mensaje\s++original|forwarded\s++message"
    r"|mensaje\s++reenviado|ursp\S*\s++nachricht|message\s++d.origine|mensagem\s++original"
    r"|begin\s++forwarded\s++message|inicio\s++del\s++mensaje\s++reenviado)\s*+[-_=:\s]*+$",
    re.IGNORECASE,
)
_HEADER = re.compile(r"[ \t]*+\*?(?P<label>[^\W\d_][^:\uff1a*\n]{0,24}?)\*?[ \t]*+[:\uff1a]")
_LABELS = {
    **dict.fromkeys(("from", "de", "von", "от", "expéditeur", "remitente"), "from"),
    **dict.fromkeys(("to", "para", "an", "à", "кому", "destinatario"), "to"),
    **dict.fromkeys(("cc", "cco", "bcc", "копия"), "cc"),
    **dict.fromkeys(
        ("sent", "date", "enviado", "enviado el", "fecha", "gesendet", "datum", "envoyé",
         "отправлено", "дата"),
        "date",
    ),
    **dict.fromkeys(("subject", "asunto", "betreff", "objet", "тема", "tema"), "subject"),
}  # fmt: skip
_GLUED_HEADERS = re.compile(
    r"\b(?:sent|date|enviado|fecha|to|para|subject|asunto)\s*+[:\uff1a]", re.IGNORECASE
)
_SIGNATURE_DELIMITER = re.compile(r"--[ \t]*+$")
_DEVICES = (
    r"iphone|ipad|android|galaxy|samsung|mobile|phone|cell|celular|smartphone|tablet|blackberry"
    r"|pixel|motorola|huawei|xiaomi|yahoo|aol|outlook|gmail|mail|correo|sparrow|windows|verizon"
    r"|t-mobile|at&t|tel[ée]fono|m[óo]vil|handy|apple\s++watch"
)
_MOBILE_SIGNATURE = re.compile(
    r"[ \t]*+(?:(?:sent\s++(?:from|via|with|using|on)|enviado\s++(?:desde|con|de)"
    r"|von\s++meinem|envoy[ée]\s++de)\s++(?:(?:my|mi|el|the|a|an|un|una|mon|ma)\s++)?"
    rf"(?:{_DEVICES})\b|(?:get|obtener|descargar)\s++outlook\s++(?:for|para)\b)"
    r"[^\n.!?:]{0,60}$",
    re.IGNORECASE,
)
"""A client's signature line ("Sent from my iPhone", "Enviado desde mi Samsung Galaxy"), not
a patient's sentence that starts alike ("Sent from the post office on 12/1.")."""
_RULE_LINE = re.compile(r"[-_=*~\s]*+$")


def reply_text(body: str) -> str:
    """The patient's new words in ``body`` (a reply's plain text), stripped of the quoted
    email, its attribution or header block, and signatures; empty when nothing is left."""
    lines = [line.translate(_INVISIBLE).rstrip() for line in body.splitlines()]
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _QUOTED.match(line):
            i += 1
            continue
        if _SIGNATURE_DELIMITER.fullmatch(line.strip()) or _starts_original(lines, i):
            wrapped = _attribution_end(lines, i)
            if wrapped is not None and _quote_follows(lines, wrapped):
                i = wrapped  # bottom-posting: the quote is skipped, the patient's text goes on
                continue
            break
        if not _MOBILE_SIGNATURE.match(line):
            kept.append(line)
        i += 1
    return _tidy(kept)


def _starts_original(lines: list[str], i: int) -> bool:
    """Whether line ``i`` begins the quoted original (attribution, separator or headers)."""
    line = lines[i]
    if not line.strip() or len(line) > MAX_MARKER_CHARS:
        return False
    return (
        _SEPARATOR.fullmatch(line) is not None
        or _attribution_end(lines, i) is not None
        or _header_block(lines, i)
    )


def _attribution_end(lines: list[str], i: int) -> int | None:
    """The index after an attribution starting at line ``i`` (wrapped over up to WRAP lines).

    Where the lines after ``i`` are an attribution by themselves, the one that starts like
    one ("On ...", "El ...", a date, "---") is taken, so "Alex" above "On 26.06.2014 14:41,
    Alexander L wrote:" stays the patient's, and "02.04.2012 14:20 <name> <" wrapped above
    "bob@example.com> wrote:" is cut whole."""
    for j in range(i, min(i + WRAP, len(lines))):
        if not _plain(lines[j]):
            return None
        if not lines[j].endswith((":", "\uff1a")):
            continue  # every attribution ends with a colon: most lines stop here
        starts = [k for k in range(i, j + 1) if _is_attribution(lines[k : j + 1])]
        if starts:
            opened = [k for k in starts if _OPENER.match(lines[k])]
            start = opened[-1] if opened else starts[-1]
            return j + 1 if start == i else None
    return None


def _plain(line: str) -> bool:
    return bool(line.strip()) and len(line) <= MAX_MARKER_CHARS and not _QUOTED.match(line)


def _is_attribution(group: list[str]) -> bool:
    joined = " ".join(line.strip() for line in group)
    if _ATTRIBUTION.fullmatch(joined) and _ATTRIBUTION_EVIDENCE.search(joined):
        return True
    return bool(_WORDLESS_ATTRIBUTION.fullmatch(joined) and _WORDLESS_EVIDENCE.match(joined))


def _quote_follows(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line after ``i`` is ``>``-quoted."""
    for line in lines[i:]:
        if line.strip():
            return _QUOTED.match(line) is not None
    return False


def _field(line: str) -> tuple[str, int] | None:
    """(field, end of its label) when ``line`` starts with a known header label."""
    match = _HEADER.match(line)
    if match is None:
        return None
    field = _LABELS.get(match["label"].strip().lower())
    return None if field is None else (field, match.end())


def _header_block(lines: list[str], i: int) -> bool:
    """Whether line ``i`` starts an Outlook-style header block: at least two different
    labelled fields on consecutive lines, one of them From or Subject; or a From line with
    the other fields glued onto it."""
    first = _field(lines[i])
    if first is None:
        return False
    if first[0] == "from" and _GLUED_HEADERS.search(lines[i], first[1]):
        return True
    fields = {first[0]}
    for line in lines[i + 1 : i + HEADER_LOOKAHEAD]:
        found = _field(line) if len(line) <= MAX_MARKER_CHARS else None
        if found is None:
            break
        fields.add(found[0])
    return len(fields) >= 2 and bool(fields & {"from", "subject"})


def _tidy(kept: list[str]) -> str:
    """The kept lines without leading or trailing blank and rule lines, and at most one blank
    line in a row (where a quote was cut out of the middle)."""
    start, end = 0, len(kept)
    while start < end and _RULE_LINE.fullmatch(kept[start]):
        start += 1
    while end > start and _RULE_LINE.fullmatch(kept[end - 1]):
        end -= 1
    lines = kept[start:end]
    return "\n".join(
        line for i, line in enumerate(lines) if line.strip() or (i and lines[i - 1].strip())
    )
