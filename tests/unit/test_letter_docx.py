"""The letter as DOCX: page setup, facts and Spanish text intact, placeholders highlighted, a
page-numbered footer; an edited DOCX (ours or another tool's) reads back into the same blocks;
anything else is refused with a plain reason."""

from __future__ import annotations

import copy
import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Inches, Pt
from hypothesis import given, settings

from denialwatch.errors import LetterError
from denialwatch.letters.docx import UnreadableDocx, letter_docx, markdown_from_docx
from denialwatch.letters.markup import Heading, ListItem, Paragraph, Span, parse
from tests.unit.test_letter_markup import LETTER, documents


def build() -> bytes:
    return letter_docx(LETTER, title="IMR supporting letter", footer="Señora Núñez, XJ-12345")


def test_page_setup_title_and_font() -> None:
    document = Document(io.BytesIO(build()))
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert section.left_margin == section.top_margin == Inches(1)
    assert document.core_properties.title == "IMR supporting letter"
    assert document.styles["Normal"].font.size == Pt(12)


def test_facts_spanish_and_placeholders() -> None:
    document = Document(io.BytesIO(build()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Member ID: XJ-12345" in text
    assert "Señora Núñez" in text
    assert "1.\tThe plan wrote" in text
    highlighted = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert highlighted == [
        "[[DATE YOU SIGN]]",
        "[[YOUR ANSWER TO REASON 1: say why the plan is wrong]]",
        "[[HOW YOUR CASE MEETS CRITERION 2: your words]]",
    ]
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "InterQual" in bold
    heading = document.paragraphs[2].style
    assert heading is not None
    assert heading.name == "Heading 2"


def test_footer_numbers_pages() -> None:
    data = build()
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert "Señora Núñez, XJ-12345 — page " in footer
    assert 'w:instr="PAGE"' in footer
    assert 'w:instr="NUMPAGES"' in footer


def test_every_style_the_letter_names_is_defined_and_no_table_styles_are_carried() -> None:
    with zipfile.ZipFile(io.BytesIO(build())) as archive:
        names = archive.namelist()
        styles = archive.read("word/styles.xml").decode()
        used = {
            name
            for part in ("word/document.xml", "word/footer1.xml")
            for name in re.findall(r'<w:[pr]Style w:val="([^"]+)"', archive.read(part).decode())
        }
    defined = set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles))
    assert {"Heading2", "ListBullet", "ListContinue"} <= used
    assert used <= defined
    # The chains a style leans on are there too.
    assert set(re.findall(r'<w:(?:basedOn|link|next) w:val="([^"]+)"', styles)) <= defined
    assert styles.count('w:type="table"') == 1  # the default "Normal Table" only
    assert "word/stylesWithEffects.xml" not in names


def test_round_trip_gives_the_same_blocks() -> None:
    assert parse(markdown_from_docx(build())) == parse(LETTER)


def test_edits_survive_the_round_trip() -> None:
    document = Document(io.BytesIO(build()))
    date = document.paragraphs[0]
    for run in date.runs:
        run.text = ""
    date.runs[0].text = "April 2, 2026"
    out = io.BytesIO()
    document.save(out)
    blocks = parse(markdown_from_docx(out.getvalue()))
    assert blocks[0] == Paragraph(((Span("April 2, 2026"),),))
    assert blocks[1:] == parse(LETTER)[1:]


def test_reads_a_document_made_by_another_tool() -> None:
    document = Document()
    document.add_heading("Appeal of denial", level=1)
    intro = document.add_paragraph("Dear reviewer, I am ")
    intro.add_run("Señora Núñez").bold = True
    intro.add_run(" (member XJ-12345).")
    document.add_paragraph("First reason", style="List Number")
    document.add_paragraph("Second reason", style="List Number")
    document.add_paragraph("A point", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Date of service"
    table.cell(0, 1).text = "March 3, 2026"
    document.add_paragraph("")
    document.add_paragraph("Sincerely,")
    out = io.BytesIO()
    document.save(out)

    blocks = parse(markdown_from_docx(out.getvalue()))

    assert blocks == [
        Heading((Span("Appeal of denial"),)),
        Paragraph(
            (
                (
                    Span("Dear reviewer, I am "),
                    Span("Señora Núñez", bold=True),
                    Span(" (member XJ-12345)."),
                ),
            )
        ),
        ListItem(True, 1, (Paragraph(((Span("First reason"),),)),)),
        ListItem(True, 2, (Paragraph(((Span("Second reason"),),)),)),
        ListItem(False, 1, (Paragraph(((Span("A point"),),)),)),
        Paragraph(((Span("Date of service"),),)),
        Paragraph(((Span("March 3, 2026"),),)),
        Paragraph(((Span("Sincerely,"),),)),
    ]


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7 not a docx", "not a Word document"),
        (b"", "not a Word document"),
        (zipped({"hello.txt": b"hi"}), "no document body"),
        (
            zipped({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<x/>"}),
            "damaged",
        ),
        (zipped({f"f{i}.txt": b"" for i in range(2001)}), "too large"),
        (b"PK" + bytes(20 * 1024 * 1024), "too large"),
    ],
)
def test_refuses_what_is_not_a_letter(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocx, match=reason) as raised:
        markdown_from_docx(data)
    assert isinstance(raised.value, LetterError)
    assert isinstance(raised.value, ValueError)


def test_refuses_a_letter_too_long() -> None:
    document = Document()
    paragraph = document.add_paragraph("x")._p
    for _ in range(5000):
        paragraph.addnext(copy.deepcopy(paragraph))
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(UnreadableDocx, match="too long"):
        markdown_from_docx(out.getvalue())


@settings(max_examples=10, deadline=None)
@given(documents())
def test_round_trip_of_generated_letters(markdown: str) -> None:
    data = letter_docx(markdown, title="t", footer="f")
    assert parse(markdown_from_docx(data)) == parse(markdown)
