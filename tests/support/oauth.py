"""A token-introspection endpoint for the XOAUTH2 tests: a fake of the hosted OAuth provider
(Google, Microsoft Entra); nothing real can run here.

It is the only fake among the test servers. Dovecot's oauth2 passdb asks it about each token
as it would ask a real provider (RFC 7662: ``POST token=...``, answered with JSON holding
``active`` and ``username``), and the aiosmtpd XOAUTH2 mechanism in ``tests.support.smtp``
calls ``check`` directly. Tokens are issued per username with ``issue`` and revoked with
``revoke``; an unknown token is inactive.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

HOST = "127.0.0.1"


@dataclass
class FakeOAuthProvider:
    """Known tokens and the usernames they belong to, behind an introspection URL."""

    port: int = 0
    tokens: dict[str, str] = field(default_factory=dict)
    """Access token -> username, for the tokens that are active."""
    introspections: int = 0
    """How many introspection requests arrived (Dovecot's lookups)."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def introspection_url(self) -> str:
        return f"http://{HOST}:{self.port}/introspect"

    def issue(self, username: str) -> str:
        token = f"ya29.fake-{secrets.token_urlsafe(24)}"
        with self._lock:
            self.tokens[token] = username
        return token

    def revoke(self, token: str) -> None:
        with self._lock:
            self.tokens.pop(token, None)

    def check(self, username: str, token: str) -> bool:
        """Whether ``token`` is active and belongs to ``username``."""
        with self._lock:
            return self.tokens.get(token) == username

    def introspect(self, token: str) -> dict[str, Any]:
        with self._lock:
            self.introspections += 1
            username = self.tokens.get(token)
        if username is None:
            return {"active": False}
        return {"active": True, "username": username, "scope": "https://mail.google.com/"}


def _handler(provider: FakeOAuthProvider) -> type[BaseHTTPRequestHandler]:
    class Introspection(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # Dovecot's HTTP client keeps connections open

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
            token = (form.get("token") or [""])[0]
            self._reply(200, provider.introspect(token))

        def do_GET(self) -> None:
            self._reply(405, {"error": "use POST"})

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Silent: the test output should not fill with request lines."""

    return Introspection


@contextmanager
def running_oauth_provider() -> Iterator[FakeOAuthProvider]:
    """Serve the fake provider on a free loopback port until the block ends."""
    provider = FakeOAuthProvider()
    server = ThreadingHTTPServer((HOST, 0), _handler(provider))
    server.daemon_threads = True
    provider.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, name="fake-oauth", daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
