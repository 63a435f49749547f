"""--select, --ignore and --extend-exclude on the command line: over the
configuration's rules and excludes, validated like them (an entry that is not a rule
ID or prefix, or matches no rule, is a usage error that names it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.cli import main

KEY = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"

FILES = {
    "app/log.py": "import logging\ndef f(password):\n    logging.info(password)\n",
    "app/net.py": "import requests\nrequests.get('http://api.payments-partner.io/v1')\n",
    "vendor/keys.py": f"STRIPE = '{KEY}'\n",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRIVLINT_JOBS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def _rules(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, set[str], str]:
    code = main(["check", ".", "--no-cache", *args])
    captured = capsys.readouterr()
    found = {line.split()[1] for line in captured.out.splitlines() if ": PL" in line}
    return code, found, captured.err


def test_without_options_every_family_reports(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, found, _ = _rules(capsys)
    assert {"PL101", "PL301"} <= found and any(code.startswith("PL20") for code in found)


def test_select_keeps_only_the_rules_named(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _rules(capsys, "--select", "PL1")[1] == {"PL101"}
    assert _rules(capsys, "--select", "PL101,PL301")[1] == {"PL101", "PL301"}
    assert _rules(capsys, "--select", "pl3", "--select", "PL101")[1] == {"PL101", "PL301"}


def test_ignore_turns_rules_off(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, found, _ = _rules(capsys, "--ignore", "PL1,PL2")
    assert found == {"PL301"}


def test_extend_exclude_adds_to_the_configuration(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "pyproject.toml").write_text('[tool.privlint]\nexclude = ["app/net.py"]\n')
    _, found, _ = _rules(capsys, "--extend-exclude", "vendor/**")
    assert found == {"PL101"}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--select", "PL9", "--select: PL9 matches no rule"),
        ("--ignore", "E501", "--ignore: 'E501' is not a rule ID or prefix"),
        ("--select", KEY, "is not a rule ID or prefix"),
    ],
)
def test_a_bad_entry_is_a_usage_error(
    tree: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    code, _, err = _rules(capsys, option, value)
    assert code == 2 and message in err
    assert KEY not in err  # a pasted token is shown by its shape only


def test_shards_merge_with_a_selection(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = ("--select", "PL1,PL3", "--extend-exclude", "vendor/**")
    whole = tree.parent / "whole.sarif"
    main(["check", ".", "--no-cache", "--format", "sarif", "-o", str(whole), *options])
    logs = []
    for index in (1, 2):
        log = tree.parent / f"s{index}.sarif"
        argv = ["check", ".", "--no-cache", "--format", "sarif", "-o", str(log)]
        main([*argv, "--shard", f"{index}/2", *options])
        logs.append(str(log))
    merged = tree.parent / "merged.sarif"
    assert main(["merge", *logs, "-o", str(merged)]) == 1
    capsys.readouterr()
    assert merged.read_text() == whole.read_text()
    assert '"PL201"' not in whole.read_text()
