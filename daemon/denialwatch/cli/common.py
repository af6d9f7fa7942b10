"""What the commands share: the lazily loaded configuration, JSON output, error conversion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from denialwatch.config import Config, load_config
from denialwatch.errors import DenialwatchError
from denialwatch.store.blobs import BlobStore


class Context:
    def __init__(self, config_path: Path | None) -> None:
        self.config_path = config_path
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config


pass_context = click.make_pass_decorator(Context)


def _fail(err: Exception) -> click.ClickException:
    return click.ClickException(str(err))


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@contextmanager
def _read_session(obj: Context) -> Iterator[tuple[Session, BlobStore]]:
    """The database and document store for a listing command (migrations applied first)."""
    from denialwatch.service.runtime import build_runtime

    try:
        runtime = build_runtime(obj.config)
    except DenialwatchError as err:
        raise _fail(err) from err
    try:
        with runtime.sessions() as session:
            yield session, runtime.blobs
    finally:
        runtime.close()
