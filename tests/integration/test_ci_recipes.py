"""The CI recipes work the first time: the composite GitHub Action (action.yml), the
GitLab CI template and the plain shell step are checked for their structure, and their
commands are run here on a small project, as the CI would run them (without the steps
that need GitHub: setting up Python, installing from the action's checkout, uploading).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

import privlint

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
GITLAB = ROOT / "ci" / "gitlab" / "privlint.gitlab-ci.yml"
SHELL_STEP = ROOT / "ci" / "shell" / "privlint-ci.sh"
BIN = Path(sys.executable).parent
SARIF_SCHEMA = ROOT / "tests" / "reporters" / "data" / "sarif-schema-2.1.0.json"
GITLAB_SCHEMA = ROOT / "tests" / "reporters" / "data" / "gitlab-codequality.schema.json"

LEAKY = "import logging\n\n\ndef login(password):\n    logging.info(password)\n"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _project(tmp_path: Path, leaky: bool = True) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "app.py").write_text(LEAKY if leaky else "x = 1\n")
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PRIVLINT_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


# -- the GitHub Action -------------------------------------------------------------------


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _load(ACTION)["runs"]["steps"]
    return steps


def test_action_is_a_composite_action_with_described_inputs() -> None:
    action = _load(ACTION)

    assert action["name"] == "privlint"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
        assert "default" in spec or spec.get("required"), name
    for step in _steps():
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", step  # composite run steps need a shell


def test_action_refers_only_to_its_own_inputs_and_steps() -> None:
    action = _load(ACTION)
    text = ACTION.read_text(encoding="utf-8")
    ids = {step["id"] for step in _steps() if "id" in step}

    for expression in EXPRESSION.findall(text):
        for name in re.findall(r"inputs\.([\w-]+)", expression):
            assert name in action["inputs"], expression
        for name in re.findall(r"steps\.([\w-]+)\.", expression):
            assert name in ids, expression


def test_action_never_pastes_an_input_into_a_script() -> None:
    # an input in `run:` is shell injection; they go through `env:`
    for step in _steps():
        assert "${{" not in step.get("run", ""), step["name"]


def test_action_uploads_sarif_and_annotates_with_the_github_format() -> None:
    steps = _steps()
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    check = next(step for step in steps if step.get("id") == "check")
    annotate = next(step for step in steps if "--format github" in step.get("run", ""))

    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "always()" in upload["if"]  # findings fail the check step; upload them anyway
    assert "--format sarif" in check["run"] and '--output "$PRIVLINT_SARIF"' in check["run"]
    # upload-sarif keeps the log's automationDetails.id over its own category input
    assert "category" not in upload["with"]
    assert '--sarif-category "$PRIVLINT_CATEGORY"' in check["run"]
    assert annotate["if"] == "inputs.annotations == 'true'"


def test_action_installs_privlint_from_its_own_checkout() -> None:
    install = next(step for step in _steps() if "pip install" in step.get("run", ""))

    assert install["env"] == {"ACTION_PATH": "${{ github.action_path }}"}
    assert install["run"].endswith('"$ACTION_PATH"')
    # the action's checkout is this repository: an installable project
    assert (ACTION.parent / "pyproject.toml").is_file()


def _render(text: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        if expression == "github.action_path":
            return str(ROOT)
        step_output = re.fullmatch(r"steps\.[\w-]+\.outputs\.([\w-]+)", expression)
        if step_output:
            return outputs.get(step_output.group(1), "")
        raise AssertionError(f"expression not understood by this test: {expression}")

    return EXPRESSION.sub(value, text)


def _condition(expression: str, inputs: dict[str, str]) -> bool:
    """The few expressions action.yml uses: always(), inputs.x == 'y', &&."""
    result = True
    for part in expression.split("&&"):
        part = part.strip()
        if part == "always()":
            continue
        match = re.fullmatch(r"inputs\.([\w-]+) == '([^']*)'", part)
        assert match, f"condition not understood by this test: {part}"
        result = result and inputs[match.group(1)] == match.group(2)
    return result


def _run_action(project: Path, **given: str) -> tuple[int, dict[str, str], str]:
    """Run the action's shell steps in ``project``: (last step's status, outputs, stdout)."""
    action = _load(ACTION)
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(given)
    output_file = project.parent / f"{project.name}-github-output"
    output_file.write_text("")
    outputs: dict[str, str] = {}
    stdout = ""
    status = 0
    for step in action["runs"]["steps"]:
        if "uses" in step or "pip install" in step["run"]:
            continue
        if "if" in step and not _condition(step["if"], inputs):
            continue
        env = {
            key: _render(str(value), inputs, outputs) for key, value in step.get("env", {}).items()
        }
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=project,
            env=_env(GITHUB_OUTPUT=str(output_file), **env),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        stdout += done.stdout
        status = done.returncode
        for line in output_file.read_text().splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if status != 0 and step is not action["runs"]["steps"][-1]:
            break
    return status, outputs, stdout


def test_action_steps_report_findings_as_sarif_and_annotations_and_fail(tmp_path: Path) -> None:
    project = _project(tmp_path / "repo")
    status, outputs, stdout = _run_action(project)

    assert status == 1
    assert outputs == {"exit-code": "1"}
    document = json.loads((project / "privlint.sarif").read_text())
    schema = json.loads(SARIF_SCHEMA.read_text())
    assert list(jsonschema.Draft7Validator(schema).iter_errors(document)) == []
    assert [r["ruleId"] for r in document["runs"][0]["results"]] == ["PL101"]
    assert stdout.startswith("::error file=app.py,line=5,")


def test_action_steps_pass_on_a_clean_project_and_honour_inputs(tmp_path: Path) -> None:
    project = _project(tmp_path / "repo", leaky=False)
    status, outputs, stdout = _run_action(
        project,
        annotations="false",
        **{"sarif-file": "out/p.sarif", "args": "--select PL1", "category": "backend"},
    )

    assert (status, outputs) == (0, {"exit-code": "0"})
    assert stdout == ""
    run = json.loads((project / "out" / "p.sarif").read_text())["runs"][0]
    assert run["results"] == []
    assert run["automationDetails"] == {"id": "backend/"}


def test_action_fail_on_input_reaches_privlint(tmp_path: Path) -> None:
    project = _project(tmp_path / "repo")
    (project / "app.py").write_text("def show(user_id):\n    print(user_id)\n")  # a note

    assert _run_action(project, **{"fail-on": "note"})[0] == 1
    assert _run_action(project, **{"fail-on": "error"})[0] == 0


# -- GitLab CI -----------------------------------------------------------------------------


def test_gitlab_template_reports_code_quality_as_an_artifact() -> None:
    job = _load(GITLAB)["privlint"]
    (script,) = job["script"]
    report = job["artifacts"]["reports"]["codequality"]

    assert "--format gitlab" in script and f"--output {report}" in script
    assert job["artifacts"]["when"] == "always"  # the job fails on findings
    assert any("pip install" in line for line in job["before_script"])


def test_gitlab_template_installs_from_the_repository_url() -> None:
    text = GITLAB.read_text(encoding="utf-8")
    urls = re.findall(r"https://[^\s\"@]+", text)

    assert urls and all(url.startswith(privlint.REPOSITORY_URL) for url in urls), urls


def test_gitlab_template_script_writes_a_valid_report_and_fails_on_findings(
    tmp_path: Path,
) -> None:
    job = _load(GITLAB)["privlint"]
    project = _project(tmp_path)
    variables = {key: str(value) for key, value in job["variables"].items()}
    done = subprocess.run(
        ["sh", "-c", job["script"][0]],
        cwd=project,
        env=_env(**variables),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 1, done.stderr
    report = json.loads((project / job["artifacts"]["reports"]["codequality"]).read_text())
    schema = json.loads(GITLAB_SCHEMA.read_text())
    assert list(jsonschema.Draft7Validator(schema).iter_errors(report)) == []
    assert [(i["check_name"], i["location"]) for i in report] == [
        ("PL101", {"path": "app.py", "lines": {"begin": 5}})
    ]


# -- a plain shell step --------------------------------------------------------------------


@pytest.mark.parametrize(("leaky", "status"), [(True, 1), (False, 0)])
def test_shell_step_keeps_sarif_logs_findings_and_exits_as_privlint(
    tmp_path: Path, leaky: bool, status: int
) -> None:
    project = _project(tmp_path, leaky=leaky)
    done = subprocess.run(
        ["sh", str(SHELL_STEP)],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == status, done.stderr
    assert (project / "privlint.sarif").is_file()
    assert ("app.py:5:18: PL101 [error]" in done.stderr) is leaky
