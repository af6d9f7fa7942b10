"""The service, item or drug a letter denies ("Service requested: MRI of the lumbar spine").

``find_service`` reads, document by document, a labelled line, else a title or subject line
that names it ("Notice of Denial: Inpatient Rehabilitation Facility Admission"), else a phrase
("your request for X was denied"), else a printed CPT/HCPCS code. An EOB's denied claim line
names its own service (``eob.find_service``). Patterns are data; quotes are cut by ``quote``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from denialwatch.domain import quote
from denialwatch.domain.extract import (
    GENERIC_LABEL,
    GUESS,
    LABELLED,
    PHRASE,
    by_document,
    trimmed,
)
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

_SERVICE_LABEL = re.compile(
    r"^[ \t]*+(?:[-•*][ \t]*+)?(?:\*\*)?(?:services?(?:\(s\))?\s++"
    r"(?:requested|approved|authori[sz]ed)"
    r"|(?:approved|authori[sz]ed)\s++(?:services?|items?|treatments?)"
    r"|requested\s++(?:services?|items?|procedures?|treatments?|medications?|drugs?|care)"
    r"|items?\s*+(?:/|or)\s*+services?|services?\s*+(?:/|or)\s*+items?"
    r"|(?:name\s++of\s++)?(?:medication|drug|prescription)(?:\s++(?:name|requested))?"
    r"|procedures?(?:\s++(?:requested|code|description))?|treatment(?:\s++requested)?"
    r"|services?(?:\s++description)?|description\s++of\s++(?:services?|items?)"
    r"|what\s++(?:we|was)\s++denied|servicios?(?:\s++solicitados?)?|medicamentos?(?:\s++solicitados?)?"
    r"|tratamientos?(?:\s++solicitados?)?|art[ií]culo\s*+/\s*+servicio)"
    r"(?:\*\*)?[ \t]*+:(?:\*\*)?(?P<value>[ \t]*+(?:\S[^\n]*|\r?\n[ \t]*+[^\n]*))"
    r"|(?:for|of)\s++the\s++following\s++(?:services?(?:\(s\))?|items?|medications?|drugs?"
    r"|procedures?|treatments?)\s*+:(?P<value2>[ \t]*+(?:\S[^\n]*|\r?\n[ \t]*+[^\n]*))"
    r"|listed\s++below\s++that\s++you\s++or\s++your\s++(?:physician|doctor|provider)\s++"
    r"(?:asked\s++for|requested)\s*+:[ \t]*+\r?\n(?P<value3>[ \t]*+[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_PHRASE_VALUE = r"(?P<value>(?:[^.;:\n]|(?<=\d)\.(?=\d)|\n(?![ \t]*+\n)){3,100}?)"
"""A service named in a sentence: up to 100 characters, across single line breaks; a dot
between digits is a drug's strength ("zolpidem 6.25 mg"), not the end of the sentence."""
_PHRASE_STOP = r"(?=\s++(?:after|following|during)\s++your\b|[.;]|\n[ \t]*+\n|$)"
"""Where a service named after a colon ends ("asked for: X after your hospital stay")."""
_SERVICE_PHRASES: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), confidence)
    for pattern, confidence in (
        (
            r"\b(?:asked\s++for|requested|the\s++following\s++(?:services?|items?))\s*+:\s*+"
            + _PHRASE_VALUE
            + _PHRASE_STOP,
            PHRASE,
        ),
        (
            r"(?:your|the|this)\s++(?:prior\s++authori[sz]ation\s++)?(?:request|claim)\s++for\s++"
            + _PHRASE_VALUE
            + r"\s++(?:has\s++been|have\s++been|was|is)\s++"
            + r"(?:denied|not\s++approved|not\s++covered)",
            PHRASE,
        ),
        (r"\bcoverage\s++(?:of|for)\s++" + _PHRASE_VALUE + r"\s++for\s++you\b", PHRASE),
        (
            r"\bwe\s++(?:have\s++)?(?:denied|cannot\s++approve|can\s*+not\s++approve|did\s++not\s++approve"
            r"|are\s++unable\s++to\s++approve)\s++(?:your\s++|the\s++)?(?:request\s++for\s++)?"
            + _PHRASE_VALUE
            + r"(?=\s++(?:because|since|due\s++to|for\s++you)\b|[.;\n])",
            PHRASE,
        ),
        (
            r"\bsu\s++solicitud\s++(?:de|para)\s++"
            + _PHRASE_VALUE
            + r"\s++(?:ha\s++sido|fue)\s++(?:denegad|negad|rechazad)",
            PHRASE,
        ),
        (
            r"\brequest\s++(?:from\s++[^.;\n]{1,60}?\s++)?for\s++"
            + _PHRASE_VALUE
            + r"(?=\s++(?:from|for\s++you|has\s++been|was|is)\b|[.;\n])",
            GUESS,
        ),
    )
)
_SERVICE_TITLE = re.compile(
    r"^[ \t]*+(?:\*\*|\#{1,3}[ \t]++)?(?:(?:re|subject|regarding|asunto)[ \t]*+:[ \t]*+"
    r"(?:your\s++)?(?:(?:prior\s++)?authori[sz]ation\s++|coverage\s++|pre-?service\s++)?"
    r"(?:request|denial|decision|determination)\s++(?:for|of|on)\s++"
    r"|(?:notice\s++of\s++)?(?:denial|non-?coverage|adverse\s++(?:benefit\s++)?determination"
    r"|coverage\s++(?:decision|determination))"
    r"(?:\s++(?:of|for)\s++|[ \t]*+[:\u2013\u2014-][ \t]*+))(?:coverage\s++(?:of|for)\s++)?"
    r"(?P<value>[^\n]{3,80}?)[ \t]*+(?:\*\*)?[ \t]*+$",
    re.IGNORECASE | re.MULTILINE,
)
"""A title or subject line that names the service: "Notice of Denial: Inpatient Rehabilitation
Facility Admission", "RE: Prior authorization request for lumbar fusion"."""
_TITLE_NOT_SERVICE = re.compile(
    r"(?:(?:medical|medicare\s++prescription\s++drug|prescription\s++drug)\s++)?coverage"
    r"(?:\s*+\(or\s++payment\))?|(?:medical\s++coverage\s++or\s++)?payment|about\b.*"
    r"|(?:your\s++|this\s++|the\s++)?(?:request|services?|benefits?|claim|appeal|grievance)",
    re.IGNORECASE,
)
"""What a title may name that is not a service: the Medicare notice's "Medical Coverage (or
Payment)", "About Your Treatment Request" (a Medi-Cal NOABD's subtitle)."""
TITLE_CHARS = 3000
"""Where a letter's title may be: the top of a page."""
_NOT_A_SERVICE = re.compile(
    r"(?:this|that|your|the|it|a|an)?\s*+(?:medical\s++|health\s++)?(?:request|claim|services?|appeal"
    r"|coverage|it|care|benefits?|treatment|payment|items?|authori[sz]ation)?",
    re.IGNORECASE,
)
"""What a phrase pattern may catch that names nothing ("We denied this request")."""
_CODE = re.compile(
    r"\b(?:CPT|HCPCS)(?:®)?(?:\s++codes?)?\s*+[:#]?\s*+[A-Z]?\d{4}[0-9A-Z]\b", re.IGNORECASE
)


def find_service(pages: Sequence[Page]) -> Finding[str] | None:
    """The service, item or drug denied: a labelled line, else a title or subject line that
    names it ("Notice of Denial: Inpatient Rehabilitation"), else a phrase ("your request for X
    was denied"), else a printed CPT/HCPCS code; documents in order, each with every rule."""
    for document in by_document(pages):
        for finder in (_labelled_service, _title_service, _phrase_service, _code_service):
            found = quote.first(finder(page) for page in document)
            if found is not None:
                return found
    return None


def _labelled_service(page: Page) -> Finding[str] | None:
    for match in quote.matches(_SERVICE_LABEL, page.text):
        group = next(g for g in ("value", "value2", "value3") if match.group(g) is not None)
        start, end = trimmed(page.text, *match.span(group))
        if start >= end or page.text[start] == "[" or not page.text[start:end].strip(" .:-"):
            continue
        unit = quote.line_span(page.text, match.start(), end)
        found = quote.verbatim(page, (start, end), unit, LABELLED)
        if found is not None:
            return found
    return None


def _title_service(page: Page) -> Finding[str] | None:
    text = page.text[:TITLE_CHARS]
    for match in quote.matches(_SERVICE_TITLE, text):
        start, end = trimmed(text, *match.span("value"))
        if start >= end or text[start] == "[" or _TITLE_NOT_SERVICE.fullmatch(text, start, end):
            continue
        unit = quote.line_span(page.text, match.start(), end)
        found = quote.verbatim(page, (start, end), unit, GENERIC_LABEL)
        if found is not None:
            return found
    return None


def _phrase_service(page: Page) -> Finding[str] | None:
    for pattern, confidence in _SERVICE_PHRASES:
        for match in quote.matches(pattern, page.text):
            start, end = trimmed(page.text, *match.span("value"))
            if start >= end or _NOT_A_SERVICE.fullmatch(page.text, start, end):
                continue
            unit = quote.sentence_span(page.text, match.start(), match.end())
            found = quote.verbatim(page, (start, end), unit, confidence)
            if found is not None:
                return found
    return None


def _code_service(page: Page) -> Finding[str] | None:
    match = _CODE.search(page.text)
    if match is None:
        return None
    unit = quote.line_span(page.text, match.start(), match.end())
    return quote.verbatim(page, match.span(), unit, GUESS)
