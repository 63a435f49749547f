"""A tiny run of the speed benchmark, so that it cannot rot: ``bench/run.py`` fetches the
smallest pinned package of its corpus from PyPI (hash-checked), times privlint cold and
warm on it and on a quarter and a half of it, and prints the tables with CPU time and the
peak memory of the process tree. No peer is installed here (Semgrep alone is a large
download); the peers' report readers are checked on reports of their own format."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runs_end_to_end_on_its_smallest_package() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--corpus",
            "requests",
            "--only",
            "privlint,privlint-warm",
            "--no-write",
            "--scaling",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = {
        line.split()[0]: line.split()
        for line in done.stdout.splitlines()
        if line.startswith("privlint")
    }
    cold, warm = rows["privlint"], rows["privlint-warm"]
    # wall, x Bandit, x Semgrep, CPU, CPU x, peak MB, mem x, files, findings
    assert float(cold[1]) > 0 and float(cold[4]) > 0
    assert int(cold[6]) > 20  # the process tree's peak memory was sampled (MB)
    assert int(cold[8]) > 30 and cold[8:10] == warm[8:10]  # same files, same findings
    assert float(warm[4]) < float(cold[4])
    scaling = [
        line for line in done.stdout.splitlines() if re.match(r"\| (quarter|half|whole) ", line)
    ]
    assert [line.split("|")[1].strip() for line in scaling] == ["quarter", "half", "whole"]
    files = [int(line.split("|")[2].replace(",", "")) for line in scaling]
    assert files[0] < files[1] < files[2]


def test_the_peers_reports_are_read(tmp_path: Path) -> None:
    bench = _bench()
    bandit = tmp_path / "bandit.json"
    bandit.write_text(
        json.dumps(
            {
                "results": [{"test_id": "B105"}, {"test_id": "B105"}],
                "metrics": {"a/x.py": {"loc": 3}, "a/y.py": {"loc": 1}, "_totals": {}},
            }
        )
    )
    outcome = bench.bandit_parse(bandit, ["a"])
    assert (outcome.files, outcome.findings) == (2, 2)
    semgrep = tmp_path / "semgrep.json"
    semgrep.write_text(
        json.dumps({"results": [{"check_id": "x"}], "paths": {"scanned": ["a/x.py"]}, "errors": []})
    )
    outcome = bench.semgrep_parse(semgrep, ["a"])
    assert (outcome.files, outcome.findings) == (1, 1)


def test_tree_memory_counts_the_children() -> None:
    bench = _bench()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time; b = bytearray(60_000_000);"
            "subprocess.run([sys.executable, '-c', 'b = bytearray(60_000_000); import time;"
            " time.sleep(1.0)'])",
        ]
    )
    with bench.TreeMemory(child.pid) as memory:
        child.wait(timeout=60)
    if memory.peak is None:
        pytest.skip("no /proc here")
    assert memory.peak > 110_000_000  # both processes' 60 MB, at once


def test_the_pre_commit_case_samples_memory_apart(tmp_path: Path) -> None:
    """``memory_apart``: the timed runs are not sampled (``smaps_rollup`` reads slow a
    short process); one more, untimed run is, for the peak."""
    bench = _bench()
    sampled: list[int | None] = []

    class Recording(bench.TreeMemory):  # type: ignore[name-defined,misc]
        def __init__(self, pid: int | None) -> None:
            sampled.append(pid)
            super().__init__(pid)

    tool = bench.Tool(
        "fake",
        lambda targets, out, jobs: [
            sys.executable,
            "-c",
            f"import pathlib; pathlib.Path({str(out)!r}).write_text('{{}}')",
        ],
        lambda out, targets: bench.Outcome(),
        [sys.executable, "--version"],
    )
    original = bench.TreeMemory
    setattr(bench, "TreeMemory", Recording)  # noqa: B010 - a module's class, swapped
    try:
        result = bench.time_tool(tool, ["x"], 1, 3, 60, tmp_path, cwd=tmp_path, memory_apart=True)
    finally:
        setattr(bench, "TreeMemory", original)  # noqa: B010
    assert result.error is None and len(result.runs) == 3
    assert sampled[:3] == [None, None, None] and sampled[3] is not None and len(sampled) == 4
    if result.peak_memory is None:
        pytest.skip("no /proc here")
    assert result.peak_memory > 0
