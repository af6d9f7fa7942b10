"""Which plan sent the letter: California health plans and insurers a patient is likely to have.

The table is data: a normalised name and the patterns a letter uses for it (the name, former
names, the web domain). Patterns are case-insensitive; ``(?-i:...)`` marks the acronyms that
only count in capitals (``IEHP``, ``SCAN``). Names come from the plans' own materials and the
Medi-Cal managed-care plan list; nothing here says who regulates a plan: that is read from the
letter (research file 1.1: "Resolve each case from the letter, not from the product name").

Vendors (pharmacy benefit managers, utilization-management companies) often sign a denial on a
plan's behalf; they are named only when no plan is. An insurer the table does not know is read,
as printed, from a labelled field ("Insurer:", "Health plan:") when no source names one it
knows.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from denialwatch.domain import quote
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

LETTERHEAD_CHARS = 600
"""A name this close to the top of the first page reads as the letterhead."""


@dataclass(frozen=True)
class Insurer:
    name: str
    patterns: tuple[str, ...]
    vendor: bool = False
    """Signs letters for plans (PBM, UM vendor): reported only when no plan is named."""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        joined = "|".join(f"(?:{pattern})" for pattern in self.patterns)
        object.__setattr__(self, "regex", re.compile(joined, re.IGNORECASE))


INSURERS: tuple[Insurer, ...] = (
    Insurer("Kaiser Permanente", (r"\bkaiser\b", r"\bkp\.org\b")),
    Insurer(
        "Blue Shield of California",
        (
            r"(?<!and )(?<!& )(?<!cross )\bblue\s*+shield\b(?!\s++of\s++(?!california))",
            r"blueshieldca\.com",
        ),
    ),
    Insurer(
        "Anthem Blue Cross",
        (r"\banthem\b", r"\bblue\s*+cross\b(?!\s++(?:and\s++|&\s++)?blue\s*+shield)"),
    ),
    Insurer(
        "Blue Cross Blue Shield (out of state)",
        (r"\bblue\s*+cross\s++(?:and\s++|&\s++)?blue\s*+shield\b", r"(?-i:\bBCBS\b)"),
    ),
    Insurer("Health Net", (r"\bhealth\s?net\b", r"healthnet\.com")),
    Insurer("Molina Healthcare", (r"\bmolina\b",)),
    Insurer(
        "L.A. Care Health Plan", (r"(?-i:\bL\.\s?A\.\s?Care\b|\bLA\s++Care\b)", r"lacare\.org")
    ),
    Insurer(
        "Inland Empire Health Plan", (r"inland\s++empire\s++health\s++plan", r"(?-i:\bIEHP\b)")
    ),
    Insurer("CalOptima Health", (r"\bcal\s?optima\b",)),
    Insurer("Sharp Health Plan", (r"\bsharp\s++health\s++plan\b", r"sharphealthplan\.com")),
    Insurer("Western Health Advantage", (r"western\s++health\s++advantage", r"westernhealth\.com")),
    Insurer("Cigna", (r"\bcigna\b",)),
    Insurer("Aetna", (r"\baetna\b",)),
    Insurer("UnitedHealthcare", (r"\bunited\s?health\s?care\b", r"(?-i:\bUHC\b)", r"\buhc\.com")),
    Insurer(
        "Oscar Health",
        (
            r"\boscar\s++health\b",
            r"hioscar\.com",
            r"(?-i:\bOscar\s++(?:Approved|Clinical|Insurance))",
        ),
    ),
    Insurer("Valley Health Plan", (r"\bvalley\s++health\s++plan\b",)),
    Insurer("Partnership HealthPlan of California", (r"\bpartnership\s++health\s?plan\b",)),
    Insurer(
        "Central California Alliance for Health",
        (r"central\s++california\s++alliance\s++for\s++health", r"thealliance\.health"),
    ),
    Insurer(
        "Health Plan of San Joaquin", (r"health\s++plan\s++of\s++san\s++joaquin", r"(?-i:\bHPSJ\b)")
    ),
    Insurer("SCAN Health Plan", (r"(?-i:\bSCAN\b)\s++health\s++plan", r"scanhealthplan\.com")),
    Insurer("Alameda Alliance for Health", (r"\balameda\s++alliance\b",)),
    Insurer(
        "Santa Clara Family Health Plan",
        (r"santa\s++clara\s++family\s++health\s++plan", r"(?-i:\bSCFHP\b)"),
    ),
    Insurer(
        "Chinese Community Health Plan",
        (r"chinese\s++community\s++health\s++plan", r"(?-i:\bCCHP\b)"),
    ),
    Insurer("CenCal Health", (r"\bcencal\b",)),
    Insurer("Gold Coast Health Plan", (r"gold\s++coast\s++health\s++plan",)),
    Insurer(
        "Kern Health Systems", (r"\bkern\s++(?:family\s++health\s++care|health\s++systems)\b",)
    ),
    Insurer("CalViva Health", (r"\bcalviva\b",)),
    Insurer(
        "San Francisco Health Plan", (r"san\s++francisco\s++health\s++plan", r"(?-i:\bSFHP\b)")
    ),
    Insurer(
        "Health Plan of San Mateo", (r"health\s++plan\s++of\s++san\s++mateo", r"(?-i:\bHPSM\b)")
    ),
    Insurer("Contra Costa Health Plan", (r"contra\s++costa\s++health\s++plan",)),
    Insurer("Community Health Group", (r"\bcommunity\s++health\s++group\b",)),
    Insurer("Sutter Health Plus", (r"\bsutter\s++health\s?plus\b",)),
    Insurer("Alignment Health Plan", (r"\balignment\s++health\b",)),
    Insurer("Humana", (r"\bhumana\b",)),
    Insurer("Delta Dental", (r"\bdelta\s++dental\b",)),
    Insurer("CVS Caremark", (r"\bcaremark\b",), vendor=True),
    Insurer("Express Scripts", (r"\bexpress\s++scripts\b", r"\bevernorth\b"), vendor=True),
    Insurer("OptumRx", (r"\boptum\s?rx\b",), vendor=True),
    Insurer("Carelon", (r"\bcarelon\b",), vendor=True),
    Insurer("eviCore", (r"\bevicore\b",), vendor=True),
    Insurer("Magellan Health", (r"\bmagellan\s++(?:health|rx)\b",), vendor=True),
)


def insurers_named_in(text: str) -> tuple[str, ...]:
    """Every insurer (plan or vendor) whose pattern occurs in ``text``, in table order."""
    return tuple(insurer.name for insurer in INSURERS if insurer.regex.search(text))


@dataclass(frozen=True)
class _Mention:
    insurer: Insurer
    page: Page
    start: int
    end: int
    count: int


def _mentions(pages: Sequence[Page]) -> list[_Mention]:
    first: dict[int, _Mention] = {}
    counts: dict[int, int] = {}
    for page in pages:
        for index, start, end, count in _named_on(page.text):
            first.setdefault(index, _Mention(INSURERS[index], page, start, end, 0))
            counts[index] = counts.get(index, 0) + count
    return [dataclasses.replace(first[i], count=counts[i]) for i in sorted(first)]


@functools.lru_cache(maxsize=32)
def _named_on(text: str) -> tuple[tuple[int, int, int, int], ...]:
    """(table index, start and end of the first mention, mentions) of each insurer in
    ``text``. Remembered: one message's pages are asked about several times (its health
    context, then its insurer)."""
    named: list[tuple[int, int, int, int]] = []
    for index, insurer in enumerate(INSURERS):
        matches = list(insurer.regex.finditer(text))
        if matches:
            named.append((index, matches[0].start(), matches[0].end(), len(matches)))
    return tuple(named)


def _pick(mentions: list[_Mention], order: Sequence[Page]) -> _Mention:
    """Most mentions wins; on a tie, the earliest (by page order, then position)."""
    rank = {id(page): index for index, page in enumerate(order)}
    return min(mentions, key=lambda m: (-m.count, rank[id(m.page)], m.start))


def find_insurer(pages_by_source: Sequence[Sequence[Page]]) -> Finding[str] | None:
    """The insurer that sent the letter, from the first source (in order of preference) that
    names one. A plan beats a vendor; the name most often mentioned beats a passing mention
    (a Kaiser letter may name Medicare, an Aetna letter CVS Caremark)."""
    for pages in pages_by_source:
        mentions = _mentions(pages)
        plans = [m for m in mentions if not m.insurer.vendor]
        if not mentions:
            continue
        chosen = _pick(plans or mentions, pages)
        letterhead = chosen.page is pages[0] and chosen.start < LETTERHEAD_CHARS
        confidence = 0.8 if chosen.count >= 2 or letterhead else 0.6
        if chosen.insurer.vendor:
            confidence = 0.5
        unit = quote.line_span(chosen.page.text, chosen.start, chosen.end)
        evidence = (chosen.start, chosen.end)
        return quote.derived(chosen.page, chosen.insurer.name, evidence, unit, confidence)
    return quote.first(_labelled(page) for pages in pages_by_source for page in pages)


_INSURER_LABEL = re.compile(
    r"^[ \t]*+(?:\*\*)?(?:insurer|insurance\s++(?:company|carrier)|carrier"
    r"|health\s++plan(?:\s++name)?|aseguradora|compa[nñ][ií]a\s++de\s++seguros|plan\s++de\s++salud)"
    r"(?:\*\*)?[ \t]*+:[ \t]*+"
    r"(?P<value>(?-i:[A-Z])[^\n]{2,80}?)[ \t]*+$",
    re.IGNORECASE | re.MULTILINE,
)
LABELLED_CONFIDENCE = 0.6


def _labelled(page: Page) -> Finding[str] | None:
    """An insurer the table does not know, named in a labelled field ("Insurer: Pacific Crest
    Casualty Insurance Company", "Health plan: ..."): its name as printed."""
    for match in quote.matches(_INSURER_LABEL, page.text):
        unit = quote.line_span(page.text, match.start(), match.end())
        found = quote.verbatim(page, match.span("value"), unit, LABELLED_CONFIDENCE)
        if found is not None:
            return found
    return None
