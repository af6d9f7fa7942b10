"""How well the reader did, counted: precision, recall and F1, and confusion matrices.

Pure: values in, values out; nothing here knows about email or letters.

The counting rule for one field of one email (``score_value``), on values already normalised
by the field's comparison rule (``fields``):

- the reader found the expected value: one true positive (TP);
- the reader reported a value the letter does not have: one false positive (FP);
- the reader missed a value the letter has: one false negative (FN);
- the reader reported a *wrong* value: one FP **and** one FN (a false claim and a miss);
- neither side has a value: nothing is counted (true negatives are not counted for fields).

A field that holds several values (codes, criteria) is counted value by value
(``score_set``): each expected value is matched to at most one reported value; a match is a
TP, an unmatched reported value an FP, an unmatched expected value an FN.

Precision = TP / (TP + FP) and recall = TP / (TP + FN) are None when their denominator is
zero. F1 = 2TP / (2TP + FP + FN), their harmonic mean; it is 1.0 when there is no TP, FP or
FN at all (nothing was expected and nothing was claimed, as for a field in a set of
negatives), so a target on it is met.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one field or one decision."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        claimed = self.tp + self.fp
        return self.tp / claimed if claimed else None

    @property
    def recall(self) -> float | None:
        expected = self.tp + self.fn
        return self.tp / expected if expected else None

    @property
    def f1(self) -> float:
        errors = self.fp + self.fn
        if self.tp == 0 and errors == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + errors)

    @property
    def support(self) -> int:
        """How many values were expected."""
        return self.tp + self.fn


def total(counts: Iterable[Counts]) -> Counts:
    return sum(counts, Counts())


def score_value(
    expected: T | None, read: T | None, same: Callable[[T, T], bool] = lambda a, b: a == b
) -> Counts:
    """One field of one email; a wrong value counts as both FP and FN."""
    if expected is None and read is None:
        return Counts()
    if expected is None:
        return Counts(fp=1)
    if read is None:
        return Counts(fn=1)
    if same(expected, read):
        return Counts(tp=1)
    return Counts(fp=1, fn=1)


def score_set(
    expected: Sequence[T], read: Sequence[T], same: Callable[[T, T], bool] = lambda a, b: a == b
) -> Counts:
    """A field with several values: each expected value matches at most one read value."""
    unmatched = list(read)
    tp = 0
    for value in expected:
        match = next((i for i, candidate in enumerate(unmatched) if same(value, candidate)), None)
        if match is not None:
            del unmatched[match]
            tp += 1
    return Counts(tp=tp, fp=len(unmatched), fn=len(expected) - tp)


@dataclass(frozen=True)
class Binary:
    """A yes/no decision over many items (is this email adverse?), true negatives included."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def counts(self) -> Counts:
        return Counts(self.tp, self.fp, self.fn)

    @property
    def accuracy(self) -> float | None:
        items = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / items if items else None


def binary(pairs: Iterable[tuple[bool, bool]]) -> Binary:
    """Count (expected, predicted) pairs of a yes/no decision."""
    seen = Counter(pairs)
    return Binary(
        tp=seen[(True, True)],
        fp=seen[(False, True)],
        fn=seen[(True, False)],
        tn=seen[(False, False)],
    )


@dataclass(frozen=True)
class Confusion:
    """How often each expected label was read as each label: ``cells[(expected, read)]``."""

    labels: tuple[str, ...]
    """Every label that occurs on either side, in the order given, then alphabetically."""
    cells: tuple[tuple[tuple[str, str], int], ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]], order: Sequence[str] = ()) -> Confusion:
        seen = Counter(pairs)
        present = {label for pair in seen for label in pair}
        labels = [label for label in order if label in present]
        labels += sorted(present - set(labels))
        return cls(tuple(labels), tuple(sorted(seen.items())))

    def count(self, expected: str, read: str) -> int:
        return dict(self.cells).get((expected, read), 0)

    def matrix(self) -> list[list[int]]:
        """Rows are expected labels, columns read labels, both in ``labels`` order."""
        found = dict(self.cells)
        return [[found.get((row, col), 0) for col in self.labels] for row in self.labels]

    @property
    def accuracy(self) -> float | None:
        items = sum(n for _, n in self.cells)
        right = sum(n for (expected, read), n in self.cells if expected == read)
        return right / items if items else None
