"""Field extractors: member and group IDs, reference number, letter date, the service denied,
the reasons.

Each extractor takes the pages to search, in order of preference (the denial letter before
other documents, documents before the email body; see ``read``), and returns the first
Finding it can support with a quote, or None. Patterns are data: label tables first (a
labelled field is worth 0.9), then phrase patterns (a guess, 0.5-0.7).

The invariant (``quote``'s docstring, tested with hypothesis): every quote is a substring of
its page; a string value is the whitespace-normalised text of a span inside the quote; a date
value is one of ``find_dates(quote)``.

Other extractors live beside this module, one concept each: ``service_dates``,
``plan_type``, ``codes``, ``criteria``, ``stated_deadlines`` and ``contacts``; they share its
confidences and ``by_document``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from denialwatch.domain import quote
from denialwatch.domain.dates import find_dates
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

LABELLED = 0.9
GENERIC_LABEL = 0.7
PHRASE = 0.6
GUESS = 0.5
MAX_REASONS = 6
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
    r"|(?:medi-cal|(?-i:MediCal))\s++(?:id|number|no\.|bic|cin)" + _NUMBER + r"|(?-i:\bCIN\b)"
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

_DATE_LABEL = re.compile(
    r"^[ \t]*+(?:\*\*)?(?:date|letter\s++date|notice\s++date"
    r"|date\s++of\s++(?:this\s++)?(?:notice|letter)|date\s++(?:mailed|sent|issued)|mailing\s++date"
    r"|fecha(?:\s++de(?:l)?\s++(?:aviso|carta|env[ií]o))?)"
    r"(?:\*\*)?[ \t]*+:(?:\*\*)?[ \t]*+(?P<rest>[^\n]{0,80})",
    re.IGNORECASE | re.MULTILINE,
)
_DATE_LINE_EXTRA = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|dated|fecha|date)?[\s,.:]*$", re.IGNORECASE
)

_SERVICE_LABEL = re.compile(
    r"^[ \t]*+(?:[-•*][ \t]*+)?(?:\*\*)?(?:services?(?:\(s\))?\s++requested"
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
_PHRASE_VALUE = r"(?P<value>(?:[^.;:\n]|\n(?![ \t]*+\n)){3,100}?)"
"""A service named in a sentence: up to 100 characters, across single line breaks."""
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
_VALUE_TRIM = "*_\"' \t\r\n\u2018\u2019\u201c\u201d"

_REASON_LABEL = re.compile(
    r"(?:^[ \t]*+(?:[-•*][ \t]*+)?|(?<=[.!?])[ \t]++)(?:\*\*)?(?:(?:the\s++)?reasons?(?:\(s\))?"
    r"(?:\s++for\s++(?:the\s++|this\s++|our\s++)?(?:denial|decision|determination"
    r"|adverse\s++determination))?"
    r"|(?:clinical\s++)?rationale|explanation(?:\s++of\s++(?:the\s++|our\s++)?decision)?"
    r"|basis\s++for\s++(?:the\s++|our\s++|this\s++)?(?:decision|denial)|denial\s++reasons?"
    r"|why\s++we\s++(?:denied|made\s++this\s++decision)[^:\n]{0,40}"
    r"|raz[oó]n(?:es)?(?:\s++de\s++(?:la\s++|nuestra\s++)?(?:decisi[oó]n|denegaci[oó]n))?"
    r"|motivos?(?:\s++de\s++(?:la\s++)?(?:decisi[oó]n|denegaci[oó]n))?)(?:\*\*)?[ \t]*+:(?:\*\*)?"
    r"|\bthe\s++reasons?(?:\(s\))?\s++for\s++(?:our|this|the)\s++(?:decision|denial|determination)"
    r"(?:\s++(?:is|are|was|were)(?:\s++as\s++follows)?\s*+[:.-]?|\s*+[:-])",
    re.IGNORECASE | re.MULTILINE,
)
_BECAUSE = re.compile(
    r"\bbecause\b|\bdue\s++to\b|\bporque\b|\bdebido\s++a\b|\bya\s++que\b", re.IGNORECASE
)
_REASON_WORDS = re.compile(
    r"\b(?:not|no\s++longer)\s++(?:medically|covered|approved|eligible|a\s++covered|consistent"
    r"|on\s++(?:the|our)"
    r"|been|met|shown|documented|received|provided|included)|criteria|guidelines?\b|\bexperimental"
    r"|\binvestigational|formulary|step\s++therapy|\b(?:do|does|did|is|are|was|were|has|have)\s++not\b"
    r"|\b(?:do|does|did|is|are|was|were|has|have)n['\u2019]t\b|\bno\s++(?:documentation|evidence"
    r"|records?|information|proof)\b|\bexclu|\blimit|\bcannot\b|\bunable\b|\bnot\s++an?\b"
    r"|\bno\s++(?:es|está|cumple|cubre|muestran?|hay)\b|\bno\s++se\b",
    re.IGNORECASE,
)
"""What the words after "because" must hold to be a reason (a finding, usually negative);
"Because the claim was denied, the hospital may bill you" is a consequence, not a reason."""
_FINDING_WORDS = re.compile(
    r"\b(?:not|no\s++longer)\s++medically\s++necessary|\bdo(?:es)?\s++not\s++meet\b"
    r"|\bnot\s++consistent\s++with"
    r"|\bno\s++(?:es\s++m[eé]dicamente|cumple)|\bexperimental\b|\binvestigational\b"
    r"|\bnon-?formulary\b|\bstep\s++therapy\b|\bnot\s++a\s++covered\b|\bexcluded\b",
    re.IGNORECASE,
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*+\n(?![ \t]*+(?:[-•*·]|\d{1,2}[.)])\s)")
_LIST_ITEM = re.compile(r"(?:[-•*·▪◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")


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
        unit = quote.line_span(page.text, label.start(), value.end())
        found = quote.verbatim(page, value.span("value"), unit, LABELLED)
        if found is not None:
            return found
    return None


def find_letter_date(pages: Sequence[Page]) -> Finding[date] | None:
    """The letter's own date: a "Date:" field, else a date alone on a line near the top of a
    letter's first page. Never the first date anywhere (that is often the date of service).
    Documents are tried in order, each with both rules, so the letter beats the email."""
    for document in by_document(pages):
        found = quote.first(_labelled_date(page) for page in document)
        if found is None and document[0].number in (None, 1):
            found = _date_line(document[0])
        if found is not None:
            return found
    return None


def by_document(pages: Sequence[Page]) -> list[list[Page]]:
    """Consecutive pages grouped by the document they come from, in the given order."""
    groups: list[list[Page]] = []
    for page in pages:
        if groups and groups[-1][0].document == page.document:
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


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _VALUE_TRIM:
        start += 1
    while end > start and text[end - 1] in _VALUE_TRIM:
        end -= 1
    return start, end


def _labelled_service(page: Page) -> Finding[str] | None:
    for match in quote.matches(_SERVICE_LABEL, page.text):
        group = next(g for g in ("value", "value2", "value3") if match.group(g) is not None)
        start, end = _trimmed(page.text, *match.span(group))
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
        start, end = _trimmed(text, *match.span("value"))
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
            start, end = _trimmed(page.text, *match.span("value"))
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


def find_reasons(pages: Sequence[Page]) -> tuple[Finding[str], ...]:
    """The plan's stated reasons, verbatim: labelled sections ("Reason for denial:",
    "Rationale:", "The reasons for our decision are"), then sentences giving a reason
    ("because...", "does not meet the criteria"). Rights notices and conditionals are skipped.
    At most MAX_REASONS, in reading order."""
    found: list[tuple[int, int, Finding[str]]] = []
    for index, page in enumerate(pages):
        taken: list[tuple[int, int]] = []
        for start, end, confidence in (*_labelled_reasons(page), *_reason_sentences(page)):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            reason = quote.verbatim(
                page, (start, end), (start, end), confidence, quote.MAX_REASON_CHARS
            )
            if reason is not None:
                taken.append((start, end))
                found.append((index, start, reason))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(reason for _, _, reason in found[:MAX_REASONS])


def _labelled_reasons(page: Page) -> Iterator[tuple[int, int, float]]:
    for label in quote.matches(_REASON_LABEL, page.text):
        start, end = _trimmed(page.text, label.end(), _section_end(page.text, label.end()))
        if start < end and page.text[start] != "[":
            yield start, end, LABELLED


def _section_end(text: str, start: int) -> int:
    """End of a labelled section: its sentences up to a blank line, a heading or a rights
    notice (PDF text has no blank lines between paragraphs), within WINDOW."""
    limit = min(len(text), start + quote.WINDOW)
    head = start
    while head < limit and text[head] in " \t\r\n":  # the content may start on the next line
        head += 1
    blank = _PARAGRAPH_END.search(text, head, limit)
    end = head
    for sentence_start, sentence_end in quote.sentences(
        text, head, blank.start() if blank else limit
    ):
        sentence = text[sentence_start:sentence_end]
        if end > head and (quote.is_boilerplate(sentence) or quote.is_heading(sentence)):
            break
        end = sentence_end
    return end


def _list_end(text: str, start: int) -> int:
    """End of the list items right after ``start`` ("...the following criteria:" + items)."""
    end = start
    limit = min(len(text), start + quote.WINDOW)
    for sentence_start, sentence_end in quote.sentences(text, start, limit):
        if not _LIST_ITEM.match(text, sentence_start):
            break
        end = sentence_end
    return end


def _reason_sentences(page: Page) -> Iterator[tuple[int, int, float]]:
    for count, (start, end) in enumerate(quote.sentences(page.text)):
        if count >= quote.MAX_MATCHES * 10:
            return
        sentence = page.text[start:end]
        if quote.is_boilerplate(sentence) or quote.is_heading(sentence):
            continue
        because = _BECAUSE.search(sentence)
        if because and _REASON_WORDS.search(sentence, because.end()):
            confidence = 0.7
        elif _FINDING_WORDS.search(sentence):
            confidence = PHRASE
        else:
            continue
        listed = sentence.endswith(":")  # "...do not meet the following criteria:" and a list
        yield start, max(end, _list_end(page.text, end)) if listed else end, confidence
