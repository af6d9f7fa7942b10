"""Real servers for the tests: Dovecot for IMAP, aiosmtpd for SMTP (a pytest plugin).

Dovecot servers are started once per session, lazily (only when a test asks for one), and
shared: each test gets its own account, hence an empty mailbox, from ``imap_account`` or
``server.add_account()``. SMTP servers are cheap and started per test, so ``received`` holds
only that test's mail.

Without Dovecot the IMAP tests skip with the reason, except under ``CI=true``, where they
fail (see ``tests.conftest.require``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.conftest import require
from tests.support.dovecot import (
    DEFAULT_CAPABILITIES,
    DovecotServer,
    ImapAccount,
    dovecot_missing_reason,
    start_dovecot,
)
from tests.support.smtp import SMTP_CREDENTIALS, SmtpMode, SmtpServer, running_smtp
from tests.support.tls import TlsFiles, make_tls_files


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """A test CA and a server certificate for 127.0.0.1 / localhost."""
    return make_tls_files(tmp_path_factory.mktemp("tls"))


def _dovecot(
    tls_files: TlsFiles,
    *,
    capabilities: Sequence[str] | None = None,
    namespace_prefix: str = "",
    separator: str = "/",
    tls: bool = True,
) -> Iterator[DovecotServer]:
    reason = dovecot_missing_reason()
    require(reason is None, reason or "")
    server = start_dovecot(
        tls_files,
        capabilities=capabilities,
        namespace_prefix=namespace_prefix,
        separator=separator,
        with_tls=tls,
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def dovecot(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """Dovecot as packaged: MOVE and UIDPLUS, "/" separator, no namespace prefix."""
    yield from _dovecot(tls_files)


@pytest.fixture(scope="session")
def dovecot_without_move(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """A Dovecot that does not advertise MOVE (UIDPLUS still there): COPY + UID EXPUNGE."""
    capabilities = [c for c in DEFAULT_CAPABILITIES if c != "MOVE"]
    yield from _dovecot(tls_files, capabilities=capabilities)


@pytest.fixture(scope="session")
def dovecot_minimal(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """A bare IMAP4rev1 Dovecot: no MOVE, no UIDPLUS, no STARTTLS, no TLS listener."""
    capabilities = [c for c in DEFAULT_CAPABILITIES if c not in ("MOVE", "UIDPLUS")]
    yield from _dovecot(tls_files, capabilities=capabilities, tls=False)


@pytest.fixture(scope="session")
def dovecot_inbox_prefix(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """A Courier-style Dovecot: personal namespace "INBOX." with "." as the separator."""
    yield from _dovecot(tls_files, namespace_prefix="INBOX.", separator=".")


@pytest.fixture
def imap_account(dovecot: DovecotServer) -> ImapAccount:
    """A fresh account with an empty mailbox on the shared ``dovecot``."""
    return dovecot.add_account()


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    """Plain SMTP that accepts everything and records it in ``received``."""
    with running_smtp(tmp_path) as server:
        yield server


@pytest.fixture
def smtp_server_451(tmp_path: Path) -> Iterator[SmtpServer]:
    """Plain SMTP that answers the message data with 451 4.3.0 (try again later)."""
    with running_smtp(tmp_path, data_reply="451 4.3.0 Mail server temporarily busy") as server:
        yield server


@pytest.fixture
def smtp_server_550(tmp_path: Path) -> Iterator[SmtpServer]:
    """Plain SMTP that refuses every recipient with 550 5.1.1 (no such user)."""
    reply = "550 5.1.1 <patient@example.org>: Recipient address rejected: User unknown"
    with running_smtp(tmp_path, rcpt_reply=reply) as server:
        yield server


@pytest.fixture
def smtp_server_starttls(tmp_path: Path, tls_files: TlsFiles) -> Iterator[SmtpServer]:
    """SMTP that requires STARTTLS, then AUTH with ``SMTP_CREDENTIALS``."""
    with running_smtp(
        tmp_path, mode=SmtpMode.STARTTLS, tls=tls_files, credentials=SMTP_CREDENTIALS
    ) as server:
        yield server


@pytest.fixture
def smtp_server_tls(tmp_path: Path, tls_files: TlsFiles) -> Iterator[SmtpServer]:
    """SMTP over TLS from the first byte (SMTPS), with AUTH."""
    with running_smtp(
        tmp_path, mode=SmtpMode.TLS, tls=tls_files, credentials=SMTP_CREDENTIALS
    ) as server:
        yield server
