"""The pre-commit hook (.pre-commit-hooks.yaml) installs, runs `privlint check` on the files it
is given, passes clean files and fails leaky ones.

These tests build the hook's environment the way users get it: pre-commit clones the hook
repository at a commit and pip-installs it into a fresh virtualenv (PyPI access needed).

The hook repository is a *snapshot* of this working tree (tracked and untracked, not
ignored files), committed in a temporary repository.  Pointing pre-commit at the real
checkout would test its last commit plus only staged or modified tracked files (what
``try-repo`` copies), so new files would be silently left out, and it fails outright in a
repository without commits.

``pre-commit try-repo`` keeps its store in a fresh temporary directory on every call,
ignoring PRE_COMMIT_HOME, so each call builds the environment again.  Hence one test uses
``try-repo`` (the command a hook author runs) and the others ``pre-commit run`` with a
config naming the snapshot, sharing one PRE_COMMIT_HOME so the environment is built once.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
HOOK_ID = "privlint"
INSTALL_TIMEOUT = 900  # seconds: the first run creates a virtualenv and installs from PyPI

CLEAN_SOURCE = 'import logging\n\nlogging.info("user count %d", 3)\n'
LEAKY_SOURCE = 'import logging\nlogging.info("pw %s", password)\n'

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None,
        reason="pre-commit is not installed (pip install -e '.[test]')",
    ),
]

_GIT_IDENTITY = (
    "-c",
    "user.email=test@example.invalid",
    "-c",
    "user.name=privlint tests",
    "-c",
    "commit.gpgsign=false",
)


def _clean_env(**extra: str) -> dict[str, str]:
    """os.environ without the variables git exports while running hooks (GIT_DIR,
    GIT_INDEX_FILE, ...), which would point these commands at the wrong repository."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") or key.startswith(("GIT_CONFIG_", "GIT_SSH", "GIT_SSL"))
    }
    env.update(extra)
    return env


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", *_GIT_IDENTITY, *args], cwd=cwd, env=_clean_env(), check=True, capture_output=True
    )


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str


def _pre_commit(cwd: Path, env: Mapping[str, str], *args: str) -> Outcome:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    return Outcome(result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A committed snapshot of this working tree: (path, commit)."""
    probe = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--show-toplevel"],
        env=_clean_env(),
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"{REPO_ROOT} is not a git work tree; cannot snapshot the hook repository")

    list_files = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    listed = subprocess.run(
        ["git", "-C", str(REPO_ROOT), *list_files],
        env=_clean_env(),
        capture_output=True,
        check=True,
    )
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for relative in filter(None, os.fsdecode(listed.stdout).split("\0")):
        source = REPO_ROOT / relative
        if source.is_file() or source.is_symlink():
            target = snapshot / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()

    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot for hook tests")
    commit = _git(snapshot, "rev-parse", "HEAD").stdout.decode().strip()
    return snapshot, commit


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the session, so the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    """A user's repository with one clean and one leaky Python file, both staged."""
    repo = tmp_path / "sample"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "clean.py").write_text(CLEAN_SOURCE)
    (repo / "leaky.py").write_text(LEAKY_SOURCE)
    _git(repo, "add", "clean.py", "leaky.py")
    return repo


def _run_hook(
    sample_repo: Path, hook_repo: tuple[Path, str], pre_commit_home: Path, filename: str
) -> Outcome:
    repo, commit = hook_repo
    config = sample_repo.parent / "pre-commit-config.yaml"
    config.write_text(
        f"repos:\n- repo: {repo.as_posix()}\n  rev: {commit}\n  hooks:\n  - id: {HOOK_ID}\n"
    )
    env = _clean_env(PRE_COMMIT_HOME=str(pre_commit_home))
    return _pre_commit(
        sample_repo,
        env,
        "run",
        HOOK_ID,
        "--config",
        str(config),
        "--color",
        "never",
        "--files",
        filename,
    )


def test_hook_passes_clean_file(
    sample_repo: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    outcome = _run_hook(sample_repo, hook_repo, pre_commit_home, "clean.py")

    assert outcome.returncode == 0, outcome.output
    assert "Passed" in outcome.output


def test_hook_fails_leaky_file_and_names_the_rule(
    sample_repo: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    outcome = _run_hook(sample_repo, hook_repo, pre_commit_home, "leaky.py")

    assert outcome.returncode == 1, outcome.output
    assert "PL101" in outcome.output
    assert "leaky.py" in outcome.output


def test_try_repo_fails_leaky_file(sample_repo: Path, hook_repo: tuple[Path, str]) -> None:
    repo, _ = hook_repo

    outcome = _pre_commit(
        sample_repo,
        _clean_env(),
        "try-repo",
        str(repo),
        HOOK_ID,
        "--color",
        "never",
        "--files",
        "leaky.py",
    )

    assert outcome.returncode == 1, outcome.output
    assert "PL101" in outcome.output


def test_all_files_give_one_report(
    sample_repo: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    # pre-commit splits the files of a hook over processes unless it asks to run once
    for index in range(12):
        (sample_repo / f"mod{index}.py").write_text(CLEAN_SOURCE)
    _git(sample_repo, "add", ".")
    repo, commit = hook_repo
    config = sample_repo.parent / "pre-commit-config.yaml"
    config.write_text(
        f"repos:\n- repo: {repo.as_posix()}\n  rev: {commit}\n  hooks:\n  - id: {HOOK_ID}\n"
    )
    env = _clean_env(PRE_COMMIT_HOME=str(pre_commit_home))
    outcome = _pre_commit(
        sample_repo, env, "run", HOOK_ID, "--config", str(config), "--color", "never",
        "--all-files",
    )  # fmt: skip

    assert outcome.returncode == 1, outcome.output
    assert outcome.output.count("Found 1 finding") == 1, outcome.output
    assert "in 14 files" in outcome.output
