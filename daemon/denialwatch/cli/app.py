"""The `main` group and its global options; the command modules register on it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from denialwatch import __version__
from denialwatch.cli.common import Context
from denialwatch.config import CONFIG_ENV
from denialwatch.logs import setup as setup_logging

LOG_LEVELS = ["debug", "info", "warning", "error"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar=CONFIG_ENV,
    help=f"The TOML configuration file (or set {CONFIG_ENV}).",
)
@click.option(
    "--log-level",
    type=click.Choice(LOG_LEVELS),
    default="info",
    show_default=True,
    help="How much to log to stderr. Logs never contain message content.",
)
@click.version_option(__version__, prog_name="denialwatch")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, log_level: str) -> None:
    """Watch an inbox of forwarded health-plan denials and help patients to an IMR.

    \b
    Example:
        denialwatch --config /etc/denialwatch/denialwatch.toml run
    """
    os.umask(0o077)  # every file this process writes is private to the service
    setup_logging(getattr(logging, log_level.upper()), journald="JOURNAL_STREAM" in os.environ)
    ctx.obj = Context(config_path)
