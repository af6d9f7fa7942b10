"""The small Markdown subset a letter is written in, as blocks the renderers can walk.

The letter's Markdown is its one source of truth: the DOCX and the PDF are renderings of the
blocks parsed here, and an edited DOCX is read back into the same subset. Pure: text in,
values out, no I/O.

The subset, and nothing more:

- ``## Heading`` (any number of ``#``; a letter has one heading level);
- paragraphs: consecutive lines are joined by a space; a line ending in two spaces is a hard
  line break, so a paragraph is a tuple of lines;
- ``- item`` bullets and ``1. item`` numbered items. A line indented by two or more spaces
  after a blank line continues the item as a new paragraph (the templates indent by three);
  an unindented line right after an item continues its paragraph, as in CommonMark;
- inside a line: ``**bold**`` and placeholders ``[[LABEL: hint]]``, which the patient must
  replace before mailing. A placeholder is its own span so each renderer can make it stand out.

There is no escaping: text that itself holds ``**`` or ``[[...]]`` cannot be written, and a
paragraph line that starts like a list marker is read as one. Letters never need either.

``to_markdown`` writes blocks back in the canonical form (three-space continuation, ``  ``
hard breaks, one blank line between blocks), so ``parse(to_markdown(parse(x))) == parse(x)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"\[\[[^\[\]]+\]\]")
BOLD = re.compile(r"\*\*(.+?)\*\*")
HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*$")
BULLET = re.compile(r"^[-*+][ \t]+(.*)$")
NUMBERED = re.compile(r"^(\d{1,9})[.)][ \t]+(.*)$")
CONTINUATION_INDENT = 2
"""Leading spaces that make a line after a blank one belong to the list item above."""
HARD_BREAK = "  "
ITEM_INDENT = "   "


@dataclass(frozen=True)
class Span:
    """A run of text with one look: plain or bold, and whether it is a placeholder."""

    text: str
    bold: bool = False
    placeholder: bool = False


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    spans: Line


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    """Lines separated by hard breaks; soft line breaks are already joined."""


@dataclass(frozen=True)
class ListItem:
    ordered: bool
    number: int
    """The number the item was written with (1 for a bullet); renderers print it as is."""
    paragraphs: tuple[Paragraph, ...]


Block = Heading | Paragraph | ListItem


def plain(line: Line) -> str:
    """A line's text without any markup (for tests, logs of lengths, search)."""
    return "".join(span.text for span in line)


# -- parsing -----------------------------------------------------------------------------


def parse(markdown: str) -> list[Block]:
    """The blocks of a letter written in the subset above; never fails on any text."""
    blocks: list[Block] = []
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    pending: list[str] = []  # raw lines of the paragraph being read
    item: _OpenItem | None = None
    blank_before = False
    for raw in lines:
        stripped = raw.strip()
        if not stripped:
            _flush(pending, item, blocks)
            pending = []
            blank_before = True
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if item is not None and blank_before and indent >= CONTINUATION_INDENT:
            # A new paragraph of the open list item.
            pending = [raw]
            blank_before = False
            continue
        marker = _block_start(raw.lstrip(" ") if indent < CONTINUATION_INDENT else raw)
        if marker is None and (pending or (item is not None and not blank_before)):
            # A soft line break, or (right under an item's line) a lazy continuation of it.
            pending.append(raw)
            blank_before = False
            continue
        _flush(pending, item, blocks)
        pending = []
        if item is not None:
            blocks.append(item.close())
            item = None
        blank_before = False
        match marker:
            case ("heading", _, text):
                blocks.append(Heading(_line(text)))
            case ("bullet", _, text):
                item = _OpenItem(ordered=False, number=1)
                pending = [text]
            case ("numbered", number, text):
                item = _OpenItem(ordered=True, number=number)
                pending = [text]
            case _:  # plain text after a blank line, a heading or a closed item
                pending = [raw]
    _flush(pending, item, blocks)
    if item is not None:
        blocks.append(item.close())
    return blocks


@dataclass
class _OpenItem:
    """A list item still being read: more paragraphs may follow."""

    ordered: bool
    number: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    def add(self, paragraph: Paragraph) -> None:
        self.paragraphs.append(paragraph)

    def close(self) -> ListItem:
        return ListItem(self.ordered, self.number, tuple(self.paragraphs))


def _block_start(line: str) -> tuple[str, int, str] | None:
    """What block a line opens, if any: (kind, number, the text after the marker)."""
    if heading := HEADING.match(line):
        return ("heading", 0, heading.group(1))
    if bullet := BULLET.match(line):
        return ("bullet", 1, bullet.group(1))
    if numbered := NUMBERED.match(line):
        return ("numbered", int(numbered.group(1)), numbered.group(2))
    return None


def _flush(pending: list[str], item: _OpenItem | None, blocks: list[Block]) -> None:
    """Turn the raw lines read so far into a paragraph, of the open item if there is one."""
    paragraph = _paragraph(pending)
    if paragraph is None:
        return
    if item is not None:
        item.add(paragraph)
    else:
        blocks.append(paragraph)


def _paragraph(raw_lines: list[str]) -> Paragraph | None:
    lines: list[str] = []
    current: list[str] = []
    for raw in raw_lines:
        current.append(raw.strip())
        if raw.endswith(HARD_BREAK):
            lines.append(" ".join(current))
            current = []
    if current:
        lines.append(" ".join(current))
    parsed = tuple(line for line in (_line(text) for text in lines) if line)
    return Paragraph(parsed) if parsed else None


def _line(text: str) -> Line:
    """The spans of one line: bold first, then placeholders inside each piece."""
    spans: list[Span] = []
    position = 0
    for match in BOLD.finditer(text):
        spans.extend(_placeholders(text[position : match.start()], bold=False))
        spans.extend(_placeholders(match.group(1), bold=True))
        position = match.end()
    spans.extend(_placeholders(text[position:], bold=False))
    return normalise(spans)


def _placeholders(text: str, *, bold: bool) -> Iterator[Span]:
    position = 0
    for match in PLACEHOLDER.finditer(text):
        yield Span(text[position : match.start()], bold=bold)
        yield Span(match.group(0), bold=bold, placeholder=True)
        position = match.end()
    yield Span(text[position:], bold=bold)


def normalise(spans: Iterable[Span]) -> Line:
    """Drop empty spans and merge neighbours that look alike, so equal text compares equal.

    Two placeholders side by side stay two spans: each is one thing to fill in.
    """
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and not span.placeholder and not merged[-1].placeholder:
            last = merged[-1]
            if last.bold == span.bold:
                merged[-1] = Span(last.text + span.text, bold=span.bold)
                continue
        merged.append(span)
    return tuple(merged)


# -- writing -----------------------------------------------------------------------------


def to_markdown(blocks: Iterable[Block]) -> str:
    """The canonical Markdown of blocks: one blank line between blocks, a final newline.

    Neighbouring one-paragraph items of the same kind of list are written tight (no blank
    line between them), as a person writes a short list; both forms parse alike.
    """
    out = ""
    previous: Block | None = None
    for block in blocks:
        match block:
            case Heading(spans):
                text = "## " + line_markdown(spans)
            case Paragraph():
                text = _paragraph_markdown(block, indent="")
            case ListItem():
                text = _item_markdown(block)
        if previous is not None:
            out += "\n" if _tight(previous, block) else "\n\n"
        out += text
        previous = block
    return out + "\n" if out else ""


def _tight(previous: Block, block: Block) -> bool:
    return (
        isinstance(previous, ListItem)
        and isinstance(block, ListItem)
        and previous.ordered == block.ordered
        and len(previous.paragraphs) == 1
        and len(block.paragraphs) == 1
    )


def _item_markdown(item: ListItem) -> str:
    marker = f"{item.number}. " if item.ordered else "- "
    if not item.paragraphs:
        return marker
    first, *rest = item.paragraphs
    texts = [marker + _paragraph_markdown(first, indent=ITEM_INDENT)]
    texts.extend(ITEM_INDENT + _paragraph_markdown(p, indent=ITEM_INDENT) for p in rest)
    return "\n\n".join(texts)


def _paragraph_markdown(paragraph: Paragraph, *, indent: str) -> str:
    return (HARD_BREAK + "\n" + indent).join(line_markdown(line) for line in paragraph.lines)


def line_markdown(line: Line) -> str:
    """One line of spans as Markdown: consecutive bold spans share one pair of ``**``."""
    out: list[str] = []
    bold_run: list[str] = []
    for span in line:
        if span.bold:
            bold_run.append(span.text)
            continue
        if bold_run:
            out.append("**" + "".join(bold_run) + "**")
            bold_run = []
        out.append(span.text)
    if bold_run:
        out.append("**" + "".join(bold_run) + "**")
    return "".join(out)
