"""A stable JSON document for scripts: sorted keys, findings in report order."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import privlint
from privlint.findings import Finding, Fix, Region, ScanResult
from privlint.reporters.base import Reporter, paths_not_analysed
from privlint.rules.base import RuleInfo


class JsonReporter(Reporter):
    """``{"version", "files_scanned", "paths_not_analysed", "findings": [...]}`` with
    sorted keys.

    ``files_scanned`` counts the files that were read and checked;
    ``paths_not_analysed`` the paths asked for that were not analysed at all, each of
    which is also a PL000 note in ``findings`` (as in the text summary).

    The shape is a public interface: add keys, never rename or remove them.
    """

    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        document = {
            "version": privlint.__version__,
            "files_scanned": result.files_scanned,
            "paths_not_analysed": len(paths_not_analysed(result)),
            "findings": [finding_to_dict(finding) for finding in sorted(result.findings)],
        }
        return json.dumps(document, indent=2, sort_keys=True) + "\n"


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "rule_id": finding.rule_id,
        "level": finding.level.sarif,
        "message": finding.message,
        "confidence": finding.confidence.label,
        "categories": list(finding.categories),
        "fingerprint": finding.fingerprint,
        "region": region_to_dict(finding.region),
        "fix": fix_to_dict(finding.fix) if finding.fix is not None else None,
    }


def region_to_dict(region: Region) -> dict[str, int]:
    return {
        "start_line": region.start_line,
        "start_column": region.start_column,
        "end_line": region.end_line,
        "end_column": region.end_column,
    }


def fix_to_dict(fix: Fix) -> dict[str, Any]:
    return {
        "title": fix.title,
        "safe": fix.safe,
        "edits": [
            {"region": region_to_dict(edit.region), "replacement": edit.replacement}
            for edit in fix.edits
        ],
    }
