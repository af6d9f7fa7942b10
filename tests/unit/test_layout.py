"""Reading order from word boxes: columns read one after the other, forms read across."""

from __future__ import annotations

from denialwatch.documents.layout import Word, ordered_text

WIDTH = 612.0


def line(top: float, *parts: tuple[float, str]) -> list[Word]:
    """Words of one line: each part starts at x and its words are 6 points a character."""
    words = []
    for start, text in parts:
        x = start
        for token in text.split():
            words.append(Word(token, x, x + 6 * len(token), top, top + 10))
            x += 6 * len(token) + 4
    return words


def test_a_form_of_labels_and_values_is_not_two_columns() -> None:
    words = [
        *line(100, (72, "Medical record number (MRN):"), (330, "000019482736")),
        *line(114, (72, "Grievance number:"), (330, "GRV-2026-0320-1187")),
        *line(128, (72, "Service:"), (330, "Lumbar spinal fusion surgery (L4-L5)")),
        *line(142, (72, "Date received:"), (330, "March 20, 2026")),
    ]
    assert ordered_text(words, [], WIDTH) is None  # read across the page, as printed


def test_two_columns_of_prose_read_left_then_right() -> None:
    words: list[Word] = []
    for row in range(5):
        words += line(
            100 + 14 * row,
            (72, f"left column sentence number {row} goes on"),
            (330, f"right column sentence {row} says more"),
        )
    text = ordered_text(words, [], WIDTH)
    assert text is not None
    lines = text.splitlines()
    assert lines[0].startswith("left column sentence number 0")
    assert lines[4].startswith("left column sentence number 4")
    assert lines[5].startswith("right column sentence 0")


def test_a_form_on_a_page_with_columns_is_still_read_across() -> None:
    words = [
        *line(60, (72, "Member ID:"), (330, "000019482736")),
        *line(74, (72, "Reference number:"), (330, "UMD-2026-0311-4471")),
        *line(88, (72, "Service requested:"), (330, "Lumbar spinal fusion surgery")),
    ]
    for row in range(5):
        words += line(
            200 + 14 * row,
            (72, f"left column sentence number {row} goes on"),
            (330, f"right column sentence {row} says more"),
        )
    text = ordered_text(words, [], WIDTH)
    assert text is not None
    assert "Member ID: 000019482736" in text
    assert "Reference number: UMD-2026-0311-4471" in text
