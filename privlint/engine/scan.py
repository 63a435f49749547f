"""Every file of a scan -> findings: Python files to the CST engine and the secrets
scanner, other files to the secrets scanner; across processes when it pays.

Work items are plain ``(path, display path, is Python)`` tuples, so they pickle.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from privlint.engine.runner import analyze_file
from privlint.engine.secrets import SECRET_RULES, scan_other_file, scan_python_text
from privlint.findings import Finding
from privlint.policy.model import Policy
from privlint.rules.base import Rule

Item = tuple[str, str, bool]

CST_RULE = "PL201"  # hard-coded credentials, judged on the CST


def scan_one(
    item: Item, policy: Policy, cst_rules: Sequence[type[Rule]], secret_rules: Sequence[str]
) -> list[Finding]:
    path_text, display, python = item
    path = Path(path_text)
    if not python:
        return scan_other_file(path, display, policy, secret_rules)
    findings = analyze_file(path, display, policy, cst_rules) if cst_rules else []
    if not secret_rules or any(f.rule_id == "PL000" for f in findings):
        return findings
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return findings
    reported = frozenset(
        line
        for finding in findings
        if finding.rule_id == CST_RULE
        for line in range(finding.region.start_line, finding.region.end_line + 1)
    )
    return findings + scan_python_text(path, text, display, policy, secret_rules, reported)


_WORKER: tuple[Policy, tuple[type[Rule], ...], tuple[str, ...]] | None = None


def _init_worker(policy: Policy, cst_rules: tuple[type[Rule], ...], codes: tuple[str, ...]) -> None:
    global _WORKER
    _WORKER = (policy, cst_rules, codes)


def _work(item: Item) -> list[Finding]:
    assert _WORKER is not None
    return scan_one(item, *_WORKER)


def scan_files(
    items: Sequence[Item],
    policy: Policy,
    rules: Sequence[type[Rule]],
    jobs: int | None = None,
) -> list[Finding]:
    """Findings for every item, sorted."""
    cst_rules = tuple(rule for rule in rules if rule.CODE not in SECRET_RULES)
    codes = tuple(rule.CODE for rule in rules if rule.CODE in SECRET_RULES)
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    findings: list[Finding] = []
    if jobs <= 1 or len(items) < 32:
        for item in items:
            findings.extend(scan_one(item, policy, cst_rules, codes))
    else:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(policy, cst_rules, codes)
        ) as pool:
            for result in pool.map(_work, items, chunksize=chunk):
                findings.extend(result)
    return sorted(findings)
