"""Baselines: accept today's findings, report only new ones.

The file holds no line numbers and no timestamps, so it does not churn: re-running
``privlint baseline`` on an unchanged tree rewrites it byte for byte, and edits
above a finding do not move it. It never holds a secret or source text: each
entry is a rule, a path and a hash of what the finding is. Entries are counted:
one that recorded two identical findings accepts two, and the third is new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from privlint.findings import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.path, finding.rule_id, finding.identity or finding.fingerprint)


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file for these findings: sorted JSON, one entry per identity."""
    counts = Counter(_key(finding) for finding in findings)
    entries = [
        {"path": path, "rule": rule, "identity": identity, "count": count}
        for (path, rule, identity), count in sorted(counts.items())
    ]
    document = {"privlint-baseline": FORMAT_VERSION, "entries": entries}
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Baseline:
    """Accepted findings, by (path, rule, identity), with how many of each."""

    accepted: dict[tuple[str, str, str], int]

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: not a privlint baseline (invalid JSON: {exc})") from None
        if not isinstance(document, dict) or document.get("privlint-baseline") != FORMAT_VERSION:
            raise BaselineError(
                f"{path}: not a privlint baseline of format {FORMAT_VERSION} "
                "(regenerate it with `privlint baseline`)"
            )
        accepted: dict[tuple[str, str, str], int] = {}
        entries = document.get("entries")
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: entries: must be a list")
        for index, entry in enumerate(entries):
            try:
                key = (str(entry["path"]), str(entry["rule"]), str(entry["identity"]))
                count = int(entry["count"])
            except (KeyError, TypeError, ValueError):
                raise BaselineError(
                    f"{path}: entries[{index}]: needs path, rule, identity and count"
                ) from None
            if count < 1:
                raise BaselineError(f"{path}: entries[{index}]: count must be at least 1")
            accepted[key] = accepted.get(key, 0) + count
        return cls(accepted)

    def new_findings(
        self, findings: Sequence[Finding], is_new: Callable[[Finding], bool] | None = None
    ) -> list[Finding]:
        """Findings beyond what the baseline accepts, in their original order.

        Of identical findings (one entry, counted), the baseline accepts as many as it
        recorded; which ones are the extra is not in the file (it holds no positions).
        ``is_new`` tells: the findings it calls new are the first to be reported (those
        on lines changed since the baseline was committed, say), the others the first
        accepted; without it, the last ones in the file are reported."""
        order: Sequence[int] = range(len(findings))
        if is_new is not None:
            newness = [is_new(finding) for finding in findings]
            order = sorted(order, key=lambda index: newness[index])  # stable: old first
        remaining = dict(self.accepted)
        reported = []
        for index in order:
            key = _key(findings[index])
            if remaining.get(key, 0) > 0:
                remaining[key] -= 1
            else:
                reported.append(index)
        return [findings[index] for index in sorted(reported)]
