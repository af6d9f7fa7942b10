"""The sender policy ``[senders]``: its configuration and the reasons it gives.

A reason is shown in ``messages list`` and may be logged, so none may name the sender.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from denialwatch.config import Senders, parse_config
from denialwatch.errors import ConfigError
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.service.senders import refusal, refused
from denialwatch.store.models import Message, Patient
from tests.conftest import make_config

PATIENT = "Zed.Patient@Example.NET"
SERVER = "mx.example.org"
PASSING = (
    f"{SERVER}; dkim=pass header.d=example.net; spf=pass smtp.mailfrom=b@example.net; "
    "dmarc=pass header.from=example.net"
)


def senders(**values: Any) -> Senders:
    return Senders.model_validate(values)


def assert_private(reason: str | None) -> None:
    assert reason is not None
    for word in ("zed", "patient", "example.net"):
        assert word not in reason.lower()


def test_the_default_policy_answers_everyone() -> None:
    settings = Senders()
    assert settings.policy == "any"
    assert settings.allow_known_patients is True
    assert settings.require == ("dmarc",)
    assert refusal(settings, sender=PATIENT, auth_results=(), known_patient=False) is None


def test_registered_lists_addresses_in_any_case() -> None:
    settings = senders(policy="registered", registered=["zed.patient@example.net"])
    assert refusal(settings, sender=PATIENT, auth_results=(), known_patient=False) is None
    reason = refusal(settings, sender="other@example.net", auth_results=(), known_patient=False)
    assert reason == "sender not registered (policy: registered)"
    assert_private(reason)


def test_registered_counts_known_patients_unless_told_not_to() -> None:
    settings = senders(policy="registered")
    assert refusal(settings, sender=PATIENT, auth_results=(), known_patient=True) is None
    strict = senders(policy="registered", registered=["a@example.org"], allow_known_patients=False)
    assert_private(refusal(strict, sender=PATIENT, auth_results=(), known_patient=True))


def test_registered_file_one_address_a_line_with_comments(tmp_path: Path) -> None:
    listed = tmp_path / "senders"
    listed.write_text("# patients\nZED.patient@example.net  # Zed\n\nb@example.org\n")
    settings = senders(policy="registered", registered=["c@example.org"], registered_file=listed)
    assert settings.addresses == {"zed.patient@example.net", "b@example.org", "c@example.org"}
    assert refusal(settings, sender=PATIENT, auth_results=(), known_patient=False) is None


def test_authenticated_passes_when_every_required_method_passes() -> None:
    settings = senders(policy="authenticated", authserv_id=SERVER, require=["dmarc", "dkim", "spf"])
    assert refusal(settings, sender=PATIENT, auth_results=[PASSING], known_patient=False) is None


def test_authenticated_names_what_did_not_pass_and_where() -> None:
    settings = senders(policy="authenticated", authserv_id=SERVER, require=["dmarc", "spf"])
    failing = (
        f"{SERVER}; spf=softfail smtp.mailfrom=example.net; dmarc=fail header.from=example.net"
    )
    reason = refusal(settings, sender=PATIENT, auth_results=[failing], known_patient=True)
    assert reason == f"DMARC and SPF did not pass at {SERVER} (policy: authenticated)"
    assert_private(reason)


def test_authenticated_ignores_headers_from_other_servers() -> None:
    settings = senders(policy="authenticated", authserv_id=SERVER)
    forged = PASSING.replace(SERVER, "mx.attacker.example")
    reason = refusal(settings, sender=PATIENT, auth_results=[forged], known_patient=True)
    assert reason == f"no Authentication-Results from {SERVER} (policy: authenticated)"
    assert_private(reason)


def test_authenticated_needs_the_pass_to_be_for_the_sender_domain() -> None:
    settings = senders(policy="authenticated", authserv_id=SERVER, require=["dkim"])
    reason = refusal(
        settings, sender="zed@elsewhere.example", auth_results=[PASSING], known_patient=False
    )
    assert reason == f"DKIM did not pass at {SERVER} (policy: authenticated)"
    assert "elsewhere" not in reason


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ({"policy": "authenticated"}, "senders.authserv_id"),
        ({"policy": "authenticated", "authserv_id": SERVER, "require": []}, "senders.require"),
        ({"policy": "registered", "allow_known_patients": False}, "would answer no one"),
        ({"policy": "registered", "registered": ["not-an-address"]}, "entry 1"),
        ({"policy": "sometimes"}, "senders.policy"),
        ({"require": ["arc"]}, "senders.require"),
        ({"registered_file": "/nonexistent/senders"}, "senders.registered_file"),
    ],
)
def test_configuration_errors_name_the_key(
    tmp_path: Path, section: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ConfigError, match=expected) as caught:
        make_config(tmp_path, "sqlite://", senders=section)
    assert "not-an-address" not in str(caught.value)


def test_environment_overrides_take_comma_separated_lists(tmp_path: Path) -> None:
    data = {
        "inbox": {"source": "maildir", "path": str(tmp_path / "inbox")},
        "outgoing": {
            "transport": "maildir",
            "path": str(tmp_path / "out"),
            "from_address": "a@b.c",
        },
        "database": {"url": "sqlite://"},
        "storage": {"path": str(tmp_path / "documents")},
    }
    environ = {
        "DENIALWATCH_SENDERS__POLICY": "authenticated",
        "DENIALWATCH_SENDERS__AUTHSERV_ID": SERVER,
        "DENIALWATCH_SENDERS__REQUIRE": "dmarc, dkim",
        "DENIALWATCH_SENDERS__REGISTERED": "a@example.org,B@example.org",
    }
    config = parse_config(data, environ)
    assert config.senders.require == ("dmarc", "dkim")
    assert config.senders.addresses == {"a@example.org", "b@example.org"}


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    def build(**section: Any) -> Runtime:
        runtime = build_runtime(
            make_config(tmp_path, f"sqlite:///{tmp_path / 'dw.db'}", senders=section)
        )
        built.append(runtime)
        return runtime

    built: list[Runtime] = []
    yield build  # type: ignore[misc]
    for each in built:
        each.close()


def test_refused_reads_patients_and_the_stored_headers(runtime: Any) -> None:
    registered: Runtime = runtime(policy="registered")
    with registered.sessions() as session:
        message = Message(sha256="0" * 64)
        assert refused(session, registered, message, PATIENT) == (
            "sender not registered (policy: registered)"
        )
        session.add(Patient(email=PATIENT.lower(), created_at=datetime(2026, 1, 5, tzinfo=UTC)))
        session.flush()
        assert refused(session, registered, message, PATIENT) is None


def test_refused_reads_the_headers_of_the_stored_message(runtime: Any) -> None:
    authenticated: Runtime = runtime(policy="authenticated", authserv_id=SERVER)
    raw = f"Authentication-Results: {PASSING}\r\nFrom: {PATIENT}\r\n\r\nhello\r\n".encode()
    digest = authenticated.blobs.put(raw)
    with authenticated.sessions() as session:
        assert refused(session, authenticated, Message(sha256=digest), PATIENT) is None
        other = authenticated.blobs.put(raw.replace(b"dmarc=pass", b"dmarc=fail"))
        assert refused(session, authenticated, Message(sha256=other), PATIENT) == (
            f"DMARC did not pass at {SERVER} (policy: authenticated)"
        )
