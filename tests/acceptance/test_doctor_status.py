"""``doctor`` against real servers, and ``status`` after a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from denialwatch.config import Security
from tests.acceptance.cli import denialwatch, write_config
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.imap


def config_for(tmp_path: Path, inbox: object, smtp_server: SmtpServer) -> Path:
    storage = tmp_path / "documents"
    storage.mkdir(mode=0o700)
    return write_config(
        tmp_path / "denialwatch.toml",
        inbox=inbox,  # type: ignore[arg-type]
        outgoing=smtp_server.outgoing_config(),
        database_url=f"sqlite:///{tmp_path / 'dw.db'}",
        storage=storage,
    )


def test_doctor_says_ok_for_each_part_against_real_servers(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    config = config_for(tmp_path, imap_account.inbox_config(Security.TLS), smtp_server)
    denialwatch(config, "db", "upgrade")
    result = denialwatch(config, "doctor", check=False)
    lines = result.stdout.splitlines()
    by_name = {line[5:].split(":", 1)[0]: line for line in lines}
    for name in ("config", "imap", "smtp", "database", "storage"):
        assert by_name[name].startswith("ok   "), result.stdout
    assert f"as {imap_account.username}, INBOX, IDLE supported" in by_name["imap"]
    ocr_ok = by_name["ocr"].startswith("ok")
    assert result.returncode == (0 if ocr_ok else 1), result.stdout + result.stderr


def test_doctor_fails_with_a_hint_on_a_wrong_imap_password(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    wrong = tmp_path / "wrong-password"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    wrong.chmod(0o600)
    inbox = imap_account.inbox_config(Security.TLS, password_file=str(wrong))
    config = config_for(tmp_path, inbox, smtp_server)
    result = denialwatch(config, "doctor", check=False)
    assert result.returncode == 1
    imap = next(line for line in result.stdout.splitlines() if line[5:].startswith("imap:"))
    assert imap.startswith("FAIL imap:")
    assert "what to do: check inbox.username and the password" in imap
    assert "not-the-password" not in result.stdout + result.stderr


def test_status_after_a_run_shows_the_last_poll_and_the_counts(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    config = config_for(tmp_path, imap_account.inbox_config(Security.TLS), smtp_server)
    imap_account.append(
        b"From: someone@example.net\r\nSubject: hello\r\nMessage-ID: <s1@example.net>\r\n"
        b"\r\nLunch?\r\n"
    )
    denialwatch(config, "run", "--once")
    report = json.loads(denialwatch(config, "status", "--json").stdout)
    assert report["last_poll_ok_at"] is not None
    assert report["last_poll_ok_by"]
    assert report["messages"] == {"waiting": 0, "in_review": 0, "failed": 0}
    assert report["reminders"] == {"due_today": 0, "overdue": 0, "failed": 0}
    assert report["emails"] == {"queued": 0, "failed": 0}
    (worker,) = report["workers"]
    assert worker["stopped_at"] is not None
    assert worker["components"]["inbox"] == "ok"
    text = denialwatch(config, "status").stdout
    assert "last successful poll: " in text
    assert "never" not in text
    assert "messages: 0 waiting, 0 in review, 0 failed" in text
