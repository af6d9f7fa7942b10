"""Running the real command line in a child process, and writing configurations for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from denialwatch.config import ImapInbox, SmtpOutgoing


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value))


def write_config(
    path: Path,
    *,
    inbox: ImapInbox | dict[str, Any],
    outgoing: SmtpOutgoing | dict[str, Any],
    database_url: str,
    storage: Path,
    extra: str = "",
) -> Path:
    """A TOML configuration file as an operator would write it (secrets as file paths)."""

    def section(name: str, model: ImapInbox | SmtpOutgoing | dict[str, Any]) -> str:
        if isinstance(model, dict):
            values = model
        else:
            values = model.model_dump(exclude={"password", "password_source"}, exclude_none=True)
            if model.password_source:
                values["password_file"] = model.password_source
        lines = [f"[{name}]"] + [f"{k} = {toml_value(v)}" for k, v in values.items()]
        return "\n".join(lines)

    text = "\n\n".join(
        [
            'timezone = "America/Los_Angeles"',
            section("inbox", inbox),
            section("outgoing", outgoing),
            f"[database]\nurl = {toml_value(database_url)}",
            f"[storage]\npath = {toml_value(storage)}",
            extra,
        ]
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path


def denialwatch(
    config: Path | None,
    *args: str,
    check: bool = True,
    timeout: float = 120,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command line; ``env`` adds to the environment (DENIALWATCH_* left out)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DENIALWATCH_")} | dict(
        env or {}
    )
    command = [sys.executable, "-m", "denialwatch"]
    if config is not None:
        command += ["--config", str(config)]
    result = subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"denialwatch {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


def denialwatch_json(config: Path, *args: str) -> Any:
    return json.loads(denialwatch(config, *args, "--json").stdout)
