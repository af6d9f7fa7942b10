"""Where a quoted sentence starts and ends."""

from __future__ import annotations

import pytest

from denialwatch.domain import quote


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        (
            "Recibimos su apelación. El plan decidió negar el servicio. Gracias.",
            "negar",
            "El plan decidió negar el servicio.",
        ),
        ("Call Dr. Lee today. We denied it. Next", "denied", "We denied it."),
        ("Call Dr. Lee about it today. Next", "about", "Call Dr. Lee about it today."),
        ("L.A. Care denied the chair. Next", "denied", "L.A. Care denied the chair."),
        ("We sent the information. It was denied. Next", "was", "It was denied."),
    ],
)
def test_sentences_end_at_a_full_stop_not_after_an_initial(
    text: str, word: str, sentence: str
) -> None:
    start = text.index(word)
    begin, end = quote.sentence_span(text, start, start + len(word))
    assert text[begin:end] == sentence
