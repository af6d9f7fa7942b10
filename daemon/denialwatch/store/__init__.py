"""Persistence: the database (SQLAlchemy models, Alembic migrations) and the document store."""
