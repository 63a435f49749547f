"""GitLab Code Quality: valid against the documented fields, one unique fingerprint per
issue, paths from the repository root."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from privlint.findings import Finding, Level, Region, ScanResult
from privlint.reporters.gitlab import GitlabReporter
from privlint.reporters.vcs import Provenance
from privlint.rules.base import RuleInfo

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "gitlab-codequality.schema.json").read_text(encoding="utf-8")
)


def render(result: ScanResult, rules: list[RuleInfo], provenance: Provenance | None = None) -> Any:
    return json.loads(GitlabReporter(provenance=provenance).render(result, rules))


def schema_errors(document: object) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(document)]


def test_report_inside_a_checkout_is_valid_against_the_documented_format(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    # the fixture's root is /project; its file outside the root (/opt/...) stays absolute
    inside = ScanResult(
        tuple(f for f in result.findings if not f.path.startswith("/")), 12, "/project"
    )
    document = render(inside, rules, Provenance("/project"))

    assert schema_errors(document) == []
    assert len(document) == 4


def test_schema_rejects_what_gitlab_would_not_show() -> None:
    good = {
        "description": "d",
        "check_name": "PL101",
        "fingerprint": "f",
        "severity": "major",
        "location": {"path": "a.py", "lines": {"begin": 1}},
    }
    assert schema_errors([good]) == []
    for bad in (
        {**good, "severity": "error"},
        {**good, "location": {"path": "/abs/a.py", "lines": {"begin": 1}}},
        {**good, "location": {"path": "a.py", "lines": {"begin": 0}}},
        {key: value for key, value in good.items() if key != "fingerprint"},
    ):
        assert schema_errors([bad]) != [], bad


def test_issue_fields(result: ScanResult, rules: list[RuleInfo]) -> None:
    document = render(result, rules)
    login = next(issue for issue in document if issue["location"]["path"] == "app/login.py")

    assert login == {
        "description": "credential.password reaches logging.Logger.info"
        " (PL101 sensitive-data-to-log)",
        "check_name": "PL101",
        "fingerprint": login["fingerprint"],
        "severity": "critical",
        "location": {"path": "app/login.py", "lines": {"begin": 12}},
    }
    assert len(login["fingerprint"]) == 32
    assert sorted({issue["severity"] for issue in document}) == ["critical", "info", "major"]


def test_fingerprints_are_unique_even_for_identical_findings_in_two_files() -> None:
    findings = tuple(
        Finding(path, Region(1, 1, 1, 2), "PL101", "m", Level.ERROR, fingerprint="same")
        for path in ("a.py", "b.py")
    )
    document = render(ScanResult(findings, 2, "/p"), [])

    assert len({issue["fingerprint"] for issue in document}) == 2


def test_paths_are_relative_to_the_repository_root_from_a_subfolder() -> None:
    finding = Finding("sub/a.py", Region(3, 1, 3, 2), "PL101", "m", Level.WARNING)
    document = render(ScanResult((finding,), 1, "/repo/pkg"), [], Provenance("/repo"))

    assert document[0]["location"] == {"path": "pkg/sub/a.py", "lines": {"begin": 3}}


def test_no_findings_is_an_empty_array() -> None:
    assert GitlabReporter(provenance=None).render(ScanResult((), 3, "/p"), []) == "[]\n"
