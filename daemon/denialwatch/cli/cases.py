"""The cases group: list and show cases, record what happened in one."""

from __future__ import annotations

from datetime import datetime

import click

from denialwatch.cli.app import main
from denialwatch.cli.common import (
    Context,
    _print_json,
    _read_session,
    case_id_of,
    open_runtime,
    pass_context,
)
from denialwatch.clock import local_date, utcnow
from denialwatch.domain.case import case_number
from denialwatch.domain.events import EventKind, FilingMethod
from denialwatch.domain.model import Decision


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

    case_id = case_id_of(case_ref)
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
    from denialwatch.service.timeline import add_event
    from denialwatch.service.views import show_case

    case_id = case_id_of(case_ref)
    runtime = open_runtime(obj)
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


@cases.command("language")
@click.argument("case_ref")
@click.argument("language", type=click.Choice(["en", "es"]))
@pass_context
def cases_language(obj: Context, case_ref: str, language: str) -> None:
    """Write to the case's patient in English (en) or Spanish (es) from now on.

    \b
    Example:
        denialwatch --config denialwatch.toml cases language DW-00012 es
    """
    from denialwatch.store import models as m
    from denialwatch.store.db import transaction

    case_id = case_id_of(case_ref)
    runtime = open_runtime(obj)
    try:
        with transaction(runtime.sessions) as session:
            case = session.get(m.Case, case_id)
            if case is None:
                raise click.ClickException(f"no case {case_ref}")
            case.patient.language = language
    finally:
        runtime.close()
    click.echo(f"the patient of {case_number(case_id)} is written to in {language} from now on")
