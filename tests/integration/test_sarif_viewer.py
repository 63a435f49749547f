"""What an IDE's SARIF viewer (VS Code's SARIF Viewer) needs to open a result: each
result's artifact location resolves, through originalUriBaseIds, to the file on disk,
from whatever folder privlint ran in; its region is inside the file; its rule has help
in Markdown and a help page link."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from privlint.cli import main

LEAKY = "import logging\n\n\ndef login(password):\n    logging.info(password)\n"


def _resolve(location: dict[str, str], bases: dict[str, dict[str, str]]) -> Path:
    uri = location["uri"]
    if "uriBaseId" in location:
        uri = bases[location["uriBaseId"]]["uri"] + uri
    parts = urlsplit(uri)
    assert parts.scheme == "file", uri
    return Path(unquote(parts.path))


@pytest.mark.parametrize("in_git", [False, True])
def test_every_result_opens_its_file_at_its_region_with_the_rules_help(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_git: bool,
) -> None:
    if in_git and shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "pkg" / "my app").mkdir(parents=True)
    (tmp_path / "pkg" / "my app" / "lögin.py").write_text(LEAKY)
    if in_git:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path / "pkg")

    assert main(["check", ".", "--format", "sarif", "--no-cache"]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rules = run["tool"]["driver"]["rules"]

    assert run["results"]
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        path = _resolve(physical["artifactLocation"], run["originalUriBaseIds"])
        assert path.is_file(), path
        lines = path.read_text().splitlines()
        region = physical["region"]
        assert 1 <= region["startLine"] <= region["endLine"] <= len(lines)
        assert region["startColumn"] <= len(lines[region["startLine"] - 1]) + 1
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["markdown"].startswith(f"# {rule['id']} ")
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
