"""Microsoft's SARIF validator, with GitHub code scanning's ingestion rules, accepts our SARIF.

The validator (``@microsoft/sarif-multitool``, a self-contained .NET binary shipped on npm)
is installed once into ``.cache/sarif-multitool`` under the repository root and reused.
Without npm the test is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from privlint.findings import ScanResult
from privlint.reporters.sarif import SarifReporter, UploadLimits
from privlint.reporters.vcs import Provenance
from privlint.rules.base import RuleInfo

MULTITOOL_VERSION = "5.7.0"
REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = REPO_ROOT / ".cache" / "sarif-multitool"
PACKAGE_DIR = CACHE_DIR / "node_modules" / "@microsoft" / "sarif-multitool-linux"
BINARY = PACKAGE_DIR / "Sarif.Multitool"

# Notes we accept, each with its reason; any other note, any warning and any error
# fails the test. (With privlint's SARIF, version 5.7.0 reports no warnings or errors.)
ACCEPTED_NOTES: dict[str, str] = {
    "SARIF2002": "messages are written per finding; no message-string catalogue (yet)",
    "SARIF2003": "versionControlProvenance is written only in a git checkout with a remote",
    "SARIF2006": "$schema URI reachability: no network during tests",
    "SARIF2010": "code snippets are left out on purpose: findings sit on sensitive text",
    "SARIF2011": "context regions are left out for the same reason",
    "SARIF2012": "rule names are kebab-case rule names, not the validator's PascalCase",
    "SARIF2016": "files outside the scan root have absolute file URIs by design",
}


def _multitool() -> Path:
    if shutil.which("npm") is None:
        pytest.skip("npx/npm not found: Microsoft SARIF validator not run")
    if platform.system() != "Linux":
        pytest.skip("Microsoft SARIF validator is run only on Linux (its npm binary path)")
    if not BINARY.exists() or _installed_version() != MULTITOOL_VERSION:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        install = subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(CACHE_DIR),
                "--no-audit",
                "--no-fund",
                f"@microsoft/sarif-multitool@{MULTITOOL_VERSION}",
                f"@microsoft/sarif-multitool-linux@{MULTITOOL_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert install.returncode == 0 and BINARY.exists(), (
            f"npm install of the SARIF multitool failed:\n{install.stdout}\n{install.stderr}"
        )
    # npm may not run the package's postinstall (`chmod u+x`), so do it here.
    mode = BINARY.stat().st_mode
    if not mode & stat.S_IXUSR:
        BINARY.chmod(mode | stat.S_IXUSR)
    return BINARY


def _installed_version() -> str | None:
    try:
        package = json.loads((PACKAGE_DIR / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = package.get("version")
    return version if isinstance(version, str) else None


def _validate(sarif_text: str, workdir: Path) -> list[dict[str, Any]]:
    """Run the validator; return its results, each with ``level`` and formatted ``text``."""
    binary = _multitool()
    results_file = workdir / "results.sarif"
    report_file = workdir / "report.sarif"
    results_file.write_text(sarif_text, encoding="utf-8")
    # The binary is self-contained .NET: without libicu it needs invariant globalization,
    # and it needs nothing culture-specific to validate JSON.
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    run = subprocess.run(
        [
            str(binary),
            "validate",
            "--rule-kind",
            "Sarif;Gh",
            "--level",
            "Error;Warning;Note",
            "-o",
            str(report_file),
            str(results_file),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert run.returncode == 0 and report_file.exists(), (
        f"validator failed (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
    )
    report = json.loads(report_file.read_text(encoding="utf-8-sig"))
    return [issue for run_ in report["runs"] for issue in _issues(run_)]


def _issues(run: dict[str, Any]) -> list[dict[str, Any]]:
    rules = run["tool"]["driver"].get("rules", [])
    issues = []
    for result in run.get("results", []):
        rule = rules[result["ruleIndex"]] if 0 <= result.get("ruleIndex", -1) < len(rules) else {}
        # A result without a level takes its rule's default level, else "warning".
        level = result.get("level", rule.get("defaultConfiguration", {}).get("level", "warning"))
        issues.append({"rule": result["ruleId"], "level": level, "text": _text(result, rule)})
    return issues


def _text(result: dict[str, Any], rule: dict[str, Any]) -> str:
    message = result["message"]
    template = message.get("text") or rule.get("messageStrings", {}).get(
        message.get("id", ""), {}
    ).get("text", message.get("id", ""))
    arguments = message.get("arguments", [])
    text = re.sub(
        r"\{(\d+)\}",
        lambda m: arguments[int(m[1])] if int(m[1]) < len(arguments) else m[0],
        template,
    )
    return str(text)


def _describe(issues: list[dict[str, Any]]) -> str:
    return "\n".join(f"{i['level']} {i['rule']}: {i['text']}" for i in issues)


def test_microsoft_validator_with_github_rules_reports_no_errors(
    result: ScanResult, rules: list[RuleInfo], tmp_path: Path
) -> None:
    issues = _validate(SarifReporter().render(result, rules), tmp_path)

    errors = [issue for issue in issues if issue["level"] == "error"]
    assert errors == [], f"SARIF validator errors:\n{_describe(errors)}"
    others = [
        issue
        for issue in issues
        if not (issue["level"] == "note" and issue["rule"] in ACCEPTED_NOTES)
    ]
    assert others == [], f"SARIF validator warnings or unexpected notes:\n{_describe(others)}"


def test_microsoft_validator_accepts_provenance_and_a_truncated_run(
    result: ScanResult, rules: list[RuleInfo], tmp_path: Path
) -> None:
    provenance = Provenance("/", "a" * 40, "main", "https://git.example.com/o/r.git")
    reporter = SarifReporter(provenance=provenance, limits=UploadLimits(results=2))
    issues = _validate(reporter.render(result, rules), tmp_path)

    others = [
        issue
        for issue in issues
        if not (issue["level"] == "note" and issue["rule"] in ACCEPTED_NOTES)
    ]
    assert others == [], (
        f"SARIF validator errors, warnings or unexpected notes:\n{_describe(others)}"
    )


def test_microsoft_validator_accepts_an_empty_scan(rules: list[RuleInfo], tmp_path: Path) -> None:
    issues = _validate(SarifReporter().render(ScanResult((), 3, "/project"), rules), tmp_path)

    errors = [issue for issue in issues if issue["level"] == "error"]
    assert errors == [], f"SARIF validator errors:\n{_describe(errors)}"


def test_validator_harness_reports_errors(tmp_path: Path) -> None:
    # Guards the guard: a log GitHub would reject must come back with errors.
    bad = json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}}]})
    issues = _validate(bad, tmp_path)

    assert any(issue["level"] == "error" for issue in issues), _describe(issues)
