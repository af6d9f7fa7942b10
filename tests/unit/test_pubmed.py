"""PubMed's pure part: the E-utilities URLs and the parsing of recorded JSON replies."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from denialwatch.config import EvidenceSettings
from denialwatch.errors import ParseError
from denialwatch.evidence.pubmed import (
    STUDY_FILTER,
    Citation,
    Throttle,
    esearch_url,
    esummary_url,
    parse_esearch,
    parse_esummary,
    search_citations,
    search_term,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pubmed"
BASE = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"


def recorded(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_search_term_is_two_title_abstract_phrases_and_the_study_filter() -> None:
    assert search_term("lumbar fusion", "spinal stenosis") == (
        f'("lumbar fusion"[tiab]) AND ("spinal stenosis"[tiab]) AND {STUDY_FILTER}'
    )
    assert search_term("MRI", None) == f'("MRI"[tiab]) AND {STUDY_FILTER}'


def test_search_term_keeps_the_patients_words_inside_their_phrase() -> None:
    term = search_term('knee "MRI"[ti] OR (x*)', "  back\n pain ")
    assert term.startswith('("knee MRI ti OR x"[tiab]) AND ("back pain"[tiab])')


def test_esearch_url_names_the_tool_and_email() -> None:
    url = esearch_url(BASE, "lumbar fusion", "spinal stenosis", email="ops@x.org", max_results=5)
    assert url.startswith(BASE + "esearch.fcgi?")
    assert query(url) == {
        "db": ["pubmed"],
        "term": [search_term("lumbar fusion", "spinal stenosis")],
        "retmax": ["5"],
        "sort": ["relevance"],
        "retmode": ["json"],
        "tool": ["denialwatch"],
        "email": ["ops@x.org"],
    }
    with_key = esearch_url(BASE, "a", None, email="e@x", max_results=3, api_key="k123")
    assert query(with_key)["api_key"] == ["k123"]


def test_esummary_url() -> None:
    url = esummary_url(BASE, ("1", "22"), email="ops@x.org")
    assert url.startswith(BASE + "esummary.fcgi?")
    assert query(url) == {
        "db": ["pubmed"],
        "id": ["1,22"],
        "retmode": ["json"],
        "tool": ["denialwatch"],
        "email": ["ops@x.org"],
    }


def test_parse_esearch_keeps_relevance_order() -> None:
    assert parse_esearch(recorded("esearch.json")) == ("91000003", "91000001", "91000002")
    assert parse_esearch(recorded("esearch_empty.json")) == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json {", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"header": {}}', "no esearchresult"),
        (b'{"esearchresult": {"ERROR": "Invalid query"}}', "esearch reported an error"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_parse_esearch_refuses_what_is_not_an_answer(body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_esearch(body)


def test_parse_esearch_drops_ids_that_are_not_pmids() -> None:
    body = b'{"esearchresult": {"idlist": ["123", "12&x=1", 7, "123", "456"]}}'
    assert parse_esearch(body) == ("123", "456")


def test_parse_esummary() -> None:
    citations = parse_esummary(recorded("esummary.json"), ("91000003", "91000001", "91000002"))
    assert [c.pmid for c in citations] == ["91000003", "91000001"]  # 91000002: NCBI's error
    review, trial = citations
    assert review == Citation(
        pmid="91000003",
        title=(
            "Decompression with or without fusion for degenerative lumbar spinal stenosis: "
            "a systematic review and meta-analysis."
        ),
        authors=("Alvarez MJ", "Okafor N", "Lindqvist E", "et al."),
        journal="Spine J",
        year=2021,
        doi="10.1016/j.spinee.2020.11.004",
    )
    assert trial.authors == ("Bergström K", "Chen W")
    assert (trial.year, trial.doi) == (2019, None)


def test_parse_esummary_follows_the_requested_order() -> None:
    citations = parse_esummary(recorded("esummary.json"), ("91000001", "91000003"))
    assert [c.pmid for c in citations] == ["91000001", "91000003"]
    assert [c.pmid for c in parse_esummary(recorded("esummary.json"))] == [
        "91000003",
        "91000001",
    ]


def test_parse_esummary_refuses_what_is_not_an_answer() -> None:
    with pytest.raises(ParseError):
        parse_esummary(recorded("invalid.json"))
    with pytest.raises(ParseError, match="no result"):
        parse_esummary(b'{"header": {"type": "esummary"}}')


def test_doi_from_elocationid_when_articleids_lack_it() -> None:
    body = (
        b'{"result": {"uids": ["5"], "5": {"title": "T", "source": "J", "pubdate": "2001 Dec",'
        b' "authors": [], "articleids": [], "elocationid": "doi: 10.1/abc"}}}'
    )
    (citation,) = parse_esummary(body)
    assert (citation.doi, citation.year, citation.authors) == ("10.1/abc", 2001, ())


def test_formatted_is_one_ama_style_line() -> None:
    review, trial = parse_esummary(recorded("esummary.json"))
    assert review.formatted() == (
        "Alvarez MJ, Okafor N, Lindqvist E, et al. Decompression with or without fusion for "
        "degenerative lumbar spinal stenosis: a systematic review and meta-analysis. Spine J. "
        "2021. PMID: 91000003. doi:10.1016/j.spinee.2020.11.004"
    )
    assert trial.formatted() == (
        "Bergström K, Chen W. Fusion surgery for lumbar spinal stenosis with spondylolisthesis: "
        "a randomized trial. N Engl J Med. 2019. PMID: 91000001."
    )
    bare = Citation(pmid="1", title="T", authors=(), journal="", year=None, doi=None)
    assert bare.formatted() == "T. PMID: 1."


def test_throttle_spaces_requests_and_respects_the_deadline() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = Throttle(clock=lambda: now[0], sleep=sleep)
    assert throttle.wait(1 / 3, deadline=200)
    assert throttle.wait(1 / 3, deadline=200)
    assert throttle.wait(1 / 3, deadline=200)
    assert slept == pytest.approx([1 / 3, 1 / 3])
    assert not throttle.wait(1 / 3, deadline=now[0])  # its turn would come after the deadline
    assert len(slept) == 2


def test_off_or_without_a_treatment_sends_nothing() -> None:
    off = EvidenceSettings(pubmed_base_url="http://127.0.0.1:9/")
    assert search_citations("MRI", "back pain", settings=off) == ()
    on = EvidenceSettings(
        pubmed=True, pubmed_email="a@b.org", pubmed_base_url="http://127.0.0.1:9/"
    )
    assert search_citations(None, "back pain", settings=on) == ()
    assert search_citations(' "" ', "back pain", settings=on) == ()
