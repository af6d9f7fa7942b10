"""The database and the document store, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from denialwatch.errors import StorageError
from denialwatch.store.blobs import BlobStore, sha256_hex
from denialwatch.store.db import make_engine, schema_status, session_factory, upgrade
from denialwatch.store.models import Base, Message


def test_migrations_build_the_schema_the_models_describe(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # a second upgrade is a no-op
    current, head = schema_status(engine)
    assert current == head is not None
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_times_come_back_aware_and_utc(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    pacific = timezone(timedelta(hours=-8))
    when = datetime(2026, 3, 8, 1, 30, tzinfo=pacific)
    with session_factory(engine)() as session:
        session.add(Message(sha256="a" * 64, size=1, received_at=when, state="received"))
        session.commit()
    with session_factory(engine)() as session:
        stored = session.query(Message).one().received_at
    engine.dispose()
    assert stored.tzinfo is not None
    assert stored == when
    assert stored.utcoffset() == timedelta(0)


def test_naive_times_are_refused(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with session_factory(engine)() as session:
        session.add(Message(sha256="b" * 64, size=1, received_at=datetime(2026, 1, 1), state="x"))
        with pytest.raises(Exception, match="timezone-aware"):
            session.commit()
    engine.dispose()


def test_sqlite_is_private_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "state" / "dw.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_sqlite_without_returning_is_refused_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The machine's SQLite is new enough; the version an old distribution would report.
    monkeypatch.setattr("denialwatch.store.db.sqlite3.sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr("denialwatch.store.db.sqlite3.sqlite_version", "3.34.1")
    with pytest.raises(StorageError, match=r"SQLite 3\.34\.1 is too old: .* 3\.35 or newer"):
        make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    assert not (tmp_path / "old.db").exists()


def test_blobs_are_content_addressed_and_private(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "docs")
    store.ensure()
    digest = store.put(b"%PDF-1.7 letter")
    assert digest == sha256_hex(b"%PDF-1.7 letter")
    assert store.put(b"%PDF-1.7 letter") == digest
    path = store.path_of(digest)
    assert path.read_bytes() == b"%PDF-1.7 letter"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for directory in (store.root, path.parent, path.parent.parent):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    named = store.write_named("cases/7/imr-letter-v1.md", b"draft")
    assert stat.S_IMODE(named.stat().st_mode) == 0o600
    assert stat.S_IMODE(named.parent.stat().st_mode) == 0o700
    with pytest.raises(ValueError, match="inside"):
        store.write_named("../escape.md", b"x")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_blob_write_failure_is_a_storage_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores permissions; a read-only bind is not available in a test, so use a file
        # where a directory should be.
        (tmp_path / "docs").write_text("not a directory")
    else:
        (tmp_path / "docs").mkdir(mode=0o500)
    store = BlobStore(tmp_path / "docs")
    with pytest.raises(StorageError):
        store.put(b"data")
