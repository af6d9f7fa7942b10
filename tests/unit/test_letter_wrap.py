"""Line breaking for the letter PDF: at spaces, words whole across styles, only a word wider
than a line split, every line within its room, no line ending early."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.letters.wrap import Piece, wrap

WIDE = "B"
"""A style twice as wide as the plain one, like bold would be."""


def measure(text: str, style: str) -> float:
    return len(text) * (2.0 if style == WIDE else 1.0)


def texts(lines: list[list[Piece[str]]]) -> list[str]:
    return ["".join(piece.text for piece in line) for line in lines]


def test_breaks_at_spaces_and_drops_the_space() -> None:
    lines = wrap([Piece("one two three four", "")], first=9, full=9, measure=measure)
    assert texts(lines) == ["one two", "three", "four"]


def test_a_word_across_styles_moves_whole() -> None:
    pieces = [Piece("date: (", ""), Piece("[[DATE]]", WIDE), Piece(") end", "")]
    lines = wrap(pieces, first=20, full=30, measure=measure)
    assert texts(lines) == ["date:", "([[DATE]]) end"]
    assert lines[1] == [Piece("(", ""), Piece("[[DATE]]", WIDE), Piece(") end", "")]


def test_a_first_word_that_does_not_fit_a_partial_line_starts_the_next() -> None:
    lines = wrap([Piece("placeholder here", "")], first=5, full=20, measure=measure)
    assert texts(lines) == ["", "placeholder here"]


def test_only_a_word_wider_than_a_line_is_split() -> None:
    lines = wrap(
        [Piece("see https://example.org/a/very/long/path now", "")],
        first=12,
        full=12,
        measure=measure,
    )
    assert texts(lines) == ["see", "https://exam", "ple.org/a/ve", "ry/long/path", "now"]


def test_neighbouring_pieces_of_one_style_are_joined() -> None:
    lines = wrap(
        [Piece("a ", ""), Piece("b", ""), Piece(" c", WIDE)], first=50, full=50, measure=measure
    )
    assert lines == [[Piece("a b", ""), Piece(" c", WIDE)]]


def test_nothing_gives_one_empty_line() -> None:
    assert wrap([], first=10, full=10, measure=measure) == [[]]
    assert wrap([Piece("", "")], first=10, full=10, measure=measure) == [[]]


words = st.text(alphabet="abcdefghij", min_size=1, max_size=9)
styled = st.tuples(st.lists(words, min_size=1, max_size=4), st.sampled_from(["", WIDE]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(styled, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=20, max_value=40),
)
def test_lines_fit_keep_every_word_and_end_only_when_full(
    spans: list[tuple[list[str], str]], first: int, full: int
) -> None:
    first = min(first, full)
    pieces = [Piece(" ".join(ws) + " ", style) for ws, style in spans]
    lines = wrap(pieces, first=first, full=full, measure=measure)

    def width(line: list[Piece[str]]) -> float:
        return sum(measure(piece.text, piece.style) for piece in line)

    # Each character keeps its style; only the spaces at the breaks (and the end) are gone.
    styled_chars = [(c, p.style) for p in pieces for c in p.text]
    kept = [(c, p.style) for line in lines for p in line for c in p.text]
    assert [c for c, _ in kept if c != " "] == [c for c, _ in styled_chars if c != " "]
    assert [s for c, s in kept if c != " "] == [s for c, s in styled_chars if c != " "]
    assert " ".join(t for t in texts(lines) if t).split() == "".join(p.text for p in pieces).split()
    gaps = _dropped_between(
        styled_chars, [[(c, p.style) for p in line for c in p.text] for line in lines]
    )
    for index, line in enumerate(lines):
        room = first if index == 0 else full
        assert width(line) <= room
        if line:
            assert line[0].text[0] != " " or index == 0
            assert line[-1].text[-1] != " "
        if index + 1 < len(lines):
            # The next line's first word would not have fitted here after the space.
            chars = [(c, p.style) for p in lines[index + 1] for c in p.text]
            following = sum(measure(c, style) for c, style in chars[: _word_end(chars)])
            assert width(line) + (gaps[index] if line else 0.0) + following > room


def _word_end(chars: list[tuple[str, str]]) -> int:
    return next((i for i, (c, _) in enumerate(chars) if c == " "), len(chars))


def _dropped_between(
    original: list[tuple[str, str]], lines: list[list[tuple[str, str]]]
) -> list[float]:
    """The width of the spaces dropped after each line (the line's chars are in order)."""
    gaps: list[float] = []
    at = 0
    for line in lines:
        for char in line:
            while original[at] != char:
                at += 1  # a dropped space
            at += 1
        gap = 0.0
        while at < len(original) and original[at][0] == " ":
            gap += measure(*original[at])
            at += 1
        gaps.append(gap)
    return gaps
