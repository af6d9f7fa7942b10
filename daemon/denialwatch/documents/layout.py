"""A page's words in reading order: two columns one after the other, a table one row a line.

A PDF places words by coordinates, and reading them line by line across the page interleaves
two columns ("We reviewed your request You have the right to appeal") and splits a table
cell that wraps onto a line of its own. This module orders words from their boxes; it is pure
(plain values in, text out) and knows nothing of pdfplumber.

**Columns.** A gutter is a vertical strip in the middle three fifths of the page that no word
crosses, with text on both sides, on several consecutive lines. Candidates are the gaps wider
than ``MIN_GUTTER`` between neighbouring words of a line; the gutter is the candidate shared by
the most lines. It counts only where it divides prose, not a table without rules or a form:
at least ``MIN_COLUMN_LINES`` lines with words on both sides, a median of at least
``MIN_COLUMN_WORDS`` words on each side, and each side at least a fifth of the page wide. A
column block starts at the first line with words on both sides and runs while no line crosses
the gutter and no gap between lines is wider than ``MAX_LINE_GAP`` line heights; it is read
left column first, then right. Lines outside blocks (letterhead, a full-width paragraph, the
footer) are read across the page.

**Tables** come from the PDF reader (ruled tables only: pdfplumber's "lines" strategy); each row
becomes one line, its cells left to right joined by `` | ``, a cell's own line breaks made
spaces. Words inside a table's box are not read again as lines.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

MIN_GUTTER = 9.0
"""Points between two words of a line for the space between them to be a possible gutter."""
MIN_COLUMN_LINES = 3
MIN_COLUMN_WORDS = 3
MAX_LINE_GAP = 2.5
LINE_TOLERANCE = 3.0
"""Points of difference in ``top`` within which two words sit on the same line."""
CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Table:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: tuple[tuple[str | None, ...], ...]
    """Cells by row; None where a merged cell spans."""

    def holds(self, word: Word) -> bool:
        x = (word.x0 + word.x1) / 2
        y = (word.top + word.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(frozen=True)
class _Line:
    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def crosses(self, x: float) -> bool:
        return any(w.x0 < x < w.x1 for w in self.words)

    def sides(self, x: float) -> tuple[_Line | None, _Line | None]:
        left = tuple(w for w in self.words if w.x1 <= x)
        right = tuple(w for w in self.words if w.x0 >= x)
        return (_Line(left) if left else None, _Line(right) if right else None)

    def gaps(self) -> list[tuple[float, float]]:
        pairs = zip(self.words, self.words[1:], strict=False)
        return [(a.x1, b.x0) for a, b in pairs if b.x0 - a.x1 >= MIN_GUTTER]


def ordered_text(words: Sequence[Word], tables: Sequence[Table], width: float) -> str | None:
    """The page's text in reading order, or None when reading across the page is right (no
    table and no two columns): the caller then keeps its reader's own text."""
    free = [w for w in words if not any(t.holds(w) for t in tables)]
    lines = _lines(free)
    gutter = find_gutter(lines, width)
    if gutter is None and not tables:
        return None
    units: list[tuple[float, str]] = [(t.top, table_text(t)) for t in tables]
    units += _blocks(lines, gutter, width)
    units.sort(key=lambda unit: unit[0])
    return "\n".join(text for _top, text in units if text)


def table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = [" ".join(cell.split()) for cell in row if cell]
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cell for cell in cells if cell))
    return "\n".join(rows)


def find_gutter(lines: Sequence[_Line], width: float) -> float | None:
    """The x of the gutter between two columns of prose, or None (see the module docstring)."""
    low, high = 0.2 * width, 0.8 * width
    gaps = [(max(a, low), min(b, high)) for line in lines for a, b in line.gaps()]
    for x in _most_shared(gaps)[:3]:
        if _is_column_gutter(lines, x, width):
            return x
    return None


def _most_shared(intervals: Sequence[tuple[float, float]]) -> list[float]:
    """Middles of the stretches that most ``intervals`` cover, most covered first.

    A gutter's gaps differ from line to line (the left column's lines end unevenly), but they
    all cover the strip between the columns: a sweep over the gaps' ends finds it."""
    events = sorted(
        [(a, 1) for a, b in intervals if a < b] + [(b, -1) for a, b in intervals if a < b]
    )
    stretches: list[tuple[int, float]] = []
    depth = 0
    for (x, step), (following, _) in itertools.pairwise(events):
        depth += step
        if depth > 0 and following > x:
            stretches.append((depth, (x + following) / 2))
    stretches.sort(key=lambda stretch: -stretch[0])
    return [x for _depth, x in stretches]


def _divides(line: _Line, x: float) -> bool:
    left, right = line.sides(x)
    return left is not None and right is not None and not line.crosses(x)


def _is_column_gutter(lines: Sequence[_Line], x: float, width: float) -> bool:
    divided = [line.sides(x) for line in lines if _divides(line, x)]
    if len(divided) < MIN_COLUMN_LINES:
        return False
    labels = [pair[0] for pair in divided if pair[0] is not None and _is_label(pair[0])]
    if len(labels) * 2 >= len(divided):
        return False  # "Member ID:   1234" lines: a form's labels and values, not two columns
    for side in (0, 1):
        parts = [pair[side] for pair in divided if pair[side] is not None]
        words = statistics.median(len(p.words) for p in parts if p is not None)
        extent = statistics.median(
            max(w.x1 for w in p.words) - min(w.x0 for w in p.words) for p in parts if p is not None
        )
        if words < MIN_COLUMN_WORDS or extent < width / 5:
            return False
    return True


def _is_label(part: _Line) -> bool:
    """A form label: short, ending with a colon ("Grievance number:")."""
    text = part.text().rstrip()
    return text.endswith(":") and len(part.words) <= 6


def _lines(words: Sequence[Word]) -> list[_Line]:
    """Words grouped into lines by their tops, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    last_top = float("-inf")
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if not lines or word.top - last_top > LINE_TOLERANCE:
            lines.append([])
        lines[-1].append(word)
        last_top = word.top
    return [_Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def _blocks(lines: Sequence[_Line], gutter: float | None, width: float) -> list[tuple[float, str]]:
    """Lines as (top, text) units: single lines, and column blocks read left then right."""
    if gutter is None:
        return [(line.top, line.text()) for line in lines]
    height = statistics.median(line.bottom - line.top for line in lines) if lines else 0.0
    units: list[tuple[float, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not _divides(line, gutter):
            units.append((line.top, line.text()))
            index += 1
            continue
        block = [line]
        index += 1
        while index < len(lines):
            following = lines[index]
            if following.crosses(gutter):
                break
            if following.top - block[-1].bottom > MAX_LINE_GAP * max(height, 1.0):
                break
            block.append(following)
            index += 1
        if _is_column_gutter(block, gutter, width):
            units.append((block[0].top, _column_text(block, gutter)))
        else:
            # The page has columns elsewhere; this stretch (a form's labels and values, a
            # short table) only happens to leave the gutter free: read it across.
            units += [(line.top, line.text()) for line in block]
    return units


def _column_text(block: Sequence[_Line], gutter: float) -> str:
    left: list[str] = []
    right: list[str] = []
    for line in block:
        before, after = line.sides(gutter)
        if before is not None:
            left.append(before.text())
        if after is not None:
            right.append(after.text())
    return "\n".join(left + right)
