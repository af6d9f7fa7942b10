"""Commands that run or set up the service: run, demo, check-config, db upgrade."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from denialwatch.cli.app import main
from denialwatch.cli.common import Context, _fail, pass_context
from denialwatch.clock import local_date, utcnow
from denialwatch.config import ImapInbox, SmtpOutgoing
from denialwatch.errors import DenialwatchError


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
    from denialwatch.service.arenas import limit_arenas
    from denialwatch.service.runner import run_forever, run_once
    from denialwatch.service.runtime import build_runtime

    if not once:
        limit_arenas()  # before the service's threads start
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
            f"folder {inbox.folder!r} ({inbox.credential_source})"
        )
    else:
        click.echo(f"  inbox     maildir {inbox.path}")
    if isinstance(outgoing, SmtpOutgoing):
        login = outgoing.credential_source
        source = f" ({login})" if login else ""
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
