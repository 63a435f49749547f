"""A content-addressed cache of each file's findings.

A file's findings depend only on its bytes, its display path (test paths, fingerprints),
whether it is Python, the policy and privlint itself. The cache key of a file hashes all
of these, so an entry can never be stale: a changed file, policy or privlint version is a
different key. A re-run on an unchanged tree reads each file once to hash it and parses
nothing.

Entries are small JSON files (never pickles: a cache folder restored from CI's cache must
not be able to run code), written atomically (a temporary file, then ``os.replace``), so
concurrent runs at worst compute the same entry twice. An entry that cannot be read or
does not decode is ignored and rewritten. The folder is bounded: past
:data:`MAX_BYTES` the oldest entries are removed. Entries hold what the reports hold,
findings with their messages, never a secret value (messages are masked when made).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import ipaddress
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

from privlint import __version__
from privlint.findings import Confidence, Edit, Finding, Fix, Level, Region

LOG = logging.getLogger(__name__)

#: The default folder, at the project root
DEFAULT_DIR_NAME = ".privlint_cache"
#: The folder is pruned to three quarters of this when a run leaves it larger
MAX_BYTES = 256 * 1024 * 1024
#: The entry format; a new one makes every old entry a miss
SCHEMA = "2"

_PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_digest() -> str:
    """A digest of privlint's own code and data: a development checkout whose version
    string has not changed still gets fresh entries after an edit."""
    digest = hashlib.sha256(f"privlint {__version__} schema {SCHEMA}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if (
            path.is_file()
            and path.suffix not in (".pyc", ".pyo")
            and "__pycache__" not in path.parts
        ):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def canonical(value: object) -> Any:
    """A JSON-able form of a policy (dataclasses, sets, mappings, enums, patterns) that
    is the same in every process: sets are sorted, private fields left out. Raises
    TypeError for anything it cannot render faithfully."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: canonical(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if not field.name.startswith("_")
        }
    if isinstance(value, Mapping):
        return sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=repr)
    if isinstance(value, (frozenset, set)):
        return sorted((canonical(item) for item in value), key=repr)
    if isinstance(value, (tuple, list)):
        return [canonical(item) for item in value]
    if isinstance(value, re.Pattern):
        return ["re", value.pattern, value.flags]
    if isinstance(value, (ipaddress.IPv4Network, ipaddress.IPv6Network, PurePath)):
        return [type(value).__name__, str(value)]
    raise TypeError(f"cannot key the cache on a {type(value).__name__}")


class Cache:
    """Findings per file, under ``directory``, for one policy and set of rules."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self._salt = salt.encode()
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(
        cls,
        directory: Path,
        policy: object,
        rule_codes: Iterable[str],
        project_roots: Iterable[str] = (),
    ) -> Cache | None:
        """The cache for a policy, its rules and the project's import roots (a file's
        facts name the calls under them); None (no cache, said in the debug log) when
        the folder cannot be made or the policy cannot be keyed."""
        try:
            policy_key = json.dumps(canonical(policy), sort_keys=True, separators=(",", ":"))
            parts = (code_digest(), policy_key, *sorted(rule_codes), "\1", *sorted(project_roots))
            salt = hashlib.sha256("\0".join(parts).encode()).hexdigest()
            _prepare(directory)
        except (OSError, TypeError, ValueError) as exc:
            LOG.debug("cache disabled: %s", exc)
            return None
        return cls(directory, salt)

    def key(self, data: bytes, display: str, python: bool) -> str:
        digest = hashlib.sha256(self._salt)
        digest.update(f"\0{display}\0{int(python)}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key[2:]}.json"

    def get(self, key: str) -> tuple[list[Finding], dict[str, Any] | None] | None:
        """The findings and facts kept for ``key``; None when there is no usable entry."""
        try:
            text = self._entry(key).read_text(encoding="utf-8")
            entry = json.loads(text)
            findings = [decode_finding(item) for item in entry["findings"]]
            facts = entry["facts"]
            if facts is not None and not isinstance(facts, dict):
                raise TypeError("facts is not an object")
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            LOG.debug("cache entry %s ignored: %s", key, exc)  # rewritten after the scan
            self.misses += 1
            return None
        self.hits += 1
        return findings, facts

    def put(
        self, key: str, findings: Iterable[Finding], facts: dict[str, Any] | None = None
    ) -> None:
        entry = self._entry(key)
        document = {"findings": [encode_finding(finding) for finding in findings], "facts": facts}
        text = json.dumps(document, separators=(",", ":"))
        try:
            entry.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            LOG.debug("cache entry %s not written: %s", key, exc)

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Remove the oldest entries while the folder is larger than ``limit``."""
        entries: list[tuple[float, int, str]] = []
        try:
            for shard in os.scandir(self.directory):
                if shard.is_dir(follow_symlinks=False):
                    for entry in os.scandir(shard.path):
                        info = entry.stat(follow_symlinks=False)
                        entries.append((info.st_mtime, info.st_size, entry.path))
        except OSError as exc:
            LOG.debug("cache not pruned: %s", exc)
            return
        total = sum(size for _, size, _ in entries)
        if total <= limit:
            return
        for _, size, path in sorted(entries):
            if total <= limit * 3 // 4:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size


def _prepare(directory: Path) -> None:
    """Make the folder, with a ``.gitignore`` that keeps it out of the repository (and
    so out of privlint's own discovery) and a ``CACHEDIR.TAG`` for backup tools."""
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# privlint's cache: safe to delete\n*\n", encoding="utf-8")
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# privlint's cache folder\n",
            encoding="utf-8",
        )


def encode_finding(finding: Finding) -> list[Any]:
    fix = finding.fix
    return [
        finding.path,
        _region_list(finding.region),
        finding.rule_id,
        finding.message,
        int(finding.level),
        finding.fingerprint,
        list(finding.categories),
        None
        if fix is None
        else [
            fix.title,
            [[_region_list(edit.region), edit.replacement] for edit in fix.edits],
            fix.safe,
        ],
        finding.identity,
        int(finding.confidence),
    ]


def _region_list(region: Region) -> list[int]:
    return [region.start_line, region.start_column, region.end_line, region.end_column]


def decode_finding(item: list[Any]) -> Finding:
    path, region, rule_id, message, level, fingerprint, categories, fix, identity, confidence = item
    decoded_fix = None
    if fix is not None:
        title, edits, safe = fix
        decoded_fix = Fix(
            str(title),
            tuple(Edit(Region(*map(int, r)), str(text)) for r, text in edits),
            bool(safe),
        )
    return Finding(
        path=str(path),
        region=Region(*map(int, region)),
        rule_id=str(rule_id),
        message=str(message),
        level=Level(level),
        fingerprint=str(fingerprint),
        categories=tuple(str(category) for category in categories),
        fix=decoded_fix,
        identity=str(identity),
        confidence=Confidence(confidence),
    )


def policy_digest(policy: object) -> str:
    """A digest of a policy's every setting: two runs with equal digests judge alike."""
    text = json.dumps(canonical(policy), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
