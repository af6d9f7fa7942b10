"""A request to be written to in the other language: "please write in Spanish", "en español
por favor", "English please", "no hablo inglés".

The language a reply is written in (``ReplyReading.language``) is not a request: a patient
asks in English to be written to in Spanish, or answers in Spanish an email they want in
English. This reads only what they ask for, in either language, per sentence of folded text
(``text.fold``: "español" is "espanol" here). A word alone ("Español", "In English,
please") is a request when it is the whole reply. A negation or a condition before a
request blocks it, as for the other requests (``words.REQUEST_BLOCKERS``), and so does
"stop" ("stop sending emails in English" is no request for English); a reply that asks for
both languages asks for neither.
"""

from __future__ import annotations

import re

from denialwatch.domain.replies.model import Language
from denialwatch.domain.replies.text import clauses
from denialwatch.domain.replies.words import REQUEST_BLOCKERS

BLOCKER_WINDOW = 60
"""How far before a request a negation or a condition is looked for, within its clause."""

_WRITE = (
    r"(?:write|writing|email|e-mail|send|sending|reply|answer|respond|talk|speak|contact"
    r"|communicate|emails|messages|letters|everything)"
)
_ES_WRITE = (
    r"(?:escriban(?:me)?|escribame|escribeme|escribirme|escribir|manden(?:me)?|mandarme"
    r"|mandar|mandeme|envien(?:me)?|enviarme|enviar|envieme|respondan(?:me)?|responderme"
    r"|contesten(?:me)?|hablen(?:me)?|hablarme|comuniquen(?:se)?|correos?|mensajes?|emails?"
    r"|cartas?|todo)"
)
_PLEASE = r"(?:please|pls|plz)"


def gap(words: int) -> str:
    """Up to ``words`` words, within one clause (no comma or full stop between them)."""
    return rf"(?:[^\s,;.!?]++\s++){{0,{words}}}?"


_POR_FAVOR = r"(?:por\s++favor|porfa|porfavor|x\s*+fa)"
_WANT = r"(?:prefer|want|need|would\s++like|'d\s++like|like\s++it)"
_ES_WANT = r"(?:prefiero|quiero|necesito|quisiera|me\s++gustaria|mejor)"


def _requests(name: str, es_name: str) -> re.Pattern[str]:
    """The patterns asking for the language called ``name`` (``es_name`` in Spanish)."""
    return re.compile(
        "|".join(
            (
                rf"\b{_WRITE}\s++{gap(4)}in\s++{name}\b",
                rf"\b{name}\s*+,?\s*+{_PLEASE}\b",
                rf"\b{_PLEASE}\s*+,?\s*+{gap(3)}in\s++{name}\b",
                rf"\b{_WANT}\s++{gap(4)}{name}\b",
                rf"\bi\s++(?:only\s++)?(?:speak|read|understand)\s++(?:only\s++)?{name}\b",
                rf"\bonly\s++in\s++{name}\b",
                rf"\b{_ES_WRITE}\s++{gap(3)}en\s++{es_name}\b",
                rf"\bsolo\s++en\s++{es_name}\b",
                rf"\ben\s++{es_name}\s*+,?\s*+{_POR_FAVOR}\b",
                rf"\b{_POR_FAVOR}\s*+,?\s*+(?:en\s++)?{es_name}\b",
                rf"\b{_ES_WANT}\s++{gap(4)}(?:en\s++)?{es_name}\b",
                rf"\bsolo\s++(?:hablo|entiendo|leo)\s++(?:el\s++)?{es_name}\b",
            )
        ),
        re.IGNORECASE,
    )


def _cannot_read(other: str, es_other: str) -> re.Pattern[str]:
    """The patterns saying the reader does not read the language called ``other``."""
    return re.compile(
        rf"\bi\s++(?:don'?t|do\s++not|can'?t|cannot)\s++(?:speak|read|understand)\s++"
        rf"(?:much\s++|well\s++|good\s++)?{other}\b"
        rf"|\bno\s++(?:hablo|entiendo|leo|se)\s++(?:bien\s++|mucho\s++|el\s++)?{es_other}\b",
        re.IGNORECASE,
    )


REQUESTS: dict[Language, re.Pattern[str]] = {
    "es": _requests("spanish", "espanol"),
    "en": _requests("english", "ingles"),
}
"""Asking for a language: a negation or "stop" before it, or inside it, blocks it."""
CANNOT_READ: dict[Language, re.Pattern[str]] = {
    "es": _cannot_read("english", "ingles"),
    "en": _cannot_read("spanish", "espanol"),
}
"""Not reading the other language ("no hablo inglés"): only what comes before blocks it."""
ALONE: dict[Language, re.Pattern[str]] = {
    "es": re.compile(
        rf"[\W_]*+(?:(?:in\s++)?spanish(?:\s*+,?\s*+{_PLEASE})?"
        rf"|(?:en\s++)?espanol(?:\s*+,?\s*+{_POR_FAVOR})?)[\W_]*+",
        re.IGNORECASE,
    ),
    "en": re.compile(
        rf"[\W_]*+(?:(?:in\s++)?english(?:\s*+,?\s*+{_PLEASE})?"
        rf"|(?:en\s++)?ingles(?:\s*+,?\s*+{_POR_FAVOR})?)[\W_]*+",
        re.IGNORECASE,
    ),
}
"""The whole reply is the language's name (with "in" and "please" at most)."""
NAMED = re.compile(r"\b(?:in\s++(?:english|spanish)|en\s++(?:ingles|espanol))\b", re.IGNORECASE)
"""A sentence about the language of the emails: its "don't write me" is no stop request when
the reply asks for a language."""


def requested_in(folded: str, start: int, end: int) -> Language | None:
    """The language the sentence ``folded[start:end]`` asks for; None when it asks for none
    (or for both)."""
    cuts = list(clauses(folded, start, end))
    found = {
        language
        for language, pattern in REQUESTS.items()
        if any(
            _counts(folded, cuts, match.start(), match.end())
            for match in pattern.finditer(folded, start, end)
        )
    } | {
        language
        for language, pattern in CANNOT_READ.items()
        if any(
            _counts(folded, cuts, match.start(), match.start())
            for match in pattern.finditer(folded, start, end)
        )
    }
    return found.pop() if len(found) == 1 else None


_STOP = re.compile(r"\b(?:stop|quit|no\s++more|dejen\s++de|paren\s++de|no\s++mas)\b", re.I)
"""Before a request, "stop sending emails in English" asks for no emails, not English."""


def _counts(folded: str, cuts: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether nothing in the request's clause, just before it or within ``start:end``,
    negates or stops it."""
    clause = next((low for low, high in cuts if low <= start < high), start)
    low = max(clause, start - BLOCKER_WINDOW)
    return not (REQUEST_BLOCKERS.search(folded, low, end) or _STOP.search(folded, low, end))


def language_request(folded: str, sentences: list[tuple[int, int]]) -> Language | None:
    """The language the reply asks to be written in, from its sentences; None when it asks
    for none, or for both."""
    whole = {language for language, alone in ALONE.items() if alone.fullmatch(folded.strip())}
    found = whole | {
        language
        for start, end in sentences
        if (language := requested_in(folded, start, end)) is not None
    }
    return found.pop() if len(found) == 1 else None
