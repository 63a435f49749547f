"""Apply fixes to source text: edits from the end backwards, overlapping ones skipped.

Only safe fixes unless asked (``unsafe=True``, ``--unsafe-fixes``); :func:`fix_diff`
shows what would change, as a unified diff, without writing anything.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from privlint.findings import Edit, Finding, Region


def _offsets(text: str) -> list[int]:
    """Offset of the start of each 1-based line (index 0 unused)."""
    starts = [0, 0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _span(starts: list[int], region: Region) -> tuple[int, int]:
    begin = starts[region.start_line] + region.start_column - 1
    end = starts[region.end_line] + region.end_column - 1
    return begin, end


def apply_to_text(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits; returns the new text and how many were applied."""
    starts = _offsets(text)
    spans = sorted(
        ((*_span(starts, edit.region), edit.replacement) for edit in edits),
        key=lambda item: (item[0], item[1]),
    )
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for begin, end, replacement in spans:
        if begin < last_end:
            continue  # overlaps an earlier edit: leave it for the next run
        chosen.append((begin, end, replacement))
        last_end = end
    for begin, end, replacement in reversed(chosen):
        text = text[:begin] + replacement + text[end:]
    return text, len(chosen)


@dataclass(frozen=True)
class FixedFile:
    """One file's text before and after its fixes, and how many edits were applied."""

    display: str
    path: Path
    before: str
    after: str
    edits: int


def fixed_files(
    root: Path, findings: Iterable[Finding], *, unsafe: bool = False
) -> list[FixedFile]:
    """Each file under ``root`` that the fixes of ``findings`` change (only safe fixes
    unless ``unsafe``), by path; nothing is written."""
    by_path: dict[str, list[Edit]] = defaultdict(list)
    for finding in findings:
        if finding.fix is not None and (finding.fix.safe or unsafe):
            by_path[finding.path].extend(finding.fix.edits)
    changed = []
    for display, edits in sorted(by_path.items()):
        path = Path(display) if Path(display).is_absolute() else root / display
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # analysed with its undecodable comment bytes replaced: rewriting it would
            # change those bytes, so it is left as it is (its findings stay reported)
            continue
        new_text, count = apply_to_text(text, edits)
        if count and new_text != text:
            changed.append(FixedFile(display, path, text, new_text, count))
    return changed


def apply_fixes(root: Path, findings: Iterable[Finding], *, unsafe: bool = False) -> dict[str, int]:
    """Rewrite files under ``root`` with the fixes of ``findings`` (only safe ones unless
    ``unsafe``); edits applied per file."""
    applied: dict[str, int] = {}
    for fixed in fixed_files(root, findings, unsafe=unsafe):
        fixed.path.write_bytes(fixed.after.encode("utf-8"))
        applied[fixed.display] = fixed.edits
    return applied


def fix_diff(root: Path, findings: Iterable[Finding], *, unsafe: bool = False) -> str:
    """The fixes as one unified diff (``a/path``, ``b/path``, as git shows it), files in
    path order; empty when nothing would change."""
    parts: list[str] = []
    for fixed in fixed_files(root, findings, unsafe=unsafe):
        parts.extend(
            difflib.unified_diff(
                fixed.before.splitlines(keepends=True),
                fixed.after.splitlines(keepends=True),
                f"a/{fixed.display.lstrip('/')}",
                f"b/{fixed.display.lstrip('/')}",
            )
        )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in parts
    )
