"""A reply's text as the rules read it: folded, cut into clauses, its language and questions.

``fold`` maps the text character for character (accents and tildes off, curly quotes and
dashes straight), so that "envié", "envie" and "envíe" read alike and every span found in the
folded text is the same span in the patient's own words. Case is left to the patterns
(``re.IGNORECASE``): lowering can change a string's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from denialwatch.domain.replies.model import Language

_FOLD = str.maketrans(
    "áàâäãéèêëíìîïóòôöõúùûüñÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑ\u2018\u2019\u02bc\u00b4`\u201c\u201d\u2013\u2014\u00a0",
    "aaaaaeeeeiiiiooooouuuunAAAAAEEEEIIIIOOOOOUUUUN'''''\"\"-- ",
)
_CLAUSE_BREAK = re.compile(
    r"[,;]\s|\s[-\u2013]\s|[()]"
    r"|\s(?:and|but|then|so|because|since|after|before|although|though|while|or|plus"
    r"|y|e|pero|luego|entonces|porque|despues\s++de|antes\s++de|aunque|mientras|ya\s++que"
    r"|asi\s++que|o|mas\s++bien)\s",
    re.IGNORECASE,
)
_SPANISH_WORDS = frozenset(
    (
        "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "mi", "lo", "le",
        "se", "por", "para", "con", "ya", "hoy", "ayer", "es", "fue", "queja", "apelacion",
        "caso", "correo", "gracias", "hola", "esta", "estoy", "pero", "como", "cuando",
        "donde", "porque", "tengo", "envie", "mande", "presente", "recibi", "recibieron",
        "dijeron", "negaron", "solicitud", "revision", "favor",
    )
)  # fmt: skip
_ENGLISH_WORDS = frozenset(
    (
        "the", "a", "an", "i", "my", "it", "is", "was", "and", "to", "of", "in", "on", "for",
        "with", "you", "they", "we", "this", "that", "have", "has", "had", "not", "yet",
        "today", "yesterday", "filed", "mailed", "faxed", "sent", "got", "appeal", "grievance",
        "case", "please", "thanks", "thank", "hi", "hello", "did", "do", "will", "would",
        "can", "should", "what", "when", "how", "me", "stop", "send", "sending", "emails",
        "reminders", "from", "your", "help", "am", "are", "be", "but", "just", "all",
    )
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]++")
LANGUAGE_SAMPLE = 4_000
"""Characters looked at to tell the language."""

_INTERROGATIVE = re.compile(
    r"[\s\"'*¡]*+(?:¿"
    r"|(?:should|shall|can|could|do|does|will|would|is|are|am|have|has|must|may)\s++"
    r"(?:i|we|you|they|it|my|the|someone)\b"
    r"|(?:how|what|why|where|which|whom)\b"
    r"|(?:debo|deberia|puedo|podria|tengo\s++que|como|donde|por\s++que|cual|que\s++(?:hago|debo|"
    r"tengo|pasa|sigue))\b)",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"[\s\"'*¡¿]*+(?:please\s++|pls\s++)?(?:can|could|would|will)\s++(?:you|u|y'all|someone)\s++"
    r"|[\s\"'*¡¿]*+(?:por\s++favor\s*+,?\s*+)?(?:pueden|puede|podrian|podria|podrias)\s++",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """``text`` with accents removed and quotes straightened: the same length, span for span."""
    return text.translate(_FOLD)


def clauses(folded: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The clauses of ``folded[start:end]``: cut at commas, semicolons, dashes, brackets and
    conjunctions, so a negation ("I haven't heard back, but I faxed it") stays in its own."""
    for match in _CLAUSE_BREAK.finditer(folded, start, end):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < end:
        yield start, end


def language(text: str) -> Language:
    """ "es" when Spanish words outnumber English ones (¿, ¡ and ñ count double); else "en"."""
    sample = fold(text[:LANGUAGE_SAMPLE])
    spanish = english = 0
    for word in _WORD.findall(sample):
        lowered = word.lower()
        spanish += lowered in _SPANISH_WORDS
        english += lowered in _ENGLISH_WORDS
    spanish += 2 * sum(text[:LANGUAGE_SAMPLE].count(mark) for mark in "¿¡ñÑ")
    return "es" if spanish > english else "en"


def is_question(sentence: str) -> bool:
    """A sentence ending in "?", opening with "¿", or worded as one ("should I file online");
    not one ending in "!" ("What a relief, they overturned it!")."""
    stripped = sentence.rstrip(" \t\n\"')*.")
    if stripped.endswith("?") or stripped.startswith(("¿", "\u00bf")):
        return True
    return not stripped.endswith("!") and _INTERROGATIVE.match(sentence) is not None


def is_request(sentence: str) -> bool:
    """A polite request worded as a question: "Can you stop the reminders?" """
    return _REQUEST.match(sentence) is not None
