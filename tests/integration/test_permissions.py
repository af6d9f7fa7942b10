"""What the service writes is private to it, and its connections verify certificates.

A pass on the Maildir default (in this process, under the permissive umask 022, so the
service's own modes are what is checked, not the 077 the command line sets) must leave
every file it wrote (documents, letters, the SQLite database and its journal, the outbox)
at 0600 and every directory it made at 0700.

TLS: verification is on unless an operator names a CA to trust instead; there is no key to
turn it off. That a connection to the test Dovecot or SMTP server with its private CA fails
without ``tls_ca_file`` is tested in ``test_imap_source.py``
(``test_tls_without_the_ca_file_is_refused``) and ``test_smtp_sender.py`` (the same name).
"""

from __future__ import annotations

import mailbox
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from denialwatch.config import (
    Config,
    EvidenceSettings,
    ImapInbox,
    Security,
    SmtpOutgoing,
    parse_config,
)
from denialwatch.errors import ConfigError
from denialwatch.service.runner import run_pass
from denialwatch.service.runtime import build_runtime
from tests.conftest import make_config

SAMPLES = resources.files("denialwatch") / "samples"
NOW = datetime(2026, 3, 13, 18, 0, tzinfo=UTC)


def modes(root: Path) -> Iterator[tuple[Path, int]]:
    yield root, stat.S_IMODE(root.stat().st_mode)
    for directory, subdirectories, files in os.walk(root):
        for name in (*subdirectories, *files):
            path = Path(directory) / name
            yield path, stat.S_IMODE(path.lstat().st_mode)


def test_documents_database_and_outbox_are_private(tmp_path: Path) -> None:
    database = tmp_path / "state" / "denialwatch.db"
    config: Config = make_config(tmp_path, f"sqlite:///{database}")
    inbox = mailbox.Maildir(tmp_path / "inbox", create=True)
    for name in ("01-kaiser-denial-gmail-forward.eml", "06-plan-newsletter-not-a-denial.eml"):
        inbox.add(mailbox.MaildirMessage((SAMPLES / name).read_bytes()))
    inbox.close()

    previous = os.umask(0o022)
    try:
        runtime = build_runtime(config)
        try:
            result = run_pass(runtime, now=NOW)
        finally:
            runtime.close()
    finally:
        os.umask(previous)
    assert result.errors == 0
    assert result.sent == 1

    checked: list[Path] = []
    wrong: list[str] = []
    roots = (tmp_path / "documents", tmp_path / "outbox", database.parent)
    for root in roots:
        assert root.is_dir(), root
        for path, mode in modes(root):
            expected = 0o700 if path.is_dir() else 0o600
            checked.append(path)
            if mode != expected:
                wrong.append(f"{path.relative_to(tmp_path)}: {mode:o}, not {expected:o}")
    assert wrong == []
    files = [p for p in checked if p.is_file()]
    assert database in files
    assert any(p.is_relative_to(tmp_path / "outbox") for p in files)
    assert sum(p.is_relative_to(tmp_path / "documents") for p in files) >= 3


@pytest.mark.parametrize("model", [ImapInbox, SmtpOutgoing, EvidenceSettings])
def test_no_setting_turns_certificate_verification_off(model: type[object]) -> None:
    fields = set(getattr(model, "model_fields", {}))
    assert not {f for f in fields if "verify" in f or "insecure" in f or "check_hostname" in f}


def test_tls_is_the_default_and_verification_cannot_be_disabled(tmp_path: Path) -> None:
    password = tmp_path / "password"
    password.write_text("not-used\n")
    servers = {
        "inbox": {
            "source": "imap",
            "host": "imap.example.org",
            "username": "u",
            "password_file": str(password),
        },
        "outgoing": {
            "transport": "smtp",
            "host": "smtp.example.org",
            "from_address": "a@example.org",
        },
    }
    config = make_config(tmp_path, "sqlite://", **servers)
    assert isinstance(config.inbox, ImapInbox)
    assert isinstance(config.outgoing, SmtpOutgoing)
    assert config.inbox.security is Security.TLS
    assert config.outgoing.security is Security.STARTTLS
    assert config.inbox.tls_ca_file is None
    assert config.outgoing.tls_ca_file is None
    for section in ("inbox", "outgoing"):
        for key in ("verify", "tls_verify", "insecure"):
            data: dict[str, Any] = {
                "database": {"url": "sqlite://"},
                "storage": {"path": str(tmp_path)},
                **servers,
            }
            data[section] = {**servers[section], key: False}
            with pytest.raises(ConfigError, match=f"{section}.{key}: unknown key"):
                parse_config(data, environ={})
