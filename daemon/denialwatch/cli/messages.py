"""The messages group: the ingested messages."""

from __future__ import annotations

import click

from denialwatch.cli.app import main
from denialwatch.cli.common import Context, _print_json, _read_session, pass_context


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
