"""The criteria a plan says it applied: InterQual, MCG, its own medical policies, the
Evidence of Coverage section, Medicare and Medi-Cal rules, Hayes and NCCN.

A grievance response must "describe the criteria used and the clinical reasons for its
decision" (HSC 1368(a)(5), research 7.2 item 1) and a UM denial must describe "the criteria or
guidelines used" (HSC 1367.01(h)(4), research 7.2 item 2): the patient's appeal and the IMR
letter answer each one, so each is quoted as the letter names it.

Rules are data (``RULES``): a name pattern per kind of criterion. The value is the criterion's
name as printed, from its brand to the end of its title or number: "InterQual 2026 Procedures
criteria for Lumbar Fusion", "MCG A-0355", "Clinical Policy Bulletin 0157, Obesity Surgery",
"Section 4.2 of your Evidence of Coverage", "Medicare Benefit Policy Manual, Chapter 1, Section
110". Its quote is the sentence (or line) that cites it.

- A plan policy needs a number or a title ("our medical policy" names nothing to answer).
- An Evidence of Coverage, Certificate or Summary Plan Description needs the section it cites.
- Hayes and NCCN are also cited by doctors; they count only when the letter says it used
  them ("based on", "according to", "does not meet"...), and "Hayes" alone is a surname.
- MCG is also "microgram" on a drug line ("100 MCG"): never after a number.

Confidence: 0.9 when the sentence says the criterion was applied ("does not meet",
"based on", "as required by", "criteria"), 0.7 otherwise (the letter names it: "You may
ask for a free copy of Clinical Policy Bulletin 0157"). Each criterion once, in reading
order, at most ``MAX_CRITERIA``: a name inside a longer one, or whose capitalised words and
numbers are all in another name of the same kind ("MCG criteria", "InterQual 2026 Procedures
criteria for Lumbar Fusion" beside "InterQual 2026 Procedures criteria, Spine Surgery: Lumbar
Fusion"), is the same criterion and gives way to the fuller name.

Invariant (tested): the value is the whitespace-normalised text of a span of its quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from denialwatch.domain import quote
from denialwatch.domain.extract import GENERIC_LABEL, LABELLED
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

MAX_CRITERIA = 8
NAME_CHARS = 140
"""The longest criterion name kept; a longer run is cut at a word."""

_WS = r"(?:[ \t]++(?:\n[ \t]*+)?|\n[ \t]*+)"
"""Between two words of a name: spaces, and at most one line break (PDF text wraps)."""
_NUMBER = r"\d++(?:\.\d++)*+"
_TITLE_WORD = r"(?:[A-Z0-9][\w&'/+-]*+|\([A-Z0-9][\w ./-]{0,30}\))"
_SMALL_WORD = r"(?:of|for|and|the|in|with|to|or|de|del|y|&)"
_TITLE = rf"{_TITLE_WORD}(?:,?{_WS}(?:{_SMALL_WORD}{_WS})?{_TITLE_WORD}){{0,9}}"
"""A title: capitalised words, small words between them, a code in brackets among them."""
_STOP_WORD = (
    r"(?:because|as|since|and|which|that|when|if|but|so|your|you|is|are|was|were|porque|y|que"
    r"|pero|ya|su|sus|usted)"
)
_OBJECT = rf"{_WS}(?i:for|on|para){_WS}[\w/-]++(?:{_WS}(?!(?i:{_STOP_WORD})\b)[\w/()-]++){{0,9}}"
"""What criteria are for, up to punctuation or a clause: "for advanced imaging of the spine"."""
_ID = (
    r"(?:[ \t]++(?i:number|no\.|#))?[ \t]*+[:#]?[ \t]*+(?:[A-Z]{1,6}+[-.]?+)*+"
    r"\d(?:[\w-]|\.(?=\w))*+"
)
"""A policy number: "8.01.10", "0157", "CG-MED-59", "MCP-123", "2026T0123"."""
_TITLED = rf"(?:(?:,|:|[ \t]++[-\u2013\u2014]){_WS}{_TITLE}|{_WS}\({_TITLE}\))?"
"""A policy's title after its number: ", Obesity Surgery", ": Proton Beam Therapy"."""
_DOCUMENT = (
    r"(?:combined\s++)?(?:evidence\s++of\s++coverage(?:\s++and\s++disclosure\s++form)?"
    r"|certificate\s++of\s++(?:insurance|coverage)|summary\s++plan\s++description"
    r"|plan\s++(?:contract|document)|policy|evidencia\s++de\s++cobertura|\bEOC\b|\bSPD\b)"
    r"(?:\s*+\((?:EOC|SPD)\))?"
)
_SECTION = (
    r"(?:section|chapter|page|article|secci[oó]n|cap[ií]tulo|p[aá]gina)\s++(?:[IVX]{1,4}|\d++)"
    r"(?:\.\d++){0,3}[A-Za-z]?\b(?:\s*+\([^()\n]{1,40}\))?"
    r"(?:,?\s++[\"\u201c][^\"\u201d\n]{1,60}[\"\u201d])?"
)
_NOT_A_NAME = (
    r"(?:The|This|That|These|Our|Your|An?|Per|Under|See|By|In|Of|Using|Based|Its|However"
    r"|Unfortunately|Also|Please|We|According|As|With|From|On|For|To)"
)
"""Capitalised words that start a sentence, not a plan's name before its policy."""
_SPANISH_LEAD = (
    r"(?:(?i:(?:pautas|criterios|gu[ií]as)(?:\s++cl[ií]nicas)?\s++de"
    r"(?:\s++la)?)\s++)?"
)
"""How a Spanish letter names a brand's criteria: "las pautas clínicas de MCG para ..."."""
_APPLIED = re.compile(
    r"\b(?:based\s++(?:\w++\s++){0,3}?on|according\s++to|per|under|using|used|use[sd]?|applied"
    r"|appl(?:y|ies)"
    r"|review(?:ed)?\s++(?:against|using)|(?:do|does|did)\s++not\s++meet|not\s++met|meets?"
    r"|as\s++required\s++by|in\s++accordance\s++with|consistent\s++with|criteria|guidelines?"
    r"|supported\s++by|recommend(?:s|ed)?|rated|seg[uú]n|(?:se\s++)?bas(?:ó|o|ad[oa]s?)\s++en"
    r"|no\s++cumple|reference|exclud(?:es?|ed)|exclusions?|supports?|limits?)\b",
    re.IGNORECASE,
)
"""Words that say the letter applied a criterion rather than mention it."""


@dataclass(frozen=True)
class CriterionRule:
    name: str
    """What kind of criterion (for tests and the review list)."""
    pattern: re.Pattern[str]
    needs_applied: bool = False
    """Only counts when the sentence says the plan applied it (Hayes, NCCN)."""


def _rule(name: str, pattern: str, *, needs_applied: bool = False) -> CriterionRule:
    """Patterns are case-sensitive (names are capitalised); ``(?i:...)`` marks the rest."""
    return CriterionRule(name, re.compile(pattern), needs_applied)


RULES: tuple[CriterionRule, ...] = (
    _rule(
        "InterQual",
        rf"{_SPANISH_LEAD}\bInterQual(?:®|\(R\))?"
        rf"(?:(?:{_WS}|,{_WS}(?=[A-Z])|:{_WS})(?:\d{{4}}(?:\.\d)?"
        rf"|(?i:criteria|subset|guidelines?|edition|level{_WS}of{_WS}care)|{_TITLE_WORD})){{0,10}}"
        rf"(?:{_OBJECT})?",
    ),
    _rule(
        "MCG",
        rf"{_SPANISH_LEAD}(?:\bMCG(?:®|\(R\))?(?:{_WS}Health)?"
        rf"|\bMilliman(?:{_WS}Care{_WS}Guidelines(?:®)?)?)"
        rf"(?<!\d[ \t]MCG)(?<!\dMCG)(?:\s*+\((?:Milliman{_WS}Care{_WS}Guidelines|MCG)\))?"
        rf"(?:(?:{_WS}|,{_WS}(?=[A-Z]))(?:\d{{2}}(?:st|nd|rd|th){_WS}Edition"
        rf"|[A-Z]{{1,3}}:[ \t]*+[A-Z]{{1,3}}-\d{{3,4}}|[A-Z]{{1,3}}-\d{{3,4}}|{_TITLE_WORD}"
        rf"|(?i:criteria|guidelines?|care|level{_WS}of{_WS}care))){{0,10}}(?:{_OBJECT})?",
    ),
    _rule(
        "plan policy",
        rf"(?:\b(?!{_NOT_A_NAME}\b)[A-Z][\w&'-]*+[ \t]++(?:of[ \t]++)?){{0,4}}"
        r"(?i:(?:(?:national|corporate|clinical|medical|coverage|payment|reimbursement|drug"
        r"|pharmacy|commercial)\s++)?(?:medical|clinical|coverage|drug|pharmacy"
        r"|payment|reimbursement)\s++(?:policy|policies)(?:\s++bulletin)?|clinical\s++policy\s++"
        r"bulletin|coverage\s++policy|(?:clinical\s++)?(?:UM\s++)?guideline|clinical\s++(?:review"
        r"\s++)?criteria|coverage\s++determination\s++guideline|utilization\s++management\s++"
        r"guideline|medical\s++necessity\s++criteria|pol[ií]tica\s++m[eé]dica|\bCPB)"
        rf"(?:{_ID}{_TITLED}|[ \t]*+:{_WS}{_TITLE}|{_WS}(?i:titled|called|for|on){_WS}"
        rf"[\"'\u201c]?{_TITLE})",
    ),
    _rule(
        "plan approved criteria",
        r"\b[A-Z][\w&'-]*+[ \t]++Approved[ \t]++Criteria(?:[ \t]*+:[ \t]++[^\n.;]{3,80})?",
    ),
    _rule(
        "Anthem guideline number",
        r"\b(?:CG-[A-Z]{2,6}-\d{2,3}|(?:SURG|MED|RAD|DME|LAB|GENE|TRANS|ANC|BEH)\.\d{5})\b",
    ),
    _rule(
        "Evidence of Coverage section",
        rf"(?i:{_SECTION},?\s++(?:of|in|de)\s++(?:your|the|our|su|la|el)\s++(?:\d{{4}}\s++)?"
        rf"{_DOCUMENT}|{_DOCUMENT},?\s++{_SECTION})",
    ),
    _rule(
        "Medicare coverage rule",
        rf"\bMedicare{_WS}(?:Benefit{_WS}Policy|Claims{_WS}Processing|Program{_WS}Integrity"
        rf"|Prescription{_WS}Drug{_WS}Benefit){_WS}Manual(?:,?{_WS}(?:Chapter|Section|Pub\.?)"
        rf"{_WS}{_NUMBER}[A-Za-z]?){{0,3}}|\b(?:National|Local){_WS}Coverage{_WS}Determination"
        rf"(?:\s*+\((?:NCD|LCD)\))?(?:{_WS}(?:for{_WS})?{_TITLE})?"
        rf"|\b(?:NCD|LCD)[ \t]++(?:L\d{{5}}|\d{{2,3}}\.\d{{1,2}})",
    ),
    _rule(
        "California regulation",
        rf"\bTitle{_WS}\d{{1,2}},?{_WS}(?:California{_WS}Code{_WS}of{_WS}Regulations|CCR),?{_WS}"
        rf"(?:Section|§)[ \t]*+{_NUMBER}(?:\s*+\([^()\n]{{1,40}}\))?|\bMedi-Cal{_WS}(?:Provider"
        rf"|Criteria){_WS}Manual(?:{_WS}section{_WS}on{_WS}{_TITLE}(?::{_WS}{_TITLE})?)?"
        rf"|\bT[ií]tulo{_WS}\d{{1,2}}{_WS}del{_WS}C[oó]digo{_WS}de{_WS}Reglamentos{_WS}de{_WS}"
        rf"California,?{_WS}Secci[oó]n[ \t]*+{_NUMBER}(?:\s*+\([^()\n]{{1,40}}\))?",
    ),
    _rule(
        "workers' compensation guideline",
        rf"\b(?:MTUS|ACOEM|ODG|Official{_WS}Disability{_WS}Guidelines)(?:{_WS}(?:{_TITLE_WORD}"
        rf"|(?i:guidelines?|criteria|treatment))){{0,8}}",
    ),
    _rule(
        "Hayes",
        rf"\bHayes(?:,?{_WS}Inc\.?|{_WS}(?:Health{_WS})?Technology{_WS}Assessment|{_WS}(?:Directory"
        rf"|Rating|Report|Evidence{_WS}Analysis|Knowledge{_WS}Center|Annual{_WS}Review|Medical"
        rf"{_WS}Technology{_WS}Directory|Clinical{_WS}Research{_WS}Response))"
        rf"(?:{_WS}(?:for|on){_WS}{_TITLE})?",
        needs_applied=True,
    ),
    _rule(
        "NCCN",
        rf"\b(?:NCCN(?:®)?(?:{_WS}(?:Clinical{_WS}Practice{_WS})?Guidelines(?:®)?(?:{_WS}in{_WS}"
        rf"Oncology)?|{_WS}Compendium(?:®)?)?|National{_WS}Comprehensive{_WS}Cancer{_WS}Network"
        rf"(?:\s*+\(NCCN\))?)(?:{_WS}(?:for|on){_WS}{_TITLE})?"
        rf"(?:,?{_WS}(?i:category){_WS}\d[AB]?)?",
        needs_applied=True,
    ),
)
_SIGNIFICANT = re.compile(r"[A-Z0-9][\w-]*(?:\.\d+)*")
"""The words that make a criterion's name specific: capitalised words, numbers, codes."""
_TRAILING = re.compile(
    r"(?:\s(?:of|for|and|the|in|with|to|or|on|a|an)(?=\W|$)|[\s,:;(\u2013\u2014-])++$",
    re.IGNORECASE,
)
"""What a name must not end with: separators, an opening bracket, a small word."""


def find_criteria(pages: Sequence[Page]) -> tuple[Finding[str], ...]:
    """Every criterion the letter cites (module docstring), each once, in reading order."""
    found: list[tuple[int, int, str, Finding[str]]] = []
    for index, page in enumerate(pages):
        for rule, start, finding in _on_page(page):
            found.append((index, start, rule, finding))
    kept = [item for item in found if not any(_covers(other, item) for other in found)]
    unique: dict[str, tuple[int, int, str, Finding[str]]] = {}
    for item in kept:
        unique.setdefault(item[3].value.casefold(), item)
    ordered = sorted(unique.values(), key=lambda item: (item[0], item[1]))
    return tuple(item[3] for item in ordered[:MAX_CRITERIA])


def _covers(
    other: tuple[int, int, str, Finding[str]], item: tuple[int, int, str, Finding[str]]
) -> bool:
    """``other`` names the same criterion as ``item``, more fully: ``item``'s name is inside
    it, or (same kind) every capitalised word and number of ``item`` is in it ("MCG criteria"
    beside "MCG Care Guidelines, Skilled Nursing Facility Admission")."""
    name, longer = item[3].value, other[3].value
    if name.casefold() == longer.casefold():
        return False
    if name.casefold() in longer.casefold():
        return True
    return other[2] == item[2] and _words(name) <= _words(longer)


def _words(name: str) -> frozenset[str]:
    return frozenset(_SIGNIFICANT.findall(name))


def _on_page(page: Page) -> Iterator[tuple[str, int, Finding[str]]]:
    text = page.text
    for rule in RULES:
        for match in quote.matches(rule.pattern, text):
            start, end = _name_span(text, match)
            if start >= end:
                continue
            unit = quote.sentence_span(text, start, end)
            applied = any(
                _APPLIED.search(text, a, b) for a, b in ((unit[0], start), (end, unit[1]))
            )
            if rule.needs_applied and (
                not applied or quote.is_boilerplate(text[unit[0] : unit[1]])
            ):
                continue
            confidence = LABELLED if applied else GENERIC_LABEL
            finding = quote.verbatim(page, (start, end), unit, confidence)
            if finding is not None:
                yield rule.name, start, finding


def _name_span(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The match without trailing separators and small words, at most NAME_CHARS long."""
    start, end = match.span()
    if end - start > NAME_CHARS:
        cut = text.rfind(" ", start, start + NAME_CHARS)
        end = cut if cut > start else start + NAME_CHARS
    trailing = _TRAILING.search(text, start, end)
    if trailing is not None:
        end = trailing.start()
    return start, end
