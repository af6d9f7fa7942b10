"""The letter's Markdown subset: headings, paragraphs with hard breaks, lists with continuation
paragraphs, bold and placeholders; writing blocks back is stable under a second parse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.letters.markup import (
    Heading,
    ListItem,
    Paragraph,
    Span,
    parse,
    plain,
    to_markdown,
)

# "\x20\x20" at the end of a line: two spaces, a hard line break.
LETTER = """\
[[DATE YOU SIGN]]

**Re: Denial of lumbar MRI (URGENT: expedited review requested)**\x20\x20
Member ID: XJ-12345\x20\x20
Señora Núñez

## The plan's reasons, point by point

1. The plan wrote: "not medically necessary"

   My answer: [[YOUR ANSWER TO REASON 1: say why the plan is wrong]]

2. The plan applied **InterQual** criteria.
   It cited them twice.

   How my case meets it: [[HOW YOUR CASE MEETS CRITERION 2: your words]]

- Enclosed: the denial letter
- Enclosed: my doctor's letter
"""


def test_blocks_of_a_letter() -> None:
    blocks = parse(LETTER)
    assert [type(block) for block in blocks] == [
        Paragraph,
        Paragraph,
        Heading,
        ListItem,
        ListItem,
        ListItem,
        ListItem,
    ]
    date, facts, heading, first, second, bullet, _ = blocks
    assert date == Paragraph(((Span("[[DATE YOU SIGN]]", placeholder=True),),))
    assert isinstance(facts, Paragraph)
    assert [plain(line) for line in facts.lines] == [
        "Re: Denial of lumbar MRI (URGENT: expedited review requested)",
        "Member ID: XJ-12345",
        "Señora Núñez",
    ]
    assert facts.lines[0][0].bold
    assert heading == Heading((Span("The plan's reasons, point by point"),))
    assert isinstance(first, ListItem)
    assert (first.ordered, first.number, len(first.paragraphs)) == (True, 1, 2)
    assert first.paragraphs[1].lines[0] == (
        Span("My answer: "),
        Span("[[YOUR ANSWER TO REASON 1: say why the plan is wrong]]", placeholder=True),
    )
    assert isinstance(second, ListItem)
    assert second.paragraphs[0].lines == (
        (
            Span("The plan applied "),
            Span("InterQual", bold=True),
            Span(" criteria. It cited them twice."),
        ),
    )
    assert isinstance(bullet, ListItem)
    assert not bullet.ordered


def test_placeholder_inside_bold_stays_bold_and_a_placeholder() -> None:
    (block,) = parse("**Re: [[PLAN NAME 2: as on the card]] denial**")
    assert block == Paragraph(
        (
            (
                Span("Re: ", bold=True),
                Span("[[PLAN NAME 2: as on the card]]", bold=True, placeholder=True),
                Span(" denial", bold=True),
            ),
        )
    )


def test_paragraph_after_a_list_without_indent_ends_the_list() -> None:
    blocks = parse("1. One\n\nAfter the list.\n")
    assert blocks == [
        ListItem(True, 1, (Paragraph(((Span("One"),),)),)),
        Paragraph(((Span("After the list."),),)),
    ]


def test_writes_the_canonical_form() -> None:
    assert to_markdown(parse(LETTER)) == LETTER.replace(
        "criteria.\n   It cited", "criteria. It cited"
    )


def test_empty_and_odd_input_never_fails() -> None:
    assert parse("") == []
    assert parse("\n\n  \n") == []
    assert to_markdown([]) == ""
    for odd in ("****", "-", "## ", "- ", "[[", "]]", "**a", "1.", "\r\n\r\n#"):
        blocks = parse(odd)
        assert parse(to_markdown(blocks)) == blocks


# -- the round trip, on generated documents ---------------------------------------------

LETTERS = "abcdefgxyzABCXYZñéüÑ"
WORD = st.text(alphabet=LETTERS + "'\",.:;()?!/0123456789", min_size=1, max_size=8)
FIRST_WORD = st.builds(str.__add__, st.sampled_from(LETTERS), WORD)
"""A line's first word starts with a letter: "- " or "1. " there would open a list."""


@st.composite
def lines(draw: st.DrawFn) -> str:
    tokens = [draw(FIRST_WORD)]
    for _ in range(draw(st.integers(0, 4))):
        word = draw(WORD)
        kind = draw(st.sampled_from(["plain", "plain", "bold", "placeholder", "bold placeholder"]))
        if kind == "bold":
            word = f"**{word}**"
        elif kind == "placeholder":
            word = f"[[{word.upper()}: {word}]]"
        elif kind == "bold placeholder":
            word = f"**x [[{word.upper()}]]**"
        tokens.append(word)
    return " ".join(tokens)


@st.composite
def paragraphs(draw: st.DrawFn, *, indent: str = "") -> str:
    texts = draw(st.lists(lines(), min_size=1, max_size=2))
    breaks = [draw(st.sampled_from(["  \n", "\n"])) for _ in texts[1:]]
    out = texts[0]
    for separator, text in zip(breaks, texts[1:], strict=True):
        out += separator + indent + text
    return out


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["heading", "paragraph", "bullet", "numbered"]))
        if kind == "heading":
            blocks.append("## " + draw(lines()))
        elif kind == "paragraph":
            blocks.append(draw(paragraphs()))
        else:
            marker = "- " if kind == "bullet" else f"{draw(st.integers(1, 30))}. "
            parts = [marker + draw(paragraphs(indent="   "))]
            parts.extend(
                "   " + draw(paragraphs(indent="   ")) for _ in range(draw(st.integers(0, 1)))
            )
            blocks.append("\n\n".join(parts))
    return "\n\n".join(blocks)


@settings(max_examples=60)
@given(documents())
def test_round_trip_is_stable(markdown: str) -> None:
    blocks = parse(markdown)
    assert parse(to_markdown(blocks)) == blocks
    assert to_markdown(parse(to_markdown(blocks))) == to_markdown(blocks)


@settings(max_examples=60)
@given(st.text(max_size=200))
def test_round_trip_of_any_text_is_stable(text: str) -> None:
    blocks = parse(text)
    assert parse(to_markdown(blocks)) == blocks
