"""XOAUTH2 logins against real servers: Dovecot's oauth2 passdb and aiosmtpd, both asking
the fake OAuth provider of ``tests.support.oauth`` whether a token is good."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from denialwatch.errors import DeliveryError, SourceError
from denialwatch.mail.imap import ImapSource
from denialwatch.mail.smtp import SmtpSender
from tests.conftest import require
from tests.support.dovecot import DovecotServer, ImapAccount, dovecot_missing_reason, start_dovecot
from tests.support.oauth import FakeOAuthProvider, running_oauth_provider
from tests.support.smtp import FROM_ADDRESS, SMTP_CREDENTIALS, SmtpMode, running_smtp
from tests.support.tls import TlsFiles

USER = "denials@clinic.example"


@pytest.fixture(scope="module")
def provider() -> Iterator[FakeOAuthProvider]:
    with running_oauth_provider() as running:
        yield running


@pytest.fixture(scope="module")
def dovecot_oauth(tls_files: TlsFiles, provider: FakeOAuthProvider) -> Iterator[DovecotServer]:
    reason = dovecot_missing_reason()
    require(reason is None, reason or "")
    server = start_dovecot(tls_files, oauth2_introspection_url=provider.introspection_url)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def account(dovecot_oauth: DovecotServer) -> ImapAccount:
    return dovecot_oauth.add_account()


def write_token(tmp_path: Path, token: str) -> Path:
    path = tmp_path / "access-token"
    path.write_text(token + "\n")
    return path


def patient_email() -> EmailMessage:
    message = EmailMessage()
    message["From"] = FROM_ADDRESS
    message["To"] = "pat.example@example.org"
    message["Subject"] = "We received your denial letter"
    message["Message-ID"] = "<oauth-1@denialwatch.example>"
    message.set_content("Case DW-0001.\n")
    return message


# IMAP.


@pytest.mark.imap
def test_imap_login_with_a_token_from_a_file(
    account: ImapAccount, provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    token_file = write_token(tmp_path, provider.issue(account.username))
    uid = account.append(b"Subject: hello\r\n\r\nbody\r\n")
    config = account.inbox_config(auth="xoauth2", oauth2_token_file=str(token_file))
    assert config.password is None
    with ImapSource(config) as source:
        assert source.list_uids() == [str(uid)]
    assert f"user=<{account.username}>, method=XOAUTH2" in account.server.log_text()


@pytest.mark.imap
def test_imap_login_with_a_token_from_a_command(
    account: ImapAccount, provider: FakeOAuthProvider
) -> None:
    token = provider.issue(account.username)
    command = [sys.executable, "-c", f"print({token!r})"]
    config = account.inbox_config(auth="xoauth2", oauth2_token_command=command)
    with ImapSource(config) as source:
        assert source.list_uids() == []


@pytest.mark.imap
def test_each_connection_reads_the_current_token(
    account: ImapAccount, provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    first = provider.issue(account.username)
    token_file = write_token(tmp_path, first)
    config = account.inbox_config(auth="xoauth2", oauth2_token_file=str(token_file))
    with ImapSource(config) as source:
        source.list_uids()
    provider.revoke(first)  # expired; the refresher wrote a new one
    write_token(tmp_path, provider.issue(account.username))
    with ImapSource(config) as source:
        assert source.list_uids() == []


@pytest.mark.imap
def test_a_refused_token_is_a_source_error_without_the_token(
    account: ImapAccount, provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    token = provider.issue(account.username)
    provider.revoke(token)
    config = account.inbox_config(
        auth="xoauth2", oauth2_token_file=str(write_token(tmp_path, token))
    )
    with pytest.raises(SourceError) as raised:
        ImapSource(config).__enter__()
    message = str(raised.value)
    assert message.startswith(f"IMAP 127.0.0.1:{account.server.port}: logging in as ")
    assert "XOAUTH2" in message
    assert token not in message
    assert token not in repr(raised.value.__cause__)


@pytest.mark.imap
def test_a_token_of_another_user_is_refused(
    account: ImapAccount, provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    token = provider.issue("someone-else")
    config = account.inbox_config(
        auth="xoauth2", oauth2_token_file=str(write_token(tmp_path, token))
    )
    with pytest.raises(SourceError, match="AUTHENTICATIONFAILED"):
        ImapSource(config).__enter__()


@pytest.mark.imap
def test_a_failing_token_command_fails_before_connecting(account: ImapAccount) -> None:
    command = [sys.executable, "-c", "import sys; sys.exit(2)"]
    config = account.inbox_config(auth="xoauth2", oauth2_token_command=command)
    with pytest.raises(SourceError, match=r"inbox\.oauth2_token_command: .* exited with status 2"):
        ImapSource(config).__enter__()


@pytest.mark.imap
def test_passwords_still_work_beside_oauth(account: ImapAccount) -> None:
    with ImapSource(account.inbox_config()) as source:
        assert source.list_uids() == []


# SMTP.


def test_smtp_login_with_xoauth2(provider: FakeOAuthProvider, tmp_path: Path) -> None:
    token_file = write_token(tmp_path, provider.issue(USER))
    with running_smtp(tmp_path, xoauth2=provider.check) as server:
        config = server.outgoing_config(
            username=USER, auth="xoauth2", oauth2_token_file=str(token_file)
        )
        SmtpSender(config).send(patient_email())
        assert server.xoauth2_logins == [USER]
        [mail] = server.received
        assert mail.message["Message-ID"] == "<oauth-1@denialwatch.example>"


def test_smtp_xoauth2_over_starttls_with_a_command(
    provider: FakeOAuthProvider, tmp_path: Path, tls_files: TlsFiles
) -> None:
    command = [sys.executable, "-c", f"print({provider.issue(USER)!r})"]
    with running_smtp(
        tmp_path, mode=SmtpMode.STARTTLS, tls=tls_files, xoauth2=provider.check
    ) as server:
        config = server.outgoing_config(username=USER, auth="xoauth2", oauth2_token_command=command)
        check = SmtpSender(config).check()
        assert check.authenticated is True
        assert "auth" in check.features
        SmtpSender(config).send(patient_email())
        assert server.xoauth2_logins == [USER, USER]


def test_smtp_refused_token_is_a_transient_error_without_the_token(
    provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    token = provider.issue(USER)
    provider.revoke(token)
    with running_smtp(tmp_path, xoauth2=provider.check) as server:
        config = server.outgoing_config(
            username=USER, auth="xoauth2", oauth2_token_file=str(write_token(tmp_path, token))
        )
        with pytest.raises(DeliveryError) as raised:
            SmtpSender(config).send(patient_email())
        assert server.received == []
    assert raised.value.permanent is False
    assert "with XOAUTH2" in str(raised.value)
    assert "535" in str(raised.value)
    assert token not in str(raised.value)


def test_smtp_server_without_xoauth2_is_named(
    provider: FakeOAuthProvider, tmp_path: Path, tls_files: TlsFiles
) -> None:
    token_file = write_token(tmp_path, provider.issue(USER))
    with running_smtp(
        tmp_path, mode=SmtpMode.STARTTLS, tls=tls_files, credentials=SMTP_CREDENTIALS
    ) as server:
        config = server.outgoing_config(
            username=USER, auth="xoauth2", oauth2_token_file=str(token_file)
        )
        with pytest.raises(DeliveryError, match="does not offer AUTH XOAUTH2") as raised:
            SmtpSender(config).send(patient_email())
    assert raised.value.permanent is False


def test_smtp_token_command_failure_is_a_transient_delivery_error(
    provider: FakeOAuthProvider, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", "import sys; sys.exit(4)"]
    with running_smtp(tmp_path, xoauth2=provider.check) as server:
        config = server.outgoing_config(username=USER, auth="xoauth2", oauth2_token_command=command)
        with pytest.raises(DeliveryError, match=r"outgoing\.oauth2_token_command") as raised:
            SmtpSender(config).send(patient_email())
    assert raised.value.permanent is False
