"""The PL0xx suppression rules' examples run as tests: each is scanned as a file with
every default rule enabled as well (whether a comment silences something depends on
what the others report), and only the rule's own findings are judged."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from privlint.api import enabled_rules
from privlint.engine.scan import scan_files
from privlint.findings import Finding
from privlint.policy import Policy, load_policy
from privlint.rules.base import Invalid, Rule, Valid, all_rules
from privlint.rules.pl0_engine.common import SuppressionRule

POLICY: Policy = load_policy(config=None)
RULES = [rule for rule in all_rules() if issubclass(rule, SuppressionRule)]

CASES = [
    pytest.param(rule, example, id=f"{rule.CODE}-{kind}-{index}")
    for rule in RULES
    for kind, examples in (("valid", rule.VALID), ("invalid", rule.INVALID))
    for index, example in enumerate(examples)
]


def _scan(rule: type[Rule], example: Valid | Invalid, root: Path) -> list[Finding]:
    path = root / example.filename
    path.write_text(example.code, encoding="utf-8")
    policy = dataclasses.replace(POLICY, enabled_rules=POLICY.enabled_rules | {rule.CODE})
    item = (str(path), example.filename, True)
    return scan_files([item], policy, enabled_rules(policy), jobs=1)


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_suppression_rule_example(
    rule: type[Rule], example: Valid | Invalid, tmp_path: Path
) -> None:
    findings = _scan(rule, example, tmp_path)
    assert not [f for f in findings if f.rule_id == "PL000"], findings
    reported = [f for f in findings if f.rule_id == rule.CODE]
    if isinstance(example, Valid):
        assert reported == [], f"{rule.CODE} reported:\n{example.code}\n{reported}"
        return
    assert reported, f"{rule.CODE} missed:\n{example.code}\n{findings}"
    first = reported[0]
    if example.region is not None:
        region = first.region
        got = (region.start_line, region.start_column, region.end_line, region.end_column)
        assert got == example.region, f"region of {first.message}"
    if example.message is not None:
        assert first.message == example.message
    if example.level is not None:
        assert first.level == example.level, f"level of {first.message}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.CODE)
def test_suppression_rule_has_ten_examples_of_each_kind(rule: type[Rule]) -> None:
    assert len(rule.VALID) >= 10
    assert len(rule.INVALID) >= 10
