"""Plain text: one ``path:line:col: CODE message`` line per finding, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from privlint.findings import Finding, Level, ScanResult
from privlint.reporters.base import Reporter, paths_not_analysed
from privlint.rules.base import RuleInfo


class TextReporter(Reporter):
    """The default, human (and editor ``errorformat``) readable format."""

    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        lines = [format_finding(finding) for finding in sorted(result.findings)]
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


def format_finding(finding: Finding) -> str:
    """``path:line:col: PL101 message``, always on one line."""
    region = finding.region
    message = _one_line(finding.message)
    return f"{finding.path}:{region.start_line}:{region.start_column}: {finding.rule_id} {message}"


def summary(result: ScanResult) -> str:
    """``Found 3 findings (1 error, 2 warnings, 0 notes) in 12 files.`` or ``No findings …``.

    "Files" are the files that were read and checked. Paths that were asked for (named,
    or found in a directory) and not analysed at all are not among them: each is a PL000
    note among the findings, and they are counted apart, ``… in 3 files; 2 paths not
    analysed.`` (paths: a directory that cannot be listed is one).
    """
    files = _plural(result.files_scanned, "file")
    not_analysed = len(paths_not_analysed(result))
    if not_analysed:
        files += f"; {_plural(not_analysed, 'path')} not analysed"
    total = len(result.findings)
    if total == 0:
        return f"No findings in {files}."
    errors = sum(1 for finding in result.findings if finding.level >= Level.ERROR)
    warnings = sum(1 for finding in result.findings if finding.level == Level.WARNING)
    # Level.NONE findings are not expected from rules; count them with the notes so
    # that the parts always add up to the total.
    notes = total - errors - warnings
    counts = ", ".join(
        [_plural(errors, "error"), _plural(warnings, "warning"), _plural(notes, "note")]
    )
    return f"Found {_plural(total, 'finding')} ({counts}) in {files}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _one_line(text: str) -> str:
    """Keep a finding on one line whatever its message holds."""
    return text.replace("\r", "\\r").replace("\n", "\\n")
