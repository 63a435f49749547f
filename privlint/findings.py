"""Findings: plain, frozen, picklable data. No CST nodes ever live here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(enum.IntEnum):
    """Severity of a finding, ordered so that comparisons read naturally."""

    NONE = 0
    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def sarif(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(level.name.lower() for level in cls)
            raise ValueError(f"unknown level {text!r} (expected one of: {names})") from None


class Confidence(enum.IntEnum):
    """How sure a rule is that a finding is what it says: the weight of its evidence.

    A name alone is weak evidence; a value's type, origin and use add to it. A finding
    is never reported above what its confidence allows (:meth:`cap`): error needs high
    confidence, low confidence gives a note at most.
    """

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def rank(self) -> float:
        """SARIF ``result.rank`` (0-100): how likely the result is a true positive."""
        return {Confidence.LOW: 30.0, Confidence.MEDIUM: 60.0, Confidence.HIGH: 90.0}[self]

    def cap(self, level: Level) -> Level:
        """``level``, lowered to what this confidence allows."""
        ceiling = {Confidence.LOW: Level.NOTE, Confidence.MEDIUM: Level.WARNING}.get(self)
        return level if ceiling is None else min(level, ceiling)

    @classmethod
    def parse(cls, text: str) -> Confidence:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError("expected one of: low, medium, high") from None


@dataclass(frozen=True, order=True)
class Region:
    """A span of source text. Lines and columns are 1-based; the end column is exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text of ``region`` with ``replacement``."""

    region: Region
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A rewrite: a title and the edits that implement it.

    ``safe`` says the program does at run time what it did, only without the problem
    (``field(repr=False)``); an unsafe fix may change what it does (``https://`` to a
    host that may not serve TLS, a certificate check turned back on) and is applied
    only when asked (``--unsafe-fixes``)."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, order=True)
class Finding:
    """One result of one rule in one file.

    ``path`` is a POSIX path relative to the scan root when the file lies under it,
    else absolute. ``fingerprint`` identifies the finding independently of its line
    number so that it survives unrelated edits above it; identical findings in a
    file are told apart by their order.
    """

    path: str
    region: Region
    rule_id: str
    message: str
    level: Level
    fingerprint: str = ""
    categories: tuple[str, ...] = ()
    fix: Fix | None = field(default=None, compare=False)
    #: what the finding is, without its occurrence number: identical findings in one
    #: file share it (baselines count them); empty means "same as the fingerprint"
    identity: str = field(default="", compare=False)
    #: the weight of the evidence; ``level`` never exceeds what it allows
    confidence: Confidence = field(default=Confidence.HIGH, compare=False)


@dataclass(frozen=True)
class ScanResult:
    """The outcome of one scan: what the reporters render.

    ``findings`` are sorted by path, region and rule. ``root`` is the directory
    that relative finding paths are relative to (rendered in SARIF as the
    ``%SRCROOT%`` base). ``files_scanned`` counts every file
    scanned: Python sources analysed and other files scanned for secrets.
    """

    findings: tuple[Finding, ...]
    files_scanned: int
    root: str


#: How the message of every internal-error finding begins (see :func:`is_internal_error`).
INTERNAL_ERROR_PREFIX = "internal error"


def is_internal_error(finding: Finding) -> bool:
    """Whether a finding reports a bug in privlint rather than a problem in the code.

    Such findings are PL000 and their message starts with :data:`INTERNAL_ERROR_PREFIX`:
    one rule that raised on a file ("internal error in PL101 (KeyError): ...", the
    file's other findings are kept), or the shared analysis that raised ("internal
    error (KeyError): file not analysed ..."). They never hold the exception's text,
    which could quote the source. The CLI uses this to exit with its own code.
    """
    return finding.rule_id == "PL000" and finding.message.startswith(INTERNAL_ERROR_PREFIX)
