"""The repository's own quality gates, run the way CI runs them: mypy (strict, configured in
pyproject.toml), ruff lint and format, and privlint on its own source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_mypy_passes() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_check_passes() -> None:
    done = _run("ruff", "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_check_passes() -> None:
    done = _run("ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_privlint_reports_nothing_on_its_own_source() -> None:
    done = _run("privlint", "check", "privlint")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("No findings in "), done.stdout
    assert "Traceback" not in done.stderr


def test_the_whole_checkout_has_no_error_or_warning() -> None:
    """The README's first command on privlint's own checkout: tests and examples hold
    secrets and leaks on purpose, as notes; nothing fails the run."""
    done = _run("privlint", "check", ".", "--no-cache", "--quiet")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "Traceback" not in done.stderr
