"""read_pdf: text per page within page, time and memory bounds; plain reasons on failure;
known passwords tried in turn; columns, tables and several letters in one file."""

from __future__ import annotations

import logging
import zlib

import pytest
from fpdf import FPDF
from PIL import Image

from denialwatch.documents.layout import Table, Word, ordered_text
from denialwatch.documents.letters import letter_starts
from denialwatch.documents.pdf import PdfText, read_pdf
from denialwatch.errors import DocumentError


def read(
    data: bytes,
    *,
    max_pages: int = 200,
    timeout_seconds: float = 60.0,
    memory_mb: int = 512,
    passwords: tuple[str, ...] = (),
) -> PdfText:
    return read_pdf(
        data,
        max_pages=max_pages,
        timeout_seconds=timeout_seconds,
        memory_mb=memory_mb,
        passwords=passwords,
    )


def text_pdf(*pages: str, owner: str | None = None, user: str | None = None) -> bytes:
    pdf = FPDF()
    if owner is not None:
        pdf.set_encryption(owner_password=owner, user_password=user)
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(w=0, text=text)
    return bytes(pdf.output())


def image_pdf(*, with_text: bool = False, full_page: bool = True) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    scan = Image.new("L", (425, 550), 255)
    if full_page:
        pdf.image(scan, x=0, y=0, w=210, h=297)
    else:
        pdf.image(scan, x=10, y=10, w=20, h=20)
    if with_text:
        pdf.set_font("helvetica", size=12)
        pdf.set_xy(40, 40)
        pdf.cell(text="Health plan letterhead")
    return bytes(pdf.output())


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is ``content``, Flate-compressed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def compressed(chunk: bytes, times: int) -> bytes:
    """``chunk * times``, Flate-compressed without ever holding it whole."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(chunk) for _ in range(times)]
    return b"".join(parts) + packer.flush()


def test_text_per_page() -> None:
    result = read(text_pdf("Your MRI request is denied.", "Appeal rights"))
    assert isinstance(result, PdfText)
    assert result.pages == ("Your MRI request is denied.", "Appeal rights")
    assert result.page_count == 2
    assert (result.truncated, result.encrypted, result.scanned) == (False, False, False)


def test_glyphs_printed_twice_for_bold_are_read_once() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", size=12)
    for _ in range(2):
        pdf.set_xy(10, 20)
        pdf.cell(text="Request denied")
    assert read(bytes(pdf.output())).pages == ("Request denied",)


def test_pages_beyond_the_limit_are_counted_not_read() -> None:
    result = read(text_pdf("one", "two", "three"), max_pages=2)
    assert result.pages == ("one", "two")
    assert result.page_count == 3
    assert result.truncated


def test_encrypted_pdf_needs_its_password() -> None:
    data = text_pdf("Denied.", owner="owner-secret", user="letmein")
    with pytest.raises(DocumentError, match=r"^encrypted PDF: password needed$"):
        read(data)
    with pytest.raises(DocumentError, match=r"^encrypted PDF: password needed$"):
        read(data, passwords=("guess", "another guess"))
    result = read(data, passwords=("letmein",))
    assert result.encrypted
    assert result.pages == ("Denied.",)


def test_known_passwords_are_tried_in_turn() -> None:
    data = text_pdf("Denied.", owner="owner-secret", user="A1234567")
    assert read(data, passwords=("guess", "", "A1234567", "later")).pages == ("Denied.",)


def test_pdf_encrypted_without_a_user_password_opens_with_any() -> None:
    data = text_pdf("Denied.", owner="owner-secret")
    assert read(data).encrypted
    assert read(data, passwords=("unrelated",)).pages == ("Denied.",)


def test_image_only_page_is_scanned() -> None:
    result = read(image_pdf())
    assert result.scanned
    assert result.scanned_pages == (0,)
    assert result.pages == ("",)


def test_text_with_a_small_logo_is_not_scanned() -> None:
    assert not read(image_pdf(with_text=True, full_page=False)).scanned


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"%PDF-" + bytes(range(256))],
)
def test_damaged_pdf(data: bytes) -> None:
    with pytest.raises(DocumentError, match=r"^PDF could not be read: damaged$"):
        read(data)


def test_slow_pdf_is_stopped_and_the_next_one_is_read() -> None:
    slow = raw_pdf(compressed(b"0 0 m 1 1 l S\n" * 1000, 2000))
    with pytest.raises(DocumentError, match=r"^PDF took longer than 0\.5 s$"):
        read(slow, timeout_seconds=0.5)
    assert read(text_pdf("after")).pages == ("after",)


def test_pdf_needing_too_much_memory_is_stopped_and_the_next_one_is_read() -> None:
    bomb = raw_pdf(compressed(b" " * 1024 * 1024, 400))
    with pytest.raises(DocumentError, match=r"^PDF needed more than 64 MB$"):
        read(bomb, memory_mb=64)
    assert read(text_pdf("after"), memory_mb=64).pages == ("after",)


def test_nothing_from_the_document_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    read(text_pdf("Patient ZQXJ diagnosis"))
    with pytest.raises(DocumentError):
        read(b"%PDF-1.4 ZQXJ broken")
    assert "ZQXJ" not in caplog.text


# -- layout: columns, tables, several letters -----------------------------------------------

LEFT_COLUMN = (
    "We reviewed your request for physical therapy twice a week for eight weeks. The plan's "
    "medical director found that the treatment is not medically necessary for your condition "
    "at this time, because your records do not show a decline in function."
)
RIGHT_COLUMN = (
    "You have the right to appeal this decision within 180 days of the date of this letter. "
    "You may also ask the Department of Managed Health Care for an Independent Medical Review "
    "if your appeal is denied or not decided within 30 days."
)


def two_column_letter() -> bytes:
    """A letter whose body is set in two columns, as some plans' notices are."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.set_xy(54, 54)
    pdf.cell(text="Anthem Blue Cross - Notice of Action")
    pdf.set_font("helvetica", size=10.5)
    pdf.set_xy(54, 84)
    pdf.cell(text="March 3, 2026")
    pdf.set_xy(54, 104)
    pdf.cell(text="Dear Jane Doe,")
    for x, text in ((54.0, LEFT_COLUMN), (324.0, RIGHT_COLUMN)):
        pdf.set_xy(x, 130)
        pdf.multi_cell(w=234, h=14, text=text)
    pdf.set_xy(54, 720)
    pdf.cell(text="Page 1 of 1")
    return bytes(pdf.output())


def test_two_columns_are_read_one_after_the_other() -> None:
    text = read(two_column_letter()).pages[0]
    flat = " ".join(text.split())
    assert flat == " ".join(
        [
            "Anthem Blue Cross - Notice of Action March 3, 2026 Dear Jane Doe,",
            LEFT_COLUMN,
            RIGHT_COLUMN,
            "Page 1 of 1",
        ]
    )


def test_read_across_the_page_the_same_letter_interleaves_its_columns() -> None:
    """What the column detection is measured against: pdfplumber's plain reading."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(two_column_letter())) as pdf:
        plain = " ".join(str(pdf.pages[0].extract_text()).split())
    assert " ".join(LEFT_COLUMN.split()) not in plain
    assert "We reviewed your request for physical therapy You have the right" in plain


def test_a_justified_single_column_is_not_split() -> None:
    paragraph = " ".join([LEFT_COLUMN, RIGHT_COLUMN] * 2)
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(w=0, h=14, text=paragraph, align="J")
    assert " ".join(read(bytes(pdf.output())).pages[0].split()) == paragraph


def test_a_ruled_table_is_read_one_row_a_line() -> None:
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(w=0, h=14, text="We reviewed the services listed below.")
    rows = [
        ("Service", "Date", "Decision"),
        ("MRI of the lumbar spine with and without contrast", "01/02/2026", "Denied"),
        ("Office visit", "01/03/2026", "Approved"),
    ]
    with pdf.table(col_widths=(220, 100, 180), text_align="LEFT") as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.multi_cell(w=0, h=14, text="You may appeal this decision.")
    assert read(bytes(pdf.output())).pages[0].splitlines() == [
        "We reviewed the services listed below.",
        "Service | Date | Decision",
        "MRI of the lumbar spine with and without contrast | 01/02/2026 | Denied",
        "Office visit | 01/03/2026 | Approved",
        "You may appeal this decision.",
    ]


def letters_pdf(*letters: list[str]) -> bytes:
    """Several letters in one PDF, each page footed "Page n of N" within its letter."""
    pdf = FPDF(unit="pt", format="letter")
    for pages in letters:
        for number, text in enumerate(pages, 1):
            pdf.add_page()
            pdf.set_font("helvetica", size=11)
            pdf.multi_cell(w=0, h=14, text=text)
            pdf.set_xy(54, 700)
            pdf.cell(text=f"Page {number} of {len(pages)}")
    return bytes(pdf.output())


def test_each_letter_of_a_mailing_is_found_by_its_page_numbers() -> None:
    data = letters_pdf(
        ["Dear Member, your MRI is denied.", "Your appeal rights."],
        ["Dear Member, your physical therapy is denied."],
        ["Language assistance.", "Nondiscrimination notice.", "Appeal form."],
    )
    assert read(data).letter_starts == (0, 2, 3)


def test_letters_without_page_numbers_start_at_a_date_and_a_salutation() -> None:
    first = "Blue Shield of California\nJanuary 5, 2026\n\nDear Jane Doe,\nYour request is denied."
    following = "Jane Doe - January 5, 2026\nYou may ask for an Independent Medical Review."
    second = "Blue Shield of California\n01/20/2026\nDear Jane Doe,\nWe received your appeal."
    data = text_pdf(first, following, second)
    assert read(data).letter_starts == (0, 2)


# -- the pure parts: layout and letter starts -------------------------------------------------


def words_of(line: str, *, x: float, top: float, size: float = 10.0) -> list[Word]:
    """Words of ``line`` set from ``x`` at ``top``, 0.5 size a character, one space between."""
    words = []
    for text in line.split():
        width = len(text) * size * 0.5
        words.append(Word(text, x, x + width, top, top + size))
        x += width + size * 0.3
    return words


def test_layout_leaves_a_plain_page_to_the_reader() -> None:
    words = [w for i in range(5) for w in words_of("one two three four", x=50, top=50 + 14 * i)]
    assert ordered_text(words, [], 612) is None


def test_layout_reads_a_block_of_columns_between_full_width_lines() -> None:
    across = "The letterhead of the plan runs right across the page, over both columns"
    words = words_of(across, x=50, top=40)
    left = [f"the left column holds this line number {i}" for i in range(4)]
    right = [f"and the right column holds line number {i}" for i in range(5)]
    for i, line in enumerate(left):
        words += words_of(line, x=50, top=80 + 14 * i)
    for i, line in enumerate(right):
        words += words_of(line, x=330, top=80 + 14 * i)
    words += words_of(across, x=50, top=700)
    assert ordered_text(words, [], 612) == "\n".join([across, *left, *right, across])


def test_layout_does_not_take_an_unruled_table_for_columns() -> None:
    words: list[Word] = []
    for i, (service, date, decision) in enumerate(
        [("MRI", "01/02/2026", "Denied"), ("Therapy", "01/03/2026", "Approved")] * 2
    ):
        words += words_of(service, x=50, top=80 + 14 * i)
        words += words_of(date, x=300, top=80 + 14 * i)
        words += words_of(decision, x=450, top=80 + 14 * i)
    assert ordered_text(words, [], 612) is None


def test_layout_puts_a_table_where_it_stands_and_skips_its_words() -> None:
    words = words_of("Before the table", x=50, top=40)
    words += words_of("Service", x=50, top=80) + words_of("Decision", x=300, top=80)
    words += words_of("After the table", x=50, top=200)
    table = Table(45, 75, 500, 150, (("Service", "Decision"), ("MRI of the\nspine", None)))
    assert ordered_text(words, [table], 612) == (
        "Before the table\nService | Decision\nMRI of the spine\nAfter the table"
    )


@pytest.mark.parametrize(
    ("pages", "starts"),
    [
        ([], ()),
        (["anything"], (0,)),
        (["Página 1 de 2", "Página 2 de 2", "Página 1 de 1"], (0, 2)),
        (["Page 1 of 2", "Page 2 of 2", "Page l of 3"], (0, 2)),
        (["Fax page 1 of 3", "Fax page 2 of 3", "Fax page 3 of 3\nPage 1 of 1"], (0, 2)),
        (["x", "Page 2 of 3\nMarch 3, 2026\nDear Member,"], (0,)),
        (["x", "3 de marzo de 2026\nEstimada miembro:\nSu solicitud"], (0, 1)),
        (["x", "Dear Member,\nMarch 3, 2026"], (0,)),
        (["x", "2026-03-03\n" + "line\n" * 20 + "Dear Member,"], (0,)),
    ],
)
def test_letter_starts(pages: list[str], starts: tuple[int, ...]) -> None:
    assert letter_starts(pages) == starts
