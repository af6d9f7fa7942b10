"""The letter group: read, edit, import, approve and render a case's IMR letter.

Every change is a new version; nothing is rewritten. Approval is refused while a placeholder
remains, and an approved version is the only one that makes the final packet, which goes to
the patient by email.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from denialwatch.cli.app import main
from denialwatch.cli.common import (
    Context,
    _fail,
    _print_json,
    case_id_of,
    open_runtime,
    pass_context,
)
from denialwatch.clock import utcnow
from denialwatch.domain.case import case_number
from denialwatch.domain.letter import placeholders
from denialwatch.errors import DenialwatchError

VERSION = click.option(
    "--version", "number", type=int, help="The version number; the latest when left out."
)


@main.group()
def letter() -> None:
    """Review a case's IMR letter: show, edit, import, approve, render.

    \b
    Example:
        denialwatch --config denialwatch.toml letter show DW-00012
    """


@letter.command("show")
@click.argument("case_ref")
@VERSION
@click.option("--json", "as_json", is_flag=True, help="Print the version and its text as JSON.")
@pass_context
def letter_show(obj: Context, case_ref: str, number: int | None, as_json: bool) -> None:
    """Print a version of the letter with its status and the placeholders left to fill.

    \b
    Example:
        denialwatch --config denialwatch.toml letter show 12 --version 1
    """
    from denialwatch.service.letters import read_version

    case_id = case_id_of(case_ref)
    runtime = open_runtime(obj)
    try:
        found, text = read_version(runtime, case_id, number)
    except DenialwatchError as err:
        raise _fail(err) from err
    finally:
        runtime.close()
    left = placeholders(text)
    if as_json:
        _print_json(
            {
                "case": case_number(case_id),
                "version": found.version,
                "status": found.status,
                "source": found.source,
                "placeholders": left,
                "text": text,
            }
        )
        return
    click.echo(
        f"# {case_number(case_id)} letter version {found.version}: {found.status} "
        f"(from {found.source}), {len(left)} placeholder(s) to fill",
        err=True,
    )
    click.echo(text, nl=not text.endswith("\n"))


def _new_version(obj: Context, case_id: int, markdown: str, send: bool) -> None:
    from denialwatch.service.letters import operator_version

    runtime = open_runtime(obj)
    try:
        revision = operator_version(runtime, case_id, markdown, now=utcnow(), send=send)
    except DenialwatchError as err:
        raise _fail(err) from err
    finally:
        runtime.close()
    sent = "; sent to the patient for review" if send else ""
    click.echo(
        f"saved version {revision.letter.version} of {case_number(case_id)}'s letter "
        f"({revision.remaining} placeholder(s) left){sent}"
    )


SEND = click.option(
    "--send/--no-send",
    default=True,
    show_default=True,
    help="Email the new version to the patient (DOCX and PDF) for review.",
)


@letter.command("edit")
@click.argument("case_ref")
@SEND
@pass_context
def letter_edit(obj: Context, case_ref: str, send: bool) -> None:
    """Open the latest version in $EDITOR; saving a change makes a new version.

    \b
    Example:
        EDITOR=nano denialwatch --config denialwatch.toml letter edit DW-00012
    """
    from denialwatch.service.letters import read_version

    case_id = case_id_of(case_ref)
    runtime = open_runtime(obj)
    try:
        _, text = read_version(runtime, case_id, None)
    except DenialwatchError as err:
        raise _fail(err) from err
    finally:
        runtime.close()
    edited = click.edit(text, extension=".md", editor=os.environ.get("EDITOR"))
    if edited is None or edited.strip() == text.strip():
        click.echo("no change: no new version")
        return
    _new_version(obj, case_id, edited, send)


@letter.command("import")
@click.argument("case_ref")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@SEND
@pass_context
def letter_import(obj: Context, case_ref: str, path: Path, send: bool) -> None:
    """Make a new version from a file: an edited .docx, or .md / .txt text.

    \b
    Example:
        denialwatch --config denialwatch.toml letter import 12 IMR-letter-DW-00012-v1.docx
    """
    from denialwatch.service.letters import markdown_from_file

    case_id = case_id_of(case_ref)
    try:
        markdown = markdown_from_file(path.name, path.read_bytes())
    except DenialwatchError as err:
        raise _fail(err) from err
    _new_version(obj, case_id, markdown, send)


@letter.command("approve")
@click.argument("case_ref")
@VERSION
@pass_context
def letter_approve(obj: Context, case_ref: str, number: int | None) -> None:
    """Approve a version and email the patient the final packet. Refused while any
    placeholder is left.

    \b
    Example:
        denialwatch --config denialwatch.toml letter approve DW-00012
    """
    from denialwatch.service.letters import approve_and_send

    case_id = case_id_of(case_ref)
    runtime = open_runtime(obj)
    try:
        approved = approve_and_send(runtime, case_id, number, now=utcnow())
    except DenialwatchError as err:
        raise _fail(err) from err
    finally:
        runtime.close()
    click.echo(
        f"approved version {approved.version} of {case_number(case_id)}'s letter; the final "
        f"packet ({approved.packet_path}) is queued to the patient"
    )


@letter.command("render")
@click.argument("case_ref")
@VERSION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "pdf", "packet"]),
    default="pdf",
    show_default=True,
    help="packet: the mailing packet (marked as a draft unless the version is approved).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write it; Markdown goes to standard output when left out.",
)
@pass_context
def letter_render(
    obj: Context, case_ref: str, number: int | None, fmt: str, output: Path | None
) -> None:
    """Write a version as Markdown, DOCX, PDF or the mailing packet (files are private: 0600).

    \b
    Example:
        denialwatch --config denialwatch.toml letter render 12 --format packet -o packet.pdf
    """
    from denialwatch.service.letters import render_version

    case_id = case_id_of(case_ref)
    if output is None and fmt != "md":
        raise click.UsageError(f"--output is needed for {fmt}")
    runtime = open_runtime(obj)
    try:
        data = render_version(runtime, case_id, number, fmt)
    except DenialwatchError as err:
        raise _fail(err) from err
    finally:
        runtime.close()
    if output is None:
        click.echo(data.decode(), nl=False)
        return
    descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    click.echo(f"wrote {output} ({len(data)} bytes)")
