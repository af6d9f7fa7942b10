"""Pages and quotes: how the reader cuts verbatim evidence out of a letter.

Every ``Finding`` the reader reports carries a quote the patient (or a reviewer) can find in
the letter. This module is the one place that turns a match position into a quote, so the
invariant holds by construction:

- a quote is ``page.text[a:b]``: an exact substring of one page as given (a document's page
  ``Finding.page``, or the whole email body when ``Finding.page`` is None), stripped of
  surrounding whitespace, at most ``MAX_QUOTE_CHARS`` long (``MAX_REASON_CHARS`` for a
  stated reason, which the letter must answer whole);
- a verbatim value (member ID, service, a reason) is the whitespace-normalised text of a span
  inside that quote, so ``value in normalise_space(quote)`` always holds.

It also says where sentences end (PDF text has a line break at every line and no blank line
between paragraphs, so short capitalised lines count as headings) and which sentences are
rights notices or conditionals rather than the plan's finding (``is_boilerplate``).

Pages are capped (``MAX_PAGE_CHARS``, ``MAX_PAGES``, ``MAX_SOURCE_CHARS``), every search for a
line or sentence boundary looks at most ``WINDOW`` characters either side and every pattern
at most ``MAX_MATCHES`` times per page, so a hostile page costs linear time. Patterns across
the reader use possessive quantifiers on whitespace (``\\s++``) so that no run of spaces can
be split two ways.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from denialwatch.domain.model import Finding, SourceText

T = TypeVar("T")

EMAIL = "email"
"""The source name of the email body (see service.understand)."""
MAX_PAGE_CHARS = 200_000
"""Text scanned per page; a denial letter's page is a few thousand characters."""
MAX_PAGES = 60
"""Pages scanned per document; a denial with criteria and rights pages is rarely over 20."""
MAX_SOURCE_CHARS = 600_000
"""Text scanned per source in all; the reader costs a few microseconds per character."""
MAX_QUOTE_CHARS = 200
MAX_REASON_CHARS = 400
"""A reason is quoted whole where it can be: the letter must answer every word of it."""
WINDOW = 600
"""How far either side of a match to look for the end of its line or sentence."""
MAX_MATCHES = 200
"""Matches of one pattern examined per page before giving up (hostile, repetitive text)."""

_SPACE = re.compile(r"\s++")
_SENTENCE_END = re.compile(
    r"(?P<stop>[.!?;])(?=[\s\"'\u201d\u2019)\]]|$)"  # punctuation before a space or closing mark
    r"|\n[ \t]*+\n"  # a blank line
    r"|\n(?=[ \t]*+(?:[-•*·▪◦]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s))"  # a bullet or numbered item
    r"|\n(?=[ \t]*+[A-Z][\w /&()#'\u2019-]{1,40}:)"  # a "Label:" line
    r"|(?P<line>\n)(?=[ \t]*+[A-Z\u00c0-\u00de\u00bf\u00a1])"  # a line break before a capital
)
_SALUTATION = re.compile(r"(?:dear|estimad[oa]|to whom|hello|hi)\b", re.IGNORECASE)
HEADING_CHARS = 60
"""A line this short, followed by a capitalised line, is a heading or an address line: its
own sentence ("Why we denied the request" above the paragraph that says why)."""
_ABBREVIATIONS = frozenset(
    {
        *("dr", "mr", "mrs", "ms", "no", "nos", "inc", "co", "corp", "st", "jr", "sr", "vs"),
        *("e.g", "i.e", "etc", "approx", "dept", "u.s", "jan", "feb", "mar", "apr", "jun"),
        *("jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
"""Words whose trailing dot does not end a sentence ("Dr. Lee", "e.g. ice", "Jan. 5")."""
_WORD_BEFORE_DOT = re.compile(r"(?<![^\W\d_])([A-Za-z.]{1,6})$")
"""The short word before a dot; a whole word only, so the "n" of "apelación." (after an
accented letter) is not taken for an initial."""
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
"""A dot after initials does not end a sentence: "L.A. Care", "Dr. J. Lee", "U.S." """


@dataclass(frozen=True)
class Page:
    """One page of one source, capped, with the coordinates a Finding needs."""

    document: str
    number: int | None
    """1-based page number of a document; None for the email body."""
    text: str
    letter: int = 1
    """The first page of the letter this page belongs to: one PDF can hold several letters."""


def pages_of(source: SourceText) -> tuple[Page, ...]:
    """The pages the reader scans: the email body as one page, documents page by page."""
    if source.name == EMAIL:
        return (Page(source.name, None, source.text[:MAX_PAGE_CHARS]),)
    pages: list[Page] = []
    budget = MAX_SOURCE_CHARS
    for number, text in enumerate(source.pages[:MAX_PAGES], start=source.first_page):
        kept = text[: min(MAX_PAGE_CHARS, budget)]
        pages.append(Page(source.name, number, kept, source.first_page))
        budget -= len(kept)
    return tuple(pages)


def matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The first MAX_MATCHES matches of ``pattern`` in ``text``."""
    return itertools.islice(pattern.finditer(text), MAX_MATCHES)


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (newlines, tabs, NBSP) to one space; strip the ends."""
    return _SPACE.sub(" ", text).strip()


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The line(s) holding ``text[start:end]``, stripped; looks at most WINDOW chars away."""
    end = start if end is None else end
    low = max(0, start - WINDOW)
    head = text.rfind("\n", low, start)
    line_start = head + 1 if head >= 0 else low
    tail = text.find("\n", end, end + WINDOW)
    line_end = tail if tail >= 0 else min(len(text), end + WINDOW)
    return strip_span(text, line_start, line_end)


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group("line"):
        low = max(0, match.start() - HEADING_CHARS - 1)
        head = text.rfind("\n", low, match.start())
        if head < 0 and low > 0:
            return False  # the line is longer than a heading
        line = text[head + 1 : match.start()].strip()
        short = 0 < len(line) <= HEADING_CHARS
        return short and (line[-1] not in ",;(-" or _SALUTATION.match(line) is not None)
    if match.group("stop") != ".":
        return True
    found = _WORD_BEFORE_DOT.search(text, max(0, match.start() - 6), match.start())
    if found is None:
        return True
    word = found.group(1).lower()
    return _INITIALS.fullmatch(word) is None and word not in _ABBREVIATIONS


def _sentence_stop(match: re.Match[str]) -> int:
    """Where a sentence ends at this boundary: after its punctuation, before a line break."""
    return match.end() if match.group("stop") else match.start()


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, stripped; looks at most WINDOW chars away."""
    end = start if end is None else end
    low = max(0, start - WINDOW)
    sentence_start = low
    for match in _SENTENCE_END.finditer(text, low, start):
        if _is_boundary(text, match):
            sentence_start = match.end()
    sentence_end = min(len(text), end + WINDOW)
    for match in _SENTENCE_END.finditer(text, end, sentence_end):
        if _is_boundary(text, match):
            sentence_end = _sentence_stop(match)
            break
    return strip_span(text, sentence_start, sentence_end)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Every sentence of ``text[start:end]`` as a stripped, non-empty span, in order."""
    end = len(text) if end is None else end
    for match in _SENTENCE_END.finditer(text, start, end):
        if not _is_boundary(text, match):
            continue
        span = strip_span(text, start, _sentence_stop(match))
        if span[0] < span[1]:
            yield span
        start = match.end()
    span = strip_span(text, start, end)
    if span[0] < span[1]:
        yield span


def is_heading(sentence: str) -> bool:
    """A short line with no closing punctuation: a heading, a label, an address line."""
    stripped = sentence.strip()
    return len(stripped) <= HEADING_CHARS and not stripped.endswith((".", "!", "?", ";", ":"))


def capped(
    text: str, span: tuple[int, int], keep: tuple[int, int], limit: int = MAX_QUOTE_CHARS
) -> tuple[int, int]:
    """A stripped sub-span of ``span``, at most ``limit`` long, holding what it can of ``keep``
    (the matched value); it starts at the front of ``span`` when the value fits."""
    low, high = span
    if high - low <= limit:
        return low, high
    keep_start = max(low, keep[0])
    keep_end = min(high, keep[1], keep_start + limit)
    start = low if keep_end - low <= limit else keep_start
    stop = min(high, start + limit)
    if stop < high and not text[stop].isspace():
        cut = max(text.rfind(" ", keep_end, stop), text.rfind("\n", keep_end, stop))
        stop = cut if cut > start else stop
    if start > low and not text[start - 1].isspace():
        cut = text.find(" ", start, keep_start)
        start = cut + 1 if cut >= 0 else start
    return strip_span(text, start, stop)


def verbatim(
    page: Page,
    value: tuple[int, int],
    unit: tuple[int, int],
    confidence: float,
    limit: int = MAX_QUOTE_CHARS,
) -> Finding[str] | None:
    """A Finding whose value is the text of ``value``, quoted with ``unit`` (a line or
    sentence holding it), cut to ``limit``; None when nothing of the value survives."""
    quote_start, quote_end = capped(page.text, unit, value, limit)
    value_start, value_end = max(value[0], quote_start), min(value[1], quote_end)
    found = normalise_space(page.text[value_start:value_end]) if value_start < value_end else ""
    if not found:
        return None
    quote = page.text[quote_start:quote_end]
    return Finding(found, quote, page.document, page.number, confidence)


def derived(
    page: Page, value: T, evidence: tuple[int, int], unit: tuple[int, int], confidence: float
) -> Finding[T]:
    """A Finding whose value was derived (normalised, parsed, classified) from ``evidence``."""
    quote_start, quote_end = capped(page.text, unit, evidence)
    return Finding(value, page.text[quote_start:quote_end], page.document, page.number, confidence)


def first(findings: Iterable[Finding[T] | None]) -> Finding[T] | None:
    """The first Finding that is not None (sources and pages come in order of preference)."""
    return next((found for found in findings if found is not None), None)


_BOILERPLATE = re.compile(
    r"independent\s++medical\s++review|\bIMR\b|managed\s++health\s++care|department\s++of\s++insurance"
    r"|revisi[oó]n\s++m[eé]dica\s++independiente|\bstate\s++hearing\b|audiencia\s++estatal"
    r"|\bif\b|\bunless\b|\bwhether\b|\bin\s++case\b|\bwhat\s++to\s++do\b|\bhow\s++to\b"
    r"|\byou\s++(?:also\s++)?(?:may|can|could)\s++(?:also\s++)?(?:ask|file|request|call|contact|appeal"
    r"|apply|get|have|be\s++eligible|submit|write|send|dispute|choose|obtain)\b"
    r"|\byou\s++(?:also\s++)?have\s++the\s++right\b|\byour\s++rights?\b"
    r"|\bsi\b|\busted\s++puede\b|\bsus\s++derechos\b",
    re.IGNORECASE,
)


def is_boilerplate(sentence: str) -> bool:
    """A rights notice or a conditional ("If we deny...", "You may ask for an IMR..."), not the
    plan's finding about this patient. The DMHC statement (HSC 1368.02(b)) itself names
    "medical necessity", "experimental or investigational" and "emergency or urgent medical
    services", so a sentence like it must never decide a category or a denial."""
    return _BOILERPLATE.search(sentence) is not None
