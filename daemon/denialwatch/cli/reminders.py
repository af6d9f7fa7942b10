"""The reminders group: the reminders patients get."""

from __future__ import annotations

import click

from denialwatch.cli.app import main
from denialwatch.cli.common import Context, _print_json, _read_session, pass_context
from denialwatch.clock import utcnow


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
