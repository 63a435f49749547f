"""Rule pages: `privlint rules PL101` prints a rule's page, `docs/rules/PLnnn.md` holds
every page as the rule classes make it (regenerate with
`privlint rules --format markdown --output-dir docs/rules`), and an unknown code is a
usage error that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.cli import main, rule_page
from privlint.rules.base import all_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_docs_rules_holds_every_rule_page_as_generated() -> None:
    expected = {f"{rule.CODE}.md": rule_page(rule.info()) for rule in all_rules()}
    found = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    assert sorted(found) == sorted(expected)
    stale = [name for name in expected if found[name] != expected[name]]
    assert not stale, f"regenerate docs/rules: {stale}"


def test_rules_with_a_code_prints_its_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "pl101"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# PL101 sensitive-data-to-log\n")
    for section in ("## Why is this bad?", "## Example", "## Use instead", "## Facts"):
        assert section in out


def test_an_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "PL999"]) == 2
    assert "PL999 is not a privlint rule" in capsys.readouterr().err


def test_the_list_stays_one_line_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(all_rules())
    assert lines[0].startswith("PL000  error")
