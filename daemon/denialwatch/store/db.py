"""Opening the database: engines for SQLite and PostgreSQL, sessions, and migrations.

SQLite runs in WAL mode with foreign keys on and a busy timeout, so the CLI can read while
the daemon writes. Its file and directory are created private (0600 / 0700) before SQLite
opens them. Migrations are Alembic's, shipped inside the package and applied by
``upgrade`` (the ``db upgrade`` command, and every start of the service).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.errors import StorageError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


MIN_SQLITE = (3, 35)
"""The first SQLite with UPDATE ... RETURNING, which claiming reminders and emails uses."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files are created private and opened in WAL mode."""
    try:
        if url.startswith("sqlite"):
            if sqlite3.sqlite_version_info < MIN_SQLITE:
                raise StorageError(
                    f"SQLite {sqlite3.sqlite_version} is too old: denialwatch needs "
                    f"{'.'.join(map(str, MIN_SQLITE))} or newer (UPDATE ... RETURNING)"
                )
            _prepare_sqlite_file(url)
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        if url.startswith("postgresql:"):
            url = "postgresql+psycopg:" + url.removeprefix("postgresql:")
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except (SQLAlchemyError, OSError) as err:
        raise StorageError(f"cannot open the database: {type(err).__name__}") from err


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back when it raises."""
    with sessions() as session, session.begin():
        yield session


def _alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    location = resources.files("denialwatch.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    try:
        command.upgrade(_alembic_config(engine), "head")
    except SQLAlchemyError as err:
        raise StorageError(f"database migration failed: {type(err).__name__}: {err}") from err


def schema_status(engine: Engine) -> tuple[str | None, str | None]:
    """The schema's current revision and the newest one this version of the code knows."""
    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head
