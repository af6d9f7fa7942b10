"""Which regulator: each marker, and the precedence when a letter carries several."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain.model import Route
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page
from denialwatch.domain.route import RULES, decide_route, route_evidence, routes_named_in
from tests.unit.denial_letters import DMHC_STATEMENT, LETTERS


def pages(*texts: str) -> list[Page]:
    return [Page("letter.pdf", n, text) for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is responsible for regulating health care\nservice plans", Route.DMHC),
        ("es responsable de regular los planes de servicios de cuidado de la salud", Route.DMHC),
        ("the Department of Managed Health Care", Route.DMHC),
        ("call 1-888-466-2219", Route.DMHC),
        ("call (888) 466-2219", Route.DMHC),
        ("call 888.466.2219", Route.DMHC),
        ("call 1-888-HMO-2219", Route.DMHC),
        ("TDD 1-877-688-9891", Route.DMHC),
        ("www.dmhc.ca.gov", Route.DMHC),
        ("http://www.hmohelp.ca.gov", Route.DMHC),
        ("www.HealthHelp.ca.gov", Route.DMHC),
        ("the California Department of Insurance", Route.CDI),
        ("1-800-927-4357", Route.CDI),
        ("800-927-HELP", Route.CDI),
        ("www.insurance.ca.gov", Route.CDI),
        ("NOTICE OF ACTION", Route.MEDI_CAL),
        ("Notice of Appeal Resolution", Route.MEDI_CAL),
        ("ask for a State Hearing", Route.MEDI_CAL),
        ("your Medi-Cal benefits", Route.MEDI_CAL),
        ("aid paid pending", Route.MEDI_CAL),
        ("AVISO DE ACCIÓN", Route.MEDI_CAL),
        ("AVISO DE ACCIAN", Route.MEDI_CAL),  # a photographed notice: OCR misread the "Ó"
        ("Notice of Denial of Medical Coverage (or Payment)", Route.MEDICARE),
        ("Notice of Denial of Payment", Route.MEDICARE),
        ("an Independent Review Entity", Route.MEDICARE),
        ("our organization determination", Route.MEDICARE),
        ("a Medicare Advantage Organization", Route.MEDICARE),
        ("call 1-800-MEDICARE", Route.MEDICARE),
        ("rights under ERISA", Route.ERISA),
        ("Section 502(a) of the Act", Route.ERISA),
        ("the right to bring a civil action", Route.ERISA),
        ("Employee Benefits Security Administration", Route.ERISA),
        ("your employer's self-funded plan", Route.ERISA),
        ("the enclosed DWC Form IMR", Route.WORKERS_COMP),
        ("Division of Workers' Compensation", Route.WORKERS_COMP),
        ("Injured worker: Robert Diaz", Route.WORKERS_COMP),
        ("Labor Code section 4610.5", Route.WORKERS_COMP),
    ],
)
def test_each_marker_decides_its_route(text: str, expected: Route) -> None:
    decision = decide_route(pages(f"Dear Member,\n{text}\n"))

    assert decision.route is expected
    found = decision.finding()
    assert found is not None
    assert found.value is expected
    assert found.quote in f"Dear Member,\n{text}\n"
    assert found.confidence >= 0.75


@pytest.mark.parametrize(
    "text",
    [
        "Medical Necessity Criteria for Initial Authorization",  # "Medical" is not "Medi-Cal"
        "medical policy bulletin",
        "call 1-888-466-22190",
        "Dear Member, we reviewed your request.",
    ],
)
def test_no_regulator(text: str) -> None:
    decision = decide_route(pages(text))

    assert decision.route is Route.UNKNOWN
    assert decision.finding() is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kaiser", Route.DMHC),
        ("blue_shield", Route.DMHC),
        ("anthem", Route.CDI),
        ("la_care", Route.MEDI_CAL),
        ("medicare", Route.MEDICARE),
        ("erisa", Route.ERISA),
        ("workers_comp", Route.WORKERS_COMP),
        ("emergency", Route.DMHC),
        ("step_therapy", Route.DMHC),
        ("spanish", Route.MEDI_CAL),
    ],
)
def test_sample_letters(name: str, expected: Route) -> None:
    assert decide_route(pages(LETTERS[name])).route is expected


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Injured worker\n" + DMHC_STATEMENT, Route.WORKERS_COMP, "workers' compensation"),
        ("Medicare Advantage plan\n" + DMHC_STATEMENT, Route.MEDICARE, "Medicare"),
        ("NOTICE OF ACTION\nMedicare Advantage", Route.MEDICARE, "Medicare"),
        (
            "self-insured plan. California Department of Insurance",
            Route.ERISA,
            "self-funded",
        ),
        ("Medi-Cal\n" + DMHC_STATEMENT, Route.MEDI_CAL, "Medi-Cal"),
        ("civil action under Section 502(a). www.insurance.ca.gov", Route.CDI, "state"),
        ("ERISA. " + DMHC_STATEMENT, Route.DMHC, "state"),
        ("civil action under Section 502(a) of ERISA", Route.ERISA, "ERISA"),
    ],
)
def test_precedence(text: str, expected: Route, why: str) -> None:
    decision = decide_route(pages(text))

    assert decision.route is expected
    assert why in decision.why


def test_dmhc_and_cdi_more_evidence_wins_at_lower_confidence() -> None:
    decision = decide_route(pages(DMHC_STATEMENT + "\nCalifornia Department of Insurance"))

    assert decision.route is Route.DMHC
    assert decision.confidence == 0.6


def test_dmhc_and_cdi_equally_is_unknown_with_a_quote() -> None:
    decision = decide_route(pages("www.dmhc.ca.gov or www.insurance.ca.gov"))

    assert decision.route is Route.UNKNOWN
    found = decision.finding()
    assert found is not None
    assert found.value is Route.UNKNOWN
    assert found.confidence == 0.3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Medicare coverage guidelines (LCD L33718) were used.", Route.MEDICARE),
        ("As the insured, you may appeal.", Route.CDI),
    ],
)
def test_weak_wording_alone_routes_at_low_confidence(text: str, expected: Route) -> None:
    decision = decide_route(pages(text))

    assert decision.route is expected
    assert decision.confidence <= 0.4


def test_weak_workers_comp_words_never_route() -> None:
    text = "Our utilization review team and the claims administrator reviewed the RFA."

    assert decide_route(pages(text)).route is Route.UNKNOWN


def test_the_quote_comes_from_the_first_page_in_order() -> None:
    decision = decide_route(pages("Page one. www.dmhc.ca.gov", "Page two. www.dmhc.ca.gov"))

    found = decision.finding()
    assert found is not None
    assert found.page == 1


def test_every_rule_names_its_route_in_routes_named_in() -> None:
    for rule in RULES:
        assert rule.name
        assert 0 < rule.weight <= 1
    assert routes_named_in(DMHC_STATEMENT) == {Route.DMHC}


def test_route_evidence_quotes_every_marker_the_deciding_one_first() -> None:
    text = (
        "SCAN Health Plan\nA Medicare Advantage Organization\n"
        "Notice of Denial of Medical Coverage (or Payment)\n"
        "Our utilization review team reviewed it.\n" + DMHC_STATEMENT
    )
    decision = decide_route(pages(text))

    evidence = decision.findings()

    assert evidence[0] == decision.finding()
    assert evidence[0].value is Route.MEDICARE
    assert [f.value for f in evidence].count(Route.DMHC) >= 1
    assert Route.WORKERS_COMP in {f.value for f in evidence}, "weak markers are listed too"
    weights = [f.confidence for f in evidence[1:]]
    assert weights == sorted(weights, reverse=True)
    assert route_evidence(pages(text)) == evidence


def test_route_evidence_says_each_route_once_per_line() -> None:
    evidence = route_evidence(pages("www.dmhc.ca.gov or www.insurance.ca.gov"))

    assert evidence[0].value is Route.UNKNOWN
    assert sorted(f.value for f in evidence[1:]) == [Route.CDI, Route.DMHC]
    assert len(evidence) == 3


def test_no_marker_no_evidence() -> None:
    assert route_evidence(pages("Dear Member, we reviewed your request.")) == ()


_MARKERS = [
    "responsible for regulating health care service plans",
    "1-888-466-2219",
    "California Department of Insurance",
    "NOTICE OF ACTION",
    "State Hearing",
    "Medicare Advantage",
    "self-funded",
    "Section 502(a)",
    "utilization review",
    "www.dmhc.ca.gov",
    "\n",
    ". ",
]
_texts = st.lists(st.one_of(st.sampled_from(_MARKERS), st.text(max_size=20)), max_size=25).map(
    "".join
)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_every_evidence_quote_names_its_route(text: str) -> None:
    evidence = route_evidence(pages(text))

    deciding = decide_route(pages(text)).finding()
    if deciding is not None:
        assert evidence[0] == deciding
    for found in evidence:
        assert found.quote in text
        assert len(found.quote) <= MAX_QUOTE_CHARS
        assert found.value is Route.UNKNOWN or found.value in routes_named_in(found.quote)
    assert len({(f.value, f.quote) for f in evidence}) == len(evidence)
