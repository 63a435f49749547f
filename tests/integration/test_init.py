"""privlint init: a commented [tool.privlint] that changes nothing until edited, whose
keys are real (uncommented, they load), never written over an existing section; and the
pre-commit snippet for this version."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

import privlint
from privlint.cli import main
from privlint.init import SECTION, precommit_snippet
from privlint.policy import load_policy
from privlint.policy.model import DEFAULT_TEST_PATHS


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_appends_a_section_that_loads_as_the_defaults(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "pyproject.toml").write_text('[project]\nname = "app"\n')

    assert main(["init"]) == 0
    text = (here / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "app"\n\n[tool.privlint]\n')
    policy = load_policy(here / "pyproject.toml")
    assert policy.test_paths == DEFAULT_TEST_PATHS
    captured = capsys.readouterr()
    assert "added [tool.privlint] to pyproject.toml" in captured.err
    assert precommit_snippet() in captured.out


def test_init_creates_pyproject_when_missing(here: Path) -> None:
    assert main(["init"]) == 0
    assert tomllib.loads((here / "pyproject.toml").read_text()) == {"tool": {"privlint": {}}}


@pytest.mark.parametrize(
    "existing", ["[tool.privlint]\nfail-on = 'error'\n", "[tool.privlint.names]\nx = []\n"]
)
def test_init_never_touches_an_existing_section(
    here: Path, capsys: pytest.CaptureFixture[str], existing: str
) -> None:
    (here / "pyproject.toml").write_text(existing)

    assert main(["init"]) == 1
    assert (here / "pyproject.toml").read_text() == existing
    assert "already has [tool.privlint]; nothing written" in capsys.readouterr().err


def test_init_refuses_a_file_that_is_not_toml(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "pyproject.toml").write_text("[project\n")

    assert main(["init"]) == 2
    assert (here / "pyproject.toml").read_text() == "[project\n"
    assert "pyproject.toml: not valid TOML" in capsys.readouterr().err


def test_every_commented_key_is_a_real_setting(here: Path) -> None:
    # uncomment the examples: the configuration they make must load without an error
    lines = []
    for line in SECTION.splitlines():
        match = re.match(r"^# (\S.*?= .*?)(\s+#.*)?$", line)
        if match and not line.startswith("# findings"):
            lines.append(match.group(1))
        elif re.match(r"^#\s{10,}\S", line):  # a continued value
            lines.append(line[1:].strip())
        elif line.startswith("# [tool.privlint"):
            lines.append(line[2:].split("#")[0].strip())
        elif not line.startswith("#"):
            lines.append(line)
    uncommented = "\n".join(lines) + "\n"
    (here / "pyproject.toml").write_text(uncommented)

    policy = load_policy(here / "pyproject.toml")
    assert "PL104" in policy.disabled_rules
    assert policy.test_paths == DEFAULT_TEST_PATHS  # the comment shows the real default


def test_precommit_snippet_names_the_repository_and_this_versions_tag() -> None:
    (repo,) = yaml.safe_load(precommit_snippet())["repos"]

    assert repo == {
        "repo": privlint.REPOSITORY_URL,
        "rev": f"v{privlint.__version__}",
        "hooks": [{"id": "privlint"}],
    }
    hooks = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    )
    assert [hook["id"] for hook in hooks] == ["privlint"]


def test_readme_shows_the_snippet_init_prints() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## pre-commit", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None

    assert yaml.safe_load(block.group(1)) == yaml.safe_load(precommit_snippet())


def test_creating_pyproject_next_to_setup_py_says_what_it_changes(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "setup.py").write_text("from setuptools import setup\nsetup()\n")

    assert main(["init"]) == 0
    assert "pip now builds it in an isolated environment" in capsys.readouterr().err
