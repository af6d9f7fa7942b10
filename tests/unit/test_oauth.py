"""OAuth 2 access tokens: the XOAUTH2 string, tokens from a file or a command, and the
configuration keys that choose them."""

from __future__ import annotations

import base64
import sys
from pathlib import Path
from typing import Any

import pytest

from denialwatch.config import ImapInbox, SmtpOutgoing, parse_config
from denialwatch.errors import ConfigError, SourceError
from denialwatch.mail.oauth import access_token, xoauth2_string

TOKEN = "ya29.a0AfH6SMBx-secret-token_42"


def base(tmp_path: Path, **sections: Any) -> dict[str, Any]:
    return {
        "inbox": {"source": "maildir", "path": str(tmp_path / "in")},
        "outgoing": {
            "transport": "maildir",
            "path": str(tmp_path / "out"),
            "from_address": "a@b.org",
        },
        "database": {"url": f"sqlite:///{tmp_path}/d.db"},
        "storage": {"path": str(tmp_path / "docs")},
        **sections,
    }


def oauth_inbox(**extra: Any) -> dict[str, Any]:
    return {
        "source": "imap",
        "host": "imap.gmail.com",
        "username": "denials@example.org",
        "auth": "xoauth2",
        **extra,
    }


def oauth_outgoing(**extra: Any) -> dict[str, Any]:
    return {
        "transport": "smtp",
        "host": "smtp.gmail.com",
        "username": "denials@example.org",
        "from_address": "denials@example.org",
        "auth": "xoauth2",
        **extra,
    }


def inbox(tmp_path: Path, environ: dict[str, str] | None = None, **extra: Any) -> ImapInbox:
    config = parse_config(base(tmp_path, inbox=oauth_inbox(**extra)), environ or {})
    assert isinstance(config.inbox, ImapInbox)
    return config.inbox


def token_file(tmp_path: Path, text: str = TOKEN + "\n") -> Path:
    path = tmp_path / "gmail-token"
    path.write_text(text)
    return path


def error_of(data: dict[str, Any], environ: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, environ or {})
    return str(caught.value)


def source_error(settings: ImapInbox | SmtpOutgoing, **options: Any) -> str:
    with pytest.raises(SourceError) as caught:
        access_token(settings, **options)
    message = str(caught.value)
    assert TOKEN not in message
    assert caught.value.__cause__ is None  # nothing chained that could carry output
    return message


# The SASL string.


def test_xoauth2_string_is_the_sasl_initial_response() -> None:
    assert (
        xoauth2_string("denials@example.org", "tok-1")
        == "user=denials@example.org\x01auth=Bearer tok-1\x01\x01"
    )


def test_xoauth2_string_matches_googles_documented_example() -> None:
    # developers.google.com/gmail/imap/xoauth2-protocol: the base64 of the example string.
    encoded = base64.b64encode(
        xoauth2_string(
            "someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"
        ).encode()
    )
    assert encoded == (
        b"dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52"
        b"YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
    )


# Tokens from a file.


def test_token_from_a_file_is_read_at_each_call(tmp_path: Path) -> None:
    path = token_file(tmp_path)
    settings = inbox(tmp_path, oauth2_token_file=str(path))
    assert access_token(settings) == TOKEN
    path.write_text("ya29.refreshed\r\n")
    assert access_token(settings) == "ya29.refreshed"


def test_a_relative_token_file_is_a_systemd_credential(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "gmail-token").write_text(TOKEN)
    settings = inbox(
        tmp_path, {"CREDENTIALS_DIRECTORY": str(credentials)}, oauth2_token_file="gmail-token"
    )
    assert settings.oauth2_token_file == credentials / "gmail-token"
    assert access_token(settings) == TOKEN


def test_a_missing_token_file_is_a_source_error(tmp_path: Path) -> None:
    settings = inbox(tmp_path, oauth2_token_file=str(tmp_path / "not-yet"))
    message = source_error(settings)
    assert message.startswith("inbox.oauth2_token_file: cannot read")
    assert "not-yet" in message


@pytest.mark.parametrize("text", ["", "\n", "   \n"])
def test_an_empty_token_is_refused(tmp_path: Path, text: str) -> None:
    settings = inbox(tmp_path, oauth2_token_file=str(token_file(tmp_path, text)))
    assert source_error(settings) == "inbox.oauth2_token_file: the token is empty"


@pytest.mark.parametrize("text", [f"{TOKEN} extra", f"{TOKEN}\x01", f"{TOKEN}é"])
def test_a_token_that_would_corrupt_the_sasl_string_is_refused(tmp_path: Path, text: str) -> None:
    settings = inbox(tmp_path, oauth2_token_file=str(token_file(tmp_path, text)))
    assert "spaces, control or non-ASCII" in source_error(settings)


# Tokens from a command.


def test_token_from_a_command(tmp_path: Path) -> None:
    settings = inbox(tmp_path, oauth2_token_command=[sys.executable, "-c", f"print({TOKEN!r})"])
    assert access_token(settings) == TOKEN


def test_the_command_runs_without_a_shell(tmp_path: Path) -> None:
    echo = [sys.executable, "-c", "import sys; print(sys.argv[1])", "$HOME;`id`"]
    assert access_token(inbox(tmp_path, oauth2_token_command=echo)) == "$HOME;`id`"


def test_a_failing_command_names_its_status_not_its_output(tmp_path: Path) -> None:
    script = (
        f"import sys; print({TOKEN!r}); "
        "print('refresh_token=1//0g-secret', file=sys.stderr); sys.exit(3)"
    )
    settings = inbox(tmp_path, oauth2_token_command=[sys.executable, "-c", script])
    message = source_error(settings)
    assert message == f"inbox.oauth2_token_command: {sys.executable} exited with status 3"
    assert "refresh_token" not in message


def test_a_command_that_hangs_is_stopped(tmp_path: Path) -> None:
    settings = inbox(
        tmp_path, oauth2_token_command=[sys.executable, "-c", "import time; time.sleep(30)"]
    )
    assert "did not finish within 0.5 s" in source_error(settings, timeout=0.5)


def test_a_missing_program_is_a_source_error(tmp_path: Path) -> None:
    settings = inbox(tmp_path, oauth2_token_command=[str(tmp_path / "no-such-helper")])
    assert "cannot run" in source_error(settings)


def test_a_command_printing_nothing_is_refused(tmp_path: Path) -> None:
    settings = inbox(tmp_path, oauth2_token_command=[sys.executable, "-c", "pass"])
    assert source_error(settings) == "inbox.oauth2_token_command: the token is empty"


def test_the_command_may_come_from_the_environment_as_one_string(tmp_path: Path) -> None:
    environ = {"DENIALWATCH_INBOX__OAUTH2_TOKEN_COMMAND": "oauth2ms --encode-xoauth2 'my account'"}
    config = parse_config(base(tmp_path, inbox=oauth_inbox()), environ)
    assert isinstance(config.inbox, ImapInbox)
    assert config.inbox.oauth2_token_command == ("oauth2ms", "--encode-xoauth2", "my account")


# Configuration.


def test_xoauth2_needs_no_password(tmp_path: Path) -> None:
    path = str(token_file(tmp_path))
    config = parse_config(
        base(
            tmp_path,
            inbox=oauth_inbox(oauth2_token_file=path),
            outgoing=oauth_outgoing(oauth2_token_command=["get-token"]),
        ),
        {},
    )
    assert isinstance(config.inbox, ImapInbox)
    assert isinstance(config.outgoing, SmtpOutgoing)
    assert (config.inbox.auth, config.inbox.password) == ("xoauth2", None)
    assert config.inbox.credential_source == f"OAuth 2 token from {path}"
    assert config.outgoing.credential_source == "OAuth 2 token from command get-token"


def test_password_is_the_default(tmp_path: Path) -> None:
    password = tmp_path / "pw"
    password.write_text("s3cret")
    data = oauth_inbox(password_file=str(password))
    del data["auth"]
    config = parse_config(base(tmp_path, inbox=data), {})
    assert isinstance(config.inbox, ImapInbox)
    assert config.inbox.auth == "password"
    assert config.inbox.credential_source == f"password from {password}"


@pytest.mark.parametrize(
    ("section", "extra", "expected"),
    [
        (
            "inbox",
            {},
            'inbox.auth: "xoauth2" needs exactly one of oauth2_token_file and oauth2_token_command',
        ),
        (
            "inbox",
            {"oauth2_token_file": "/t", "oauth2_token_command": ["get-token"]},
            'inbox.auth: "xoauth2" needs exactly one of oauth2_token_file and oauth2_token_command',
        ),
        (
            "outgoing",
            {"oauth2_token_file": "/t", "username": None},
            'outgoing.username: auth = "xoauth2" needs the account\'s username',
        ),
        (
            "inbox",
            {"auth": "password", "oauth2_token_file": "/t"},
            'inbox.oauth2_token_file: an OAuth 2 token is used only with auth = "xoauth2"',
        ),
        ("inbox", {"oauth2_token_command": []}, "inbox.oauth2_token_command: must name a program"),
        ("inbox", {"auth": "oauth", "oauth2_token_file": "/t"}, "inbox.auth: Input should be"),
    ],
)
def test_configuration_errors(
    tmp_path: Path, section: str, extra: dict[str, Any], expected: str
) -> None:
    data = oauth_inbox(**extra) if section == "inbox" else oauth_outgoing(**extra)
    data = {key: value for key, value in data.items() if value is not None}
    assert expected in error_of(base(tmp_path, **{section: data}))


def test_a_password_beside_xoauth2_is_refused(tmp_path: Path) -> None:
    password = tmp_path / "pw"
    password.write_text("s3cret")
    data = oauth_inbox(oauth2_token_file="/t", password_file=str(password))
    message = error_of(base(tmp_path, inbox=data))
    assert 'inbox.password_file: not used with auth = "xoauth2"' in message
    assert "s3cret" not in message


def test_an_inbox_with_password_auth_still_needs_a_password(tmp_path: Path) -> None:
    data = oauth_inbox(auth="password")
    assert "inbox.password_file: an IMAP inbox needs a password file" in error_of(
        base(tmp_path, inbox=data)
    )


def test_no_token_source_is_a_config_error(tmp_path: Path) -> None:
    password = tmp_path / "pw"
    password.write_text("s3cret")
    data = oauth_inbox(password_file=str(password))
    del data["auth"]
    config = parse_config(base(tmp_path, inbox=data), {})
    assert isinstance(config.inbox, ImapInbox)
    with pytest.raises(ConfigError, match="no oauth2_token_file or oauth2_token_command"):
        access_token(config.inbox)
