"""The evaluation's arithmetic, checked against numbers worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from denialwatch.evaluation.fields import BY_NAME, FIELDS, normalise, score
from denialwatch.evaluation.metrics import (
    Binary,
    Confusion,
    Counts,
    binary,
    score_set,
    score_value,
    total,
)


def test_precision_recall_and_f1_from_counts() -> None:
    # 6 right, 2 false claims, 4 misses: P = 6/8, R = 6/10, F1 = 12/18.
    counts = Counts(tp=6, fp=2, fn=4)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 / 3)
    assert counts.support == 10
    p, r = 0.75, 0.6
    assert counts.f1 == pytest.approx(2 * p * r / (p + r)), "F1 is the harmonic mean"


def test_undefined_precision_and_recall_and_the_empty_f1() -> None:
    assert Counts().precision is None
    assert Counts().recall is None
    assert Counts().f1 == 1.0, "nothing expected and nothing claimed"
    assert Counts(fn=3).precision is None
    assert Counts(fn=3).recall == 0.0
    assert Counts(fn=3).f1 == 0.0
    assert Counts(fp=2).precision == 0.0
    assert Counts(fp=2).f1 == 0.0


def test_counts_add_up() -> None:
    assert Counts(1, 2, 3) + Counts(4, 5, 6) == Counts(5, 7, 9)
    assert total([Counts(1, 0, 0), Counts(0, 1, 0), Counts(0, 0, 1)]) == Counts(1, 1, 1)
    assert total([]) == Counts()


def test_a_wrong_value_is_one_false_positive_and_one_false_negative() -> None:
    assert score_value("a", "a") == Counts(tp=1)
    assert score_value("a", "b") == Counts(fp=1, fn=1)
    assert score_value("a", None) == Counts(fn=1)
    assert score_value(None, "b") == Counts(fp=1)
    assert score_value(None, None) == Counts()


def test_several_values_are_matched_one_to_one() -> None:
    # Expected {A, B, C}; read {A, A, D}: one A matches, the second A and D are false claims,
    # B and C are misses.
    assert score_set(["A", "B", "C"], ["A", "A", "D"]) == Counts(tp=1, fp=2, fn=2)
    assert score_set([], ["X"]) == Counts(fp=1)
    assert score_set(["X"], []) == Counts(fn=1)


def test_binary_decisions_keep_true_negatives() -> None:
    pairs = [(True, True)] * 8 + [(True, False)] * 2 + [(False, True)] + [(False, False)] * 9
    result = binary(pairs)
    assert result == Binary(tp=8, fp=1, fn=2, tn=9)
    # P = 8/9, R = 8/10, F1 = 16/19, accuracy = 17/20.
    assert result.counts.precision == pytest.approx(8 / 9)
    assert result.counts.recall == pytest.approx(0.8)
    assert result.counts.f1 == pytest.approx(16 / 19)
    assert result.accuracy == pytest.approx(0.85)


def test_confusion_matrix_rows_are_expected_and_columns_read() -> None:
    pairs = [
        ("denial", "denial"),
        ("denial", "denial"),
        ("denial", "not_denial"),
        ("eob", "not_denial"),
        ("not_denial", "not_denial"),
    ]
    confusion = Confusion.of(pairs, order=("denial", "eob", "approval", "not_denial"))
    assert confusion.labels == ("denial", "eob", "not_denial"), "unused labels are left out"
    assert confusion.matrix() == [[2, 0, 1], [0, 0, 1], [0, 0, 1]]
    assert confusion.count("eob", "not_denial") == 1
    assert confusion.count("eob", "eob") == 0
    assert confusion.accuracy == pytest.approx(3 / 5)
    assert Confusion.of([]).accuracy is None


def test_labels_outside_the_order_come_last_alphabetically() -> None:
    confusion = Confusion.of([("b", "z"), ("a", "b")], order=("b",))
    assert confusion.labels == ("b", "a", "z")


def test_every_field_has_a_target_from_the_issue() -> None:
    targets = {rule.name: rule.target for rule in FIELDS}
    assert targets.pop("route") == 0.95
    assert targets.pop("category") == 0.95
    assert set(targets.values()) == {0.90}


@pytest.mark.parametrize(
    ("field", "expected", "read", "counts"),
    [
        ("insurer", "Kaiser Permanente", "  kaiser   permanente.", Counts(tp=1)),
        ("service", "Power wheelchair (Group 3)", "Power wheelchair", Counts(fp=1, fn=1)),
        ("member_id", "XGB 418305729", "xgb418305729", Counts(tp=1)),
        ("member_id", "UMD-2026-0311", "UMD20260311", Counts(fp=1, fn=1)),
        ("letter_date", date(2026, 3, 11), date(2026, 3, 11), Counts(tp=1)),
        ("letter_date", date(2026, 3, 11), date(2026, 3, 12), Counts(fp=1, fn=1)),
        ("appeal_phone", "1-800-555-0147", "(800) 555-0147", Counts(tp=1)),
        ("route", "unknown", None, Counts()),
        ("route", "unknown", "dmhc", Counts(fp=1)),
        ("route", "cdi", "dmhc", Counts(fp=1, fn=1)),
        ("urgent", False, None, Counts()),
        ("urgent", False, True, Counts(fp=1)),
        ("urgent", True, None, Counts(fn=1)),
        ("codes", ("CPT 95810", "CARC 50"), ("cpt  95810",), Counts(tp=1, fn=1)),
        (
            "criteria",
            ("InterQual 2026 Procedures criteria",),
            ("InterQual", "MCG"),
            Counts(tp=1, fp=1),
        ),
    ],
)
def test_comparison_rules(
    field: str,
    expected: str | bool | date | tuple[str, ...] | None,
    read: str | bool | date | tuple[str, ...] | None,
    counts: Counts,
) -> None:
    assert score(BY_NAME[field], expected, read) == counts


def test_normalising_maps_the_absent_values_to_none() -> None:
    assert normalise(BY_NAME["category"], "unknown") is None
    assert normalise(BY_NAME["urgent"], False) is None
    assert normalise(BY_NAME["codes"], ()) is None
    assert normalise(BY_NAME["codes"], ("cpt 1", "CPT 1")) == ("CPT 1",)
    with pytest.raises(TypeError):
        normalise(BY_NAME["letter_date"], "2026-03-11")
