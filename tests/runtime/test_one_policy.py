"""One source of truth: a category a project adds in ``[tool.privlint]`` is flagged by
the static rules and masked at run time, from the same Policy object."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

import privlint.runtime as runtime
from privlint.engine.runner import analyze_source
from privlint.policy import load_policy
from privlint.rules.base import all_rules

PYPROJECT = """
[tool.privlint.categories."health.patient"]
level = "critical"
description = "Patient references"
names = ["patient_ref"]
values = [
    { name = "patient-ref", pattern = '\\bPR-\\d{6}\\b', keep-suffix = 2 },
]
"""


def test_project_category_is_flagged_statically_and_masked_at_run_time(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(PYPROJECT)
    policy = load_policy(config=config)

    code = "import logging\nlog = logging.getLogger(__name__)\nlog.info('ref %s', patient_ref)\n"
    findings = analyze_source(code, "app.py", policy, all_rules())
    assert [(f.rule_id, "health.patient" in f.message) for f in findings] == [("PL101", True)]

    masker = runtime.configure(policy)
    assert masker.mask("admitted PR-123456 today") == "admitted ***56 today"
    assert masker.mask("patient_ref=abc-9") == "patient_ref=***"

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log = logging.getLogger("one_policy_test")
    log.addHandler(handler)
    try:
        runtime.install()
        log.warning("ref %s", "PR-654321")
    finally:
        log.removeHandler(handler)
    assert stream.getvalue() == "ref ***21\n"


def test_importing_the_runtime_does_not_load_the_analyser() -> None:
    code = (
        "import sys, privlint.runtime\n"
        "heavy = [m for m in ('libcst', 'privlint.engine', 'privlint.rules', 'privlint.policy',"
        " 'requests', 'httpx', 'aiohttp', 'urllib.request') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
