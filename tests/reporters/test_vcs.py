"""Where a scan sits in git, for SARIF: never failing outside git, never keeping a
credential of the remote URL."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from privlint.cli import main
from privlint.reporters.vcs import Provenance, find_provenance, public_remote, repository_path

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TOKEN = "glpat-" + "Zq8" * 7


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _repository(root: Path) -> Path:
    _git(root, "init", "-q", "-b", "trunk")
    _git(root, "config", "user.email", "t@example.com")
    _git(root, "config", "user.name", "t")
    return root


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/o/r.git", "https://github.com/o/r.git"),
        (
            f"https://gitlab-ci-token:{TOKEN}@gitlab.example.com/o/r.git",
            "https://gitlab.example.com/o/r.git",
        ),
        (f"https://{TOKEN}@github.com/o/r", "https://github.com/o/r"),
        ("https://host:8443/o/r?x=1#y", "https://host:8443/o/r"),
        ("ssh://git@host:2222/o/r.git", "ssh://host:2222/o/r.git"),
        ("git@github.com:o/r.git", "ssh://github.com/o/r.git"),
        ("/srv/git/r.git", "file:///srv/git/r.git"),
        ("../relative", None),
        ("", None),
    ],
)
def test_remote_urls_lose_their_credentials(url: str, expected: str | None) -> None:
    assert public_remote(url) == expected


def test_outside_git_there_is_no_provenance(tmp_path: Path) -> None:
    assert find_provenance(tmp_path / "no" / "such" / "dir") is None


def test_without_git_installed_there_is_no_provenance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_provenance(tmp_path) is None


@needs_git
def test_a_checkout_gives_its_top_level_commit_branch_and_clean_remote(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (root / "pkg").mkdir()
    assert find_provenance(root / "pkg") == Provenance(root.resolve().as_posix(), None, "trunk")
    (root / "pkg" / "a.py").write_text("x = 1\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "one")
    _git(root, "remote", "add", "origin", f"https://ci:{TOKEN}@git.example.com/o/r.git")

    provenance = find_provenance(root / "pkg")

    assert provenance == Provenance(
        root.resolve().as_posix(),
        _git(root, "rev-parse", "HEAD"),
        "trunk",
        "https://git.example.com/o/r.git",
    )


@needs_git
def test_sarif_from_a_subfolder_has_paths_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repository(tmp_path)
    (root / "pyproject.toml").write_text("[tool.privlint]\n")
    (root / "pkg").mkdir()
    (root / "pkg" / "leaky.py").write_text(
        "import logging\n\n\ndef login(password):\n    logging.info(password)\n"
    )
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "one")
    _git(root, "remote", "add", "origin", f"https://ci:{TOKEN}@git.example.com/o/r.git")
    monkeypatch.chdir(root / "pkg")

    assert main(["check", ".", "--format", "sarif", "--no-cache"]) == 1
    out = capsys.readouterr().out
    run = json.loads(out)["runs"][0]

    assert TOKEN not in out
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "pkg/leaky.py", "uriBaseId": "%SRCROOT%"}
    assert run["versionControlProvenance"] == [
        {
            "repositoryUri": "https://git.example.com/o/r.git",
            "revisionId": _git(root, "rev-parse", "HEAD"),
            "branch": "trunk",
            "mappedTo": {"uriBaseId": "%SRCROOT%"},
        }
    ]


@pytest.mark.parametrize(
    ("path", "root", "expected"),
    [
        ("a.py", "/repo", "a.py"),
        ("sub/a.py", "/repo/pkg", "pkg/sub/a.py"),
        ("../lib/b.py", "/repo/pkg", "lib/b.py"),
        ("/repo/c.py", "/elsewhere", "c.py"),
        ("/opt/x.py", "/repo", "/opt/x.py"),
        ("../../x.py", "/repo/pkg", "/x.py"),
    ],
)
def test_repository_path_is_from_the_top_level(path: str, root: str, expected: str) -> None:
    assert repository_path(path, root, Provenance("/repo")) == expected


def test_repository_path_outside_a_checkout_is_unchanged() -> None:
    assert repository_path("sub/a.py", "/anywhere", None) == "sub/a.py"
