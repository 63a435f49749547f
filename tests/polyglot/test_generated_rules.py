"""The semgrep rules come from the rule pack: the checked-in copy, the samples that
test them with ``semgrep --test``, and a project's own categories."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from privlint.cli import main
from privlint.policy import load_policy
from privlint.polyglot.generate import file_name, render, semgrep_rules
from privlint.polyglot.regex import name_regex
from privlint.polyglot.run import environment, find_semgrep

REPO = Path(__file__).resolve().parents[2]
CHECKED_IN = REPO / "rules" / "semgrep"
SAMPLES = Path(__file__).resolve().parent / "samples"


def pack_only_rules(tmp_path: Path) -> dict[str, str]:
    policy = load_policy(search_from=tmp_path)  # no [tool.privlint] above tmp_path
    return {file_name(rule): render([rule]) for rule in semgrep_rules(policy)}


def test_checked_in_rules_are_what_the_pack_generates(tmp_path: Path) -> None:
    expected = pack_only_rules(tmp_path)
    found = {path.name: path.read_text(encoding="utf-8") for path in CHECKED_IN.glob("*.yaml")}
    stale = sorted(
        name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name)
    )
    assert not stale, (
        f"rules/semgrep drifted from the rule pack in {stale}:"
        " run `privlint export-semgrep --output-dir rules/semgrep`"
    )


def test_every_rule_has_a_sample_with_five_positives_and_five_negatives() -> None:
    for rule_file in sorted(CHECKED_IN.glob("*.yaml")):
        samples = [p for p in SAMPLES.glob(rule_file.stem + ".*")]
        assert samples, f"{rule_file.name} has no sample file in {SAMPLES}"
        text = "".join(sample.read_text(encoding="utf-8") for sample in samples)
        counts = Counter(re.findall(r"//\s*(ruleid|ok):", text))
        assert counts["ruleid"] >= 5 and counts["ok"] >= 5, (rule_file.name, counts)


@pytest.mark.skipif(find_semgrep() is None, reason="semgrep is not installed (privlint[polyglot])")
def test_semgrep_passes_every_annotated_sample() -> None:
    semgrep = find_semgrep()
    assert semgrep is not None
    done = subprocess.run(
        [semgrep, "--test", "--json", "--metrics=off", "--disable-version-check",
         "--config", str(CHECKED_IN), str(SAMPLES)],
        capture_output=True, text=True, env=environment(), timeout=600, check=False,
    )  # fmt: skip
    report = json.loads(done.stdout)
    assert not report["config_with_errors"], report["config_with_errors"]
    assert not report["config_missing_tests"], report["config_missing_tests"]
    failed = {
        check_id: check["matches"]
        for checks in report["results"].values()
        for check_id, check in checks["checks"].items()
        if not check["passed"]
    }
    assert not failed
    tested = {check_id for checks in report["results"].values() for check_id in checks["checks"]}
    assert len(tested) == len(list(CHECKED_IN.glob("*.yaml")))


@pytest.mark.parametrize(
    ("name", "held"),
    [
        ("password", True),
        ("userPassword", True),
        ("USER_PASSWORD", True),
        ("db-password", True),
        ("passwordValue", True),
        ("passwordHash", False),
        ("isPasswordValid", False),
        ("password_reset_link", False),
        ("passwords", True),
        ("compassword", False),
    ],
)
def test_name_regex_reads_identifiers_as_the_policy_does(name: str, held: bool) -> None:
    policy = load_policy()
    negative = [*policy.neutral, *(p for c in policy.categories for p in c.not_names)]
    pattern = name_regex([("password",)], negative, sorted(policy.holders))
    assert bool(re.search(pattern, name)) is held
    assert bool(policy.classify(name)) is held


def test_a_category_added_by_the_project_reaches_the_rules(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.privlint.categories."pii.loyalty"]\n'
        'level = "critical"\ndescription = "Loyalty card references"\nnames = ["loyalty_ref"]\n',
        encoding="utf-8",
    )
    policy = load_policy(search_from=tmp_path)
    text = render(semgrep_rules(policy, ["PL101"], only={"javascript"}))
    regexes = re.findall(r'regex: (".*")', text)
    assert any(re.search(json.loads(regex), "loyaltyRef") for regex in regexes)
    default = render(semgrep_rules(load_policy(search_from=REPO / "docs"), ["PL101"]))
    assert "loyalty" not in default


def test_export_semgrep_writes_one_file_per_rule(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    assert main(["export-semgrep", "--output-dir", "out"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in CHECKED_IN.glob("*.yaml")
    )
