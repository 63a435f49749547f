"""The runner: one file's bytes -> findings, PL000 for what cannot be analysed, and the same
findings whether files are analysed in one process or several."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from privlint.engine import runner
from privlint.engine.runner import analyze_file, analyze_files, analyze_source
from privlint.findings import Finding, Level
from privlint.policy import Policy, load_policy
from privlint.rules.base import all_rules

LEAKY = "import logging\n\n\ndef login(password):\n    logging.info(password)\n"


def _pack_only_policy() -> Policy:
    with tempfile.TemporaryDirectory() as empty:
        return load_policy(search_from=Path(empty))


POLICY = _pack_only_policy()
RULES = all_rules()


def _codes(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.region.start_line, f.region.start_column) for f in findings]


@pytest.mark.parametrize(
    "source",
    ["LIMIT = 3\ndef f(:\n    pass\n", "password = 3\ndef f(:\n    pass\n"],
    ids=["no-sensitive-word", "sensitive-word"],
)
def test_syntax_error_position_is_the_same_on_both_parse_paths(source: str) -> None:
    findings = analyze_source(source, "a.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 2, 7)]
    assert findings[0].level is Level.ERROR
    assert "syntax error" in findings[0].message


def test_utf8_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbf" + LEAKY.encode())
    assert _codes(analyze_file(path, "bom.py", POLICY, RULES)) == [("PL101", 5, 18)]


def test_file_above_the_size_limit_is_pl000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.py"
    path.write_text(LEAKY)
    monkeypatch.setattr(runner, "MAX_FILE_BYTES", 10)
    findings = analyze_file(path, "big.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 1, 1)]
    assert "larger than" in findings[0].message


def test_internal_error_in_a_rule_is_pl000_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(runner.Walker, "run", boom)
    findings = analyze_source(LEAKY, "a.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 1, 1)]
    assert "internal error" in findings[0].message


def test_no_rules_means_no_findings() -> None:
    assert analyze_source(LEAKY, "a.py", POLICY, []) == []


def test_parallel_and_serial_runs_give_the_same_findings(tmp_path: Path) -> None:
    # 40 files: above the size at which analyze_files starts a process pool.
    items = []
    for index in range(40):
        path = tmp_path / f"m{index:02}.py"
        path.write_text(LEAKY if index % 3 else "def f(:\n")
        items.append((path, path.name))
    serial = analyze_files(items, POLICY, RULES, jobs=1)
    parallel = analyze_files(items, POLICY, RULES, jobs=2)
    assert serial == parallel
    assert [f.fix for f in serial] == [f.fix for f in parallel]
    assert serial == sorted(serial)
    assert {f.rule_id for f in serial} == {"PL000", "PL101"}
    assert len(serial) == 40
