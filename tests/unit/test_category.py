"""Which kind of review: category wording, precedence, reasons first; urgency."""

from __future__ import annotations

import pytest

from denialwatch.domain.category import (
    category_named_in,
    find_category,
    find_review_type,
    find_urgent,
    review_type_named_in,
)
from denialwatch.domain.model import Category, Finding
from denialwatch.domain.quote import Page
from tests.unit.denial_letters import DMHC_STATEMENT


def pages(*texts: str) -> list[Page]:
    return [Page("letter.pdf", n, text) for n, text in enumerate(texts, start=1)]


def reason(text: str, confidence: float = 0.9) -> Finding[str]:
    return Finding(text, text, "letter.pdf", 1, confidence)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The requested service is not medically necessary.", Category.MEDICAL_NECESSITY),
        ("It does not meet InterQual criteria.", Category.MEDICAL_NECESSITY),
        ("MCG guidelines were applied.", Category.MEDICAL_NECESSITY),
        ("Care can be given at a lower level of care.", Category.MEDICAL_NECESSITY),
        ("Your records do not meet the following criteria:", Category.MEDICAL_NECESSITY),
        (
            "Treatment is not consistent with published clinical evidence.",
            Category.MEDICAL_NECESSITY,
        ),
        ("El servicio no es médicamente necesario.", Category.MEDICAL_NECESSITY),
        ("Proton therapy is considered investigational.", Category.EXPERIMENTAL),
        ("This use is experimental.", Category.EXPERIMENTAL),
        ("The drug is not FDA-approved for this use (off-label).", Category.EXPERIMENTAL),
        ("There is insufficient peer-reviewed evidence.", Category.EXPERIMENTAL),
        ("Your visit was not an emergency.", Category.EMERGENCY_PAYMENT),
        ("The visit was non-emergent.", Category.EMERGENCY_PAYMENT),
        ("The ambulance transport claim is denied.", Category.EMERGENCY_PAYMENT),
        ("Humira requires step therapy.", Category.PHARMACY),
        ("This drug is non-formulary.", Category.PHARMACY),
        ("It is not on our formulary.", Category.PHARMACY),
        ("The quantity limit is 30 tablets.", Category.PHARMACY),
        ("This is not a covered benefit under your plan.", Category.NOT_COVERED),
        ("The surgery is cosmetic.", Category.NOT_COVERED),
        ("Hearing aids are excluded from coverage.", Category.NOT_COVERED),
        ("No prior authorization was obtained.", Category.ADMINISTRATIVE),
        ("The claim was received after the timely filing limit.", Category.ADMINISTRATIVE),
        ("Coordination of benefits: other insurance is primary.", Category.ADMINISTRATIVE),
        ("We reviewed your request.", None),
    ],
)
def test_category_wording(text: str, expected: Category | None) -> None:
    assert category_named_in(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is experimental and not medically necessary.", Category.EXPERIMENTAL),
        (
            "Not an emergency, so the ER visit was not medically necessary.",
            Category.EMERGENCY_PAYMENT,
        ),
        (
            "Step therapy was not met, so the drug is not medically necessary.",
            Category.MEDICAL_NECESSITY,
        ),
        ("Step therapy: the request does not meet the criteria.", Category.PHARMACY),
        ("It is cosmetic and not medically necessary.", Category.MEDICAL_NECESSITY),
        ("Not a covered benefit; no prior authorization was obtained.", Category.NOT_COVERED),
        ("No referral was obtained and the records do not meet criteria.", Category.ADMINISTRATIVE),
    ],
)
def test_precedence(text: str, expected: Category) -> None:
    assert category_named_in(text) is expected


def test_the_stated_reasons_decide_before_the_rest_of_the_letter() -> None:
    letter = pages("Reason: the stay is not medically necessary.\n" + DMHC_STATEMENT)
    stated = [reason("the stay is not medically necessary.")]

    found = find_category(stated, letter)

    assert found is not None
    assert found.value is Category.MEDICAL_NECESSITY
    assert found.quote == "the stay is not medically necessary."
    assert found.confidence == 0.85


def test_the_dmhc_statement_alone_names_no_category() -> None:
    """It mentions medical necessity, experimental treatment and emergency payment."""
    assert find_category([], pages("We denied your request.\n\n" + DMHC_STATEMENT)) is None


def test_outside_the_reasons_the_category_is_discounted() -> None:
    letter = pages("We denied the request.", "The requested drug is non-formulary.")

    found = find_category([], letter)

    assert found is not None
    assert (found.value, found.page, found.confidence) == (Category.PHARMACY, 2, 0.6)
    assert found.quote == "The requested drug is non-formulary."


def test_a_long_reason_gives_a_short_quote_around_the_category() -> None:
    text = "We looked at your records in detail. " * 8 + "The stay is not medically necessary."
    found = find_category([reason(text)], [])

    assert found is not None
    assert len(found.quote) <= 200
    assert "not medically necessary" in found.quote
    assert found.quote in text


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("Review type: Expedited (urgent)", 0.9),
        ("Type of review: Urgent", 0.9),
        ("Tipo de revisión: Urgente", 0.9),
        ("We reviewed your request as expedited.", 0.75),
        ("This is an expedited pre-service decision.", 0.75),
        ("We made this decision within 72 hours of receiving your request.", 0.6),
    ],
)
def test_urgent(text: str, confidence: float) -> None:
    found = find_urgent(pages(f"Dear Member,\n{text}\n"))

    assert found is not None
    assert found.value is True
    assert found.confidence == confidence
    assert found.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "If your case is urgent, you may ask for an expedited review within 72 hours.",
        "Fast appeal: we will give you a decision within 72 hours after we get your appeal.",
        "If your health is in serious danger, you can ask for a fast (expedited) appeal.",
        "You can request an expedited appeal by calling us.",
        "We will decide within 72 hours.",
        DMHC_STATEMENT,
    ],
)
def test_rights_paragraphs_are_not_urgency(text: str) -> None:
    assert find_urgent(pages(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CARC 50's own wording, which EOB legends print.
        (
            "50: These are non-covered services because this is not deemed a 'medical "
            "necessity' by the payer.",
            Category.MEDICAL_NECESSITY,
        ),
        # Spanish pharmacy denials: a quantity limit, a drug not on the formulary.
        (
            "La cantidad solicitada supera el límite de cantidad de nuestro formulario.",
            Category.PHARMACY,
        ),
        ("El medicamento no está en nuestro formulario.", Category.PHARMACY),
        ("Este medicamento no está en la lista de medicamentos del plan.", Category.PHARMACY),
        # A missing prior authorization, as claim denials word it (CARC 197 and prose).
        (
            "Your policy requires prior authorization for advanced imaging, and we have no "
            "record that your provider asked for it before the service.",
            Category.ADMINISTRATIVE,
        ),
        ("We have no record of a prior authorization for this service.", Category.ADMINISTRATIVE),
        ("197: Precertification/authorization absent.", Category.ADMINISTRATIVE),
        (
            "Your provider did not get an authorization from your medical group first.",
            Category.ADMINISTRATIVE,
        ),
        ("El servicio se prestó sin autorización previa.", Category.ADMINISTRATIVE),
    ],
)
def test_more_category_wording(text: str, expected: Category) -> None:
    assert category_named_in(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        # "Formulario" is also a form: the DMHC statement's "formularios de quejas".
        "El sitio web del departamento tiene formularios de quejas e instrucciones en línea.",
        "This service requires prior authorization.",
        "Please ask your doctor to send the prior authorization form.",
    ],
)
def test_words_that_name_no_category(text: str) -> None:
    assert category_named_in(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Type of review: Medical Necessity", Category.MEDICAL_NECESSITY),
        ("Type of review: Experimental/Investigational", Category.EXPERIMENTAL),
        ("IMR type: Urgent Care", Category.EMERGENCY_PAYMENT),
        ("Type of case: Coverage dispute", Category.NOT_COVERED),
        ("Tipo de revisión: Necesidad médica", Category.MEDICAL_NECESSITY),
        ("Type of review: Expedited", None),
        ("Review type: Standard", None),
    ],
)
def test_the_review_type_a_dmhc_letter_states(line: str, expected: Category | None) -> None:
    letter = f"Case number: IMR-2026-000123\nHealth plan: Blue Shield of California\n{line}\n"

    found = find_review_type(pages(letter))

    assert review_type_named_in(letter) is expected
    assert (found.value if found else None) is expected
    if found is not None:
        assert found.quote == line
        assert found.confidence == 0.9


def test_without_a_review_type_a_dmhc_letter_says_what_the_dispute_is() -> None:
    letter = pages(
        "We reviewed your Independent Medical Review application. Your health plan denied the "
        "service as an excluded benefit, which is a coverage dispute, not a question of medical "
        "necessity. The Department of Managed Health Care will review your case as a standard "
        "complaint."
    )

    found = find_review_type(letter)

    assert found is not None
    assert found.value is Category.NOT_COVERED
    assert "excluded benefit" in found.quote


def test_a_dmhc_acknowledgement_names_no_review_type() -> None:
    letter = pages(
        "The Department of Managed Health Care (DMHC) received your Independent Medical Review "
        "(IMR) application on April 22, 2026. We have asked your health plan to send us your "
        "medical records."
    )

    assert find_review_type(letter) is None
