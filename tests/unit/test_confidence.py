"""Confidence: the weight of a finding's evidence caps its level (#15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from privlint.cli import cli
from privlint.findings import Confidence, Level


@pytest.mark.parametrize(
    ("confidence", "level", "capped"),
    [
        (Confidence.HIGH, Level.ERROR, Level.ERROR),
        (Confidence.MEDIUM, Level.ERROR, Level.WARNING),
        (Confidence.MEDIUM, Level.NOTE, Level.NOTE),
        (Confidence.LOW, Level.ERROR, Level.NOTE),
        (Confidence.LOW, Level.WARNING, Level.NOTE),
    ],
)
def test_confidence_caps_the_level(confidence: Confidence, level: Level, capped: Level) -> None:
    assert confidence.cap(level) is capped


def test_rank_grows_with_confidence() -> None:
    assert Confidence.LOW.rank < Confidence.MEDIUM.rank < Confidence.HIGH.rank <= 100


def test_parse() -> None:
    assert Confidence.parse(" Medium ") is Confidence.MEDIUM
    with pytest.raises(ValueError, match="low, medium, high"):
        Confidence.parse("sure")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    # a letters-only value under a secret key: a field name more likely (low confidence),
    # and a real-looking one (high)
    (tmp_path / "sensors.yaml").write_text("api_key: etoday\npassword: Tr0ub4dor-77x\n")
    return tmp_path


def test_min_confidence_filters_what_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_project(tmp_path))
    runner = CliRunner()
    every = runner.invoke(cli, ["check", "--format", "json", "--jobs", "1", "."])
    found = {(f["region"]["start_line"], f["level"], f["confidence"])
             for f in json.loads(every.output)["findings"]}  # fmt: skip
    assert found == {(1, "note", "low"), (2, "warning", "high")}
    sure = runner.invoke(
        cli, ["check", "--format", "json", "--jobs", "1", "--min-confidence", "high", "."]
    )
    assert [f["region"]["start_line"] for f in json.loads(sure.output)["findings"]] == [2]
