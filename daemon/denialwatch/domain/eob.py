"""Explanations of benefits: is this one, and which of its claim lines did the plan deny?

An EOB is a claim statement ("Explanation of Benefits", "THIS IS NOT A BILL") laid out as
claim lines (billed, allowed, plan paid, your share). A line is *denied* when

- it carries a claim adjustment reason code (CARC, with or without its group code: "CO-50",
  "PR 96", "Reason code: 197") that ``carcs.DENYING_CARCS`` lists, or a code the EOB's own legend
  explains with denial words ("PDC: this service is not covered");
- or it says so in words beside an amount ("Denied", "Not covered", "Status: Denied"), or
  shows a non-zero "Not covered: $..." amount.

A claim line is read as the EOB prints it: PDF text breaks a long line at the margin, so a line
that stops mid-sentence runs on over the next ("...you owe $145.00. Remark" + "CARC 50."); a
ruled table comes one row a line with its cells joined by " | " (``documents.layout``), and
its header row names the columns, so a bare code in a "Remark" or "Reason code" column and an
amount in a "Not covered" column count, and the service is the "Service" cell.

Cost sharing (CARC 1, 2, 3: deductible, coinsurance, copay), contractual discounts (45) and
bundling (97) are adjustments, not denials: the patient has nothing to appeal. An EOB with no
denied line is not a denial ("an explanation of benefits with no denied service").

``DENYING_CARCS`` (``carcs``) lists the codes that deny, with the review each points to;
remittance advice remark codes (RARC) only explain a CARC and decide nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from denialwatch.domain import quote
from denialwatch.domain.carcs import DENYING_CARCS
from denialwatch.domain.category import RULES
from denialwatch.domain.model import Category, Finding
from denialwatch.domain.quote import Page

MAX_LINES = 2_000
"""Lines examined per page (an EOB page has a few dozen)."""
MAX_DENIED = 6

_TITLE = re.compile(
    r"explanation\s++of\s++(?:health\s++care\s++)?benefits|\bthis\s++is\s++not\s++a\s++bill\b"
    r"|(?-i:\bEOB\b)|explicaci[oó]n\s++de\s++beneficios|\besto\s++no\s++es\s++una\s++factura\b",
    re.IGNORECASE,
)
_COLUMN = re.compile(
    r"\b(?:billed|amount\s++billed|allowed|plan\s++paid|paid\s++by\s++(?:plan|us)|(?:we|plan)\s++paid"
    r"|your\s++(?:share|responsibility|cost)|you\s++(?:owe|may\s++owe)|member\s++responsibility"
    r"|patient\s++responsibility|not\s++covered|plan\s++discount|deductible|coinsurance|co-?pay(?:ment)?"
    r"|provider\s++charges?|remark|adjustment)\b",
    re.IGNORECASE,
)
MIN_COLUMNS = 2
_AMOUNT = re.compile(r"\$[ \t]*+\d[\d,]*+(?:\.\d\d)?")
_ZERO = re.compile(r"\$[ \t]*+0++(?:\.0++)?(?![\d,])")
_GROUP_CODE = re.compile(r"(?<![A-Za-z0-9])(?:CO|PR|OA|PI|CR)[ \t]?-?[ \t]?(?P<code>\d{1,3})(?!\d)")
_LABELLED_CODE = re.compile(
    r"\b(?:(?:claim\s++)?adjustment\s++(?:reason\s++)?|reason\s++|denial\s++|remark\s++|CARC\s*+)"
    r"(?:codes?|cd\.?)?[ \t]*+[:#]?[ \t]*+(?P<code>\d{1,3})(?!\d)",
    re.IGNORECASE,
)
_LEGEND = re.compile(
    r"^[ \t]*+(?P<entry>(?:(?i:CARC|(?:claim[ \t]++)?adjustment[ \t]++reason[ \t]++code"
    r"|reason[ \t]++code)[ \t]*+)?"
    r"(?P<code>(?:(?:CO|PR|OA|PI|CR)[ \t]?-?[ \t]?)?\d{1,3}|[A-Z]{1,4}\d{0,3})(?![\w-])"
    r"[ \t]*+[:=\u2013-][ \t]++(?P<text>\S[^\n]*+))",
    re.MULTILINE,
)
"""A legend entry: "CO-50: These are non-covered services...", "CARC 197: Precertification
absent", "PDC - not covered"."""
_DENIED_WORDS = re.compile(
    r"\b(?:denied|denial|not\s++covered|non-?covered|rejected|disallowed|not\s++payable"
    r"|not\s++(?:medically\s++necessary|authori[sz]ed|allowed)|denegad[oa]|no\s++cubierto)\b",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\b(?:status|estado)\s*+:[^\w\n]{0,6}(?:denied|not\s++covered|rejected|denegad[oa]|no\s++cubierto)",
    re.IGNORECASE,
)
_NOT_COVERED_AMOUNT = re.compile(
    r"\bnot\s++covered\s*+(?:amount)?\s*+:?[ \t]*+(?P<amount>\$[ \t]*+\d[\d,]*+(?:\.\d\d)?)",
    re.IGNORECASE,
)
_NON_DIGIT = re.compile(r"\D")
_GROUPS = ("CO", "PR", "OA", "PI", "CR")
WRAP_CHARS = quote.HEADING_CHARS
"""A line longer than this that stops mid-sentence was wrapped by the margin (PDF text)."""
MAX_WRAP = 3
"""Lines one claim line may take when its words wrap."""
_NEW_ITEM = re.compile(r"[-•*·▪◦]\s|\d{1,4}[/-]\d{1,2}[/-]\d{2,4}\b")
"""How a line that starts a claim line of its own begins: a bullet or a date of service."""
_COLUMN_GAP = re.compile(r"\S[ \t]{2,}\S")
"""Words two or more spaces apart: a row of a table laid out with spaces, never wrapped prose."""
_CELL_SEPARATOR = "|"
_CODE_HEADER = re.compile(
    r"(?:claim[ \t]++)?(?:adj(?:ustment|\.)?|remarks?|reason|denial|CARC|explanation)"
    r"(?:[ \t]++(?:reason[ \t]++)?(?:codes?|cd\.?))?|codes?",
    re.IGNORECASE,
)
"""A table column that holds the adjustment codes ("Remark", "Reason code", "Adj. code")."""
_NOT_COVERED_HEADER = re.compile(
    r"(?:amount[ \t]++)?(?:not[ \t]++covered|non-?covered|denied)(?:[ \t]++(?:amount|charges?))?",
    re.IGNORECASE,
)
_SERVICE_HEADER = re.compile(
    r"(?:description[ \t]++of[ \t]++)?(?:services?|procedures?|treatment|items?)(?:[ \t]++"
    r"(?:description|provided|name))?|description",
    re.IGNORECASE,
)
_CELL_CODE = re.compile(r"(?:(?:CO|PR|OA|PI|CR)[ \t]?-?[ \t]?)?(?P<code>\d{1,3})")
_CELL_WORDS = re.compile(r"[,;\s]++")


@dataclass(frozen=True)
class _Line:
    """A claim line as the EOB prints it: one line, or a line and the lines its words wrapped
    onto; a row of a ``|`` table carries the table's header cells."""

    page: Page
    start: int
    end: int
    header: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.page.text[self.start : self.end]

    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split(_CELL_SEPARATOR)]

    def under(self, header: re.Pattern[str]) -> list[str]:
        """The row's cells under the header cells ``header`` names in full."""
        cells = self.cells()
        return [
            cells[i]
            for i, name in enumerate(self.header)
            if i < len(cells) and header.fullmatch(name)
        ]


def _physical(page: Page) -> Iterator[tuple[int, int]]:
    """Every line of ``page`` (blank ones too) as a stripped span, at most MAX_LINES."""
    position = 0
    for _ in range(MAX_LINES):
        if position > len(page.text):
            return
        newline = page.text.find("\n", position)
        stop = len(page.text) if newline < 0 else newline
        yield quote.strip_span(page.text, position, stop)
        position = stop + 1


def _wraps(text: str, line: tuple[int, int], following: tuple[int, int]) -> bool:
    """``line`` goes on in ``following``: a long line of prose cut mid-sentence by the margin
    ("...you owe $145.00. Remark" + "CARC 50."), not a table row nor a heading."""
    words, after = text[line[0] : line[1]], text[following[0] : following[1]]
    if len(words) <= WRAP_CHARS or not after or _CELL_SEPARATOR in words + after:
        return False
    if not (words[-1].isalpha() or words[-1] == ",") or _COLUMN_GAP.search(words):
        return False
    return _NEW_ITEM.match(after) is None


def _lines(page: Page) -> Iterator[_Line]:
    """The page's claim lines: wrapped lines joined (up to MAX_WRAP), ``|`` rows with the
    header row above them."""
    spans = list(_physical(page))
    header: tuple[str, ...] = ()
    index = 0
    while index < len(spans):
        start, end = spans[index]
        index += 1
        if start == end:
            header = ()
            continue
        text = page.text[start:end]
        if _CELL_SEPARATOR in text:
            if _is_header(text):
                header = tuple(cell.strip(" *:").lower() for cell in text.split(_CELL_SEPARATOR))
                continue
            yield _Line(page, start, end, header)
            continue
        header = ()
        joined = 1
        while (
            joined < MAX_WRAP
            and index < len(spans)
            and _wraps(page.text, (start, end), spans[index])
        ):
            end = spans[index][1]
            index += 1
            joined += 1
        yield _Line(page, start, end)


def _is_header(row: str) -> bool:
    """A ``|`` row of column names: no amount, at least MIN_COLUMNS claim-table words."""
    if _AMOUNT.search(row):
        return False
    return len({m.group().lower() for m in _COLUMN.finditer(row)}) >= MIN_COLUMNS


def is_eob(pages: Sequence[Page]) -> bool:
    """An EOB title and a claim table (at least MIN_COLUMNS column words)."""
    if not any(_TITLE.search(page.text) for page in pages):
        return False
    columns = {m.group().lower() for page in pages for m in quote.matches(_COLUMN, page.text)}
    return len(columns) >= MIN_COLUMNS


def _legends(pages: Sequence[Page]) -> dict[str, _Line]:
    """The EOB's own code legend: code -> the entry explaining it, for codes that deny."""
    found: dict[str, _Line] = {}
    for page in pages:
        for match in quote.matches(_LEGEND, page.text):
            token = match.group("code")
            digits = _NON_DIGIT.sub("", token)
            carc = token[:1].isdigit() or token[:2] in _GROUPS
            denying = digits in DENYING_CARCS if carc else bool(_DENIED_WORDS.search(match["text"]))
            if denying and token not in found:
                end = _legend_end(page.text, match.end())
                found[token] = _Line(page, match.start("entry"), end)
    return found


def _legend_end(text: str, end: int) -> int:
    """A legend entry may wrap: it runs on over lines that start no new entry, to a blank line,
    a heading or a line that ends a sentence (PDF text has no blank line after it)."""
    limit = min(len(text), end + quote.MAX_REASON_CHARS)
    while end < limit and not _ends_sentence(text, end):
        newline = text.find("\n", end, limit)
        if newline < 0:
            break
        following = text.find("\n", newline + 1, limit)
        line = text[newline + 1 : following if following >= 0 else limit]
        if not line.strip() or _LEGEND.match(line) or quote.is_heading(line) or following < 0:
            break
        end = newline + 1 + len(line.rstrip())
    return end


def _ends_sentence(text: str, end: int) -> bool:
    """The line ending at ``end`` ends with a full stop, question or exclamation mark."""
    while end > 0 and text[end - 1] in " \t\r":
        end -= 1
    return end > 0 and text[end - 1] in ".!?"


def _denying_code(text: str, legends: dict[str, _Line]) -> str | None:
    for pattern in (_GROUP_CODE, _LABELLED_CODE):
        for match in pattern.finditer(text):
            if match.group("code") in DENYING_CARCS:
                return match.group("code")
    chunks = _chunks(text)
    for token in legends:
        if token in chunks:
            return _NON_DIGIT.sub("", token) or token
    return None


def _chunks(text: str) -> set[str]:
    """The words of a line as a code column prints them ("CO-50", "PDC", "50")."""
    return {chunk.strip(",;:.()[]") for chunk in text.split()}


def _column_denies(line: _Line) -> bool:
    """A ``|`` row whose code column holds a denying CARC ("| 50 |", "| CO-50, N130 |") or
    whose "Not covered" column a non-zero amount."""
    for cell in line.under(_CODE_HEADER):
        for word in _CELL_WORDS.split(cell):
            code = _CELL_CODE.fullmatch(word)
            if code is not None and code.group("code") in DENYING_CARCS:
                return True
    for cell in line.under(_NOT_COVERED_HEADER):
        amount = _AMOUNT.search(cell)
        if amount is not None and _ZERO.fullmatch(amount.group().strip()) is None:
            return True
    return False


def _is_denied(line: _Line, legends: dict[str, _Line]) -> bool:
    text = line.text
    if _STATUS.search(text):
        return True
    if not _AMOUNT.search(text) and not _GROUP_CODE.search(text):
        return False  # a heading or a sentence, not a claim line
    if _denying_code(text, legends) is not None or (line.header and _column_denies(line)):
        return True
    not_covered = _NOT_COVERED_AMOUNT.search(text)
    if not_covered is not None:
        return _ZERO.fullmatch(not_covered.group("amount").strip()) is None
    return _DENIED_WORDS.search(text) is not None


def _denied(pages: Sequence[Page]) -> list[_Line]:
    legends = _legends(pages)
    legend_spans = {(line.page.document, line.page.number, line.start) for line in legends.values()}
    found: list[_Line] = []
    for page in pages:
        for line in _lines(page):
            if len(found) >= MAX_DENIED:
                return found
            if (page.document, page.number, line.start) in legend_spans:
                continue
            if _is_denied(line, legends):
                found.append(line)
    return found


def denied_lines(pages: Sequence[Page]) -> tuple[Finding[str], ...]:
    """The claim lines the plan denied, verbatim (at most MAX_DENIED), in reading order."""
    found = [_quoted(line) for line in _denied(pages)]
    return tuple(f for f in found if f is not None)


def _quoted(line: _Line) -> Finding[str] | None:
    return quote.verbatim(line.page, (line.start, line.end), (line.start, line.end), 0.8)


def denial_reasons(
    pages: Sequence[Page], lines: Sequence[Finding[str]]
) -> tuple[Finding[str], ...]:
    """What the EOB says about its denials: its legend entries for denying codes (verbatim,
    up to MAX_REASON_CHARS), else the denied lines themselves."""
    legends = _legends(pages)
    used = [legends[t] for t in legends if any(t in _chunks(f.quote) for f in lines)]
    entries = used or list(legends.values())
    reasons = [
        quote.verbatim(e.page, (e.start, e.end), (e.start, e.end), 0.8, quote.MAX_REASON_CHARS)
        for e in entries[:MAX_DENIED]
    ]
    found = tuple(r for r in reasons if r is not None)
    return found or tuple(lines)


def category_of(text: str) -> Category | None:
    """The category of the first denying CARC in ``text`` (checks a category's quote)."""
    code = _denying_code(text, {})
    return DENYING_CARCS[code].category if code is not None else None


def find_category(lines: Sequence[Finding[str]]) -> Finding[Category] | None:
    """The category the denied lines' CARCs point to; the most serious when they differ
    (the order of ``category.RULES``: experimental first, administrative last)."""
    order = list(dict.fromkeys(rule.category for rule in RULES))
    best: tuple[int, Finding[str], Category] | None = None
    for line in lines:
        found = category_of(line.quote)
        if found is None or found is Category.UNKNOWN:
            continue
        rank = order.index(found) if found in order else len(order)
        if best is None or rank < best[0]:
            best = (rank, line, found)
    if best is None:
        return None
    _, line, found = best
    return Finding(found, line.quote, line.document, line.page, 0.7)


_LEADING_DATES = re.compile(r"(?:\d{1,4}[/-]\d{1,2}[/-]\d{2,4}[ \t]++){0,2}")
_SERVICE_TRIM = " \t-:|\u2013•*"
_CODE_NOTE = re.compile(
    r"\((?:CPT|HCPCS|code)\b[^()\n]{0,30}\)|:[ \t]*+(?=(?:billed|charged|amount|provider)\b)",
    re.IGNORECASE,
)
"""Where a claim line's service name ends in prose: its code in brackets ("Manual therapy
(CPT 97140): billed $145.00"), or a colon before the amounts."""


def find_service(lines: Sequence[Finding[str]]) -> Finding[str] | None:
    """The service on the first denied claim line: a ``|`` row's service cell (or its first
    cell of words), else its words between the dates of service and the first amount or code
    ("MRI right knee (73721)"), without a code note ("(CPT 97140)")."""
    for line in lines:
        text = line.quote
        value = _service_cell(text) if _CELL_SEPARATOR in text else _service_words(text)
        if value is not None:
            return Finding(value, line.quote, line.document, line.page, 0.6)
    return None


def _service_words(text: str) -> str | None:
    start = _LEADING_DATES.match(text.lstrip(_SERVICE_TRIM))
    begin = (len(text) - len(text.lstrip(_SERVICE_TRIM))) + (start.end() if start else 0)
    found = (_AMOUNT.search(text, begin), _GROUP_CODE.search(text, begin))
    stop = min((m.start() for m in found if m is not None), default=None)
    if stop is None:
        return None
    note = _CODE_NOTE.search(text, begin, stop)
    return _service_value(text[begin : note.start() if note else stop])


def _service_cell(text: str) -> str | None:
    for cell in text.split(_CELL_SEPARATOR):
        if _AMOUNT.search(cell) or _LEADING_DATES.fullmatch(cell.strip() + " "):
            continue
        value = _service_value(cell)
        if value is not None and sum(c.isalpha() for c in value) >= 3:
            note = _CODE_NOTE.search(value)
            return _service_value(value[: note.start()]) if note else value
    return None


def _service_value(words: str) -> str | None:
    value = quote.normalise_space(words.strip(_SERVICE_TRIM))
    return value if len(value) >= 3 and any(c.isalpha() for c in value) else None
