"""Apply fixes to source text: edits from the end backwards, overlapping ones skipped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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


def apply_fixes(root: Path, findings: Iterable[Finding]) -> dict[str, int]:
    """Rewrite files under ``root`` with the fixes of ``findings``; edits applied per file."""
    by_path: dict[str, list[Edit]] = defaultdict(list)
    for finding in findings:
        if finding.fix is not None:
            by_path[finding.path].extend(finding.fix.edits)
    applied: dict[str, int] = {}
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
        if count:
            path.write_bytes(new_text.encode("utf-8"))
            applied[display] = count
    return applied
