"""The reporter interface, and what reporters share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from privlint.engine.files import is_not_analysed
from privlint.findings import ScanResult
from privlint.rules.base import RuleInfo


class Reporter(ABC):
    """Render a scan result. ``rules`` lists the rules that were enabled for the scan."""

    @abstractmethod
    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        """Return the whole report as a string (ending with a newline)."""


def paths_not_analysed(result: ScanResult) -> list[str]:
    """The paths that were asked for and not analysed at all (each has a PL000 note:
    unreadable, not a regular file, ...), sorted, each once. They are not among
    ``result.files_scanned``; reporters count them apart."""
    return sorted({finding.path for finding in result.findings if is_not_analysed(finding)})
