"""ImapSource.wait_for_change against a real Dovecot: IDLE wakes on news, times out, stops
on request, fails fast when the server goes away, and falls back to sleeping without IDLE."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence

import pytest

from denialwatch.errors import SourceError
from denialwatch.mail.imap import MAX_IDLE_SECONDS, ImapSource
from tests.conftest import require
from tests.support.dovecot import (
    DEFAULT_CAPABILITIES,
    DovecotServer,
    ImapAccount,
    dovecot_missing_reason,
    start_dovecot,
)
from tests.support.tls import TlsFiles

pytestmark = pytest.mark.imap


def raw_email(number: int) -> bytes:
    return (
        f"From: Pat Example <pat{number}@example.org>\r\n"
        "To: denials@clinic.example\r\n"
        f"Subject: Fwd: denial {number}\r\n"
        f"Message-ID: <idle-{number}@example.org>\r\n"
        "\r\n"
        f"Body-marker-{number}\r\n"
    ).encode()


def later(seconds: float, action: Callable[[], object]) -> threading.Timer:
    """Run ``action`` in another thread after ``seconds``, as another client or an outage."""
    timer = threading.Timer(seconds, action)
    timer.start()
    return timer


def _own_dovecot(
    tls_files: TlsFiles, capabilities: Sequence[str] | None = None
) -> Iterator[DovecotServer]:
    reason = dovecot_missing_reason()
    require(reason is None, reason or "")
    server = start_dovecot(tls_files, capabilities=capabilities, with_tls=False)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def dovecot_for_outage(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """A Dovecot of this test's own, since the test stops it."""
    yield from _own_dovecot(tls_files)


@pytest.fixture(scope="module")
def dovecot_without_idle(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    capabilities = [c for c in DEFAULT_CAPABILITIES if c != "IDLE"]
    yield from _own_dovecot(tls_files, capabilities)


def test_dovecot_offers_idle(imap_account: ImapAccount) -> None:
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.idle_supported is True


def test_a_new_message_ends_the_wait_at_once(imap_account: ImapAccount) -> None:
    uids: list[int] = []
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.list_uids() == []
        timer = later(0.5, lambda: uids.append(imap_account.append(raw_email(1))))
        started = time.monotonic()
        changed = source.wait_for_change(30)
        elapsed = time.monotonic() - started
        timer.join()
        assert changed is True
        assert elapsed < 2.5
        # Out of IDLE: the same connection lists and fetches right away.
        assert source.list_uids() == [str(uids[0])]
        assert source.fetch(str(uids[0])) == raw_email(1)


def test_a_flag_set_by_another_client_is_a_change(imap_account: ImapAccount) -> None:
    uid = imap_account.append(raw_email(2))

    def flag() -> None:
        with imap_account.client() as client:
            client.select_folder("INBOX")
            client.add_flags([uid], [b"\\Flagged"])

    with ImapSource(imap_account.inbox_config()) as source:
        timer = later(0.5, flag)
        assert source.wait_for_change(30) is True
        timer.join()


def test_an_expunge_by_another_client_is_a_change(imap_account: ImapAccount) -> None:
    uid = imap_account.append(raw_email(3))
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.list_uids() == [str(uid)]
        timer = later(0.5, lambda: imap_account.expunge(uid))
        assert source.wait_for_change(30) is True
        timer.join()
        assert source.list_uids() == []


def test_nothing_happening_times_out(imap_account: ImapAccount) -> None:
    with ImapSource(imap_account.inbox_config()) as source:
        for _ in range(2):  # renewed IDLE on the same connection
            started = time.monotonic()
            assert source.wait_for_change(1.5) is False
            assert 1.4 <= time.monotonic() - started < 3.5
        assert source.list_uids() == []


def test_stop_ends_a_long_wait_promptly(imap_account: ImapAccount) -> None:
    stop = threading.Event()
    with ImapSource(imap_account.inbox_config()) as source:
        timer = later(0.5, stop.set)
        started = time.monotonic()
        assert source.wait_for_change(MAX_IDLE_SECONDS, stop=stop) is False
        assert time.monotonic() - started < 2.0
        timer.join()
        uid = imap_account.append(raw_email(4))
        assert source.list_uids() == [str(uid)]
        # Already set: no IDLE at all.
        started = time.monotonic()
        assert source.wait_for_change(60, stop=stop) is False
        assert time.monotonic() - started < 0.5


def test_a_wait_is_capped_below_ten_minutes() -> None:
    assert MAX_IDLE_SECONDS <= 540


def test_a_server_going_away_during_idle_fails_promptly(
    dovecot_for_outage: DovecotServer,
) -> None:
    account = dovecot_for_outage.add_account()
    source = ImapSource(account.inbox_config())
    with source:
        timer = later(0.5, dovecot_for_outage.stop)
        started = time.monotonic()
        with pytest.raises(SourceError) as raised:
            source.wait_for_change(60)
        elapsed = time.monotonic() - started
        timer.join()
    assert elapsed < 5.0
    message = str(raised.value)
    assert message.startswith(f"IMAP 127.0.0.1:{dovecot_for_outage.port}: ")
    assert "IDLE" in message
    # Back on the same port with the same mailbox: a new connection works.
    dovecot_for_outage.start()
    uid = account.append(raw_email(5))
    with ImapSource(account.inbox_config()) as again:
        assert again.list_uids() == [str(uid)]


def test_without_idle_the_wait_sleeps_and_asks_for_a_poll(
    dovecot_without_idle: DovecotServer,
) -> None:
    account = dovecot_without_idle.add_account()
    with ImapSource(account.inbox_config()) as source:
        assert source.idle_supported is False
        assert "IDLE" not in source.capabilities()
        started = time.monotonic()
        assert source.wait_for_change(0.5) is True
        assert 0.45 <= time.monotonic() - started < 2.0
        stop = threading.Event()
        timer = later(0.3, stop.set)
        started = time.monotonic()
        assert source.wait_for_change(60, stop=stop) is False
        assert time.monotonic() - started < 2.0
        timer.join()
        assert source.list_uids() == []


def test_news_from_between_two_waits_ends_the_next_one_at_once(imap_account: ImapAccount) -> None:
    with ImapSource(imap_account.inbox_config()) as source:
        assert source.wait_for_change(0.2) is False
        uid = imap_account.append(raw_email(6))  # while not in IDLE
        started = time.monotonic()
        assert source.wait_for_change(30) is True
        assert time.monotonic() - started < 2.5
        assert source.list_uids() == [str(uid)]
