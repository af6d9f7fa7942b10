"""The eval command: measure the reader on labelled emails."""

from __future__ import annotations

import logging
from pathlib import Path

import click
from click.core import ParameterSource

from denialwatch.cli.app import main
from denialwatch.cli.common import Context, _fail, _print_json
from denialwatch.errors import DenialwatchError


@main.command("eval")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--labels",
    "labels_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The answer key (default: labels.toml beside the emails); its files are relative to PATH.",
)
@click.option(
    "--negatives",
    is_flag=True,
    help="No labels: every .eml, .txt and .md file under PATH must read as not adverse.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 when a target is missed.")
@click.option(
    "--slowest",
    default=5,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many of the slowest emails to list.",
)
@click.pass_context
def evaluate(
    ctx: click.Context,
    *,
    path: Path,
    labels_path: Path | None,
    negatives: bool,
    as_json: bool,
    strict: bool,
    slowest: int,
) -> None:
    """Measure the reader on labelled emails: precision, recall and F1 per field.

    PATH is a folder of emails with a labels.toml, one labelled email, or (with --negatives)
    a folder of ordinary mail that must all read as not adverse. A .md file is a letter's
    text and is read as the body of an email. Nothing is stored and nothing is sent; the
    document limits come from --config when one is given, else from the defaults. The
    report gives per-field counts and F1 (a wrong value counts as one FP and one FN), denial
    detection, confusion matrices of kinds and routes, the slowest emails and the targets.

    \b
    Examples:
        denialwatch eval tests/labelled
        denialwatch eval tests/labelled --json --strict
        denialwatch eval ../shared/corpus/email/spamassassin-public-corpus/data --negatives
    """
    parent = ctx.parent
    if parent is not None and parent.get_parameter_source("log_level") is ParameterSource.DEFAULT:
        logging.getLogger().setLevel(logging.WARNING)  # the report says what happened
    from denialwatch.config import Documents, Service
    from denialwatch.evaluation.report import to_text
    from denialwatch.evaluation.run import collect
    from denialwatch.evaluation.run import evaluate as run_evaluation

    obj = ctx.find_object(Context)
    try:
        if obj is not None and obj.config_path is not None:
            limits, max_bytes = obj.config.documents, obj.config.service.max_message_bytes
        else:
            limits, max_bytes = Documents(), Service().max_message_bytes
        inputs = collect(path, labels=labels_path, negatives=negatives)
    except DenialwatchError as err:
        raise _fail(err) from err
    report = run_evaluation(inputs, source=str(path), limits=limits, max_bytes=max_bytes)
    if as_json:
        _print_json(report.as_json(slowest))
    else:
        click.echo(to_text(report, slowest=slowest), nl=False)
    if strict and not report.passed:
        missed = [t.name for t in report.targets if not t.passed]
        click.echo(f"targets missed: {', '.join(missed)}", err=True)
        ctx.exit(1)
