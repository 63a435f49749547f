"""The command line, end to end: `privlint.cli.main([...])` in-process on small projects
written to a temporary directory (the working directory of each test), plus a few
subprocess runs for what only a real process shows (entry points, hash-seed determinism).

Every run also checks that no traceback reaches stdout or stderr.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import privlint
from privlint.cli import main
from privlint.rules.base import all_rules

EXPECTED_RULES = ("PL000", "PL101", "PL102", "PL103", "PL104")

# One error-level finding: PL101 at 5:18 (the `password` argument).
LEAKY = """\
import logging


def login(password):
    logging.info(password)
"""
LEAKY_LINE = "leaky.py:5:18: PL101 [error] credential.password reaches logging.info"

# One note-level finding (identifiers are notes, see rules/taxonomy.toml [levels]).
NOTE_ONLY = """\
def show(user_id):
    print(user_id)
"""
NOTE_LINE = "note.py:2:11: PL102 [note] identifier.user reaches print"

CLEAN = """\
import logging


def login(password):
    logging.info("login attempt, password of %d characters", len(password))
"""

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def listing(self) -> list[str]:
        """The text report without its table by rule: the findings, then the total."""
        lines = self.lines
        if "" not in lines:
            return lines
        return lines[: lines.index("")] + lines[-1:]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, made the working directory.

    Summaries count its pyproject.toml: every file is scanned for secrets.

    Its pyproject.toml has an empty [tool.privlint] so that no configuration above the
    temporary directory is picked up.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRIVLINT_JOBS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    return tmp_path


Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    def _run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err, captured.out + captured.err
        return Run(code, captured.out, captured.err)

    return _run


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content))


def config(root: Path, body: str) -> None:
    (root / "pyproject.toml").write_text(textwrap.dedent(body))


def git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


# -- exit codes -----------------------------------------------------------------------


def test_clean_project_exits_0_and_says_no_findings(project: Path, run: Runner) -> None:
    write(project, {"clean.py": CLEAN, "notes.md": "nothing to see\n"})
    result = run("check")
    assert result.code == 0
    # every file scanned counts: clean.py, notes.md and pyproject.toml (secrets scan)
    assert result.out == "No findings in 3 files.\n"


def test_error_finding_fails_at_default_threshold(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    assert run("check").code == 1


def test_note_finding_is_below_default_threshold(project: Path, run: Runner) -> None:
    write(project, {"note.py": NOTE_ONLY})
    result = run("check")
    assert result.lines[0] == NOTE_LINE
    assert result.code == 0


def test_fail_on_note_fails_on_a_note_finding(project: Path, run: Runner) -> None:
    write(project, {"note.py": NOTE_ONLY})
    assert run("check", "--fail-on", "note").code == 1


def test_fail_on_error_passes_with_only_findings_below_error(project: Path, run: Runner) -> None:
    # No category of the shipped pack maps to "warning" (critical -> error, high and
    # medium -> note), so a note stands for "below error" here.
    write(project, {"note.py": NOTE_ONLY})
    result = run("check", "--fail-on", "error")
    assert result.lines[0] == NOTE_LINE
    assert result.code == 0


def test_fail_on_error_still_fails_on_an_error_finding(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    assert run("check", "--fail-on", "error").code == 1


def test_missing_path_exits_2_naming_the_path(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    result = run("check", "leaky.py", "no_such_dir")
    assert result.code == 2
    assert result.err == "privlint: error: path does not exist: no_such_dir\n"
    assert result.out == ""


def test_unknown_format_is_a_usage_error(project: Path, run: Runner) -> None:
    result = run("check", "--format", "xml")
    assert result.code == 2
    assert "--format" in result.err
    # the bad value is shown by its shape only (it may be a pasted token)
    assert "xml" not in result.err
    assert "the value (3 characters) is not one of: text, json, sarif, github" in result.err


def test_unknown_fail_on_level_is_a_usage_error(project: Path, run: Runner) -> None:
    result = run("check", "--fail-on", "loud")
    assert result.code == 2
    assert "--fail-on" in result.err


@pytest.mark.parametrize("value", ["abc", "0", "-2"])
def test_bad_privlint_jobs_variable_is_a_usage_error(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    write(project, {"leaky.py": LEAKY})
    monkeypatch.setenv("PRIVLINT_JOBS", value)
    result = run("check")
    assert result.code == 2
    assert "PRIVLINT_JOBS" in result.err


def test_privlint_jobs_variable_is_honoured(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"leaky.py": LEAKY})
    monkeypatch.setenv("PRIVLINT_JOBS", "1")
    assert run("check").lines[0] == LEAKY_LINE


def test_zero_jobs_option_is_a_usage_error(project: Path, run: Runner) -> None:
    result = run("check", "--jobs", "0")
    assert result.code == 2
    assert "--jobs" in result.err


def test_unwritable_output_exits_2_naming_the_file(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    result = run("check", "--output", "leaky.py/report.txt")  # under a file
    assert result.code == 2
    assert "leaky.py/report.txt" in result.err


def test_output_in_a_new_folder_creates_it(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    result = run("check", "--output", "reports/privlint/report.txt")
    assert result.code == 1
    assert (project / "reports/privlint/report.txt").read_text().startswith(LEAKY_LINE)


# -- output formats -------------------------------------------------------------------


def test_text_output_is_one_line_per_finding_then_a_summary(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY, "note.py": NOTE_ONLY, "clean.py": CLEAN})
    result = run("check")
    assert result.lines == [
        LEAKY_LINE,
        NOTE_LINE,
        "",
        "1  PL101  sensitive-data-to-log     1 error",
        "1  PL102  sensitive-data-to-output  1 note",
        "Found 2 findings (1 error, 0 warnings, 1 note) in 4 files.",
    ]
    assert result.err == ""


def test_statistics_prints_the_table_without_the_findings(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY, "note.py": NOTE_ONLY})
    result = run("check", "--statistics")
    assert result.code == 1
    assert result.lines == [
        "1  PL101  sensitive-data-to-log     1 error",
        "1  PL102  sensitive-data-to-output  1 note",
        "Found 2 findings (1 error, 0 warnings, 1 note) in 3 files.",
    ]


def test_statistics_with_a_machine_format_is_a_usage_error(project: Path, run: Runner) -> None:
    result = run("check", "--statistics", "--format", "json")
    assert result.code == 2
    assert "--statistics" in result.err


def test_text_report_to_a_file_has_no_colour_even_when_forced(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    write(project, {"leaky.py": LEAKY})
    run("check", "--output", "report.txt")
    assert (project / "report.txt").read_text().splitlines()[0] == LEAKY_LINE


def test_forced_colour_on_stdout_colours_the_level(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    write(project, {"leaky.py": LEAKY})
    assert "\033[1;31m[error]\033[0m" in run("check").out


def test_paths_are_relative_to_the_working_directory(project: Path, run: Runner) -> None:
    write(project, {"pkg/sub/leaky.py": LEAKY})
    result = run("check", str(project / "pkg"))
    assert result.lines[0].startswith("pkg/sub/leaky.py:5:18: PL101 ")


def test_json_output_parses_and_holds_the_findings(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY, "note.py": NOTE_ONLY})
    result = run("check", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["files_scanned"] == 3  # leaky.py, note.py, pyproject.toml
    found = [
        (f["path"], f["region"]["start_line"], f["rule_id"], f["level"]) for f in data["findings"]
    ]
    assert found == [("leaky.py", 5, "PL101", "error"), ("note.py", 2, "PL102", "note")]
    assert data["findings"][0]["categories"] == ["credential.password"]


def test_sarif_on_stdout_is_only_json(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    result = run("check", "--format", "sarif")
    assert json.loads(result.out)["version"] == "2.1.0"


def test_sarif_output_file_has_relative_uris_and_fingerprints(project: Path, run: Runner) -> None:
    write(project, {"pkg/leaky.py": LEAKY, "note.py": NOTE_ONLY})
    result = run("check", "--format", "sarif", "--output", "results.sarif")
    assert result.code == 1
    assert result.out == ""
    assert result.err == "Found 2 findings (1 error, 0 warnings, 1 note) in 3 files.\n"
    sarif = json.loads((project / "results.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PL102", "PL101"]
    for item in results:
        location = item["locations"][0]["physicalLocation"]["artifactLocation"]
        assert not location["uri"].startswith(("/", "file:"))
        assert location["uriBaseId"] == "%SRCROOT%"
        assert item["partialFingerprints"]
        assert all(value for value in item["partialFingerprints"].values())
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    assert uris == ["note.py", "pkg/leaky.py"]
    assert str(project) not in json.dumps(results)


def _fingerprints(run: Runner, *args: str) -> list[tuple[int, str]]:
    data = json.loads(run("check", "--format", "json", *args).out)
    return [(f["region"]["start_line"], f["fingerprint"]) for f in data["findings"]]


def test_fingerprints_survive_lines_inserted_above(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    before = _fingerprints(run)
    write(project, {"leaky.py": "import os\nLIMIT = 3\nNAME = 'x'\n" + LEAKY})
    after = _fingerprints(run)
    assert [line for line, _ in before] == [5]
    assert [line for line, _ in after] == [8]
    assert [fp for _, fp in before] == [fp for _, fp in after]


def test_identical_findings_in_one_function_get_distinct_fingerprints(project: Path, run) -> None:
    write(project, {"leaky.py": LEAKY + "    logging.info(password)\n"})
    found = _fingerprints(run)
    assert [line for line, _ in found] == [5, 6]
    assert found[0][1] != found[1][1]


def test_same_code_in_another_file_gets_another_fingerprint(project: Path, run: Runner) -> None:
    write(project, {"a.py": LEAKY, "b.py": LEAKY})
    found = _fingerprints(run)
    assert len(found) == 2
    assert found[0][1] != found[1][1]


# -- privlint rules -------------------------------------------------------------------


def test_rules_lists_every_rule_with_level_and_description(project: Path, run: Runner) -> None:
    result = run("rules")
    assert result.code == 0
    rows = {line.split()[0]: line.split(maxsplit=2) for line in result.lines}
    assert set(EXPECTED_RULES) <= set(rows)
    assert list(rows) == sorted(rows)
    for code, (_, level, description) in rows.items():
        assert re.fullmatch(r"PL\d{3}", code)
        assert level in ("error", "warning", "note"), code
        assert len(description) > 20, code
    assert rows["PL000"][2].startswith("file-not-analysed: ")
    assert rows["PL101"][2].startswith("sensitive-data-to-log: ")
    assert not any(rows[code][2].endswith("(disabled)") for code in EXPECTED_RULES)


def test_rules_marks_a_rule_disabled_in_config(project: Path, run: Runner) -> None:
    config(project, '[tool.privlint]\ndisable = ["PL103"]\n')
    result = run("rules")
    marked = [line.split()[0] for line in result.lines if line.endswith("(disabled)")]
    off_by_default = [rule.CODE for rule in all_rules() if not rule.ENABLED_BY_DEFAULT]
    assert "PL405" in off_by_default
    assert marked == sorted(["PL103", *off_by_default])


# -- files that cannot be analysed: PL000, and the scan goes on ----------------------


def test_syntax_error_is_pl000_with_position_and_scan_goes_on(project: Path, run: Runner) -> None:
    write(project, {"broken.py": "LIMIT = 3\ndef f(:\n    pass\n", "leaky.py": LEAKY})
    result = run("check")
    assert result.code == 1
    assert result.lines[0].startswith("broken.py:2:7: PL000 ")
    assert "syntax error" in result.lines[0]
    assert result.lines[1] == LEAKY_LINE


def test_newer_python_is_analysed_and_python_2_is_a_note(project: Path, run: Runner) -> None:
    # PEP 695 (Python 3.12) is valid code even where this interpreter cannot compile it;
    # a Python 2 script is not a broken file but one privlint does not analyse
    write(
        project,
        {
            "generic.py": "type Pair[T] = tuple[T, T]\ndef first[T](p: Pair[T]) -> T:\n"
            "    return p[0]\n",
            "legacy.py": 'print "hello"\n',
        },
    )
    result = run("check", "--format", "json")
    found = [(f["path"], f["level"], f["message"]) for f in json.loads(result.out)["findings"]]
    assert found == [
        (
            "legacy.py",
            "note",
            "file not analysed: only Python 2 can parse it (Missing parentheses in call to"
            " 'print'. Did you mean print(...)?)",
        )
    ]
    assert result.code == 0


@pytest.mark.parametrize(
    "source",
    [
        'def f():\n    raise ValueError, "bad"\n',
        "if 1 <> 2:\n    pass\n",
        "x = `1`\n",
        'x = ur"abc"\n',
        "def f(a, (b, c)):\n    pass\n",
        "lam = lambda (a, b): a\n",
        "mode = 0777\n",
        "big = 10L\n",
        'exec "x = 1"\n',
    ],
)
def test_code_only_python_2_reads_is_a_note_saying_so(
    project: Path, run: Runner, source: str
) -> None:
    # with a sensitive word too, so that the file takes the libcst path as well
    write(project, {"legacy.py": source, "legacy_password.py": "password = 1\n" + source})
    result = run("check", "--format", "json")
    findings = json.loads(result.out)["findings"]
    assert [(f["path"], f["level"]) for f in findings] == [
        ("legacy.py", "note"),
        ("legacy_password.py", "note"),
    ]
    assert all("only Python 2 can parse it" in f["message"] for f in findings)
    assert result.code == 0


@pytest.mark.parametrize("source", ["def f(:\n    pass\n", "x = (1,\n", "print(x))\n"])
def test_a_broken_file_is_still_a_syntax_error(project: Path, run: Runner, source: str) -> None:
    write(project, {"broken.py": source})
    findings = json.loads(run("check", "--format", "json").out)["findings"]
    assert [(f["level"], f["message"].split(":")[0]) for f in findings] == [
        ("error", "file not analysed")
    ]
    assert "syntax error" in findings[0]["message"]


def test_syntax_error_in_a_file_with_sensitive_names_is_pl000(project: Path, run: Runner) -> None:
    # Such a file takes the libcst path rather than the cheap pre-filter.
    write(project, {"broken.py": "password = input()\nprint(password\n"})
    result = run("check")
    assert result.lines[0].startswith("broken.py:2:")
    assert " PL000 " in result.lines[0]
    assert len(result.listing) == 2


def test_non_utf8_file_is_pl000_and_scan_goes_on(project: Path, run: Runner) -> None:
    write(project, {"latin.py": b'NAME = "caf\xe9"\n', "leaky.py": LEAKY})
    result = run("check")
    assert result.lines[0].startswith("latin.py:1:1: PL000 ")
    assert "UTF-8" in result.lines[0]
    assert result.lines[1] == LEAKY_LINE


def test_declared_source_encoding_is_honoured(project: Path, run: Runner) -> None:
    write(project, {"latin.py": b'# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\n'})
    assert run("check").out == "No findings in 2 files.\n"


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a mode-000 file"
)
def test_unreadable_file_is_pl000_and_scan_goes_on(project: Path, run: Runner) -> None:
    write(project, {"secret.py": LEAKY, "leaky.py": LEAKY})
    (project / "secret.py").chmod(0)
    try:
        result = run("check", "secret.py", "leaky.py")
    finally:
        (project / "secret.py").chmod(0o644)
    assert result.lines[0] == LEAKY_LINE
    assert result.lines[1].startswith("secret.py:1:1: PL000 ")


def _deny_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Opening files called ``name`` fails as for a mode-000 file (even as root)."""
    real_open = os.open

    def deny(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        if os.path.basename(os.fspath(path)) == name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)


def test_read_error_is_pl000_and_scan_goes_on(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs as root too: the read itself fails, as for a mode-000 file or an I/O error.
    write(project, {"secret.py": LEAKY, "leaky.py": LEAKY})
    _deny_reading(monkeypatch, "secret.py")
    result = run("check", "--jobs", "1")
    assert result.lines[0] == LEAKY_LINE
    # a file that cannot be read is a path not analysed: a note, not counted as scanned
    assert result.lines[1] == "secret.py:1:1: PL000 [note] not analysed: permission denied"
    assert result.lines[-1] == (
        "Found 2 findings (1 error, 0 warnings, 1 note) in 2 files; 1 path not analysed."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_named_path_that_is_not_a_file_is_reported_and_scan_goes_on(
    project: Path, run: Runner
) -> None:
    write(project, {"leaky.py": LEAKY})
    os.mkfifo(project / "pipe.py")
    result = run("check", "pipe.py", "leaky.py")
    assert result.listing == [
        LEAKY_LINE,
        "pipe.py:1:1: PL000 [note] not analysed: not a regular file (FIFO)",
        "Found 2 findings (1 error, 0 warnings, 1 note) in 1 file; 1 path not analysed.",
    ]
    assert result.err == ""  # in the report, not on the side
    assert result.code == 1


# -- suppression ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "suppressed"),
    [
        ("# privlint: ignore[PL101]", True),
        ("# noqa: PL101", True),
        ("# privlint: ignore", True),
        ("# privlint: ignore[PL102, PL101]", True),
        ("# noqa", False),
        ("# privlint: ignore[PL102]", False),
        ("# noqa: E501", False),
    ],
)
def test_inline_comment_suppression(
    project: Path, run: Runner, comment: str, suppressed: bool
) -> None:
    write(
        project,
        {"leaky.py": LEAKY.replace("logging.info(password)", f"logging.info(password)  {comment}")},
    )
    result = run("check")
    if suppressed:
        assert result.out == "No findings in 2 files.\n"
        assert result.code == 0
    else:
        assert result.lines[0] == LEAKY_LINE
        assert result.code == 1


def test_comment_on_first_line_of_a_multiline_statement_suppresses(
    project: Path, run: Runner
) -> None:
    source = LEAKY.replace(
        "    logging.info(password)\n",
        "    logging.info(  # privlint: ignore[PL101]\n"
        '        "login %s",\n'
        "        password,\n"
        "    )\n",
    )
    write(project, {"leaky.py": source})
    assert run("check").out == "No findings in 2 files.\n"


def test_comment_on_last_line_of_a_multiline_statement_does_not_suppress(
    project: Path, run
) -> None:
    source = LEAKY.replace(
        "    logging.info(password)\n",
        "    logging.info(\n"
        '        "login %s",\n'
        "        password,\n"
        "    )  # privlint: ignore[PL101]\n",
    )
    write(project, {"leaky.py": source})
    assert (
        run("check").lines[0]
        == "leaky.py:7:9: PL101 [error] credential.password reaches logging.info"
    )


def test_suppression_marker_inside_a_string_does_not_suppress(project: Path, run: Runner) -> None:
    source = LEAKY.replace(
        "    logging.info(password)\n", '    logging.info("# privlint: ignore %s", password)\n'
    )
    write(project, {"leaky.py": source})
    assert (
        run("check").lines[0]
        == "leaky.py:5:43: PL101 [error] credential.password reaches logging.info"
    )


def test_suppression_covers_only_its_own_line(project: Path, run: Runner) -> None:
    source = LEAKY.replace(
        "    logging.info(password)\n",
        "    logging.info(password)  # privlint: ignore[PL101]\n    logging.info(password)\n",
    )
    write(project, {"leaky.py": source})
    result = run("check")
    assert result.listing == [
        "leaky.py:6:18: PL101 [error] credential.password reaches logging.info",
        "Found 1 finding (1 error, 0 warnings, 0 notes) in 2 files.",
    ]


# -- which files are scanned ----------------------------------------------------------


@needs_git
def test_gitignored_file_is_skipped_unless_named(project: Path, run: Runner) -> None:
    git(project, "init", "-q")
    write(project, {".gitignore": "generated.py\n", "generated.py": LEAKY, "note.py": NOTE_ONLY})
    assert run("check").listing == [
        NOTE_LINE,
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 3 files.",
    ]
    named = run("check", "generated.py")
    assert named.lines[0].startswith("generated.py:5:18: PL101 ")
    assert named.code == 1


@pytest.mark.parametrize("use_git", [False, pytest.param(True, marks=needs_git)])
@pytest.mark.parametrize("venv_name", [".venv", "env"])
def test_virtual_environment_is_not_scanned(
    project: Path, run: Runner, use_git: bool, venv_name: str
) -> None:
    if use_git:
        git(project, "init", "-q")
    write(
        project,
        {
            f"{venv_name}/pyvenv.cfg": "home = /usr/bin\n",
            f"{venv_name}/lib/python3.11/site-packages/pkg/mod.py": LEAKY,
            f"{venv_name}/bin/tool.py": LEAKY,
            "note.py": NOTE_ONLY,
        },
    )
    result = run("check", ".")
    assert result.listing == [
        NOTE_LINE,
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 2 files.",
    ]


def test_directory_without_pyvenv_cfg_is_scanned(project: Path, run: Runner) -> None:
    write(project, {"env/lib/mod.py": LEAKY})
    assert run("check").lines[0].startswith("env/lib/mod.py:5:18: PL101 ")


# -- configuration --------------------------------------------------------------------


def test_config_exclude_skips_matching_files(project: Path, run: Runner) -> None:
    config(project, '[tool.privlint]\nexclude = ["gen/**"]\n')
    write(project, {"gen/out.py": LEAKY, "gen/sub/more.py": LEAKY, "note.py": NOTE_ONLY})
    assert run("check").listing == [
        NOTE_LINE,
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 2 files.",
    ]


def test_config_exclude_is_relative_to_the_project_root(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(project, '[tool.privlint]\nexclude = ["pkg/gen/**"]\n')
    write(project, {"pkg/gen/out.py": LEAKY, "pkg/note.py": NOTE_ONLY})
    monkeypatch.chdir(project / "pkg")
    assert run("check").listing == [
        NOTE_LINE,
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 1 file.",
    ]


def test_config_exclude_does_not_apply_to_a_named_file(project: Path, run: Runner) -> None:
    config(project, '[tool.privlint]\nexclude = ["gen/**"]\n')
    write(project, {"gen/out.py": LEAKY})
    assert run("check", "gen/out.py").code == 1


def test_config_disable_turns_a_rule_off(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY + "    print(password)\n"})
    assert [line.split()[1] for line in run("check").listing[:-1]] == ["PL101", "PL102"]
    config(project, '[tool.privlint]\ndisable = ["PL101"]\n')
    result = run("check")
    assert [line.split()[1] for line in result.listing[:-1]] == ["PL102"]


def test_config_not_sensitive_silences_a_name(project: Path, run: Runner) -> None:
    config(project, '[tool.privlint]\nnot-sensitive = ["password"]\n')
    write(project, {"leaky.py": LEAKY})
    result = run("check")
    assert result.out == "No findings in 2 files.\n"
    assert result.code == 0


def test_config_names_extend_an_existing_category(project: Path, run: Runner) -> None:
    source = "def unlock(vault_combo):\n    print(vault_combo)\n"
    write(project, {"vault.py": source})
    assert run("check").out == "No findings in 2 files.\n"
    config(project, '[tool.privlint.names]\n"credential.password" = ["vault_combo"]\n')
    result = run("check")
    assert result.lines[0] == "vault.py:2:11: PL102 [error] credential.password reaches print"
    assert result.code == 1


def test_config_defines_a_new_category(project: Path, run: Runner) -> None:
    write(project, {"clinic.py": "def admit(patient_ref):\n    print(patient_ref)\n"})
    assert run("check").out == "No findings in 2 files.\n"
    config(
        project,
        """\
        [tool.privlint.categories."health.patient"]
        level = "critical"
        names = ["patient_ref"]
        """,
    )
    result = run("check")
    assert result.lines[0] == "clinic.py:2:11: PL102 [error] health.patient reaches print"
    assert result.code == 1


def test_config_fail_on_sets_the_threshold(project: Path, run: Runner) -> None:
    write(project, {"note.py": NOTE_ONLY})
    config(project, '[tool.privlint]\nfail-on = "note"\n')
    assert run("check").code == 1
    config(project, '[tool.privlint]\nfail-on = "error"\n')
    assert run("check").code == 0


def test_command_line_fail_on_overrides_config(project: Path, run: Runner) -> None:
    write(project, {"note.py": NOTE_ONLY})
    config(project, '[tool.privlint]\nfail-on = "error"\n')
    assert run("check", "--fail-on", "note").code == 1


def test_config_is_found_from_a_subdirectory(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(project, '[tool.privlint]\nnot-sensitive = ["password"]\n')
    write(project, {"pkg/leaky.py": LEAKY})
    monkeypatch.chdir(project / "pkg")
    assert run("check").out == "No findings in 1 file.\n"


def test_each_path_is_checked_under_its_own_projects_config(project: Path, run: Runner) -> None:
    # a monorepo: pre-commit passes files of two projects in one run
    write(
        project,
        {
            "a/pyproject.toml": '[tool.privlint]\ndisable = ["PL101"]\n',
            "a/leaky.py": LEAKY,
            "b/pyproject.toml": '[tool.privlint]\nfail-on = "error"\n',
            "b/leaky.py": LEAKY,
        },
    )
    result = run("check", "a/leaky.py", "b/leaky.py")
    assert result.listing == [
        "b/" + LEAKY_LINE,
        "Found 1 finding (1 error, 0 warnings, 0 notes) in 2 files.",
    ]
    assert result.code == 1
    # --config overrides the search for every path
    both = run("check", "--config", "a/pyproject.toml", "a/leaky.py", "b/leaky.py")
    assert both.out == "No findings in 2 files.\n"


def test_fail_on_of_each_project_decides_for_its_own_findings(project: Path, run: Runner) -> None:
    write(
        project,
        {
            "a/pyproject.toml": '[tool.privlint]\nfail-on = "error"\n',
            "a/note.py": NOTE_ONLY,
            "b/pyproject.toml": '[tool.privlint]\nfail-on = "note"\n',
            "b/clean.py": CLEAN,
        },
    )
    assert run("check", "a/note.py", "b/clean.py").code == 0
    assert run("check", "b/clean.py", "a/note.py").code == 0
    write(project, {"b/note.py": NOTE_ONLY})
    assert run("check", "a/note.py", "b/note.py").code == 1


def test_explicit_config_file_is_used(project: Path, run: Runner) -> None:
    write(
        project, {"leaky.py": LEAKY, "conf/settings.toml": '[tool.privlint]\ndisable = ["PL101"]\n'}
    )
    result = run("check", "--config", "conf/settings.toml")
    assert result.out == "No findings in 3 files.\n"


def test_missing_config_file_exits_2_naming_it(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    result = run("check", "--config", "missing.toml")
    assert result.code == 2
    assert "missing.toml" in result.err
    assert result.out == ""


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("[tool.privlint]\ncolour = true\n", "[tool.privlint] the 1st key (6 characters)"),
        ('[tool.privlint]\nfail-on = "loud"\n', "fail-on"),
        ('[tool.privlint]\nfail-on = "none"\n', "fail-on"),
        ('[tool.privlint]\ndisable = ["XX1"]\n', "disable"),
        ('[tool.privlint]\ndisable = ["PL999"]\n', "disable"),
        ('[tool.privlint]\nenable = ["PL999"]\n', "enable"),
        ('[tool.privlint.names]\n"health.nope" = ["x"]\n', "names] the 1st key (11 characters)"),
        ('[tool.privlint]\nexclude = "gen"\n', "exclude"),
        ('[tool.privlint]\nexclude = ["!gen"]\n', "exclude"),
        ('[tool.privlint]\nnot-sensitive = "password"\n', "not-sensitive"),
        ('[tool.privlint.categories."health.patient"]\nlevel = "dire"\nnames = ["x"]\n', "level"),
        ('[tool.privlint.categories."health.patient"]\nlevel = "critical"\n', "names"),
        (
            '[tool.privlint.categories."pii.email"]\nlevel = "critical"\nnames = ["x"]\n',
            "pii.email",
        ),
        ("[tool.privlint\nfail-on = 1\n", "invalid TOML"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(
    project: Path, run: Runner, body: str, key: str
) -> None:
    write(project, {"leaky.py": LEAKY})
    config(project, body)
    result = run("check")
    assert result.code == 2
    assert result.out == ""
    assert "pyproject.toml" in result.err
    assert key in result.err
    assert len(result.err.splitlines()) == 1


def test_bad_config_also_stops_privlint_rules(project: Path, run: Runner) -> None:
    config(project, "[tool.privlint]\ncolour = true\n")
    result = run("rules")
    assert result.code == 2
    assert "[tool.privlint] the 1st key (6 characters): unknown key" in result.err


# -- processes ------------------------------------------------------------------------


def test_python_dash_m_prints_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "privlint", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert privlint.__version__ in done.stdout
    assert "Traceback" not in done.stderr


def test_console_script_checks_a_project(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("privlint")
    assert script.is_file(), "the privlint console script is not installed next to python"
    write(tmp_path, {"pyproject.toml": "[tool.privlint]\n", "leaky.py": LEAKY})
    done = subprocess.run(
        [str(script), "check"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == LEAKY_LINE
    assert "Traceback" not in done.stderr


_REPORTS = """\
import sys
from privlint.cli import main
from privlint.rules.base import all_rules
out = sys.argv[1]
for fmt in ("text", "json", "sarif", "github"):
    main(["check", "--format", fmt, "--output", f"{out}/report.{fmt}"])
"""


def test_reports_are_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(
        project,
        {
            "pyproject.toml": "[tool.privlint]\n",
            "leaky.py": LEAKY + '    logging.info(f"{password} {email} {phone} {user_id}")\n',
            "pkg/b.py": "def f(token, ssn, ip_address):\n    print(token, ssn, ip_address)\n",
            "pkg/a.py": NOTE_ONLY + "    raise ValueError(f'{user_id} {email_address}')\n",
            "broken.py": "def f(:\n",
        },
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("PRIVLINT_JOBS", None)
        done = subprocess.run(
            [sys.executable, "-c", _REPORTS, str(out)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        outputs.append({path.name: path.read_bytes() for path in sorted(out.iterdir())})
    assert len(outputs[0]) == 4
    assert b"leaky.py" in outputs[0]["report.text"]
    assert outputs[0] == outputs[1]


# -- paths that cannot be analysed (#14): one PL000 note each, and the run goes on -------


def _deny(monkeypatch: pytest.MonkeyPatch, *, unlisted: Path, unsearched: Path) -> None:
    """Make ``unlisted`` a directory that cannot be listed (mode 000) and ``unsearched``
    one that can be listed but whose entries cannot be stat'ed (mode 600), as they are
    for a user who is not root; these tests run as root too."""
    real_stat, real_scandir = os.stat, os.scandir
    no_entry_access = {str(unlisted.resolve()), str(unsearched.resolve())}

    def stat(path: str | os.PathLike[str], **kwargs: bool) -> os.stat_result:
        if os.path.dirname(os.path.abspath(path)) in no_entry_access:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, **kwargs)

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if os.path.abspath(path) == str(unlisted.resolve()):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    real_open = os.open

    def open_(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if os.path.dirname(os.path.abspath(path)) in no_entry_access:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)


def test_named_unreadable_file_and_directory_are_notes_and_the_run_goes_on(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Used to abort the whole run with exit 2 ("cannot apply fixes: [Errno 13] ...").
    write(project, {"leaky.py": LEAKY, "locked/a.py": LEAKY, "private/b.py": LEAKY})
    _deny(monkeypatch, unlisted=project / "private", unsearched=project / "locked")
    result = run("check", "--jobs", "1", "locked/a.py", "private", "leaky.py")
    assert result.listing == [
        LEAKY_LINE,
        "locked/a.py:1:1: PL000 [note] not analysed: permission denied",
        "private:1:1: PL000 [note] not analysed: permission denied",
        "Found 3 findings (1 error, 0 warnings, 2 notes) in 1 file; 2 paths not analysed.",
    ]
    assert (result.code, result.err) == (1, "")


def test_named_symlink_loop_alone_is_a_note_and_exits_0(project: Path, run: Runner) -> None:
    (project / "loop").symlink_to(project / "loop")
    result = run("check", "loop")
    assert result.listing == [
        "loop:1:1: PL000 [note] not analysed: too many levels of symbolic links",
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 0 files; 1 path not analysed.",
    ]
    assert (result.code, result.err) == (0, "")
    assert run("check", "--fail-on", "note", "loop").code == 1


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_named_device_is_a_note(project: Path, run: Runner) -> None:
    write(project, {"note.py": NOTE_ONLY})
    result = run("check", "/dev/null", "note.py")
    assert result.listing == [
        "/dev/null:1:1: PL000 [note] not analysed: not a regular file (character device)",
        NOTE_LINE,
        "Found 2 findings (0 errors, 0 warnings, 2 notes) in 1 file; 1 path not analysed.",
    ]
    assert (result.code, result.err) == (0, "")


def test_named_broken_symlink_is_a_note_not_a_usage_error(project: Path, run: Runner) -> None:
    (project / "dangling.py").symlink_to("nowhere.py")
    result = run("check", "dangling.py")
    assert result.listing == [
        "dangling.py:1:1: PL000 [note] not analysed: broken symbolic link",
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 0 files; 1 path not analysed.",
    ]
    assert result.code == 0


def test_named_path_that_does_not_exist_is_still_a_usage_error(project: Path, run: Runner) -> None:
    (project / "loop").symlink_to(project / "loop")
    result = run("check", "loop", "typo.py")
    assert (result.code, result.out) == (2, "")
    assert result.err == "privlint: error: path does not exist: typo.py\n"


def test_unreadable_directory_in_a_walked_tree_is_in_sarif_and_json(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"note.py": NOTE_ONLY, "private/b.py": LEAKY, "locked/c.py": LEAKY})
    _deny(monkeypatch, unlisted=project / "private", unsearched=project / "locked")
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": "private", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
        }
    }
    sarif = run("check", "--jobs", "1", "--format", "sarif")
    sarif_run = json.loads(sarif.out)["runs"][0]
    notes = [r for r in sarif_run["results"] if r["ruleId"] == "PL000"]
    # locked/ is listed; its entry c.py cannot be stat'ed
    assert [(r["level"], r["message"]["text"]) for r in notes] == [
        ("note", "not analysed: permission denied."),
        ("note", "not analysed: permission denied."),
    ]
    assert notes[1]["locations"] == [location]
    notifications = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notifications] == [
        "locked/c.py: not analysed: permission denied.",
        "private: not analysed: permission denied.",
    ]
    assert (sarif.code, sarif.err) == (0, "")
    data = json.loads(run("check", "--jobs", "1", "--format", "json").out)
    assert (data["files_scanned"], data["paths_not_analysed"]) == (2, 2)  # note.py, pyproject
    assert [(f["path"], f["rule_id"], f["level"], f["message"]) for f in data["findings"]] == [
        ("locked/c.py", "PL000", "note", "not analysed: permission denied"),
        ("note.py", "PL102", "note", "identifier.user reaches print"),
        ("private", "PL000", "note", "not analysed: permission denied"),
    ]


def test_unreadable_file_that_is_not_python_is_a_note_like_the_others(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the secrets scanner's read failure, worded and levelled as every path not analysed
    write(project, {"settings.yaml": "debug: true\n", "note.py": NOTE_ONLY})
    _deny_reading(monkeypatch, "settings.yaml")
    result = run("check", "--jobs", "1")
    assert result.listing == [
        NOTE_LINE,
        "settings.yaml:1:1: PL000 [note] not analysed: permission denied",
        "Found 2 findings (0 errors, 0 warnings, 2 notes) in 2 files; 1 path not analysed.",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_summary_on_stderr_with_output_file_counts_paths_not_analysed(
    project: Path, run: Runner
) -> None:
    write(project, {"note.py": NOTE_ONLY})
    os.mkfifo(project / "pipe.py")
    result = run("check", "--output", "report.txt", "pipe.py", "note.py")
    summary = "Found 2 findings (0 errors, 0 warnings, 2 notes) in 1 file; 1 path not analysed."
    assert result.err == summary + "\n"
    assert (project / "report.txt").read_text().splitlines()[-1] == summary


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_baseline_does_not_record_paths_not_analysed(project: Path, run: Runner) -> None:
    # A baseline accepts problems in the code, not a run that could not read a path: a
    # later check must still say that the path was not analysed.
    write(project, {"note.py": NOTE_ONLY})
    os.mkfifo(project / "pipe.py")
    recorded = run("baseline", "note.py", "pipe.py")
    assert recorded.err == (
        "privlint: pipe.py: not analysed: not a regular file (FIFO)\n"
        "privlint: recorded 1 finding in .privlint-baseline.json\n"
    )
    entries = json.loads((project / ".privlint-baseline.json").read_text())["entries"]
    assert [(entry["path"], entry["rule"]) for entry in entries] == [("note.py", "PL102")]
    later = run("check", "--baseline", ".privlint-baseline.json", "note.py", "pipe.py")
    assert later.listing == [
        "pipe.py:1:1: PL000 [note] not analysed: not a regular file (FIFO)",
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 1 file; 1 path not analysed.",
    ]


@needs_git
def test_tracked_virtual_environment_is_a_remark_not_a_finding(project: Path, run: Runner) -> None:
    # Skipped on purpose, like an excluded directory: said on stderr, not a PL000.
    git(project, "init", "-q")
    write(project, {"env/pyvenv.cfg": "home = /usr/bin\n", "env/bin/tool.py": LEAKY})
    write(project, {"note.py": NOTE_ONLY})
    git(project, "add", ".")
    result = run("check")
    assert result.listing == [
        NOTE_LINE,
        "Found 1 finding (0 errors, 0 warnings, 1 note) in 2 files.",
    ]
    assert result.err == (
        "privlint: skipped env: virtual environment (contains pyvenv.cfg);"
        " its Python files were not checked\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_fifos_named_or_found_are_reported_and_never_opened(tmp_path: Path) -> None:
    # A real process with a timeout: opening a FIFO for reading blocks until a writer comes.
    write(tmp_path, {"pyproject.toml": "[tool.privlint]\n", "note.py": NOTE_ONLY})
    os.mkfifo(tmp_path / "pipe.py")
    os.mkfifo(tmp_path / "data.fifo")  # any name: every file is scanned for secrets
    env = {key: value for key, value in os.environ.items() if key != "PRIVLINT_JOBS"}
    done = subprocess.run(
        [sys.executable, "-m", "privlint", "check", ".", "pipe.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert Run(0, done.stdout, "").listing == [
        "data.fifo:1:1: PL000 [note] not analysed: not a regular file (FIFO)",
        NOTE_LINE,
        "pipe.py:1:1: PL000 [note] not analysed: not a regular file (FIFO)",
        "Found 3 findings (0 errors, 0 warnings, 3 notes) in 2 files; 2 paths not analysed.",
    ]
    assert (done.returncode, done.stderr) == (0, "")


def test_a_baselined_run_says_how_many_findings_the_baseline_accepted(
    project: Path, run: Runner
) -> None:
    write(project, {"app.py": LEAKY})
    assert run("baseline", "app.py").code == 0
    later = run("check", "--baseline", ".privlint-baseline.json", "app.py")
    assert later.code == 0
    accepted = [line for line in later.err.splitlines() if "accepted" in line]
    assert accepted == ["privlint: the baseline .privlint-baseline.json accepted 1 finding"]
    quiet = run("check", "--baseline", ".privlint-baseline.json", "app.py", "--quiet")
    assert "accepted" not in quiet.err


def _levels(run: Runner) -> dict[str, str]:
    """The level of each file's finding in a JSON report of the project."""
    return {
        f["path"]: f["level"] for f in json.loads(run("check", "--format", "json").out)["findings"]
    }


def test_examples_docs_and_samples_are_read_like_tests_by_default(
    project: Path, run: Runner
) -> None:
    write(
        project,
        {
            f"{folder}/demo.py": LEAKY
            for folder in ("examples", "docs/tutorial", "samples", "app", "ext/example_notifier")
        },
    )
    levels = _levels(run)
    assert levels == {
        "app/demo.py": "error",
        "ext/example_notifier/demo.py": "note",
        "docs/tutorial/demo.py": "note",
        "examples/demo.py": "note",
        "samples/demo.py": "note",
    }


def test_django_style_test_modules_are_test_code_by_default(project: Path, run: Runner) -> None:
    names = ("app/tests.py", "app/tests_views.py", "app/views_tests.py", "app/testsuite.py")
    write(project, dict.fromkeys(names, LEAKY))
    levels = _levels(run)
    assert levels == {
        "app/tests.py": "note",
        "app/tests_views.py": "note",
        "app/views_tests.py": "note",
        "app/testsuite.py": "error",
    }


def test_test_paths_in_the_configuration_replace_the_default_folders(
    project: Path, run: Runner
) -> None:
    (project / "pyproject.toml").write_text('[tool.privlint]\ntest-paths = ["**/tests/**"]\n')
    write(project, {"examples/demo.py": LEAKY, "tests/test_demo.py": LEAKY})
    levels = _levels(run)
    assert levels == {"examples/demo.py": "error", "tests/test_demo.py": "note"}


def test_sarif_category_sets_the_automation_id(project: Path, run: Runner) -> None:
    write(project, {"leaky.py": LEAKY})
    default = json.loads(run("check", "--format", "sarif").out)["runs"][0]
    named = json.loads(run("check", "--format", "sarif", "--sarif-category", "api/").out)
    assert default["automationDetails"] == {"id": "privlint/"}
    assert named["runs"][0]["automationDetails"] == {"id": "api/"}


@pytest.mark.parametrize(
    "args", [("--sarif-category", "api"), ("--format", "sarif", "--sarif-category", " / ")]
)
def test_sarif_category_needs_sarif_and_a_name(
    project: Path, run: Runner, args: tuple[str, ...]
) -> None:
    result = run("check", *args)
    assert result.code == 2 and "--sarif-category" in result.err


def test_a_sarif_report_cut_to_the_upload_limits_says_so_on_stderr(
    project: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from privlint.reporters import sarif

    monkeypatch.setattr(sarif, "GITHUB_LIMITS", sarif.UploadLimits(results=1))
    write(project, {"leaky.py": LEAKY, "note.py": NOTE_ONLY})
    result = run("check", "--format", "sarif")
    assert len(json.loads(result.out)["runs"][0]["results"]) == 1
    assert "the SARIF report leaves out 1 finding, lowest levels first" in result.err
    assert "leaves out" not in run("check", "--format", "sarif", "--quiet").err
