"""The README's "Workflows" section works as written: its shell blocks run on a fresh
project (in a git checkout with an origin remote) without a usage error, and its YAML
blocks name inputs, paths and URLs that exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import privlint

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LEAKY = "import logging\n\n\ndef login(password):\n    logging.info(password)\n"


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Workflows\n(.*?)(?=^## )", readme, re.M | re.S)
    assert match, 'README.md has no "## Workflows" section'
    return match.group(1)


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", _section(), re.M | re.S)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("index", range(len(_blocks("sh"))))
def test_each_shell_block_runs_on_a_fresh_project(tmp_path: Path, index: int) -> None:
    origin, project = tmp_path / "origin.git", tmp_path / "app"
    _git(tmp_path, "init", "-q", "--bare", str(origin))
    project.mkdir()
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "user.email", "t@example.com")
    _git(project, "config", "user.name", "t")
    (project / "pyproject.toml").write_text('[project]\nname = "app"\n')
    (project / "app.py").write_text(LEAKY)
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "one")
    _git(project, "remote", "add", "origin", str(origin))
    _git(project, "push", "-q", "origin", "main")
    if (
        "--baseline .privlint-baseline.json" in _blocks("sh")[index]
        and "baseline ." not in (_blocks("sh")[index])
    ):
        subprocess.run([BIN / "privlint", "baseline", "."], cwd=project, check=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PRIVLINT_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"

    done = subprocess.run(
        ["bash", "-c", _blocks("sh")[index]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "usage" not in done.stderr.lower() and "error:" not in done.stderr, done.stderr


@pytest.mark.parametrize("index", range(sum("steps" in b for b in _blocks("yaml"))))
def test_the_github_blocks_use_the_action_with_its_own_inputs(index: int) -> None:
    workflow = [yaml.safe_load(b) for b in _blocks("yaml") if "steps" in b][index]
    inputs = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    step = next(s for s in workflow["steps"] if "privlint" in s["uses"])
    owner_name = urlsplit(privlint.REPOSITORY_URL).path.strip("/")

    assert step["uses"] == f"{owner_name}@v0"
    assert set(step.get("with", {})) <= set(inputs)
    assert workflow["permissions"]["security-events"] == "write"  # upload-sarif needs it
    if "--diff-base" in step.get("with", {}).get("args", ""):
        checkout = next(s for s in workflow["steps"] if "checkout" in s["uses"])
        assert checkout["with"]["fetch-depth"] == 0  # a shallow clone has no base


def test_the_gitlab_block_includes_the_template_from_the_repository() -> None:
    block = next(yaml.safe_load(b) for b in _blocks("yaml") if "include" in b)
    (entry,) = block["include"]
    prefix = f"{privlint.REPOSITORY_URL}/-/raw/v0/"

    assert entry["remote"].startswith(prefix)
    assert (ROOT / entry["remote"].removeprefix(prefix)).is_file()


def test_the_files_the_section_names_exist() -> None:
    for name in re.findall(r"`((?:ci|docs)/[\w./-]+|action\.yml|CHANGELOG\.md)`", _section()):
        assert (ROOT / name).exists(), name
    assert (ROOT / "CHANGELOG.md").is_file()


def test_the_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(privlint.__version__)}\b", changelog, re.M)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{privlint.__version__}"' in pyproject
