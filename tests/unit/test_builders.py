"""The sample material: letters read back from their PDFs, forwards as mail clients make them,
and the demo samples on disk matching what tools/make_samples.py produces now."""

from __future__ import annotations

import importlib.util
import io
import sys
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType

import pdfplumber
import pytest

from denialwatch.domain.model import Category, DocumentKind, Route
from tests import builders
from tests.builders import (
    DENIALS,
    PACIFIC,
    SAMPLE_LETTERS,
    SERVICE_INBOX,
    TERESA,
    FileAttachment,
    Letter,
    SampleLetter,
    apple_date,
    forward_apple_inline,
    forward_as_attachment,
    forward_gmail_inline,
    forward_outlook_inline,
    gmail_date,
    insurer_email,
    latin1_safe,
    letter_in_body,
    letter_pdf,
    normalise_space,
    outlook_date,
    parse,
    personal_email,
    reply_gmail,
    sample_pdf,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "daemon" / "denialwatch" / "samples"
WHEN = datetime(2026, 3, 11, 16, 7, 12, tzinfo=PACIFIC)
LETTERS = [s for s in SAMPLE_LETTERS.values() if s.letter is not None]


def pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdf_text(data: bytes) -> str:
    return normalise_space("\n".join(pdf_pages(data)))


def readable_text(message: EmailMessage) -> str:
    """Every text/plain part and every PDF (sniffed, whatever its declared type), as one text."""
    chunks: list[str] = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if payload.startswith(b"%PDF-"):
            chunks.append(pdf_text(payload))
        elif part.get_content_type() == "text/plain":
            chunks.append(payload.decode(part.get_content_charset() or "utf-8"))
    return normalise_space("\n".join(chunks))


def pdf_attachments(message: EmailMessage) -> list[bytes]:
    found = []
    for part in message.walk():
        payload = None if part.is_multipart() else part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload.startswith(b"%PDF-"):
            found.append(payload)
    return found


# --- the catalogue ---------------------------------------------------------------------------


def test_catalogue_covers_every_kind_of_letter_the_product_meets() -> None:
    routes = {s.facts.route for s in DENIALS if s.facts}
    categories = {s.facts.category for s in DENIALS if s.facts}
    assert routes == {Route.DMHC, Route.CDI, Route.MEDI_CAL, Route.MEDICARE, Route.ERISA}
    assert categories == {
        Category.MEDICAL_NECESSITY,
        Category.EXPERIMENTAL,
        Category.EMERGENCY_PAYMENT,
        Category.PHARMACY,
    }
    assert any(s.facts and s.facts.urgent for s in DENIALS)
    assert {s.language for s in DENIALS} == {"en", "es"}
    assert len(DENIALS) == 10
    not_denials = [s for s in SAMPLE_LETTERS.values() if s.kind is DocumentKind.NOT_DENIAL]
    assert len(not_denials) == 4


@pytest.mark.parametrize("sample", DENIALS, ids=lambda s: s.key)
def test_every_fact_occurs_verbatim_in_the_letter(sample: SampleLetter) -> None:
    assert sample.facts is not None
    text = normalise_space(sample.letter_text())
    for quote in sample.facts.quotes():
        assert normalise_space(quote) in text, quote
    assert sample.facts.reason.endswith(".")
    assert date(2026, 1, 1) <= sample.facts.letter_date < date(2026, 11, 1)


@pytest.mark.parametrize("sample", list(SAMPLE_LETTERS.values()), ids=lambda s: s.key)
def test_samples_use_invented_addresses_and_printable_text(sample: SampleLetter) -> None:
    for party in (sample.sender, sample.patient):
        domain = party.address.rpartition("@")[2]
        assert domain.split(".")[-2:] in (
            ["example", "com"],
            ["example", "net"],
            ["example", "org"],
        )
    if sample.letter is not None:
        assert latin1_safe(sample.letter_text()) == sample.letter_text()


# --- the PDF ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", LETTERS, ids=lambda s: s.key)
def test_pdf_reads_back_every_fact_in_order(sample: SampleLetter) -> None:
    assert sample.letter is not None
    pages = pdf_pages(sample_pdf(sample))
    text = normalise_space("\n".join(pages))
    for quote in sample.facts.quotes() if sample.facts else ():
        assert normalise_space(quote) in text, quote
    position = 0
    for paragraph in sample.letter.paragraphs:
        if paragraph == "\f":
            continue
        words = paragraph.removeprefix("## ").removeprefix("- ")
        found = text.find(normalise_space(words), position)
        assert found >= position, paragraph
        position = found
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_pdf_is_deterministic() -> None:
    sample = SAMPLE_LETTERS["kaiser_medical_necessity"]
    assert sample.letter is not None
    built = letter_pdf(sample.letter, created=WHEN)
    assert built == letter_pdf(sample.letter, created=WHEN)
    assert built != letter_pdf(sample.letter, created=WHEN.replace(day=12))
    assert sample_pdf(sample) == letter_pdf(sample.letter, created=sample.letter_datetime or WHEN)


def test_pdf_from_bare_paragraphs_is_padded_to_the_pages_asked_for() -> None:
    data = letter_pdf(
        ["Estimada Señora Núñez:", "Su solicitud fue negada. ¿Preguntas? Llame a “IEHP”."],
        title="Aviso de Acción",
        pages=3,
    )
    pages = pdf_pages(data)
    assert len(pages) == 3
    assert "Aviso de Acción" in pages[0]
    assert 'Su solicitud fue negada. ¿Preguntas? Llame a "IEHP".' in pages[0]
    assert "Language Assistance Services" in pages[1]
    assert "Nondiscrimination Notice" in pages[2]
    assert "Page 3 of 3" in pages[2]


def test_long_letter_runs_onto_more_pages_and_keeps_paragraphs_whole() -> None:
    paragraphs = [
        f"Paragraph {n}: the plan explains its decision at some length here, in words that "
        "fill several lines of the page so that the letter needs more than one sheet of paper."
        for n in range(40)
    ]
    letter = Letter(
        organisation="Golden Poppy Health Plan",
        letterhead=("P.O. Box 1, Sacramento, CA 95812",),
        date_line="June 1, 2026",
        recipient=("Ana Example",),
        member_block=(("Member ID", "GP-000001"),),
        title="Notice of Action",
        paragraphs=tuple(paragraphs),
        running_header="Ana Example - GP-000001",
    )
    pages = pdf_pages(letter_pdf(letter))
    assert len(pages) >= 3
    assert all("Ana Example - GP-000001" in page for page in pages[1:])
    for paragraph in paragraphs:
        assert sum(paragraph in normalise_space(page) for page in pages) == 1, paragraph


def test_text_outside_latin1_is_refused_rather_than_garbled() -> None:
    typographic = "the plan\u2019s \u201cdecision\u201d \u2013 final\u2026"
    assert latin1_safe(typographic) == 'the plan\'s "decision" - final...'
    with pytest.raises(ValueError, match="core PDF font"):
        latin1_safe("患者")


# --- emails ----------------------------------------------------------------------------------


def kaiser_original(
    *,
    with_pdf: bool = True,
    pdf_content_type: str = "application/pdf",
    include_letter_text: bool = False,
) -> bytes:
    return insurer_email(
        SAMPLE_LETTERS["kaiser_medical_necessity"],
        message_id="<orig.1@kp-notices.example.com>",
        date=WHEN,
        with_pdf=with_pdf,
        pdf_content_type=pdf_content_type,
        include_letter_text=include_letter_text,
    )


def test_insurer_email_is_text_and_html_from_a_no_reply_sender_with_the_pdf() -> None:
    sample = SAMPLE_LETTERS["kaiser_medical_necessity"]
    raw = kaiser_original()
    message = parse(raw)
    assert message["Message-ID"] == "<orig.1@kp-notices.example.com>"
    assert message["Date"].datetime == WHEN
    assert message["From"].addresses[0].addr_spec == "no-reply@kp-notices.example.com"
    assert message["Subject"] == "Important information about your authorization request"
    assert message.get_content_type() == "multipart/mixed"
    body = message.get_body(("plain",))
    html_body = message.get_body(("html",))
    assert body is not None
    assert html_body is not None
    assert "Dear Teresa Almonte" in body.get_content()
    assert "<table" in html_body.get_content()
    assert pdf_attachments(message) == [sample_pdf(sample)]
    assert not message.defects
    assert raw == kaiser_original()


def test_insurer_email_can_declare_the_pdf_as_octet_stream_or_carry_the_letter_itself() -> None:
    message = parse(kaiser_original(pdf_content_type="application/octet-stream"))
    (attachment,) = message.iter_attachments()
    assert attachment.get_content_type() == "application/octet-stream"
    assert pdf_attachments(message)
    inline = parse(kaiser_original(with_pdf=False, include_letter_text=True))
    assert not pdf_attachments(inline)
    facts = SAMPLE_LETTERS["kaiser_medical_necessity"].facts
    assert facts is not None
    assert normalise_space(facts.reason) in readable_text(inline)


@pytest.mark.parametrize(
    "sample", [s for s in SAMPLE_LETTERS.values() if s.plan is not None], ids=lambda s: s.key
)
def test_every_plan_sample_makes_a_clean_email(sample: SampleLetter) -> None:
    message = parse(insurer_email(sample, message_id=f"<{sample.key}@x.example.com>", date=WHEN))
    assert not message.defects
    assert message["Subject"] == sample.subject
    assert message["From"].addresses[0].display_name == sample.sender.name
    assert len(pdf_attachments(message)) == (sample.letter is not None)
    body = message.get_body(("plain",))
    assert body is not None
    assert sample.email_paragraphs[1].split(".")[0] in body.get_content()


def test_email_dates_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        insurer_email(
            SAMPLE_LETTERS["kaiser_medical_necessity"],
            message_id="<x@kp-notices.example.com>",
            date=datetime(2026, 3, 11, 9, 0),  # naive, the point of the test
        )


Forwarder = Callable[[bytes], bytes]
FORWARDS: dict[str, tuple[Forwarder, str]] = {
    "gmail_inline": (
        lambda raw: forward_gmail_inline(
            raw, TERESA, note="Please help.", message_id="<fwd.1@mail.example.com>", date=WHEN
        ),
        "---------- Forwarded message ---------",
    ),
    "outlook_inline": (
        lambda raw: forward_outlook_inline(
            raw, TERESA, note="Please help.", message_id="<fwd.2@outlook.example.com>", date=WHEN
        ),
        "_" * 32,
    ),
    "apple_inline": (
        lambda raw: forward_apple_inline(
            raw, TERESA, note="Please help.", message_id="<fwd.3@example.com>", date=WHEN
        ),
        "Begin forwarded message:",
    ),
    "apple_mac_inline": (
        lambda raw: forward_apple_inline(
            raw,
            TERESA,
            note="Please help.",
            message_id="<fwd.4@example.com>",
            date=WHEN,
            device="mac",
        ),
        "Begin forwarded message:",
    ),
    "outlook_attachment": (
        lambda raw: forward_as_attachment(
            raw, TERESA, note="Please help.", message_id="<fwd.5@outlook.example.com>", date=WHEN
        ),
        "",
    ),
    "thunderbird_attachment": (
        lambda raw: forward_as_attachment(
            raw,
            TERESA,
            note="Please help.",
            message_id="<fwd.6@example.com>",
            date=WHEN,
            client="thunderbird",
        ),
        "",
    ),
}


@pytest.mark.parametrize("name", FORWARDS)
def test_forward_keeps_the_original_subject_sender_and_pdf(name: str) -> None:
    forward, separator = FORWARDS[name]
    original = parse(kaiser_original())
    raw = forward(kaiser_original())
    message = parse(raw)
    assert raw == forward(kaiser_original())
    assert not message.defects
    assert message["From"].addresses[0].addr_spec == TERESA.address
    assert message["To"].addresses[0].addr_spec == SERVICE_INBOX.address
    subject = str(original["Subject"])
    assert str(message["Subject"]).endswith(subject)
    assert str(message["Subject"]).split(":")[0] in {"Fwd", "FW"}
    body = message.get_body(("plain",))
    assert body is not None
    assert "Please help." in body.get_content()
    if separator:
        text = body.get_content()
        assert separator in text
        assert subject in text
        assert "no-reply@kp-notices.example.com" in text
        assert text.index("Please help.") < text.index(separator)
    else:
        (embedded,) = (p for p in message.walk() if p.get_content_type() == "message/rfc822")
        inner = embedded.get_content()
        assert isinstance(inner, EmailMessage)
        assert inner["Subject"] == subject
        assert inner["From"] == original["From"]
        assert inner["Message-ID"] == original["Message-ID"]
    assert pdf_attachments(message) == pdf_attachments(original)


def test_apple_forward_nests_the_attachment_inside_the_html_alternative() -> None:
    message = parse(FORWARDS["apple_inline"][0](kaiser_original()))
    assert message.get_content_type() == "multipart/alternative"
    plain, mixed = message.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert [p.get_content_type() for p in mixed.iter_parts()] == [
        "text/html",
        "application/pdf",
        "text/html",
    ]
    assert "Sent from my iPhone" in plain.get_content()


def test_quoted_dates_are_written_the_way_each_client_writes_them() -> None:
    assert gmail_date(WHEN) == "Wed, Mar 11, 2026 at 4:07 PM"
    assert outlook_date(WHEN) == "Wednesday, March 11, 2026 4:07 PM"
    assert apple_date(WHEN) == "March 11, 2026 at 4:07:12 PM PDT"
    assert (
        apple_date(datetime(2026, 1, 2, 20, 0, tzinfo=UTC)) == "January 2, 2026 at 12:00:00 PM PST"
    )


@pytest.mark.parametrize("key", ["la_care_medi_cal_noa", "iehp_spanish_noa"])
def test_letter_pasted_in_the_body_carries_every_fact(key: str) -> None:
    sample = SAMPLE_LETTERS[key]
    raw = letter_in_body(
        sample,
        note="I copied the letter below.",
        subject="my letter",
        message_id="<paste.1@mail.example.com>",
        date=WHEN,
    )
    message = parse(raw)
    assert message["From"].addresses[0].addr_spec == sample.patient.address
    assert not pdf_attachments(message)
    text = readable_text(message)
    assert text.startswith("I copied the letter below.")
    assert sample.facts is not None
    for quote in sample.facts.quotes():
        assert normalise_space(quote) in text, quote


def test_reply_threads_onto_the_earlier_message_and_quotes_it() -> None:
    first = FORWARDS["gmail_inline"][0](kaiser_original())
    pdf = FileAttachment("letter.pdf", "application/pdf", b"%PDF-1.4 not really")
    message = parse(
        reply_gmail(
            first,
            TERESA,
            note="The reference number is UMD-2026-0311-4471.",
            message_id="<reply.1@mail.example.com>",
            date=WHEN,
            attachments=[pdf],
        )
    )
    assert message["In-Reply-To"] == "<fwd.1@mail.example.com>"
    assert message["References"] == "<fwd.1@mail.example.com>"
    assert message["Subject"] == "Re: Fwd: Important information about your authorization request"
    body = message.get_body(("plain",))
    assert body is not None
    assert "> ---------- Forwarded message ---------" in body.get_content()
    assert pdf_attachments(message) == [pdf.data]


def test_personal_email_is_plain_text_from_a_person() -> None:
    message = parse(
        personal_email(
            SAMPLE_LETTERS["personal_email"], message_id="<sis.1@example.org>", date=WHEN
        )
    )
    assert message.get_content_type() == "text/plain"
    assert "pozole" in message.get_content()


def test_message_ids_must_look_like_message_ids() -> None:
    with pytest.raises(ValueError, match="Message-ID"):
        insurer_email(SAMPLE_LETTERS["kaiser_medical_necessity"], message_id="orig-1", date=WHEN)


# --- the demo samples on disk ----------------------------------------------------------------


@pytest.fixture(scope="module")
def make_samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_samples", REPO / "tools" / "make_samples.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def manifest() -> dict[str, object]:
    return tomllib.loads((SAMPLES / "manifest.toml").read_text(encoding="utf-8"))


def test_samples_on_disk_are_what_the_tool_writes_now(
    make_samples: ModuleType, tmp_path: Path
) -> None:
    make_samples.write_samples(tmp_path)
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    on_disk = {p.name: p.read_bytes() for p in SAMPLES.iterdir() if p.is_file()}
    assert sorted(on_disk) == sorted(fresh), "run: python tools/make_samples.py"
    stale = [name for name in fresh if fresh[name] != on_disk[name]]
    assert not stale, f"stale samples {stale}; run: python tools/make_samples.py"
    assert make_samples.stale_files(SAMPLES) == []


def test_manifest_lists_every_sample_with_a_known_outcome(manifest: dict[str, object]) -> None:
    entries = manifest["sample"]
    assert isinstance(entries, list)
    files = [entry["file"] for entry in entries]
    assert sorted(files) == sorted(p.name for p in SAMPLES.glob("*.eml"))
    assert 6 <= len(files) <= 8
    outcomes = [entry["outcome"] for entry in entries]
    assert set(outcomes) == {"case", "attached", "not_denial"}
    opened: set[str] = set()
    for entry in entries:
        if entry["outcome"] == "case":
            opened.add(entry["file"])
        if entry["outcome"] == "attached":
            assert entry["attaches_to"] in opened, "a follow-up must come after its case"


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.eml")))
def test_each_sample_matches_its_manifest_entry(name: str, manifest: dict[str, object]) -> None:
    entries = manifest["sample"]
    assert isinstance(entries, list)
    (entry,) = (e for e in entries if e["file"] == name)
    raw = (SAMPLES / name).read_bytes()
    assert len(raw) < 60_000
    message = parse(raw)
    assert not message.defects
    assert message["Message-ID"] == entry["message_id"]
    assert message["From"].addresses[0].addr_spec == entry["sender"]
    assert message["To"].addresses[0].addr_spec == manifest["inbox"]
    filenames = [
        p.get_filename() for p in message.walk() if p.get_content_type() != "message/rfc822"
    ]
    assert [f for f in filenames if f] == entry["attachments"]
    assert callable(getattr(builders, entry["builder"]))
    assert bool(_embedded(message)) == (entry["builder"] == "forward_as_attachment")
    sample = SAMPLE_LETTERS[entry["letter"]]
    assert (sample.kind is DocumentKind.NOT_DENIAL) == (entry["outcome"] == "not_denial")
    if entry["outcome"] == "not_denial":
        assert "facts" not in entry
        return
    facts = entry["facts"]
    assert sample.facts is not None
    assert facts["letter_date"] == sample.facts.letter_date
    assert Category(facts["category"]) is sample.facts.category
    assert Route(facts["route"]) is sample.facts.route
    assert facts["urgent"] is sample.facts.urgent
    text = readable_text(message)
    for key in (
        "insurer",
        "member_id",
        "reference_number",
        "letter_date_text",
        "service",
        "category_quote",
        "route_quote",
        "urgent_quote",
        "reason",
    ):
        if key in facts:
            assert normalise_space(facts[key]) in text, key


def _embedded(message: EmailMessage) -> list[EmailMessage]:
    found = []
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            assert isinstance(inner, EmailMessage)
            found.append(inner)
    return found
