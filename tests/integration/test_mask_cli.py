"""`privlint mask`: standard input to masked standard output, with the project's policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from privlint.cli import cli, main

SECRET = "hunter2-" + "x9Q"  # built, so the repository's own scan has nothing to find


def test_mask_hides_values_and_keeps_the_rest() -> None:
    line = f"login user=bob password={SECRET} email=jane.doe@corp.io\n"
    result = CliRunner().invoke(cli, ["mask"], input=line)
    assert result.exit_code == 0
    assert SECRET not in result.output
    assert "jane.doe@corp.io" not in result.output
    assert result.output.startswith("login user=bob password=")


def test_mask_uses_categories_from_the_project_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.privlint.categories."health.patient"]\n'
        'level = "critical"\nnames = ["patient_ref"]\n'
        "values = [{ name = \"patient-ref\", pattern = 'PAT-[0-9]{6}', keep-suffix = 2 }]\n"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["mask"], input="seen PAT-123456 today\n")
    assert result.exit_code == 0
    assert "PAT-123456" not in result.output


def test_mask_with_bad_config_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\nbogus = 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["mask"]) == 2
    assert "the 1st key (5 characters): unknown key" in capsys.readouterr().err
