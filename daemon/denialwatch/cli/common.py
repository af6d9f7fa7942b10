"""What the commands share: the lazily loaded configuration, JSON output, error conversion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy.orm import Session

from denialwatch.config import Config, load_config
from denialwatch.domain.case import parse_case_number
from denialwatch.errors import DenialwatchError
from denialwatch.store.blobs import BlobStore

if TYPE_CHECKING:
    from denialwatch.service.runtime import Runtime


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


def case_id_of(case_ref: str) -> int:
    """The case id a CASE_REF argument names (``12`` or ``DW-00012``), or a usage error."""
    case_id = parse_case_number(case_ref)
    if case_id is None:
        raise click.BadParameter(f"{case_ref!r} is not a case id or number", param_hint="CASE_REF")
    return case_id


def open_runtime(obj: Context) -> Runtime:
    """The database (migrations applied) and document store; close it when done."""
    from denialwatch.service.runtime import build_runtime

    try:
        return build_runtime(obj.config)
    except DenialwatchError as err:
        raise _fail(err) from err


@contextmanager
def _read_session(obj: Context) -> Iterator[tuple[Session, BlobStore]]:
    """The database and document store for a listing command (migrations applied first)."""
    runtime = open_runtime(obj)
    try:
        with runtime.sessions() as session:
            yield session, runtime.blobs
    finally:
        runtime.close()
