"""Only the families of rules that can find something in a file walk it
(runner._families_wanted), with every family that leaves facts for the project
phase when that runs (runner.PROJECT_FAMILIES)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from privlint.engine import runner
from privlint.engine.secrets import SECRET_RULES
from privlint.findings import Finding
from privlint.policy.load import load_policy
from privlint.rules.base import all_rules

POLICY = load_policy(search_from=Path("/"))
CST_RULES = [rule for rule in all_rules() if rule.CODE not in SECRET_RULES]
#: what a rule calls on its site to leave facts for the project phase
_PROJECT_CALL = re.compile(r"\.(?:reach|summarise|summarise_value|defer|export)\(")


def test_every_rule_that_leaves_project_facts_is_in_a_project_family() -> None:
    for rule in CST_RULES:
        source = inspect.getsource(inspect.getmodule(rule))  # type: ignore[arg-type]
        if _PROJECT_CALL.search(source):
            assert runner.family(rule.CODE) in runner.PROJECT_FAMILIES, rule.CODE


def test_every_reach_rule_is_in_a_project_family() -> None:
    for code in runner.REACH_CODES:
        assert runner.family(code) in runner.PROJECT_FAMILIES


def _examples() -> list[tuple[str, str, str]]:
    return [
        (rule.CODE, example.filename, example.code)
        for rule in CST_RULES
        for example in [*rule.INVALID, *rule.VALID]
        if example.filename.endswith(".py")
    ]


def _key(finding: Finding) -> tuple[object, ...]:
    return (finding.path, finding.region, finding.rule_id, finding.message, finding.level)


@pytest.mark.parametrize(("code", "name", "text"), _examples())
def test_a_rule_example_finds_alike_with_every_rule_walking(
    code: str, name: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots = frozenset({"app", "example"})
    selected = runner.analyze_source(text, name, POLICY, CST_RULES)
    facts: dict[str, object] = {}
    with_facts = runner.analyze_source(text, name, POLICY, CST_RULES, None, roots, facts)
    monkeypatch.setattr(runner, "_walking", lambda rules, families, project: list(rules))
    every = runner.analyze_source(text, name, POLICY, CST_RULES)
    every_facts: dict[str, object] = {}
    runner.analyze_source(text, name, POLICY, CST_RULES, None, roots, every_facts)
    assert sorted(map(_key, selected)) == sorted(map(_key, every))
    assert sorted(map(_key, with_facts)) == sorted(map(_key, every))
    assert facts == every_facts


def test_a_rule_whose_trigger_is_missing_does_not_walk_the_file() -> None:
    text = "import os\nos.chmod(path, 0o644)\n"  # PL603's trigger, no sensitive word
    families = runner._families_wanted(text, POLICY, CST_RULES)
    assert families == {"PL6"}
    assert runner._families_wanted("x = 1\n", POLICY, CST_RULES) == set()
    assert "PL2" in runner._families_wanted("password = 'hunter2-x'\n", POLICY, CST_RULES)
