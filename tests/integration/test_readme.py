"""The README's set-up commands are the ones that work: its test command is exactly what
CI (.ci/run) runs, and its first command runs privlint."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup_commands() -> list[str]:
    """The ```sh blocks of the README's "## Set-up: two commands" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Set-up: two commands\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert match, 'README.md has no "## Set-up: two commands" section'
    blocks = re.findall(r"^```sh\n(.*?)^```", match.group(1), re.M | re.S)
    return [block.strip() for block in blocks]


def _ci_commands() -> list[str]:
    """What .ci/run executes: its lines without the shebang, comments, `set` and `cd`."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [
        line.strip()
        for line in lines
        if line.strip()
        and not line.lstrip().startswith("#")
        and not line.startswith(("set ", "cd "))
    ]


def test_readme_has_two_setup_commands_of_one_line_each() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)


def test_readme_test_command_is_exactly_what_ci_runs() -> None:
    assert _ci_commands() == [_setup_commands()[1]]


def test_readme_test_command_runs_pytest() -> None:
    assert "-m pytest" in _setup_commands()[1]


def test_readme_first_command_runs_privlint_check() -> None:
    assert "privlint check" in _setup_commands()[0]
