"""The letter as PDF: US Letter, the facts and Spanish text intact, placeholders bold and
underlined, "page N of M" on every page, the title in the metadata, the same bytes every time;
without DejaVu it still prints, in Helvetica with the text folded to Latin-1."""

from __future__ import annotations

import functools
import io
import re
import unicodedata
import zlib
from pathlib import Path

import pdfplumber
import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.letters.fonts import find_dejavu, fold_latin1
from denialwatch.letters.markup import parse
from denialwatch.letters.pdf import LetterPdf, draw_letter, letter_pdf
from tests.unit.test_letter_markup import LETTER

needs_dejavu = pytest.mark.skipif(find_dejavu() is None, reason="DejaVu Sans is not installed")
LONG = LETTER + "\n" + "\n\n".join(f"Paragraph {i} of a long letter." for i in range(60))


def read(data: bytes) -> tuple[list[str], dict[str, object]]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert all((page.width, page.height) == (612, 792) for page in document.pages)
        return [page.extract_text() or "" for page in document.pages], dict(document.metadata)


@needs_dejavu
def test_facts_spanish_placeholders_and_footer() -> None:
    data = letter_pdf(LONG, title="IMR supporting letter", footer="Señora Núñez, XJ-12345")
    pages, metadata = read(data)

    assert len(pages) >= 2
    assert metadata["Title"] == "IMR supporting letter"
    text = "\n".join(pages)
    assert "Member ID: XJ-12345" in text
    assert "Señora Núñez" in text
    assert "[[DATE YOU SIGN]]" in text
    for number, page in enumerate(pages, start=1):
        assert f"Señora Núñez, XJ-12345 — page {number} of {len(pages)}" in page
    assert "DRAFT" not in text


def test_placeholders_are_bold_and_underlined() -> None:
    data = letter_pdf(LETTER, title="t", footer="f", unicode_fonts=False)
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        words = page.extract_words(extra_attrs=["fontname"])
        date = next(word for word in words if word["text"].startswith("[[DATE"))
        assert "Bold" in date["fontname"]
        under = [
            line
            for line in page.lines + page.rects
            if line["top"] >= date["top"] and line["top"] <= date["bottom"] + 3
        ]
        assert under, "the placeholder is underlined"


@pytest.mark.parametrize("unicode_fonts", [True, False])
def test_a_word_that_starts_a_span_is_never_split_at_the_end_of_a_line(
    unicode_fonts: bool,
) -> None:
    # The placeholder's first word lands at every position near the right margin in turn.
    for words in range(8, 30):
        line = " ".join(["treatment"] * words)
        letter = f"{line} beneficial: [[STANDARD THERAPIES: what you tried]] and **Reference:** R1"
        data = letter_pdf(letter, title="t", footer="f", unicode_fonts=unicode_fonts)
        [page], _ = read(data)
        lines = page.splitlines()
        assert any("[[STANDARD" in line for line in lines), (words, lines)
        assert not any(line.rstrip().endswith("[") for line in lines), (words, lines)
        assert not any(line.startswith("ference:") for line in lines), (words, lines)


def test_same_letter_same_bytes() -> None:
    assert letter_pdf(LETTER, title="t", footer="f") == letter_pdf(LETTER, title="t", footer="f")


def test_prints_without_dejavu() -> None:
    markdown = LETTER + "\nShe said “yes” — then… 中文 ñ\n"
    pages, metadata = read(
        letter_pdf(markdown, title="Carta — IMR", footer="Núñez", unicode_fonts=False)
    )
    text = "\n".join(pages)
    assert metadata["Title"] == "Carta - IMR"
    assert "Señora Núñez" in text
    assert 'She said "yes" - then... ?? ñ' in text
    assert "Núñez - page 1 of 1" in text


def test_draft_mark_on_every_page() -> None:
    pages, _ = read(letter_pdf(LONG, title="t", footer="f", draft=True, unicode_fonts=False))
    assert len(pages) >= 2
    assert all(page.startswith("DRAFT - not for mailing") for page in pages)


def test_draws_into_an_existing_document() -> None:
    pdf = LetterPdf(title="Packet", footer="f", unicode_fonts=False)
    pdf.add_page()
    pdf.cell(0, 20, "Before the letter", new_x="LMARGIN", new_y="NEXT")
    draw_letter(pdf, parse(LETTER))
    pages, _ = read(pdf.finish())
    assert pages[0].index("Before the letter") < pages[0].index("Member ID: XJ-12345")


def test_finds_dejavu_only_where_both_weights_are(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    assert find_dejavu((tmp_path,)) is None
    (tmp_path / "DejaVuSans-Bold.ttf").write_bytes(b"")
    found = find_dejavu((tmp_path / "missing", tmp_path))
    assert found is not None
    assert found.bold == tmp_path / "DejaVuSans-Bold.ttf"


def test_fold_latin1() -> None:
    assert (
        fold_latin1("\u2018a\u2019 \u201cb\u201d \u2013 \u2014 \u2026 \u2022 é ñ € 中")
        == "'a' \"b\" - - ... - é ñ ? ?"
    )


@needs_dejavu
def test_letters_in_a_row_each_embed_their_own_glyphs() -> None:
    """The fonts are parsed once per process; each document still subsets its own glyphs, so a
    letter shows characters the letters before it never used, and uses no glyph of theirs."""
    first = letter_pdf("# Plain\n\nabc def.", title="one", footer="first")
    second = letter_pdf("# Ñandú\n\n**Łódź** — Ωmega “quoted” ŽŠČ.", title="two", footer="Señora")
    again = letter_pdf("# Plain\n\nabc def.", title="one", footer="first")

    assert again == first  # nothing of the second letter leaked into a later document
    [text], _ = read(second)
    assert "Ñandú" in text
    assert "Łódź — Ωmega “quoted” ŽŠČ." in text
    assert "page 1 of 1" in text
    with pdfplumber.open(io.BytesIO(first)) as document:
        fonts = {char["fontname"] for char in document.pages[0].chars}
    assert fonts
    assert all("DejaVuSans" in name for name in fonts)


def embedded_fonts(data: bytes) -> int:
    """How many TrueType font programs the PDF embeds (each cut and weight its own)."""
    return data.count(b"/FontFile2")


@needs_dejavu
def test_a_letter_in_common_characters_embeds_only_the_common_cut() -> None:
    data = letter_pdf("# Señora Nguyễn\n\n**Bold** “quoted” — 12 € ✓.", title="t", footer="f")
    [text], _ = read(data)
    assert "Señora Nguyễn" in text
    assert "“quoted” — 12 € ✓." in text
    assert embedded_fonts(data) == 2  # regular and bold, common cut


@needs_dejavu
def test_a_rarer_character_midway_takes_the_whole_font_and_loses_nothing() -> None:
    """Text before the character stays in the common cut, the rest is set in the whole font,
    in the same weight and underline (a placeholder holding Greek stays marked)."""
    markdown = (
        "# Letter\n\nPlain words first.\n\n"
        "Then **Ψυχή** and [[ΦΨΩ: your name]] and Кириллица.\n\nAnd plain again."
    )
    data = letter_pdf(markdown, title="t", footer="f")
    [text], _ = read(data)
    assert "Plain words first." in text
    assert "Then Ψυχή and [[ΦΨΩ: your name]] and Кириллица." in text
    assert "And plain again." in text
    assert embedded_fonts(data) > 2
    with pdfplumber.open(io.BytesIO(data)) as document:
        chars = document.pages[0].chars
    psi = next(c for c in chars if c["text"] == "Ψ")
    assert "Bold" in psi["fontname"]
    underlines = document_underlines(data)
    assert underlines  # the placeholder is still underlined


def document_underlines(data: bytes) -> list[object]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        return [*page.lines, *page.rects]


@needs_dejavu
@settings(max_examples=25, deadline=None)
@given(st.data())
def test_any_character_dejavu_has_prints(data: st.DataObject) -> None:
    dejavu = find_dejavu()
    assert dejavu is not None
    printable = sorted(
        c
        for c in dejavu_characters(dejavu.regular)
        if unicodedata.category(chr(c))[0] in "LNPS" and not 0xE000 <= c <= 0xF8FF
    )
    chosen = data.draw(st.lists(st.sampled_from(printable), min_size=1, max_size=4))
    word = "".join(chr(c) for c in chosen)
    printed = letter_pdf(f"Word: {word}.", title="t", footer="f")
    with pdfplumber.open(io.BytesIO(printed)) as document:
        # As printed: pdfplumber would otherwise read a ligature (U+FB00) as two letters.
        text = document.pages[0].extract_text(expand_ligatures=False)
    assert unicodedata.normalize("NFC", f"Word: {word}.") in unicodedata.normalize("NFC", text)


@functools.cache
def dejavu_characters(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@needs_dejavu
def test_the_embedded_fonts_draw_dejavus_own_outlines_and_widths() -> None:
    """Subsetting keeps each glyph as DejaVu draws it (the bounds are not recalculated, so
    a damaged outline would show here)."""
    dejavu = find_dejavu()
    assert dejavu is not None
    data = letter_pdf(LETTER + "\n\nŁódź Nguyễn ✓ “quoted” — ½", title="t", footer="f")
    programs = embedded_font_programs(data)
    assert len(programs) == 2
    for program, path in zip(programs, (dejavu.regular, dejavu.bold), strict=True):
        with TTFont(io.BytesIO(program)) as cut, TTFont(path) as whole:
            cut_glyphs, whole_glyphs = cut.getGlyphSet(), whole.getGlyphSet()
            whole_cmap = whole.getBestCmap()
            cmap = cut.getBestCmap()
            assert len(cmap) > 20
            for codepoint, name in cmap.items():
                ours = DecomposingRecordingPen(cut_glyphs)
                theirs = DecomposingRecordingPen(whole_glyphs)
                cut_glyphs[name].draw(ours)
                whole_glyphs[whole_cmap[codepoint]].draw(theirs)
                assert ours.value == theirs.value, chr(codepoint)
                assert cut_glyphs[name].width == whole_glyphs[whole_cmap[codepoint]].width


def embedded_font_programs(data: bytes) -> list[bytes]:
    """The decompressed /FontFile2 streams, in the order the fonts were added."""
    programs = []
    for number in re.findall(rb"/FontFile2 (\d+) 0 R", data):
        found = re.search(rb"\n" + number + rb" 0 obj\s*<<.*?>>\s*stream\r?\n", data, re.S)
        assert found is not None
        end = data.index(b"endstream", found.end())
        programs.append(zlib.decompress(data[found.end() : end]))
    return programs
