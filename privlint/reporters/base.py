"""The reporter interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from privlint.findings import ScanResult
from privlint.rules.base import RuleInfo


class Reporter(ABC):
    """Render a scan result. ``rules`` lists the rules that were enabled for the scan."""

    @abstractmethod
    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        """Return the whole report as a string (ending with a newline)."""
