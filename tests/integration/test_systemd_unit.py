"""The shipped systemd unit, checked by systemd's own tools.

``systemd-analyze security --offline=yes`` scores the sandbox (0 is airtight, 10 is none);
the unit must stay at 2.0 or below. ``systemd-analyze verify`` parses the unit as PID 1 would
and reports unknown keys, bad values and missing executables; it must print nothing.

verify checks that every ``Exec*=`` binary exists, and /opt/denialwatch/.venv is not there on a
build machine. Rather than edit the unit, the test verifies the shipped file unchanged inside a
throwaway root (``--root=``): the host's own units (for the targets the unit names), the unit in
/etc/systemd/system, and an executable stub at each ``Exec*=`` path.

systemd-analyze comes with Debian's ``systemd`` package (v250 or newer for ``--offline``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require

UNIT = Path(__file__).resolve().parents[2] / "systemd" / "denialwatch.service"
HOST_UNITS = Path("/usr/lib/systemd/system")
MAX_EXPOSURE = 2.0
EXPOSURE = re.compile(r"Overall exposure level for \S+: (\d+\.\d+)")
ENV = {**os.environ, "SYSTEMD_COLORS": "0", "SYSTEMD_PAGER": "", "SYSTEMD_LOG_LEVEL": "info"}


def systemd_analyze() -> str:
    tool = shutil.which("systemd-analyze")
    require(tool is not None, "systemd-analyze is not installed (apt-get install systemd)")
    assert tool is not None
    first = subprocess.run(
        [tool, "--version"], capture_output=True, text=True, check=True
    ).stdout.split()
    version = int(first[1]) if len(first) > 1 and first[1].isdigit() else 0
    require(version >= 250, f"systemd-analyze {version} predates --offline (needs 250)")
    return tool


def unit_settings(text: str) -> list[tuple[str, str, str]]:
    """(section, key, value) for every assignment, in order; repeated keys stay repeated."""
    settings: list[tuple[str, str, str]] = []
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        settings.append((section, key.strip(), value.strip()))
    return settings


def service_values(key: str) -> list[str]:
    return [
        value
        for section, name, value in unit_settings(UNIT.read_text(encoding="utf-8"))
        if section == "Service" and name == key
    ]


def verify_root(tmp_path: Path, unit_text: str) -> Path:
    """A root holding the host's units, this unit, and a stub for each Exec*= binary."""
    require(HOST_UNITS.is_dir(), f"{HOST_UNITS} is missing: the systemd package is not installed")
    root = tmp_path / "root"
    shutil.copytree(HOST_UNITS, root / HOST_UNITS.relative_to("/"), symlinks=True)
    unit_dir = root / "etc" / "systemd" / "system"
    unit_dir.mkdir(parents=True)
    (unit_dir / UNIT.name).write_text(unit_text, encoding="utf-8")
    for _section, key, value in unit_settings(unit_text):
        if key.startswith("Exec") and value:
            binary = value.split()[0].lstrip("-@:+!")
            stub = root / binary.lstrip("/")
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
            stub.chmod(0o755)
    return root


def verify(tool: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            tool,
            "verify",
            f"--root={root}",
            "--man=no",  # the unit documents itself with a file:// link, not a man page
            "--generators=no",  # fstab and friends describe the host, not this unit
            str(root / "etc" / "systemd" / "system" / UNIT.name),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


def test_the_sandbox_exposure_is_at_most_2() -> None:
    tool = systemd_analyze()
    result = subprocess.run(
        [tool, "security", "--offline=yes", "--no-pager", str(UNIT)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = EXPOSURE.search(result.stdout)
    assert found is not None, result.stdout + result.stderr
    exposure = float(found.group(1))
    failing = [line for line in result.stdout.splitlines() if line.lstrip().startswith("✗")]
    assert exposure <= MAX_EXPOSURE, "\n".join(failing)


def test_verify_reports_nothing(tmp_path: Path) -> None:
    tool = systemd_analyze()
    result = verify(tool, verify_root(tmp_path, UNIT.read_text(encoding="utf-8")))
    # No filter: on systemd 252 a clean unit makes verify print nothing at all.
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_verify_in_the_root_does_catch_a_bad_setting(tmp_path: Path) -> None:
    """Guards the harness: a broken copy of the unit must not verify clean."""
    tool = systemd_analyze()
    broken = UNIT.read_text(encoding="utf-8").replace(
        "ProtectSystem=strict", "ProtectSystem=stricter"
    )
    assert broken != UNIT.read_text(encoding="utf-8")
    result = verify(tool, verify_root(tmp_path, broken))
    assert "ProtectSystem" in result.stderr or "protect system" in result.stderr


def test_the_unit_states_the_contract_the_daemon_keeps() -> None:
    """What service/notify.py and the runner rely on, and what the README tells operators."""
    assert service_values("Type") == ["notify"]
    assert service_values("NotifyAccess") == ["main"]
    assert service_values("Restart") == ["on-failure"]
    assert service_values("DynamicUser") == ["yes"]
    assert service_values("StateDirectory") == ["denialwatch"]
    assert service_values("WatchdogSec"), "the runner pings WATCHDOG=1 at half this period"
    assert service_values("TimeoutStopSec") == ["20s"]
    credentials = {value.split(":", 1)[0] for value in service_values("LoadCredential")}
    assert credentials == {"imap", "smtp"}
    assert len(service_values("ExecStartPre")) == 1, "systemd < 254: only the first sees creds"
    assert service_values("ExecStart") == ["/opt/denialwatch/.venv/bin/denialwatch run"]
