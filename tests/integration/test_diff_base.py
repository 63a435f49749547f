"""check --diff-base REF: only findings on lines changed since REF (and in untracked
files), the baseline still applied; a bad ref or no git checkout is a usage error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from privlint.cli import main
from privlint.diffbase import parse_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = """\
import logging


def login(password):
    logging.info(password)
"""
NEW = (
    OLD
    + """

def reset(new_password):
    logging.warning(new_password)
"""
)


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout whose one commit has a legacy leak (app/auth.py line 5)."""
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "t@example.com")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / ".gitignore").write_text(".privlint_cache/\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "auth.py").write_text(OLD)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "legacy")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_unchanged_legacy_code_reports_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--diff-base", "HEAD")

    assert code == 0
    assert out.startswith("No findings")
    assert "--diff-base HEAD: left out 1 finding on lines not changed since it" in err


def test_only_the_changed_lines_findings_are_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "app" / "auth.py").write_text(NEW)
    code, out, _ = run(capsys, "--diff-base", "HEAD")

    assert code == 1
    assert out.splitlines()[0].startswith("app/auth.py:9:21: PL101 [error]")
    assert "app/auth.py:5:" not in out


def test_committed_changes_since_a_branch_count(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _git(repo, "checkout", "-q", "-b", "feature")
    (repo / "app" / "auth.py").write_text(NEW)
    _git(repo, "commit", "-q", "-am", "reset")

    assert run(capsys, "--diff-base", "HEAD")[0] == 0
    code, out, _ = run(capsys, "--diff-base", "main")
    assert code == 1 and "app/auth.py:9:" in out and "app/auth.py:5:" not in out


def test_a_modified_line_counts_and_a_multi_line_region_touching_it_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "app" / "auth.py").write_text(
        OLD.replace("logging.info(password)", "logging.info(\n        password\n    )")
    )
    code, out, _ = run(capsys, "--diff-base", "HEAD")

    assert code == 1 and out.startswith("app/auth.py:6:")


def test_an_untracked_file_is_new_in_all_its_lines(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "app" / "new.py").write_text(OLD)
    code, out, _ = run(capsys, "--diff-base", "HEAD")

    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines() if ": PL" in line] == ["app/new.py"]


def test_the_baseline_still_applies(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "app" / "auth.py").write_text(NEW)
    assert main(["baseline", "--output", "b.json"]) == 0
    capsys.readouterr()

    code, out, _ = run(capsys, "--diff-base", "HEAD", "--baseline", "b.json")
    assert code == 0 and out.startswith("No findings"), out


def test_from_a_subfolder_paths_still_match(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "app" / "auth.py").write_text(NEW)
    monkeypatch.chdir(repo / "app")
    code, out, _ = run(capsys, ".", "--diff-base", "HEAD")

    assert code == 1 and out.startswith("auth.py:9:") and "auth.py:5:" not in out


def test_an_unknown_ref_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--diff-base", "no-such-branch")

    assert code == 2 and out == ""
    assert "--diff-base: 'no-such-branch' is not a commit in this repository" in err


def test_an_option_given_as_ref_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--diff-base=--output=x")

    assert code == 2 and "is not a git ref" in err


def test_outside_a_checkout_it_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    code, _, err = run(capsys, "--diff-base", "HEAD")

    assert code == 2 and "--diff-base: not a git repository" in err


def test_parse_diff_reads_added_and_modified_lines_only() -> None:
    diff = """\
diff --git a/a.py b/a.py
--- a/a.py
+++ b/a.py
@@ -3 +3 @@ def f():
-x
+y
@@ -10,0 +11,2 @@
+one
+two
@@ -20,3 +22,0 @@
-gone
diff --git a/old.py b/old.py
--- a/old.py
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git "a/caf\\303\\251 \\"q\\".py" "b/caf\\303\\251 \\"q\\".py"
--- "a/caf\\303\\251 \\"q\\".py"
+++ "b/caf\\303\\251 \\"q\\".py"
@@ -1 +1 @@
-a
+b
"""
    assert parse_diff(diff) == {
        "a.py": frozenset({3, 11, 12}),
        'café "q".py': frozenset({1}),
    }


def test_a_shallow_clone_without_the_base_says_how_to_fetch_it(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "app" / "auth.py").write_text(NEW)
    _git(repo, "commit", "-q", "-am", "two")
    clone = repo.parent / "clone"
    _git(repo.parent, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    monkeypatch.chdir(clone)
    code, _, err = run(capsys, "--diff-base", "HEAD~1")

    assert code == 2
    assert "this clone is shallow; fetch the base first" in err


def test_a_finding_over_the_baselines_count_is_reported_where_it_was_added(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "--output", "b.json"]) == 0
    _git(repo, "add", "b.json")
    _git(repo, "commit", "-q", "-m", "baseline")
    # the same finding (rule, function, the value `password`) on a new line above the
    # one the baseline accepted: a baseline holds no positions, the diff since it does
    (repo / "app" / "auth.py").write_text(
        OLD.replace(
            "def login(password):\n", "def login(password):\n    logging.warning(password)\n"
        )
    )
    capsys.readouterr()

    code, out, _ = run(capsys, "--baseline", "b.json")
    lines = [line for line in out.splitlines() if ": PL101 " in line]
    assert code == 1
    assert lines == ["app/auth.py:5:21: PL101 [error] credential.password reaches logging.warning"]


def test_an_uncommitted_baseline_reports_the_last_of_identical_findings(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "--output", "b.json"]) == 0
    (repo / "app" / "auth.py").write_text(
        OLD.replace(
            "def login(password):\n", "def login(password):\n    logging.warning(password)\n"
        )
    )
    capsys.readouterr()

    out = run(capsys, "--baseline", "b.json")[1]
    assert [line.split(": ")[0] for line in out.splitlines() if ": PL101 " in line] == [
        "app/auth.py:6:18"
    ]
