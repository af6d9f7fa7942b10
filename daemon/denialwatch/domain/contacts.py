"""Where the patient sends a grievance or appeal to the plan: its address, phone and fax.

Only the plan's own contacts count. The regulators' and other agencies' numbers
(``NOT_THE_PLAN``: DMHC 1-888-466-2219, TDD 1-877-688-9891 and fax 916-255-5241; CDI
1-800-927-4357; the State Hearing line; 1-800-MEDICARE; EBSA; free-help lines) are printed on
every letter by law (HSC 1368.02(b), research 1.2 and section 4) and are never the plan's; a
number or address named for an agency, a doctor or a hospital is skipped too. The patient's
own address (the letter's recipient block) has no appeal wording before it and is never read.

Phone (``find_appeal_phone``): a number with the party it reaches, read from the words before
it ("call Member Services at", "Appeals and Grievances: ", "telephone your health plan at"):

- 0.9 an appeals or grievance unit, or the plan (Member Services, "us", its name) in a
  sentence (or the one before it) about an appeal or grievance; the HSC 1368.02(b) statement's
  "telephone your health plan at" is the plan's grievance number by statute;
- 0.7 the plan's member line anywhere ("Member Services 1-888-555-0168");
- 0.6 "call us at" with nothing about appeals.

Fax (``find_appeal_fax``): a number after "Fax", "fax it to", "by fax at": 0.9 when the
sentence or the address block around it is about appeals or grievances, else 0.7.

Address (``find_appeal_address``): a street or P.O. box address ending in a ZIP code, after
appeal wording: a lead-in ("send your appeal to:", "write to", "Envíe su apelación a") or an
appeals unit inside the address ("Appeals and Grievances Department"). In block form (one
address line per line) the lines are joined with ", "; written inside a sentence, its line
breaks are wraps and become spaces. Confidence 0.9 with an appeals unit or an appeal lead-in
in the same sentence, 0.7 when the appeal wording is in the line before the block.

Choice: documents in order of preference; in the first with any candidate, the most confident,
then the first.

Invariants (tested): a phone or fax value is the whitespace-normalised text of a span of its
quote (the number as printed) and is not in ``NOT_THE_PLAN``. An address value, with commas
and whitespace removed, is a substring of its quote with commas and whitespace removed
(``skeleton``): it is a span of the quote whose line breaks became ", " or " ".
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from denialwatch.domain import quote
from denialwatch.domain.extract import GENERIC_LABEL, LABELLED, PHRASE, by_document
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

NOT_THE_PLAN: frozenset[str] = frozenset(
    {
        "8884662219",  # DMHC Help Center (DOMAIN.md "DMHC facts"; HSC 1368.02(b))
        "8776889891",  # DMHC TDD
        "9162555241",  # DMHC fax
        "8009274357",  # CDI consumer hotline (research 1.1, S10)
        "8004824833",  # CDI TTY (research 1.1)
        "2138979641",  # CDI IMR fax (research, open question 7: third-party source)
        "8009525253",  # CDSS State Hearings (research 1.1, Medi-Cal row)
        "8009528349",  # CDSS State Hearings TDD
        "8006334227",  # 1-800-MEDICARE (research 1.1)
        "8774862048",  # 1-800-MEDICARE TTY
        "8664443272",  # EBSA (research 1.1, ERISA row)
        "8888043536",  # Health Consumer Alliance (DOMAIN.md)
        "8884528609",  # Medi-Cal Managed Care Ombudsman
        "8004340222",  # HICAP (Medicare counselling)
    }
)
"""Ten-digit numbers that belong to a regulator or a free-help line, never to a plan."""

_NUMBER = r"(?:\+?1[-.\s]?)?(?:\(\d{3}\)[ \t]?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?![\w-])"
_PHONE = re.compile(r"(?<![\w-])" + _NUMBER)
_OTHER_PARTY = re.compile(
    r"department\s++of\s++(?:managed\s++health\s++care|insurance|social\s++services|health"
    r"\s++care\s++services|labor)|(?-i:\b(?:DMHC|CDI|DHCS|CDSS|EBSA|HICAP|IRE|QIO)\b)"
    r"|help\s*+center|state\s++hearings?|ombudsman|consumer\s++alliance|legal\s++aid"
    r"|employee\s++benefits\s++security|1-800-medicare|\bmedicare\b(?!\s++advantage)"
    r"|\b(?:doctor|physician|provider|hospital|prescriber|dr\.|md\b)|\b(?:your|the|a|local)"
    r"\s++(?:pharmacy|pharmacist)|independent"
    r"\s++review\s++(?:entity|organi[sz]ation)|\bIMR\b|independent\s++medical\s++review"
    r"|departamento|audiencia|defensor|m[eé]dico|labor\s++code|workers",
    re.IGNORECASE,
)
"""Parties that are not the plan: regulators, help lines, doctors, hospitals."""
_APPEAL_WORDS = re.compile(
    r"\bappeal|\bgrievance|\breconsideration|\bredetermination|\bdisagree|\bcomplaint"
    r"|\bapelaci[oó]n|\bquejas?\b|\bdesacuerdo|\breclamo",
    re.IGNORECASE,
)
_APPEALS_UNIT = re.compile(
    r"\b(?:appeals?|grievances?)(?:\s++(?:and|&|/)\s++(?:appeals?|grievances?))?(?:\s++"
    r"(?:department|dept\.?|unit|team|coordinator|office|line|section|services))?\b"
    r"|\bapelaciones(?:\s++y\s++quejas)?|\bquejas\s++y\s++apelaciones",
    re.IGNORECASE,
)
_MEMBER_LINE = re.compile(
    r"\b(?:member|customer|consumer)\s++(?:services?|care|support)|servicios?\s++(?:para|al|a)"
    r"\s++(?:los\s++)?(?:miembros?|clientes?)",
    re.IGNORECASE,
)
"""The plan's member line, which takes grievances (HSC 1368(a): by phone too)."""
_PLAN_PARTY = re.compile(
    r"\b(?:us|nosotros|our)\b|\b(?:your|the|su)\s++(?:health\s++)?plan\b|\bplan\s++de\s++salud\b"
    r"|\b[A-Z][\w.&'-]*+(?:\s++[A-Z][\w.&'-]*+){0,4}"
)
"""Who a "call ... at" reaches when it is the plan: "us", "your health plan", or a capitalised
name (an agency's or a doctor's name is caught by ``_OTHER_PARTY`` first)."""
_FILLER = re.compile(r"(?:\s|[:#,-]|\b(?:at|al|a|on|to|the|number)\b)*+", re.IGNORECASE)
"""A party that is no party: "Call 1-800...", "Llame al 1-888..." (the plan is speaking)."""
_CALL = re.compile(
    r"\b(?:call(?:ing)?|contact(?:ing)?|phone|telephone|reach|dial|ll[aá]me(?:nos)?|ll[aá]menos"
    r"|comun[ií]quese\s++con|tel[eé]fono|number\s++is)\b",
    re.IGNORECASE,
)
_TTY = re.compile(r"(?:\bTTY|\bTDD|\bTTD|text\s++telephone|\brelay)[\s:#.]*+$", re.IGNORECASE)
_FAX = re.compile(
    r"\b(?:fax(?:ing|ed)?|facsimile|telefax)\b(?:\s++(?:number|no\.|#))?[^\d\n]{0,40}?(?="
    + _NUMBER
    + ")",
    re.IGNORECASE,
)
CLAUSE_CHARS = 80
"""How far before a number to look for the party it reaches."""
_CLAUSE_END = re.compile(r"[.;!?]\s|\n[ \t]*+\n|\)\s*+,|,\s++(?:or|and|o|y)\b", re.IGNORECASE)

_ZIP = re.compile(
    r"(?P<city>[A-Z][A-Za-z.'-]*+(?:[ \t]++[A-Z][A-Za-z.'-]*+){0,3}),?[ \t]++"
    r"(?P<state>[A-Z]{2}|California)[ \t]++(?P<zip>\d{5}(?:-\d{4})?)(?![\d-])"
)
_STREET = re.compile(
    r"(?:\bP\.?[ \t]?O\.?[ \t]*+Box|\bPO[ \t]++Box|\bPost[ \t]++Office[ \t]++Box|\bBox"
    r"|\bApartado(?:[ \t]++Postal)?)[ \t]++\d++|(?<![\w-])\d{1,6}[ \t]++(?:[NSEW]\.?[ \t]++)?"
    r"[A-Z0-9][\w.'-]*+(?:[ \t]++[\w.'-]++){0,4}?[ \t]++(?:Street|St|Avenue|Ave|Boulevard|Blvd"
    r"|Road|Rd|Drive|Dr|Way|Lane|Ln|Place|Pl|Court|Ct|Parkway|Pkwy|Plaza|Circle|Cir|Highway"
    r"|Hwy|Center|Centre|Square|Terrace|Mall|Loop|Trail)\b\.?"
    r"|(?-i:(?<![\w-])\d{1,6}[ \t]++[A-Z][\w.'-]*+(?:[ \t]++[A-Z0-9][\w.'-]*+){0,3}"
    r"(?=,?[ \t]*+(?:Suite|Ste\.?|Floor|Fl\.|Room|Rm\.|Unit|#)|[ \t]*+\n))",
    re.IGNORECASE,
)
"""A street line: a P.O. box, a number and a street ("393 East Walnut Street"), or a number
and a name before a suite or at the end of its line ("200 Oceangate, Suite 100")."""
_NOT_THE_PLANS_STREET = re.compile(
    r"980\s++(?:Ninth|9th)\s++Street|300\s++(?:South|S\.?)\s++Spring|744\s++P\s++Street"
    r"|P\.?\s*+O\.?\s*+Box\s++944243",
    re.IGNORECASE,
)
"""Regulators' mail addresses: DMHC (DOMAIN.md), CDI Los Angeles (research 1.1), CDSS State
Hearings (Medi-Cal "Your Rights")."""
_WRAPPED = r"(?:[^.;\n]|\n(?![ \t]*+\n))"
"""A character of a sentence, which may wrap onto the next line."""
_LEAD_IN = re.compile(
    r"\b(?:writ(?:e|ing)(?:\s++(?:to\s++)?(?:us\s++)?(?:at|to))?|(?:send(?:ing)?|mail(?:ing)?"
    r"|submit(?:ting)?|return|deliver|forward|direct)\b" + _WRAPPED + r"{0,120}?\bto"
    r"|escr[ií]ba(?:nos)?\s++a|env[ií]e(?:nos)?\b" + _WRAPPED + r"{0,80}?\ba"
    r"|(?:mailing\s++)?address)\s*+:?\s*+",
    re.IGNORECASE,
)
"""What comes before an address written in a sentence: "write to", "Send your appeal ... to"."""
ADDRESS_REACH = 260
"""How far before a ZIP code an address (and its lead-in) may start."""
BLOCK_LINES = 5
_HOME = re.compile(
    r"\byour\s++(?:home|address|mailing)|\bpatient\b|\bmember\s++address", re.IGNORECASE
)
"""Wording around the patient's own address."""
ADDRESS_GAP = 40
"""Characters allowed between a street and its city ("Suite 500, ")."""
_SENTENCE_STOP = re.compile(r"[!?;:](?:\s|$)|(?<![A-Z])(?<!\b[A-Z][a-z])\.(?:\s|$)")
"""The end of a sentence, but not the dot of "P.O." or "Ste."."""
_FAX_WORD = re.compile(r"\bfax|\bfacsimile", re.IGNORECASE)
_SKELETON = re.compile(r"[\s,]++")


@dataclass(frozen=True)
class _Candidate:
    confidence: float
    position: int
    finding: Finding[str]


def find_appeal_phone(pages: Sequence[Page]) -> Finding[str] | None:
    """The plan's phone number for grievances and appeals (module docstring)."""
    return _best(pages, _phones)


def find_appeal_fax(pages: Sequence[Page]) -> Finding[str] | None:
    """The plan's fax number for grievances and appeals (module docstring)."""
    return _best(pages, _faxes)


def find_appeal_address(pages: Sequence[Page]) -> Finding[str] | None:
    """The plan's mailing address for grievances and appeals, lines joined with ", "."""
    return _best(pages, _addresses)


def digits(number: str) -> str:
    """A phone number's ten digits (without the leading 1), to compare numbers."""
    found = re.sub(r"\D", "", number)
    return found[1:] if len(found) == 11 and found.startswith("1") else found


def skeleton(text: str) -> str:
    """``text`` without commas and whitespace: how an address value is found in its quote."""
    return _SKELETON.sub("", text)


def _best(
    pages: Sequence[Page], finder: Callable[[Page], Iterator[_Candidate]]
) -> Finding[str] | None:
    for document in by_document(pages):
        found = [c for page in document for c in itertools.islice(finder(page), quote.MAX_MATCHES)]
        if found:
            return max(found, key=lambda c: c.confidence).finding
    return None


def _clause_before(text: str, start: int) -> int:
    """Where the clause holding ``text[start]`` begins (at most CLAUSE_CHARS back)."""
    begin = max(0, start - CLAUSE_CHARS)
    for match in _CLAUSE_END.finditer(text, begin, start):
        begin = match.end()
    return begin


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]`` (of its first MAX_MATCHES)."""
    last = deque(itertools.islice(pattern.finditer(text, start, end), quote.MAX_MATCHES), 1)
    return last[0] if last else None


def _appeal_context(text: str, start: int, end: int) -> bool:
    """The sentence holding ``text[start:end]``, or the one before it, is about appeals."""
    sentence = quote.sentence_span(text, start, end)
    if _APPEAL_WORDS.search(text, sentence[0], sentence[1]):
        return True
    previous = list(quote.sentences(text, max(0, sentence[0] - quote.WINDOW), sentence[0]))
    return bool(previous) and _APPEAL_WORDS.search(text, *previous[-1]) is not None


def _phones(page: Page) -> Iterator[_Candidate]:
    text = page.text
    for match in quote.matches(_PHONE, text):
        start = match.start()
        if digits(match.group()) in NOT_THE_PLAN or _TTY.search(text, max(0, start - 20), start):
            continue
        clause_start = _clause_before(text, start)
        if _FAX_WORD.search(text, clause_start, start):
            continue
        call = _last(_CALL, text, clause_start, start)
        line_start = text.rfind("\n", clause_start, start) + 1
        party_start = call.end() if call is not None else max(line_start, clause_start)
        if _OTHER_PARTY.search(text, party_start, start):
            continue
        confidence = _phone_confidence(text, match, text[party_start:start], called=bool(call))
        if confidence is None:
            continue
        if call is not None:
            unit = quote.sentence_span(text, start, match.end())
        else:
            unit = quote.line_span(text, start, match.end())
        found = quote.verbatim(page, match.span(), unit, confidence)
        if found is not None:
            yield _Candidate(confidence, start, found)


def _phone_confidence(text: str, match: re.Match[str], party: str, *, called: bool) -> float | None:
    """How surely the number reaches the plan about an appeal (module docstring)."""
    if _APPEALS_UNIT.search(party):
        return LABELLED
    member_line = _MEMBER_LINE.search(party) is not None
    plan = _PLAN_PARTY.search(party) if called else None
    implied = called and _FILLER.fullmatch(party) is not None
    if not (member_line or plan or implied):
        return None
    if called and _appeal_context(text, match.start(), match.end()):
        return LABELLED
    if member_line or (plan is not None and not re.fullmatch(r"us|nosotros|our", plan.group())):
        return GENERIC_LABEL
    return PHRASE


def _faxes(page: Page) -> Iterator[_Candidate]:
    text = page.text
    for label in quote.matches(_FAX, text):
        number = _PHONE.match(text, label.end())
        if number is None or digits(number.group()) in NOT_THE_PLAN:
            continue
        if _OTHER_PARTY.search(text, _clause_before(text, label.start()), number.start()):
            continue
        block_start = text.rfind("\n\n", max(0, label.start() - 300), label.start())
        appeal = _appeal_context(text, label.start(), number.end()) or bool(
            _APPEALS_UNIT.search(text, max(0, block_start), label.start())
        )
        confidence = LABELLED if appeal else GENERIC_LABEL
        unit = quote.line_span(text, label.start(), number.end())
        found = quote.verbatim(page, number.span(), unit, confidence)
        if found is not None:
            yield _Candidate(confidence, number.start(), found)


def _addresses(page: Page) -> Iterator[_Candidate]:
    for zip_match in quote.matches(_ZIP, page.text):
        found = _address_ending(page, zip_match)
        if found is not None:
            yield found


def _address_ending(page: Page, zip_match: re.Match[str]) -> _Candidate | None:
    """The appeal address that ends with this ZIP code, if it is one (module docstring)."""
    text = page.text
    low = max(0, zip_match.start() - ADDRESS_REACH)
    street = _last(_STREET, text, low, zip_match.start())
    if street is None or not _close(text, street.end(), zip_match.start()):
        return None
    line_start = text.rfind("\n", low, street.start()) + 1
    block = _in_block(text, line_start, street.start())
    if block:
        start, lead_start = _block_start(text, line_start)
        context = text[lead_start : zip_match.end()]
    else:
        sentence_start = quote.sentence_span(text, street.start())[0]
        lead = _last(_LEAD_IN, text, max(low, sentence_start), street.start())
        start = lead.end() if lead is not None else street.start()
        lead_start = lead.start() if lead is not None else start
        context = text[quote.sentence_span(text, lead_start)[0] : zip_match.end()]
    address = text[start : zip_match.end()]
    unit_appeal = _APPEALS_UNIT.search(address) is not None
    appeal = _APPEAL_WORDS.search(context) or (
        not block and _appeal_context(text, lead_start, zip_match.end())
    )
    if not (unit_appeal or appeal):
        return None
    if (
        _OTHER_PARTY.search(context)
        or _HOME.search(context)
        or _NOT_THE_PLANS_STREET.search(address)
    ):
        return None
    value = _joined(address, block=block)
    unit = quote.capped(text, (lead_start, zip_match.end()), (start, zip_match.end()))
    if not value or unit[0] > start or unit[1] < zip_match.end():
        return None
    confidence = LABELLED if unit_appeal or not block else GENERIC_LABEL
    finding = Finding(value, text[unit[0] : unit[1]], page.document, page.number, confidence)
    return _Candidate(confidence, start, finding)


def _close(text: str, street_end: int, city_start: int) -> bool:
    """Only a suite, a separator or a line break between the street and the city."""
    between = text[street_end:city_start]
    return len(between) <= ADDRESS_GAP and not _SENTENCE_STOP.search(between)


def _previous_line(text: str, start: int) -> tuple[int, int] | None:
    """The line before the one starting at ``start``, unstripped; None at the top."""
    if start <= 0:
        return None
    end = start - 1
    return text.rfind("\n", max(0, end - quote.WINDOW), end) + 1, end


def _in_block(text: str, line_start: int, street_start: int) -> bool:
    """The address is laid out one line per line: the street starts its line (or follows a
    short name on it), and the line above is blank, short, or a lead-in ending with ":"."""
    head = text[line_start:street_start]
    if len(head.strip()) > quote.HEADING_CHARS or _SENTENCE_STOP.search(head):
        return False
    if _LEAD_IN.search(head):
        return False
    previous = _previous_line(text, line_start)
    if previous is None:
        return True
    line = text[previous[0] : previous[1]].strip()
    return len(line) <= quote.HEADING_CHARS or line.endswith(":")


def _block_start(text: str, line_start: int) -> tuple[int, int]:
    """The first line of the address block holding the line at ``line_start``, and where its
    lead-in starts: the line above the block when it ends with ":" (a blank line between is
    allowed), else the block's first line."""
    start = line_start
    for _ in range(BLOCK_LINES):
        previous = _previous_line(text, start)
        if previous is None:
            return start, start
        line = text[previous[0] : previous[1]].strip()
        if not line or len(line) > quote.HEADING_CHARS or line.endswith((".", "!", "?", ":")):
            break
        start = previous[0]
    above = _previous_line(text, start)
    if above is not None and not text[above[0] : above[1]].strip():
        above = _previous_line(text, above[0])
    if above is not None and text[above[0] : above[1]].strip().endswith(":"):
        return start, above[0]
    return start, start


def _joined(address: str, *, block: bool) -> str:
    """An address's value: its lines joined with ", " (a block) or " " (a wrapped sentence)."""
    if not block:
        return quote.normalise_space(address)
    lines = (quote.normalise_space(line).strip(" ,") for line in address.splitlines())
    return ", ".join(line for line in lines if line)
