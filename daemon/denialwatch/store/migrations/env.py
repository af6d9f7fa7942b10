"""Alembic environment: runs migrations on the engine that ``store.db.upgrade`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from denialwatch.store.models import Base

MIGRATION_LOCK = 0x64656E69616C  # "denial": the advisory lock key of schema migrations

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through `denialwatch db upgrade`, which passes the engine")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several workers may start at once on a new database: one migrates, the others
            # wait here and then find the schema at its newest (the lock ends with the
            # transaction).
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()
    connection.commit()
