"""Filling the letter's placeholders from what the patient writes back (pure).

A patient who does not want to edit a Word file can answer in the email itself, one
placeholder per paragraph, starting with its label as the draft shows it:

    YOUR CONDITION: I have had severe back pain since 2019 ...
    YOUR DATE OF BIRTH: 04/12/1961

Each answer replaces the first placeholder with that label that is still open (labels are
matched without regard to case, accents or spacing). Text that names no open label is not
guessed at: it is returned as unused, for a person to read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\[\[(?P<label>[^\[\]:]+)(?::(?P<hint>[^\[\]]*))?\]\]")
ANSWER = re.compile(r"^[ \t>*-]*(?P<label>[^:\n]{2,80}?)[ \t]*:[ \t]*(?P<value>\S.*)$")
MAX_ANSWER = 4000


@dataclass(frozen=True)
class Filled:
    markdown: str
    filled: tuple[str, ...]
    """The labels filled, in order."""
    unused: tuple[str, ...]
    """Paragraphs of the reply that answered no open placeholder."""


def _key(label: str) -> str:
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]+", " ", folded.upper()).strip()


def open_labels(markdown: str) -> list[str]:
    return [m.group("label").strip() for m in PLACEHOLDER.finditer(markdown)]


def _paragraphs(text: str) -> list[str]:
    blocks = re.split(r"\n[ \t]*\n", text.strip())
    return [b.strip() for b in blocks if b.strip()]


def fill(markdown: str, reply: str) -> Filled:
    """Replace placeholders with the patient's answers in ``reply``; see the module doc."""
    labels = {_key(label) for label in open_labels(markdown)}
    filled: list[str] = []
    unused: list[str] = []
    for paragraph in _paragraphs(reply[: MAX_ANSWER * 20]):
        first, _, rest = paragraph.partition("\n")
        match = ANSWER.match(first)
        if match is None or _key(match.group("label")) not in labels:
            unused.append(paragraph)
            continue
        key = _key(match.group("label"))
        value = " ".join([match.group("value"), *rest.split()]).strip()[:MAX_ANSWER]
        # An answer cannot open a placeholder of its own.
        value = value.replace("[[", "[").replace("]]", "]")
        replaced = False

        def substitute(found: re.Match[str], key: str = key, value: str = value) -> str:
            nonlocal replaced
            if replaced or _key(found.group("label")) != key:
                return found.group(0)
            replaced = True
            return value

        markdown = PLACEHOLDER.sub(substitute, markdown)
        if replaced:
            filled.append(match.group("label").strip())
            if not any(_key(label) == key for label in open_labels(markdown)):
                labels.discard(key)
        else:
            unused.append(paragraph)
    return Filled(markdown, tuple(filled), tuple(unused))


SHINGLE = 5
"""Words per shingle when comparing a returned file with the letter."""
RESEMBLANCE = 0.3
"""The share of the letter's shingles a file must hold to be the letter, edited."""


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", PLACEHOLDER.sub(" ", text).lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def resembles(letter: str, text: str) -> bool:
    """Whether ``text`` is ``letter`` as the patient edited it: it keeps at least
    ``RESEMBLANCE`` of the letter's five-word runs (placeholders left out, since those are
    what the patient replaces). A plan's letter or a doctor's note shares a phrase or two,
    never a third of the letter."""
    ours = _shingles(letter)
    if not ours:
        return False
    return len(ours & _shingles(text)) / len(ours) >= RESEMBLANCE
