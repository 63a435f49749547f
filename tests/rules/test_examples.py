"""Every rule's VALID and INVALID examples run as tests: the examples are the spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.api import check_paths
from privlint.engine.runner import analyze_source
from privlint.findings import Finding
from privlint.policy import Policy, load_policy
from privlint.rules.base import Invalid, Rule, Valid, all_rules
from privlint.rules.pl0_engine.common import SuppressionRule
from privlint.rules.pl2_secrets.common import SecretFileRule

POLICY: Policy = load_policy(config=None)

CASES = [
    pytest.param(rule, example, id=f"{rule.CODE}-{kind}-{index}")
    for rule in all_rules()
    # whole-file examples: test_secret_examples.py, test_suppression_examples.py
    if not issubclass(rule, (SecretFileRule, SuppressionRule))
    for kind, examples in (("valid", rule.VALID), ("invalid", rule.INVALID))
    for index, example in enumerate(examples)
]


def _project_findings(rule: type[Rule], example: Valid | Invalid, root: Path) -> list[Finding]:
    """A multi-module example checked as a project: its file's findings of ``rule``."""
    for path, text in ((example.filename, example.code), *example.modules):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    result = check_paths([root], POLICY, root=root, jobs=1, cache=False).result
    return [f for f in result.findings if f.path == example.filename and f.rule_id == rule.CODE]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule: type[Rule], example: Valid | Invalid, tmp_path: Path) -> None:
    if example.modules:
        results = _project_findings(rule, example, tmp_path)
    else:
        results = analyze_source(example.code, example.filename, POLICY, [rule])
    findings = [f for f in results if f.rule_id != "PL000"]
    errors = [f for f in results if f.rule_id == "PL000"]
    assert not errors, f"example does not parse: {errors}"
    if isinstance(example, Valid):
        assert findings == [], f"{rule.CODE} reported valid code:\n{example.code}\n{findings}"
        return
    assert findings, f"{rule.CODE} missed:\n{example.code}"
    first = findings[0]
    assert first.rule_id == rule.CODE
    if example.region is not None:
        region = first.region
        got = (region.start_line, region.start_column, region.end_line, region.end_column)
        assert got == example.region, f"region of {first.message}"
    if example.message is not None:
        assert first.message == example.message
    if example.level is not None:
        assert first.level == example.level, f"level of {first.message}"


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.CODE != "PL000"])
def test_rule_has_ten_examples_of_each_kind(rule: type[Rule]) -> None:
    assert len(rule.VALID) >= 10, f"{rule.CODE} has {len(rule.VALID)} valid examples"
    assert len(rule.INVALID) >= 10, f"{rule.CODE} has {len(rule.INVALID)} invalid examples"
