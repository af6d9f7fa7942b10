"""The languages a patient is written to in, and which one a text is in (pure: text in, code out).

Every patient email exists in English and Spanish (``LANGUAGES``); the service keeps each
patient's choice and passes it to the notice functions as ``language``. A first choice can
come from what the patient writes: ``detect_language`` reads their own words (the note above
a forward, a reply without the quoted email below it) and says "en", "es", or ``None`` when it
cannot tell, in which case the patient's current language stands.

How it tells: it counts the common short words each language uses constantly and the other
almost never ("the", "and", "my" against "el", "que", "mi"; words both use, such as "a", "no"
or "me", count for neither), plus the Spanish letters and marks English has no use for
("ñ", "¿", accented vowels). It answers only when it has seen enough of them
(``MIN_EVIDENCE``) and one language has at least ``MAJORITY`` of the evidence: a short
"Gracias" or "OK, filed 11/20" says too little, and a note half in each language is not
a choice either.

``N_`` marks English text written as data (a table of sentences, a template with named
placeholders) so the catalog extractor finds it; the notice layer translates it when it
phrases an email.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "es")
"""The languages every patient email is written in: English first, the default."""
DEFAULT_LANGUAGE = "en"

MIN_EVIDENCE = 3.0
"""Marker words (accented words count half) needed before saying anything."""
MAJORITY = 0.75
"""The share of the evidence one language needs to be the answer."""


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (``gettext_noop``)."""
    return message


def supported(language: str | None) -> str:
    """``language`` if patient emails exist in it ("es-MX" counts as "es"), else English."""
    if not language:
        return DEFAULT_LANGUAGE
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = _words(
    """
    the and to of is it you that was for on are with as my i this have be at not from they
    we but what or an will your our please thank thanks hi hello would can did do does has
    had been there when if about just got so still them their which who why how were am
    i'm it's don't didn't can't yes sent today yesterday week ago letter appeal
    received filed mailed called told said asked want need help
    """
)
"""Short English words a Spanish text almost never has (no "a", "no", "me", "he": both use
them)."""

SPANISH = _words(
    """
    el la los las de del que y en un una por para con su sus mi mis es está están ya lo le
    les al se pero como más muy porque cuando donde también hola gracias señor señora
    usted ustedes yo tengo tiene hay fue ser estoy esta este esto eso ese aquí ayer hoy
    semana pasada carta queja apelación envié mandé recibí presenté llamé dijo dijeron quiero
    necesito ayuda sí qué cómo cuándo nos nuestro nuestra favor buenos buenas días
    """
)
"""Short Spanish words an English text almost never has."""

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SPANISH_MARKS = re.compile(r"[ñáéíóúü¿¡]", re.IGNORECASE)


def evidence(text: str) -> tuple[float, float]:
    """(English, Spanish) evidence in ``text``: marker words, and half a point for each other
    word with a Spanish letter or mark."""
    english = spanish = 0.0
    for match in _WORD.finditer(text.lower().replace("\u2019", "'")):
        word = match.group()
        if word in ENGLISH:
            english += 1
        elif word in SPANISH:
            spanish += 1
        elif _SPANISH_MARKS.search(word):
            spanish += 0.5
    spanish += 0.5 * len(re.findall(r"[¿¡]", text))
    return english, spanish


def detect_language(text: str) -> str | None:
    """ "en" or "es" when the text is clearly in one of them; ``None`` when it is too short,
    mixed, or in neither."""
    english, spanish = evidence(text)
    total = english + spanish
    if total < MIN_EVIDENCE:
        return None
    if spanish / total >= MAJORITY:
        return "es"
    if english / total >= MAJORITY:
        return "en"
    return None
