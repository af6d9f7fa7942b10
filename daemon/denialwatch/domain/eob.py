"""Explanations of benefits: is this one, and which of its claim lines did the plan deny?

An EOB is a claim statement ("Explanation of Benefits", "THIS IS NOT A BILL") laid out as
claim lines (billed, allowed, plan paid, your share). A line is *denied* when

- it carries a claim adjustment reason code (CARC, with or without its group code: "CO-50",
  "PR 96", "Reason code: 197") that ``DENYING_CARCS`` lists, or a code the EOB's own legend
  explains with denial words ("PDC: this service is not covered");
- or it says so in words beside an amount ("Denied", "Not covered", "Status: Denied"), or
  shows a non-zero "Not covered: $..." amount.

Cost sharing (CARC 1, 2, 3: deductible, coinsurance, copay), contractual discounts (45) and
bundling (97) are adjustments, not denials: the patient has nothing to appeal. An EOB with no
denied line is not a denial ("an explanation of benefits with no denied service").

``DENYING_CARCS`` is data, written for this project from the X12 CARC list (a copy is in
corpus/denials/denial-defence/data/raw/adjudication_logic/carc_rarc/carc_codes.csv; never read
at run time): the codes that mean the plan did not pay the service at all, each with a plain
meaning and the category of review it points to (DOMAIN.md "Which kind of IMR", research 7.1).
Remittance advice remark codes (RARC) only explain a CARC and decide nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from denialwatch.domain import quote
from denialwatch.domain.category import RULES
from denialwatch.domain.model import Category, Finding
from denialwatch.domain.quote import Page


@dataclass(frozen=True)
class Carc:
    meaning: str
    category: Category


DENYING_CARCS: dict[str, Carc] = {
    "11": Carc("the diagnosis does not match the procedure", Category.ADMINISTRATIVE),
    "16": Carc("the claim lacks information or has a billing error", Category.ADMINISTRATIVE),
    "22": Carc("another payer may cover this (coordination of benefits)", Category.ADMINISTRATIVE),
    "26": Carc("the service was before the coverage began", Category.NOT_COVERED),
    "27": Carc("the service was after the coverage ended", Category.NOT_COVERED),
    "29": Carc("the time limit for filing the claim has expired", Category.ADMINISTRATIVE),
    "31": Carc("the patient could not be identified as a member", Category.ADMINISTRATIVE),
    "39": Carc("the service was denied when authorization was requested", Category.UNKNOWN),
    "40": Carc(
        "the charges do not qualify as emergency or urgent care", Category.EMERGENCY_PAYMENT
    ),
    "49": Carc("a routine or preventive service the plan does not cover", Category.NOT_COVERED),
    "50": Carc(
        "not covered: not medically necessary in the plan's view", Category.MEDICAL_NECESSITY
    ),
    "51": Carc("not covered: a pre-existing condition", Category.NOT_COVERED),
    "55": Carc("experimental or investigational in the plan's view", Category.EXPERIMENTAL),
    "56": Carc("not proven effective in the plan's view", Category.EXPERIMENTAL),
    "58": Carc("given in a setting the plan finds inappropriate", Category.MEDICAL_NECESSITY),
    "96": Carc("a charge the plan does not cover", Category.NOT_COVERED),
    "109": Carc("not covered by this payer: another one may be", Category.ADMINISTRATIVE),
    "119": Carc("the benefit maximum for the period has been reached", Category.NOT_COVERED),
    "149": Carc("the lifetime benefit maximum has been reached", Category.NOT_COVERED),
    "150": Carc("the records do not support this level of service", Category.MEDICAL_NECESSITY),
    "151": Carc("the records do not support this many services", Category.MEDICAL_NECESSITY),
    "152": Carc("the records do not support this length of service", Category.MEDICAL_NECESSITY),
    "167": Carc("the diagnosis is not covered", Category.NOT_COVERED),
    "170": Carc("not paid when given by this type of provider", Category.NOT_COVERED),
    "197": Carc("no prior authorization or precertification", Category.ADMINISTRATIVE),
    "198": Carc("more than the authorization allowed", Category.ADMINISTRATIVE),
    "204": Carc("not covered under the patient's current benefit plan", Category.NOT_COVERED),
    "242": Carc("not given by a network or primary care provider", Category.NOT_COVERED),
    "243": Carc("not authorized by the network or primary care provider", Category.ADMINISTRATIVE),
    "288": Carc("the referral is missing", Category.ADMINISTRATIVE),
}
"""CARCs that deny a service, with what they mean to a patient and the review they point to."""

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
    r"^[ \t]*+(?P<code>(?:(?:CO|PR|OA|PI|CR)[ \t]?-?[ \t]?)?\d{1,3}|[A-Z]{1,4}\d{0,3})(?![\w-])"
    r"[ \t]*+[:=\u2013-][ \t]++(?P<text>\S[^\n]*+)",
    re.MULTILINE,
)
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


@dataclass(frozen=True)
class _Line:
    page: Page
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.page.text[self.start : self.end]


def _lines(page: Page) -> Iterator[_Line]:
    position = 0
    for _ in range(MAX_LINES):
        if position >= len(page.text):
            return
        newline = page.text.find("\n", position)
        stop = len(page.text) if newline < 0 else newline
        start, end = quote.strip_span(page.text, position, stop)
        if start < end:
            yield _Line(page, start, end)
        position = stop + 1


def is_eob(pages: Sequence[Page]) -> bool:
    """An EOB title and a claim table (at least MIN_COLUMNS column words)."""
    if not any(_TITLE.search(page.text) for page in pages):
        return False
    columns = {m.group().lower() for page in pages for m in quote.matches(_COLUMN, page.text)}
    return len(columns) >= MIN_COLUMNS


def _legends(pages: Sequence[Page]) -> dict[str, _Line]:
    """The EOB's own code legend: code -> the line explaining it, for codes that deny."""
    found: dict[str, _Line] = {}
    for page in pages:
        for match in quote.matches(_LEGEND, page.text):
            token = match.group("code")
            digits = _NON_DIGIT.sub("", token)
            carc = token[:1].isdigit() or token[:2] in _GROUPS
            denying = digits in DENYING_CARCS if carc else bool(_DENIED_WORDS.search(match["text"]))
            if denying and token not in found:
                end = _legend_end(page.text, match.end())
                found[token] = _Line(page, match.start("code"), end)
    return found


def _legend_end(text: str, end: int) -> int:
    """A legend entry may wrap: it runs on over lines that start no new entry, to a blank line."""
    limit = min(len(text), end + quote.MAX_REASON_CHARS)
    while end < limit:
        newline = text.find("\n", end, limit)
        if newline < 0:
            break
        following = text.find("\n", newline + 1, limit)
        line = text[newline + 1 : following if following >= 0 else limit]
        if not line.strip() or _LEGEND.match(line) or following < 0:
            break
        end = newline + 1 + len(line.rstrip())
    return end


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
    return {chunk.strip(",;:()[]") for chunk in text.split()}


def _is_denied(line: str, legends: dict[str, _Line]) -> bool:
    if _STATUS.search(line):
        return True
    if not _AMOUNT.search(line) and not _GROUP_CODE.search(line):
        return False  # a heading or a sentence, not a claim line
    if _denying_code(line, legends) is not None:
        return True
    not_covered = _NOT_COVERED_AMOUNT.search(line)
    if not_covered is not None:
        return _ZERO.fullmatch(not_covered.group("amount").strip()) is None
    return _DENIED_WORDS.search(line) is not None


def denied_lines(pages: Sequence[Page]) -> tuple[Finding[str], ...]:
    """The claim lines the plan denied, verbatim (at most MAX_DENIED), in reading order."""
    legends = _legends(pages)
    legend_spans = {(line.page.document, line.page.number, line.start) for line in legends.values()}
    found: list[Finding[str]] = []
    for page in pages:
        for line in _lines(page):
            if (page.document, page.number, line.start) in legend_spans:
                continue
            if len(found) < MAX_DENIED and _is_denied(line.text, legends):
                finding = quote.verbatim(page, (line.start, line.end), (line.start, line.end), 0.8)
                if finding is not None:
                    found.append(finding)
    return tuple(found)


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
_SERVICE_TRIM = " \t-:|\u2013"


def find_service(lines: Sequence[Finding[str]]) -> Finding[str] | None:
    """The service on the first denied claim line: its words between the dates of service
    and the first amount or code ("MRI right knee (73721)")."""
    for line in lines:
        text = line.quote
        start = _LEADING_DATES.match(text)
        begin = start.end() if start else 0
        found = (_AMOUNT.search(text, begin), _GROUP_CODE.search(text, begin))
        stop = min((m.start() for m in found if m is not None), default=None)
        if stop is None:
            continue
        value = quote.normalise_space(text[begin:stop].strip(_SERVICE_TRIM))
        if len(value) >= 3 and any(c.isalpha() for c in value):
            return Finding(value, line.quote, line.document, line.page, 0.6)
    return None
