"""The configuration contract: keys, validation messages, secrets and overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from denialwatch.config import ImapInbox, Security, SmtpOutgoing, load_config, parse_config
from denialwatch.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def base(tmp_path: Path) -> dict[str, Any]:
    return {
        "inbox": {"source": "maildir", "path": str(tmp_path / "in")},
        "outgoing": {
            "transport": "maildir",
            "path": str(tmp_path / "out"),
            "from_address": "a@b.org",
        },
        "database": {"url": f"sqlite:///{tmp_path}/d.db"},
        "storage": {"path": str(tmp_path / "docs")},
    }


def secret(tmp_path: Path, value: str = "s3cret-pass\n", name: str = "imap-password") -> Path:
    path = tmp_path / name
    path.write_text(value)
    return path


def imap(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    return {
        "source": "imap",
        "host": "imap.example.org",
        "username": "denials@example.org",
        "password_file": str(secret(tmp_path)),
        **extra,
    }


def error_of(data: dict[str, Any], environ: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, environ or {})
    return str(caught.value)


def test_defaults_are_private_and_encrypted(tmp_path: Path) -> None:
    data = base(tmp_path) | {"inbox": imap(tmp_path)}
    config = parse_config(data, {})
    assert isinstance(config.inbox, ImapInbox)
    assert config.inbox.security is Security.TLS
    assert config.inbox.port == 993
    assert config.inbox.folder == "INBOX"
    assert config.inbox.processed_folder == "denialwatch/processed"
    assert config.inbox.review_folder == "denialwatch/review"
    assert config.timezone == "America/Los_Angeles"
    assert config.inbox.password is not None
    assert config.inbox.password.get_secret_value() == "s3cret-pass"


def test_config_is_frozen(tmp_path: Path) -> None:
    config = parse_config(base(tmp_path), {})
    with pytest.raises(ValueError, match="frozen"):
        config.timezone = "UTC"


def test_password_in_the_file_is_refused(tmp_path: Path) -> None:
    data = base(tmp_path) | {"inbox": imap(tmp_path, password="hunter2")}
    message = error_of(data)
    assert "inbox.password" in message
    assert "password_file" in message
    assert "hunter2" not in message


def test_plain_text_refused_unless_loopback(tmp_path: Path) -> None:
    message = error_of(base(tmp_path) | {"inbox": imap(tmp_path, security="none")})
    assert message.startswith("inbox:")
    assert "loopback" in message
    config = parse_config(
        base(tmp_path) | {"inbox": imap(tmp_path, security="none", host="127.0.0.1")}, {}
    )
    assert config.inbox.security is Security.NONE  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone: 'Mars/Olympus' is not an IANA time zone name"),
        ({"inbox": {"source": "pop3"}}, "inbox.source: must be one of 'imap', 'maildir'"),
        ({"inbox": {"path": "/x"}}, "inbox.source: required key is missing"),
        ({"storage": {}}, "storage.path: required key is missing"),
        ({"database": {"url": "mysql://x"}}, "database.url: must be sqlite:///PATH"),
        ({"service": {"poll_interval_seconds": 0}}, "service.poll_interval_seconds:"),
        ({"colour": "blue"}, "colour: unknown key"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    assert expected in error_of(base(tmp_path) | change)


def test_unreadable_password_file_names_key_and_path(tmp_path: Path) -> None:
    data = base(tmp_path) | {"inbox": imap(tmp_path, password_file=str(tmp_path / "missing"))}
    message = error_of(data)
    assert message.startswith("inbox.password_file: cannot read")
    assert "missing" in message


def test_empty_password_file_is_an_error(tmp_path: Path) -> None:
    data = base(tmp_path) | {
        "inbox": imap(tmp_path, password_file=str(secret(tmp_path, "\n", "empty")))
    }
    assert "is empty" in error_of(data)


def test_systemd_credentials_directory(tmp_path: Path) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "imap").write_text("from-systemd")
    inbox = imap(tmp_path)
    del inbox["password_file"]
    inbox["password_credential"] = "imap"
    env = {"CREDENTIALS_DIRECTORY": str(creds)}
    config = parse_config(base(tmp_path) | {"inbox": inbox}, env)
    assert config.inbox.password.get_secret_value() == "from-systemd"  # type: ignore[union-attr]
    # A relative password_file is looked up in the same directory.
    inbox2 = imap(tmp_path, password_file="imap")
    config2 = parse_config(base(tmp_path) | {"inbox": inbox2}, env)
    assert config2.inbox.password.get_secret_value() == "from-systemd"  # type: ignore[union-attr]
    assert "CREDENTIALS_DIRECTORY" in error_of(base(tmp_path) | {"inbox": inbox}, {})


def test_environment_overrides(tmp_path: Path) -> None:
    data = base(tmp_path) | {"inbox": imap(tmp_path)}
    env = {
        "DENIALWATCH_INBOX__HOST": "imap.other.example.org",
        "DENIALWATCH_INBOX__PORT": "1993",
        "DENIALWATCH_SERVICE__POLL_INTERVAL_SECONDS": "5",
        "DENIALWATCH_TIMEZONE": "UTC",
        "DENIALWATCH_CONFIG": "/ignored.toml",
    }
    config = parse_config(data, env)
    assert isinstance(config.inbox, ImapInbox)
    assert (config.inbox.host, config.inbox.port) == ("imap.other.example.org", 1993)
    assert config.service.poll_interval_seconds == 5
    assert config.timezone == "UTC"
    assert "DENIALWATCH_NOSECTION__X" in error_of(data, {"DENIALWATCH_NOSECTION__X": "1"})


def test_smtp_needs_username_and_password_together(tmp_path: Path) -> None:
    outgoing = {
        "transport": "smtp",
        "host": "smtp.example.org",
        "username": "u",
        "from_address": "a@b",
    }
    assert "username and password_file go together" in error_of(
        base(tmp_path) | {"outgoing": outgoing}
    )
    outgoing["password_file"] = str(secret(tmp_path))
    config = parse_config(base(tmp_path) | {"outgoing": outgoing}, {})
    assert isinstance(config.outgoing, SmtpOutgoing)
    assert (config.outgoing.port, config.outgoing.security) == (587, Security.STARTTLS)


def test_load_config_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no configuration file"):
        load_config(None, {})
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.toml", {})
    bad = tmp_path / "bad.toml"
    bad.write_text("[inbox\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad, {})


def test_example_configuration_documents_every_key() -> None:
    """config/denialwatch.example.toml names every key the loader accepts, and is valid."""
    text = (REPO / "config" / "denialwatch.example.toml").read_text()
    from denialwatch.config import (
        Config,
        Dmhc,
        Documents,
        ImapInbox,
        Reminders,
        Service,
        SmtpOutgoing,
    )

    sections: dict[str, type[BaseModel]] = {
        "inbox": ImapInbox,
        "outgoing": SmtpOutgoing,
        "service": Service,
        "documents": Documents,
        "reminders": Reminders,
        "dmhc": Dmhc,
    }
    internal = {"password", "password_source"}
    for name, model in sections.items():
        for key in set(model.model_fields) - internal:
            assert f"{key} =" in text or f"# {key} =" in text, f"[{name}] {key} undocumented"
    for key in ("timezone", "url", "path", "password_file", "password_credential"):
        assert key in text
    data = tomllib.loads(text)
    assert set(data) <= set(Config.model_fields)


def test_evidence_is_off_by_default(tmp_path: Path) -> None:
    evidence = parse_config(base(tmp_path), {}).evidence
    assert (evidence.pubmed, evidence.imr_data_file, evidence.pubmed_api_key) == (False, None, None)
    assert evidence.pubmed_base_url == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    assert (evidence.pubmed_max_results, evidence.pubmed_timeout_seconds) == (5, 10.0)


def test_evidence_validation(tmp_path: Path) -> None:
    def evidence_error(**values: Any) -> str:
        return error_of(base(tmp_path) | {"evidence": values})

    assert "evidence.pubmed_email" in evidence_error(pubmed=True)
    assert "secrets are not accepted" in evidence_error(pubmed_api_key="k")
    assert "https" in evidence_error(pubmed_base_url="http://eutils.example.org/")
    assert "is not a file" in evidence_error(imr_data_file=str(tmp_path / "absent.csv"))
    assert "cannot read" in evidence_error(pubmed_api_key_file=str(tmp_path / "absent"))
    assert "evidence.pubmed_max_results" in evidence_error(pubmed_max_results=0)


def test_evidence_api_key_from_a_file_and_environment(tmp_path: Path) -> None:
    (tmp_path / "ncbi").write_text("key-from-file\n")
    data = base(tmp_path) | {"evidence": {"pubmed_api_key_file": "ncbi"}}
    env = {
        "CREDENTIALS_DIRECTORY": str(tmp_path),
        "DENIALWATCH_EVIDENCE__PUBMED": "true",
        "DENIALWATCH_EVIDENCE__PUBMED_EMAIL": "ops@example.org",
        "DENIALWATCH_EVIDENCE__PUBMED_BASE_URL": "http://127.0.0.1:8080/eutils",
    }
    evidence = parse_config(data, env).evidence
    assert evidence.pubmed
    assert evidence.pubmed_api_key is not None
    assert evidence.pubmed_api_key.get_secret_value() == "key-from-file"
    assert "key-from-file" not in repr(evidence)
    assert evidence.pubmed_base_url == "http://127.0.0.1:8080/eutils/"


def test_example_configuration_documents_the_evidence_section() -> None:
    from denialwatch.config import EvidenceSettings

    text = (REPO / "config" / "denialwatch.example.toml").read_text()
    assert "[evidence]" in text
    for key in EvidenceSettings.model_fields:
        assert f"# {key} =" in text, f"[evidence] {key} undocumented"
