"""ImapSource against a real Dovecot: listing, fetching, filing, security and errors."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from denialwatch.config import ImapInbox, Security
from denialwatch.errors import SourceError
from denialwatch.mail.imap import ImapSource, server_folder_name
from denialwatch.mail.source import Destination, InboxSource
from tests.support import free_port, silent_listener
from tests.support.dovecot import DovecotServer, ImapAccount

SEEN = "\\Seen"
DELETED = "\\Deleted"


def raw_email(number: int) -> bytes:
    return (
        f"From: Pat Example <pat{number}@example.org>\r\n"
        "To: denials@clinic.example\r\n"
        f"Subject: Fwd: Your MRI request {number} was denied\r\n"
        f"Message-ID: <forward-{number}@example.org>\r\n"
        "\r\n"
        f"Body-marker-{number}: the plan says the MRI is not medically necessary.\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("name", "prefix", "delimiter", "expected"),
    [
        ("denialwatch/processed", "", "/", "denialwatch/processed"),
        ("denialwatch/processed", "", ".", "denialwatch.processed"),
        ("denialwatch/processed", "INBOX.", ".", "INBOX.denialwatch.processed"),
        ("INBOX/denialwatch", "INBOX.", ".", "INBOX.denialwatch"),
        ("inbox", "INBOX.", ".", "INBOX"),
        ("denialwatch/processed", "", None, "denialwatch/processed"),
    ],
)
def test_folder_names_follow_the_servers_delimiter_and_namespace(
    name: str, prefix: str, delimiter: str | None, expected: str
) -> None:
    assert server_folder_name(name, prefix=prefix, delimiter=delimiter) == expected


@pytest.mark.imap
def test_it_is_an_inbox_source(imap_account: ImapAccount) -> None:
    source: InboxSource = ImapSource(imap_account.inbox_config())
    assert source.account == f"{imap_account.username}@127.0.0.1"
    assert source.folder == "INBOX"


@pytest.mark.imap
def test_lists_and_fetches_without_setting_seen(imap_account: ImapAccount) -> None:
    first = imap_account.append(raw_email(1))
    second = imap_account.append(raw_email(2))
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.list_uids() == [str(first), str(second)]
        assert source.fetch(str(first)) == raw_email(1)
        assert source.fetch(str(second)) == raw_email(2)
    assert all(SEEN not in message.flags for message in imap_account.messages())


@pytest.mark.imap
def test_uids_sort_as_numbers_and_come_back_as_strings(imap_account: ImapAccount) -> None:
    uids = [imap_account.append(raw_email(n)) for n in range(11)]
    with ImapSource(imap_account.inbox_config()) as source:
        listed = source.list_uids()
    assert listed == [str(uid) for uid in sorted(uids)]
    assert listed[-1] == "11"  # "11" after "2": numeric, not string, order


@pytest.mark.imap
def test_reports_the_folders_uidvalidity(imap_account: ImapAccount) -> None:
    imap_account.append(raw_email(1))
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.uidvalidity() == imap_account.uidvalidity() > 0


@pytest.mark.imap
def test_fetch_of_a_gone_uid_is_none(imap_account: ImapAccount) -> None:
    uid = imap_account.append(raw_email(1))
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.list_uids() == [str(uid)]
        imap_account.expunge(uid)  # another session removes it while we hold the folder
        assert source.fetch(str(uid)) is None
        assert source.fetch("999") is None


@pytest.mark.imap
def test_file_creates_the_folders_and_takes_the_message_out_of_the_inbox(
    imap_account: ImapAccount,
) -> None:
    processed = imap_account.append(raw_email(1))
    review = imap_account.append(raw_email(2))
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.file(str(processed), Destination.PROCESSED) == "denialwatch/processed"
        assert source.file(str(review), Destination.REVIEW) == "denialwatch/review"
        assert source.list_uids() == []
    assert {"denialwatch/processed", "denialwatch/review"} <= set(imap_account.folders())
    assert imap_account.messages() == []
    [filed] = imap_account.messages("denialwatch/processed")
    assert filed.raw == raw_email(1)
    assert SEEN not in filed.flags
    assert [m.raw for m in imap_account.messages("denialwatch/review")] == [raw_email(2)]


@pytest.mark.imap
def test_filing_a_gone_uid_is_not_an_error(imap_account: ImapAccount) -> None:
    uid = imap_account.append(raw_email(1))
    with ImapSource(imap_account.inbox_config()) as source:
        source.list_uids()
        imap_account.expunge(uid)
        assert source.file(str(uid), Destination.PROCESSED) == "denialwatch/processed"
        assert source.file("999", Destination.REVIEW) == "denialwatch/review"
    assert imap_account.messages("denialwatch/processed") == []


@pytest.mark.imap
def test_without_move_it_copies_and_expunges_only_that_uid(
    dovecot_without_move: DovecotServer,
) -> None:
    account = dovecot_without_move.add_account()
    uid = account.append(raw_email(1))
    # Someone flagged this one \Deleted and did not expunge: UID EXPUNGE must leave it.
    kept = account.append(raw_email(2), flags=[b"\\Deleted"])
    with ImapSource(account.inbox_config()) as source:
        assert "MOVE" not in source.capabilities()
        assert "UIDPLUS" in source.capabilities()
        source.file(str(uid), Destination.PROCESSED)
        assert source.list_uids() == [str(kept)]
    assert [m.raw for m in account.messages("denialwatch/processed")] == [raw_email(1)]
    [left] = account.messages()
    assert left.uid == kept
    assert DELETED in left.flags


@pytest.mark.imap
def test_without_move_or_uidplus_it_falls_back_to_expunge_and_warns(
    dovecot_minimal: DovecotServer, caplog: pytest.LogCaptureFixture
) -> None:
    account = dovecot_minimal.add_account()
    first = account.append(raw_email(1))
    second = account.append(raw_email(2))
    caplog.set_level(logging.WARNING, logger="denialwatch")
    with ImapSource(account.inbox_config()) as source:
        assert not {"MOVE", "UIDPLUS"} & source.capabilities()
        source.file(str(first), Destination.PROCESSED)
        source.file(str(second), Destination.REVIEW)
        assert source.list_uids() == []
    assert [m.raw for m in account.messages("denialwatch/processed")] == [raw_email(1)]
    assert [m.raw for m in account.messages("denialwatch/review")] == [raw_email(2)]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1  # once per connection
    assert "neither MOVE nor UIDPLUS" in warnings[0].getMessage()


@pytest.mark.imap
def test_folders_go_under_the_personal_namespace_with_its_separator(
    dovecot_inbox_prefix: DovecotServer,
) -> None:
    account = dovecot_inbox_prefix.add_account()
    uid = account.append(raw_email(1))
    with ImapSource(account.inbox_config()) as source:
        assert source.file(str(uid), Destination.REVIEW) == "denialwatch/review"
    assert "INBOX.denialwatch.review" in account.folders()
    assert [m.raw for m in account.messages("INBOX.denialwatch.review")] == [raw_email(1)]


@pytest.mark.imap
def test_check_reports_capabilities_and_creates_missing_folders(
    imap_account: ImapAccount,
) -> None:
    source = ImapSource(imap_account.inbox_config())
    first = source.check()
    assert first.folders_created == ("denialwatch/processed", "denialwatch/review")
    assert first.idle
    assert first.move
    assert first.uidplus
    assert "IMAP4REV1" in first.capabilities
    assert source.check().folders_created == ()


@pytest.mark.imap
def test_a_missing_watched_folder_is_a_source_error(imap_account: ImapAccount) -> None:
    config = imap_account.inbox_config(folder="Denials")
    with pytest.raises(SourceError, match=r"selecting folder 'Denials'"), ImapSource(config):
        pass


@pytest.mark.imap
def test_use_outside_the_with_block_is_a_source_error(imap_account: ImapAccount) -> None:
    with pytest.raises(SourceError, match="outside"):
        ImapSource(imap_account.inbox_config()).list_uids()


@pytest.mark.imap
@pytest.mark.parametrize("wrong", ["wrong-horse-battery-staple-71", "wröng-hörse-72"])
def test_wrong_password_is_a_source_error_and_never_logged(
    imap_account: ImapAccount, caplog: pytest.LogCaptureFixture, wrong: str
) -> None:
    imap_account.password_file.write_text(wrong, encoding="utf-8")
    config = imap_account.inbox_config()
    # The worst case: someone turned on imapclient's wire log on purpose.
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")
    with pytest.raises(SourceError) as raised, ImapSource(config):
        pass
    message = str(raised.value)
    assert f"127.0.0.1:{config.port}" in message
    assert "logging in" in message
    assert "AUTHENTICATIONFAILED" in message
    assert wrong not in message
    logged = [record.getMessage() for record in caplog.records]
    assert any("LOGIN" in text or "AUTHENTICATE" in text for text in logged)  # it was logged...
    assert all(wrong not in text for text in logged)  # ...redacted
    encoded = base64.b64encode(f"\0{imap_account.username}\0{wrong}".encode()).decode()
    assert all(encoded not in text for text in logged)  # SASL PLAIN's form of it too


@pytest.mark.imap
def test_a_password_outside_ascii_logs_in_with_sasl_plain(dovecot: DovecotServer) -> None:
    account = dovecot.add_account(password="pässwörd-ñ-42")
    uid = account.append(raw_email(1))
    with ImapSource(account.inbox_config()) as source:
        assert source.list_uids() == [str(uid)]


@pytest.mark.imap
def test_a_debug_log_carries_neither_password_nor_message(
    imap_account: ImapAccount, caplog: pytest.LogCaptureFixture
) -> None:
    uid = imap_account.append(raw_email(7))
    caplog.set_level(logging.DEBUG)
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.fetch(str(uid)) == raw_email(7)
        source.file(str(uid), Destination.PROCESSED)
    assert caplog.records  # the adapter does log at DEBUG
    for record in caplog.records:
        text = record.getMessage()
        assert imap_account.password not in text
        assert "Body-marker-7" not in text
        assert "MRI" not in text
        assert "pat7@example.org" not in text


@pytest.mark.imap
@pytest.mark.parametrize("security", [Security.TLS, Security.STARTTLS])
def test_tls_with_the_ca_file(imap_account: ImapAccount, security: Security) -> None:
    uid = imap_account.append(raw_email(1))
    config = imap_account.inbox_config(security)
    assert config.tls_ca_file is not None
    with ImapSource(config) as source:
        assert source.fetch(str(uid)) == raw_email(1)


@pytest.mark.imap
@pytest.mark.parametrize("security", [Security.TLS, Security.STARTTLS])
def test_tls_without_the_ca_file_is_refused(imap_account: ImapAccount, security: Security) -> None:
    config = imap_account.inbox_config(security, tls_ca_file=None)
    with pytest.raises(SourceError, match="certificate not trusted"), ImapSource(config):
        pass


@pytest.mark.imap
def test_starttls_is_required_when_configured(dovecot_minimal: DovecotServer) -> None:
    """A server that does not offer STARTTLS is not spoken to, let alone sent a password."""
    account = dovecot_minimal.add_account()
    config = account.inbox_config(Security.STARTTLS, tls_ca_file=None)
    with pytest.raises(SourceError, match=r"STARTTLS: .*STARTTLS"), ImapSource(config):
        pass


@pytest.mark.imap
def test_an_unreadable_ca_file_is_a_source_error(imap_account: ImapAccount) -> None:
    config = imap_account.inbox_config(Security.TLS, tls_ca_file="/nonexistent/ca.pem")
    with pytest.raises(SourceError, match="tls_ca_file"), ImapSource(config):
        pass


def _unreachable_config(tmp_path: Path, port: int, timeout: float = 10) -> ImapInbox:
    password = tmp_path / "password"
    password.write_text("not-used")
    return ImapInbox.model_validate(
        {
            "source": "imap",
            "host": "127.0.0.1",
            "port": port,
            "security": "none",
            "username": "nobody",
            "password_file": str(password),
            "timeout_seconds": timeout,
        }
    )


def test_a_refused_connection_is_a_source_error(tmp_path: Path) -> None:
    port = free_port()
    config = _unreachable_config(tmp_path, port)
    with pytest.raises(SourceError, match=rf"127\.0\.0\.1:{port}: connecting: .*refused"):
        ImapSource(config).__enter__()


def test_a_silent_server_times_out_as_a_source_error(tmp_path: Path) -> None:
    with silent_listener() as port:
        config = _unreachable_config(tmp_path, port, timeout=0.3)
        with pytest.raises(SourceError, match="timed out"):
            ImapSource(config).__enter__()
