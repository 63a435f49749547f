from __future__ import annotations

import pytest

from privlint.findings import Finding, Level, Region, ScanResult
from privlint.reporters.text import TextReporter
from privlint.rules.base import RuleInfo


def _finding(level: Level, line: int = 1) -> Finding:
    return Finding("a.py", Region(line, 2, line, 5), "PL101", "x reaches print", level)


def test_each_finding_is_one_path_line_col_code_message_line(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    lines = TextReporter().render(result, rules).splitlines()

    assert lines == [
        "/opt/shared/settings.py:1:1: PL000 file not analysed: syntax error: invalid syntax",
        "app/login.py:12:30: PL101 credential.password reaches logging.Logger.info",
        "app/models.py:4:5: PL401 pii.email field 'email' of User appears in its repr",
        "app/my notifs/émail.py:3:11: PL101 identifier.user_id reaches print",
        "app/private:1:1: PL000 not analysed: permission denied",
        "Found 5 findings (2 errors, 1 warning, 2 notes) in 12 files; 1 path not analysed.",
    ]


def test_output_ends_with_a_newline(result: ScanResult, rules: list[RuleInfo]) -> None:
    assert TextReporter().render(result, rules).endswith(".\n")


@pytest.mark.parametrize(
    ("levels", "files", "expected"),
    [
        ((), 12, "No findings in 12 files."),
        ((), 1, "No findings in 1 file."),
        ((), 0, "No findings in 0 files."),
        ((Level.ERROR,), 1, "Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file."),
        (
            (Level.ERROR, Level.WARNING, Level.WARNING),
            12,
            "Found 3 findings (1 error, 2 warnings, 0 notes) in 12 files.",
        ),
        (
            (Level.NOTE, Level.NOTE, Level.WARNING),
            2,
            "Found 3 findings (0 errors, 1 warning, 2 notes) in 2 files.",
        ),
    ],
)
def test_summary_counts_levels_with_correct_plurals(
    levels: tuple[Level, ...], files: int, expected: str
) -> None:
    findings = tuple(_finding(level, line) for line, level in enumerate(levels, 1))
    output = TextReporter().render(ScanResult(findings, files, "/project"), [])

    assert output.splitlines()[-1] == expected


def _pl000(path: str, message: str, level: Level = Level.NOTE) -> Finding:
    return Finding(path, Region(1, 1, 1, 1), "PL000", message, level)


@pytest.mark.parametrize(
    ("findings", "files", "expected"),
    [
        (
            [_pl000("pipe.py", "not analysed: not a regular file (FIFO)")],
            0,
            "Found 1 finding (0 errors, 0 warnings, 1 note) in 0 files; 1 path not analysed.",
        ),
        (
            [
                _pl000("locked", "not analysed: permission denied"),
                _pl000("loop.py", "not analysed: too many levels of symbolic links"),
                _finding(Level.ERROR),
            ],
            3,
            "Found 3 findings (1 error, 0 warnings, 2 notes) in 3 files; 2 paths not analysed.",
        ),
        (
            # a file whose analysis and secrets scan both gave up counts once
            [
                _pl000("id.env", "not analysed: permission denied"),
                Finding(
                    "id.env",
                    Region(1, 1, 1, 2),
                    "PL000",
                    "not analysed: input/output error",
                    Level.NOTE,
                ),
            ],
            1,
            "Found 2 findings (0 errors, 0 warnings, 2 notes) in 1 file; 1 path not analysed.",
        ),
        (
            # a file that was read but did not parse was analysed as far as it goes
            [
                _pl000("broken.py", "file not analysed: syntax error: x", Level.ERROR),
                _pl000("odd.py", "CST rules not run: libcst cannot parse this file"),
            ],
            2,
            "Found 2 findings (1 error, 0 warnings, 1 note) in 2 files.",
        ),
    ],
)
def test_summary_counts_the_paths_not_analysed(
    findings: list[Finding], files: int, expected: str
) -> None:
    output = TextReporter().render(ScanResult(tuple(sorted(findings)), files, "/project"), [])

    assert output.splitlines()[-1] == expected


def test_a_message_with_a_newline_stays_on_one_line() -> None:
    finding = Finding("a.py", Region(1, 1, 1, 2), "PL101", "one\ntwo", Level.ERROR)
    output = TextReporter().render(ScanResult((finding,), 1, "/project"), [])

    assert output.splitlines()[0] == "a.py:1:1: PL101 one\\ntwo"
