"""The CST engine parses without libcst's check of every node (runner.parse_trusted):
the same trees as a checked parse, the same errors, and checks as usual afterwards."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from privlint.engine import runner
from privlint.rules.base import all_rules

EXAMPLES = sorted(
    {example.code for rule in all_rules() for example in rule.VALID}
    | {example.code for rule in all_rules() for example in rule.INVALID}
)
SOURCES = sorted(Path(runner.__file__).parents[1].rglob("*.py"))


def _same_tree(text: str) -> None:
    trusted = runner.parse_trusted(text)
    checked = cst.parse_module(text)
    assert trusted.deep_equals(checked)
    assert trusted.code == checked.code == text


def test_rule_examples_parse_to_the_same_tree() -> None:
    for text in EXAMPLES:
        try:
            cst.parse_module(text)
        except cst.ParserSyntaxError:
            with pytest.raises(cst.ParserSyntaxError):
                runner.parse_trusted(text)
            continue
        _same_tree(text)


def test_privlint_sources_parse_to_the_same_tree() -> None:
    for path in SOURCES:
        _same_tree(path.read_text(encoding="utf-8"))


def test_syntax_errors_are_raised_alike() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        runner.parse_trusted("def f(:\n    pass\n")


def test_nodes_built_after_the_parse_are_checked() -> None:
    runner.parse_trusted("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


def test_nodes_built_after_a_failed_parse_are_checked() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        runner.parse_trusted("x = (\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


def test_the_parse_skips_the_check() -> None:
    # what makes it faster: no _validate call while the parser builds the tree
    calls = []
    original = cst.Name._validate

    def counting(self: cst.Name) -> None:
        calls.append(self.value)
        original(self)

    cst.Name._validate = counting  # type: ignore[method-assign]
    try:
        runner.parse_trusted("alpha = beta\n")
        assert calls == []
        cst.parse_module("alpha = beta\n")
        assert calls == ["alpha", "beta"]
    finally:
        cst.Name._validate = original  # type: ignore[method-assign]
