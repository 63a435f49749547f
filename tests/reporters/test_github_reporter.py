from __future__ import annotations

from privlint.findings import Finding, Level, Region, ScanResult
from privlint.reporters.github import GithubReporter, escape_data, escape_property
from privlint.reporters.vcs import Provenance
from privlint.rules.base import RuleInfo


def test_one_workflow_command_per_finding_then_a_summary(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    lines = GithubReporter().render(result, rules).splitlines()

    assert lines == [
        "::error file=/opt/shared/settings.py,line=1,col=1,endLine=1,endColumn=1,title=PL000"
        "::file not analysed: syntax error: invalid syntax",
        "::error file=app/login.py,line=12,col=30,endLine=12,endColumn=38,title=PL101"
        "::credential.password reaches logging.Logger.info",
        "::warning file=app/models.py,line=4,endLine=6,title=PL401"
        "::pii.email field 'email' of User appears in its repr",
        "::notice file=app/my notifs/émail.py,line=3,col=11,endLine=3,endColumn=18,title=PL101"
        "::identifier.user_id reaches print",
        "::notice file=app/private,line=1,col=1,endLine=1,endColumn=1,title=PL000"
        "::not analysed: permission denied",
        "Found 5 findings (2 errors, 1 warning, 2 notes) in 12 files; 1 path not analysed.",
    ]


def test_message_escapes_percent_cr_and_lf_but_not_colon_or_comma() -> None:
    assert escape_data("100% a,b: c\r\nd") == "100%25 a,b: c%0D%0Ad"


def test_property_escapes_colon_and_comma_too() -> None:
    assert escape_property("C:\\x,y%\n") == "C%3A\\x%2Cy%25%0A"


def test_path_with_comma_and_colon_cannot_inject_properties() -> None:
    finding = Finding("a,line=99:b.py", Region(1, 1, 1, 2), "PL101", "m: x, y", Level.WARNING)
    line = GithubReporter().render(ScanResult((finding,), 1, "/project"), []).splitlines()[0]

    assert line == (
        "::warning file=a%2Cline=99%3Ab.py,line=1,col=1,endLine=1,endColumn=2,title=PL101::m: x, y"
    )


def test_note_and_none_levels_become_notice() -> None:
    findings = tuple(
        Finding("a.py", Region(line, 1, line, 2), "PL101", "m", level)
        for line, level in ((1, Level.NOTE), (2, Level.NONE))
    )
    lines = GithubReporter().render(ScanResult(findings, 1, "/project"), []).splitlines()

    assert [line.split(" ", 1)[0] for line in lines[:2]] == ["::notice", "::notice"]


def test_errors_come_first_and_the_log_says_what_github_will_not_show() -> None:
    findings = tuple(
        Finding(f"f{i:02}.py", Region(1, 1, 1, 2), "PL101", "m", level)
        for i, level in enumerate([Level.NOTE] * 3 + [Level.ERROR] * 12)
    )
    lines = GithubReporter(provenance=None).render(ScanResult(findings, 15, "/p"), []).splitlines()

    assert [line.split(" ")[0] for line in lines[:15]] == ["::error"] * 12 + ["::notice"] * 3
    assert lines[15] == (
        "privlint: GitHub shows 10 annotations of each kind per step; 2 errors are in this"
        " log and the SARIF report only"
    )


def test_paths_are_relative_to_the_repository_root() -> None:
    finding = Finding("sub/a.py", Region(2, 1, 2, 3), "PL101", "m", Level.ERROR)
    line = GithubReporter(provenance=Provenance("/repo")).render(
        ScanResult((finding,), 1, "/repo/pkg"), []
    )

    assert line.startswith("::error file=pkg/sub/a.py,line=2,")
