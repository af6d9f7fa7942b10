"""The mailing packet: cover first, the letter, each enclosure behind its separator (a PDF's
pages imported, a picture placed, an unreadable one replaced by a page saying so), the mailing
sheet last; page numbers over the whole packet; the draft mark only until the letter is final."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest
from fpdf import FPDF
from PIL import Image

from denialwatch.letters.fonts import find_dejavu
from denialwatch.letters.packet import (
    MAX_ENCLOSURE_PAGES,
    Cover,
    Enclosure,
    MailingSheet,
    Packet,
    build_packet,
)
from tests.unit.test_letter_markup import LETTER


def enclosure_pdf(*markers: str, user_password: str | None = None) -> bytes:
    pdf = FPDF(format="letter")
    pdf.set_font("Helvetica", size=14)
    for marker in markers:
        pdf.add_page()
        pdf.cell(0, 10, marker)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    return bytes(pdf.output())


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (20, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def packet(*enclosures: Enclosure, final: bool = False) -> Packet:
    return Packet(
        cover=Cover(
            title="Your Independent Medical Review packet",
            case_number="Case DW-2026-0042",
            lines=("Sign and date the letter", "Fill in every highlighted blank"),
            note=("In similar cases the DMHC overturned the denial 64% of the time.",),
        ),
        letter_markdown=LETTER,
        enclosures=enclosures,
        mailing=MailingSheet(
            address_lines=(
                "Department of Managed Health Care",
                "Help Center",
                "980 9th Street, Suite 500",
                "Sacramento, CA 95814-2725",
            ),
            fax="916-255-5241",
            lines=("Keep a copy of everything you send.",),
        ),
        footer="Señora Núñez, XJ-12345",
        final=final,
    )


def pages_text(data: bytes) -> list[str]:
    """Each page's words, one space between them (a wrapped line reads as one)."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert all((page.width, page.height) == (612, 792) for page in document.pages)
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def build(packet: Packet) -> bytes:
    """Helvetica is quick to set; the test that needs DejaVu (Spanish) asks for it."""
    return build_packet(packet, unicode_fonts=False)


def test_pages_in_order_with_every_kind_of_enclosure() -> None:
    data = build_packet(
        packet(
            Enclosure(
                "Denial letter",
                enclosure_pdf("MARKER-DENIAL-1", "MARKER-DENIAL-2"),
                "application/pdf",
            ),
            Enclosure(
                "Locked records", enclosure_pdf("SECRET", user_password="pw"), "application/pdf"
            ),
            Enclosure("Photo of my bill", png(), "image/png"),
            Enclosure("Not a file at all", b"hello", "application/pdf"),
        )
    )
    pages = pages_text(data)

    dash = "—" if find_dejavu() is not None else "-"
    assert all(f"DRAFT {dash} not for mailing" in text for text in pages[:2])
    assert f"Señora Núñez, XJ-12345 {dash} page 1 of {len(pages)}" in pages[0]
    assert "Your Independent Medical Review packet" in pages[0]
    assert "Case DW-2026-0042" in pages[0]
    assert "Sign and date the letter" in pages[0]
    assert "64% of the time" in pages[0]
    assert "Member ID: XJ-12345" in pages[1]
    assert "[[DATE YOU SIGN]]" in pages[1]
    separator = next(i for i, text in enumerate(pages) if "Enclosure 1 of 4: Denial letter" in text)
    assert "2 pages follow" in pages[separator]
    assert "MARKER-DENIAL-1" in pages[separator + 1]
    assert "MARKER-DENIAL-2" in pages[separator + 2]
    assert "Enclosure could not be included: Locked records" in pages[separator + 3]
    assert "print it from the original and add it here" in pages[separator + 3]
    assert "Enclosure 3 of 4: Photo of my bill" in pages[separator + 4]
    assert "Enclosure could not be included: Not a file at all" in pages[separator + 5]
    assert "980 9th Street, Suite 500" in pages[-1]
    assert "Fax: 916-255-5241" in pages[-1]
    assert separator + 6 == len(pages) - 1
    assert not any("SECRET" in text for text in pages)

    with pdfplumber.open(io.BytesIO(data)) as document:
        assert len(document.pages[separator + 4].images) == 1


def test_page_numbers_count_the_whole_packet() -> None:
    data = build(packet(Enclosure("Denial letter", enclosure_pdf("A", "B", "C"), "x")))
    pages = pages_text(data)
    total = len(pages)
    assert f"Señora Núñez, XJ-12345 - page 1 of {total}" in pages[0]
    assert f"page {total} of {total}" in pages[-1]
    own = [i for i, text in enumerate(pages) if "Señora Núñez, XJ-12345 - page" in text]
    assert own == [i for i in range(total) if i not in (total - 4, total - 3, total - 2)]


def test_draft_mark_until_final() -> None:
    draft = pages_text(build(packet(final=False)))
    final = pages_text(build(packet(final=True)))
    assert all("DRAFT - not for mailing" in text for text in draft)
    assert not any("DRAFT" in text for text in final)
    assert len(draft) == len(final) == 3


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4 truncated",
        b"\x89PNG\r\n\x1a\n damaged",
        b"\xff\xd8\xff damaged",
    ],
)
def test_damaged_enclosures_become_a_page_saying_so(data: bytes) -> None:
    pages = pages_text(build(packet(Enclosure("My records", data, "application/pdf"))))
    assert "Enclosure could not be included: My records" in pages[-2]


def test_an_enclosure_too_long_is_not_included() -> None:
    long_pdf = enclosure_pdf(*["page"] * (MAX_ENCLOSURE_PAGES + 1))
    pages = pages_text(build(packet(Enclosure("Whole chart", long_pdf, "application/pdf"))))
    assert "Enclosure could not be included: Whole chart" in pages[-2]
    assert len(pages) == 4


def test_letter_starts_on_its_own_page_after_a_long_cover() -> None:
    long = packet()
    long = replace(long, cover=replace(long.cover, lines=tuple(f"Item {i}" for i in range(60))))
    pages = pages_text(build(long))
    letter = next(i for i, text in enumerate(pages) if "Member ID: XJ-12345" in text)
    assert letter >= 2
    assert "Item 59" in pages[letter - 1]
    assert pages[letter].lstrip().startswith(("DRAFT", "[[DATE YOU SIGN]]"))
