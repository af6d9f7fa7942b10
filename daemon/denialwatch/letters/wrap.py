"""Breaking a line of styled text into lines that fit: at spaces, a word kept whole.

A word is a run of characters without a space, whatever styles it crosses: "([[DATE]])" is
one word of three pieces, so a placeholder is never left hanging at the end of a line with
its bracket. A line breaks only at a space, which is then dropped; a word wider than a whole
line (a long web address) is the one thing split, at the last character that fits.

Pure: the caller measures (``Measure``: the width of a text in a style), and gets back the
pieces of each line. The first line may have less room than the others (text continuing
after something already on it); a first word that does not fit there starts the second line,
and the first is then empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

S = TypeVar("S", bound=Hashable)
Measure = Callable[[str, S], float]

_EPSILON = 1e-6
"""Points: a line exactly as wide as the room fits."""
_SPACES = re.compile(r"( +)")


@dataclass(frozen=True)
class Piece(Generic[S]):
    """Text in one style."""

    text: str
    style: S


@dataclass
class _Token(Generic[S]):
    pieces: list[Piece[S]]
    space: bool
    width: float


def wrap(
    pieces: Sequence[Piece[S]], *, first: float, full: float, measure: Measure[S]
) -> list[list[Piece[S]]]:
    """The pieces of each line: ``first`` is the room on the first line, ``full`` on the
    others. Neighbouring pieces of one style on a line are joined into one."""
    lines: list[list[Piece[S]]] = []
    line: list[Piece[S]] = []
    width = 0.0
    room = first
    has_word = False
    pending: _Token[S] | None = None
    for token in _tokens(pieces, measure):
        if token.space:
            pending = token if pending is None else _joined(pending, token)
            continue
        gap = pending.width if pending is not None else 0.0
        if width + gap + token.width <= room + _EPSILON:
            if pending is not None:
                line += pending.pieces
            line += token.pieces
            width += gap + token.width
            has_word = True
            pending = None
            continue
        pending = None
        if has_word or room < full - _EPSILON:
            # The word starts the next line (a partial first line may stay empty).
            lines.append(line)
            line, width, room, has_word = [], 0.0, full, False
            if token.width <= room + _EPSILON:
                line, width, has_word = list(token.pieces), token.width, True
                continue
        # A word wider than a whole line: split it where it stops fitting.
        for chunk, chunk_width, last in _split(token, room, measure):
            line, width, has_word = chunk, chunk_width, True
            if not last:
                lines.append(line)
                line, width = [], 0.0
    if pending is not None and not has_word and not lines:
        line += pending.pieces  # a line of nothing but spaces prints as given
    lines.append(line)
    return [_merged(each) for each in lines]


def _tokens(pieces: Sequence[Piece[S]], measure: Measure[S]) -> Iterator[_Token[S]]:
    """Alternating words and runs of spaces, each word whole across its pieces."""
    current: _Token[S] | None = None
    for piece in pieces:
        for part in _SPACES.split(piece.text):
            if not part:
                continue
            space = part[0] == " "
            bit = Piece(part, piece.style)
            bit_width = measure(part, piece.style)
            if current is not None and current.space == space:
                current.pieces.append(bit)
                current.width += bit_width
                continue
            if current is not None:
                yield current
            current = _Token([bit], space, bit_width)
    if current is not None:
        yield current


def _joined(a: _Token[S], b: _Token[S]) -> _Token[S]:
    return _Token([*a.pieces, *b.pieces], a.space, a.width + b.width)


def _split(
    token: _Token[S], room: float, measure: Measure[S]
) -> Iterator[tuple[list[Piece[S]], float, bool]]:
    """A too-wide word as chunks that each fill a line (at least one character each);
    the last chunk is left for the words after it."""
    chunk: list[Piece[S]] = []
    width = 0.0
    for piece in token.pieces:
        for char in piece.text:
            char_width = measure(char, piece.style)
            if chunk and width + char_width > room + _EPSILON:
                yield chunk, width, False
                chunk, width = [], 0.0
            chunk.append(Piece(char, piece.style))
            width += char_width
    yield chunk, width, True


def _merged(pieces: list[Piece[S]]) -> list[Piece[S]]:
    merged: list[Piece[S]] = []
    for piece in pieces:
        if merged and merged[-1].style == piece.style:
            merged[-1] = Piece(merged[-1].text + piece.text, piece.style)
        else:
            merged.append(piece)
    return merged
