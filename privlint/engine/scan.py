"""Every file of a scan -> findings: Python files to the CST engine and the secrets
scanner, other files to the secrets scanner; across processes when it pays.

Work items are plain ``(path, display path, is Python)`` tuples, so they pickle.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from privlint.engine.audit import UNKNOWN_CODE, UNUSED_CODE, audit_suppressions
from privlint.engine.cache import Cache
from privlint.engine.files import FileTooLarge, read_regular_file
from privlint.engine.runner import FILE_ERROR_CODE, MAX_FILE_BYTES, analyze_file, decode_source
from privlint.engine.secrets import SECRET_RULES, scan_other_file, scan_python_text
from privlint.engine.suppress import Used
from privlint.findings import Finding, is_internal_error
from privlint.policy.model import Policy
from privlint.rules.base import Rule, all_rules

Item = tuple[str, str, bool]

CST_RULE = "PL201"  # hard-coded credentials, judged on the CST


def scan_one(
    item: Item, policy: Policy, cst_rules: Sequence[type[Rule]], secret_rules: Sequence[str]
) -> list[Finding]:
    path_text, display, python = item
    path = Path(path_text)
    if not python:
        return scan_other_file(path, display, policy, secret_rules)
    enabled = {rule.CODE for rule in cst_rules}
    audit = UNKNOWN_CODE in enabled or UNUSED_CODE in enabled
    # the suppressions that silenced something, when unused ones are to be reported
    used: Used | None = set() if UNUSED_CODE in enabled else None
    findings = analyze_file(path, display, policy, cst_rules, used) if cst_rules else []
    if not secret_rules and not audit:
        return findings
    # Whatever the CST analysis made of the file (a syntax error, a file libcst cannot
    # parse, a rule that failed), its text is scanned for tokens, unless it could
    # not be read or decoded: analyze_file reported that.
    text = _python_text(path)
    if text is None:
        return findings
    if secret_rules:
        reported = frozenset(
            line
            for finding in findings
            if finding.rule_id == CST_RULE
            for line in range(finding.region.start_line, finding.region.end_line + 1)
        )
        findings += scan_python_text(path, text, display, policy, secret_rules, reported, used)
    if audit:
        # Unused suppressions are judged only where every rule ran on the whole file.
        analysed = not any(finding.rule_id == FILE_ERROR_CODE for finding in findings)
        findings += audit_suppressions(
            text,
            display,
            known=_known_codes(),
            enabled=enabled | set(secret_rules),
            used=used if analysed else None,
        )
    return findings


@functools.cache
def _known_codes() -> frozenset[str]:
    return frozenset(rule.CODE for rule in all_rules())


def _python_text(path: Path) -> str | None:
    """The text of a Python file as the CST engine decodes it; None when it is too
    large, cannot be read, or is not text CPython accepts."""
    try:
        return decode_source(read_regular_file(path, MAX_FILE_BYTES))
    except (OSError, FileTooLarge, UnicodeDecodeError, LookupError):
        return None


def scan_cached(
    item: Item,
    policy: Policy,
    cst_rules: Sequence[type[Rule]],
    secret_rules: Sequence[str],
    cache: Cache | None,
) -> list[Finding]:
    """:func:`scan_one`, through the cache when there is one. A file that cannot be
    read for its key is scanned uncached (the scan reports why it cannot be read);
    findings that report a bug in privlint are not kept."""
    if cache is None:
        return scan_one(item, policy, cst_rules, secret_rules)
    try:
        key = cache.key(read_regular_file(Path(item[0]), CACHED_FILE_BYTES), item[1], item[2])
    except (OSError, FileTooLarge):
        return scan_one(item, policy, cst_rules, secret_rules)
    findings = cache.get(key)
    if findings is None:
        findings = scan_one(item, policy, cst_rules, secret_rules)
        if not any(is_internal_error(finding) for finding in findings):
            cache.put(key, findings)
    return findings


#: Files larger than this are scanned without the cache (reading them costs little
#: next to scanning them, and they are rare)
CACHED_FILE_BYTES = 16 * 1024 * 1024

_WORKER: tuple[Policy, tuple[type[Rule], ...], tuple[str, ...], Cache | None] | None = None


def _init_worker(
    policy: Policy,
    cst_rules: tuple[type[Rule], ...],
    codes: tuple[str, ...],
    cache: Cache | None,
) -> None:
    global _WORKER
    _WORKER = (policy, cst_rules, codes, cache)


def _work(item: Item) -> list[Finding]:
    assert _WORKER is not None
    return scan_cached(item, *_WORKER)


def scan_files(
    items: Sequence[Item],
    policy: Policy,
    rules: Sequence[type[Rule]],
    jobs: int | None = None,
    cache_dir: Path | None = None,
) -> list[Finding]:
    """Findings for every item, sorted; through a cache in ``cache_dir`` when given."""
    cst_rules = tuple(rule for rule in rules if rule.CODE not in SECRET_RULES)
    codes = tuple(rule.CODE for rule in rules if rule.CODE in SECRET_RULES)
    cache = None
    if cache_dir is not None:
        cache = Cache.open(cache_dir, policy, sorted(rule.CODE for rule in rules))
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    findings: list[Finding] = []
    if jobs <= 1 or len(items) < 32:
        for item in items:
            findings.extend(scan_cached(item, policy, cst_rules, codes, cache))
    else:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(policy, cst_rules, codes, cache)
        ) as pool:
            for result in pool.map(_work, items, chunksize=chunk):
                findings.extend(result)
    if cache is not None:
        cache.prune()
    return sorted(findings)
