"""The inbox watcher: a message is picked up within seconds of arriving, through a Maildir's
listing or IMAP IDLE; the watcher reconnects after a server restart; one watcher per mailbox."""

from __future__ import annotations

import logging
import mailbox
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from denialwatch.clock import utcnow
from denialwatch.config import Security
from denialwatch.service.runner import run_forever
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.service.watch import Watcher
from denialwatch.store import leases
from denialwatch.store.models import MailboxEntry, Message
from tests.conftest import make_config
from tests.support.dovecot import DovecotServer

ORDINARY = (
    b"From: Someone <someone@example.net>\r\n"
    b"To: denials@denialwatch.example.org\r\n"
    b"Subject: lunch\r\n"
    b"Message-ID: <lunch-%d@example.net>\r\n"
    b"Date: Mon, 04 May 2026 10:00:00 -0700\r\n"
    b"\r\n"
    b"Lunch on Thursday?\r\n"
)


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def handled(runtime: Runtime, count: int = 1) -> bool:
    """``count`` messages have their outcome and have been filed out of the inbox."""
    with runtime.sessions() as session:
        filed = session.scalars(select(MailboxEntry).where(MailboxEntry.filed_at.is_not(None)))
        states = session.scalars(select(Message.state)).all()
        return len(filed.all()) >= count and all(state != "received" for state in states)


@pytest.fixture
def maildir_runtime(tmp_path: Path) -> Iterator[Runtime]:
    runtime = build_runtime(make_config(tmp_path, f"sqlite:///{tmp_path / 'dw.db'}"))
    yield runtime
    runtime.close()


def start(target: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def test_a_message_dropped_into_the_maildir_is_handled_within_seconds(
    maildir_runtime: Runtime,
) -> None:
    stop = threading.Event()
    service = start(lambda: run_forever(maildir_runtime, stop=stop))
    try:
        time.sleep(1.5)  # the watcher is waiting on the listing by now
        inbox = mailbox.Maildir(maildir_runtime.config.inbox.path)  # type: ignore[union-attr]
        dropped = time.monotonic()
        inbox.add(ORDINARY % 1)
        assert wait_for(lambda: handled(maildir_runtime), 10)
        assert time.monotonic() - dropped < 3.5
    finally:
        stop.set()
        service.join(timeout=15)
    assert not service.is_alive()
    with maildir_runtime.sessions() as session:
        assert session.scalars(select(Message.state)).one() == "not_denial"
    assert list(inbox.keys()) == []


def test_stop_ends_the_service_within_ten_seconds_even_mid_wait(
    maildir_runtime: Runtime,
) -> None:
    stop = threading.Event()
    service = start(lambda: run_forever(maildir_runtime, stop=stop))
    time.sleep(3)  # well into the watcher's wait for a change
    asked = time.monotonic()
    stop.set()
    service.join(timeout=15)
    assert not service.is_alive()
    assert time.monotonic() - asked < 10
    # It let its watch lease go, so another worker takes over at once.
    assert leases.held(maildir_runtime.sessions, utcnow()) == []


@pytest.fixture
def imap_runtime(tmp_path: Path, dovecot: DovecotServer) -> Iterator[tuple[Runtime, object]]:
    account = dovecot.add_account()
    inbox = account.inbox_config(Security.NONE, timeout_seconds=5).model_dump(
        exclude={"password", "password_source"}, exclude_none=True, mode="json"
    )
    inbox["password_file"] = str(account.password_file)
    runtime = build_runtime(make_config(tmp_path, f"sqlite:///{tmp_path / 'dw.db'}", inbox=inbox))
    yield runtime, account
    runtime.close()


@pytest.mark.imap
def test_imap_idle_picks_up_a_message_and_survives_a_server_restart(
    imap_runtime: tuple[Runtime, object],
    dovecot: DovecotServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    runtime, account = imap_runtime
    stop = threading.Event()
    watcher = Watcher(runtime, holder="test-worker", stop=stop)
    thread = start(watcher.run)
    try:
        assert wait_for(lambda: watcher.state == "watching", 15)
        assert watcher.idle is True
        time.sleep(0.5)  # in IDLE now
        arrived = time.monotonic()
        account.append(ORDINARY % 1)  # type: ignore[attr-defined]
        assert wait_for(lambda: handled(runtime), 15)
        assert time.monotonic() - arrived < 5, "IDLE should beat any poll"

        caplog.set_level(logging.INFO, logger="denialwatch.service.watch")
        dovecot.restart()
        account.append(ORDINARY % 2)  # type: ignore[attr-defined]
        assert wait_for(lambda: handled(runtime, 2), 60)
    finally:
        watcher.stop()
        thread.join(timeout=15)
    assert not thread.is_alive()
    assert "trying again in" in caplog.text
    assert not account.messages("INBOX")  # type: ignore[attr-defined]
    # The error kept for status names the server and the step, never content.
    assert "lunch" not in caplog.text.lower()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_two_workers_on_one_database_share_one_watcher(tmp_path: Path, database_url: str) -> None:
    config = make_config(tmp_path, database_url)
    first, second = build_runtime(config), build_runtime(config)
    stop_a, stop_b = threading.Event(), threading.Event()
    a = Watcher(first, holder="worker-a", stop=stop_a, standby_seconds=0.5)
    b = Watcher(second, holder="worker-b", stop=stop_b, standby_seconds=0.5)
    threads = [start(a.run), start(b.run)]
    try:
        assert wait_for(lambda: {a.state, b.state} == {"watching", "standby"}, 15)
        time.sleep(2)
        assert {a.state, b.state} == {"watching", "standby"}
        holder, standby = (a, b) if a.state == "watching" else (b, a)
        lease = leases.current(first.sessions, a.name, utcnow())
        assert lease is not None
        assert lease.holder == holder.holder
        inbox = mailbox.Maildir(config.inbox.path)  # type: ignore[union-attr]
        inbox.add(ORDINARY % 1)
        assert wait_for(lambda: handled(first), 10)
        # The holder stops: it releases the lease, and the other takes over at once.
        holder.stop()
        assert wait_for(lambda: standby.state == "watching", 10)
        inbox.add(ORDINARY % 2)
        assert wait_for(lambda: handled(first, 2), 10)
        with first.sessions() as session:
            assert len(session.scalars(select(MailboxEntry)).all()) == 2
    finally:
        a.stop()
        b.stop()
        for thread in threads:
            thread.join(timeout=15)
        # Closed last: a session opened after close() would leave a connection to the
        # garbage collector.
        first.close()
        second.close()
