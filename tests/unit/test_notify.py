"""The sd_notify client against real AF_UNIX datagram sockets standing in for systemd."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from denialwatch.service.notify import Notifier, socket_address, watchdog_seconds


def receive(server: socket.socket) -> str:
    return server.recv(4096).decode("utf-8")


@pytest.fixture
def path_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    """A datagram socket bound to a file, as systemd's /run/systemd/notify."""
    path = tmp_path / "notify"
    assert len(str(path)) < 100, "AF_UNIX paths are limited to 108 bytes"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(2.0)
    try:
        yield server, str(path)
    finally:
        server.close()


@pytest.fixture
def abstract_socket() -> Iterator[tuple[socket.socket, str]]:
    """A datagram socket in the abstract namespace, given to the service as ``@name``."""
    name = f"denialwatch-test-{uuid.uuid4().hex}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind("\0" + name)
    server.settimeout(2.0)
    try:
        yield server, "@" + name
    finally:
        server.close()


def test_every_message_reaches_a_path_socket(path_socket: tuple[socket.socket, str]) -> None:
    server, path = path_socket
    notifier = Notifier({"NOTIFY_SOCKET": path})
    assert notifier.enabled
    try:
        notifier.ready("watching INBOX, 3 reminders due today")
        assert receive(server) == "READY=1\nSTATUS=watching INBOX, 3 reminders due today"
        notifier.status("watching INBOX, 0 reminders due today")
        assert receive(server) == "STATUS=watching INBOX, 0 reminders due today"
        notifier.watchdog()
        assert receive(server) == "WATCHDOG=1"
        notifier.stopping()
        assert receive(server) == "STOPPING=1"
    finally:
        notifier.close()


def test_messages_reach_an_abstract_socket(abstract_socket: tuple[socket.socket, str]) -> None:
    server, name = abstract_socket
    notifier = Notifier({"NOTIFY_SOCKET": name})
    try:
        notifier.ready()
        assert receive(server) == "READY=1"
        notifier.stopping("stopping after the current message")
        assert receive(server) == "STOPPING=1\nSTATUS=stopping after the current message"
    finally:
        notifier.close()


def test_a_status_stays_one_line(path_socket: tuple[socket.socket, str]) -> None:
    server, path = path_socket
    notifier = Notifier({"NOTIFY_SOCKET": path})
    try:
        notifier.status("watching INBOX\nREADY=1\n")
        assert receive(server) == "STATUS=watching INBOX READY=1"
    finally:
        notifier.close()


def test_without_a_socket_nothing_is_sent(caplog: pytest.LogCaptureFixture) -> None:
    notifier = Notifier({})
    assert not notifier.enabled
    assert notifier.watchdog_interval() is None
    notifier.ready("watching INBOX")
    notifier.status("watching INBOX")
    notifier.watchdog()
    notifier.stopping()
    notifier.close()
    assert caplog.records == []


def test_an_empty_socket_variable_is_no_socket() -> None:
    assert not Notifier({"NOTIFY_SOCKET": ""}).enabled


def test_a_missing_socket_warns_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    with caplog.at_level(logging.WARNING, logger="denialwatch.service.notify"):
        notifier.ready("watching INBOX")
        notifier.watchdog()
        notifier.stopping()
    notifier.close()
    assert [record.levelno for record in caplog.records] == [logging.WARNING]
    assert "FileNotFoundError" in caplog.records[0].getMessage()


def test_an_over_long_socket_path_never_raises(caplog: pytest.LogCaptureFixture) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": "/" + "x" * 200})
    with caplog.at_level(logging.WARNING, logger="denialwatch.service.notify"):
        notifier.ready()
        notifier.watchdog()
    notifier.close()
    assert len(caplog.records) == 1


def test_an_unusable_socket_variable_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": "vsock:2:1234"})
    assert not notifier.enabled
    with caplog.at_level(logging.WARNING, logger="denialwatch.service.notify"):
        notifier.ready()
        notifier.watchdog()
    assert len(caplog.records) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("/run/systemd/notify", "/run/systemd/notify"),
        ("@/org/freedesktop/systemd1/notify/123", "\0/org/freedesktop/systemd1/notify/123"),
        ("relative/path", None),
    ],
)
def test_socket_address(value: str | None, expected: str | None) -> None:
    assert socket_address(value) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"WATCHDOG_USEC": "60000000"}, 60.0),
        ({"WATCHDOG_USEC": "1500000", "WATCHDOG_PID": "4242"}, 1.5),
        ({"WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "4243"}, None),
        ({"WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "not-a-pid"}, None),
        ({"WATCHDOG_USEC": "60000000", "WATCHDOG_PID": ""}, 60.0),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "-5"}, None),
        ({"WATCHDOG_USEC": "sixty"}, None),
        ({"WATCHDOG_PID": "4242"}, None),
    ],
)
def test_watchdog_seconds(environ: dict[str, str], expected: float | None) -> None:
    assert watchdog_seconds(environ, 4242) == expected


def test_the_watchdog_interval_is_for_this_process_by_default() -> None:
    mine = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}
    assert Notifier(mine).watchdog_interval() == 30.0
    theirs = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}
    assert Notifier(theirs).watchdog_interval() is None
    assert Notifier(theirs, pid=os.getpid() + 1).watchdog_interval() == 30.0
