"""The command line as a user meets it: help with examples, the demo, clean errors."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from denialwatch.cli import main
from tests.acceptance.cli import denialwatch

SAMPLES = resources.files("denialwatch") / "samples"


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", all_commands(main), ids=lambda p: " ".join(p) or "denialwatch")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "denialwatch " in result.output.split("Example", 1)[1]


def test_the_demo_runs_offline_and_matches_the_manifest(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = denialwatch(None, "demo", "--dir", str(target))
    manifest = tomllib.loads((SAMPLES / "manifest.toml").read_text(encoding="utf-8"))
    samples = manifest["sample"]
    cases = [s for s in samples if s["outcome"] == "case"]
    for sample in cases:
        assert sample["facts"]["insurer"] in result.stdout
    assert "not_denial" in result.stdout
    assert "INFO" not in result.stderr  # the demo's own summary replaces the log

    config = target / "denialwatch.toml"
    messages = json.loads(denialwatch(config, "messages", "list", "--json").stdout)
    by_id = {m["message_id"]: m for m in messages}
    for sample in samples:
        assert by_id[sample["message_id"].strip("<>")]["state"] == sample["outcome"]
    listed = json.loads(denialwatch(config, "cases", "list", "--json").stdout)
    assert len(listed) == len(cases)
    outbox = list((target / "outbox" / "new").iterdir())
    attached = [s for s in samples if s["outcome"] == "attached"]
    assert len(outbox) == len(cases) + len(attached)

    # Running it again starts afresh rather than piling onto the last run.
    denialwatch(None, "demo", "--dir", str(target))
    assert len(json.loads(denialwatch(config, "cases", "list", "--json").stdout)) == len(cases)


def test_the_demo_refuses_a_directory_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    result = denialwatch(None, "demo", "--dir", str(tmp_path), check=False)
    assert result.returncode != 0
    assert "not a denialwatch demo directory" in result.stderr
    assert (tmp_path / "precious.txt").exists()


def test_configuration_errors_are_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[inbox]\nsource = "imap"\nhost = "imap.example.org"\nusername = "u"\n'
        'password = "hunter2"\n'
    )
    result = denialwatch(config, "check-config", check=False)
    assert result.returncode != 0
    assert "inbox.password" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_check_config_shows_where_secrets_come_from_not_the_secrets(tmp_path: Path) -> None:
    secret = tmp_path / "imap"
    secret.write_text("correct-horse-battery")
    config = tmp_path / "ok.toml"
    config.write_text(
        f'[inbox]\nsource = "imap"\nhost = "imap.example.org"\nusername = "u"\n'
        f'password_file = "{secret}"\n'
        f'[outgoing]\ntransport = "maildir"\npath = "{tmp_path}/out"\nfrom_address = "a@b.org"\n'
        f'[database]\nurl = "postgresql+psycopg://dw:pg-secret-pw@db.example.org/dw"\n'
        f'[storage]\npath = "{tmp_path}/docs"\n'
    )
    result = denialwatch(config, "check-config")
    assert "configuration is valid" in result.stdout
    assert str(secret) in result.stdout
    assert "correct-horse-battery" not in result.stdout
    assert "pg-secret-pw" not in result.stdout


def test_cases_show_rejects_a_bad_reference(tmp_path: Path) -> None:
    denialwatch(None, "demo", "--dir", str(tmp_path / "demo"))
    config = tmp_path / "demo" / "denialwatch.toml"
    assert "not a case id" in denialwatch(config, "cases", "show", "x1", check=False).stderr
    assert (
        "no case DW-09999" in denialwatch(config, "cases", "show", "DW-09999", check=False).stderr
    )
    shown = json.loads(denialwatch(config, "cases", "show", "DW-00001", "--json").stdout)
    assert shown["number"] == "DW-00001"


def test_an_operator_records_an_event_and_sees_the_dates_and_reminders(tmp_path: Path) -> None:
    denialwatch(None, "demo", "--dir", str(tmp_path / "demo"))
    config = tmp_path / "demo" / "denialwatch.toml"
    result = denialwatch(
        config, "cases", "event", "add", "DW-00001", "grievance_filed", "--date", "2026-03-20"
    )
    assert "recorded grievance_filed on case DW-00001 (now grievance_filed)" in result.stdout
    assert "grievance_resolution" in result.stdout
    shown = json.loads(denialwatch(config, "cases", "show", "1", "--json").stdout)
    deadlines = {d["kind"]: d for d in shown["deadlines"]}
    resolution = deadlines["grievance_resolution"]
    assert resolution["due"] == "2026-04-20"
    assert resolution["rule"]
    assert "1368.01" in resolution["citation"]
    assert resolution["inputs"]
    for reminder in shown["reminders"]:
        assert set(reminder) >= {"kind", "due_at", "status", "attempts"}
    assert any(
        r["key"].startswith("file_grievance") and r["status"] == "cancelled"
        for r in shown["reminders"]
    )
    mailed = denialwatch(
        config,
        "cases",
        "event",
        "add",
        "1",
        "imr_filed",
        "--method",
        "mail",
        "--carrier",
        "USPS",
        "--tracking",
        "9400100000000000000000",
        "--date",
        "2026-05-01",
    )
    assert "delivery_expected" in mailed.stdout
    listed = json.loads(denialwatch(config, "reminders", "list", "--json").stdout)
    assert {r["case_id"] for r in listed} >= {1}
    assert any(r["kind"] == "check_tracking" for r in listed)
    due = json.loads(denialwatch(config, "reminders", "list", "--due", "--json").stdout)
    assert all(r["status"] == "pending" for r in due)
    bad = denialwatch(config, "cases", "event", "add", "DW-09999", "case_closed", check=False)
    assert bad.returncode != 0
    assert "no case DW-09999" in bad.stderr
