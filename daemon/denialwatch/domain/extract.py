"""Field extractors: member and group IDs, the plan's reference number, the DMHC's case
number, the letter's date and the day a grievance was received.

Each extractor takes the pages to search, in order of preference (the denial letter before
other documents, documents before the email body; see ``read``), and returns the first
Finding it can support with a quote, or None. Patterns are data: label tables first (a
labelled field is worth 0.9), then phrase patterns (a guess, 0.5-0.7).

The invariant (``quote``'s docstring, tested with hypothesis): every quote is a substring of
its page; a string value is the whitespace-normalised text of a span inside the quote; a date
value is one of ``find_dates(quote)``.

Other extractors live beside this module, one concept each: ``denied_service``, ``reasons``,
``service_dates``, ``plan_type``, ``codes``, ``criteria``, ``stated_deadlines`` and
``contacts``; they share its confidences, ``trimmed`` and ``by_document``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from denialwatch.domain import quote
from denialwatch.domain.dates import find_dates
from denialwatch.domain.kinds import CONDITIONAL
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

LABELLED = 0.9
GENERIC_LABEL = 0.7
PHRASE = 0.6
GUESS = 0.5
TOP_LINES = 20
"""How many non-blank lines from the top of a page may hold the letter's date line."""

_SEP = r"[ \t]*+(?:\([^()\n]{1,20}\)[ \t]*+)?(?:\*\*)?[:#]?(?:\*\*)?[ \t]*+(?:\r?\n[ \t]*+)?"
"""Between a label and its value: a note in brackets ("(CIN)"), a colon or #, markdown bold,
spaces, at most one line break."""
_ID = r"(?P<value>(?=[A-Za-z*-]{0,30}\d)[A-Za-z0-9*][A-Za-z0-9*-]{2,29})(?![A-Za-z0-9-])"
"""An identifier: 3-30 letters, digits, hyphens (masked '*' allowed), with at least one digit."""
_NUMBER = r"(?:\s*+(?:#|number|no\.|num\.?|id))?"

_MEMBER_ID = re.compile(
    r"(?:(?P<labelled>member\s++(?:id(?:entification)?|number|no\.)" + _NUMBER + r"|member\s*+#"
    r"|(?:subscriber|customer)\s++(?:id|number|no\.)" + _NUMBER + r"|(?:subscriber|customer)\s*+#"
    r"|(?:medi-cal|(?-i:MediCal))\s++(?:id|number|no\.|bic|cin)" + _NUMBER + r"|(?-i:\bCIN\b)\)?"
    r"|(?:medical|health)\s++record\s++(?:number|no\.|#)|(?-i:\bMRN\b)"
    r"|medicare\s++(?:id|number|beneficiary\s++identifier)" + _NUMBER + r"|(?-i:\bMBI\b)"
    r"|(?:insurance|health\s++plan|plan|enrollee|beneficiary|patient|policy)\s++"
    r"id(?:entification)?" + _NUMBER + r"|(?<!tax )identification\s++(?:number|no\.|#)"
    r"|n[uú]mero\s++de\s++(?:miembro|afiliado|identificaci[oó]n(?:\s++del?\s++(?:miembro|afiliado))?)"
    r"|identificaci[oó]n\s++del?\s++(?:miembro|afiliado)|(?-i:ID)\s++del?\s++(?:miembro|afiliado))"
    r"|(?P<generic>(?<![A-Za-z] )(?<![A-Za-z])ID(?:\s*+(?:#|number|no\.))?))" + _SEP + _ID,
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"(?:(?P<labelled>(?:employer\s++)?group\s*+(?:#|number|no\.|num\.?|id(?:entifier)?\b"
    r"|policy\s++(?:number|no\.|#))|(?:policy|plan)\s*+/\s*+group\s*+(?:#|number|no\.|id)"
    r"|group\s*+/\s*+(?:policy|plan)\s*+(?:#|number|no\.|id)|n[uú]mero\s++de(?:l)?\s++grupo"
    r"|(?:group|grupo)[ \t]*+(?=:))"
    r"|(?P<bare>(?<![\w-])(?<!age\s)(?:group|grupo)\b(?!\s++(?:code|health|plan|name|home|therapy"
    r"|sessions?|visits?|size|practice|number|policy)\b)))" + _SEP + _ID,
    re.IGNORECASE,
)
"""A group number: "Group #", "Group Number", "Group ID", "Número de grupo", "Grupo:"; a bare
"group 0873021" inside a line (at least four digits) is a weaker label."""
BARE_GROUP_DIGITS = 4

_REFERENCE = re.compile(
    r"(?:reference|ref\.?|(?:prior\s++)?authori[sz]ation|auth\.?|case|claim|grievance|appeal"
    r"|request|tracking|confirmation)\s*+(?:#|number|no\.|num\.?|id|reference(?:\s++number)?)"
    r"|\breference\b|n[uú]mero\s++de\s++(?:referencia|caso|reclamo|reclamaci[oó]n|autorizaci[oó]n"
    r"|solicitud|queja|apelaci[oó]n)|\breferencia\b",
    re.IGNORECASE,
)
_REFERENCE_VALUE = re.compile(_SEP + _ID, re.IGNORECASE)
_ID_TAIL = re.compile(r" (?P<tail>\d{1,8})[ \t]*+(?=\r?\n|$)")

_DATE_LABEL = re.compile(
    r"^[ \t]*+(?:\*\*)?(?:date|letter\s++date|notice\s++date"
    r"|date\s++of\s++(?:this\s++)?(?:notice|letter|statement)|date\s++(?:mailed|sent|issued)"
    r"|(?:mailing|statement|issue)\s++date"
    r"|fecha(?:\s++de(?:l)?\s++(?:aviso|carta|env[ií]o))?)"
    r"(?:\*\*)?[ \t]*+:(?:\*\*)?[ \t]*+(?P<rest>[^\n]{0,80})",
    re.IGNORECASE | re.MULTILINE,
)
_DATE_LINE_EXTRA = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|dated|fecha|date)?[\s,.:]*$", re.IGNORECASE
)

VALUE_TRIM = "*_\"' \t\r\n\u2018\u2019\u201c\u201d"

"""What a value read after a label or in a phrase never starts or ends with."""


def find_member_id(pages: Sequence[Page]) -> Finding[str] | None:
    """The member's ID from a labelled field ("Member ID", "Medi-Cal ID", "Número de miembro")."""
    return quote.first(_labelled_id(page, _MEMBER_ID) for page in pages)


def _labelled_id(page: Page, pattern: re.Pattern[str]) -> Finding[str] | None:
    for match in quote.matches(pattern, page.text):
        confidence = GENERIC_LABEL if match.group("generic") else LABELLED
        unit = quote.line_span(page.text, match.start(), match.end())
        found = quote.verbatim(page, match.span("value"), unit, confidence)
        if found is not None:
            return found
    return None


def find_group_number(pages: Sequence[Page]) -> Finding[str] | None:
    """The employer group's number from a labelled field ("Group #: 0873021", "Group ID",
    "Número de grupo"); a bare "group 0873021" in a line counts at GENERIC_LABEL."""
    return quote.first(_group_on(page) for page in pages)


def _group_on(page: Page) -> Finding[str] | None:
    for match in quote.matches(_GROUP, page.text):
        value = match.group("value")
        if match.group("bare") and sum(c.isdigit() for c in value) < BARE_GROUP_DIGITS:
            continue
        confidence = LABELLED if match.group("labelled") else GENERIC_LABEL
        unit = quote.line_span(page.text, match.start(), match.end())
        found = quote.verbatim(page, match.span("value"), unit, confidence)
        if found is not None:
            return found
    return None


def find_reference(pages: Sequence[Page]) -> Finding[str] | None:
    """The plan's claim, authorisation, case, grievance or request number (first labelled)."""
    return quote.first(_reference_on(page) for page in pages)


def _reference_on(page: Page) -> Finding[str] | None:
    for label in quote.matches(_REFERENCE, page.text):
        value = _REFERENCE_VALUE.match(page.text, label.end())
        if value is None:
            continue
        end = _split_tail(page.text, value.end("value"))
        unit = quote.line_span(page.text, label.start(), end)
        found = quote.verbatim(page, (value.start("value"), end), unit, LABELLED)
        if found is not None:
            return found
    return None


def _split_tail(text: str, end: int) -> int:
    """Where a number ending at ``end`` really ends: OCR splits a long one at a space
    ("WC-2026-03 1877"), so a group of digits after one space that ends the line is its tail."""
    if not text[end - 1 : end].isdigit():
        return end
    tail = _ID_TAIL.match(text, end)
    return tail.end("tail") if tail is not None else end


def find_letter_date(pages: Sequence[Page]) -> Finding[date] | None:
    """The letter's own date: a "Date:" field, else a date alone on a line near the top of a
    letter's first page. Never the first date anywhere (that is often the date of service).
    Documents are tried in order, each with both rules, so the letter beats the email."""
    for document in by_document(pages):
        found = quote.first(_labelled_date(page) for page in document)
        if found is None and document[0].number in (None, document[0].letter):
            found = _date_line(document[0])
        if found is not None:
            return found
    return None


def by_document(pages: Sequence[Page]) -> list[list[Page]]:
    """Consecutive pages grouped by the letter they come from, in the given order (a document
    holding several letters gives a group per letter)."""
    groups: list[list[Page]] = []
    for page in pages:
        first = groups[-1][0] if groups else None
        if first is not None and (first.document, first.letter) == (page.document, page.letter):
            groups[-1].append(page)
        else:
            groups.append([page])
    return groups


def _labelled_date(page: Page) -> Finding[date] | None:
    for label in quote.matches(_DATE_LABEL, page.text):
        offset = label.start("rest")
        for value, start, end in find_dates(label.group("rest")):
            unit = quote.line_span(page.text, label.start(), label.end())
            return quote.derived(page, value, (offset + start, offset + end), unit, LABELLED)
    return None


def _date_line(page: Page) -> Finding[date] | None:
    for start, end in _top_lines(page.text):
        line = page.text[start:end]
        for value, date_start, date_end in find_dates(line)[:1]:
            if _DATE_LINE_EXTRA.match(line[:date_start] + line[date_end:]):
                span = (start + date_start, start + date_end)
                return quote.derived(page, value, span, (start, end), GENERIC_LABEL)
    return None


def _top_lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the first TOP_LINES non-blank lines, stripped."""
    seen, position = 0, 0
    while seen < TOP_LINES and position < len(text):
        newline = text.find("\n", position)
        stop = len(text) if newline < 0 else newline
        start, end = quote.strip_span(text, position, stop)
        if start < end:
            seen += 1
            yield start, end
        position = stop + 1


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without leading or trailing VALUE_TRIM characters."""
    while start < end and text[start] in VALUE_TRIM:
        start += 1
    while end > start and text[end - 1] in VALUE_TRIM:
        end -= 1
    return start, end


# The DMHC's case number and the day a grievance was received: fields of the kinds other than
# a denial (``kinds``), read from any source of the message.

_ID_VALUE = re.compile(
    r"[ \t]*+(?:\([^()\n]{1,20}\)[ \t]*+)?[:#]?[ \t]*+(?:\r?\n[ \t]*+)?(?:(?:is|es)[ \t]++)?"
    r"(?P<value>(?=[A-Za-z-]{0,30}\d)[A-Za-z0-9][A-Za-z0-9-]{2,29})(?![A-Za-z0-9-])"
)
_DMHC_CASE_LABEL = re.compile(
    r"(?P<specific>\b(?:IMR|DMHC|independent\s++medical\s++review)(?:\s++(?:case|complaint"
    r"|application|reference|file))?\s*+(?:#|number|no\.|num\.?)|\b(?:IMR|DMHC)\s++case\b)"
    r"|(?P<generic>\b(?:case|complaint|file)\s*+(?:#|number|no\.|num\.?)|\bn[uú]mero\s++de\s++"
    r"(?:caso|queja))",
    re.IGNORECASE,
)


def find_dmhc_case_number(pages: Sequence[Page], generic: bool) -> Finding[str] | None:
    """The DMHC's IMR or complaint number ("IMR Case #: CM26-12345"). Labels that name the
    DMHC or the IMR count anywhere (a plan's letter may cite the DMHC case); a plain "Case
    Number" or "Complaint No." only when ``generic`` (a letter the DMHC sent)."""
    for page in pages:
        for label in quote.matches(_DMHC_CASE_LABEL, page.text):
            if label.group("generic") is not None and not generic:
                continue
            value = _ID_VALUE.match(page.text, label.end())
            if value is None:
                continue
            unit = quote.line_span(page.text, label.start(), value.end())
            confidence = 0.9 if label.group("specific") else 0.8
            found = quote.verbatim(page, value.span("value"), unit, confidence)
            if found is not None:
                return found
    return None


_RECEIPT_LABEL = re.compile(
    r"^[ \t]*+(?:date\s++(?:(?:grievance|appeal|complaint|request)\s++)?received"
    r"|(?:grievance|appeal|complaint)\s++received(?:\s++(?:on|date))?|received\s++(?:on|date)"
    r"|date\s++of\s++receipt"
    r"|fecha\s++(?:de\s++)?(?:recibo|recepci[oó]n))[ \t]*+:[ \t]*+(?P<rest>[^\n]{0,60})",
    re.IGNORECASE | re.MULTILINE,
)
_RECEIVED = re.compile(r"\breceiv\w*+|\brecib\w*+", re.IGNORECASE)
_GRIEVANCE_NOUN = re.compile(
    r"appeal|grievance|reconsideration|apelaci[oó]n|queja|reclamo", re.IGNORECASE
)
_ON_BEFORE = re.compile(r"\b(?:on|el|el\s++d[ií]a)\s++(?:\*\*|__)?$", re.IGNORECASE)
_DATED_BEFORE = re.compile(r"\b(?:dated|fechad[ao]|de\s++fecha)\s++(?:\w++\s++)?$", re.IGNORECASE)


def find_grievance_date(pages: Sequence[Page]) -> Finding[date] | None:
    """The day the plan says it received the grievance: a "Date received:" field, or a date
    after "on" in a sentence saying the appeal or grievance was received ("We received your
    appeal on January 26, 2026", "On 04/28/2026, we received your appeal", "Hemos recibido su
    apelación el 9 de febrero de 2026"). Never the letter's own date, never a date the patient
    wrote ("your appeal dated ...")."""
    for letter in by_document(pages):
        found = quote.first(_labelled_receipt(page) for page in letter) or quote.first(
            _received_on(page) for page in letter
        )
        if found is not None:
            return found
    return None


def _labelled_receipt(page: Page) -> Finding[date] | None:
    for label in quote.matches(_RECEIPT_LABEL, page.text):
        for value, start, end in find_dates(label.group("rest"))[:1]:
            offset = label.start("rest")
            unit = quote.line_span(page.text, label.start(), label.end())
            return quote.derived(page, value, (offset + start, offset + end), unit, 0.9)
    return None


def _received_on(page: Page) -> Finding[date] | None:
    text = page.text
    for match in quote.matches(_RECEIVED, text):
        start, end = quote.sentence_span(text, match.start(), match.end())
        if CONDITIONAL.search(text, start, match.start()) or not _GRIEVANCE_NOUN.search(
            text, start, end
        ):
            continue
        for value, date_start, date_end in find_dates(text[start:end]):
            before = text[max(start, start + date_start - 30) : start + date_start]
            if _ON_BEFORE.search(before) and not _DATED_BEFORE.search(before):
                evidence = (start + date_start, start + date_end)
                return quote.derived(page, value, evidence, (start, end), 0.75)
    return None
