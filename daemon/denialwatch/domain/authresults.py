"""Authentication-Results headers (RFC 8601): what the receiving server found about a sender.

A receiving server that checks DMARC, DKIM and SPF writes what it found into an
``Authentication-Results`` header that starts with its own name, the *authserv-id*::

    Authentication-Results: mx.example.org;
        dkim=pass (2048-bit key) header.d=example.net header.s=s1;
        spf=pass (domain of a@example.net designates 192.0.2.1 as permitted sender)
            smtp.mailfrom=a@example.net;
        dmarc=pass (p=REJECT) header.from=example.net

Anyone can write such a header into a message before it reaches us, so only headers that
carry the configured authserv-id (our own receiving server) are read, and of those, for
each method, only the topmost header that reports it: a receiving server adds its header
above what the message arrived with, so a forged header lower down never outweighs the
real one. (A server should also remove forged headers bearing its own id, RFC 8601 §5.)
A pass counts only when it vouches for the From address's domain: DKIM's ``header.d``
and SPF's ``smtp.mailfrom`` must be that domain or share it as a parent or child (DMARC's
relaxed alignment, without a public-suffix list); DMARC's ``header.from``, when given,
likewise.

Pure: text in, values out; never raises, whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

HEADER = "authentication-results"

METHODS = ("dmarc", "dkim", "spf")
"""The methods the sender policy can require."""

# What vouches for which domain, per method: the properties naming the authenticated domain.
_DOMAIN_PROPERTIES = {
    "dmarc": ("header.from",),
    "dkim": ("header.d", "header.i"),
    "spf": ("smtp.mailfrom",),
}
_IDENTIFIER_REQUIRED = {"dmarc": False, "dkim": True, "spf": True}

_SPECIALS = ';="'


@dataclass(frozen=True)
class MethodResult:
    """One ``method=result`` with its properties (``header.d`` -> ``example.net``)."""

    method: str
    """Lower case, without a version: ``dkim``."""
    result: str
    """Lower case: ``pass``, ``fail``, ``none``, ``temperror``..."""
    properties: tuple[tuple[str, str], ...] = ()
    """``(ptype.property, value)`` in order; the names in lower case."""

    def property(self, name: str) -> str | None:
        return next((v for k, v in self.properties if k == name), None)


@dataclass(frozen=True)
class AuthenticationResults:
    """One header: who wrote it and what it found."""

    authserv_id: str
    """Lower case."""
    results: tuple[MethodResult, ...]


def header_values(raw: bytes, name: str = HEADER) -> tuple[str, ...]:
    """The values of the header ``name`` in the message's own header block, top first,
    unfolded (never those of a forwarded message inside it)."""
    end = len(raw)
    for separator in (b"\r\n\r\n", b"\n\n"):
        found = raw.find(separator)
        if found != -1:
            end = min(end, found)
    block = raw[:end].decode("utf-8", errors="replace")
    values: list[list[str]] = []
    current: list[str] | None = None
    wanted = name.lower()
    for line in block.splitlines():
        if line[:1] in (" ", "\t"):
            if current is not None:
                current.append(line.strip())
            continue
        field, colon, value = line.partition(":")
        current = [value.strip()] if colon and field.strip().lower() == wanted else None
        if current is not None:
            values.append(current)
    return tuple(" ".join(part for part in parts if part) for parts in values)


# -- lexing ---------------------------------------------------------------------------------


def _tokens(text: str) -> Iterator[str]:
    """Words and the specials ``;`` and ``=``; comments dropped, quoted strings unquoted.

    A quoted string comes back with a leading ``"`` so that a quoted ``;`` is not taken for
    a separator; ``_word`` strips it.
    """
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == ")":  # a stray ")" closes no comment: skipped
            i += 1
        elif ch == "(":
            i = _skip_comment(text, i)
        elif ch in ";=":
            yield ch
            i += 1
        elif ch == '"':
            value, i = _quoted(text, i)
            yield '"' + value
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in '();="':
                i += 1
            yield text[start:i]


def _skip_comment(text: str, i: int) -> int:
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def _quoted(text: str, i: int) -> tuple[str, int]:
    out: list[str] = []
    i += 1
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    return "".join(out), i


def _word(token: str) -> str:
    return token[1:] if token.startswith('"') else token


def _is_word(token: str) -> bool:
    return token not in (";", "=")


# -- parsing --------------------------------------------------------------------------------


def parse_header(value: str) -> AuthenticationResults | None:
    """One header's value; None when it names no authserv-id (as Microsoft 365 writes them)."""
    segments: list[list[str]] = [[]]
    for piece in _tokens(value):
        if piece == ";":
            segments.append([])
        else:
            segments[-1].append(piece)
    head = segments[0]
    if not head or not _is_word(head[0]) or (len(head) > 1 and head[1] == "="):
        return None
    authserv_id = _word(head[0]).strip().lower().rstrip(".")
    if not authserv_id:
        return None
    results = tuple(r for r in (_resinfo(s) for s in segments[1:]) if r is not None)
    return AuthenticationResults(authserv_id, results)


def _resinfo(tokens: Sequence[str]) -> MethodResult | None:
    """``method=result [reason=...] [ptype.property=value ...]``; None when malformed."""
    if len(tokens) < 3 or tokens[1] != "=" or not _is_word(tokens[0]) or not _is_word(tokens[2]):
        return None
    method = _word(tokens[0]).split("/", 1)[0].strip().lower()
    result = _word(tokens[2]).strip().lower()
    if not method or not result:
        return None
    properties: list[tuple[str, str]] = []
    i = 3
    while i + 2 < len(tokens):
        name, equals, pvalue = tokens[i], tokens[i + 1], tokens[i + 2]
        if equals == "=" and _is_word(name) and _is_word(pvalue):
            key = _word(name).lower()
            if "." in key:  # ptype.property; "reason" and vendor words like "action" skipped
                properties.append((key, _word(pvalue)))
            i += 3
        else:
            i += 1
    return MethodResult(method, result, tuple(properties))


def results_from(headers: Iterable[str], authserv_id: str) -> dict[str, tuple[MethodResult, ...]]:
    """For each method, the results in the topmost header by ``authserv_id`` that has any.

    ``headers`` are header values, top first (as ``header_values`` gives them). Headers by
    any other server, or by none, are ignored.
    """
    wanted = authserv_id.strip().lower().rstrip(".")
    found: dict[str, tuple[MethodResult, ...]] = {}
    for value in headers:
        parsed = parse_header(value)
        if parsed is None or parsed.authserv_id != wanted:
            continue
        here: dict[str, list[MethodResult]] = {}
        for result in parsed.results:
            here.setdefault(result.method, []).append(result)
        for method, results in here.items():
            found.setdefault(method, tuple(results))
    return found


def _domain(value: str) -> str:
    """The domain of ``user@example.org``, ``@example.org``, ``<a@b>`` or ``example.org``."""
    value = value.strip().strip("<>").rsplit("@", 1)[-1]
    return value.strip().lower().rstrip(".")


def aligned(identifier: str, from_domain: str) -> bool:
    """Whether two domains are the same, or one is a subdomain of the other (never a bare
    top-level domain: ``com`` aligns with nothing)."""
    a, b = _domain(identifier), _domain(from_domain)
    if not a or not b or not re.fullmatch(r"[a-z0-9.-]+", a + b):
        return False
    if a == b:
        return "." in a
    shorter, longer = sorted((a, b), key=len)
    return "." in shorter and longer.endswith("." + shorter)


def passes(results: Mapping[str, tuple[MethodResult, ...]], method: str, from_domain: str) -> bool:
    """Whether ``method`` passed for ``from_domain`` (see the alignment rule above)."""
    for result in results.get(method, ()):
        if result.result != "pass":
            continue
        names = _DOMAIN_PROPERTIES.get(method, ())
        identifiers = [v for v in (result.property(n) for n in names) if v]
        if not identifiers:
            if not _IDENTIFIER_REQUIRED.get(method, True):
                return True
            continue
        if any(aligned(identifier, from_domain) for identifier in identifiers):
            return True
    return False
