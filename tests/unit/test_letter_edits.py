"""Filling the letter's placeholders from a patient's answers in an email."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from denialwatch.domain.letter_edits import fill, open_labels

DRAFT = """[[DATE YOU SIGN THIS LETTER]]

- Patient: [[YOUR FULL NAME: as on your insurance card]]
- Date of birth: [[YOUR DATE OF BIRTH]]

## My medical condition

[[YOUR CONDITION: your diagnosis, since when, and how it affects your daily life]]

1. The plan wrote: "Not medically necessary."

   My answer: [[YOUR ANSWER TO REASON 1: why it does not fit your case]]

Sincerely,

[[YOUR FULL NAME]]
"""


def test_answers_fill_their_placeholders_and_leave_the_rest() -> None:
    reply = (
        "Your condition: I have had severe back pain since 2019, and I cannot walk more\n"
        "than a block.\n\n"
        "YOUR DATE OF BIRTH: 04/12/1961\n\n"
        "Thank you so much for your help."
    )
    result = fill(DRAFT, reply)
    assert result.filled == ("Your condition", "YOUR DATE OF BIRTH")
    assert "I have had severe back pain since 2019, and I cannot walk more than a block." in (
        result.markdown
    )
    assert "Date of birth: 04/12/1961" in result.markdown
    assert "[[YOUR CONDITION" not in result.markdown
    assert "[[YOUR FULL NAME: as on your insurance card]]" in result.markdown
    assert result.unused == ("Thank you so much for your help.",)


def test_a_label_used_twice_fills_one_placeholder_per_answer() -> None:
    result = fill(DRAFT, "YOUR FULL NAME: Teresa Almonte\n\nYOUR FULL NAME: Teresa Almonte")
    assert result.filled == ("YOUR FULL NAME", "YOUR FULL NAME")
    assert "[[YOUR FULL NAME" not in result.markdown
    assert result.markdown.count("Teresa Almonte") == 2


def test_accents_and_spacing_do_not_matter_and_unknown_labels_are_not_guessed() -> None:
    result = fill(DRAFT, "your   date of birth : 1961-04-12\n\nMY DOCTOR: Dr. Ferreira")
    assert result.filled == ("your   date of birth",)
    assert result.unused == ("MY DOCTOR: Dr. Ferreira",)


@given(st.text(max_size=300))
def test_fill_never_invents_placeholders_and_never_raises(reply: str) -> None:
    result = fill(DRAFT, reply)
    assert len(open_labels(result.markdown)) <= len(open_labels(DRAFT))
    assert len(result.filled) == len(open_labels(DRAFT)) - len(open_labels(result.markdown))


def test_an_answer_cannot_add_a_placeholder() -> None:
    result = fill(DRAFT, "YOUR DATE OF BIRTH: [[SOMETHING: sneaky]]")
    assert result.filled == ("YOUR DATE OF BIRTH",)
    assert "[[SOMETHING" not in result.markdown
