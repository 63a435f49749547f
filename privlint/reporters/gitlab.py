"""GitLab Code Quality: the JSON array a job names in ``artifacts:reports:codequality``.

GitLab shows these issues in the merge request widget and on the diff. Each issue has
the fields GitLab's documentation lists as required: ``description``, ``check_name``,
``fingerprint`` (unique per issue: GitLab shows only one issue of a fingerprint),
``severity`` (``info``, ``minor``, ``major``, ``critical``, ``blocker``) and
``location.path`` (relative to the repository root, as in SARIF: wherever privlint ran
from) with ``location.lines.begin``. Nothing else: no source text, no absolute path
(a file outside the repository keeps its absolute path, which GitLab cannot link).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from privlint.findings import Finding, Level, ScanResult
from privlint.reporters.base import Reporter
from privlint.reporters.vcs import Provenance, find_provenance, repository_path
from privlint.rules.base import RuleInfo

#: privlint's levels on GitLab's scale; ``blocker`` is left for what stops a release
SEVERITY = {
    Level.ERROR: "critical",
    Level.WARNING: "major",
    Level.NOTE: "info",
    Level.NONE: "info",
}

_DISCOVER: Any = object()


class GitlabReporter(Reporter):
    """A Code Quality report: one issue per finding, in report order."""

    def __init__(self, provenance: Provenance | None = _DISCOVER) -> None:
        self.provenance = provenance

    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        provenance = (
            find_provenance(result.root) if self.provenance is _DISCOVER else self.provenance
        )
        names = {rule.id: rule.name for rule in rules}
        issues = [
            issue(
                finding,
                repository_path(finding.path, result.root, provenance),
                names.get(finding.rule_id),
            )
            for finding in sorted(result.findings)
        ]
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def issue(finding: Finding, path: str, name: str | None = None) -> dict[str, Any]:
    """One Code Quality issue for ``finding`` at ``path`` (relative to the repository)."""
    rule = f"{finding.rule_id} {name}" if name else finding.rule_id
    # the finding's own fingerprint survives edits above it, and tells identical
    # findings of one file apart; the path makes it unique across files
    identity = finding.fingerprint or f"{finding.region}\0{finding.message}"
    fingerprint = hashlib.sha256(f"{path}\0{finding.rule_id}\0{identity}".encode()).hexdigest()
    return {
        "description": f"{finding.message} ({rule})",
        "check_name": finding.rule_id,
        "fingerprint": fingerprint[:32],
        "severity": SEVERITY[finding.level],
        "location": {"path": path, "lines": {"begin": finding.region.start_line}},
    }
