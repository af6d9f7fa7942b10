"""The command line: parse, call the library, print. Library errors become clean messages.

Every command's help ends with an example (a test checks it).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource
from sqlalchemy.orm import Session

from denialwatch import __version__
from denialwatch.clock import local_date, utcnow
from denialwatch.config import CONFIG_ENV, Config, ImapInbox, SmtpOutgoing, load_config
from denialwatch.domain.case import parse_case_number
from denialwatch.domain.events import EventKind, FilingMethod
from denialwatch.domain.model import Decision
from denialwatch.errors import DenialwatchError
from denialwatch.logs import setup as setup_logging
from denialwatch.store.blobs import BlobStore

LOG_LEVELS = ["debug", "info", "warning", "error"]


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


@main.command()
@click.option("--once", is_flag=True, help="Run one pass and exit (for cron or a test).")
@pass_context
def run(obj: Context, once: bool) -> None:
    """Watch the inbox: fetch, understand, open cases, file messages, email patients.

    \b
    Examples:
        denialwatch --config denialwatch.toml run
        denialwatch --config denialwatch.toml run --once
    """
    from denialwatch.service.runner import run_forever, run_once
    from denialwatch.service.runtime import build_runtime

    try:
        runtime = build_runtime(obj.config)
        try:
            if once:
                result = run_once(runtime)
                click.echo(str(result))
                if result.errors:
                    sys.exit(1)
            else:
                run_forever(runtime)
        finally:
            runtime.close()
    except DenialwatchError as err:
        raise _fail(err) from err


@main.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo-output"),
    show_default=True,
    help="Where to put the demo's inbox, database, documents and outbox.",
)
@click.pass_context
def demo(ctx: click.Context, directory: Path) -> None:
    """Run the sample denials through one pass, offline, and show what came out.

    \b
    Example:
        denialwatch demo --dir /tmp/denialwatch-demo
    """
    parent = ctx.parent
    if parent is not None and parent.get_parameter_source("log_level") is ParameterSource.DEFAULT:
        logging.getLogger().setLevel(logging.WARNING)  # the summary below says what happened
    from denialwatch.service import demo as demo_module
    from denialwatch.service.runner import run_once
    from denialwatch.service.runtime import build_runtime
    from denialwatch.service.views import list_messages, show_case

    try:
        config = demo_module.prepare(directory)
    except (OSError, DenialwatchError) as err:
        raise _fail(err) from err
    runtime = build_runtime(config)
    try:
        result = run_once(runtime)
        with runtime.sessions() as session:
            messages = list_messages(session)
            case_ids = sorted({m["case_id"] for m in messages if m["case_id"]})
            today = local_date(utcnow(), config.zone)
            cases = [show_case(session, cid, runtime.blobs, today) for cid in case_ids]
    finally:
        runtime.close()
    root = directory.resolve()
    click.echo(f"One pass over {len(messages)} sample emails: {result}.\n")
    for case in cases:
        assert case is not None
        click.echo(
            f"Case {case['number']}  {case['insurer'] or 'plan unknown'}"
            f"  ({case['regulator']}, {case['category']}{', urgent' if case['urgent'] else ''})"
        )
        click.echo(f"  denied:    {case['service'] or '?'}")
        click.echo(
            f"  letter of: {case['letter_date'] or '?'}   reference: "
            f"{case['reference_number'] or '?'}   member: {case['member_id'] or '?'}"
        )
        if case["letter"]:
            click.echo(f"  draft:     {case['letter']['path']}")
        attached = [m for m in messages if m["case_id"] == case["id"] and m["state"] == "attached"]
        if attached:
            click.echo(f"  + {len(attached)} more email(s) attached to this case")
    others = [m for m in messages if m["state"] not in ("case", "attached")]
    for message in others:
        click.echo(f"Message {message['id']}: {message['state']} ({message['reason']})")
    click.echo(f"\nEmails to patients: {root / 'outbox' / 'new'}")
    click.echo(f"Configuration:      {root / 'denialwatch.toml'}")
    click.echo(f"Look closer:        denialwatch --config {root / 'denialwatch.toml'} cases show 1")


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


@main.group()
def cases() -> None:
    """Look at cases.

    \b
    Example:
        denialwatch --config denialwatch.toml cases list
    """


@cases.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see the README's contract).")
@pass_context
def cases_list(obj: Context, as_json: bool) -> None:
    """List every case, newest last.

    \b
    Example:
        denialwatch --config denialwatch.toml cases list --json
    """
    from denialwatch.service.views import list_cases

    with _read_session(obj) as (session, _blobs):
        rows = list_cases(session)
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['number']}  {row['status']:<8} {row['regulator']:<12} "
            f"{row['category']:<18} {row['insurer'] or '?'}"
        )


@cases.command("show")
@click.argument("case_ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see the README's contract).")
@pass_context
def cases_show(obj: Context, case_ref: str, as_json: bool) -> None:
    """Show one case by id or number (12 or DW-00012): facts with quotes, documents, timeline.

    \b
    Example:
        denialwatch --config denialwatch.toml cases show DW-00012 --json
    """
    from denialwatch.service.views import show_case

    case_id = parse_case_number(case_ref)
    if case_id is None:
        raise click.BadParameter(f"{case_ref!r} is not a case id or number", param_hint="CASE_REF")
    with _read_session(obj) as (session, blobs):
        detail = show_case(session, case_id, blobs, local_date(utcnow(), obj.config.zone))
    if detail is None:
        raise click.ClickException(f"no case {case_ref}")
    if as_json:
        _print_json(detail)
        return
    click.echo(f"Case {detail['number']} ({detail['status']}) for {detail['patient_email']}")
    for field, found in detail["extracted"].items():
        if found:
            click.echo(f'  {field:<17} {found["value"]}\n  {"":<17} "{found["quote"]}"')
        else:
            click.echo(f"  {field:<17} (not found)")
    for reason in detail["reasons"]:
        click.echo(f'  reason            "{reason["quote"]}"')
    for doc in detail["documents"]:
        click.echo(
            f"  document {doc['id']}: {doc['kind']} {doc['filename'] or ''} {doc['problem'] or ''}"
        )
    for event in detail["events"]:
        click.echo(f"  {event['recorded_at']}  {event['kind']}")
    if detail["letter"]:
        click.echo(
            f"  letter v{detail['letter']['version']} ({detail['letter']['status']}): "
            f"{detail['letter']['path']}"
        )


@cases.group("event")
def cases_event() -> None:
    """Record what happened in a case.

    \b
    Example:
        denialwatch --config denialwatch.toml cases event add DW-00012 grievance_filed
    """


OPERATOR_EVENTS = [
    k.value for k in EventKind if k not in (EventKind.LETTER_DRAFTED, EventKind.MESSAGE_ATTACHED)
]


@cases_event.command("add")
@click.argument("case_ref")
@click.argument("kind", type=click.Choice(OPERATOR_EVENTS))
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day it happened (YYYY-MM-DD); today when left out.",
)
@click.option("--note", help="A short note kept with the event.")
@click.option(
    "--method",
    type=click.Choice([m.value for m in FilingMethod]),
    help="For imr_filed: how the application went.",
)
@click.option("--carrier", help="For imr_filed by mail: USPS, UPS, FedEx...")
@click.option("--tracking", help="For imr_filed by mail: the tracking number.")
@click.option("--dmhc-case-number", help="For dmhc_acknowledged: the DMHC's case number.")
@click.option(
    "--decision",
    type=click.Choice([d.value for d in Decision]),
    help="For dmhc_decision_received: the reviewer's decision.",
)
@pass_context
def cases_event_add(
    obj: Context,
    *,
    case_ref: str,
    kind: str,
    on: datetime | None,
    note: str | None,
    method: str | None,
    carrier: str | None,
    tracking: str | None,
    dmhc_case_number: str | None,
    decision: str | None,
) -> None:
    """Record an event (a grievance filed, the IMR mailed...) and recompute the case's dates.

    \b
    Examples:
        denialwatch --config denialwatch.toml cases event add 12 grievance_filed --date 2026-11-20
        denialwatch --config denialwatch.toml cases event add 12 imr_filed --method mail \\
            --carrier USPS --tracking "9400 1000 0000 0000 0000 00"
    """
    from denialwatch.service.runtime import build_runtime
    from denialwatch.service.timeline import add_event
    from denialwatch.service.views import show_case

    case_id = parse_case_number(case_ref)
    if case_id is None:
        raise click.BadParameter(f"{case_ref!r} is not a case id or number", param_hint="CASE_REF")
    try:
        runtime = build_runtime(obj.config)
    except DenialwatchError as err:
        raise _fail(err) from err
    try:
        now = utcnow()
        case = add_event(
            runtime,
            case_id,
            EventKind(kind),
            on=on.date() if on else None,
            now=now,
            note=note,
            method=method,
            carrier=carrier,
            tracking=tracking,
            dmhc_case_number=dmhc_case_number,
            decision=decision,
        )
        if case is None:
            raise click.ClickException(f"no case {case_ref}")
        with runtime.sessions() as session:
            detail = show_case(session, case_id, runtime.blobs, local_date(now, obj.config.zone))
    finally:
        runtime.close()
    assert detail is not None
    click.echo(f"recorded {kind} on case {detail['number']} (now {detail['status']})")
    for deadline in detail["deadlines"]:
        click.echo(f"  {deadline['due']}  {deadline['kind']:<30} {deadline['citation']}")


@main.group()
def reminders() -> None:
    """Look at the reminders patients get.

    \b
    Example:
        denialwatch --config denialwatch.toml reminders list --due
    """


@reminders.command("list")
@click.option("--due", is_flag=True, help="Only pending reminders due now (or overdue).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see the README's contract).")
@pass_context
def reminders_list(obj: Context, due: bool, as_json: bool) -> None:
    """List reminders: when each is due, what it is about, and what became of it.

    \b
    Examples:
        denialwatch --config denialwatch.toml reminders list
        denialwatch --config denialwatch.toml reminders list --due --json
    """
    from denialwatch.service.views import list_reminders

    with _read_session(obj) as (session, _blobs):
        rows = list_reminders(session, due_by=utcnow() if due else None)
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['id']:>5}  case {row['case_id']:<5} {row['due_at']}  {row['kind']:<24} "
            f"{row['status']}"
        )


@main.group()
def messages() -> None:
    """Look at ingested messages.

    \b
    Example:
        denialwatch --config denialwatch.toml messages list
    """


@messages.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see the README's contract).")
@pass_context
def messages_list(obj: Context, as_json: bool) -> None:
    """List every ingested message with its state, case and reason.

    \b
    Example:
        denialwatch --config denialwatch.toml messages list --json
    """
    from denialwatch.service.views import list_messages

    with _read_session(obj) as (session, _blobs):
        rows = list_messages(session)
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        case = f"case {row['case_id']}" if row["case_id"] else ""
        click.echo(
            f"{row['id']:>5}  {row['state']:<12} {row['folder']}/{row['uid']}  {case}  "
            f"{row['reason'] or ''}"
        )


@main.command("check-config")
@pass_context
def check_config(obj: Context) -> None:
    """Validate the configuration and print it, secrets shown only as where they come from.

    \b
    Example:
        denialwatch --config /etc/denialwatch/denialwatch.toml check-config
    """
    try:
        config = obj.config
    except DenialwatchError as err:
        raise _fail(err) from err
    inbox = config.inbox
    outgoing = config.outgoing
    click.echo("configuration is valid")
    click.echo(f"  timezone  {config.timezone}")
    if isinstance(inbox, ImapInbox):
        click.echo(
            f"  inbox     imap {inbox.security.value}://{inbox.host}:{inbox.port} "
            f"folder {inbox.folder!r} (password from {inbox.password_source})"
        )
    else:
        click.echo(f"  inbox     maildir {inbox.path}")
    if isinstance(outgoing, SmtpOutgoing):
        source = f" (password from {outgoing.password_source})" if outgoing.password else ""
        click.echo(
            f"  outgoing  smtp {outgoing.security.value}://{outgoing.host}:{outgoing.port}{source}"
        )
    else:
        click.echo(f"  outgoing  maildir {outgoing.path}")
    click.echo(f"  database  {_redact_url(config.database.url)}")
    click.echo(f"  storage   {config.storage.path}")


def _redact_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.group()
def db() -> None:
    """Manage the database schema.

    \b
    Example:
        denialwatch --config denialwatch.toml db upgrade
    """


@db.command("upgrade")
@pass_context
def db_upgrade(obj: Context) -> None:
    """Apply every pending migration (the service also does this at start).

    \b
    Example:
        denialwatch --config denialwatch.toml db upgrade
    """
    from denialwatch.store.db import make_engine, schema_status, upgrade

    try:
        engine = make_engine(obj.config.database.url)
        upgrade(engine)
        current, _head = schema_status(engine)
        engine.dispose()
    except DenialwatchError as err:
        raise _fail(err) from err
    click.echo(f"database schema at revision {current}")


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
