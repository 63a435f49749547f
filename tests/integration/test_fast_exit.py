"""``python -m privlint`` exits without tearing the interpreter down (privlint.cli.run):
its reports are whole, its exit code and the exit functions are those of a normal
exit, and a thread still at work is waited for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LEAKS = "".join(
    f"import logging\n\n\ndef login_{index}(password):\n    logging.info(password)\n\n\n"
    for index in range(150)
)


def _privlint(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privlint", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _project(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "app.py").write_text(LEAKS)


def test_reports_are_whole_and_the_exit_code_kept(tmp_path: Path) -> None:
    _project(tmp_path)
    text = _privlint(tmp_path, "check", "app.py", "--no-cache")
    assert text.returncode == 1
    assert text.stdout.count("PL101") >= 150
    assert text.stdout.rstrip().endswith("in 1 file.")  # the summary, last: all flushed
    out = _privlint(tmp_path, "check", "app.py", "--no-cache", "--format", "json", "-o", "r.json")
    assert out.returncode == 1
    assert len(json.loads((tmp_path / "r.json").read_text())["findings"]) == 150
    (tmp_path / "clean.py").write_text("x = 1\n")
    assert _privlint(tmp_path, "check", "clean.py", "--no-cache").returncode == 0
    missing = _privlint(tmp_path, "check", "missing.py", "--no-cache")
    assert missing.returncode == 2 and "missing.py" in missing.stderr


PROBE = """
import atexit, sys, threading, time
from pathlib import Path
from privlint.cli import run
atexit.register(lambda: Path("exit-functions-ran").write_text("yes"))
if sys.argv[1] == "thread":
    def late():
        time.sleep(0.5)
        Path("thread-finished").write_text("yes")
    threading.Thread(target=late).start()
sys.argv[1:] = ["check", "app.py", "--no-cache", "--quiet"]
run()
"""


def test_exit_functions_run(tmp_path: Path) -> None:
    _project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "plain"], cwd=tmp_path, check=False, timeout=120
    )
    assert done.returncode == 1
    assert (tmp_path / "exit-functions-ran").read_text() == "yes"


def test_a_thread_at_work_is_waited_for(tmp_path: Path) -> None:
    _project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "thread"], cwd=tmp_path, check=False, timeout=120
    )
    assert done.returncode == 1
    assert (tmp_path / "thread-finished").read_text() == "yes"
    assert (tmp_path / "exit-functions-ran").read_text() == "yes"
