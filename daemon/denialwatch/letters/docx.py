"""The letter as a Word document, and an edited Word document read back into the letter's Markdown.

The patient edits the draft in Word, LibreOffice or Google Docs and mails it back; what comes
back is read into the same Markdown subset (``letters.markup``), which stays the one source of
truth. So the DOCX is written to survive that trip:

- numbered items carry their number as text (a tab after it, on a hanging indent), not Word's
  automatic numbering, which editors renumber and which python-docx cannot read back;
- bullets use the built-in "List Bullet" style, continuation paragraphs "List Continue";
- placeholders are highlighted yellow, so the patient sees what is left to fill in.

Reading back is lenient, because the file may come from any editor: a paragraph is a heading
when its style is a heading or the title; a list item when its style is a list style or it
carries Word numbering; a continuation of the item above when it is styled "List Continue" or
indented under an item; bold runs become ``**``; tables are read cell by cell in order; headers
and footers are not read (the footer is ours). Anything that is not a readable DOCX, or one
too large to be a letter, is refused with ``UnreadableDocx``.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from denialwatch.errors import LetterError
from denialwatch.letters.markup import (
    Heading,
    Line,
    ListItem,
    Paragraph,
    Span,
    line_markdown,
    normalise,
    parse,
)

FONT_NAME = "Calibri"
FONT_SIZE = Pt(12)
ITEM_INDENT = Inches(0.375)
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PARAGRAPHS = 5000
"""A letter is a few pages; a document with more paragraphs is not one to read back."""
BULLET_CHARACTERS = "•◦▪‣·-*"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


class UnreadableDocx(LetterError, ValueError):
    """An uploaded DOCX could not be read back into a letter; the message says why, plainly."""


# -- writing -----------------------------------------------------------------------------


def letter_docx(markdown: str, *, title: str, footer: str) -> bytes:
    """The letter as a DOCX: US Letter, 1 inch margins, 12 pt, page numbers in the footer."""
    document = Document(io.BytesIO(_template()))
    document.core_properties.title = title
    _footer(document.sections[0].footer.paragraphs[0], footer)
    body = _Body(document)
    for block in parse(markdown):
        match block:
            case Heading(spans):
                _add_runs(body.add("Heading 2"), (spans,))
            case Paragraph(lines):
                _add_runs(body.add(), lines)
            case ListItem():
                _add_item(body, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@functools.cache
def _template() -> bytes:
    """What every letter starts from: the page, the Normal font, and the styles a letter can
    use. python-docx's own template also carries 99 table styles and a second copy of every
    style for Word 2010 ("stylesWithEffects"): 780 KB of XML that each letter would parse,
    write and compress again. Word and LibreOffice supply their built-in table styles
    themselves when a patient inserts a table."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = FONT_SIZE
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1":
            styles.remove(style)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            document.part.drop_rel(rel_id)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Body:
    """Appends paragraphs to a document's body, its styles looked up once.

    python-docx's ``add_paragraph(style=name)`` finds the style by scanning every style of
    the document, twice, for each paragraph: a third of the time of writing a letter.
    """

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.style_ids: dict[str, str] = {}

    def add(self, style: str | None = None) -> DocxParagraph:
        paragraph = self.document.add_paragraph()
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph


def _add_item(body: _Body, item: ListItem) -> None:
    for index, paragraph in enumerate(item.paragraphs or (Paragraph(((),)),)):
        if index > 0:
            target = body.add("List Continue")
        elif item.ordered:
            target = body.add()
            target.paragraph_format.left_indent = ITEM_INDENT
            target.paragraph_format.first_line_indent = -ITEM_INDENT
            target.paragraph_format.tab_stops.add_tab_stop(ITEM_INDENT)
            target.add_run(f"{item.number}.\t")
        else:
            target = body.add("List Bullet")
        _add_runs(target, paragraph.lines)


def _add_runs(paragraph: DocxParagraph, lines: tuple[Line, ...]) -> None:
    for index, line in enumerate(lines):
        if index > 0:
            paragraph.add_run().add_break()
        for span in line:
            run = paragraph.add_run(span.text)
            run.bold = span.bold or None
            if span.placeholder:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _footer(paragraph: DocxParagraph, text: str) -> None:
    """The footer "<text> — page N of M", with Word fields so each page shows its number."""
    paragraph.add_run(f"{text} — page ")
    paragraph._p.append(_field("PAGE"))
    paragraph.add_run(" of ")
    paragraph._p.append(_field("NUMPAGES"))


def _field(instruction: str) -> object:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


# -- reading back ------------------------------------------------------------------------


def markdown_from_docx(data: bytes) -> str:
    """The letter's Markdown from an edited DOCX; raises ``UnreadableDocx`` with a reason."""
    _check_archive(data)
    try:
        document = Document(io.BytesIO(data))
        if len(document.element.body.xpath(".//w:p")) > MAX_PARAGRAPHS:
            raise UnreadableDocx("Word document too long to be a letter")
        names = {style.style_id: style.name or "" for style in document.styles}
        blocks = _blocks(document.iter_inner_content(), _Reader(names))
        return "\n\n".join(blocks).strip() + "\n"
    except UnreadableDocx:
        raise
    except Exception as err:  # python-docx and lxml raise many kinds on a damaged file
        raise UnreadableDocx("Word document could not be read: damaged") from err


def _check_archive(data: bytes) -> None:
    """Refuse what is not a DOCX or would unpack too large, before python-docx opens it."""
    if len(data) > MAX_DOCX_BYTES:
        raise UnreadableDocx("Word document too large to be a letter")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UnreadableDocx("not a Word document (.docx)") from err
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise UnreadableDocx("Word document too large to be a letter")
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise UnreadableDocx("not a Word document (.docx): no document body")


class _Reader:
    """Walks body paragraphs in order, remembering whether a list item is open above."""

    def __init__(self, style_names: dict[str, str]) -> None:
        self.style_names = style_names
        """Style names by id, looked up once: python-docx's own lookup scans every style."""
        self.in_item = False
        self.numbers: dict[str, int] = {}

    def paragraph(self, paragraph: DocxParagraph) -> str | None:
        lines = _lines(paragraph)
        style = self.style_names.get(paragraph._p.style or "", "")
        text = _join(lines)
        if not text.strip():
            return None
        if style.startswith(("Heading", "Title")):
            self.in_item = False
            return "## " + " ".join(line_markdown(line) for line in lines)
        numbered = style.startswith("List Number")
        if numbered or style.startswith("List Bullet") or _has_numbering(paragraph):
            self.in_item = True
            if numbered:
                self.numbers[style] = self.numbers.get(style, 0) + 1
                return f"{self.numbers[style]}. " + _join(lines, indent="   ")
            return "- " + _join(_strip_bullet(lines), indent="   ")
        self.numbers.clear()
        literal = _literal_item(lines)
        if literal is not None:
            self.in_item = True
            return literal
        if self.in_item and (style.startswith("List Continue") or _indented(paragraph)):
            return _join(lines, indent="   ", first_indent="   ")
        self.in_item = False
        return text


def _blocks(content: Iterator[DocxParagraph | Table], reader: _Reader) -> Iterator[str]:
    for part in content:
        if isinstance(part, Table):
            reader.in_item = False
            for row in part.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    yield from _blocks(cell.iter_inner_content(), reader)
            reader.in_item = False
        elif (markdown := reader.paragraph(part)) is not None:
            yield markdown


def _lines(paragraph: DocxParagraph) -> tuple[Line, ...]:
    """A paragraph's runs as lines of spans, split at line breaks; tabs become spaces."""
    lines: list[list[Span]] = [[]]
    for item in paragraph.iter_inner_content():
        runs = [item] if isinstance(item, Run) else list(item.runs)
        for run in runs:
            bold = bool(run.bold)
            for index, piece in enumerate(run.text.replace("\t", " ").split("\n")):
                if index > 0:
                    lines.append([])
                lines[-1].append(Span(piece, bold=bold and bool(piece.strip())))
    return tuple(_tidy(normalise(line)) for line in lines)


def _tidy(line: Line) -> Line:
    """Move spaces at the edges of bold spans outside them and trim the line's ends."""
    spans: list[Span] = []
    for span in line:
        if not span.bold:
            spans.append(span)
            continue
        core = span.text.strip()
        lead = span.text[: len(span.text) - len(span.text.lstrip())]
        trail = span.text[len(span.text.rstrip()) :]
        spans.extend((Span(lead), Span(core, bold=True), Span(trail)))
    tidy = list(normalise(spans))
    if tidy:
        tidy[0] = Span(tidy[0].text.lstrip(), bold=tidy[0].bold)
        tidy[-1] = Span(tidy[-1].text.rstrip(), bold=tidy[-1].bold)
    return normalise(tidy)


def _join(lines: tuple[Line, ...], *, indent: str = "", first_indent: str = "") -> str:
    texts = [line_markdown(line) for line in lines if line]
    return first_indent + ("  \n" + indent).join(texts)


def _strip_bullet(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Drop a bullet typed as text ("• item") when the paragraph is already a list item."""
    if not lines or not lines[0]:
        return lines
    first = lines[0][0]
    stripped = first.text.lstrip(BULLET_CHARACTERS).lstrip()
    if stripped != first.text and first.text[:1] in BULLET_CHARACTERS:
        return (normalise((Span(stripped, bold=first.bold), *lines[0][1:])), *lines[1:])
    return lines


def _literal_item(lines: tuple[Line, ...]) -> str | None:
    """An item written as text: "3. text" (our own numbered items) or "• text"."""
    text = _join(lines, indent="   ")
    head = text.split(" ", 1)[0]
    if head[:1] in BULLET_CHARACTERS and head.strip(BULLET_CHARACTERS) == "":
        return "- " + _join(_strip_bullet(lines), indent="   ")
    if head.endswith(".") and head[:-1].isdigit():
        return text
    return None


def _indented(paragraph: DocxParagraph) -> bool:
    indent = paragraph.paragraph_format.left_indent
    return indent is not None and indent > 0


def _has_numbering(paragraph: DocxParagraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None
