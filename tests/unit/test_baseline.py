"""Baselines do not churn, do not absorb, and never hold source text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privlint.baseline import Baseline, BaselineError, render_baseline
from privlint.engine.runner import analyze_source
from privlint.policy import load_policy
from privlint.rules.base import all_rules

POLICY = load_policy(config=None)
RULES = [rule for rule in all_rules() if rule.CODE != "PL000"]
SOURCE = "import logging\n\ndef f(password):\n    logging.info(password)\n"


def scan(text: str) -> list:  # type: ignore[type-arg]
    return analyze_source(text, "app.py", POLICY, RULES)


def load(tmp_path: Path, text: str) -> Baseline:
    path = tmp_path / "baseline.json"
    path.write_text(text)
    return Baseline.load(path)


def test_baselined_finding_is_not_reported(tmp_path: Path) -> None:
    findings = scan(SOURCE)
    assert findings
    assert load(tmp_path, render_baseline(findings)).new_findings(findings) == []


def test_finding_moved_by_lines_above_stays_baselined(tmp_path: Path) -> None:
    baseline = load(tmp_path, render_baseline(scan(SOURCE)))
    moved = scan("import os\n\n\n# new code\n" + SOURCE)
    assert moved[0].region.start_line != scan(SOURCE)[0].region.start_line
    assert baseline.new_findings(moved) == []


def test_one_more_identical_finding_is_reported(tmp_path: Path) -> None:
    twice = SOURCE + "    logging.info(password)\n"
    baseline = load(tmp_path, render_baseline(scan(twice)))
    assert json.loads(render_baseline(scan(twice)))["entries"][0]["count"] == 2
    thrice = twice + "    logging.info(password)\n"
    assert len(baseline.new_findings(scan(thrice))) == 1


def test_new_finding_elsewhere_is_reported(tmp_path: Path) -> None:
    baseline = load(tmp_path, render_baseline(scan(SOURCE)))
    grown = SOURCE + "    print(password)\n"
    new = baseline.new_findings(scan(grown))
    assert [finding.rule_id for finding in new] == ["PL102"]


def test_rendering_is_byte_identical_and_has_no_lines_or_source(tmp_path: Path) -> None:
    first = render_baseline(scan(SOURCE))
    assert first == render_baseline(scan(SOURCE))
    assert "password" not in first
    document = json.loads(first)
    assert set(document) == {"privlint-baseline", "entries"}
    assert all(set(entry) == {"path", "rule", "identity", "count"} for entry in document["entries"])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "invalid JSON"),
        ("[]", "not a privlint baseline"),
        ('{"privlint-baseline": 1, "entries": [{"path": "a"}]}', r"entries\[0\]"),
        ('{"privlint-baseline": 1, "entries": 3}', "entries: must be a list"),
    ],
)
def test_bad_baseline_names_the_file_and_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    with pytest.raises(BaselineError, match=problem) as info:
        load(tmp_path, content)
    assert "baseline.json" in str(info.value)
