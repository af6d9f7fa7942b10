"""Fixtures shared by every tier: databases (SQLite always, PostgreSQL when configured),
configurations pointing at temporary directories, and the corpus location.

``require`` is how a test says it needs something from outside the repository (Dovecot,
PostgreSQL, the shared corpus): locally a missing piece skips the test with the reason;
under ``CI=true`` it fails it, so CI can never go green by skipping real-server tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from denialwatch.config import Config, parse_config

pytest_plugins = ["tests.support.fixtures"]

POSTGRES_ENV = "DENIALWATCH_TEST_POSTGRES_URL"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(available: bool, reason: str) -> None:
    """Skip (locally) or fail (under CI=true) when something the test needs is missing."""
    if available:
        return
    if in_ci():
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus() -> Path:
    require(CORPUS.is_dir(), f"the shared corpus is not at {CORPUS}")
    return CORPUS


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'denialwatch.db'}"
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    require(bool(admin_url), f"{POSTGRES_ENV} is not set")
    assert admin_url is not None
    name = f"dw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as err:  # a configured but unreachable server is a failure, not a skip
        admin.dispose()
        pytest.fail(f"PostgreSQL at {POSTGRES_ENV} is not usable: {type(err).__name__}: {err}")
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_config(
    tmp_path: Path,
    database_url: str,
    *,
    inbox: dict[str, Any] | None = None,
    outgoing: dict[str, Any] | None = None,
    **sections: Any,
) -> Config:
    """A valid configuration under ``tmp_path``: Maildir in and out unless told otherwise."""
    data: dict[str, Any] = {
        "inbox": inbox or {"source": "maildir", "path": str(tmp_path / "inbox")},
        "outgoing": outgoing
        or {
            "transport": "maildir",
            "path": str(tmp_path / "outbox"),
            "from_address": "Denial Help <denials@denialwatch.example.org>",
        },
        "database": {"url": database_url},
        "storage": {"path": str(tmp_path / "documents")},
        **sections,
    }
    return parse_config(data, environ={})


@pytest.fixture(autouse=True)
def _restore_umask() -> Iterator[None]:
    """The CLI sets umask 077 for its process; a test that invokes it in-process gets it back."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI=true nothing may skip: a skipped real-server or corpus test is a failure."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true: {report.longrepr}"
