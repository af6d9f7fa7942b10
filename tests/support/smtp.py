"""A real SMTP server for the sender tests: aiosmtpd on a free loopback port.

``running_smtp`` starts aiosmtpd's threaded ``Controller`` and records every accepted email
(envelope and raw bytes; the message parsed on first use) in ``SmtpServer.received``. It can:

- refuse every recipient (``rcpt_reply="550 5.1.1 ..."``) or the data
  (``data_reply="451 4.3.0 ..."``), to test how ``DeliveryError`` is classified;
- speak plain SMTP, offer and require STARTTLS, or speak TLS from the first byte, with the
  test CA's certificate;
- require a username and password (AUTH PLAIN/LOGIN);
- offer and require AUTH XOAUTH2 (``xoauth2=provider.check``, from ``tests.support.oauth``):
  a refused token draws a 334 with a JSON error, as Gmail answers, then 535.

Outages: ``SmtpServer.stop()`` stops listening (a client then meets "connection refused"),
``start()`` listens again on the same port with the same handler, so ``received`` keeps
every email accepted before and after.
"""

from __future__ import annotations

import base64
import email
import email.policy
import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from enum import StrEnum
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from denialwatch.config import Security, SmtpOutgoing

from . import free_port
from .tls import TlsFiles

HOST = "127.0.0.1"
FROM_ADDRESS = "denialwatch@clinic.example"
SMTP_CREDENTIALS = ("denialwatch", "smtp-secret-4b1d")


class SmtpMode(StrEnum):
    PLAIN = "plain"
    """Plain SMTP, no STARTTLS offered."""
    STARTTLS = "starttls"
    """STARTTLS offered and required before anything else."""
    TLS = "tls"
    """TLS from the first byte (SMTPS)."""


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    peer: tuple[str, int] = ("", 0)
    """The client's address and port: one per connection it sent over."""

    @functools.cached_property
    def message(self) -> EmailMessage:
        """The email parsed, on first use (a benchmark receiving hundreds does not need it)."""
        message = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return message


class _Recorder:
    """aiosmtpd handler: record accepted mail, or refuse at RCPT or DATA as told."""

    def __init__(self, rcpt_reply: str | None, data_reply: str | None) -> None:
        self.rcpt_reply = rcpt_reply
        self.data_reply = data_reply
        self.received: list[ReceivedMail] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_reply:
            return self.data_reply
        self.received.append(
            ReceivedMail(
                str(envelope.mail_from),
                tuple(envelope.rcpt_tos),
                bytes(envelope.original_content),
                tuple(session.peer[:2]),
            )
        )
        return "250 2.0.0 accepted"


class _OAuthRecorder(_Recorder):
    """A ``_Recorder`` that also offers AUTH XOAUTH2, checking tokens with ``check``."""

    def __init__(
        self, rcpt_reply: str | None, data_reply: str | None, check: Callable[[str, str], bool]
    ) -> None:
        super().__init__(rcpt_reply, data_reply)
        self.check = check
        self.logins: list[str] = []

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        if len(args) > 1:
            try:
                response = base64.b64decode(args[1], validate=True)
            except ValueError:
                return AuthResult(success=False, handled=False)
        else:
            challenged = await server.challenge_auth("")
            if not isinstance(challenged, bytes):
                return AuthResult(success=False, handled=False)
            response = challenged
        fields = dict(
            part.split("=", 1) for part in response.decode("utf-8", "replace").split("\x01") if part
        )
        user = fields.get("user", "")
        token = fields.get("auth", "").removeprefix("Bearer ")
        if self.check(user, token):
            self.logins.append(user)
            return AuthResult(success=True, handled=False)
        error = {"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"}
        await server.challenge_auth(json.dumps(error))  # the client answers with an empty line
        return AuthResult(success=False, handled=False)


class _Authenticator:
    def __init__(self, username: str, password: str) -> None:
        self.username = username.encode()
        self.password = password.encode()

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.username
            and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


@dataclass
class SmtpServer:
    port: int
    mode: SmtpMode
    tls: TlsFiles | None
    secrets_dir: Path
    username: str | None = None
    password: str | None = None
    received: list[ReceivedMail] = field(default_factory=list)
    xoauth2_logins: list[str] = field(default_factory=list)
    """Usernames that logged in with AUTH XOAUTH2."""
    _make_controller: Callable[[], Controller] | None = field(default=None, repr=False)
    _controller: Controller | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return self._controller is not None

    def stop(self) -> None:
        """Stop listening, as an outage would; ``start()`` listens again on the same port."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def start(self) -> None:
        """Listen again on the same port, with the same handler (``received`` is kept)."""
        if self._controller is not None or self._make_controller is None:
            return
        controller = self._make_controller()
        controller.start()  # binds with SO_REUSEADDR: the port is free again at once
        self._controller = controller

    @property
    def host(self) -> str:
        return HOST

    def outgoing_config(self, **overrides: Any) -> SmtpOutgoing:
        """An ``[outgoing]`` configuration for this server; override any key."""
        security = {
            SmtpMode.PLAIN: Security.NONE,
            SmtpMode.STARTTLS: Security.STARTTLS,
            SmtpMode.TLS: Security.TLS,
        }[self.mode]
        data: dict[str, Any] = {
            "transport": "smtp",
            "host": HOST,
            "port": self.port,
            "security": security.value,
            "from_address": FROM_ADDRESS,
            "timeout_seconds": 10,
        }
        if self.tls is not None:
            data["tls_ca_file"] = str(self.tls.ca_file)
        if (
            self.username is not None
            and self.password is not None
            and overrides.get("auth") != "xoauth2"
        ):
            password_file = self.secrets_dir / f"smtp-{self.port}"
            password_file.touch(mode=0o600)
            password_file.write_text(self.password, encoding="utf-8")
            data["username"] = self.username
            data["password_file"] = str(password_file)
        data.update(overrides)
        return SmtpOutgoing.model_validate(data)


@contextmanager
def running_smtp(
    secrets_dir: Path,
    *,
    mode: SmtpMode = SmtpMode.PLAIN,
    tls: TlsFiles | None = None,
    rcpt_reply: str | None = None,
    data_reply: str | None = None,
    credentials: tuple[str, str] | None = None,
    xoauth2: Callable[[str, str], bool] | None = None,
) -> Iterator[SmtpServer]:
    """Run aiosmtpd until the block ends (see the module doc)."""
    if mode is not SmtpMode.PLAIN and tls is None:
        raise ValueError(f"{mode} needs TLS files")
    recorder = (
        _Recorder(rcpt_reply, data_reply)
        if xoauth2 is None
        else _OAuthRecorder(rcpt_reply, data_reply, xoauth2)
    )
    port = free_port()
    options: dict[str, Any] = {"server_hostname": "localhost"}
    if mode is SmtpMode.STARTTLS and tls is not None:
        options.update(tls_context=tls.server_context(), require_starttls=True)
    if mode is SmtpMode.TLS and tls is not None:
        options.update(ssl_context=tls.server_context())
    if credentials is not None:
        # aiosmtpd counts only STARTTLS as TLS for AUTH, not TLS from the first byte; plain
        # SMTP allows AUTH too (the sender allows clear text only on loopback anyway).
        options.update(
            authenticator=_Authenticator(*credentials),
            auth_require_tls=mode is SmtpMode.STARTTLS,
        )
    if xoauth2 is not None:
        # Required only where aiosmtpd sees TLS (it warns about AUTH required in clear).
        required = mode is SmtpMode.STARTTLS
        options.update(auth_required=required, auth_require_tls=required)

    def make_controller() -> Controller:
        return Controller(recorder, hostname=HOST, port=port, **options)

    server = SmtpServer(
        port, mode, tls, secrets_dir, received=recorder.received, _make_controller=make_controller
    )
    server.start()
    try:
        if isinstance(recorder, _OAuthRecorder):
            server.xoauth2_logins = recorder.logins
        if credentials is not None:
            server.username, server.password = credentials
        yield server
    finally:
        server.stop()
