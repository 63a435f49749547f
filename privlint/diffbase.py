"""``check --diff-base REF``: keep only the findings on lines changed since a git ref.

A pull request on legacy code should be judged on what it changes. The whole project is
still scanned (a changed line can leak through a helper in an unchanged file, and the
cache makes the rest cheap); the report then keeps the findings whose region touches a
line that ``git diff --unified=0 REF`` shows as added or modified in the work tree, and
every finding in a file git does not track yet (all of it is new). Lines only deleted
leave nothing to point at and keep nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from privlint.findings import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_TIMEOUT = 120.0


class DiffBaseError(Exception):
    """The ref or the checkout cannot give a diff; the message says why."""


@dataclass(frozen=True)
class ChangedLines:
    """Per file (POSIX, relative to the repository's top level), the lines added or
    modified since the ref; ``None`` for a file that is new and untracked."""

    ref: str
    toplevel: str
    files: dict[str, frozenset[int] | None]

    def touches(self, finding: Finding, root: str) -> bool:
        """Whether ``finding`` (its path relative to ``root`` or absolute) lies on a
        changed line, or in an untracked file."""
        path = finding.path if os.path.isabs(finding.path) else os.path.join(root, finding.path)
        relative = os.path.relpath(os.path.abspath(path), self.toplevel).replace(os.sep, "/")
        if relative not in self.files:
            return False
        lines = self.files[relative]
        if lines is None:
            return True
        region = finding.region
        return any(line in lines for line in range(region.start_line, region.end_line + 1))

    def keep(self, findings: Iterable[Finding], root: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in findings if self.touches(finding, root))


def changed_lines(ref: str, cwd: Path) -> ChangedLines:
    """The lines changed in the work tree since ``ref`` (a commit, branch or tag), with
    git run in ``cwd``; DiffBaseError when that is not a git checkout or ``ref`` is not
    a commit there."""
    if ref.startswith("-"):
        raise DiffBaseError(f"--diff-base: {ref!r} is not a git ref")
    toplevel = _git(cwd, "rev-parse", "--show-toplevel").strip()
    try:
        _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", what=f"{ref!r}")
    except DiffBaseError as exc:
        if _git(cwd, "rev-parse", "--is-shallow-repository").strip() == "true":
            # CI checkouts are shallow by default (actions/checkout: one commit)
            raise DiffBaseError(
                f"{exc}: this clone is shallow; fetch the base first"
                " (git fetch origin main, or actions/checkout with fetch-depth: 0)"
            ) from None
        raise
    diff = _git(
        Path(toplevel),
        "-c",
        "core.quotePath=false",
        "diff",
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        ref,
        "--",
    )
    files: dict[str, frozenset[int] | None] = dict.fromkeys(
        (
            name
            for name in _git(
                Path(toplevel), "ls-files", "--others", "--exclude-standard", "-z"
            ).split("\0")
            if name
        ),
        None,
    )
    files.update(parse_diff(diff))
    return ChangedLines(ref, Path(toplevel).as_posix(), files)


def changed_since_committed(path: Path, cwd: Path) -> ChangedLines | None:
    """The lines changed since the last commit that changed ``path`` (a baseline: what
    changed since it was recorded is new), or ``None`` when git cannot say (not a
    checkout, the file never committed). Never raises."""
    try:
        commit = _git(cwd, "log", "-1", "--format=%H", "--", str(path.absolute())).strip()
        return changed_lines(commit, cwd) if commit else None
    except DiffBaseError:
        return None


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """Added or modified lines per new path, from ``git diff --unified=0`` output."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = _unquote(line[4:])
            current = None if name == "/dev/null" else changed.setdefault(name[2:], set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start = int(match.group(1))
                count = int(match.group(2)) if match.group(2) is not None else 1
                current.update(range(start, start + count))
    return {name: frozenset(lines) for name, lines in changed.items()}


def _unquote(name: str) -> str:
    """A path as git writes it after ``+++ ``: quoted C-style when it holds a quote, a
    backslash or a control character (core.quotePath=false keeps other bytes)."""
    name = name.rstrip("\t")
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("utf-8").decode("unicode_escape").encode("latin-1")
    return raw.decode("utf-8", "replace")


def _git(cwd: Path, *args: str, what: str = "") -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffBaseError(f"--diff-base needs git: {exc}") from None
    if done.returncode != 0:
        if what:
            raise DiffBaseError(f"--diff-base: {what} is not a commit in this repository")
        first = (done.stderr.strip().splitlines() or ["git failed"])[0]
        raise DiffBaseError(f"--diff-base: {first.removeprefix('fatal: ')}")
    return done.stdout
