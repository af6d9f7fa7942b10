"""Time limits a letter states: "file a grievance within 180 days", "we will decide within
72 hours", "dentro de 60 días". They are the plan's words, not the law: the deadline engine
computes its own dates from the statutes (research section 2) and can show these beside them,
or warn when a letter states a shorter limit than the rule.

A stated limit is a lead word ("within", "no later than", "you have", "dentro de", "tiene"), an
amount (digits, words, or both: "sixty (60)", "one hundred eighty", "sesenta") and a unit.

``StatedDeadline.unit`` is one of ``UNITS``: ``calendar_days``, ``days`` (the letter does not
say which days), ``business_days`` (business or working days, "días hábiles"), ``hours``,
``months``. Weeks and years are not read.

``StatedDeadline.action`` is one of ``ACTIONS``, read from the words nearest the amount in its
sentence (or in the sentence before, for "You must ask within 120 days" under "You can ask for
a State Hearing"):

=====================  ======================================================================
``grievance``          file a grievance or complaint with the plan ("queja")
``appeal``             ask the plan for an appeal or reconsideration ("apelación")
``state_hearing``      ask for a Medi-Cal State Hearing (research 1.1, Medi-Cal row)
``imr``                ask for an Independent Medical Review, or any external review by an
                       independent organisation (the federal one for ERISA plans)
``decision``           the plan (or reviewer) decides, answers or resolves
``continue_services``  act to keep services going during the appeal ("aid paid pending":
                       10 days in the Medi-Cal "Your Rights" notice, research 7.2)
``other``              a limit with an obligation ("you must", "send") but none of the above
=====================  ======================================================================

Words after the amount that say when the clock starts ("from the date of the Notice of Appeal
Resolution", "after we get your appeal") name an event, not the action, and are skipped; words
about keeping services win over the appeal they are asked with. A limit with no action word
and no obligation ("within 30 days of surgery") is not a stated deadline. Clinical history
("in the last 6 months", "for at least 3 months") has no lead word and is never read.

Each (amount, unit, action) once, in reading order, at most ``MAX_DEADLINES``.

Invariant (tested): ``(amount, unit)`` is one of ``durations_in(quote)``, and the action is
``other`` or one of ``actions_named_in(quote)``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from denialwatch.domain import quote
from denialwatch.domain.extract import GUESS, PHRASE
from denialwatch.domain.model import Finding, StatedDeadline
from denialwatch.domain.quote import Page

MAX_DEADLINES = 12
MAX_AMOUNT = 400
"""No letter gives more than about a year in days; a larger number is something else."""
CALENDAR_DAYS, DAYS, BUSINESS_DAYS, HOURS, MONTHS = (
    "calendar_days",
    "days",
    "business_days",
    "hours",
    "months",
)
UNITS = (CALENDAR_DAYS, DAYS, BUSINESS_DAYS, HOURS, MONTHS)
GRIEVANCE, APPEAL, STATE_HEARING, IMR, DECISION, CONTINUE_SERVICES, OTHER = (
    "grievance",
    "appeal",
    "state_hearing",
    "imr",
    "decision",
    "continue_services",
    "other",
)
ACTIONS = (GRIEVANCE, APPEAL, STATE_HEARING, IMR, DECISION, CONTINUE_SERVICES, OTHER)
STATED = 0.7
"""A limit whose action is named in its own sentence; PHRASE when named in the sentence
before, GUESS when the quote names no action (``other``)."""

_ONES = {
    **dict.fromkeys(("one", "a", "an", "uno", "un", "una"), 1),
    **{"two": 2, "dos": 2, "three": 3, "tres": 3, "four": 4, "cuatro": 4, "five": 5, "cinco": 5},
    **{"six": 6, "seis": 6, "seven": 7, "siete": 7, "eight": 8, "ocho": 8, "nine": 9, "nueve": 9},
    **{"ten": 10, "diez": 10, "eleven": 11, "once": 11, "twelve": 12, "doce": 12},
    **{"thirteen": 13, "trece": 13, "fourteen": 14, "catorce": 14, "fifteen": 15, "quince": 15},
    **{"sixteen": 16, "dieciséis": 16, "dieciseis": 16, "seventeen": 17, "diecisiete": 17},
    **{"eighteen": 18, "dieciocho": 18, "nineteen": 19, "diecinueve": 19},
}
_TENS = {
    **{"twenty": 20, "veinte": 20, "thirty": 30, "treinta": 30, "forty": 40, "cuarenta": 40},
    **{"fifty": 50, "cincuenta": 50, "sixty": 60, "sesenta": 60, "seventy": 70, "setenta": 70},
    **{"eighty": 80, "ochenta": 80, "ninety": 90, "noventa": 90},
}
_HUNDREDS = {"hundred": 100, "cien": 100, "ciento": 100}
_NUMBER_WORD = "|".join(sorted((*_ONES, *_TENS, *_HUNDREDS), key=len, reverse=True))
_WORDS = rf"(?:{_NUMBER_WORD})(?:(?:\s++(?:and\s++|y\s++)?|-)(?:{_NUMBER_WORD})){{0,4}}(?!\w)"
"""A number in words: "sixty", "one hundred eighty", "seventy-two", "ciento veinte"."""
_AMOUNT = (
    rf"(?:(?P<digits>\d{{1,3}})(?![\d,.]\d)|(?P<words>{_WORDS})(?:\s*+\((?P<both>\d{{1,3}})\))?)"
)
_UNIT = (
    r"(?:(?P<calendar>calendar\s++days?|d[ií]as\s++(?:calendarios?|naturales|de\s++calendario))"
    r"|(?P<business>(?:business|working)\s++days?|d[ií]as\s++h[aá]biles)"
    r"|(?P<days>days?|d[ií]as?)|(?P<hours>hours?|horas?)|(?P<months>months?|meses|mes))\b"
)
_DURATION = re.compile(rf"(?<![\w.]){_AMOUNT}(?:\s++|-|\s*+-\s*+)?{_UNIT}", re.IGNORECASE)
"""An amount and a unit, anywhere: what the invariant checks a quote against."""
_LEAD = re.compile(
    r"\b(?:within|no\s++later\s++than|not\s++later\s++than|you\s++(?:will\s++)?(?:only\s++)?have"
    r"|dentro\s++de(?:\s++(?:los|las))?|en\s++un\s++(?:plazo|per[ií]odo)\s++(?:m[aá]ximo\s++)?de"
    r"|(?:usted\s++)?tienen?|a\s++m[aá]s\s++tardar\s++(?:en|de))\s++"
    r"(?:the\s++next\s++|los\s++pr[oó]ximos\s++)?(?=\w)",
    re.IGNORECASE,
)
"""What comes before a stated limit: "within", "no later than", "you have", "dentro de"."""
_DECISION_VERB = (
    r"\b(?:decid(?:e|es|ed|ing)|resolv(?:e|es|ed|ing)|respond(?:s|ed|ing)?|answer(?:s|ed|ing)?"
    r"|decidir\w*|decidiremos|responder\w*|responde|resolver\w*|resolveremos)\b"
)
"""Verbs of the plan deciding: in the clause of an amount they make it a decision's limit
("we will resolve your grievance within 30 days")."""
_ACTION = re.compile(
    r"(?P<continue_services>(?:services?|benefits?|care|treatment|aid|medication)\s++"
    r"(?:to\s++)?(?:continue|keep\w*|stay\w*)|keep\s++(?:getting|receiving|your)\s++"
    r"(?:\w+\s++)?(?:services?|benefits?|care)|continu\w*\s++(?:to\s++)?(?:get|getting"
    r"|receive|receiving|your)\s++(?:\w+\s++)?(?:services?|benefits?|care)"
    r"|continuing\s++(?:services?|benefits?|care)|aid\s++paid\s++pending"
    r"|(?:seguir|continuar)\s++recibiendo|mantener\s++sus\s++servicios"
    r"|ayuda\s++pagada\s++pendiente)"
    r"|(?P<decision>notice\s++of\s++appeal\s++resolution|aviso\s++de\s++resoluci[oó]n"
    r"(?:\s++de\s++(?:la\s++)?apelaci[oó]n)?|" + _DECISION_VERB + r"|\b(?:send|give|make|issue"
    r"|mail|provide|tell)\s++(?:you\s++)?(?:(?:a|an|our|the|its|their|your)\s++)?(?:written"
    r"\s++|final\s++|new\s++)?(?:decision|determination|answer|response)\b|\b(?:decision"
    r"|determination)\s++(?:will|must|shall)\s++be\s++(?:made|sent|issued|mailed)"
    r"|\breview(?:ed)?\s++(?:the|your)\s++(?:request|appeal|grievance|case)"
    r"|\b(?:una|su|nuestra)\s++decisi[oó]n\b)"
    r"|(?P<state_hearing>state\s++(?:fair\s++)?hearings?|audiencia\s++(?:imparcial"
    r"\s++)?estatal|fair\s++hearing)"
    r"|(?P<imr>independent\s++medical\s++review|\bIMR\b|external\s++review"
    r"|independent\s++review|revisi[oó]n\s++m[eé]dica\s++independiente"
    r"|revisi[oó]n\s++externa)"
    r"|(?P<grievance>\bgrievances?\b|\bcomplaints?\b|\bquejas?\b|\breclamos?\b)"
    r"|(?P<appeal>\bappeal\w*|\breconsideration|\bredetermination|\bapelaci[oó]n\w*|\bapelar\b)",
    re.IGNORECASE,
)
"""The action words, specific ones first: "Notice of Appeal Resolution" is a decision, not an
appeal, and "keep your services" wins over the appeal it is asked with."""
_OBLIGATION = re.compile(
    r"\b(?:must|need\s++to|have\s++to|has\s++to|required\s++to|deadline|debe|deben|tiene\s++que"
    r"|hay\s++que)\b",
    re.IGNORECASE,
)
"""An obligation: a limit without an action word counts only with one ("You must ask within
120 days", its action in the sentence before; "Your doctor must send records within 14 days")."""
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|or|but|then|y|o|pero)\b", re.IGNORECASE)
_DECIDES = re.compile(_DECISION_VERB, re.IGNORECASE)
_EVENT = re.compile(
    r"[\s,]*+(?:of|from|after|following|since|before|de|desde|despu[eé]s\s++de|a\s++partir"
    r"\s++de)\b(?:[^.;:\n]|\n(?![ \t]*+\n)){0,120}?"
    r"(?=\s++(?:to|para)\s++(?!you\b|us\b|the\b|your\b|usted\b)\w|[,.;:]|\n[ \t]*+\n|$)",
    re.IGNORECASE,
)
"""When the clock starts, after the amount: "from the date you receive this letter" (ends before
"to file an appeal", a comma or the end of the clause)."""


def find_stated_deadlines(pages: Sequence[Page]) -> tuple[Finding[StatedDeadline], ...]:
    """Every time limit the pages state (module docstring), each once, in reading order."""
    found: list[Finding[StatedDeadline]] = []
    seen: set[StatedDeadline] = set()
    for page in pages:
        for finding in _on_page(page):
            if finding.value not in seen:
                seen.add(finding.value)
                found.append(finding)
                if len(found) >= MAX_DEADLINES:
                    return tuple(found)
    return tuple(found)


def durations_in(text: str) -> list[tuple[int, str]]:
    """Every (amount, unit) printed in ``text`` (to check a quote supports its value)."""
    found: list[tuple[int, str]] = []
    for match in quote.matches(_DURATION, text):
        amount = _amount(match)
        if amount is not None:
            found.append((amount, _unit(match)))
    return found


def actions_named_in(text: str) -> frozenset[str]:
    """Every action some word of ``text`` names."""
    return frozenset(m.lastgroup for m in quote.matches(_ACTION, text) if m.lastgroup)


def _on_page(page: Page) -> Iterator[Finding[StatedDeadline]]:
    text = page.text
    for lead in quote.matches(_LEAD, text):
        duration = _DURATION.match(text, lead.end())
        amount = None if duration is None else _amount(duration)
        if duration is None or amount is None:
            continue
        sentence = quote.sentence_span(text, lead.start(), duration.end())
        confidence = STATED
        action, keyword = _action(text, sentence, duration)
        if keyword is None:
            if not _OBLIGATION.search(text, *sentence):
                continue
            previous = _previous_sentence(text, sentence[0])
            if previous is not None:
                action, keyword = _action(text, previous, duration)
                if keyword is not None:
                    sentence, confidence = (previous[0], sentence[1]), PHRASE
        value = StatedDeadline(amount, _unit(duration), action)
        found = _quoted(
            page,
            value,
            lead=lead,
            duration=duration,
            sentence=sentence,
            keyword=keyword,
            confidence=confidence,
        )
        if found is not None:
            yield found


def _quoted(
    page: Page,
    value: StatedDeadline,
    *,
    lead: re.Match[str],
    duration: re.Match[str],
    sentence: tuple[int, int],
    keyword: tuple[int, int] | None,
    confidence: float,
) -> Finding[StatedDeadline] | None:
    """The limit quoted with its sentence, cut around the amount and the action word; when the
    cut loses the action word, the limit's action is ``other``."""
    keep = (lead.start(), duration.end())
    if keyword is not None:
        keep = (min(keep[0], keyword[0]), max(keep[1], keyword[1]))
    found = quote.derived(page, value, keep, sentence, confidence)
    if (value.amount, value.unit) not in durations_in(found.quote) or (
        value.action != OTHER and value.action not in actions_named_in(found.quote)
    ):
        other = StatedDeadline(value.amount, value.unit, OTHER)
        found = quote.derived(page, other, (lead.start(), duration.end()), sentence, GUESS)
        if (value.amount, value.unit) not in durations_in(found.quote):
            return None
    return found


def _amount(match: re.Match[str]) -> int | None:
    digits = match.group("both") or match.group("digits")
    value = int(digits) if digits else _words_value(match.group("words"))
    return value if value is not None and 0 < value <= MAX_AMOUNT else None


def _words_value(words: str) -> int | None:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("and", "y"):
            continue
        if word in _HUNDREDS:
            current = (current or 1) * 100
        elif word in _TENS:
            current += _TENS[word]
        elif word in _ONES:
            current += _ONES[word]
        else:
            return None
    total += current
    return total or None


def _unit(match: re.Match[str]) -> str:
    if match.group("calendar"):
        return CALENDAR_DAYS
    if match.group("business"):
        return BUSINESS_DAYS
    if match.group("hours"):
        return HOURS
    if match.group("months"):
        return MONTHS
    return DAYS


def _action(
    text: str, sentence: tuple[int, int], duration: re.Match[str]
) -> tuple[str, tuple[int, int] | None]:
    """The action of a limit in ``sentence`` (module docstring): keeping services wherever it
    is; a deciding verb in the amount's own clause; else the action word nearest the amount,
    skipping the clock's start event and words in brackets ("a grievance (also called an
    appeal)") unless nothing else is named."""
    event = _EVENT.match(text, duration.end(), sentence[1])
    skip = (duration.start(), event.end() if event else duration.end())
    found: list[tuple[int, bool, str, tuple[int, int]]] = []
    for match in itertools.islice(_ACTION.finditer(text, *sentence), quote.MAX_MATCHES):
        action = match.lastgroup
        if action is None or skip[0] <= match.start() < skip[1]:
            continue
        if action == CONTINUE_SERVICES:
            return CONTINUE_SERVICES, match.span()
        before = match.end() <= duration.start()
        same_clause = before and not _CLAUSE_BREAK.search(text, match.end(), duration.start())
        if same_clause and action == DECISION and _DECIDES.match(text, match.start()):
            return DECISION, match.span()
        distance = duration.start() - match.end() if before else match.start() - skip[1]
        found.append((distance, _in_brackets(text, sentence, match), action, match.span()))
    if not found:
        return OTHER, None
    plain = [item for item in found if not item[1]] or found
    _, _, action, span = min(plain, key=lambda item: item[0])
    return action, span


def _in_brackets(text: str, sentence: tuple[int, int], match: re.Match[str]) -> bool:
    opened = text.rfind("(", sentence[0], match.start())
    return opened >= 0 and text.find(")", opened, match.start()) < 0


def _previous_sentence(text: str, start: int) -> tuple[int, int] | None:
    """The sentence just before ``start`` (within WINDOW), if there is one."""
    if start == 0:
        return None
    low = max(0, start - quote.WINDOW)
    spans = list(quote.sentences(text, low, start))
    return spans[-1] if spans else None
