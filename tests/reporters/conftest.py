"""A fixed scan result and rule set that every reporter test renders.

The findings are realistic: a fix, categories, a path with a space and non-ASCII
characters, a multi-line region, a note, a file outside the scan root, and a directory
that could not be read (a PL000 note: a path not analysed).
"""

from __future__ import annotations

import pytest

from privlint.findings import Edit, Finding, Fix, Level, Region, ScanResult
from privlint.rules.base import RuleInfo

ROOT = "/project"


def make_rules() -> list[RuleInfo]:
    return [
        RuleInfo(
            id="PL101",
            name="sensitive-data-to-log",
            summary="Sensitive data reaches a log call",
            description=(
                "Sensitive data reaches a log call. Logs are copied widely, kept for years"
                " and read by people who should not see passwords or personal data."
            ),
            help_markdown=(
                "# PL101 sensitive-data-to-log\n\nSensitive data reaches a log call.\n\n"
                "## Why is this bad?\nLogs are copied widely and kept for years.\n\n"
                '## Example\n    log.info("login %s", password)\n\n'
                '## Use instead\n    log.info("login ok for %s", mask(user_id))\n'
            ),
            level=Level.WARNING,
            tags=("privacy", "security"),
            security_severity=7.5,
            cwe=(532,),
            enabled_by_default=True,
        ),
        RuleInfo(
            id="PL000",
            name="file-not-analysed",
            summary="A file could not be analysed",
            description="A file could not be analysed. Its privacy problems go unseen.",
            help_markdown=(
                "# PL000 file-not-analysed\n\nA file could not be analysed.\n\n"
                "## Why is this bad?\nA file that does not parse is a file whose privacy"
                " problems nobody sees.\n"
            ),
            level=Level.ERROR,
            tags=("correctness",),
            security_severity=1.0,
            cwe=(),
            enabled_by_default=True,
        ),
        RuleInfo(
            id="PL401",
            name="sensitive-field-in-repr",
            summary="A sensitive field appears in an object's repr",
            description=(
                "A sensitive field appears in an object's repr. Objects end up in logs,"
                " tracebacks and error reports through their repr."
            ),
            help_markdown=(
                "# PL401 sensitive-field-in-repr\n\nA sensitive field appears in an"
                " object's repr.\n\n## Use instead\n    password: str = field(repr=False)\n"
            ),
            level=Level.WARNING,
            tags=("privacy",),
            security_severity=5.0,
            cwe=(200, 532),
            enabled_by_default=False,
        ),
    ]


def make_result() -> ScanResult:
    mask_fix = Fix(
        title="Mask the value with privlint.runtime.mask",
        edits=(Edit(Region(12, 30, 12, 38), "mask(password)"),),
    )
    findings = (
        Finding(
            path="app/login.py",
            region=Region(12, 30, 12, 38),
            rule_id="PL101",
            message="credential.password reaches logging.Logger.info",
            level=Level.ERROR,
            fingerprint="3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c",
            categories=("credential.password",),
            fix=mask_fix,
        ),
        Finding(
            path="app/models.py",
            region=Region(4, 5, 6, 6),
            rule_id="PL401",
            message="pii.email field 'email' of User appears in its repr",
            level=Level.WARNING,
            fingerprint="0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            categories=("pii.email",),
        ),
        Finding(
            path="app/my notifs/émail.py",
            region=Region(3, 11, 3, 18),
            rule_id="PL101",
            message="identifier.user_id reaches print",
            level=Level.NOTE,
            fingerprint="9f8e7d6c5b4a39281706f5e4d3c2b1a0",
            categories=("identifier.user_id",),
        ),
        Finding(
            path="/opt/shared/settings.py",
            region=Region(1, 1, 1, 1),
            rule_id="PL000",
            message="file not analysed: syntax error: invalid syntax",
            level=Level.ERROR,
            fingerprint="5e4d3c2b1a0918273645f5e4d3c2b1a0",
        ),
        Finding(
            path="app/private",
            region=Region(1, 1, 1, 1),
            rule_id="PL000",
            message="not analysed: permission denied",
            level=Level.NOTE,
            fingerprint="7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
        ),
    )
    return ScanResult(findings=tuple(sorted(findings)), files_scanned=12, root=ROOT)


@pytest.fixture
def rules() -> list[RuleInfo]:
    return make_rules()


@pytest.fixture
def result() -> ScanResult:
    return make_result()
