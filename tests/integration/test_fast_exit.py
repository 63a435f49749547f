"""``python -m privlint`` exits without tearing the interpreter down (privlint.cli.run):
its reports are whole, its exit code and the exit functions are those of a normal
exit, and a thread still at work is waited for. It runs without the cyclic garbage
collector only for a check of a few files."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from privlint import cli

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


@pytest.mark.parametrize(
    ("mode", "written"),
    [
        ("plain", ("exit-functions-ran",)),
        # a thread at work is waited for, and the exit functions still run
        ("thread", ("thread-finished", "exit-functions-ran")),
    ],
)
def test_exit_functions_run_and_a_thread_at_work_is_waited_for(
    tmp_path: Path, mode: str, written: tuple[str, ...]
) -> None:
    _project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], cwd=tmp_path, check=False, timeout=120
    )
    assert done.returncode == 1
    for name in written:
        assert (tmp_path / name).read_text() == "yes", name


@pytest.mark.parametrize(
    ("arguments", "short"),
    [
        (["check", "a.py"], True),
        (["check", "a.py", "b.py", "--format", "json", "--output", "new.json"], True),
        (["check", *(f"m{index}.py" for index in range(cli.SHORT_RUN_FILES))], True),
        (["check", *(f"m{index}.py" for index in range(cli.SHORT_RUN_FILES + 1))], False),
        (["check", "a.py", "pkg"], False),  # a folder: any number of files
        (["check", "a.py", "big.py"], False),  # more source than a short run reads
        (["check"], False),  # the current folder
        (["check", "missing.py"], False),
        (["baseline", "a.py"], False),
        ([], False),
    ],
)
def test_a_short_run_is_a_check_of_a_few_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], short: bool
) -> None:
    for index in range(cli.SHORT_RUN_FILES + 1):
        (tmp_path / f"m{index}.py").write_text("")
    (tmp_path / "a.py").write_text("")
    (tmp_path / "b.py").write_text("")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "big.py").write_text("#" * (cli.SHORT_RUN_BYTES + 1))
    monkeypatch.chdir(tmp_path)
    assert cli.short_run(arguments) is short


@pytest.mark.parametrize(("target", "collecting"), [("a.py", False), (".", True)])
def test_the_collector_is_on_again_unless_the_run_is_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, collecting: bool
) -> None:
    (tmp_path / "a.py").write_text("")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["privlint", "check", target])
    seen: list[bool] = []

    def main() -> int:
        seen.append(gc.isenabled())
        return 0

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(cli, "exit_now", exit_now)
    gc.disable()  # as privlint.__main__ leaves it
    try:
        with pytest.raises(SystemExit):
            cli.run()
    finally:
        gc.enable()
    assert seen == [collecting]
