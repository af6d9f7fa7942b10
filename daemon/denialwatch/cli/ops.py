"""Commands for the operator: ``doctor`` (live checks) and ``status`` (what the workers did)."""

from __future__ import annotations

import sys

import click

from denialwatch.cli.app import main
from denialwatch.cli.common import Context, _fail, _print_json, pass_context
from denialwatch.clock import utcnow
from denialwatch.errors import DenialwatchError


@main.command()
@pass_context
def doctor(obj: Context) -> None:
    """Check everything the service needs, one line each, with what to do when one fails.

    Logs in to the IMAP server (and creates the filing folders), connects and logs in to the
    SMTP server, opens the database and compares its schema with this version's, checks the
    document store's directory and Tesseract. Exits 1 when any check fails.

    \b
    Example:
        denialwatch --config /etc/denialwatch/denialwatch.toml doctor
    """
    from denialwatch.service.health import doctor_checks

    try:
        config = obj.config
    except DenialwatchError as err:
        click.echo(f"FAIL config: {err} — what to do: fix the key named, then run check-config")
        sys.exit(1)
    click.echo(f"ok   config: {obj.config_path or 'the environment'} is valid")
    checks = doctor_checks(config)
    for check in checks:
        click.echo(str(check))
    if not all(check.ok for check in checks):
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@pass_context
def status(obj: Context, as_json: bool) -> None:
    """What the running workers last did: polls, the watcher, messages, reminders, emails.

    Read from the database, so it shows every worker sharing it.

    \b
    Example:
        denialwatch --config /etc/denialwatch/denialwatch.toml status --json
    """
    from denialwatch.service.health import status_report
    from denialwatch.service.runtime import build_runtime

    try:
        runtime = build_runtime(obj.config)
    except DenialwatchError as err:
        raise _fail(err) from err
    try:
        report = status_report(runtime.sessions, utcnow(), runtime.config.zone)
    finally:
        runtime.close()
    if as_json:
        _print_json(report)
        return
    last = report["last_poll_ok_at"]
    click.echo(
        f"last successful poll: {last} by {report['last_poll_ok_by']}"
        if last
        else "last successful poll: never"
    )
    watchers = report["watchers"] or [{"mailbox": "(none)", "holder": "nobody"}]
    for watcher in watchers:
        click.echo(f"watcher: {watcher['mailbox']} held by {watcher['holder']}")
    messages, reminders, emails = report["messages"], report["reminders"], report["emails"]
    click.echo(
        f"messages: {messages['waiting']} waiting, {messages['in_review']} in review, "
        f"{messages['failed']} failed"
    )
    click.echo(
        f"reminders: {reminders['due_today']} due today, {reminders['overdue']} overdue, "
        f"{reminders['failed']} failed"
    )
    click.echo(f"emails: {emails['queued']} queued, {emails['failed']} failed")
    for worker in report["workers"]:
        state = "stopped" if worker["stopped_at"] else "running"
        failing = [name for name, value in worker["components"].items() if value == "failing"]
        click.echo(
            f"worker {worker['id']}: {state}, last seen {worker['last_seen_at']}"
            + (f", failing: {', '.join(failing)}" if failing else "")
            + (
                f", last error {worker['last_error_at']}: {worker['last_error']}"
                if worker["last_error"]
                else ""
            )
        )
