"""Suppression comments judged by the CLI (PL001, PL002 with --report-unused-ignores),
and the exit status of a run in which privlint itself failed on a rule (3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.cli import INTERNAL_ERROR_EXIT, main
from privlint.rules.pl1_logs.sensitive_to_log import SensitiveDataToLog

SOURCE = """\
import logging


def login(password, user):
    logging.info(password)  # privlint: ignore[PL101]
    logging.info(user)  # privlint: ignore[PL101]
    print(len(password))  # privlint: ignore[PL1O1]
    x = 1  # noqa: PLR0913, E501
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(SOURCE)
    return tmp_path


def test_a_suppression_naming_no_rule_is_a_note(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "a.py"]) == 0
    out = capsys.readouterr().out
    assert (
        "a.py:7:27: PL001 [note] suppression names something that is not a privlint rule ID" in out
    )
    assert "PL002" not in out and "PL101" not in out


def test_unused_suppressions_are_reported_on_request(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "a.py", "--report-unused-ignores"]) == 0
    out = capsys.readouterr().out
    assert "a.py:6:25: PL002 [note] unused suppression: nothing reported here for PL101" in out
    assert "a.py:5:" not in out  # that one silenced PL101
    assert out.count(": PL002 ") == 1


def test_unused_suppressions_also_through_the_config(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.privlint]\nenable = ["PL002"]\n')
    main(["check", "a.py"])
    assert "a.py:6:25: PL002" in capsys.readouterr().out


def test_an_internal_error_exits_3_and_the_other_findings_are_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: SensitiveDataToLog, site: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(SensitiveDataToLog, "on_call", broken)
    (project / "b.py").write_text("import requests\nrequests.get('http://shop.acme.io/x')\n")
    assert main(["check", "a.py", "b.py", "--jobs", "1"]) == INTERNAL_ERROR_EXIT == 3
    captured = capsys.readouterr()
    assert "a.py:1:1: PL000 [error] internal error in PL101 (KeyError" in captured.out
    assert "b.py:2:14: PL301" in captured.out
    assert "Traceback" not in captured.out + captured.err
