"""Instructions per logging call, with and without ``privlint.runtime.install()``,
counted by valgrind's callgrind: a measure that machine noise does not move (wall
clock on a shared machine swings by 0.3x between runs; this by under 1%).

Run from the repository root, where valgrind is installed (it is not a project
dependency: ``apt-get install valgrind``)::

    .venv/bin/python bench/runtime/instructions.py [--calls 3]

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
import io
import itertools
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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
    if logged:
        for lines in passes:
            handler.stream = io.StringIO()
            # counted by callgrind: each call of starmap's next, and what it calls
            collections.deque(itertools.starmap(log.info, [("%s", line) for line in lines]), 0)
    return min(map(len, passes), default=0)


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
        print(_log(args[1], int(args[2]), args[3] == "logged"))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=3, help="passes over the lines")
    options = parser.parse_args(args)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
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


if __name__ == "__main__":
    sys.exit(main())
