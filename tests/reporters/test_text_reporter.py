from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from privlint.findings import Edit, Finding, Fix, Level, Region, ScanResult
from privlint.reporters.text import TextOptions, TextReporter, terminal_options
from privlint.rules.base import RuleInfo


def _finding(level: Level, line: int = 1) -> Finding:
    return Finding("a.py", Region(line, 2, line, 5), "PL101", "x reaches print", level)


def test_each_finding_is_one_line_with_its_level_then_a_table_by_rule_and_a_total(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    lines = TextReporter().render(result, rules).splitlines()

    assert lines == [
        "/opt/shared/settings.py:1:1: PL000 [error] file not analysed: syntax error: invalid"
        " syntax",
        "app/login.py:12:30: PL101 [error] credential.password reaches logging.Logger.info",
        "app/models.py:4:5: PL401 [warning] pii.email field 'email' of User appears in its repr",
        "app/my notifs/émail.py:3:11: PL101 [note] identifier.user_id reaches print",
        "app/private:1:1: PL000 [note] not analysed: permission denied",
        "",
        "2  PL000      file-not-analysed        1 error, 1 note",
        "2  PL101  [*] sensitive-data-to-log    1 error, 1 note",
        "1  PL401      sensitive-field-in-repr  1 warning",
        "[*] 1 fixable with --fix; --diff shows the changes.",
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

    assert output.splitlines()[0] == "a.py:1:1: PL101 [error] one\\ntwo"


# -- on a terminal: source lines, carets, colour; --statistics ------------------------------

ESCAPE = "\033["


def _write(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


def test_plain_output_has_no_source_and_no_escape_codes(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    output = TextReporter().render(result, rules)

    assert ESCAPE not in output
    assert " | " not in output


def test_source_option_shows_the_line_with_carets_under_the_region(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", "import logging\n\tlogging.info(password)  # ok\n")
    finding = Finding(
        "a.py",
        Region(2, 15, 2, 23),
        "PL101",
        "credential.password reaches logging.info",
        Level.ERROR,
    )
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert output.splitlines()[:4] == [
        "a.py:2:15: PL101 [error] credential.password reaches logging.info",
        "  |",
        "2 | \tlogging.info(password)  # ok",
        "  | \t             ^^^^^^^^",
    ]


def test_source_of_a_secret_is_starred_out(tmp_path: Path) -> None:
    token = "ghp_" + "aB3" * 12
    _write(tmp_path, "s.py", f'token = "{token}"\n')
    finding = Finding(
        "s.py",
        Region(1, 9, 1, 11 + len(token)),
        "PL201",
        "hard-coded credential.token",
        Level.ERROR,
    )
    output = TextReporter(TextOptions(source=True, color=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert token not in output
    assert "token = " + "*" * (len(token) + 2) in output


def test_a_region_spanning_lines_gets_carets_to_the_end_of_its_first_line(tmp_path: Path) -> None:
    _write(tmp_path, "m.py", "class User:\n    email: str\n")
    finding = Finding("m.py", Region(1, 1, 2, 15), "PL401", "pii.email in repr", Level.WARNING)
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert output.splitlines()[3] == "  | " + "^" * len("class User:")


def test_source_of_a_file_that_cannot_be_read_is_left_out(tmp_path: Path) -> None:
    finding = Finding("gone.py", Region(3, 1, 3, 2), "PL101", "m", Level.ERROR)
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert output.splitlines()[:2] == ["gone.py:3:1: PL101 [error] m", ""]


def test_colour_marks_the_level_and_nothing_else_changes(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    coloured = TextReporter(TextOptions(color=True)).render(result, rules)

    assert "\033[1;31m[error]\033[0m" in coloured
    assert "\033[1;33m[warning]\033[0m" in coloured
    assert "\033[1;36m[note]\033[0m" in coloured
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == TextReporter().render(result, rules)


def test_statistics_prints_the_table_and_the_total_only(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    lines = TextReporter(TextOptions(statistics=True)).render(result, rules).splitlines()

    assert lines == [
        "2  PL000      file-not-analysed        1 error, 1 note",
        "2  PL101  [*] sensitive-data-to-log    1 error, 1 note",
        "1  PL401      sensitive-field-in-repr  1 warning",
        "[*] 1 fixable with --fix; --diff shows the changes.",
        "Found 5 findings (2 errors, 1 warning, 2 notes) in 12 files; 1 path not analysed.",
    ]


def test_no_findings_is_the_total_line_alone() -> None:
    assert TextReporter().render(ScanResult((), 4, "/p"), []) == "No findings in 4 files.\n"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("tty", "env", "color", "source"),
    [
        (True, {}, True, True),
        (False, {}, False, False),
        (True, {"NO_COLOR": "1"}, False, True),
        (True, {"NO_COLOR": ""}, True, True),  # empty NO_COLOR does not count
        (False, {"FORCE_COLOR": "1"}, True, False),
        (False, {"FORCE_COLOR": "0"}, False, False),
        (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, True),
        (True, {"TERM": "dumb"}, False, False),
    ],
)
def test_terminal_options_follow_the_stream_and_the_environment(
    monkeypatch: pytest.MonkeyPatch, tty: bool, env: dict[str, str], color: bool, source: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    options = terminal_options(_Stream(tty))

    assert (options.color, options.source) == (color, source)


def test_rules_with_only_unsafe_fixes_are_marked_apart_and_counted_in_the_hint() -> None:
    unsafe = Fix("use https://", (Edit(Region(1, 2, 1, 6), "https"),), safe=False)
    safe = Fix("drop it", (Edit(Region(2, 2, 2, 6), ""),))
    findings = (
        Finding("a.py", Region(1, 2, 1, 6), "PL301", "plaintext", Level.WARNING, fix=unsafe),
        Finding("a.py", Region(2, 2, 2, 6), "PL401", "repr", Level.WARNING, fix=safe),
        Finding("a.py", Region(3, 2, 3, 6), "PL101", "log", Level.ERROR),
    )
    lines = TextReporter(TextOptions(statistics=True)).render(ScanResult(findings, 1, "/p"), [])

    assert lines.splitlines() == [
        "1  PL101      1 error",
        "1  PL301  [-] 1 warning",
        "1  PL401  [*] 1 warning",
        "[*] 1 fixable with --fix (1 more with --unsafe-fixes); --diff shows the changes.",
        "Found 3 findings (1 error, 2 warnings, 0 notes) in 1 file.",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_source_of_a_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    finding = Finding("pipe.py", Region(1, 1, 1, 2), "PL101", "m", Level.ERROR)
    # opening the FIFO would block this test forever
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert output.splitlines()[:2] == ["pipe.py:1:1: PL101 [error] m", ""]


def test_a_secret_on_the_line_of_another_finding_is_starred_there_too(tmp_path: Path) -> None:
    token = "ghp_" + "Xy7" * 12
    _write(tmp_path, "s.py", f'log.info("connecting", token="{token}")\n')
    start = len('log.info("connecting", token="') + 1
    findings = (
        Finding("s.py", Region(1, 10, 1, 22), "PL101", "x reaches log.info", Level.NOTE),
        Finding("s.py", Region(1, start, 1, start + len(token)), "PL203", "token", Level.ERROR),
    )
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult(findings, 1, str(tmp_path)), []
    )

    assert token not in output
    assert output.count('log.info("connecting", token="' + "*" * len(token) + '")') == 2


def test_a_secrets_finding_about_a_whole_file_shows_no_source(tmp_path: Path) -> None:
    _write(tmp_path, ".env", "API_KEY=abc123def456\n")
    finding = Finding(".env", Region(1, 1, 1, 1), "PL209", "committed .env", Level.ERROR)
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert "abc123" not in output
    assert output.splitlines()[:2] == [".env:1:1: PL209 [error] committed .env", ""]


def test_when_every_fix_is_unsafe_the_hint_says_how_to_apply_them() -> None:
    unsafe = Fix("drop verify=False", (Edit(Region(1, 2, 1, 6), ""),), safe=False)
    finding = Finding("a.py", Region(1, 2, 1, 6), "PL302", "tls off", Level.ERROR, fix=unsafe)
    lines = TextReporter().render(ScanResult((finding,), 1, "/p"), []).splitlines()

    assert lines[-2] == (
        "[-] 1 fixable with --fix --unsafe-fixes; --diff --unsafe-fixes shows them."
    )


def test_control_characters_in_paths_messages_and_source_never_reach_the_terminal(
    tmp_path: Path,
) -> None:
    name = "evil\x1b[2Jname.py"
    (tmp_path / name).write_text('x = "\x1b[31m"; log.info(password)\n', encoding="utf-8")
    start = len('x = "\x1b[31m"; log.info(') + 1
    finding = Finding(name, Region(1, start, 1, start + 8), "PL101", "m\x07", Level.ERROR)
    output = TextReporter(TextOptions(source=True)).render(
        ScanResult((finding,), 1, str(tmp_path)), []
    )

    assert "\x1b" not in output and "\x07" not in output
    assert output.splitlines()[:4] == [
        f"evil\\x1b[2Jname.py:1:{start}: PL101 [error] m\\x07",
        "  |",
        '1 | x = "\\x1b[31m"; log.info(password)',
        "  | " + " " * len('x = "\\x1b[31m"; log.info(') + "^" * 8,
    ]
