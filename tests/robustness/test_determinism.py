"""Determinism (#14): the same tree gives byte-identical SARIF and JSON across runs,
across ``--jobs`` values (serial, and the process pool) and across hash seeds.

The project has a few dozen files (more than the 32 from which ``scan_files`` uses its
process pool) with findings of every rule family: logging, secrets in Python and in
config files, transport, reprs, error trackers, storage, and files that do not parse.
"""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import privlint.engine.scan as scan
from privlint.cli import main

FORMATS = ("sarif", "json")
HASH_SEEDS = ("0", "1", "12345")


def joined(*pieces: str) -> str:
    """Secret-shaped text assembled at run time, so none is written in this file."""
    return "".join(pieces)


def _files() -> dict[str, str]:
    rng = random.Random(14)

    def run(length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return "".join(rng.choice(alphabet) for _ in range(length))

    files: dict[str, str] = {"pyproject.toml": "[tool.privlint]\n"}
    for index in range(12):
        package = f"pkg{index % 3}"
        files[f"{package}/logs_{index}.py"] = (
            "import logging\n\nlog = logging.getLogger(__name__)\n\n\n"
            "def login(user_id, password, email):\n"
            "    log.info('login %s %s', user_id, password)\n"
            "    print(f'{email} logged in')\n"
            "    log.info('login %s %s', user_id, password)\n"  # an identical finding
            "    raise ValueError(f'bad password {password}')\n"
        )
        files[f"{package}/net_{index}.py"] = (
            "import requests\nimport sentry_sdk\n\n"
            f"requests.get('http://api{index}.payments.io/v1', verify=False)\n"
            "sentry_sdk.init(dsn='https://k@o1.ingest.sentry.io/1', send_default_pii=True)\n"
        )
        files[f"{package}/models_{index}.py"] = (
            "import json\nfrom dataclasses import dataclass\n\n\n"
            "@dataclass\nclass Account:\n    user: str\n    password: str\n\n\n"
            "def save(account, password):\n"
            "    with open('a.json', 'w') as handle:\n"
            "        json.dump({'password': password}, handle)\n"
            f"\n\nDB_PASSWORD = '{run(18)}'\n"
        )
    for index in range(4):
        files[f"conf/service{index}.env"] = (
            f"AWS_ACCESS_KEY_ID={joined('AK', 'IA')}{run(16, string.ascii_uppercase)}\n"
            f"GITHUB_TOKEN={joined('gh', 'p_')}{run(36)}\n"
            f"DB_PASSWORD={run(20)}\n"
        )
        files[f"conf/service{index}.yaml"] = (
            f"database:\n  password: {run(20)}\n"
            f"url: postgres://app:{run(16)}@db{index}.payments.io/app\n"
        )
    files["broken/syntax.py"] = "def f(:\n    pass\n"
    files["broken/indent.py"] = "def f():\nreturn 1\n"
    files["données/été.py"] = "import logging\n\n\ndef f(password):\n    logging.info(password)\n"
    files[".env"] = f"API_KEY={run(24)}\n"
    return files


FILES = _files()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("determinism") / "project"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class _CountingPool(ProcessPoolExecutor):
    created = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        type(self).created += 1
        super().__init__(*args, **kwargs)


def _in_process(
    project: Path, out: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> dict[str, bytes]:
    """Reports of an in-process run, written outside the project (else the next run
    would scan them)."""
    monkeypatch.chdir(project)
    monkeypatch.delenv("PRIVLINT_JOBS", raising=False)
    reports = {}
    for fmt in FORMATS:
        target = out / f"in-process-{jobs}.{fmt}"
        assert main(["check", "--jobs", jobs, "--format", fmt, "--output", str(target)]) == 1
        reports[fmt] = target.read_bytes()
    return reports


def _python_m_privlint(project: Path, out: Path, seed: str) -> dict[str, bytes]:
    env = {key: value for key, value in os.environ.items() if key != "PRIVLINT_JOBS"}
    env["PYTHONHASHSEED"] = seed
    reports = {}
    for fmt in FORMATS:
        target = out / f"seed-{seed}.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "privlint", "check", "--jobs", "2", "--format", fmt,
             "--output", str(target)],
            cwd=project, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        reports[fmt] = target.read_bytes()
    return reports


def test_project_is_large_enough_for_the_process_pool() -> None:
    assert len(FILES) >= 32


def test_reports_are_byte_identical_across_runs_jobs_and_hash_seeds(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(scan, "ProcessPoolExecutor", _CountingPool)
    _CountingPool.created = 0
    runs = {
        "first run, --jobs 1": _in_process(project, tmp_path, monkeypatch, "1"),
        "second run, --jobs 1": _in_process(project, tmp_path, monkeypatch, "1"),
    }
    assert _CountingPool.created == 0
    runs["--jobs 2"] = _in_process(project, tmp_path, monkeypatch, "2")
    assert _CountingPool.created == len(FORMATS), "the process pool was not used"
    for seed in HASH_SEEDS:
        runs[f"PYTHONHASHSEED={seed}, --jobs 2"] = _python_m_privlint(project, tmp_path, seed)
    capfd.readouterr()

    first = runs["first run, --jobs 1"]
    sarif = first["sarif"].decode()
    for rule in ("PL000", "PL101", "PL201", "PL202", "PL203", "PL206", "PL208", "PL301"):
        assert f'"{rule}"' in sarif, rule
    for rule in ("PL302", "PL401", "PL501", "PL601"):
        assert f'"{rule}"' in sarif, rule
    for name, reports in runs.items():
        for fmt in FORMATS:
            assert reports[fmt] == first[fmt], f"{fmt} differs: {name}"
