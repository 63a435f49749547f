"""The semgrep stage's per-file gate: a rule is not run on a file whose text cannot hold
a match of it (``paths: exclude``), and the findings are those of a run without it."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from privlint.findings import Finding
from privlint.policy import load_policy
from privlint.polyglot import generate, run
from privlint.polyglot.generate import RULES, rule_gates, semgrep_rules
from privlint.polyglot.pack import language_of, languages
from privlint.polyglot.run import find_semgrep, may_match

SAMPLES = Path(__file__).resolve().parent / "samples"
needs_semgrep = pytest.mark.skipif(
    find_semgrep() is None, reason="semgrep is not installed (privlint[polyglot])"
)


def _gates() -> dict[str, generate.Gate]:
    policy = load_policy()
    return rule_gates(policy, semgrep_rules(policy))


def _matched_statements(sample: Path) -> list[tuple[str, str]]:
    """(rule ID, statement) for each ``ruleid:`` annotation: the lines after it up to
    the next comment or blank line."""
    lines = sample.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        annotation = re.search(r"//\s*ruleid:\s*(\S+)", line)
        if annotation is None:
            continue
        statement = []
        for following in lines[number + 1 :]:
            if not following.strip() or following.strip().startswith("//"):
                break
            statement.append(following)
        found.append((annotation[1], "\n".join(statement)))
    return found


def test_every_annotated_match_meets_its_rules_gate() -> None:
    """The gate is a superset: each statement semgrep must report (the samples'
    ``ruleid`` lines), alone, holds what its rule's gate asks for."""
    gates = _gates()
    checked = 0
    for sample in sorted(SAMPLES.iterdir()):
        for rule_id, statement in _matched_statements(sample):
            gate = gates.get(rule_id)
            if gate is None:
                continue  # a rule without a gate runs everywhere
            assert may_match(gate, statement), (rule_id, statement)
            checked += 1
    assert checked >= 60  # PL101, PL102, PL302, PL502, PL503 in three languages


def test_gates_cover_the_sink_rules_and_leave_credentials_and_urls_to_every_file() -> None:
    gated = {rule_id.split(".")[0] for rule_id in _gates()}
    assert gated == {"PL101", "PL102", "PL302", "PL502", "PL503"}


def _excluded(files: dict[str, str], tmp_path: Path) -> dict[str, list[str]]:
    policy = load_policy()
    targets = {}
    for name, text in files.items():
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        targets[os.path.abspath(path)] = name
    rules = semgrep_rules(policy)
    gated = run._gated(rules, rule_gates(policy, rules), targets)
    return {
        str(rule["id"]): sorted(targets[path] for path in rule["paths"]["exclude"])
        for rule in gated
        if "paths" in rule
    }


def test_a_rule_skips_a_file_without_its_sink_and_never_another_languages(tmp_path: Path) -> None:
    files = {
        "plain.js": "function f(password) { return password.length; }\n",
        "logs.js": "function f(password) { logger.info(password); }\n",
        "main.go": "package main\nfunc main() {}\n",
    }
    excluded = _excluded(files, tmp_path)
    assert excluded["PL101.javascript.sensitive-data-to-log"] == ["plain.js"]
    assert excluded["PL101.go.sensitive-data-to-log"] == ["main.go"]
    assert "PL201.javascript.hardcoded-credential" not in excluded
    assert "PL301.javascript.plaintext-url-to-network-call" not in excluded
    # a word inside a longer name is not the name (`catalogger`, `logging`)
    assert may_match(_gates()["PL101.javascript.sensitive-data-to-log"], "a.logger.warn(x)")
    assert not may_match(_gates()["PL101.javascript.sensitive-data-to-log"], "catalogger.warnx()")


def test_identifiers_spelled_with_unicode_escapes_count_and_odd_files_get_every_rule(
    tmp_path: Path,
) -> None:
    files = {
        "escaped.js": "function f(password) { \\u006cogger.info(password); }\n",
        "braced.js": "function f(password) { \\u{6c}ogger.info(password); }\n",
        "binary.js": "function f(password) {}\0\n",
        "odd[1].js": "function f(password) {}\n",
    }
    excluded = _excluded(files, tmp_path)
    assert "PL101.javascript.sensitive-data-to-log" not in excluded
    assert not any(
        name in names for names in excluded.values() for name in ("binary.js", "odd[1].js")
    )


def _scan(root: Path, gated: bool, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    if not gated:
        monkeypatch.setattr(run, "rule_gates", lambda policy, rules: {})
    items = [
        (str(path), path.name, False)
        for path in sorted(root.iterdir())
        if language_of(path.name) is not None
    ]
    outcome = run.scan_other_languages(items, load_policy(search_from=root), list(RULES), jobs=1)
    monkeypatch.undo()
    return sorted(outcome.findings)


def _variants(samples: Sequence[Path], root: Path) -> None:
    """The samples, and each with the sinks of one rule family renamed away (the
    rule's gate then excludes it, and semgrep must find nothing there either)."""
    for sample in samples:
        shutil.copy(sample, root / sample.name)
        text = sample.read_text(encoding="utf-8")
        for word in ("logger", "console", "capture", "Sentry", "rejectUnauthorized", "fmt"):
            renamed = re.sub(rf"\b{word}\b", word + "Other", text)
            if renamed != text:
                (root / f"{word}-{sample.name}").write_text(renamed, encoding="utf-8")


@needs_semgrep
def test_findings_with_the_gate_are_those_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Metamorphic: over every sample (and variants whose sinks are renamed), semgrep's
    findings are the same whether rules skip the files their gates rule out or not."""
    _variants(sorted(SAMPLES.iterdir()), tmp_path)
    policy = load_policy(search_from=tmp_path)
    rules = semgrep_rules(policy)
    targets = {
        os.path.abspath(path): path.name
        for path in tmp_path.iterdir()
        if language_of(path.name) is not None
    }
    skipped = sum(len(rule.get("paths", {}).get("exclude", ())) for rule in run._gated(
        rules, rule_gates(policy, rules), targets
    ))  # fmt: skip
    assert skipped > 100  # the gate does skip work here
    with_gate = _scan(tmp_path, True, monkeypatch)
    without = _scan(tmp_path, False, monkeypatch)
    assert with_gate == without
    assert sum(1 for finding in with_gate if finding.rule_id != "PL000") >= 100
    assert {language.name for language in languages()} == {"javascript", "go", "java"}


def test_a_scan_of_few_files_runs_one_semgrep_process(tmp_path: Path) -> None:
    """Each semgrep process beyond the first costs seconds of CPU: one for a few files."""
    assert run.semgrep_jobs(2, 108) == 1
    assert run.semgrep_jobs(8, run.FILES_PER_SEMGREP_JOB) == 2
    assert run.semgrep_jobs(2, 10 * run.FILES_PER_SEMGREP_JOB) == 2
    assert run.semgrep_jobs(1, 0) == 1
    seen: list[list[str]] = []

    def record(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
        seen.append(list(argv))
        return 0, '{"results": [], "errors": []}', ""

    (tmp_path / "a.js").write_text("console.log(password);\n", encoding="utf-8")
    items = [(str(tmp_path / "a.js"), "a.js", False)]
    policy = load_policy(search_from=tmp_path)
    run.scan_other_languages(items, policy, ["PL102"], jobs=2, semgrep="/fake", runner=record)
    assert seen and seen[0][seen[0].index("--jobs") + 1] == "1"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("client.capture({ email })", True),
        ("client.capture ({ email })", True),
        ("client.capture /* why */ ({ email })", True),
        ("client.capture // why\n  ({ email })", True),
        ("client.capture<Event>({ email })", True),
        ("client.capture!({ email })", True),
        ("client.capture?.({ email })", True),
        ("// capture names, or capture groups", False),
        ("options.capture = true; capture.x", False),
        ("recapture({})", False),
    ],
)
def test_a_name_a_pattern_calls_counts_only_where_it_may_be_called(text: str, held: bool) -> None:
    gate = _gates()["PL503.javascript.pii-to-analytics"]
    assert may_match(gate, text) is held
