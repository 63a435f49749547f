"""Shards: one scan split over several machines, merged back into one report.

``privlint check --shard K/N`` scans the K-th of N parts of the files; every part is
chosen from the same file list (each runner has the same checkout), so the parts are
disjoint and together hold every file. The files are put in the order of a hash of
their display path, which does not depend on the machine or on the other files, and
that order is cut into N runs of about equal bytes: a file keeps its shard while the
tree changes around it (only files near a cut move), and no shard gets all the large
files.

A shard cannot follow calls into modules it did not analyse, so its SARIF log carries,
in the run's property bag, what the merge needs to finish the job: its findings in
full, the facts of its Python files for the project phase, and what the run was
configured with. :func:`privlint.api.merge_shards` checks that the shards belong
together, links every shard's facts as a single scan would, and renders one log that is
byte for byte the log of a scan on one machine.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from privlint.engine.cache import decode_finding, encode_finding
from privlint.engine.project import Facts
from privlint.findings import Finding

#: The run property that holds a shard's record in its SARIF log
PROPERTY = "privlintShard"
#: The record's format; a merge refuses any other
FORMAT = 1

_SPEC = re.compile(r"\s*(\d{1,6})\s*/\s*(\d{1,6})\s*")


class ShardError(ValueError):
    """A bad ``--shard`` value, or shards that do not make one scan."""


def parse_spec(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; K counts from 1."""
    match = _SPEC.fullmatch(text)
    if match is None:
        raise ShardError(f"--shard: expected K/N such as 1/4, got {text!r}"[:120])
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise ShardError(f"--shard: {index}/{count}: K must be from 1 to N")
    return index, count


def select(sizes: Mapping[str, int], index: int, count: int) -> frozenset[str]:
    """The display paths of shard ``index`` of ``count``: the paths in the order of
    their hash, cut into ``count`` runs of about equal weight (bytes, and one for the
    file itself so that empty files spread too). A path is in the run where the middle
    of its weight falls."""
    ordered = sorted(sizes, key=lambda path: (hashlib.sha256(path.encode()).digest(), path))
    weights = [max(sizes[path], 0) + 1 for path in ordered]
    total = sum(weights)
    chosen = []
    before = 0
    for path, weight in zip(ordered, weights, strict=True):
        middle = 2 * before + weight  # twice the midpoint, to stay in integers
        part = min(count - 1, middle * count // (2 * total))
        if part == index - 1:
            chosen.append(path)
        before += weight
    return frozenset(chosen)


@dataclass(frozen=True)
class Record:
    """What a shard's log carries for the merge."""

    index: int
    count: int
    version: str
    #: digest of the policy the shard ran with (:func:`privlint.engine.cache.policy_digest`)
    policy: str
    #: the configuration file, as given or found, relative to the scan root when under it
    config: str | None
    files_scanned: int
    roots: tuple[str, ...]
    findings: tuple[Finding, ...]
    facts: tuple[Facts, ...] = field(compare=False)
    min_confidence: str = "low"
    #: the baseline file, as given, and the sha256 of its bytes
    baseline: tuple[str, str] | None = None
    enable: tuple[str, ...] = ()
    #: the command line's --select, --ignore and --extend-exclude
    selection: tuple[tuple[str, ...], ...] = ((), (), ())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "shard": [self.index, self.count],
            "version": self.version,
            "policy": self.policy,
            "config": self.config,
            "filesScanned": self.files_scanned,
            "roots": list(self.roots),
            "minConfidence": self.min_confidence,
            "baseline": list(self.baseline) if self.baseline else None,
            "enable": list(self.enable),
            "selection": [list(part) for part in self.selection],
            "findings": [encode_finding(finding) for finding in self.findings],
            "facts": list(self.facts),
        }

    @classmethod
    def from_json(cls, data: object, where: str) -> Record:
        """The record of a shard's log; ShardError naming ``where`` when it is not one."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ShardError(f"{where}: not the log of a `privlint check --shard` run")
        try:
            index, count = data["shard"]
            baseline = data["baseline"]
            return cls(
                index=int(index),
                count=int(count),
                version=str(data["version"]),
                policy=str(data["policy"]),
                config=None if data["config"] is None else str(data["config"]),
                files_scanned=int(data["filesScanned"]),
                roots=tuple(str(root) for root in data["roots"]),
                findings=tuple(decode_finding(item) for item in data["findings"]),
                facts=tuple(dict(fact) for fact in data["facts"]),
                min_confidence=str(data["minConfidence"]),
                baseline=None if baseline is None else (str(baseline[0]), str(baseline[1])),
                enable=tuple(str(code) for code in data["enable"]),
                selection=tuple(tuple(str(entry) for entry in part) for part in data["selection"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ShardError(f"{where}: damaged shard record ({type(exc).__name__})") from None


def check_complete(records: Sequence[tuple[str, Record]], version: str) -> None:
    """Raise ShardError unless the records are shards 1..N of one scan, each once,
    made by this version of privlint with one configuration."""
    if not records:
        raise ShardError("merge: no shard logs given")
    first_where, first = records[0]
    for where, record in records:
        if record.version != version:
            raise ShardError(
                f"{where}: made by privlint {record.version}; this is privlint {version}"
            )
        same = (record.count, record.policy, record.config, record.roots) == (
            first.count,
            first.policy,
            first.config,
            first.roots,
        )
        same = same and (
            record.min_confidence,
            record.baseline,
            record.enable,
            record.selection,
        ) == (first.min_confidence, first.baseline, first.enable, first.selection)
        if not same:
            raise ShardError(
                f"{where}: not a shard of the same scan as {first_where}"
                " (another shard count, configuration, options or file list)"
            )
    seen: dict[int, str] = {}
    for where, record in records:
        if record.index in seen:
            raise ShardError(
                f"{where}: shard {record.index}/{record.count} also in {seen[record.index]}"
            )
        seen[record.index] = where
    missing = sorted(set(range(1, first.count + 1)) - set(seen))
    if missing:
        shown = ", ".join(f"{index}/{first.count}" for index in missing)
        raise ShardError(f"merge: shard {shown} missing")
