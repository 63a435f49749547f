"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

See "Workflow commands for GitHub Actions" (``::error file=…,line=…::message``); the
escaping follows ``@actions/core`` (``escapeData`` and ``escapeProperty``).
"""

from __future__ import annotations

from collections.abc import Sequence

from privlint.findings import Finding, Level, ScanResult
from privlint.reporters.base import Reporter
from privlint.reporters.text import summary
from privlint.rules.base import RuleInfo

_COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


class GithubReporter(Reporter):
    """One ``::error``/``::warning``/``::notice`` command per finding, then a summary line."""

    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        lines = [format_command(finding) for finding in sorted(result.findings)]
        # A line that is not a command is shown as is in the job log.
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


def format_command(finding: Finding) -> str:
    region = finding.region
    properties = [("file", finding.path), ("line", str(region.start_line))]
    # Annotations carry columns only within one line (as in the Checks API).
    if region.start_line == region.end_line:
        properties.append(("col", str(region.start_column)))
        properties.append(("endLine", str(region.end_line)))
        properties.append(("endColumn", str(region.end_column)))
    else:
        properties.append(("endLine", str(region.end_line)))
    properties.append(("title", finding.rule_id))
    command = _COMMANDS.get(finding.level, "notice")
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{command} {rendered}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as ``escape_data`` plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
