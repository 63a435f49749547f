"""The file-scanning PL2xx rules' examples run as tests: each example is written to a
file of its name in a temporary directory and scanned with only its rule enabled."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.engine.files import is_python_file
from privlint.engine.scan import scan_one
from privlint.findings import Level
from privlint.policy import Policy, load_policy
from privlint.rules.base import Invalid, Rule, Valid, all_rules
from privlint.rules.pl2_secrets.common import SecretFileRule

POLICY: Policy = load_policy(config=None)
FILE_RULES = [rule for rule in all_rules() if issubclass(rule, SecretFileRule)]

CASES = [
    pytest.param(rule, example, id=f"{rule.CODE}-{kind}-{index}")
    for rule in FILE_RULES
    for kind, examples in (("valid", rule.VALID), ("invalid", rule.INVALID))
    for index, example in enumerate(examples)
]


def _scan(rule: type[Rule], example: Valid | Invalid, root: Path) -> list:  # type: ignore[type-arg]
    path = root / example.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(example.code.encode("utf-8", "surrogateescape"))
    item = (str(path), example.filename, is_python_file(path))
    return scan_one(item, POLICY, (), (rule.CODE,))


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_secret_rule_example(rule: type[Rule], example: Valid | Invalid, tmp_path: Path) -> None:
    findings = _scan(rule, example, tmp_path)
    assert all(f.rule_id in (rule.CODE, "PL000") for f in findings), findings
    reported = [f for f in findings if f.rule_id == rule.CODE]
    if isinstance(example, Valid):
        assert reported == [], f"{rule.CODE} reported {example.filename}:\n{example.code}"
        return
    assert reported, f"{rule.CODE} missed {example.filename}:\n{example.code}"
    first = reported[0]
    if example.region is not None:
        region = first.region
        got = (region.start_line, region.start_column, region.end_line, region.end_column)
        assert got == example.region, f"region of {first.message}"
    if example.message is not None:
        assert first.message == example.message
    expected = Level.NOTE if example.filename.startswith("tests/") else rule.LEVEL
    if example.level is not None:
        expected = example.level
    assert first.level == expected, f"level of {first.message}"


@pytest.mark.parametrize("rule", FILE_RULES, ids=lambda rule: rule.CODE)
def test_secret_rule_has_fifteen_examples_of_each_kind(rule: type[Rule]) -> None:
    assert len(rule.VALID) >= 15, f"{rule.CODE} has {len(rule.VALID)} valid examples"
    assert len(rule.INVALID) >= 15, f"{rule.CODE} has {len(rule.INVALID)} invalid examples"


@pytest.mark.parametrize("example", FILE_RULES[0].INVALID[:3], ids=str)
def test_no_example_message_holds_its_secret(example: Invalid, tmp_path: Path) -> None:
    for finding in _scan(FILE_RULES[0], example, tmp_path):
        for token in example.code.split():
            if len(token) >= 12:
                assert token not in finding.message
