"""semgrep's results as privlint findings: the same IDs, suppressions, levels, outputs;
semgrep started only when there is something for it, and its failures contained."""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from privlint.api import check_paths
from privlint.cli import main
from privlint.findings import Region
from privlint.policy import load_policy
from privlint.polyglot import run
from privlint.polyglot.run import find_semgrep, line_comment

needs_semgrep = pytest.mark.skipif(
    find_semgrep() is None, reason="semgrep is not installed (privlint[polyglot])"
)

PYTHON = (
    "import logging\nlog = logging.getLogger(__name__)\n\ndef f(password):\n"
    "    log.info(password)\n"
)
JS = 'function f(password) {\n  console.log("login", password);\n}\n'
FAKE = "Sup3r-Secr3t-V4lue-91"  # privlint: ignore[PL208]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def refuse(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    raise AssertionError("semgrep must not start")


def test_semgrep_never_starts_for_python_only_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"app.py": PYTHON, "README.md": "# app\n", "setup.cfg": "[x]\n"})
    monkeypatch.setattr(run, "_run", refuse)
    monkeypatch.setattr(run, "find_semgrep", lambda: "/nonexistent/semgrep")
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    assert [f.rule_id for f in check.result.findings] == ["PL101"]
    assert check.notices == ()


def test_semgrep_never_starts_when_its_rules_are_all_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"app.js": JS})
    monkeypatch.setattr(run, "_run", refuse)
    monkeypatch.setattr(run, "find_semgrep", lambda: "/nonexistent/semgrep")
    selected = run.scan_other_languages(
        [(str(tmp_path / "app.js"), "app.js", False)], load_policy(), ["PL203"]
    )
    assert selected.findings == [] and not selected.ran


def test_without_semgrep_the_cli_says_once_what_the_other_files_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        {"app.py": PYTHON, "web/a.js": JS, "web/b.ts": JS, "svc/main.go": "package main\n"},
    )
    monkeypatch.setattr(run, "find_semgrep", lambda: None)
    monkeypatch.chdir(tmp_path)
    main(["check", "app.py", "web", "svc"])
    err = capsys.readouterr().err
    assert err.count("got the secrets rules only") == 1
    assert "3 JavaScript/TypeScript, Go or Java file(s)" in err
    assert "privlint[polyglot]" in err


def test_a_semgrep_failure_is_a_note_per_file_and_python_findings_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"app.py": PYTHON, "a.js": JS, "b.java": "class B {}\n"})

    def crash(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
        return 2, "", "Fatal error: out of memory"

    monkeypatch.setattr(run, "_run", crash)
    monkeypatch.setattr(run, "find_semgrep", lambda: "/fake/semgrep")
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    by_path = {(f.path, f.rule_id, f.level.sarif) for f in check.result.findings}
    assert ("app.py", "PL101", "error") in by_path
    assert ("a.js", "PL000", "note") in by_path and ("b.java", "PL000", "note") in by_path
    assert check.result.files_scanned == 3
    assert main(["check", "--fail-on", "warning", str(tmp_path / "a.js")]) == 0


def test_semgrep_parse_errors_become_notes_for_those_files() -> None:
    document = {
        "results": [],
        "errors": [
            {"type": ["PartialParsing", []], "path": "/x/a.ts"},
            {"type": "Timeout", "path": "/x/b.go"},
        ],
    }
    findings = run._findings(document, {"/x/a.ts": "a.ts", "/x/b.go": "b.go"}, load_policy())
    assert [(f.path, f.rule_id) for f in findings] == [("a.ts", "PL000"), ("b.go", "PL000")]
    assert all(f.message.startswith("partly analysed: semgrep") for f in findings)


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        ("console.log(password); // privlint: ignore[PL102]", " privlint: ignore[PL102]"),
        ('const u = "http://x"; // note', " note"),
        ("const u = 'a // b';", ""),
        ("log(x) /* privlint: ignore */", " privlint: ignore "),
        ("`${a} // not a comment`", ""),
    ],
)
def test_line_comments_of_c_like_languages(line: str, comment: str) -> None:
    assert line_comment(line) == comment


@needs_semgrep
def test_suppressions_baselines_and_fail_on_treat_semgrep_findings_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": "[tool.privlint]\n",
            "web/a.js": JS,
            "web/b.js": (
                "function g(password) {\n  console.log(password); // privlint: ignore[PL102]\n}\n"
            ),
            "svc/Main.java": (
                "class Main {\n  void f(String password) {"
                " System.out.println(password); } // noqa: PL102\n}\n"
            ),
        },
    )
    monkeypatch.chdir(tmp_path)
    check = check_paths([Path(".")], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    assert [(f.path, f.rule_id, f.region.start_line) for f in check.result.findings] == [
        ("web/a.js", "PL102", 2)
    ]
    assert main(["check", "."]) == 1
    assert main(["check", "--fail-on", "error", "."]) == 1
    assert main(["baseline", "."]) == 0
    assert "PL102" in Path(".privlint-baseline.json").read_text(encoding="utf-8")
    assert main(["check", "--baseline", ".privlint-baseline.json", "."]) == 0


@needs_semgrep
def test_messages_never_hold_the_hard_coded_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "a.ts": f'const clientSecret = "{FAKE}";\n',
            "b.go": f'package b\nvar dbPassword = "{FAKE}"\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json", "sarif", "github"):
        main(["check", "--format", fmt, "."])
        out = capsys.readouterr()
        assert FAKE not in out.out + out.err
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    assert {(f.path, f.rule_id) for f in check.result.findings} >= {
        ("a.ts", "PL201"),
        ("b.go", "PL201"),
    }


def _sarif_checker() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "reporters" / "test_sarif_reporter.py"
    spec = importlib.util.spec_from_file_location("sarif_checks", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_semgrep
def test_a_mixed_repository_is_one_sarif_run_under_the_same_rule_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "app.py": PYTHON + "\nprint(password)\n",
            "web/a.js": JS,
            "web/log.ts": "logger.info(`user ${user.email}`);\n",
            "svc/main.go": (
                'package main\nimport "log"\nfunc f(password string) { log.Println(password) }\n'
            ),
            "job/Job.java": "class Job { void f(String password) { LOGGER.info(password); } }\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "sarif", "."]) == 1
    document = json.loads(capsys.readouterr().out)
    assert _sarif_checker().schema_errors(document) == []
    assert len(document["runs"]) == 1
    run_ = document["runs"][0]
    assert run_["tool"]["driver"]["name"] == "privlint"
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in run_["results"]
    }
    assert {("PL101", "app.py"), ("PL101", "web/log.ts"), ("PL101", "svc/main.go"),
            ("PL101", "job/Job.java"), ("PL102", "web/a.js")} <= located  # fmt: skip
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    messages = {r["message"]["text"] for r in run_["results"] if r["ruleId"] == "PL101"}
    assert "credential.password reaches log.Println." in messages


@needs_semgrep
def test_semgrep_sees_files_its_own_ignore_list_would_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"tests/fixtures/a.js": JS, "node_modules_not/b.js": JS})
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    assert {f.path for f in check.result.findings if f.rule_id == "PL102"} == {
        "tests/fixtures/a.js",
        "node_modules_not/b.js",
    }
    assert os.environ.get("SEMGREP_SEND_METRICS") != "on"


@needs_semgrep
def test_one_finding_per_call_and_the_switch_line_of_an_options_object(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a.js": (
                "function f(user, password) {\n"
                "  logger.info(password, user.email);\n"
                "}\n"
                "const options = {\n"
                "  host: parsed.hostname,\n"
                "  rejectUnauthorized: false,\n"
                "};\n"
            ),
        },
    )
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    found = [(f.rule_id, f.region, f.categories) for f in check.result.findings]
    assert [item[:2] for item in found] == [
        ("PL101", Region(2, 3, 2, 36)),
        ("PL302", Region(6, 3, 6, 28)),
    ]
    assert set(found[0][2]) == {"credential.password", "pii.email"}


def test_minified_files_are_left_to_the_secrets_rules_and_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["static/app.min.js", "static/js/vendor/jquery/jquery.js", "web/Vendor/lib.ts"]
    write(tmp_path, dict.fromkeys(names, JS))
    monkeypatch.setattr(run, "_run", refuse)
    items = [(str(tmp_path / name), name, False) for name in names]
    outcome = run.scan_other_languages(items, load_policy(), ["PL102"], semgrep="/fake/semgrep")
    assert not outcome.ran and outcome.findings == []
    assert outcome.notice is not None
    assert outcome.notice.startswith("3 minified, bundled or vendored")


@pytest.mark.parametrize(
    ("name", "ours"),
    [
        ("static/js/vendor.js", True),  # a file named so is the project's own
        ("src/vendors_page/app.ts", True),
        ("static/admin/js/vendor/xregexp/xregexp.js", False),
        ("go/vendor/github.com/lib/pq/conn.go", False),
        ("app/node_modules/left-pad/index.js", False),
        ("dist/app.bundle.js", False),
    ],
)
def test_only_generated_and_vendored_code_is_not_ours(name: str, ours: bool) -> None:
    assert run._not_ours(name) is not ours


@pytest.mark.parametrize(
    ("name", "literal", "kept"),
    [
        ("clientSecret", "Sup3r-Secr3t-V4lue-91", True),
        ("JWT", "application/token-introspection+jwt", False),
        ("Authorization", "Bearer {auth}", False),
        ("authorization", "/auth", False),
        ("token", "${TOKEN}", False),
        ("password", "password", False),
    ],
)
def test_literals_are_judged_as_the_python_rule_judges_them(
    name: str, literal: str, kept: bool
) -> None:
    assert run._credential_literal(name, f'"{literal}"') is kept


@needs_semgrep
def test_findings_in_test_code_are_notes_as_for_python(tmp_path: Path) -> None:
    write(tmp_path, {"src/a.js": JS, "test/a.spec.js": JS, "pkg/tests/b.ts": JS})
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    levels = {f.path: f.level.sarif for f in check.result.findings if f.rule_id == "PL102"}
    assert levels == {
        "src/a.js": "error",
        "test/a.spec.js": "note",
        "pkg/tests/b.ts": "note",
    }


def test_many_files_are_scanned_in_several_semgrep_runs_and_odd_output_is_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = {f"web/{index:03}.js": JS for index in range(30)}
    write(tmp_path, names)
    calls: list[int] = []

    def odd(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
        calls.append(len(argv))
        assert env["SEMGREP_SEND_METRICS"] == "off" and "--metrics=off" in argv
        return 0, json.dumps({"results": [{"path": argv[-1], "check_id": "PL102.x.y"}]}), ""

    monkeypatch.setattr(run, "ARGV_BUDGET", 300)
    items = [(str(tmp_path / name), name, False) for name in names]
    outcome = run.scan_other_languages(
        items, load_policy(), ["PL102"], semgrep="/fake/semgrep", runner=odd
    )
    assert len(calls) > 1
    assert len(outcome.findings) == 30
    assert {f.rule_id for f in outcome.findings} == {"PL000"}
    assert all("results not read" in f.message for f in outcome.findings)


def test_semgrep_results_are_kept_per_file_and_only_changed_files_run_again(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"web/a.js": JS, "web/b.js": JS})
    ran: list[list[str]] = []

    def fake(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
        paths = [arg for arg in argv if arg.endswith(".js")]
        ran.append(sorted(os.path.basename(path) for path in paths))
        return 0, json.dumps({"results": [], "errors": []}), ""

    def failing(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
        ran.append(["failed"])
        return 2, "not json", "boom"

    items = [(str(tmp_path / n), n, False) for n in ("web/a.js", "web/b.js")]
    cache = tmp_path / "cache"

    def scan(runner: run.Runner) -> run.Polyglot:
        return run.scan_other_languages(
            items, load_policy(), ["PL102"], semgrep="/fake/semgrep", runner=runner, cache_dir=cache
        )

    assert scan(fake).ran and ran == [["a.js", "b.js"]]
    assert not scan(fake).ran and ran == [["a.js", "b.js"]]  # nothing changed: no run
    (tmp_path / "web/b.js").write_text(JS + "\n// changed\n")
    scan(fake)
    assert ran[-1] == ["b.js"]
    (tmp_path / "web/a.js").write_text(JS + "\n// changed too\n")
    failed = scan(failing)
    assert ran[-1] == ["failed"] and {f.rule_id for f in failed.findings} == {"PL000"}
    scan(fake)  # a failed run kept nothing: the file runs again
    assert ran[-1] == ["a.js"]


@needs_semgrep
def test_a_warm_run_gives_semgrep_findings_without_starting_semgrep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"src/a.js": JS})
    cache = tmp_path / ".cache-here"
    first = check_paths(
        [tmp_path / "src"], load_policy(), root=tmp_path, jobs=1, cache=True, cache_dir=cache
    )
    assert any(f.rule_id == "PL102" for f in first.result.findings)
    monkeypatch.setattr(run, "_run", refuse)  # semgrep must not start again
    second = check_paths(
        [tmp_path / "src"], load_policy(), root=tmp_path, jobs=1, cache=True, cache_dir=cache
    )
    assert second.result.findings == first.result.findings


@needs_semgrep
def test_catalogue_labels_are_not_credentials_and_word_values_are_notes(tmp_path: Path) -> None:
    labels = 'catalog.setStrings("de", {"Password": "Passwort", "password": "Mot de passe"});\n'
    config = 'const config = { password: "Passwort" };\nconst db = { password: "s3cr3t-Pa55" };\n'
    write(tmp_path, {"static/translation/translations.js": labels, "src/config.js": config})
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    found = sorted(
        (f.path, f.region.start_line, f.level.sarif)
        for f in check.result.findings
        if f.rule_id == "PL201"
    )
    assert found == [("src/config.js", 1, "note"), ("src/config.js", 2, "error")]
