"""Plain text for people and editors.

One ``path:line:col: PL101 [error] message`` line per finding (an editor's
``errorformat`` reads it, ``grep`` finds a rule or a level in it), then a table of the
rules that found something, each with its count by level, and a last line that counts
everything. ``--statistics`` prints the table and the last line only.

On a terminal (the CLI decides, see :class:`TextOptions`) each finding is followed by
its source line with carets under the region, and levels and codes are coloured. The
source of a secrets finding (PL2xx) is shown with the region starred out: a terminal
is often shared or recorded, and the value is what the rule is about. Without a
terminal the output holds no source text and no escape codes, and depends only on the
findings.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from privlint.engine.files import is_not_analysed
from privlint.findings import Finding, Level, ScanResult
from privlint.reporters.base import Reporter, paths_not_analysed
from privlint.rules.base import RuleInfo

#: Rule IDs whose region is the secret itself: their source is shown starred.
SECRET_PREFIX = "PL2"

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_COLOURS = {
    Level.ERROR: "\033[1;31m",  # bold red
    Level.WARNING: "\033[1;33m",  # bold yellow
    Level.NOTE: "\033[1;36m",  # bold cyan
    Level.NONE: "\033[1;36m",
}


@dataclass(frozen=True)
class TextOptions:
    """How to render: ``color`` adds ANSI colours, ``source`` the source line and carets
    under each finding, ``statistics`` leaves the findings out and keeps the table."""

    color: bool = False
    source: bool = False
    statistics: bool = False


def terminal_options(stream: TextIO, *, statistics: bool = False) -> TextOptions:
    """The options for writing to ``stream``: source lines when it is a terminal; colour
    when it is one and ``NO_COLOR`` is unset or empty, or when ``FORCE_COLOR`` is set to
    anything but ``0`` (NO_COLOR wins: https://no-color.org)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    dumb = os.environ.get("TERM") == "dumb"
    if os.environ.get("NO_COLOR"):
        color = False
    elif os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        color = True
    else:
        color = tty and not dumb
    return TextOptions(color=color, source=tty and not dumb, statistics=statistics)


class TextReporter(Reporter):
    """The default, human (and editor ``errorformat``) readable format."""

    def __init__(self, options: TextOptions = TextOptions()) -> None:
        self.options = options

    def render(self, result: ScanResult, rules: Sequence[RuleInfo]) -> str:
        paint = _painter(self.options.color)
        findings = sorted(result.findings)
        lines: list[str] = []
        if not self.options.statistics:
            sources = _Sources(result.root) if self.options.source else None
            secrets = secret_spans(findings)
            for finding in findings:
                lines.append(format_finding(finding, paint))
                if sources is not None:
                    source = sources.line(finding)
                    lines.extend(source_excerpt(finding, source, paint, secrets))
            if findings:
                lines.append("")
        lines.extend(statistics(findings, {rule.id: rule for rule in rules}, paint))
        hint = fix_hint(findings)
        if hint:
            lines.append(hint)
        lines.append(summary(result))
        return "\n".join(lines) + "\n"


Paint = Callable[[str, str], str]


def _painter(color: bool) -> Paint:
    if not color:
        return lambda text, _style: text
    return lambda text, style: f"{style}{text}{_RESET}" if style else text


def format_finding(finding: Finding, paint: Paint | None = None) -> str:
    """``path:line:col: PL101 [error] message``, always on one line."""
    paint = paint or _painter(False)
    region = finding.region
    message = _one_line(finding.message)
    colour = _COLOURS[finding.level]
    return (
        f"{paint(_one_line(finding.path), _BOLD)}:{region.start_line}:{region.start_column}: "
        f"{paint(finding.rule_id, colour)} {paint(f'[{finding.level.sarif}]', colour)} {message}"
    )


#: (path, line) -> the spans (0-based, end exclusive) of that line that secrets findings
#: point at
SecretSpans = Mapping[tuple[str, int], Sequence[tuple[int, int]]]


def secret_spans(findings: Sequence[Finding]) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Where the secrets findings (PL2xx) are, line by line: every excerpt of such a
    line stars them out, whichever finding it is shown for."""
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for finding in findings:
        if not finding.rule_id.startswith(SECRET_PREFIX):
            continue
        region = finding.region
        for number in range(region.start_line, region.end_line + 1):
            start = region.start_column - 1 if number == region.start_line else 0
            end = region.end_column - 1 if number == region.end_line else _WHOLE_LINE
            spans.setdefault((finding.path, number), []).append((max(start, 0), end))
    return spans


_WHOLE_LINE = 1 << 30


def source_excerpt(
    finding: Finding,
    line: str | None,
    paint: Paint | None = None,
    secrets: SecretSpans | None = None,
) -> list[str]:
    """The finding's first source line and carets under its region on that line (to the
    end of the line when the region goes on), in a gutter of line numbers; nothing when
    the line cannot be read. The spans of ``secrets`` on that line are starred out; a
    secrets finding about a whole file (an empty region: a key file, a committed
    ``.env``) shows no source at all."""
    if line is None:
        return []
    paint = paint or _painter(False)
    region = finding.region
    start = max(region.start_column - 1, 0)
    if start > len(line):
        return []
    if finding.rule_id.startswith(SECRET_PREFIX) and (
        region.start_line,
        region.start_column,
    ) == (region.end_line, region.end_column):
        return []
    end = region.end_column - 1 if region.end_line == region.start_line else len(line)
    end = min(max(end, start + 1), max(len(line), start + 1))
    own = [(start, end)] if finding.rule_id.startswith(SECRET_PREFIX) else []
    for span_start, span_end in [*own, *(secrets or {}).get((finding.path, region.start_line), ())]:
        span_end = min(span_end, len(line))
        if span_start < span_end:
            line = line[:span_start] + "*" * (span_end - span_start) + line[span_end:]
    number = str(region.start_line)
    gutter = " " * len(number)
    # control characters shown escaped (a terminal would obey them), so the carets
    # count the escaped text; tabs are kept, in the padding too, to line up
    before, marked = _visible(line[:start]), _visible(line[start:end])
    line = before + marked + _visible(line[end:])
    pad = "".join(char if char == "\t" else " " for char in before)
    carets = paint("^" * max(len(marked), 1), _COLOURS[finding.level])
    bar = paint("|", _DIM)
    return [
        f"{gutter} {bar}",
        f"{paint(number, _DIM)} {bar} {line}",
        f"{gutter} {bar} {pad}{carets}",
    ]


class _Sources:
    """Source lines read on demand, each file once, as the scan decoded them (UTF-8,
    undecodable bytes replaced)."""

    def __init__(self, root: str) -> None:
        self._root = Path(root)
        self._files: dict[str, list[str] | None] = {}

    def line(self, finding: Finding) -> str | None:
        if finding.path not in self._files:
            path = Path(finding.path)
            path = path if path.is_absolute() else self._root / path
            self._files[finding.path] = None
            try:
                # a regular file only: opening a FIFO or a device would block or never end
                if stat.S_ISREG(path.stat().st_mode) and not is_not_analysed(finding):
                    data = path.read_bytes()
                    self._files[finding.path] = data.decode("utf-8", "replace").splitlines()
            except OSError:
                pass
        lines = self._files[finding.path]
        index = finding.region.start_line - 1
        if lines is None or not 0 <= index < len(lines):
            return None
        return lines[index].rstrip()


def statistics(
    findings: Sequence[Finding], rules: Mapping[str, RuleInfo], paint: Paint | None = None
) -> list[str]:
    """One line per rule that found something, by rule ID: the count, the code, ``[*]``
    when some of its findings carry a safe fix, ``[-]`` when only unsafe ones (a column
    only when any finding has a fix), the rule's name and the count by level, in columns:
    ``3  PL101  [*] sensitive-data-to-log  2 errors, 1 note``"""
    paint = paint or _painter(False)
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    if not by_rule:
        return []
    width = len(str(max(len(group) for group in by_rule.values())))
    any_fix = any(finding.fix is not None for finding in findings)
    names = {rule_id: rules[rule_id].name if rule_id in rules else "" for rule_id in by_rule}
    name_width = max(len(name) for name in names.values())
    lines = []
    for rule_id in sorted(by_rule):
        group = by_rule[rule_id]
        levels = Counter(finding.level for finding in group)
        parts = [
            _plural(levels[level], level.sarif)
            for level in (Level.ERROR, Level.WARNING, Level.NOTE)
            if levels[level]
        ]
        if levels[Level.NONE]:
            parts.append(_plural(levels[Level.NONE], "note"))
        code = paint(rule_id, _COLOURS[max(levels)])
        fixable = ""
        if any_fix:
            fixes = [finding.fix for finding in group if finding.fix is not None]
            fixable = "[*] " if any(f.safe for f in fixes) else "[-] " if fixes else "    "
        name = f"{names[rule_id]:<{name_width}}  " if name_width else ""
        lines.append(f"{len(group):>{width}}  {code}  {fixable}{name}{', '.join(parts)}")
    return lines


def fix_hint(findings: Sequence[Finding]) -> str:
    """``[*] 2 fixable with --fix (1 more with --unsafe-fixes); --diff shows the
    changes.``, ``[-] 1 fixable with --fix --unsafe-fixes; ...`` when every fix is
    unsafe, or nothing when no finding has a fix."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if not safe and not unsafe:
        return ""
    if not safe:
        return f"[-] {unsafe} fixable with --fix --unsafe-fixes; --diff --unsafe-fixes shows them."
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    return f"[*] {safe} fixable with --fix{more}; --diff shows the changes."


def summary(result: ScanResult) -> str:
    """``Found 3 findings (1 error, 2 warnings, 0 notes) in 12 files.`` or ``No findings …``.

    "Files" are the files that were read and checked. Paths that were asked for (named,
    or found in a directory) and not analysed at all are not among them: each is a PL000
    note among the findings, and they are counted apart, ``… in 3 files; 2 paths not
    analysed.`` (paths: a directory that cannot be listed is one).
    """
    files = _plural(result.files_scanned, "file")
    not_analysed = len(paths_not_analysed(result))
    if not_analysed:
        files += f"; {_plural(not_analysed, 'path')} not analysed"
    total = len(result.findings)
    if total == 0:
        return f"No findings in {files}."
    errors = sum(1 for finding in result.findings if finding.level >= Level.ERROR)
    warnings = sum(1 for finding in result.findings if finding.level == Level.WARNING)
    # Level.NONE findings are not expected from rules; count them with the notes so
    # that the parts always add up to the total.
    notes = total - errors - warnings
    counts = ", ".join(
        [_plural(errors, "error"), _plural(warnings, "warning"), _plural(notes, "note")]
    )
    return f"Found {_plural(total, 'finding')} ({counts}) in {files}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _one_line(text: str) -> str:
    """Keep a finding on one line whatever its message or path holds, and never pass a
    control character (an escape sequence in a file name) on to the terminal."""
    return _visible(text.replace("\r", "\\r").replace("\n", "\\n"))


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """``text`` with control characters but the tab written as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
