"""``denialwatch run`` as the service runs it: continuously, until SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from denialwatch.config import Security
from tests.acceptance.cli import write_config
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.imap

SAMPLES = resources.files("denialwatch") / "samples"


def wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.2)
    return False


def test_run_watches_the_inbox_until_sigterm(
    tmp_path: Path,
    imap_account: ImapAccount,
    smtp_server: SmtpServer,
    request: pytest.FixtureRequest,
) -> None:
    config = write_config(
        tmp_path / "denialwatch.toml",
        inbox=imap_account.inbox_config(Security.TLS),
        outgoing=smtp_server.outgoing_config(),
        database_url=f"sqlite:///{tmp_path / 'dw.db'}",
        storage=tmp_path / "documents",
        extra="[service]\npoll_interval_seconds = 1",
    )
    # systemd's side of Type=notify: a datagram socket the daemon reports to.
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    request.addfinalizer(notify.close)
    notify.bind(str(tmp_path / "notify.sock"))
    notify.settimeout(0.2)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DENIALWATCH_")} | {
        "NOTIFY_SOCKET": str(tmp_path / "notify.sock"),
        "WATCHDOG_USEC": "2000000",
    }
    with subprocess.Popen(
        [sys.executable, "-m", "denialwatch", "--config", str(config), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as service:
        try:
            # A denial that arrives while the service runs is answered on a later pass.
            time.sleep(1.5)
            imap_account.append((SAMPLES / "01-kaiser-denial-gmail-forward.eml").read_bytes())
            assert wait_for(lambda: len(smtp_server.received) == 1, 60), "no patient email"
            assert wait_for(lambda: not imap_account.messages("INBOX"), 30)
            started = time.monotonic()
            service.send_signal(signal.SIGTERM)
            _, stderr = service.communicate(timeout=30)
            stopped_after = time.monotonic() - started
        finally:
            if service.poll() is None:
                service.kill()
    assert service.returncode == 0, stderr
    assert "stopped" in stderr
    assert stopped_after < 10
    assert len(smtp_server.received) == 1

    said = received(notify)
    assert said[0].startswith("READY=1")
    assert any(line == "WATCHDOG=1" for line in said)
    assert any(line.startswith("STATUS=watching INBOX; last pass: fetched 1") for line in said)
    assert "STOPPING=1" in said[-2:]
    # Status lines carry counts and folder names, never what a letter says.
    for fact in ("Kaiser", "000019482736", "Almonte", "fusion"):
        assert not any(fact in line for line in said), fact


def received(notify: socket.socket) -> list[str]:
    """Every line the daemon sent on the notify socket, in order."""
    lines: list[str] = []
    while True:
        try:
            datagram = notify.recv(4096)
        except TimeoutError:
            return lines
        lines += datagram.decode().splitlines()
