"""Outages: a part the daemon needs goes away while ``denialwatch run`` works, then comes back.

Each test runs the real daemon as a child process (``poll_interval_seconds = 1``) against real
servers, takes one part away (Dovecot, the SMTP server, PostgreSQL, space on the disk that
holds the documents), and checks what an operator relies on:

- the daemon keeps running (the process is alive throughout);
- its log (stderr) says which part is failing, by host, step and cause, never with content;
- ``denialwatch status --json`` shows the part failing and the last error (for the database,
  which ``status`` itself reads, once it is back: the error stays recorded);
- once the part is back, it catches up with nothing lost: every message processed and every
  patient emailed, exactly once.

The outages here last seconds, not minutes: how long one lasts changes only how many failed
reconnects the watcher makes (its wait doubles from 1 s up to 5 minutes, with jitter), which
the Dovecot test counts. Nothing in the daemon depends on the duration itself
(``DOVECOT_OUTAGE_SECONDS`` is the knob). Every wait here is bounded, and every process and
mount is cleaned up in ``finally``.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from denialwatch.config import ImapInbox, Security, SmtpOutgoing
from tests.acceptance.cli import denialwatch, denialwatch_json, write_config
from tests.conftest import require
from tests.support.dovecot import DovecotServer, ImapAccount, start_dovecot
from tests.support.postgres import postgres_missing_reason, start_postgres
from tests.support.smtp import SmtpServer
from tests.support.tls import TlsFiles

pytestmark = [pytest.mark.imap, pytest.mark.slow]

SAMPLES = resources.files("denialwatch") / "samples"
# Denials from five different patients: each opens a case and draws one patient email.
DENIALS = {
    "01-kaiser-denial-gmail-forward.eml": "teresa.almonte@example.com",
    "03-blue-shield-experimental-outlook-attachment.eml": "gtanaka@example.net",
    "04-anthem-ppo-apple-forward.eml": "priya.raman@example.org",
    "05-la-care-notice-pasted-in-body.eml": "darnellhayes77@example.com",
    "07-health-net-urgent-outlook-forward.eml": "eleanor.voss@example.net",
}
# What must never appear in a log: names, addresses, plans, member numbers from the letters.
CONTENT = (
    "Almonte",
    "Tanaka",
    "Raman",
    "Hayes",
    "Voss",
    "example.com",
    "example.net",
    "Kaiser",
    "Blue Shield",
    "000019482736",
    "fusion",
)
DOVECOT_OUTAGE_SECONDS = 10.0
"""How long Dovecot stays down at least; longer outages only mean more (and longer) waits."""


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def wait_for(condition: Callable[[], Any], timeout: float, what: str, daemon: Daemon) -> Any:
    """Poll ``condition`` until it is truthy (returned) or ``timeout`` passes (a failure)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if not daemon.alive:
            break
        time.sleep(0.3)
    pytest.fail(
        f"{what}: not within {timeout:.0f} s (daemon {'alive' if daemon.alive else 'exited'})\n"
        f"daemon log ends with:\n{daemon.log()[-4000:]}"
    )


class Daemon:
    """``denialwatch run`` in a child process, its stderr in a file."""

    def __init__(self, config: Path, log_path: Path, database_url: str) -> None:
        self.config = config
        self.database_url = database_url
        self.log_path = log_path
        env = {k: v for k, v in os.environ.items() if not k.startswith("DENIALWATCH_")}
        with log_path.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "denialwatch", "--config", str(config), "run"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
            )

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        """SIGTERM, then SIGKILL after 20 s; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


@contextmanager
def running_daemon(
    tmp_path: Path,
    *,
    inbox: ImapInbox,
    outgoing: SmtpOutgoing,
    database_url: str | None = None,
    storage: Path | None = None,
) -> Iterator[Daemon]:
    database_url = database_url or f"sqlite:///{tmp_path / 'dw.db'}"
    config = write_config(
        tmp_path / "denialwatch.toml",
        inbox=inbox,
        outgoing=outgoing,
        database_url=database_url,
        storage=storage or tmp_path / "documents",
        extra="[service]\npoll_interval_seconds = 1",
    )
    daemon = Daemon(config, tmp_path / "daemon.log", database_url)
    try:
        yield daemon
    except BaseException:
        daemon.stop()
        raise
    returncode = daemon.stop()
    # A clean stop after the outage is part of "keeps running".
    assert returncode == 0, f"daemon exited {returncode}\n{daemon.log()[-4000:]}"


def worker(daemon: Daemon) -> dict[str, Any] | None:
    """The daemon's row in ``status --json`` (the only worker of the test's database)."""
    report = denialwatch_json(daemon.config, "status")
    workers = [w for w in report["workers"] if not w["stopped_at"]]
    return workers[0] if workers else None


def failing(daemon: Daemon, component: str) -> dict[str, Any] | None:
    """The daemon's status when it shows ``component`` failing with its last error, else None."""
    row = worker(daemon)
    if row is None or row["components"][component] != "failing":
        return None
    if not (row["last_error"] or "").startswith(f"{component}: "):
        return None
    return row


def states(daemon: Daemon) -> list[str]:
    """Each message's state, read from the database directly (the CLI is slow to start)."""
    engine = create_engine(daemon.database_url)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(text("SELECT state FROM messages ORDER BY id")))
    except SQLAlchemyError:  # not migrated yet, or the database is down
        return []
    finally:
        engine.dispose()


def all_processed(daemon: Daemon, count: int) -> bool:
    found = states(daemon)
    return len(found) == count and all(state == "case" for state in found)


def emailed(smtp: SmtpServer) -> dict[str, list[str]]:
    """Message-IDs of the emails each patient received."""
    found: dict[str, list[str]] = {}
    for mail in smtp.received:
        for rcpt in mail.rcpt_tos:
            found.setdefault(rcpt, []).append(str(mail.message["Message-ID"]))
    return found


def assert_no_content(log: str) -> None:
    for fact in CONTENT:
        assert fact not in log, f"the daemon logged {fact!r}"


def assert_caught_up(daemon: Daemon, smtp: SmtpServer, imap: ImapAccount, names: list[str]) -> None:
    """Every message a case, filed out of the inbox, every patient emailed exactly once."""
    wait_for(lambda: all_processed(daemon, len(names)), 60, "every message processed", daemon)
    patients = {DENIALS[name] for name in names}
    wait_for(lambda: set(emailed(smtp)) == patients, 60, "every patient emailed", daemon)
    wait_for(lambda: not imap.messages("INBOX"), 30, "the inbox filed empty", daemon)
    time.sleep(2)  # a duplicate send would show up now
    received = emailed(smtp)
    assert {p: len(ids) for p, ids in received.items()} == dict.fromkeys(patients, 1)
    status = denialwatch_json(daemon.config, "status")
    assert status["messages"] == {"waiting": 0, "in_review": 0, "failed": 0}
    assert status["emails"] == {"queued": 0, "failed": 0}


@pytest.fixture
def own_dovecot(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """A Dovecot of this test's own, so stopping it disturbs no other test."""
    from tests.support.dovecot import dovecot_missing_reason

    reason = dovecot_missing_reason()
    require(reason is None, reason or "")
    server = start_dovecot(tls_files)
    try:
        yield server
    finally:
        server.close()


def test_dovecot_stopped_and_restarted(
    tmp_path: Path, own_dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    account = own_dovecot.add_account()
    with running_daemon(
        tmp_path, inbox=account.inbox_config(Security.NONE), outgoing=smtp_server.outgoing_config()
    ) as daemon:
        names = list(DENIALS)[:4]
        account.append(sample(names[0]))
        wait_for(lambda: all_processed(daemon, 1), 120, "the first denial processed", daemon)
        # Another arrives, and the server goes away at once: fetched or not, it is not lost.
        account.append(sample(names[1]))
        own_dovecot.stop()
        stopped = time.monotonic()
        try:
            row = wait_for(
                lambda: failing(daemon, "inbox"), 20, "status shows the inbox failing", daemon
            )
            assert str(own_dovecot.port) in row["last_error"]
            left = DOVECOT_OUTAGE_SECONDS - (time.monotonic() - stopped)
            if left > 0:
                time.sleep(left)
            assert daemon.alive
            retries = re.findall(r"inbox: trying again in [\d.]+ s \(failure (\d+)\)", daemon.log())
            assert len(retries) >= 3, daemon.log()[-3000:]
        finally:
            own_dovecot.start()
        account.append(sample(names[2]))
        account.append(sample(names[3]))
        assert_caught_up(daemon, smtp_server, account, names)
        log = daemon.log()
    assert re.search(rf"inbox: .*127\.0\.0\.1:{own_dovecot.port}", log)
    assert_no_content(log)


def test_smtp_down_then_back(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    try:
        with running_daemon(
            tmp_path, inbox=imap_account.inbox_config(), outgoing=smtp_server.outgoing_config()
        ) as daemon:
            name = next(iter(DENIALS))
            imap_account.append(sample(name))
            # The case is opened, its email queued, and the first try fails.
            row = wait_for(lambda: failing(daemon, "smtp"), 60, "status: smtp failing", daemon)
            assert str(smtp_server.port) in row["last_error"]
            assert all_processed(daemon, 1)
            assert denialwatch_json(daemon.config, "status")["emails"]["queued"] == 1
            assert re.search(r"email \d+: will retry", daemon.log())
            assert daemon.alive
            smtp_server.start()
            # The retry waits out its backoff (30 s after the first failure, then 1 minute).
            wait_for(lambda: smtp_server.received, 100, "the email delivered", daemon)
            assert_caught_up(daemon, smtp_server, imap_account, [name])
            (mail,) = smtp_server.received
            case = denialwatch_json(daemon.config, "cases", "list")[0]
            shown = denialwatch_json(daemon.config, "cases", "show", str(case["id"]))
            (sent,) = shown["emails"]
            assert sent["status"] == "sent"
            assert sent["attempts"] >= 2  # the failed try (or tries), then the one delivered
            assert mail.message["Message-ID"].strip("<>") == sent["message_id"].strip("<>")
            log = daemon.log()
    finally:
        smtp_server.start()
    assert re.search(r"email \d+: will retry", log)
    assert_no_content(log)


def test_postgres_restarted(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    reason = postgres_missing_reason()
    require(reason is None, reason or "")
    server = start_postgres()
    try:
        url = server.create_database(f"dw_{uuid.uuid4().hex[:8]}")
        with running_daemon(
            tmp_path,
            inbox=imap_account.inbox_config(),
            outgoing=smtp_server.outgoing_config(),
            database_url=url,
        ) as daemon:
            names = list(DENIALS)[:4]
            imap_account.append(sample(names[0]))
            wait_for(lambda: all_processed(daemon, 1), 120, "the first denial processed", daemon)
            server.restart()  # a quick restart while the daemon idles: pooled connections die
            imap_account.append(sample(names[1]))
            wait_for(lambda: all_processed(daemon, 2), 60, "processed after a restart", daemon)
            # A longer outage: messages arrive while the database is down.
            server.stop()
            try:
                imap_account.append(sample(names[2]))
                imap_account.append(sample(names[3]))
                wait_for(
                    lambda: re.search(r"database: database error \(\w+\)", daemon.log()),
                    30,
                    "the log says the database fails",
                    daemon,
                )
                during = denialwatch(daemon.config, "status", "--json", check=False)
                assert during.returncode != 0
                assert daemon.alive
            finally:
                server.start()
            assert_caught_up(daemon, smtp_server, imap_account, names)

            def recorded() -> dict[str, Any] | None:
                # The outage is written by the first heartbeat that reaches the database
                # again (every 20 s): it may come after the work has caught up.
                row = worker(daemon)
                error = (row or {}).get("last_error") or ""
                return row if error.startswith("database: database error") else None

            row = wait_for(recorded, 60, "the database outage in status", daemon)
            assert row["components"]["database"] == "ok"
            log = daemon.log()
    finally:
        server.close()
    assert "Traceback" not in log
    assert_no_content(log)


def big_denial(size: int) -> bytes:
    """Sample 03 with a large photo of the letter attached as well."""
    raw = sample("03-blue-shield-experimental-outlook-attachment.eml")
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    message.add_attachment(
        os.urandom(size), maintype="application", subtype="octet-stream", filename="scan.bin"
    )
    return message.as_bytes()


@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` (0700) for the test's duration."""
    path.mkdir(mode=0o700)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        for _ in range(10):
            if subprocess.run(["umount", str(path)], capture_output=True, check=False).returncode:
                time.sleep(0.5)
            else:
                break


def test_disk_full_while_storing(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    with small_disk(tmp_path / "documents", "6m") as storage:
        with running_daemon(
            tmp_path,
            inbox=imap_account.inbox_config(),
            outgoing=smtp_server.outgoing_config(),
            storage=storage,
        ) as daemon:
            first = next(iter(DENIALS))
            imap_account.append(sample(first))
            wait_for(lambda: all_processed(daemon, 1), 120, "the first denial processed", daemon)
            # Leave 256 KiB free, then a 2 MB message arrives.
            stat = os.statvfs(storage)
            filler = storage / "filler"
            with filler.open("wb") as handle:
                handle.write(b"\0" * (stat.f_bavail * stat.f_frsize - 256 * 1024))
            big = big_denial(1536 * 1024)
            imap_account.append(big)
            row = wait_for(
                lambda: failing(daemon, "storage"), 30, "status: storage failing", daemon
            )
            assert "No space left on device" in row["last_error"]
            assert "storage: cannot write to the document store" in daemon.log()
            assert daemon.alive
            assert len(imap_account.messages("INBOX")) == 1  # kept where it was
            assert len(states(daemon)) == 1  # and not recorded half-stored
            filler.unlink()
            names = [first, "03-blue-shield-experimental-outlook-attachment.eml"]
            assert_caught_up(daemon, smtp_server, imap_account, names)
            log = daemon.log()
        # Nothing half-written was left, and every blob is what its name says.
        leftovers = list(storage.rglob(".tmp-*"))
        assert leftovers == []
        for blob in (storage / "blobs").rglob("*"):
            if blob.is_file():
                assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.name
    assert_no_content(log)


def test_blob_store_never_leaves_a_truncated_blob(tmp_path: Path) -> None:
    """A write that hits a full disk leaves no file under the blob's name, and no temp file."""
    from denialwatch.errors import StorageError
    from denialwatch.store.blobs import BlobStore, sha256_hex

    with small_disk(tmp_path / "documents", "1m") as storage:
        store = BlobStore(storage)
        store.ensure()
        data = os.urandom(2 * 1024 * 1024)
        with pytest.raises(StorageError, match="No space left on device"):
            store.put(data)
        assert not store.exists(sha256_hex(data))
        assert not [p for p in storage.rglob("*") if p.is_file()]
        small = b"fits"
        assert store.get(store.put(small)) == small
    with suppress(OSError):
        (tmp_path / "documents").rmdir()
