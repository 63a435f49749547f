from __future__ import annotations

import json

import privlint
from privlint.findings import ScanResult
from privlint.reporters.json import JsonReporter
from privlint.rules.base import RuleInfo


def test_document_has_version_file_count_and_findings(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    document = json.loads(JsonReporter().render(result, rules))

    assert list(document) == ["files_scanned", "findings", "paths_not_analysed", "version"]
    assert document["version"] == privlint.__version__
    assert document["files_scanned"] == 12
    assert len(document["findings"]) == 5
    assert document["paths_not_analysed"] == 1


def test_a_path_not_analysed_is_a_pl000_note(result: ScanResult, rules: list[RuleInfo]) -> None:
    document = json.loads(JsonReporter().render(result, rules))
    private = next(f for f in document["findings"] if f["path"] == "app/private")

    assert (private["rule_id"], private["level"]) == ("PL000", "note")
    assert private["message"] == "not analysed: permission denied"


def test_finding_shape_with_fix(result: ScanResult, rules: list[RuleInfo]) -> None:
    document = json.loads(JsonReporter().render(result, rules))
    login = next(f for f in document["findings"] if f["path"] == "app/login.py")

    assert login == {
        "categories": ["credential.password"],
        "confidence": "high",
        "fingerprint": "3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c",
        "fix": {
            "edits": [
                {
                    "region": {
                        "end_column": 38,
                        "end_line": 12,
                        "start_column": 30,
                        "start_line": 12,
                    },
                    "replacement": "mask(password)",
                }
            ],
            "title": "Mask the value with privlint.runtime.mask",
            "safe": True,
        },
        "level": "error",
        "message": "credential.password reaches logging.Logger.info",
        "path": "app/login.py",
        "region": {"end_column": 38, "end_line": 12, "start_column": 30, "start_line": 12},
        "rule_id": "PL101",
    }


def test_finding_without_fix_has_null_fix(result: ScanResult, rules: list[RuleInfo]) -> None:
    document = json.loads(JsonReporter().render(result, rules))
    models = next(f for f in document["findings"] if f["path"] == "app/models.py")

    assert models["fix"] is None
    assert models["level"] == "warning"


def test_output_is_stable_sorted_and_ends_with_newline(
    result: ScanResult, rules: list[RuleInfo]
) -> None:
    first = JsonReporter().render(result, rules)
    reversed_result = ScanResult(result.findings[::-1], result.files_scanned, result.root)

    assert first == JsonReporter().render(reversed_result, rules)
    assert first == json.dumps(json.loads(first), indent=2, sort_keys=True) + "\n"


def test_empty_scan() -> None:
    document = json.loads(JsonReporter().render(ScanResult((), 0, "/project"), []))

    assert document["findings"] == []
    assert document["files_scanned"] == 0
    assert document["paths_not_analysed"] == 0
