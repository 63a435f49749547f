"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

See "Workflow commands for GitHub Actions" (``::error file=…,line=…::message``); the
escaping follows ``@actions/core`` (``escapeData`` and ``escapeProperty``).

Paths are relative to the repository root (as GitHub attaches annotations to files),
wherever privlint ran from. GitHub shows only the first ten annotations of each kind
that a step writes (and fifty per job): errors are written first, then warnings, then
notices, and the log says when some will not be shown.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Any

from privlint.findings import Finding, Level, ScanResult
from privlint.reporters.base import Reporter
from privlint.reporters.text import summary
from privlint.reporters.vcs import Provenance, find_provenance, repository_path
from privlint.rules.base import RuleInfo

_COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}
#: annotations of one kind GitHub shows per step
SHOWN_PER_KIND = 10

_DISCOVER: Any = object()


class GithubReporter(Reporter):
    """One ``::error``/``::warning``/``::notice`` command per finding, most severe first,
    then a summary line."""

    def __init__(self, provenance: Provenance | None = _DISCOVER) -> None:
        self.provenance = provenance

    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        provenance = (
            find_provenance(result.root) if self.provenance is _DISCOVER else self.provenance
        )
        findings = sorted(result.findings, key=lambda finding: (-finding.level, finding))
        lines = [
            format_command(
                dataclasses.replace(
                    finding, path=repository_path(finding.path, result.root, provenance)
                )
            )
            for finding in findings
        ]
        # A line that is not a command is shown as is in the job log.
        kinds = Counter(_COMMANDS.get(finding.level, "notice") for finding in findings)
        hidden = {kind: count - SHOWN_PER_KIND for kind, count in kinds.items()}
        if any(count > 0 for count in hidden.values()):
            parts = ", ".join(
                f"{count} {kind}s" for kind, count in sorted(hidden.items()) if count > 0
            )
            lines.append(
                f"privlint: GitHub shows {SHOWN_PER_KIND} annotations of each kind per step;"
                f" {parts} are in this log and the SARIF report only"
            )
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
