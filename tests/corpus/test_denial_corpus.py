"""The reader against material nobody on this project wrote (read in place, never copied).

- Three real denial letters, transcribed to text by the denial-defence project: each must read
  as a DENIAL. Their YAML front matter and "# " heading lines are the transcriber's notes (they
  name the insurer and the category), so they are cut before reading: the reader sees only the
  letter's words.
- Seven sample appeal letters from Washington State's insurance commissioner (PDF, read with
  pdfplumber): written by patients to plans, so never a DENIAL.
- The SpamAssassin public corpus (ordinary 2002-era mail, ham and spam): no DENIAL, and no
  other adverse kind (grievance decision, EOB with denied lines) nor any letter kind at all
  (approval, acknowledgement, DMHC letter, portal notice): every message is NOT_DENIAL.

The corpus lives beside the checkout (../shared/corpus); without it these tests skip, except
under CI=true where a missing corpus is a failure.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pdfplumber
import pytest

from denialwatch.domain.model import Category, Decision, DocumentKind, Reading, SourceText
from denialwatch.domain.read import read_message
from denialwatch.domain.verdict import APPEAL_LETTER
from tests.conftest import CORPUS, require

DENIALS = CORPUS / "denials" / "denial-defence" / "data" / "processed" / "denial_letters_ocr"
APPEALS = CORPUS / "denials" / "denial-defence" / "data" / "raw" / "state_appeal_resources"
SPAMASSASSIN = CORPUS / "email" / "spamassassin-public-corpus" / "data"

pytestmark = pytest.mark.corpus


def require_path(path: Path) -> Path:
    require(path.exists(), f"corpus not found at {path}")
    return path


def letter_text(path: Path) -> str:
    """The transcribed letter without the transcriber's front matter and '# ' headings."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    return "\n".join(line for line in text.splitlines() if not line.startswith("# "))


def read_letter(*names: str) -> Reading:
    folder = require_path(DENIALS)
    pages = tuple(letter_text(folder / name) for name in names)
    return read_message([SourceText("email", ("",)), SourceText(names[0], pages)])


def test_cigna_pxdx_denial() -> None:
    reading = read_letter("Cigna_PXDX_denial.md")

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.insurer is not None
    assert reading.insurer.value == "Cigna"
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY
    assert "not medically necessary" in reading.category.quote
    # The letter names no regulator ("We sent this letter to meet federal and state
    # requirements"); Cigna sells HMO (DMHC), insured PPO (CDI) and self-funded (ERISA) plans
    # in California, so the product must ask the patient.
    assert reading.route is None


def test_medicare_advantage_irf_denial() -> None:
    reading = read_letter("Medicare_Advantage_IRF_denial.md")

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.insurer is None, "the screenshot hides the carrier"
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY
    assert [r.value for r in reading.reasons] == [
        "Treatment is not consistent with published clinical evidence."
    ]
    # Only the transcriber's notes and the file name say "Medicare Advantage"; the
    # transcribed screen (prior authorization, status, reason) has no Medicare wording, so the
    # route is not guessed.
    assert reading.route is None


def test_oscar_cromolyn_appeal_denial_with_its_criteria_pages() -> None:
    reading = read_letter(
        "Oscar_Cromolyn_denial.md", "Oscar_Cromolyn_page 2.md", "Oscar_Cromolyn_page 3.md"
    )

    # Page 3 answers the patient's appeal ("We received an appeal of this denial on
    # 02/14/2026. However, the appeal has also been denied"): the plan's grievance decision,
    # the IMR's qualifying event, as tests/labelled/real_letters.toml labels it.
    assert reading.kind is DocumentKind.GRIEVANCE_DECISION, reading.reason
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 2, 14)
    assert reading.insurer is not None
    assert reading.insurer.value == "Oscar Health"
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY
    assert reading.reasons
    assert all(r.page == 3 for r in reading.reasons), "the decision is on page 3"
    assert any("systemic mastocytosis" in r.value for r in reading.reasons)
    assert reading.route is None


def appeal_letters() -> list[Path]:
    return sorted(APPEALS.glob("*/*.pdf")) if APPEALS.exists() else []


def test_there_are_seven_sample_appeal_letters() -> None:
    require_path(APPEALS)
    assert len(appeal_letters()) == 7


@pytest.mark.parametrize("path", appeal_letters(), ids=lambda p: p.stem)
def test_sample_appeal_letters_are_not_denials(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        pages = tuple(page.extract_text() or "" for page in pdf.pages)

    reading = read_message([SourceText("email", ("",)), SourceText(path.name, pages)])

    assert reading.kind is DocumentKind.NOT_DENIAL
    assert reading.reason == APPEAL_LETTER


_TAG = re.compile(r"<[^>]{0,2000}>")


def _text_parts(message: EmailMessage) -> str:
    texts = []
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            payload = part.get_payload(decode=True)
            content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
        if part.get_content_subtype() == "html":
            content = html.unescape(_TAG.sub(" ", content))
        texts.append(content)
    return "\n\n".join(texts)


@pytest.mark.slow
def test_spamassassin_mail_has_no_denials() -> None:
    messages = sorted(require_path(SPAMASSASSIN).glob("*/*.txt"))
    assert len(messages) > 800

    adverse, other_kinds = [], []
    for path in messages:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        body = _text_parts(message)
        reading = read_message(
            [SourceText("email", (body,))], subject=str(message["subject"] or "")
        )
        found = f"{path.parent.name}/{path.name}: {reading.kind.value}: {reading.reason}"
        if reading.is_adverse:
            adverse.append(found)
        elif reading.kind is not DocumentKind.NOT_DENIAL:
            other_kinds.append(found)

    assert adverse == [], "a denial, grievance decision or EOB with denied lines in ordinary mail"
    assert other_kinds == [], "a plan, DMHC or portal letter in ordinary mail"
