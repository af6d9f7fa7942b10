"""Tracking numbers and carriers in a reply about a mailed IMR application.

A carrier is taken from the patient's words first ("by FedEx", "certified mail", "correo
certificado": Certified and Priority Mail are USPS services), else from the tracking number's
format:

| format | carrier |
|---|---|
| ``1Z`` + 16 letters or digits | UPS |
| 20 to 22 digits (USPS's start 92 to 95; FedEx SmartPost's, delivered by USPS) | USPS |
| 2 letters, 9 digits, ``US`` (Priority Mail Express, international) | USPS |
| 12 or 15 digits | FedEx |
| anything else (10 digits: DHL Express, but also a phone number) | none |

Digits may be grouped with spaces or hyphens ("9400 1000 0000 0000 0000 00"); the number is
kept without them. A UPS or USPS-shaped number counts in any sentence that names no other kind of
number (member, claim, policy, case, phone...); any other only in a sentence that says
"tracking" (or "rastreo", "número de guía"...), since twelve digits alone may as well be a
member ID.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

MAX_NUMBERS = 20

_NUMBER = re.compile(
    r"(?<![\w])(?<!\d[ -])(?:"
    r"(?P<ups>1z(?:[ -]?+[0-9a-z]){16})"
    r"|(?P<intl>[a-z]{2}[ -]?+\d{3}[ -]?+\d{3}[ -]?+\d{3}[ -]?+us)"
    r"|(?P<digits>\d(?:[ -]?+\d){9,21})"
    r")(?![\w]|[ -]\d)",
    re.IGNORECASE,
)
TRACKING_WORDS = re.compile(
    r"\btracking\b|\btrack\s*+(?:#|no\b|number)|\brastreo\b|\bseguimiento\b|\bguia\b"
    r"|\bconfirmation\s++(?:number|#|no\b)|\blabel\b|\breceipt\b|\brecibo\b",
    re.IGNORECASE,
)
_CARRIER_WORDS = re.compile(
    r"(?P<USPS>\busps\b|\bu\.s\.p\.s\b|\bpostal\s++service\b|\bpost\s++office\b"
    r"|\b(?:certified|priority|registered|first[-\s]class)\s++mail\b|\bcorreo\s++(?:certificado"
    r"|prioritario|registrado)\b|\boficina\s++de\s++correos?\b|\bservicio\s++postal\b)"
    r"|(?P<UPS>\b(?:by|via|with|through|using|at|por|con)\s++(?:the\s++)?ups\b)"
    r"|(?P<FedEx>\bfed\s*+-?\s*+ex\b|\bfederal\s++express\b)"
    r"|(?P<DHL>\bdhl\b)",
    re.IGNORECASE,
)
_UPPERCASE_UPS = re.compile(r"\bUPS\b")
_OTHER_NUMBERS = re.compile(
    r"\b(?:member|policy|claim|account|subscriber|group|id|case|reference|phone|call|fax\s++number"
    r"|miembro|poliza|reclamo|cuenta|telefono|caso|llamar|llame)\b",
    re.IGNORECASE,
)
"""A sentence naming another kind of number: a USPS-shaped number there is not taken for a
tracking number unless the sentence also says "tracking"."""


@dataclass(frozen=True)
class Tracking:
    number: str
    """Without spaces or hyphens, letters upper-case."""
    carrier: str | None
    """The carrier its format shows, if it shows one."""
    start: int
    end: int


def tracking_numbers(folded: str, start: int = 0, end: int | None = None) -> list[Tracking]:
    """The tracking numbers in ``folded[start:end]`` (one sentence), in order."""
    end = len(folded) if end is None else end
    keyword = TRACKING_WORDS.search(folded, start, end) is not None
    other_number = not keyword and _OTHER_NUMBERS.search(folded, start, end) is not None
    found: list[Tracking] = []
    for match in itertools.islice(_NUMBER.finditer(folded, start, end), MAX_NUMBERS):
        number = re.sub(r"[ -]", "", match.group()).upper()
        carrier = _carrier_of(match, number)
        if keyword or carrier == "UPS" or (carrier == "USPS" and not other_number):
            found.append(Tracking(number, carrier, match.start(), match.end()))
    return found


def _carrier_of(match: re.Match[str], number: str) -> str | None:
    if match["ups"]:
        return "UPS"
    if match["intl"] or 20 <= len(number) <= 22:
        return "USPS"
    if len(number) in (12, 15):
        return "FedEx"
    return None


def carrier_named(text: str, folded: str) -> str | None:
    """The first carrier the patient names in the reply, if any (``text`` is the unfolded
    reply, where an upper-case "UPS" tells the carrier from the Spanish "¡ups!")."""
    named = _CARRIER_WORDS.search(folded)
    upper = _UPPERCASE_UPS.search(text)
    if upper is not None and (named is None or upper.start() < named.start()):
        return "UPS"
    return named.lastgroup if named is not None else None
