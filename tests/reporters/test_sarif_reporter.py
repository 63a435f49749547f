"""SARIF: valid against the official schema, stable, GitHub-ready, and free of source text."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

import privlint
from privlint.findings import Edit, Finding, Fix, Level, Region, ScanResult
from privlint.reporters.sarif import (
    GITHUB_LIMITS,
    SarifReporter,
    UploadLimits,
    markdown_to_text,
    to_json,
)
from privlint.reporters.vcs import Provenance
from privlint.rules.base import RuleInfo

DATA = Path(__file__).parent / "data"
SCHEMA_FILE = DATA / "sarif-schema-2.1.0.json"
SNAPSHOT_FILE = DATA / "expected.sarif"

# jsonschema checks "uri" formats only with optional packages; these follow RFC 3986's
# character set, which is what matters for paths with spaces or non-ASCII characters.
_URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
FORMATS = jsonschema.FormatChecker()


def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or _URI_REFERENCE.fullmatch(value) is not None


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or (
        _URI_REFERENCE.fullmatch(value) is not None and _SCHEME.match(value) is not None
    )


FORMATS.checks("uri-reference")(_is_uri_reference)
FORMATS.checks("uri")(_is_uri)


def render(
    result: ScanResult, rules: list[RuleInfo], reporter: SarifReporter | None = None
) -> dict[str, Any]:
    # no git: the fixtures' root is not a checkout, whatever machine runs the tests
    reporter = reporter or SarifReporter(provenance=None)
    document: dict[str, Any] = json.loads(reporter.render(result, rules))
    return document


def schema_errors(document: object) -> list[str]:
    # The vendored copy declares draft 2020-12, OASIS' own draft-04; it uses nothing on
    # which the drafts differ, so Draft 7 (the brief's choice) validates it faithfully.
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=FORMATS)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def test_log_is_valid_against_the_sarif_2_1_0_schema(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    assert schema_errors(render(result, rules)) == []


def test_empty_scan_is_valid_and_still_lists_rules(rules: list[RuleInfo]) -> None:
    document = render(ScanResult((), 0, "/project"), rules)

    assert schema_errors(document) == []
    assert document["runs"][0]["results"] == []
    assert len(document["runs"][0]["tool"]["driver"]["rules"]) == 3


def test_schema_validation_catches_an_unencoded_uri() -> None:
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    bad["runs"][0]["originalUriBaseIds"] = {"%SRCROOT%": {"uri": "file:///a b/"}}  # type: ignore[index]

    assert schema_errors(bad) != []


def test_rendered_sarif_matches_snapshot(result: ScanResult, rules: list[RuleInfo]) -> None:
    rendered = SarifReporter(provenance=None).render(result, rules)
    if os.environ.get("PRIVLINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT_FILE.write_text(rendered, encoding="utf-8", newline="\n")
    expected = SNAPSHOT_FILE.read_text(encoding="utf-8")

    assert rendered == expected, "SARIF changed: rerun with PRIVLINT_UPDATE_SNAPSHOTS=1 and review"


def test_output_is_deterministic_and_ends_with_newline(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    shuffled = ScanResult(result.findings[::-1], result.files_scanned, result.root)
    first = SarifReporter().render(result, rules)

    assert first == SarifReporter().render(shuffled, rules[::-1])
    assert first.endswith("}\n")


def test_log_header_and_driver(result: ScanResult, rules: list[RuleInfo]) -> None:
    document = render(result, rules)
    run = document["runs"][0]
    driver = run["tool"]["driver"]

    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    assert driver["name"] == "privlint"
    assert driver["version"] == driver["semanticVersion"] == privlint.__version__
    assert driver["informationUri"] == privlint.REPOSITORY_URL
    assert run["automationDetails"] == {"id": "privlint/"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///project/"}}


def test_rules_carry_help_severity_tags_and_default_level(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    driver_rules = render(result, rules)["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in driver_rules}

    assert [rule["id"] for rule in driver_rules] == ["PL000", "PL101", "PL401"]
    pl101 = by_id["PL101"]
    assert pl101["name"] == "sensitive-data-to-log"
    assert pl101["shortDescription"] == {"text": "Sensitive data reaches a log call."}
    assert pl101["fullDescription"]["text"].startswith("Sensitive data reaches a log call. Logs")
    assert pl101["help"]["markdown"].startswith("# PL101 sensitive-data-to-log")
    assert not pl101["help"]["text"].startswith("#")
    assert pl101["defaultConfiguration"] == {"level": "warning"}
    assert pl101["properties"] == {
        "tags": ["privacy", "security", "external/cwe/cwe-532"],
        "security-severity": "7.5",
        "precision": "high",
        "problem.severity": "warning",
    }
    assert by_id["PL401"]["defaultConfiguration"] == {"enabled": False, "level": "warning"}
    assert by_id["PL000"]["properties"]["security-severity"] == "1.0"


def test_result_location_level_index_and_fingerprint(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    run = render(result, rules)["runs"][0]
    login = next(
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/login.py"
    )

    assert run["tool"]["driver"]["rules"][login["ruleIndex"]]["id"] == login["ruleId"] == "PL101"
    assert login["level"] == "error"
    assert login["message"] == {"text": "credential.password reaches logging.Logger.info."}
    assert login["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "app/login.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 30, "endLine": 12, "endColumn": 38},
    }
    assert login["partialFingerprints"] == {
        "privlintFingerprint/v1": "3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c"
    }
    assert "kind" not in login
    # how sure the rule is: SARIF's rank (0-100) and a property viewers can filter on
    assert login["rank"] == 90.0
    assert login["properties"] == {"confidence": "high"}


def test_fix_becomes_artifact_change_with_replacement(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    results = render(result, rules)["runs"][0]["results"]
    fixes = [r["fixes"] for r in results if "fixes" in r]

    assert fixes == [
        [
            {
                "description": {"text": "Mask the value with privlint.runtime.mask."},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": "app/login.py", "uriBaseId": "%SRCROOT%"},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": 12,
                                    "startColumn": 30,
                                    "endLine": 12,
                                    "endColumn": 38,
                                },
                                "insertedContent": {"text": "mask(password)"},
                            }
                        ],
                    }
                ],
                "properties": {"safe": True},
            }
        ]
    ]


def test_level_is_written_even_when_it_is_the_sarif_default(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    results = render(result, rules)["runs"][0]["results"]

    assert sorted(r["level"] for r in results) == ["error", "error", "note", "note", "warning"]


def test_paths_are_percent_encoded_and_outside_root_is_absolute(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    results = render(result, rules)["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]

    assert {"uri": "app/my%20notifs/%C3%A9mail.py", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": "file:///opt/shared/settings.py"} in locations


def test_no_snippets_timestamps_or_other_absolute_paths(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    text = SarifReporter().render(result, rules)

    assert '"snippet"' not in text
    assert '"contextRegion"' not in text
    assert "Time" not in text  # startTimeUtc, endTimeUtc, lastModifiedTimeUtc...
    # an invocation is written only to hold notifications: no command line, no machine
    invocations = json.loads(text)["runs"][0]["invocations"]
    assert [sorted(invocation) for invocation in invocations] == [
        ["executionSuccessful", "toolExecutionNotifications"]
    ]
    assert re.findall(r"file://[^\"]*", text) == [
        "file:///project/",
        "file:///opt/shared/settings.py",
    ]


def test_path_not_analysed_is_a_pl000_note_and_a_tool_execution_notification(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    run = render(result, rules)["runs"][0]
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": "app/private", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
        }
    }
    note = next(r for r in run["results"] if r["locations"] == [location])

    assert (note["ruleId"], note["level"]) == ("PL000", "note")
    assert note["message"] == {"text": "not analysed: permission denied."}
    assert run["tool"]["driver"]["rules"][note["ruleIndex"]]["id"] == "PL000"
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "locations": [location],
                    "message": {"text": "app/private: not analysed: permission denied."},
                    "level": "note",
                    "associatedRule": {"id": "PL000", "index": note["ruleIndex"]},
                }
            ],
        }
    ]


def test_notifications_are_sorted_and_valid_without_the_rule_passed_in() -> None:
    findings = tuple(
        Finding(path, Region(1, 1, 1, 1), "PL000", message, Level.NOTE)
        for path, message in (
            ("z.py", "not analysed: not a regular file (FIFO)"),
            ("/dev/null", "not analysed: not a regular file (character device)"),
            ("b.py", "file not analysed: syntax error: x"),  # read, parsed: not a notification
        )
    )
    document = render(ScanResult(findings[::-1], 1, "/project"), [])
    notifications = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]

    assert schema_errors(document) == []
    assert [n["message"]["text"] for n in notifications] == [
        "/dev/null: not analysed: not a regular file (character device).",
        "z.py: not analysed: not a regular file (FIFO).",
    ]
    assert notifications[0]["associatedRule"] == {"id": "PL000"}


def test_no_invocation_when_every_path_was_analysed(rules: list[RuleInfo]) -> None:
    finding = Finding("a.py", Region(1, 1, 1, 2), "PL101", "m", Level.WARNING)

    assert "invocations" not in render(ScanResult((finding,), 1, "/project"), rules)["runs"][0]


def test_result_for_a_rule_not_passed_in_has_no_rule_index(rules: list[RuleInfo]) -> None:
    finding = Finding("a.py", Region(1, 1, 1, 2), "PL999", "m", Level.WARNING)
    sarif_result = render(ScanResult((finding,), 1, "/project"), rules)["runs"][0]["results"][0]

    assert sarif_result["ruleId"] == "PL999"
    assert "ruleIndex" not in sarif_result


def test_relative_root_becomes_an_absolute_file_uri_with_trailing_slash(
    rules: list[RuleInfo], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = render(ScanResult((), 0, "."), rules)["runs"][0]

    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_serializer_omits_defaults_and_renames_fields() -> None:
    import sarif_om as om

    region = om.Region(start_line=3, start_column=1)
    assert to_json(region) == {"startLine": 3, "startColumn": 1}
    assert to_json(om.ArtifactLocation(uri="a.py", index=0)) == {"uri": "a.py", "index": 0}
    run = to_json(om.Run(tool=om.Tool(driver=om.ToolComponent(name="x"))))
    assert run == {"tool": {"driver": {"name": "x"}}}


def test_markdown_to_text_drops_markup() -> None:
    markdown = (
        "# Title\n\nUse `mask()` with **care**.\n```python\nx = 1\n```\nSee [docs](https://e.x)."
    )

    assert (
        markdown_to_text(markdown)
        == "Title\n\nUse mask() with care.\nx = 1\nSee docs (https://e.x)."
    )


# -- rule pages, provenance, paths from the repository root, upload limits -----------------

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_each_rule_links_its_page_in_the_repository(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    driver_rules = render(result, rules)["runs"][0]["tool"]["driver"]["rules"]

    for rule in driver_rules:
        assert rule["helpUri"] == f"{privlint.REPOSITORY_URL}/blob/main/docs/rules/{rule['id']}.md"


def test_every_real_rules_help_uri_names_a_page_that_exists() -> None:
    from privlint.rules.base import all_rules

    for rule in all_rules():
        url = privlint.rule_docs_url(rule.CODE)
        relative = url.split("/blob/main/", 1)[1]
        assert (REPO_ROOT / relative).is_file(), url


def test_in_a_checkout_paths_are_relative_to_the_repository_root(rules: list[RuleInfo]) -> None:
    finding = Finding("sub/a b.py", Region(1, 1, 1, 2), "PL101", "m", Level.ERROR)
    outside = Finding("/elsewhere/x.py", Region(1, 1, 1, 2), "PL101", "m", Level.ERROR)
    inside = Finding("/repo/lib/y.py", Region(1, 1, 1, 2), "PL101", "m", Level.ERROR)
    provenance = Provenance("/repo", "0" * 40, "main", "https://git.example.com/o/r.git")
    document = render(
        ScanResult((finding, outside, inside), 1, "/repo/pkg"),
        rules,
        SarifReporter(provenance=provenance),
    )
    run = document["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]

    assert schema_errors(document) == []
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
    assert uris == [
        {"uri": "file:///elsewhere/x.py"},
        {"uri": "lib/y.py", "uriBaseId": "%SRCROOT%"},
        {"uri": "pkg/sub/a%20b.py", "uriBaseId": "%SRCROOT%"},
    ]
    assert run["versionControlProvenance"] == [
        {
            "repositoryUri": "https://git.example.com/o/r.git",
            "revisionId": "0" * 40,
            "branch": "main",
            "mappedTo": {"uriBaseId": "%SRCROOT%"},
        }
    ]


def test_a_checkout_without_a_remote_has_no_provenance_but_root_relative_paths(
    rules: list[RuleInfo],
) -> None:
    finding = Finding("a.py", Region(1, 1, 1, 2), "PL101", "m", Level.ERROR)
    document = render(
        ScanResult((finding,), 1, "/repo/pkg"), rules, SarifReporter(provenance=Provenance("/repo"))
    )
    run = document["runs"][0]

    assert "versionControlProvenance" not in run
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "pkg/a.py"
    )


def _many(count: int) -> tuple[Finding, ...]:
    levels = (Level.NOTE, Level.WARNING, Level.ERROR)
    return tuple(
        Finding(f"f{i:05}.py", Region(1, 1, 1, 2), "PL101", f"m {i}", levels[i % 3])
        for i in range(count)
    )


def test_a_run_over_the_result_limit_keeps_the_highest_levels_and_says_so(
    rules: list[RuleInfo],
) -> None:
    reporter = SarifReporter(provenance=None, limits=UploadLimits(results=4))
    document = render(ScanResult(_many(9), 9, "/project"), rules, reporter)
    run = document["runs"][0]

    assert schema_errors(document) == []
    # the three errors, then the first warning; written in report order
    assert [r["level"] for r in run["results"]] == ["warning", "error", "error", "error"]
    assert [r["message"]["text"] for r in run["results"]] == ["m 1.", "m 2.", "m 5.", "m 8."]
    (notice,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notice["level"] == "warning"
    assert notice["message"]["text"].startswith("5 of 9 results were left out")
    assert run["invocations"][0]["executionSuccessful"] is True


def test_a_run_over_the_size_limit_is_cut_until_it_fits(rules: list[RuleInfo]) -> None:
    limit = 3_000  # the rules alone take about 1,000 bytes, 400 results about 4,000 more
    reporter = SarifReporter(provenance=None, limits=UploadLimits(gzip_bytes=limit))
    text = reporter.render(ScanResult(_many(400), 400, "/project"), rules)
    document = json.loads(text)
    kept = len(document["runs"][0]["results"])

    assert len(gzip.compress(text.encode("utf-8"), mtime=0)) <= limit
    assert 0 < kept < 400
    notice = document["runs"][0]["invocations"][0]["toolExecutionNotifications"][-1]
    assert notice["message"]["text"].startswith(f"{400 - kept} of 400 results were left out")
    assert schema_errors(document) == []


def test_github_limits_are_the_documented_ones() -> None:
    assert (GITHUB_LIMITS.results, GITHUB_LIMITS.tags) == (25_000, 20)
    assert GITHUB_LIMITS.gzip_bytes <= 10 * 1024 * 1024


def test_rule_tags_are_cut_to_the_limit(rules: list[RuleInfo]) -> None:
    many_tags = dataclasses.replace(rules[0], tags=tuple(f"t{i}" for i in range(30)))
    descriptor = render(ScanResult((), 0, "/project"), [many_tags])["runs"][0]["tool"]["driver"]
    assert len(descriptor["rules"][0]["properties"]["tags"]) == 20


def test_an_unsafe_fix_says_so_in_its_description_and_property(rules: list[RuleInfo]) -> None:
    fix = Fix("use https://", (Edit(Region(1, 2, 1, 6), "https"),), safe=False)
    finding = Finding("a.py", Region(1, 2, 1, 6), "PL101", "m", Level.WARNING, fix=fix)
    (sarif_fix,) = render(ScanResult((finding,), 1, "/project"), rules)["runs"][0]["results"][0][
        "fixes"
    ]

    assert sarif_fix["description"] == {
        "text": "use https:// (unsafe: it may change what the code does)."
    }
    assert sarif_fix["properties"] == {"safe": False}
