"""Suppression comments judged as findings: PL001 (a code that names no rule) and
PL002 (a suppression that silenced nothing in this run).

Both are judged once per file, after every other rule has run on it, because only
then is it known which comments silenced something (``is_suppressed`` records that in
a ``Used`` set that the CST engine and the secrets scanner of the file share).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection

from privlint.engine.suppress import ALL, Used, shown_code, suppressions
from privlint.findings import Finding, Level, Region

UNKNOWN_CODE = "PL001"
UNUSED_CODE = "PL002"
FINGERPRINT_VERSION = "privlint/suppress/v1"


def audit_suppressions(
    text: str,
    display: str,
    *,
    known: Collection[str],
    enabled: Collection[str],
    used: Used | None,
) -> list[Finding]:
    """PL001 for every code no rule has; with ``used`` (PL002 enabled and the file
    analysed), PL002 for every enabled code (or bare ignore) that silenced nothing."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}

    def add(item_line: int, start: int, end: int, rule: str, message: str, what: str) -> None:
        key = "\0".join((FINGERPRINT_VERSION, rule, display, what))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        identity = hashlib.sha256(key.encode()).hexdigest()[:32]
        region = Region(item_line, start, item_line, end)
        findings.append(
            Finding(display, region, rule, message, Level.NOTE, fingerprint, identity=identity)
        )

    report_unknown = UNKNOWN_CODE in enabled
    for item in suppressions(text):
        # a comment that names PL001 or PL002 itself silences that one on its line
        codes = sorted(item.codes - {UNKNOWN_CODE, UNUSED_CODE})
        unknown = [code for code in codes if code != ALL and code not in known]
        if unknown and report_unknown and UNKNOWN_CODE not in item.codes:
            message = _unknown_message(unknown)
            add(item.line, item.column, item.end_column, UNKNOWN_CODE, message, " ".join(unknown))
        if used is None or UNUSED_CODE in item.codes:
            continue
        for code in codes:
            if code in unknown or (code != ALL and code not in enabled):
                continue
            if (item.line, code) not in used:
                what = "every rule" if code == ALL else code
                message = f"unused suppression: nothing reported here for {what}"
                add(item.line, item.column, item.end_column, UNUSED_CODE, message, what)
    return findings


def _unknown_message(codes: list[str]) -> str:
    shown = [shown_code(code) for code in codes]
    if not all(shown):
        return "suppression names something that is not a privlint rule ID"
    if len(shown) == 1:
        return f"suppression names {shown[0]}, which is not a privlint rule"
    return f"suppression names {', '.join(map(str, shown))}, which are not privlint rules"
