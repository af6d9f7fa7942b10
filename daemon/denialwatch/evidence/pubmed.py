"""Suggested citations from PubMed, through NCBI's E-utilities (esearch, then esummary).

The pure part builds the two request URLs and parses the two JSON replies; ``search_citations``
is the thin shell that sends them with ``urllib``. NCBI's usage policy
(https://www.ncbi.nlm.nih.gov/books/NBK25497/): name the client with ``tool`` and ``email``, at
most 3 requests a second without an API key (10 with one).

Offline-safe by design: evidence is a suggestion for the patient and their doctor, never a
reason to hold a letter back. ``search_citations`` never raises; on any failure (no network,
an HTTP error, a bad reply, the total time bound) it logs one line and returns ``()``.
The search terms name the patient's treatment and condition, which is health information:
no log line, error message or exception carries them, nor the URL (which holds them and the key).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from denialwatch.config import EvidenceSettings
from denialwatch.errors import ParseError

log = logging.getLogger(__name__)

TOOL = "denialwatch"
MAX_AUTHORS = 3
MAX_REPLY_BYTES = 2 * 1024 * 1024
"""A reply larger than this is not an E-utilities answer to our question."""

STUDY_FILTER = (
    "(systematic review[pt] OR meta-analysis[pt] OR randomized controlled trial[pt]"
    " OR clinical trial[pt] OR practice guideline[pt] OR guideline[pt] OR review[pt])"
)
"""Publication types a reviewer weighs most: reviews, trials and guidelines."""

_PMID = re.compile(r"^[0-9]{1,10}$")
_YEAR = re.compile(r"\b(1[89][0-9]{2}|2[0-9]{3})\b")
_NOT_IN_PHRASE = re.compile(r'["\[\]()*]+')


@dataclass(frozen=True)
class Citation:
    """One article, as much of it as an AMA-style reference needs."""

    pmid: str
    title: str
    authors: tuple[str, ...]
    """At most ``MAX_AUTHORS`` names, then "et al." when there were more."""
    journal: str
    year: int | None
    doi: str | None

    def formatted(self) -> str:
        """One line: "Authors. Title. Journal. Year. PMID: n. doi:..." (empty parts left out)."""
        parts = [
            ", ".join(self.authors),
            self.title,
            self.journal,
            str(self.year) if self.year else "",
            f"PMID: {self.pmid}",
        ]
        line = " ".join(f"{p.rstrip('. ')}." for p in parts if p.strip(". "))
        return f"{line} doi:{self.doi}" if self.doi else line


def _phrase(text: str) -> str:
    """Free text as one PubMed phrase: no quotes, brackets or wildcards of its own."""
    return " ".join(_NOT_IN_PHRASE.sub(" ", text).split())


def search_term(treatment: str, condition: str | None) -> str:
    """``("<treatment>"[tiab]) AND ("<condition>"[tiab]) AND <study filter>``."""
    parts = [f'("{_phrase(treatment)}"[tiab])']
    if condition and _phrase(condition):
        parts.append(f'("{_phrase(condition)}"[tiab])')
    parts.append(STUDY_FILTER)
    return " AND ".join(parts)


def _identity(email: str, api_key: str | None) -> list[tuple[str, str]]:
    params = [("tool", TOOL), ("email", email)]
    if api_key:
        params.append(("api_key", api_key))
    return params


def esearch_url(
    base_url: str,
    treatment: str,
    condition: str | None,
    *,
    email: str,
    max_results: int,
    api_key: str | None = None,
) -> str:
    """The esearch request for the PMIDs of the most relevant articles."""
    params = [
        ("db", "pubmed"),
        ("term", search_term(treatment, condition)),
        ("retmax", str(max_results)),
        ("sort", "relevance"),
        ("retmode", "json"),
        *_identity(email, api_key),
    ]
    return f"{base_url}esearch.fcgi?{urlencode(params)}"


def esummary_url(
    base_url: str, pmids: Sequence[str], *, email: str, api_key: str | None = None
) -> str:
    """The esummary request for the articles ``pmids`` names."""
    params = [
        ("db", "pubmed"),
        ("id", ",".join(pmids)),
        ("retmode", "json"),
        *_identity(email, api_key),
    ]
    return f"{base_url}esummary.fcgi?{urlencode(params)}"


def _json_object(body: bytes) -> Mapping[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ParseError("the reply is not JSON") from err
    if not isinstance(data, dict):
        raise ParseError("the reply is not a JSON object")
    return data


def parse_esearch(body: bytes) -> tuple[str, ...]:
    """The PMIDs of an esearch JSON reply, best first; ``ParseError`` if it is not one."""
    result = _json_object(body).get("esearchresult")
    if not isinstance(result, dict):
        raise ParseError("no esearchresult in the reply")
    idlist = result.get("idlist")
    if not isinstance(idlist, list):
        error = "ERROR" in result or "errorlist" in result
        raise ParseError("esearch reported an error" if error else "no idlist in the reply")
    return tuple(dict.fromkeys(p for p in idlist if isinstance(p, str) and _PMID.match(p)))


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    raw = entry.get("authors")
    names = [
        _text(a.get("name"))
        for a in (raw if isinstance(raw, list) else [])
        if isinstance(a, dict) and a.get("authtype", "Author") == "Author"
    ]
    names = [n for n in names if n]
    return (*names[:MAX_AUTHORS], "et al.") if len(names) > MAX_AUTHORS else tuple(names)


def _year(entry: Mapping[str, Any]) -> int | None:
    for key in ("pubdate", "sortpubdate", "epubdate"):
        found = _YEAR.search(_text(entry.get(key)))
        if found:
            return int(found.group(1))
    return None


def _doi(entry: Mapping[str, Any]) -> str | None:
    ids = entry.get("articleids")
    for item in ids if isinstance(ids, list) else []:
        if isinstance(item, dict) and item.get("idtype") == "doi" and _text(item.get("value")):
            return _text(item.get("value"))
    elocation = _text(entry.get("elocationid"))
    return elocation.removeprefix("doi: ") if elocation.startswith("doi: ") else None


def parse_esummary(body: bytes, pmids: Sequence[str] = ()) -> tuple[Citation, ...]:
    """The citations of an esummary JSON reply, in the order of ``pmids`` (or the reply's).

    An entry NCBI could not summarise (``"error"``) or without a title is left out.
    """
    result = _json_object(body).get("result")
    if not isinstance(result, dict):
        raise ParseError("no result in the reply")
    uids = result.get("uids")
    order = list(pmids) or [u for u in (uids if isinstance(uids, list) else []) if u]
    citations = []
    for pmid in order:
        entry = result.get(pmid)
        if not isinstance(entry, dict) or "error" in entry or not _text(entry.get("title")):
            continue
        citations.append(
            Citation(
                pmid=pmid,
                title=_text(entry.get("title")),
                authors=_authors(entry),
                journal=_text(entry.get("source")) or _text(entry.get("fulljournalname")),
                year=_year(entry),
                doi=_doi(entry),
            )
        )
    return tuple(citations)


class Throttle:
    """At most one request every ``interval`` seconds, across the process's threads."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self, interval: float, deadline: float) -> bool:
        """Wait for this request's turn; False (without waiting) if it falls after ``deadline``."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            if start > deadline:
                return False
            self._next = start + interval
        if start > now:
            self._sleep(start - now)
        return True


_THROTTLE = Throttle()


class _Failed(Exception):
    """Why a search gave nothing, in words that carry no search term."""


def _get(url: str, deadline: float, interval: float) -> bytes:
    if not _THROTTLE.wait(interval, deadline):
        raise _Failed("timed out")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _Failed("timed out")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        response = urllib.request.urlopen(request, timeout=remaining)  # noqa: S310
    except urllib.error.HTTPError as err:
        err.close()  # it holds the connection open otherwise
        raise _Failed(f"HTTP {err.code}") from None
    with response:
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(64 * 1024):
            size += len(chunk)
            if size > MAX_REPLY_BYTES:
                raise _Failed("reply too large")
            if time.monotonic() > deadline:
                raise _Failed("timed out")
            chunks.append(chunk)
        return b"".join(chunks)


def _search(
    treatment: str, condition: str | None, settings: EvidenceSettings, deadline: float
) -> tuple[Citation, ...]:
    key = settings.pubmed_api_key.get_secret_value() if settings.pubmed_api_key else None
    interval = 0.1 if key else 1 / 3
    email = settings.pubmed_email or ""
    base = settings.pubmed_base_url
    url = esearch_url(
        base,
        treatment,
        condition,
        email=email,
        max_results=settings.pubmed_max_results,
        api_key=key,
    )
    pmids = parse_esearch(_get(url, deadline, interval))
    if not pmids:
        return ()
    url = esummary_url(base, pmids, email=email, api_key=key)
    return parse_esummary(_get(url, deadline, interval), pmids)


def _reason(err: BaseException) -> str:
    """The failure's kind, never its text: an URL in it would carry the search terms."""
    if isinstance(err, _Failed | ParseError):
        return str(err)
    code = getattr(err, "code", None)
    if isinstance(code, int):
        return f"HTTP {code}"
    if isinstance(err, TimeoutError) or "timed out" in str(getattr(err, "reason", "")):
        return "timed out"
    return type(err).__name__


def search_citations(
    treatment: str | None,
    condition: str | None,
    *,
    settings: EvidenceSettings,
    timeout: float | None = None,
) -> tuple[Citation, ...]:
    """Up to ``settings.pubmed_max_results`` citations for the treatment and condition.

    ``()`` when PubMed is off, there is no treatment, or anything fails; never raises, and
    returns within ``timeout`` seconds (default ``settings.pubmed_timeout_seconds``) whatever
    the server does: the requests run in a daemon thread the caller stops waiting for.
    """
    if not settings.pubmed or not treatment or not _phrase(treatment):
        return ()
    bound = settings.pubmed_timeout_seconds if timeout is None else timeout
    started = time.monotonic()
    deadline = started + bound
    outcome: list[tuple[Citation, ...] | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_search(treatment, condition, settings, deadline))
        except Exception as err:  # any failure is "no suggestion", reported below
            outcome.append(err)

    worker = threading.Thread(target=run, name="pubmed-search", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    elapsed = time.monotonic() - started
    if not outcome:
        log.warning("pubmed search gave no citations: timed out after %.1f s", elapsed)
        return ()
    result = outcome[0]
    if isinstance(result, BaseException):
        log.warning("pubmed search gave no citations: %s (%.1f s)", _reason(result), elapsed)
        return ()
    log.info("pubmed search found %d citations in %.1f s", len(result), elapsed)
    return result
