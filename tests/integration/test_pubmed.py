"""PubMed search against a real local HTTP server serving recorded E-utilities replies.

The server runs in a thread on 127.0.0.1 and records every request it gets, so the tests check
the parameters NCBI would receive; then the ways a search fails: HTTP 500, invalid JSON, a
server that never answers (the total time bound holds) and no server at all.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from denialwatch.config import EvidenceSettings
from denialwatch.evidence import suggest
from denialwatch.evidence.pubmed import search_citations, search_term

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pubmed"
TREATMENT, CONDITION = "lumbar fusion", "spinal stenosis"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0


@dataclass
class Recorder:
    replies: dict[str, Reply] = field(default_factory=dict)
    requests: list[tuple[float, str, dict[str, list[str]]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


def handler_for(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            name = parts.path.rsplit("/", 1)[-1]
            recorder.requests.append((time.monotonic(), name, parse_qs(parts.query)))
            reply = recorder.replies.get(name, Reply(404, b"{}"))
            if reply.delay:
                recorder.release.wait(reply.delay)
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads ``recorder.requests`` instead."""

    return Handler


@pytest.fixture
def eutils() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(recorder))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder, f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils/"
    finally:
        recorder.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def settings(base_url: str, **extra: object) -> EvidenceSettings:
    values: dict[str, object] = {
        "pubmed": True,
        "pubmed_email": "ops@denialwatch.example.org",
        "pubmed_base_url": base_url,
        "pubmed_max_results": 3,
    }
    return EvidenceSettings.model_validate(values | extra)


def recorded(name: str) -> Reply:
    return Reply(body=(FIXTURES / name).read_bytes())


def no_terms_logged(caplog: pytest.LogCaptureFixture) -> None:
    text = caplog.text.lower()
    assert "fusion" not in text
    assert "stenosis" not in text


def timed(call: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_search_sends_ncbi_parameters_and_parses_the_replies(
    eutils: tuple[Recorder, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    recorder, base = eutils
    recorder.replies = {
        "esearch.fcgi": recorded("esearch.json"),
        "esummary.fcgi": recorded("esummary.json"),
    }
    key_file = tmp_path / "ncbi-key"
    key_file.write_text("abc123key\n")
    caplog.set_level(logging.INFO, logger="denialwatch.evidence")

    citations = search_citations(
        TREATMENT, CONDITION, settings=settings(base, pubmed_api_key_file=str(key_file))
    )

    assert [c.pmid for c in citations] == ["91000003", "91000001"]
    assert citations[0].formatted().startswith("Alvarez MJ, Okafor N, Lindqvist E, et al.")
    (_, first, search), (_, second, summary) = recorder.requests
    assert (first, second) == ("esearch.fcgi", "esummary.fcgi")
    assert search == {
        "db": ["pubmed"],
        "term": [search_term(TREATMENT, CONDITION)],
        "retmax": ["3"],
        "sort": ["relevance"],
        "retmode": ["json"],
        "tool": ["denialwatch"],
        "email": ["ops@denialwatch.example.org"],
        "api_key": ["abc123key"],
    }
    assert summary["id"] == ["91000003,91000001,91000002"]
    assert summary["api_key"] == ["abc123key"]
    no_terms_logged(caplog)
    assert "abc123key" not in caplog.text


def test_requests_are_spaced_by_ncbis_rate_without_a_key(eutils: tuple[Recorder, str]) -> None:
    recorder, base = eutils
    recorder.replies = {
        "esearch.fcgi": recorded("esearch.json"),
        "esummary.fcgi": recorded("esummary.json"),
    }
    for _ in range(2):
        assert len(search_citations(TREATMENT, CONDITION, settings=settings(base))) == 2
    times = [at for at, _, _ in recorder.requests]
    assert len(times) == 4
    assert all(b - a >= 1 / 3 - 0.02 for a, b in itertools.pairwise(times))


def test_no_results_ask_for_no_summary(eutils: tuple[Recorder, str]) -> None:
    recorder, base = eutils
    recorder.replies = {"esearch.fcgi": recorded("esearch_empty.json")}
    assert search_citations(TREATMENT, None, settings=settings(base)) == ()
    assert [name for _, name, _ in recorder.requests] == ["esearch.fcgi"]
    assert "term" in recorder.requests[0][2]


@pytest.mark.parametrize(
    ("replies", "logged"),
    [
        ({"esearch.fcgi": Reply(500, b"Internal Server Error")}, "HTTP 500"),
        ({"esearch.fcgi": recorded("invalid.json")}, "not JSON"),
        ({"esearch.fcgi": recorded("esearch_error.json")}, "esearch reported an error"),
        (
            {
                "esearch.fcgi": recorded("esearch.json"),
                "esummary.fcgi": Reply(429, b'{"error":"API rate limit exceeded"}'),
            },
            "HTTP 429",
        ),
        (
            {"esearch.fcgi": recorded("esearch.json"), "esummary.fcgi": recorded("invalid.json")},
            "not JSON",
        ),
    ],
)
def test_failures_give_no_citations_and_one_log_line(
    eutils: tuple[Recorder, str],
    caplog: pytest.LogCaptureFixture,
    replies: dict[str, Reply],
    logged: str,
) -> None:
    recorder, base = eutils
    recorder.replies = replies
    caplog.set_level(logging.INFO, logger="denialwatch.evidence")
    assert search_citations(TREATMENT, CONDITION, settings=settings(base)) == ()
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert logged in warnings[0].getMessage()
    no_terms_logged(caplog)


def test_a_server_that_never_answers_is_given_up_on_in_time(
    eutils: tuple[Recorder, str], caplog: pytest.LogCaptureFixture
) -> None:
    recorder, base = eutils
    recorder.replies = {"esearch.fcgi": Reply(body=b"{}", delay=30)}
    result, elapsed = timed(
        lambda: search_citations(TREATMENT, CONDITION, settings=settings(base), timeout=0.5)
    )
    assert result == ()
    assert elapsed < 1.5
    assert "timed out" in caplog.text
    no_terms_logged(caplog)


def test_the_configured_timeout_is_the_default_bound(eutils: tuple[Recorder, str]) -> None:
    recorder, base = eutils
    recorder.replies = {"esearch.fcgi": Reply(body=b"{}", delay=30)}
    slow = settings(base, pubmed_timeout_seconds=0.4)
    result, elapsed = timed(lambda: search_citations(TREATMENT, CONDITION, settings=slow))
    assert result == ()
    assert elapsed < 1.5


def test_no_server_at_all(caplog: pytest.LogCaptureFixture) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    result, elapsed = timed(lambda: search_citations(TREATMENT, CONDITION, settings=settings(base)))
    assert result == ()
    assert elapsed < 5
    assert "pubmed search gave no citations" in caplog.text
    no_terms_logged(caplog)


def test_suggest_returns_references_and_never_raises(eutils: tuple[Recorder, str]) -> None:
    recorder, base = eutils
    recorder.replies = {
        "esearch.fcgi": recorded("esearch.json"),
        "esummary.fcgi": recorded("esummary.json"),
    }
    found = suggest(settings(base), treatment=TREATMENT, condition=CONDITION, language="es")
    assert [c.pmid for c in found.citations] == ["91000003", "91000001"]
    assert found.references[1].endswith("PMID: 91000001.")
    assert (found.similar, found.note) == (None, ())
    recorder.replies = {"esearch.fcgi": Reply(500, b"")}
    assert suggest(settings(base), treatment=TREATMENT, condition=None).citations == ()


def test_a_new_cases_draft_suggests_references_and_its_packet_shows_past_outcomes(
    eutils: tuple[Recorder, str], tmp_path: Path
) -> None:
    """Through the service: a denial forwarded, the letter drafted with the suggested
    references; the packet's cover tells how similar IMRs were decided."""
    import mailbox

    from denialwatch.service.letters import render_version
    from denialwatch.service.runner import run_pass
    from denialwatch.service.runtime import build_runtime
    from tests.builders import TERESA, forward_gmail_inline, insurer_email
    from tests.builders.catalogue.labelled import LABELLED_LETTERS
    from tests.conftest import make_config

    recorder, base_url = eutils
    recorder.replies["esearch.fcgi"] = recorded("esearch.json")
    recorder.replies["esummary.fcgi"] = recorded("esummary.json")
    outcomes = tmp_path / "imr.csv"
    header = "ReportYear,TreatmentCategory,TreatmentSubCategory,Determination,Type\n"
    rows = ["2019,Orthopedic Proc,Fusion,Overturned Decision of Health Plan,Medical Necessity"] * 4
    rows += ["2021,Orthopedic Proc,Fusion,Upheld Decision of Health Plan,Medical Necessity"] * 8
    outcomes.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    config = make_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'dw.db'}",
        evidence={
            "pubmed": True,
            "pubmed_email": "ops@denialwatch.example.org",
            "pubmed_base_url": base_url,
            "imr_data_file": str(outcomes),
        },
    )
    runtime = build_runtime(config)
    try:
        sample = LABELLED_LETTERS["kaiser_medical_necessity"].sample
        sent = datetime.now(UTC) - timedelta(days=1)
        original = insurer_email(sample, message_id="<plan-1@plans.example.com>", date=sent)
        raw = forward_gmail_inline(
            original, TERESA, note="See below.", message_id="<fwd-1@example.com>", date=sent
        )
        inbox = mailbox.Maildir(tmp_path / "inbox", create=True)
        inbox.add(mailbox.MaildirMessage(raw))
        inbox.close()
        assert run_pass(runtime).errors == 0
        letter = render_version(runtime, 1, None, "md").decode()
        packet = pdf_text(render_version(runtime, 1, None, "packet"))
    finally:
        runtime.close()
    esummary = json.loads((FIXTURES / "esummary.json").read_text(encoding="utf-8"))
    first = esummary["result"][esummary["result"]["uids"][0]]
    assert first["title"].rstrip(".") in letter
    assert "SUGGESTED REFERENCES" in letter
    assert "12 Independent Medical Reviews" in " ".join(packet.split())
    assert "4 (33%)" in packet


def pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)
