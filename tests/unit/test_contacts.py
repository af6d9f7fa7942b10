"""The plan's appeal address, phone and fax: the plan's own, never a regulator's or the
patient's; block and inline addresses; the quote invariants."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain import contacts
from denialwatch.domain.contacts import (
    NOT_THE_PLAN,
    digits,
    find_appeal_address,
    find_appeal_fax,
    find_appeal_phone,
    skeleton,
)
from denialwatch.domain.extract import GENERIC_LABEL, LABELLED, PHRASE
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page, normalise_space
from tests.unit.denial_letters import ANTHEM_CDI, DMHC_STATEMENT, KAISER_MEDICAL_NECESSITY


def page(text: str) -> list[Page]:
    return [Page("letter.pdf", 1, text)]


BLUE_SHIELD_BLOCK = """\
Blue Shield of California
P.O. Box 272540
Chico, CA 95927-2540

Jane Q. Patient
123 Main Street
Los Angeles, CA 90012

If you disagree with our decision, send your written appeal to:

Blue Shield of California
Appeals and Grievances Department
P.O. Box 5588
El Dorado Hills, CA 95762-0011
Fax: (916) 350-7585

You can also call Customer Service at 1-888-555-0121 (TTY 711) to file a grievance.
"""

LA_CARE_INLINE = """\
You can ask L.A. Care for an appeal. You must ask for an appeal within 60 days of the date of
this Notice of Action. Call Member Services at 1-888-555-0168 (TTY 711), or write to L.A. Care
Health Plan, Appeals and Grievances, P.O. Box 811610, Los Angeles, CA 90081-1610.

State Hearing

You can also ask for a State Hearing. Call 1-800-952-5253 (TTY 1-800-952-8349), or write to the
California Department of Social Services, State Hearings Division, P.O. Box 944243, Mail Station
9-17-433, Sacramento, CA 94244-2430.
"""


def test_a_block_address_after_its_lead_in() -> None:
    found = find_appeal_address(page(BLUE_SHIELD_BLOCK))

    assert found is not None
    assert found.value == (
        "Blue Shield of California, Appeals and Grievances Department, P.O. Box 5588, "
        "El Dorado Hills, CA 95762-0011"
    )
    assert found.quote.startswith("If you disagree with our decision, send your written appeal")
    assert found.quote.endswith("El Dorado Hills, CA 95762-0011")
    assert found.confidence == LABELLED


def test_an_address_inside_a_sentence_keeps_its_commas_and_unwraps() -> None:
    found = find_appeal_address(page(LA_CARE_INLINE))

    assert found is not None
    assert found.value == (
        "L.A. Care Health Plan, Appeals and Grievances, P.O. Box 811610, Los Angeles, CA 90081-1610"
    )
    assert found.quote.startswith("write to L.A. Care\nHealth Plan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "You have 180 days to file an appeal. Send it to Aetna, Attn: National Accounts CRT, "
            "P.O. Box 14463, Lexington, KY 40512-4463, or call Member Services.",
            "Aetna, Attn: National Accounts CRT, P.O. Box 14463, Lexington, KY 40512-4463",
        ),
        (
            "You may file a grievance by writing to Health Net of California, Appeals and "
            "Grievances, 21281 Burbank Blvd., Woodland Hills, CA 91367.",
            "Health Net of California, Appeals and Grievances, 21281 Burbank Blvd., Woodland "
            "Hills, CA 91367",
        ),
        (
            "Para apelar, escriba a IEHP, Apelaciones y Quejas, P.O. Box 4349, Rancho Cucamonga, "
            "CA 91729-4349.",
            "IEHP, Apelaciones y Quejas, P.O. Box 4349, Rancho Cucamonga, CA 91729-4349",
        ),
        (
            "Molina Healthcare of California\nAppeals and Grievances Unit\n200 Oceangate, Suite "
            "100\nLong Beach, CA 90802\n",
            "Molina Healthcare of California, Appeals and Grievances Unit, 200 Oceangate, Suite "
            "100, Long Beach, CA 90802",
        ),
    ],
)
def test_appeal_addresses(text: str, expected: str) -> None:
    found = find_appeal_address(page(text))

    assert found is not None
    assert found.value == expected
    assert skeleton(found.value) in skeleton(found.quote)


@pytest.mark.parametrize(
    "text",
    [
        # the regulators' addresses, even with appeal wording around them
        "If your appeal is denied, write to the Department of Managed Health Care, Help Center, "
        "980 Ninth Street, Suite 500, Sacramento, CA 95814-2725.",
        "To appeal, contact the California Department of Insurance, Consumer Communications "
        "Bureau, 300 South Spring Street, Los Angeles, CA 90013.",
        # the patient's own address, and a letterhead
        "Jane Q. Patient\n123 Main Street\nLos Angeles, CA 90012\n\nDear Jane, we denied it.",
        "Kaiser Permanente\n393 East Walnut Street\nPasadena, CA 91188\n",
        "Please update your home address if you move: 55 Elm Street, Fresno, CA 93650.",
    ],
)
def test_addresses_that_are_not_the_plans_appeal_address(text: str) -> None:
    assert find_appeal_address(page(text)) is None


def test_the_state_hearing_address_is_not_the_plans() -> None:
    found = find_appeal_address(
        page(
            LA_CARE_INLINE.split("L.A. Care\nHealth Plan", maxsplit=1)[0]
            + "\n\n"
            + LA_CARE_INLINE.split("State Hearing\n\n")[1]
        )
    )

    assert found is None


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        (LA_CARE_INLINE, "1-888-555-0168", LABELLED),
        (BLUE_SHIELD_BLOCK, "1-888-555-0121", LABELLED),
        ("Appeals and Grievances Department: (800) 555-0100", "(800) 555-0100", LABELLED),
        ("To ask for an appeal, call 1-866-555-0148 (TTY 711).", "1-866-555-0148", LABELLED),
        (
            "Si no está de acuerdo, pida una apelación. Llame al 1-888-555-0168.",
            "1-888-555-0168",
            LABELLED,
        ),
        (
            "Member Services 1-800-555-0183 (TTY 711), 24 hours a day",
            "1-800-555-0183",
            GENERIC_LABEL,
        ),
        ("Questions? Call us at 1-800-555-0111.", "1-800-555-0111", PHRASE),
        (KAISER_MEDICAL_NECESSITY, "1-800-464-4000", LABELLED),
    ],
)
def test_appeal_phones(text: str, expected: str, confidence: float) -> None:
    found = find_appeal_phone(page(text))

    assert found is not None
    assert (found.value, found.confidence) == (expected, confidence)
    assert expected in found.quote


@pytest.mark.parametrize(
    "text",
    [
        DMHC_STATEMENT.replace("1-800-464-4000", "your plan"),
        "You can call the DMHC Help Center at 1-888-466-2219 or TDD 1-877-688-9891.",
        "Call the California Department of Insurance at 800.927.4357.",
        "To ask for a State Hearing, call 1-800-952-5253 (TTY 1-800-952-8349).",
        "Your doctor may call Dr. Whitcombe at 1-626-555-0193 to discuss the decision.",
        "Billing questions 1-916-555-0188",
        "Call 1-800-MEDICARE (1-800-633-4227, TTY 1-877-486-2048) or HICAP at 1-800-434-0222.",
        "You may fax the form to 916-255-5241.",
        ANTHEM_CDI,
    ],
)
def test_numbers_that_are_not_the_plans(text: str) -> None:
    found = find_appeal_phone(page(text))

    assert found is None, found


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        (BLUE_SHIELD_BLOCK, "(916) 350-7585", LABELLED),
        (
            "you may ask for an expedited grievance (appeal) by calling Member Services at "
            "1-800-555-0139 (TTY 711) or by faxing 1-800-555-0140.",
            "1-800-555-0140",
            LABELLED,
        ),
        ("Pharmacy Services fax: 1-866-555-0149", "1-866-555-0149", GENERIC_LABEL),
    ],
)
def test_appeal_faxes(text: str, expected: str, confidence: float) -> None:
    found = find_appeal_fax(page(text))

    assert found is not None
    assert (found.value, found.confidence) == (expected, confidence)
    phone = find_appeal_phone(page(text))
    assert phone is None or phone.value != expected, "a fax number is not the phone"


def test_the_dmhc_fax_is_never_the_plans() -> None:
    assert find_appeal_fax(page("Fax the IMR form to the DMHC at 916-255-5241.")) is None
    assert find_appeal_fax(page("Fax: (916) 255-5241")) is None


def test_every_regulator_number_is_ten_digits() -> None:
    assert all(len(number) == 10 and number.isdigit() for number in NOT_THE_PLAN)
    assert digits("1-888-466-2219") in NOT_THE_PLAN
    assert digits("(916) 255-5241") in NOT_THE_PLAN


def test_the_letter_beats_the_email() -> None:
    email = Page(
        "email", None, "To appeal, call me at 1-310-555-0100 after 5pm. Call us at 1-800-555-0111."
    )
    letter = Page("letter.pdf", 1, "Member Services 1-800-555-0183")

    found = find_appeal_phone([letter, email])

    assert found is not None
    assert found.document == "letter.pdf"


_WORDS = [
    "send your appeal to:\n",
    "write to ",
    "Appeals and Grievances",
    "Blue Shield of California",
    "P.O. Box 5588",
    "123 Main Street",
    "El Dorado Hills, CA 95762",
    "Sacramento, CA 95814-2725",
    "Department of Managed Health Care",
    "call Member Services at ",
    "Fax: ",
    "1-888-555-0168",
    "1-888-466-2219",
    "(916) 255-5241",
    "TTY ",
    ", ",
    "\n",
    "\n\n",
    ". ",
]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=10)), max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_contacts_are_printed_in_their_quotes_and_never_a_regulators(text: str) -> None:
    for finder in (find_appeal_phone, find_appeal_fax):
        found = finder(page(text))
        if found is not None:
            assert found.quote in text
            assert len(found.quote) <= MAX_QUOTE_CHARS
            assert found.value == normalise_space(found.value)
            assert found.value in normalise_space(found.quote)
            assert digits(found.value) not in NOT_THE_PLAN
    address = find_appeal_address(page(text))
    if address is not None:
        assert address.quote in text
        assert len(address.quote) <= MAX_QUOTE_CHARS
        assert address.value == normalise_space(address.value)
        assert "\n" not in address.value
        assert skeleton(address.value) in skeleton(address.quote)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = (
        "send your appeal to: Appeals P.O. Box 5 Los Angeles, CA 90012 call Member Services at "
        "1-800-555-0100 Fax: 1-800-555-0101 TTY 1-888-466-2219\n"
    ) * 6_000
    pages = [Page("junk.pdf", n, t) for n, t in enumerate((junk, "1-800-" * 160_000), start=1)]

    started = time.perf_counter()
    for finder in (contacts.find_appeal_address, find_appeal_phone, find_appeal_fax):
        finder(pages)

    assert time.perf_counter() - started < 30
