"""``denialwatch run`` as the service runs it: continuously, until SIGTERM."""

from __future__ import annotations

import os
import signal
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
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    config = write_config(
        tmp_path / "denialwatch.toml",
        inbox=imap_account.inbox_config(Security.TLS),
        outgoing=smtp_server.outgoing_config(),
        database_url=f"sqlite:///{tmp_path / 'dw.db'}",
        storage=tmp_path / "documents",
        extra="[service]\npoll_interval_seconds = 1",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DENIALWATCH_")}
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
