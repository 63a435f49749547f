"""Instructions per logging call, with and without ``privlint.runtime.install()``,
counted by valgrind's callgrind: a measure that machine noise does not move (wall
clock on a shared machine swings by 0.3x between runs; this by under 1%).

Run from the repository root, where valgrind is installed (it is not a project
dependency: ``apt-get install valgrind``)::

    .venv/bin/python bench/runtime/instructions.py [--calls 3]
    .venv/bin/python bench/runtime/instructions.py --maskers [--lines 1000]

``--maskers`` counts instead the instructions of one masked line, on the fresh lines
``recall_bench.py`` times (``mask_bench.corpus``, 60% clean), for privlint's
``mask()``, the naive four-regex masker and scrubadub: the throughput comparison
without the noise of a shared machine (which moves the wall-clock ratios by 0.3x).

Each mode runs once under callgrind, which counts only the logging calls: after a
warm-up, ``--calls`` passes of 300 clean lines it has not logged before (each pass
its own) are logged through ``itertools.starmap``, and collection is on only inside
it (``--toggle-collect=starmap_next``; neither logging nor privlint uses starmap).
(The difference of two whole runs, logging or not, which this script took before,
moved by 5-10% between runs of the same code: a plain call counted 75k in one run
and 82k in the next, and the ``hooks`` mode came out negative.) Modes:
``plain`` (no privlint), ``hooks`` (installed, with a masker that returns its input:
the cost of the logging hooks alone) and ``install`` (installed).
"""

from __future__ import annotations

import argparse
import collections
import gc
import importlib.util
import io
import itertools
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve()


def _log(mode: str, calls: int, logged: bool) -> int:
    """Make ``calls`` passes of fresh clean lines and, if ``logged``, log them in
    ``mode``; return how many lines a pass holds."""
    sys.path.insert(0, str(_HERE.parent))
    import mask_bench

    import privlint.runtime as runtime
    from privlint.runtime.mask import Masker

    warm = [line.text for line in mask_bench.corpus(600, 7) if not line.truth]
    # each pass logs lines the masker has not seen (it remembers what it learnt of
    # a line's shape, which lines seen before would profit from unduly)
    passes = [
        [line.text for line in mask_bench.corpus(600, 8 + n) if not line.truth][:300]
        for n in range(calls)
    ]
    log = logging.getLogger("bench.app.module")
    log.propagate = False
    log.setLevel(logging.INFO)
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.addHandler(handler)
    runtime.configure()
    if mode != "plain":
        runtime.install(structlog=False, loguru=False)
    if mode == "hooks":
        Masker.mask = lambda self, text: text  # type: ignore[method-assign]
    for line in warm:  # warm up: key names classified, bytecode specialised
        log.info("%s", line)
    _settle()
    if logged:
        for lines in passes:
            handler.stream = io.StringIO()
            # counted by callgrind: each call of starmap's next, and what it calls
            collections.deque(itertools.starmap(log.info, [("%s", line) for line in lines]), 0)
    return min(map(len, passes), default=0)


def _settle() -> None:
    """Collect and freeze what the set-up made, before the counted part: a collection
    of the whole heap then falls (or not) inside the count depending on how many
    objects the set-up happened to allocate, which moved a count by 0.5-1k
    instructions per call between runs of the same masking code. New objects are
    still collected as the code allocates them, as in any program."""
    gc.collect()
    gc.freeze()


def _mask(tool: str, count: int) -> int:
    """Mask ``count`` fresh bench lines with ``tool``, after a warm-up on others;
    return how many lines were masked."""
    sys.path.insert(0, str(_HERE.parent))
    import mask_bench
    import recall_bench

    from privlint.runtime import _state

    lines = [line.text for line in mask_bench.corpus(count, 101)]
    warm = [line.text for line in mask_bench.corpus(200, 18)]
    if tool == "privlint":
        masker = _state.masker()
        run: Any = masker.mask
    elif tool == "naive":
        run = recall_bench.naive_mask
    else:
        import scrubadub  # type: ignore[import-untyped]

        run = scrubadub.Scrubber().clean
    for text in warm:
        run(text)
    if tool == "privlint" and masker._screen is not None:
        masker._screen._shape_memo.clear()  # lines of a new round, as recall_bench does
    work = [(text,) for text in lines]
    _settle()
    collections.deque(itertools.starmap(run, work), 0)
    return len(lines)


def _count(mode: str, calls: int, logged: bool) -> tuple[int, int]:
    """Instructions of one run under callgrind, and the number of lines in a pass."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--collect-atstart=no",
            "--toggle-collect=starmap_next",
            sys.executable,
            str(_HERE),
            "--inner",
            mode,
            str(calls),
            "logged" if logged else "made",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    collected = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if collected is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(collected.group(1)), int(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--inner"]:
        if args[1].startswith("mask:"):
            print(_mask(args[1][5:], int(args[2])))
        else:
            print(_log(args[1], int(args[2]), args[3] == "logged"))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=3, help="passes over the lines")
    parser.add_argument("--maskers", action="store_true", help="instructions a masked line")
    parser.add_argument("--lines", type=int, default=1000, help="lines with --maskers")
    options = parser.parse_args(args)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    if options.maskers:
        return _maskers(options.lines)
    per_call: dict[str, float] = {}
    for mode in ("plain", "hooks", "install"):
        total, lines = _count(mode, options.calls, logged=True)
        per_call[mode] = total / (options.calls * lines)
        print(f"{mode:8s} {per_call[mode]:10,.0f} instructions per logging call", flush=True)
    plain = per_call["plain"]
    print(
        f"install() / plain = {per_call['install'] / plain:.2f}x "
        f"(hooks {(per_call['hooks'] - plain) / plain:.2f}x, masking "
        f"{(per_call['install'] - per_call['hooks']) / plain:.2f}x of a plain call)"
    )
    return 0


def _maskers(count: int) -> int:
    per_line: dict[str, float] = {}
    for tool in ("privlint", "naive", "scrubadub"):
        if tool == "scrubadub" and importlib.util.find_spec("scrubadub") is None:
            continue
        # scrubadub is ~10x slower under callgrind too: a tenth of the lines
        lines = max(count // 10, 1) if tool == "scrubadub" else count
        total, masked = _count(f"mask:{tool}", lines, logged=True)
        per_line[tool] = total / masked
        print(f"{tool:10s} {per_line[tool]:12,.0f} instructions per masked line", flush=True)
    ours = per_line["privlint"]
    for other in ("naive", "scrubadub"):
        if other in per_line:
            print(f"privlint vs {other}: {per_line[other] / ours:.2f}x fewer instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
