"""The library entry points used by the CLI, the pre-commit hook and the tests."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from privlint.engine.files import discover, is_python_file
from privlint.engine.runner import analyze_files
from privlint.findings import Finding, Level, ScanResult
from privlint.policy import ConfigError, Policy, load_policy
from privlint.rules.base import Rule, RuleInfo, all_rules

__all__ = [
    "ConfigError",
    "UsageError",
    "check_paths",
    "enabled_rules",
    "exit_code",
    "load_policy",
]


class UsageError(Exception):
    """Bad command-line input, such as a path that does not exist."""


def enabled_rules(policy: Policy) -> list[type[Rule]]:
    """Rules on by default, minus ``disable``, plus ``enable``; unknown IDs are errors."""
    rules = all_rules()
    known = {rule.CODE for rule in rules}
    for key, ids in (("disable", policy.disabled_rules), ("enable", policy.enabled_rules)):
        unknown = sorted(ids - known)
        if unknown:
            where = policy.config_path or "configuration"
            raise ConfigError(f"{where}: [tool.privlint] {key}: unknown rule {unknown[0]}")
    return [
        rule
        for rule in rules
        if rule.CODE not in policy.disabled_rules
        and (rule.ENABLED_BY_DEFAULT or rule.CODE in policy.enabled_rules)
    ]


def display_path(path: Path, root: Path) -> str:
    """POSIX path relative to ``root`` when under it, else absolute."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Check:
    """A finished check: the result and the rules it ran."""

    result: ScanResult
    rules: tuple[RuleInfo, ...]


def check_paths(
    paths: Sequence[Path],
    policy: Policy,
    *,
    root: Path | None = None,
    jobs: int | None = None,
) -> Check:
    """Scan files and directories with the policy; raise UsageError for missing paths."""
    root = (root or Path.cwd()).resolve()
    discovery = discover(paths, exclude=policy.exclude, cwd=root)
    if discovery.missing:
        missing = ", ".join(str(path) for path in discovery.missing)
        raise UsageError(f"path does not exist: {missing}")
    rules = enabled_rules(policy)
    analysable = [path for path in discovery.files if is_python_file(path)]
    items = [(path, display_path(path, root)) for path in analysable]
    if jobs is None and os.environ.get("PRIVLINT_JOBS"):
        jobs = int(os.environ["PRIVLINT_JOBS"])
    findings = analyze_files(items, policy, rules, jobs=jobs)
    result = ScanResult(tuple(findings), files_scanned=len(items), root=root.as_posix())
    return Check(result, tuple(rule.info() for rule in rules))


def exit_code(findings: Sequence[Finding], fail_on: Level) -> int:
    """1 when any finding is at or above ``fail_on``, else 0."""
    return 1 if any(finding.level >= fail_on for finding in findings) else 0
