"""The plan's stated reasons for its decision, verbatim.

``find_reasons`` reads labelled sections ("Reason for denial:", "Rationale:", "The reasons for
our decision are"), then sentences giving a reason ("because the records do not show...",
"does not meet the criteria"), skipping rights notices and conditionals (``quote.
is_boilerplate``); at most MAX_REASONS, in reading order, each quoted whole up to
``quote.MAX_REASON_CHARS`` (the patient's letter must answer every word). An EOB's reasons are
its legend entries (``eob.denial_reasons``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from denialwatch.domain import quote
from denialwatch.domain.extract import LABELLED, PHRASE, trimmed
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

MAX_REASONS = 6

_REASON_LABEL = re.compile(
    r"(?:^[ \t]*+(?:[-•*][ \t]*+)?|(?<=[.!?])[ \t]++)(?:\*\*)?(?:(?:the\s++)?reasons?(?:\(s\))?"
    r"(?:\s++for\s++(?:the\s++|this\s++|our\s++)?(?:denial|decision|determination"
    r"|adverse\s++determination))?"
    r"|(?:clinical\s++)?rationale|explanation(?:\s++of\s++(?:the\s++|our\s++)?decision)?"
    r"|basis\s++for\s++(?:the\s++|our\s++|this\s++)?(?:decision|denial)|denial\s++reasons?"
    r"|why\s++we\s++(?:denied|made\s++this\s++decision)[^:\n]{0,40}"
    r"|raz[oó]n(?:es)?(?:\s++de\s++(?:la\s++|nuestra\s++)?(?:decisi[oó]n|denegaci[oó]n))?"
    r"|motivos?(?:\s++de\s++(?:la\s++)?(?:decisi[oó]n|denegaci[oó]n))?)(?:\*\*)?[ \t]*+:(?:\*\*)?"
    r"|\bthe\s++reasons?(?:\(s\))?\s++for\s++(?:our|this|the)\s++(?:decision|denial|determination)"
    r"(?:\s++(?:is|are|was|were)(?:\s++as\s++follows)?\s*+[:.-]?|\s*+[:-])",
    re.IGNORECASE | re.MULTILINE,
)
_BECAUSE = re.compile(
    r"\bbecause\b|\bdue\s++to\b|\bporque\b|\bdebido\s++a\b|\bya\s++que\b", re.IGNORECASE
)
_REASON_WORDS = re.compile(
    r"\b(?:not|no\s++longer)\s++(?:medically|covered|approved|eligible|a\s++covered|consistent"
    r"|on\s++(?:the|our)"
    r"|been|met|shown|documented|received|provided|included)|criteria|guidelines?\b|\bexperimental"
    r"|\binvestigational|formulary|step\s++therapy|\b(?:do|does|did|is|are|was|were|has|have)\s++not\b"
    r"|\b(?:do|does|did|is|are|was|were|has|have)n['\u2019]t\b|\bno\s++(?:documentation|evidence"
    r"|records?|information|proof)\b|\bexclu|\blimit|\bcannot\b|\bunable\b|\bnot\s++an?\b"
    r"|\bno\s++(?:es|está|cumple|cubre|muestran?|hay)\b|\bno\s++se\b",
    re.IGNORECASE,
)
"""What the words after "because" must hold to be a reason (a finding, usually negative);
"Because the claim was denied, the hospital may bill you" is a consequence, not a reason."""
_FINDING_WORDS = re.compile(
    r"\b(?:not|no\s++longer)\s++medically\s++necessary|\bdo(?:es)?\s++not\s++meet\b"
    r"|\bnot\s++consistent\s++with"
    r"|\bno\s++(?:es\s++m[eé]dicamente|cumple)|\bexperimental\b|\binvestigational\b"
    r"|\bnon-?formulary\b|\bstep\s++therapy\b|\bnot\s++a\s++covered\b|\bexcluded\b",
    re.IGNORECASE,
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*+\n(?![ \t]*+(?:[-•*·]|\d{1,2}[.)])\s)")
_LIST_ITEM = re.compile(r"(?:[-•*·▪◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")


def find_reasons(pages: Sequence[Page]) -> tuple[Finding[str], ...]:
    """The plan's stated reasons, verbatim: labelled sections ("Reason for denial:",
    "Rationale:", "The reasons for our decision are"), then sentences giving a reason
    ("because...", "does not meet the criteria"). Rights notices and conditionals are skipped.
    At most MAX_REASONS, in reading order."""
    found: list[tuple[int, int, Finding[str]]] = []
    for index, page in enumerate(pages):
        taken: list[tuple[int, int]] = []
        for start, end, confidence in (*_labelled_reasons(page), *_reason_sentences(page)):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            reason = quote.verbatim(
                page, (start, end), (start, end), confidence, quote.MAX_REASON_CHARS
            )
            if reason is not None:
                taken.append((start, end))
                found.append((index, start, reason))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(reason for _, _, reason in found[:MAX_REASONS])


def _labelled_reasons(page: Page) -> Iterator[tuple[int, int, float]]:
    for label in quote.matches(_REASON_LABEL, page.text):
        start, end = trimmed(page.text, label.end(), _section_end(page.text, label.end()))
        if start < end and page.text[start] != "[":
            yield start, end, LABELLED


def _section_end(text: str, start: int) -> int:
    """End of a labelled section: its sentences up to a blank line, a heading or a rights
    notice (PDF text has no blank lines between paragraphs), within WINDOW."""
    limit = min(len(text), start + quote.WINDOW)
    head = start
    while head < limit and text[head] in " \t\r\n":  # the content may start on the next line
        head += 1
    blank = _PARAGRAPH_END.search(text, head, limit)
    end = head
    for sentence_start, sentence_end in quote.sentences(
        text, head, blank.start() if blank else limit
    ):
        sentence = text[sentence_start:sentence_end]
        if end > head and (quote.is_boilerplate(sentence) or quote.is_heading(sentence)):
            break
        end = sentence_end
    return end


def _list_end(text: str, start: int) -> int:
    """End of the list items right after ``start`` ("...the following criteria:" + items)."""
    end = start
    limit = min(len(text), start + quote.WINDOW)
    for sentence_start, sentence_end in quote.sentences(text, start, limit):
        if not _LIST_ITEM.match(text, sentence_start):
            break
        end = sentence_end
    return end


def _reason_sentences(page: Page) -> Iterator[tuple[int, int, float]]:
    for count, (start, end) in enumerate(quote.sentences(page.text)):
        if count >= quote.MAX_MATCHES * 10:
            return
        sentence = page.text[start:end]
        if quote.is_boilerplate(sentence) or quote.is_heading(sentence):
            continue
        because = _BECAUSE.search(sentence)
        if because and _REASON_WORDS.search(sentence, because.end()):
            confidence = 0.7
        elif _FINDING_WORDS.search(sentence):
            confidence = PHRASE
        else:
            continue
        listed = sentence.endswith(":")  # "...do not meet the following criteria:" and a list
        yield start, max(end, _list_end(page.text, end)) if listed else end, confidence
