"""Stated deadlines: amounts in digits and words, units, the action each limit is for, the
start event skipped, traps (clinical history, "more than 30 days"), the quote invariant."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain import stated_deadlines as sd
from denialwatch.domain.model import StatedDeadline
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page
from tests.unit.denial_letters import DMHC_STATEMENT, LETTERS


def page(text: str) -> list[Page]:
    return [Page("letter.pdf", 1, text)]


def limits(text: str) -> list[tuple[int, str, str]]:
    return [
        (f.value.amount, f.value.unit, f.value.action) for f in sd.find_stated_deadlines(page(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "You may file a grievance with Kaiser Permanente within 180 days from the date of "
            "this letter.",
            (180, "days", "grievance"),
        ),
        ("You must ask for an appeal within 60 days.", (60, "days", "appeal")),
        (
            "You must ask for an appeal within sixty (60) days of the date of this Notice of "
            "Action.",
            (60, "days", "appeal"),
        ),
        (
            "You must file your grievance no later than one hundred eighty (180) calendar days "
            "from the date of this letter.",
            (180, "calendar_days", "grievance"),
        ),
        (
            "If you want to keep getting your services while your appeal is being decided, you "
            "must ask for an appeal within 10 days from the date this notice was postmarked or "
            "delivered to you.",
            (10, "days", "continue_services"),
        ),
        (
            "You must ask for a State Hearing within 120 days from the date of the Notice of "
            "Appeal Resolution.",
            (120, "days", "state_hearing"),
        ),
        (
            "You must ask for an IMR within 6 months of the date of the Notice of Appeal "
            "Resolution.",
            (6, "months", "imr"),
        ),
        (
            "You may ask for an Independent Medical Review within six months.",
            (6, "months", "imr"),
        ),
        ("If your case is urgent, we will decide within 72 hours.", (72, "hours", "decision")),
        (
            "We will resolve your grievance within thirty (30) calendar days.",
            (30, "calendar_days", "decision"),
        ),
        (
            "L.A. Care will send you a Notice of Appeal Resolution within 30 days.",
            (30, "days", "decision"),
        ),
        ("Your appeal will be decided within 30 days.", (30, "days", "decision")),
        (
            "Fast appeal: we will give you a decision within seventy-two hours.",
            (72, "hours", "decision"),
        ),
        (
            "You have 180 days from the date you receive this letter to file an appeal.",
            (180, "days", "appeal"),
        ),
        ("Ask for a reconsideration within 65 days.", (65, "days", "appeal")),
        (
            "You must ask for external review within 4 months of receiving the final appeal "
            "decision.",
            (4, "months", "imr"),
        ),
        (
            "You may also file a grievance (appeal) within 180 days of the date of this letter.",
            (180, "days", "grievance"),
        ),
        (
            "Your doctor must send the records within 14 business days.",
            (14, "business_days", "other"),
        ),
        (
            "Si no está de acuerdo, puede presentar una apelación dentro de 60 días.",
            (60, "days", "appeal"),
        ),
        ("Tiene sesenta (60) días para pedir una apelación.", (60, "days", "appeal")),
        ("Decidiremos dentro de 72 horas.", (72, "hours", "decision")),
        (
            "Debe pedir una Audiencia Estatal dentro de los 120 días a partir de la fecha del "
            "Aviso de Resolución de Apelación.",
            (120, "days", "state_hearing"),
        ),
        ("Responderemos a su queja dentro de 30 días hábiles.", (30, "business_days", "decision")),
    ],
)
def test_stated_limits(text: str, expected: tuple[int, str, str]) -> None:
    findings = sd.find_stated_deadlines(page(f"Dear Member,\n\n{text}\n\nSincerely,"))

    assert [(f.value.amount, f.value.unit, f.value.action) for f in findings] == [expected]


def test_an_action_in_the_sentence_before() -> None:
    text = (
        "You can also ask for a State Hearing from the California Department of Social "
        "Services. You must ask within 120 days of the date of the Notice of Appeal Resolution."
    )

    (found,) = sd.find_stated_deadlines(page(text))

    assert found.value == StatedDeadline(120, "days", "state_hearing")
    assert found.quote == text
    assert found.confidence == 0.6


def test_two_limits_in_one_sentence() -> None:
    text = "We will decide within 30 days, or within 72 hours if your doctor says it is urgent."

    assert limits(text) == [(30, "days", "decision"), (72, "hours", "decision")]


@pytest.mark.parametrize(
    "text",
    [
        "Your records do not show at least 6 months of conservative treatment.",
        "You had physical therapy for 12 weeks within the last year.",
        "You had surgery within 30 days of the fall.",
        "a grievance that has remained unresolved for more than 30 days",
        "You have the right to appeal.",
        "within 14 weeks",
        "We reviewed 12 additional visits.",
    ],
)
def test_what_is_not_a_stated_limit(text: str) -> None:
    assert limits(text) == []


def test_the_dmhc_statement_states_no_limit() -> None:
    assert limits(DMHC_STATEMENT) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kaiser", [(180, "days", "grievance"), (72, "hours", "decision")]),
        ("la_care", [(60, "days", "appeal")]),
        ("medicare", [(65, "days", "appeal"), (72, "hours", "decision")]),
        ("erisa", [(180, "days", "appeal")]),
        ("spanish", [(60, "days", "appeal")]),
        ("anthem", [(180, "days", "appeal")]),
    ],
)
def test_sample_letters(name: str, expected: list[tuple[int, str, str]]) -> None:
    assert limits(LETTERS[name]) == expected


def test_each_limit_once_in_reading_order_and_capped() -> None:
    repeated = "You must ask for an appeal within 60 days. " * 3
    many = " ".join(f"You must send the form within {n} days." for n in range(1, 40))

    assert limits(repeated) == [(60, "days", "appeal")]
    assert len(sd.find_stated_deadlines(page(many))) == sd.MAX_DEADLINES


def test_the_vocabularies() -> None:
    assert sd.UNITS == ("calendar_days", "days", "business_days", "hours", "months")
    assert set(sd.ACTIONS) == {
        "grievance",
        "appeal",
        "state_hearing",
        "imr",
        "decision",
        "continue_services",
        "other",
    }


_WORDS = [
    "within ",
    "no later than ",
    "you have ",
    "dentro de ",
    "60 ",
    "sixty ",
    "one hundred eighty ",
    "(180) ",
    "seventy-two ",
    "days",
    "calendar days",
    "business days",
    "hours",
    "months",
    "días",
    " to file an appeal",
    "grievance ",
    "State Hearing ",
    "IMR ",
    "we will decide ",
    "keep your services ",
    " of the date of the Notice of Appeal Resolution",
    "You must ask ",
    ". ",
    "\n",
    ", ",
]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=10)), max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_amount_unit_and_action_are_printed_in_the_quote(text: str) -> None:
    findings = sd.find_stated_deadlines(page(text))

    assert len(findings) <= sd.MAX_DEADLINES
    for found in findings:
        assert found.quote in text
        assert len(found.quote) <= MAX_QUOTE_CHARS
        assert found.value.unit in sd.UNITS
        assert found.value.action in sd.ACTIONS
        assert (found.value.amount, found.value.unit) in sd.durations_in(found.quote)
        action = found.value.action
        assert action == "other" or action in sd.actions_named_in(found.quote)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = (
        "within sixty one hundred (60) days appeal of the date of grievance, " * 10 + "\n"
    ) * 1_500
    pages = [Page("junk.pdf", n, t) for n, t in enumerate((junk, "within " * 140_000), start=1)]

    started = time.perf_counter()
    sd.find_stated_deadlines(pages)

    assert time.perf_counter() - started < 20
